//! Writers: one module per output format. Each reads only the [`Deck`]
//! (and its own settings, gathered in [`Options`]) and returns the file's
//! bytes; the application layer writes them atomically.
//!
//! A writer never opens files, never prints and never changes the deck.

use crate::model::Deck;

pub mod anki_csv;
pub mod apkg;
pub mod csv;
pub mod json;
pub mod xlsx;

/// The settings of the writers that have any, one field per writer: each
/// writer sees only its own, so a setting such as the CSV formula guard can
/// never reach another format. [`Options::default`] is what the command
/// line gives without options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// How `--to csv` writes ([`csv::Options`]: delimiter, BOM, formula guard).
    pub csv: csv::Options,
    /// Modification times of the Anki package's notes and note type
    /// ([`apkg::Stamps`]; the default fixes every time).
    pub anki: apkg::Stamps,
}

/// An output format selectable with `--to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Format {
    /// Anki package (`.apkg`), importable by Anki desktop, AnkiDroid and AnkiMobile.
    Anki,
    /// CSV for spreadsheets: a header row, one row per question (RFC 4180, UTF-8, CRLF, formula guard).
    Csv,
    /// XLSX workbook for interviewers: questions to score, summary, rubric.
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

    /// Renders `deck` in this format with the default [`Options`].
    /// `Format::All` renders nothing.
    ///
    /// # Errors
    /// A message from the underlying library (genanki-rs, rust_xlsxwriter,
    /// csv, serde_json) when encoding fails.
    pub fn render(self, deck: &Deck) -> Result<Vec<u8>, String> {
        self.render_with(deck, &Options::default())
    }

    /// Renders `deck` in this format, handing each writer its own part of
    /// `options`. `Format::All` renders nothing.
    ///
    /// # Errors
    /// As [`Format::render`].
    pub fn render_with(self, deck: &Deck, options: &Options) -> Result<Vec<u8>, String> {
        match self {
            Format::Anki => apkg::render(deck, &options.anki),
            Format::AnkiCsv => anki_csv::render(deck),
            Format::Csv => csv::render_with(deck, &options.csv),
            Format::Xlsx => xlsx::render(deck),
            Format::Json => json::render(deck),
            Format::All => Ok(Vec::new()),
        }
    }
}
