//! pyqconv turns raw documents of Python interview questions into study
//! material: Anki decks, CSV, XLSX and JSON.
//!
//! The pipeline, after pandoc's readers → one model → writers design:
//!
//! ```text
//! input/*  ──app: read files, undo wrong code pages (mojibake)──► Source { path, text }
//!          ──readers (layout detected from the text; rayon over files)──► Document + Warnings
//!          ──transforms: answers to Markdown, titles, ids, tags──► Deck
//!          ──writers: apkg | csv | xlsx | json──► output/*
//! ```
//!
//! Readers take `&str` and never see writers; transforms take and return
//! values; writers return bytes. Only [`app`] touches the file system.
#![warn(missing_docs)]

pub mod app;
pub mod cli;
pub mod error;
pub mod highlight;
pub mod markdown;
pub mod model;
pub mod mojibake;
pub mod readers;
pub mod report;
pub mod text;
pub mod transforms;
pub mod writers;

pub use error::{Error, Warning};
pub use model::{Deck, Difficulty, Occurrence, Question, TitleOrigin};
