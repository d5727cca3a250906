//! Command-line arguments (clap derive). The doc comments are the `--help`
//! text.

use crate::writers::Format;
use clap::Parser;
use std::path::PathBuf;

/// Convert raw Python interview-question documents into study material.
///
/// Reads text dumps of interview pages (headings, numbering, indentation
/// lost) and Markdown Q&A files, detects each one's layout, rebuilds every
/// question with its answer, section, difficulty and source lines, and
/// writes an Anki deck, CSV, XLSX or JSON.
#[derive(Debug, Parser)]
#[command(name = "pyqconv", version, about, long_about)]
pub struct Cli {
    /// Documents or folders to read (folders: every .txt, .md, .markdown, .rst and .org inside, sorted).
    #[arg(default_value = "input", value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Output formats, comma-separated: anki, anki-csv, csv, xlsx, json, or all.
    #[arg(
        long = "to",
        value_enum,
        value_delimiter = ',',
        default_value = "anki",
        value_name = "FORMAT"
    )]
    pub to: Vec<Format>,

    /// Folder to write into (created if missing).
    #[arg(long, short, default_value = "output", value_name = "DIR")]
    pub output: PathBuf,

    /// Deck name; output files are named after it (`Python Interview` → `python-interview.apkg`).
    #[arg(long, default_value = "Python Interview", value_name = "NAME")]
    pub deck: String,

    /// Keep questions that several sources ask as separate notes (no merging).
    /// Duplicates are still found, so a question that lost its title takes
    /// a duplicate's.
    #[arg(long)]
    pub no_dedup: bool,

    /// How similar two questions must be, from 0 to 1, to be merged: the
    /// weighted similarity of their question stems, key terms and code
    /// identifiers. Higher merges fewer. `--report` lists the clusters and
    /// the pairs just under it.
    #[arg(long, default_value_t = crate::transforms::dedup::DEFAULT_THRESHOLD, value_name = "0..1", value_parser = parse_similarity)]
    pub similarity: f64,

    /// Corrections to merging, a TOML file with `[[merge]] ids = [...]`,
    /// `[[split]] ids = [...]` and `[[canonical]] id = "..."` entries naming
    /// question ids (as in the JSON and the report). Default: `pyqconv.toml`
    /// in the first input folder, when there is one.
    #[arg(long, value_name = "FILE")]
    pub overrides: Option<PathBuf>,

    /// Also write `<deck>.report.md`: per document the layout, the questions
    /// found, titles by origin, unclaimed lines and warnings.
    #[arg(long)]
    pub report: bool,

    /// Treat warnings about the inputs as errors (exit code 2).
    #[arg(long)]
    pub strict: bool,

    /// CSV field separator: one ASCII character such as `;` (what Excel
    /// expects where the decimal mark is a comma), or `tab` (also `\t`).
    /// Not `"`, a line break, or a non-ASCII character.
    #[arg(long, default_value = ",", value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: u8,

    /// Start the CSV with a UTF-8 byte-order mark, so Excel on Windows
    /// reads it as UTF-8 instead of the legacy code page.
    #[arg(long)]
    pub bom: bool,

    /// Write CSV fields exactly as they are. By default a field that begins
    /// with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'` so
    /// that a spreadsheet opening the CSV shows it as text instead of running
    /// it as a formula (OWASP "CSV Injection"). Other formats are never
    /// changed.
    #[arg(long)]
    pub no_formula_guard: bool,

    /// Print only errors.
    #[arg(long, short, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also print every warning: about the inputs, and about workbook cells
    /// cut to Excel's 32,767-character limit.
    #[arg(long, short)]
    pub verbose: bool,
}

impl Cli {
    /// The concrete formats asked for, without duplicates, `all` expanded.
    pub fn formats(&self) -> Vec<Format> {
        let mut out: Vec<Format> = if self.to.contains(&Format::All) {
            Format::CONCRETE.to_vec()
        } else {
            self.to.clone()
        };
        out.sort();
        out.dedup();
        out
    }
}

/// Parses `--delimiter`: one ASCII character other than `"`, `\r` and
/// `\n`; `tab` or `\t` (backslash, t) for a tab.
///
/// ```
/// use pyqconv::cli::parse_delimiter;
/// assert_eq!(parse_delimiter(";"), Ok(b';'));
/// assert_eq!(parse_delimiter("tab"), Ok(b'\t'));
/// assert!(parse_delimiter("ab").is_err());
/// assert!(parse_delimiter("§").is_err());
/// ```
///
/// # Errors
/// A sentence saying what is accepted, which clap prints after
/// `invalid value '…' for '--delimiter <CHAR>'`.
pub fn parse_delimiter(text: &str) -> Result<u8, String> {
    if text.eq_ignore_ascii_case("tab") || text == "\\t" {
        return Ok(b'\t');
    }
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c == '"' || c == '\r' || c == '\n' => Err(format!(
            "{c:?} cannot separate CSV fields (it is the quote or a record end); use one other ASCII character"
        )),
        (Some(c), None) if c.is_ascii() && (c == '\t' || !c.is_ascii_control()) => Ok(c as u8),
        _ => Err(
            "the delimiter must be one ASCII character, such as , or ; or tab (written `tab` or `\\t`)"
                .to_string(),
        ),
    }
}

/// Parses `--similarity`: a number from 0 to 1.
///
/// ```
/// use pyqconv::cli::parse_similarity;
/// assert_eq!(parse_similarity("0.5"), Ok(0.5));
/// assert!(parse_similarity("1.5").is_err());
/// assert!(parse_similarity("high").is_err());
/// ```
///
/// # Errors
/// A sentence saying what is accepted.
pub fn parse_similarity(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(
            "the similarity is a number from 0 to 1, such as 0.4 (higher merges fewer questions)"
                .to_string(),
        ),
    }
}

/// The file stem for a deck name: lowercase ASCII letters and digits, runs
/// of anything else as one `-` (`Python Interview` → `python-interview`).
///
/// ```
/// assert_eq!(pyqconv::cli::file_stem("Python Interview"), "python-interview");
/// assert_eq!(pyqconv::cli::file_stem("  Über / Test! "), "ber-test");
/// ```
pub fn file_stem(deck: &str) -> String {
    let mut out = String::new();
    for c in deck.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "deck".to_string()
    } else {
        out
    }
}
