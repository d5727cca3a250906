//! Writers: one module per output format. Each reads only the [`Deck`] and
//! returns the file's bytes; the application layer writes them atomically.
//!
//! A writer never opens files and never changes the deck.

use crate::model::Deck;

pub mod anki_csv;
pub mod apkg;
pub mod csv;
pub mod json;
pub mod xlsx;

/// Settings of the writers that have any. `RenderOptions::default()`
/// gives every writer its documented defaults.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Modification times of the Anki package's notes and note type.
    pub anki: apkg::Stamps,
}

/// An output format selectable with `--to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Format {
    /// Anki package (`.apkg`), importable by Anki desktop, AnkiDroid and AnkiMobile.
    Anki,
    /// CSV with a header row, one row per question (RFC 4180, UTF-8, CRLF).
    Csv,
    /// XLSX workbook, one row per question.
    Xlsx,
    /// JSON of the model: `{"schema_version": 1, "questions": [...]}`.
    Json,
    /// Anki CSV (`<deck>.anki.csv`): the package's notes as a text file
    /// Anki imports without questions, updating the same notes.
    AnkiCsv,
    /// Every format above.
    All,
}

impl Format {
    /// The concrete formats, in the order they are written.
    pub const CONCRETE: [Format; 5] = [
        Format::Anki,
        Format::Csv,
        Format::Xlsx,
        Format::Json,
        Format::AnkiCsv,
    ];

    /// The file extension (without the dot) this format writes.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Anki => "apkg",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
            Format::AnkiCsv => "anki.csv",
            Format::All => "",
        }
    }

    /// The name used with `--to` and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Anki => "anki",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
            Format::AnkiCsv => "anki-csv",
            Format::All => "all",
        }
    }

    /// Renders `deck` in this format with `options`. `Format::All` renders
    /// nothing.
    ///
    /// # Errors
    /// A message from the underlying library (genanki-rs, rust_xlsxwriter,
    /// csv, serde_json) when encoding fails.
    pub fn render(self, deck: &Deck, options: &RenderOptions) -> Result<Vec<u8>, String> {
        match self {
            Format::Anki => apkg::render(deck, &options.anki),
            Format::AnkiCsv => anki_csv::render(deck),
            Format::Csv => csv::render(deck),
            Format::Xlsx => xlsx::render(deck),
            Format::Json => json::render(deck),
            Format::All => Ok(Vec::new()),
        }
    }
}
