//! JSON writer: the model as it is, `{"schema_version": 1, "deck": ...,
//! "questions": [...]}`, pretty-printed with a trailing newline.
//!
//! The field names are a public interface documented in the README; they
//! come from the serde derives in [`crate::model`].

use crate::model::{Deck, SCHEMA_VERSION};

/// Renders `deck` as pretty JSON (UTF-8), with `schema_version` set to
/// [`SCHEMA_VERSION`].
///
/// # Errors
/// serde_json's message if serialization fails (it does not for this model).
///
/// ```
/// let deck = pyqconv::Deck::new("Python Interview");
/// let bytes = pyqconv::writers::json::render(&deck).unwrap();
/// let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
/// assert_eq!(value["schema_version"], 1);
/// ```
pub fn render(deck: &Deck) -> Result<Vec<u8>, String> {
    let mut deck = deck.clone();
    deck.schema_version = SCHEMA_VERSION;
    let mut bytes = serde_json::to_vec_pretty(&deck).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}
