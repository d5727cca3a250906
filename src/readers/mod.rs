//! Readers: detect a document's layout and split it into questions.
