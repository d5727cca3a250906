//! Stable question identities.
//!
//! An id is derived from what identifies a question to a reader — the
//! document's file name and the question's title — never from line numbers
//! or the answer, so that fixing an answer or moving a question keeps its
//! id. Two questions with the same title in one document are told apart by
//! their order. Hash: SHA-256 (FIPS 180-4), first 64 bits in hex.

use sha2::{Digest, Sha256};

/// Normalizes a title for identity: lowercase, runs of anything that is not
/// a letter or digit collapsed to one space.
pub fn normalize(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut space = false;
    for c in title.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// The id of the `ordinal`-th (0-based) question titled `title` in the
/// document whose file name is `file_name`: `q` followed by 16 hex digits.
///
/// ```
/// use pyqconv::transforms::ids::question_id;
/// let a = question_id("doc.txt", "What is the GIL?", 0);
/// assert_eq!(a, question_id("doc.txt", "what is  the GIL", 0));
/// assert_ne!(a, question_id("doc.txt", "What is the GIL?", 1));
/// assert_eq!(a.len(), 17);
/// ```
pub fn question_id(file_name: &str, title: &str, ordinal: usize) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"pyqconv question\x1f");
    hasher.update(file_name.as_bytes());
    hasher.update(b"\x1f");
    hasher.update(normalize(title).as_bytes());
    hasher.update(b"\x1f");
    hasher.update(ordinal.to_string().as_bytes());
    let digest = hasher.finalize();
    let mut id = String::from("q");
    for byte in &digest[..8] {
        id.push_str(&format!("{byte:02x}"));
    }
    id
}
