//! TODO writer (csv).
use crate::model::Deck;

/// Renders the deck.
pub fn render(_deck: &Deck) -> Result<Vec<u8>, String> {
    Err("not written yet".into())
}
