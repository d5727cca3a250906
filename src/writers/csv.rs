//! CSV writer: a header row, then one record per question, for opening in a
//! spreadsheet program (Excel, LibreOffice Calc, Google Sheets).
//!
//! The format follows RFC 4180 (<https://www.rfc-editor.org/rfc/rfc4180>)
//! as the `csv` crate writes it:
//!
//! - fields separated by [`Options::delimiter`] (a comma unless `--delimiter`
//!   says otherwise; RFC 4180 itself only knows the comma);
//! - UTF-8, without a byte-order mark unless [`Options::bom`] (`--bom`) asks
//!   for one: Excel on Windows reads a CSV without it in the legacy code
//!   page, so `Что` or `🐍` turn into mojibake;
//! - records end with CRLF (`\r\n`, [`csv::Terminator::CRLF`]; the crate's
//!   own default would be a bare `\n`);
//! - a field is quoted only when it must be ([`csv::QuoteStyle::Necessary`]):
//!   when it contains the delimiter, a double quote, `\r` or `\n`, or is
//!   empty as the only field of a record. Quotes inside a quoted field are
//!   doubled (`"` becomes `""`). Line breaks inside answers are kept as
//!   written (`\n`), inside the quotes.
//!
//! Columns, in order (see [`HEADER`]):
//!
//! | column            | content                                                        |
//! |-------------------|----------------------------------------------------------------|
//! | `id`              | [`Question::id`]                                               |
//! | `section`         | [`Question::section`], empty when `None`                       |
//! | `difficulty`      | `easy` / `medium` / `hard` ([`Difficulty::as_str`]), or empty  |
//! | `title`           | [`Question::title`]                                            |
//! | `title_origin`    | `original` / `repaired` / `recovered` / `generated`            |
//! | `answer`          | the answer as plain text ([`crate::markdown::to_plain_text`])  |
//! | `answer_markdown` | [`Question::answer_markdown`] as is                            |
//! | `tags`            | the tags joined by one space (tags never contain spaces)       |
//! | `sources`         | each [`crate::model::Occurrence::location`] joined by `"; "`   |
//!
//! **Formula injection.** A spreadsheet program that opens a CSV runs a cell
//! that begins with `=`, `+`, `-` or `@` as a formula, and Python answers
//! begin that way often (`== compares values`, `@property`, `- item`); a
//! hostile document could make that formula fetch a URL or worse. With
//! [`Options::formula_guard`] (on by default; `--no-formula-guard` turns it
//! off) every field — header and data alike — that begins with one of
//! [`FORMULA_TRIGGERS`] (`=`, `+`, `-`, `@`, tab, carriage return) gets a
//! leading `'`, which spreadsheet programs take as "this cell is text" and
//! do not show, as the OWASP page on CSV injection recommends
//! (<https://owasp.org/www-community/attacks/CSV_Injection>). A program
//! that reads the CSV as data sees the `'`; [`unguard`] removes it. The
//! guard is a setting of this writer only: JSON, the XLSX workbook (whose
//! cells are typed strings and cannot run) and the Anki package never
//! change a field.
//!
//! [`Question::id`]: crate::model::Question::id
//! [`Question::section`]: crate::model::Question::section
//! [`Question::title`]: crate::model::Question::title
//! [`Question::answer_markdown`]: crate::model::Question::answer_markdown
//! [`Difficulty::as_str`]: crate::model::Difficulty::as_str

use std::borrow::Cow;

use crate::markdown::to_plain_text;
use crate::model::{Deck, Question};

/// The header row, which is also the column order of every record.
pub const HEADER: [&str; 9] = [
    "id",
    "section",
    "difficulty",
    "title",
    "title_origin",
    "answer",
    "answer_markdown",
    "tags",
    "sources",
];

/// The record for one question, in [`HEADER`] order.
fn record(question: &Question) -> [String; 9] {
    [
        question.id.clone(),
        question.section.clone().unwrap_or_default(),
        question
            .difficulty
            .map(|d| d.as_str().to_string())
            .unwrap_or_default(),
        question.title.clone(),
        question.title_origin.as_str().to_string(),
        to_plain_text(&question.answer_markdown),
        question.answer_markdown.clone(),
        question.tags.join(" "),
        question.locations("; "),
    ]
}

/// The characters that make a spreadsheet program read a cell as a formula
/// when they begin it (OWASP, CSV Injection): `=`, `+`, `-`, `@`, tab
/// (U+0009) and carriage return (U+000D).
pub const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The byte-order mark written first with [`Options::bom`]: U+FEFF in
/// UTF-8.
pub const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// How the CSV is written. [`Options::default`] is a comma, no BOM, and
/// the formula guard on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The field separator, one ASCII byte (`b','`, `b';'`, `b'\t'`); never
    /// `"`, `\r` or `\n` (the command line refuses those).
    pub delimiter: u8,
    /// Write a UTF-8 byte-order mark ([`BOM`]) before the header, for Excel
    /// on Windows.
    pub bom: bool,
    /// Prefix `'` to every field that begins with one of
    /// [`FORMULA_TRIGGERS`] (see the module docs).
    pub formula_guard: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            delimiter: b',',
            bom: false,
            formula_guard: true,
        }
    }
}

/// `field` made inert for a spreadsheet program: with a leading `'` when it
/// begins with one of [`FORMULA_TRIGGERS`], unchanged otherwise.
///
/// ```
/// use pyqconv::writers::csv::guard;
/// assert_eq!(guard("@property"), "'@property");
/// assert_eq!(guard("== compares values"), "'== compares values");
/// assert_eq!(guard("is compares identity"), "is compares identity");
/// ```
pub fn guard(field: &str) -> Cow<'_, str> {
    if field.starts_with(FORMULA_TRIGGERS) {
        Cow::Owned(format!("'{field}"))
    } else {
        Cow::Borrowed(field)
    }
}

/// Undoes [`guard`] for a program that reads a guarded CSV as data: drops
/// a leading `'` when the next character is one of [`FORMULA_TRIGGERS`].
/// (A field of the model that itself begins with `'` followed by a trigger
/// cannot be told from a guarded one; the documents hold none.)
///
/// ```
/// use pyqconv::writers::csv::unguard;
/// assert_eq!(unguard("'@property"), "@property");
/// assert_eq!(unguard("'quoted'"), "'quoted'");
/// ```
pub fn unguard(field: &str) -> &str {
    match field.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_TRIGGERS) => rest,
        _ => field,
    }
}

/// Renders `deck` as CSV with the default [`Options`] (comma, no BOM,
/// formula guard on): the [`HEADER`] row, then one record per question in
/// deck order. An empty deck gives the header row alone.
///
/// # Errors
/// The csv crate's message if encoding fails; writing to memory does not
/// fail in practice.
pub fn render(deck: &Deck) -> Result<Vec<u8>, String> {
    render_with(deck, &Options::default())
}

/// Renders `deck` as CSV written as `options` say (see [`render`]).
///
/// # Errors
/// The csv crate's message if encoding fails.
pub fn render_with(deck: &Deck, options: &Options) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    if options.bom {
        out.extend_from_slice(&BOM);
    }
    let mut writer = csv::WriterBuilder::new()
        .delimiter(options.delimiter)
        .quote_style(csv::QuoteStyle::Necessary)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let field = |text: &str| -> String {
        if options.formula_guard {
            guard(text).into_owned()
        } else {
            text.to_string()
        }
    };
    writer
        .write_record(HEADER.map(field))
        .map_err(|e| e.to_string())?;
    for question in &deck.questions {
        writer
            .write_record(record(question).map(|text| field(&text)))
            .map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.error().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Difficulty, Occurrence, TitleOrigin};

    fn question() -> Question {
        Question {
            id: "q1".into(),
            title: "Say \"hi\", twice".into(),
            title_origin: TitleOrigin::Original,
            answer_markdown: "Use `print`:\n\n```python\nprint(\"hi\")\n```".into(),
            section: None,
            difficulty: Some(Difficulty::Easy),
            tags: vec!["basics".into(), "io".into()],
            sources: vec![
                Occurrence {
                    path: "a.txt".into(),
                    line_start: 1,
                    line_end: 4,
                    title: None,
                    section: None,
                    difficulty: None,
                    id: None,
                },
                Occurrence {
                    path: "b.txt".into(),
                    line_start: 7,
                    line_end: 7,
                    title: None,
                    section: None,
                    difficulty: None,
                    id: None,
                },
            ],
        }
    }

    #[test]
    fn exact_bytes_for_one_question() {
        let mut deck = Deck::new("D");
        deck.questions.push(question());
        let text = String::from_utf8(render(&deck).unwrap()).unwrap();
        assert_eq!(
            text,
            "id,section,difficulty,title,title_origin,answer,answer_markdown,tags,sources\r\n\
             q1,,easy,\"Say \"\"hi\"\", twice\",original,\"Use print:\n\nprint(\"\"hi\"\")\",\
             \"Use `print`:\n\n```python\nprint(\"\"hi\"\")\n```\",basics io,a.txt:1-4; b.txt:7\r\n"
        );
    }

    #[test]
    fn empty_deck_is_header_only() {
        let text = String::from_utf8(render(&Deck::new("D")).unwrap()).unwrap();
        assert_eq!(text, format!("{}\r\n", HEADER.join(",")));
    }

    #[test]
    fn guard_prefixes_each_trigger_and_nothing_else() {
        for field in ["=1+1", "+1", "-1", "@property", "\tx", "\rx"] {
            assert_eq!(guard(field), format!("'{field}"));
            assert_eq!(unguard(&guard(field)), field);
        }
        for field in ["", "a=b", " =1", "'=1", "1-2", "is"] {
            assert_eq!(guard(field), field);
        }
        // A leading quote before something harmless is the model's own.
        assert_eq!(unguard("'a"), "'a");
    }

    #[test]
    fn options_change_delimiter_bom_and_guard() {
        let mut deck = Deck::new("D");
        let mut q = question();
        q.title = "=HYPERLINK(\"x\"); a, b".into();
        deck.questions.push(q);

        let default = render(&deck).unwrap();
        assert!(default.starts_with(b"id,section,"));
        let text = String::from_utf8(default).unwrap();
        assert!(
            text.contains(",\"'=HYPERLINK(\"\"x\"\"); a, b\","),
            "{text}"
        );

        let options = Options {
            delimiter: b';',
            bom: true,
            formula_guard: false,
        };
        let bytes = render_with(&deck, &options).unwrap();
        assert_eq!(&bytes[..3], &BOM);
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(text.starts_with("id;section;difficulty;title;"));
        // The title holds the delimiter and a quote: quoted, and unguarded.
        assert!(text.contains(";\"=HYPERLINK(\"\"x\"\"); a, b\";"), "{text}");
        // The sources hold the delimiter, so they are quoted; commas no
        // longer force quotes.
        assert!(
            text.ends_with(";basics io;\"a.txt:1-4; b.txt:7\"\r\n"),
            "{text}"
        );
    }
}
