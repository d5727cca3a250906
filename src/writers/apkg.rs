//! Anki package (`.apkg`) writer, built on genanki-rs 0.4.
//!
//! One note per [`Question`], of one note type ("model" in genanki's words)
//! named [`NOTE_TYPE_NAME`] with the fields [`FIELD_NAMES`] and one card
//! template: the front shows the question with its section and difficulty
//! small above it; the back adds the rendered answer and the source lines.
//!
//! # Decks
//! Each section becomes a subdeck `"{deck}::{section}"` (Anki's `::` nesting);
//! questions without a section go into the top deck named [`Deck::deck`],
//! which is always written, with [`DECK_DESCRIPTION`]. (Anki's importer
//! matches decks by name and may give them new ids in the collection.)
//!
//! # Stable identities and modification times
//! Re-importing a newer package must update notes, not duplicate them, and
//! must update exactly the notes whose content changed:
//!
//! * Note GUID = [`Question::id`], which [`crate::transforms::identity`]
//!   keeps across builds. Anki decides note identity on import by GUID
//!   (Anki manual, "Importing"): a note whose GUID is already in the
//!   collection is the *same* note and is updated or skipped, never added
//!   twice (checked with Anki's engine in `tests/anki_import.rs`).
//!   genanki-rs's default GUID (a hash of the fields) is never used: it
//!   changes with every edit of a field.
//! * Note type id and deck ids: [`stable_id`], i.e. SHA-256 of a fixed key,
//!   mapped into `[2^30, 2^31)` as genanki recommends for model/deck ids.
//! * Modification times come from [`Stamps`]: each note's `mod` is when its
//!   content last changed ([`crate::transforms::identity::assign`]), so
//!   Anki's default "Update notes: if newer" takes changed notes and leaves
//!   unchanged ones alone; the note type's `mod` likewise, so a new card
//!   style reaches collections that have the old one. genanki-rs writes one
//!   time for everything, so the package is rewritten after genanki-rs
//!   built it: times set per note with SQLite (rusqlite), the
//!   collection's JSON columns re-serialised with sorted keys, and the zip
//!   rebuilt with fixed entry times — the same deck and stamps give the same
//!   bytes.
//! * Note and card ids derive from the fixed [`PACKAGE_TIMESTAMP`] (note id
//!   = milliseconds, counting up), which Anki shows as the "added" date.
//!   Anki matches notes by GUID, not by id.

use std::collections::{BTreeMap, HashSet};
use std::io::{Cursor, Read, Write};

use genanki_rs::{Field, Model, Note, Package, Template};
use sha2::{Digest, Sha256};

use crate::model::{Deck, Question};

/// Seconds since the Unix epoch used as the package timestamp:
/// 2025-01-01T00:00:00Z.
///
/// genanki-rs derives note and card ids from it (`timestamp × 1000`, then
/// counting up, in milliseconds as Anki's ids are). It is also the
/// modification time of every note and of the note type that [`Stamps`]
/// gives no time. Anki shows it as the cards' "added" date.
pub const PACKAGE_TIMESTAMP: f64 = 1_735_689_600.0;

/// The note type's name as Anki shows it (Tools → Manage Note Types).
pub const NOTE_TYPE_NAME: &str = "pyqconv Python Interview";

/// Key hashed into the note type id by [`note_type_id`]. Keep it when fields
/// or templates change compatibly; change it only for a new, incompatible
/// note type (Anki then treats it as a different note type).
pub const NOTE_TYPE_KEY: &str = "pyqconv note type: pyqconv Python Interview";

/// The note type's fields, in order; [`note_fields`] returns values in this
/// order.
pub const FIELD_NAMES: [&str; 6] = [
    "Question",
    "Answer",
    "Section",
    "Difficulty",
    "Source",
    "ID",
];

/// Description of the top deck, shown on Anki's deck overview screen.
pub const DECK_DESCRIPTION: &str = "Python interview questions, converted by pyqconv.";

/// Front template: section and difficulty small above the question.
const FRONT_TEMPLATE: &str = r#"<div class="meta">{{#Section}}<span class="section">{{Section}}</span>{{/Section}}{{#Difficulty}}<span class="difficulty">{{Difficulty}}</span>{{/Difficulty}}</div>
<div class="question">{{Question}}</div>"#;

/// Back template: the front, Anki's answer separator, answer and sources.
const BACK_TEMPLATE: &str = r#"{{FrontSide}}
<hr id=answer>
<div class="answer">{{Answer}}</div>
{{#Source}}<div class="source">{{Source}}</div>{{/Source}}"#;

/// Card CSS: readable down to 360 px wide; code scrolls sideways rather than
/// wrapping; `.nightMode` (Anki desktop, AnkiMobile), `.night_mode`
/// (AnkiDroid) and a dark system theme (`prefers-color-scheme: dark`)
/// switch to dark colours.
pub const CARD_CSS: &str = r#".card {
  font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 18px;
  line-height: 1.45;
  text-align: left;
  color: #1f2328;
  background-color: #ffffff;
  max-width: 46em;
  margin: 0 auto;
  padding: 0 4px;
  overflow-wrap: break-word;
}
.meta { font-size: 0.7em; color: #6e7781; margin-bottom: 0.4em; }
.meta:empty { display: none; }
.meta .section + .difficulty::before { content: " \00B7  "; } /* a CSS escape eats one space */
.question { font-size: 1.15em; font-weight: 600; }
.answer > :first-child { margin-top: 0; }
.source { margin-top: 1.5em; font-size: 0.7em; color: #6e7781; overflow-wrap: anywhere; }
hr#answer { border: 0; border-top: 1px solid #d0d7de; margin: 0.8em 0; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.88em; }
:not(pre) > code { background: #eff1f3; padding: 0.1em 0.3em; border-radius: 4px; }
pre {
  overflow-x: auto;
  white-space: pre;
  -webkit-overflow-scrolling: touch;
  background: #f6f8fa;
  padding: 0.6em 0.8em;
  border-radius: 6px;
  line-height: 1.35;
}
pre code { font-size: 0.85em; }
table { display: block; overflow-x: auto; max-width: 100%; border-collapse: collapse; margin: 0.6em 0; font-size: 0.9em; }
th, td { border: 1px solid #d0d7de; padding: 0.3em 0.55em; vertical-align: top; }
th { background: #f6f8fa; }
ul, ol { padding-left: 1.4em; }
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card { color: #e6edf3; background-color: #1e1e1e; }
.nightMode .meta, .night_mode .meta, .nightMode .source, .night_mode .source { color: #9198a1; }
.nightMode pre, .night_mode pre, .nightMode th, .night_mode th { background: #2d333b; }
.nightMode :not(pre) > code, .night_mode :not(pre) > code { background: #343b44; }
.nightMode th, .night_mode th, .nightMode td, .night_mode td, .nightMode hr#answer, .night_mode hr#answer { border-color: #444c56; }
@media (prefers-color-scheme: dark) {
  .card { color: #e6edf3; background-color: #1e1e1e; }
  .meta, .source { color: #9198a1; }
  pre, th { background: #2d333b; }
  :not(pre) > code { background: #343b44; }
  th, td, hr#answer { border-color: #444c56; }
}
"#;

/// The note type's CSS: the card layout ([`CARD_CSS`]: readable at 360 px,
/// code and tables scroll sideways, night mode by `.nightMode`,
/// `.night_mode` and `prefers-color-scheme`) followed by the code colours
/// of [`crate::highlight::stylesheet`].
pub fn card_css() -> &'static str {
    static CSS: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| format!("{CARD_CSS}{}", crate::highlight::stylesheet()));
    &CSS
}

/// Modification times for [`render`], in seconds since the Unix epoch.
///
/// A note missing from `notes`, and the note type when `note_type` is
/// `None`, get [`PACKAGE_TIMESTAMP`]. `Stamps::default()` therefore gives a
/// package whose every time is fixed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stamps {
    /// Modification time per note GUID ([`Question::id`]).
    pub notes: BTreeMap<String, i64>,
    /// The note type's modification time.
    pub note_type: Option<i64>,
}

/// Renders `deck` as an `.apkg` file's bytes, with modification times from
/// `stamps`. The same deck and stamps give the same bytes.
///
/// # Errors
/// A message when a question id is empty or used twice (it is the note's
/// GUID), or when genanki-rs, SQLite or zip fail to build the package.
pub fn render(deck: &Deck, stamps: &Stamps) -> Result<Vec<u8>, String> {
    let model = note_type();
    let mut decks: Vec<(String, genanki_rs::Deck)> = vec![(
        deck.deck.clone(),
        genanki_rs::Deck::new(deck_id(&deck.deck), &deck.deck, DECK_DESCRIPTION),
    )];
    let mut guids = HashSet::new();
    for question in &deck.questions {
        if question.id.trim().is_empty() {
            return Err(format!(
                "question {:?} has an empty id; the id is the Anki note's GUID",
                question.title
            ));
        }
        if !guids.insert(question.id.as_str()) {
            return Err(format!(
                "question id {:?} is used twice; Anki would merge both into one note",
                question.id
            ));
        }
        let fields = note_fields(question);
        let tags = note_tags(question);
        let note = Note::new_with_options(
            model.clone(),
            fields.iter().map(String::as_str).collect(),
            None,
            Some(tags.iter().map(String::as_str).collect()),
            Some(&question.id),
        )
        .map_err(|e| format!("question {}: {e}", question.id))?;
        let name = deck_name(&deck.deck, question);
        let index = match decks.iter().position(|(n, _)| *n == name) {
            Some(index) => index,
            None => {
                let sub = genanki_rs::Deck::new(deck_id(&name), &name, "");
                decks.push((name, sub));
                decks.len() - 1
            }
        };
        decks[index].1.add_note(note);
    }
    let decks = decks.into_iter().map(|(_, d)| d).collect();
    let mut package = Package::new(decks, vec![]).map_err(|e| e.to_string())?;
    let mut out = Cursor::new(Vec::new());
    package
        .write_timestamp(&mut out, PACKAGE_TIMESTAMP)
        .map_err(|e| e.to_string())?;
    restamp(&out.into_inner(), stamps)
}

/// Rewrites a package genanki-rs built: every note's and its cards' `mod`
/// from `stamps` (notes not named keep [`PACKAGE_TIMESTAMP`]), the note
/// types' `mod`, the collection's JSON columns (`models`, `decks`, `dconf`,
/// `conf`) with sorted keys (genanki-rs writes them from hash maps in
/// random order), the database vacuumed, and the zip with every entry dated 1980-01-01 00:00 (the
/// zip format's epoch) in name order.
///
/// # Errors
/// A message when the package is not a zip holding `collection.anki2`, or
/// SQLite fails.
fn restamp(package: &[u8], stamps: &Stamps) -> Result<Vec<u8>, String> {
    let fail =
        |what: &str, e: &dyn std::fmt::Display| format!("rewriting the package: {what}: {e}");
    let mut archive =
        zip::ZipArchive::new(Cursor::new(package)).map_err(|e| fail("reading the zip", &e))?;
    let mut entries: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for index in 0..archive.len() {
        let mut file = archive
            .by_index(index)
            .map_err(|e| fail("reading the zip", &e))?;
        let name = file
            .name()
            .map_err(|e| fail("reading the zip", &e))?
            .into_owned();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .map_err(|e| fail("reading the zip", &e))?;
        entries.insert(name, bytes);
    }
    let collection = entries
        .get_mut("collection.anki2")
        .ok_or_else(|| "rewriting the package: no collection.anki2 in it".to_string())?;

    let db = tempfile::NamedTempFile::new().map_err(|e| fail("temporary file", &e))?;
    std::fs::write(db.path(), &*collection).map_err(|e| fail("temporary file", &e))?;
    {
        let mut conn =
            rusqlite::Connection::open(db.path()).map_err(|e| fail("opening SQLite", &e))?;
        let tx = conn.transaction().map_err(|e| fail("SQLite", &e))?;
        for (guid, time) in &stamps.notes {
            tx.execute(
                "UPDATE notes SET mod = ?1 WHERE guid = ?2",
                rusqlite::params![time, guid],
            )
            .map_err(|e| fail("SQLite", &e))?;
            tx.execute(
                "UPDATE cards SET mod = ?1 WHERE nid IN (SELECT id FROM notes WHERE guid = ?2)",
                rusqlite::params![time, guid],
            )
            .map_err(|e| fail("SQLite", &e))?;
        }
        let (models, decks, dconf, conf): (String, String, String, String) = tx
            .query_row("SELECT models, decks, dconf, conf FROM col", [], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })
            .map_err(|e| fail("SQLite", &e))?;
        let mut models: serde_json::Value =
            serde_json::from_str(&models).map_err(|e| fail("note types JSON", &e))?;
        if let (Some(time), Some(map)) = (stamps.note_type, models.as_object_mut()) {
            for model in map.values_mut() {
                model["mod"] = serde_json::Value::from(time);
            }
        }
        let sorted = |text: &str| -> Result<String, String> {
            let value: serde_json::Value =
                serde_json::from_str(text).map_err(|e| fail("collection JSON", &e))?;
            Ok(value.to_string())
        };
        tx.execute(
            "UPDATE col SET models = ?1, decks = ?2, dconf = ?3, conf = ?4",
            rusqlite::params![
                models.to_string(),
                sorted(&decks)?,
                sorted(&dconf)?,
                sorted(&conf)?
            ],
        )
        .map_err(|e| fail("SQLite", &e))?;
        tx.commit().map_err(|e| fail("SQLite", &e))?;
        // Rewrite the file from its rows: pages freed by the updates (which
        // still hold genanki-rs's randomly ordered JSON) are dropped.
        conn.execute_batch("VACUUM")
            .map_err(|e| fail("SQLite", &e))?;
    }
    *collection = std::fs::read(db.path()).map_err(|e| fail("temporary file", &e))?;

    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, bytes) in &entries {
        out.start_file(name.as_str(), options)
            .map_err(|e| fail("writing the zip", &e))?;
        out.write_all(bytes)
            .map_err(|e| fail("writing the zip", &e))?;
    }
    let out = out.finish().map_err(|e| fail("writing the zip", &e))?;
    Ok(out.into_inner())
}

/// Fingerprint of a note's content as Anki stores it: hex SHA-256 of its
/// fields ([`note_fields`]), tags ([`note_tags`]) and deck
/// ([`deck_name`] under `top`). Two builds give the same fingerprint
/// exactly when importing the second would change nothing in the note.
pub fn note_fingerprint(top: &str, question: &Question) -> String {
    let mut hasher = Sha256::new();
    for field in note_fields(question) {
        hasher.update(field.as_bytes());
        hasher.update(b"\x1f");
    }
    for tag in note_tags(question) {
        hasher.update(tag.as_bytes());
        hasher.update(b" ");
    }
    hasher.update(b"\x1e");
    hasher.update(deck_name(top, question).as_bytes());
    hex(&hasher.finalize())
}

/// Fingerprint of the note type: hex SHA-256 of its name, fields,
/// templates and CSS.
pub fn note_type_fingerprint() -> String {
    let mut hasher = Sha256::new();
    for part in [NOTE_TYPE_NAME, FRONT_TEMPLATE, BACK_TEMPLATE]
        .into_iter()
        .chain(FIELD_NAMES)
    {
        hasher.update(part.as_bytes());
        hasher.update(b"\x1f");
    }
    hasher.update(card_css().as_bytes());
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A stable id for an Anki deck or note type: the first 8 bytes of
/// SHA-256(`key`) as a big-endian integer, mapped into `[2^30, 2^31)` — the
/// range genanki recommends for ids it does not generate itself.
pub fn stable_id(key: &str) -> i64 {
    let digest = Sha256::digest(key.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    let n = u64::from_be_bytes(first);
    (1 << 30) + (n % (1 << 30)) as i64
}

/// The id of the deck named `name` (full name, with `::`):
/// [`stable_id`] of `"pyqconv deck " + name`.
pub fn deck_id(name: &str) -> i64 {
    stable_id(&format!("pyqconv deck {name}"))
}

/// The note type's id: [`stable_id`] of [`NOTE_TYPE_KEY`].
pub fn note_type_id() -> i64 {
    stable_id(NOTE_TYPE_KEY)
}

/// The full Anki deck name for `question` in the deck named `top`:
/// `"{top}::{section}"`, or `top` when the question has no (non-blank)
/// section.
pub fn deck_name(top: &str, question: &Question) -> String {
    match question.section.as_deref().map(str::trim) {
        Some(section) if !section.is_empty() => format!("{top}::{section}"),
        _ => top.to_string(),
    }
}

/// The note's field values, in [`FIELD_NAMES`] order, as HTML:
///
/// * Question: the title, HTML-escaped ([`escape_html`]);
/// * Answer: [`crate::markdown::to_html`] of the answer;
/// * Section: the section, escaped, or empty;
/// * Difficulty: [`crate::model::Difficulty::label`], or empty;
/// * Source: every [`crate::model::Occurrence::location`], escaped, joined
///   with `<br>`;
/// * ID: the question id, escaped (it is also the GUID, unescaped).
pub fn note_fields(question: &Question) -> [String; 6] {
    let sources = question
        .sources
        .iter()
        .map(|o| escape_html(&o.location()))
        .collect::<Vec<_>>()
        .join("<br>");
    [
        escape_html(&question.title),
        crate::markdown::to_html(&question.answer_markdown),
        question
            .section
            .as_deref()
            .map(str::trim)
            .map(escape_html)
            .unwrap_or_default(),
        question
            .difficulty
            .map(|d| d.label().to_string())
            .unwrap_or_default(),
        sources,
        escape_html(&question.id),
    ]
}

/// The note's tags: [`Question::tags`] with any whitespace replaced by `_`
/// (Anki separates tags by spaces; genanki-rs rejects tags containing one),
/// empty tags dropped.
pub fn note_tags(question: &Question) -> Vec<String> {
    question
        .tags
        .iter()
        .map(|t| {
            t.trim()
                .chars()
                .map(|c| if c.is_whitespace() { '_' } else { c })
                .collect::<String>()
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// Escapes `&`, `<`, `>` and `"` for use in HTML text and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The one note type every note uses.
fn note_type() -> Model {
    Model::new(
        note_type_id(),
        NOTE_TYPE_NAME,
        FIELD_NAMES.iter().map(|name| Field::new(name)).collect(),
        vec![
            Template::new("Card 1")
                .qfmt(FRONT_TEMPLATE)
                .afmt(BACK_TEMPLATE),
        ],
    )
    .css(card_css())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Difficulty, Occurrence, TitleOrigin};

    fn question(id: &str, section: Option<&str>) -> Question {
        Question {
            id: id.to_string(),
            title: "Is `a < b & c` \"true\"?".to_string(),
            title_origin: TitleOrigin::Original,
            answer_markdown: "Yes.\n\n```python\nprint(1 < 2)\n```\n".to_string(),
            section: section.map(str::to_string),
            difficulty: Some(Difficulty::Medium),
            tags: vec!["python".to_string(), "two words".to_string()],
            sources: vec![
                Occurrence {
                    path: "input/a.txt".to_string(),
                    line_start: 3,
                    line_end: 9,
                    title: None,
                    section: None,
                    difficulty: None,
                    id: None,
                },
                Occurrence {
                    path: "input/<b>.txt".to_string(),
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

    /// Mirrors genanki-rs 0.4's `find_invalid_html_tags_in_field` regex
    /// `<(?!/?[a-z0-9]+(?: .*|/?)>)(?:.|\n)*?>`: true when genanki-rs would
    /// print its "invalid html tags" warning to stdout.
    fn genanki_would_warn(field: &str) -> bool {
        let bytes = field.as_bytes();
        for (i, _) in field.match_indices('<') {
            if !field[i + 1..].contains('>') {
                continue; // an unclosed `<` does not match at all
            }
            let mut j = i + 1;
            if bytes.get(j) == Some(&b'/') {
                j += 1;
            }
            let name_start = j;
            while j < bytes.len() && (bytes[j].is_ascii_lowercase() || bytes[j].is_ascii_digit()) {
                j += 1;
            }
            let valid = j > name_start
                && match bytes.get(j) {
                    Some(b'>') => true,
                    Some(b'/') => bytes.get(j + 1) == Some(&b'>'),
                    Some(b' ') => field[j..].split('\n').next().unwrap_or("").contains('>'),
                    _ => false,
                };
            if !valid {
                return true;
            }
        }
        false
    }

    #[test]
    fn ids_are_stable_and_in_range() {
        for key in ["", "pyqconv deck Python Interview", "x", "Ω::β"] {
            let id = stable_id(key);
            assert!(((1i64 << 30)..(1i64 << 31)).contains(&id), "{key}: {id}");
            assert_eq!(id, stable_id(key));
        }
        assert_ne!(
            deck_id("Python Interview"),
            deck_id("Python Interview::Basics")
        );
        assert_ne!(note_type_id(), deck_id("Python Interview"));
        // Pinned: a change here re-creates decks and the note type in every
        // user's collection on the next import.
        assert_eq!(
            note_type_id(),
            stable_id("pyqconv note type: pyqconv Python Interview")
        );
    }

    #[test]
    fn deck_name_per_section() {
        assert_eq!(
            deck_name("Python Interview", &question("q1", Some("OOP"))),
            "Python Interview::OOP"
        );
        assert_eq!(
            deck_name("Python Interview", &question("q1", None)),
            "Python Interview"
        );
        assert_eq!(
            deck_name("Python Interview", &question("q1", Some("  "))),
            "Python Interview"
        );
    }

    #[test]
    fn fields_are_built_as_documented() {
        let q = question("abc-123", Some("Basics"));
        let fields = note_fields(&q);
        assert_eq!(fields[0], "Is `a &lt; b &amp; c` &quot;true&quot;?");
        assert!(fields[1].contains("<pre><code class=\"language-python\"><span class=\"hl-"));
        assert!(fields[1].contains("&lt;"));
        assert_eq!(fields[2], "Basics");
        assert_eq!(fields[3], "Medium");
        assert_eq!(fields[4], "input/a.txt:3-9<br>input/&lt;b&gt;.txt:7");
        assert_eq!(fields[5], "abc-123");
        assert_eq!(note_tags(&q), vec!["python", "two_words"]);
    }

    #[test]
    fn fields_do_not_trigger_genanki_stdout_warning() {
        assert!(genanki_would_warn("a <@b> c"));
        assert!(genanki_would_warn("<>"));
        assert!(!genanki_would_warn(
            "<p>x</p><br><br/><th style=\"text-align: left\">"
        ));
        let mut q = question("q", Some("S"));
        q.answer_markdown = "# Head\n\nText with <script>, a <> b, `x<y>` and **bold** ~~old~~.\n\n\
            | Op | Meaning |\n|:---|---:|\n| `<` | less |\n| `&` | and |\n\n\
            1. one\n2. [link](https://example.com \"title\")\n\n> quote\n\n\
            ![img](a.png)\n\n<https://python.org>\n\n---\n\n```python\nif a < b > c:\n    pass\n```\n"
            .to_string();
        for field in note_fields(&q) {
            assert!(!genanki_would_warn(&field), "{field}");
        }
    }

    #[test]
    fn renders_a_zip() {
        let mut deck = Deck::new("Python Interview");
        deck.questions.push(question("q1", Some("Basics")));
        deck.questions.push(question("q2", None));
        let bytes = render(&deck, &Stamps::default()).unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04"));
        assert!(bytes.windows(16).any(|w| w == b"collection.anki2"));
    }

    /// Reads back `(guid, note mod, card mods)` and the note types' `mod`
    /// from a package with SQLite.
    /// A note's GUID, its `mod` and its cards' `mod`s.
    type NoteTimes = (String, i64, Vec<i64>);

    fn times(package: &[u8]) -> (Vec<NoteTimes>, Vec<i64>) {
        let mut archive = zip::ZipArchive::new(Cursor::new(package)).unwrap();
        let mut bytes = Vec::new();
        archive
            .by_name("collection.anki2")
            .unwrap()
            .read_to_end(&mut bytes)
            .unwrap();
        let db = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(db.path(), bytes).unwrap();
        let conn = rusqlite::Connection::open(db.path()).unwrap();
        let mut stmt = conn
            .prepare("SELECT guid, mod, id FROM notes ORDER BY guid")
            .unwrap();
        let notes: Vec<(String, i64, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let notes = notes
            .into_iter()
            .map(|(guid, time, id)| {
                let mut cards = conn
                    .prepare("SELECT mod FROM cards WHERE nid = ?1")
                    .unwrap();
                let cards: Vec<i64> = cards
                    .query_map([id], |r| r.get(0))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect();
                (guid, time, cards)
            })
            .collect();
        let models: String = conn
            .query_row("SELECT models FROM col", [], |r| r.get(0))
            .unwrap();
        let models: serde_json::Value = serde_json::from_str(&models).unwrap();
        let model_times = models
            .as_object()
            .unwrap()
            .values()
            .map(|m| m["mod"].as_i64().unwrap())
            .collect();
        (notes, model_times)
    }

    #[test]
    fn stamps_set_each_note_and_the_note_type_modification_time() {
        let mut deck = Deck::new("Python Interview");
        deck.questions.push(question("q1", Some("Basics")));
        deck.questions.push(question("q2", None));
        let stamps = Stamps {
            notes: [("q1".to_string(), 1_800_000_000)].into(),
            note_type: Some(1_800_000_123),
        };
        let (notes, models) = times(&render(&deck, &stamps).unwrap());
        let fixed = PACKAGE_TIMESTAMP as i64;
        assert_eq!(
            notes,
            vec![
                ("q1".to_string(), 1_800_000_000, vec![1_800_000_000]),
                ("q2".to_string(), fixed, vec![fixed]),
            ]
        );
        assert_eq!(models, vec![1_800_000_123]);
        let (_, models) = times(&render(&deck, &Stamps::default()).unwrap());
        assert_eq!(models, vec![fixed]);
    }

    #[test]
    fn same_deck_and_stamps_give_the_same_bytes() {
        let mut deck = Deck::new("Python Interview");
        for (i, section) in ["A", "B", "C", "D", "E"].iter().enumerate() {
            deck.questions
                .push(question(&format!("q{i}"), Some(section)));
        }
        let stamps = Stamps {
            notes: [("q3".to_string(), 1_900_000_000)].into(),
            note_type: Some(1_900_000_000),
        };
        let first = render(&deck, &stamps).unwrap();
        for _ in 0..3 {
            assert!(render(&deck, &stamps).unwrap() == first);
        }
    }

    #[test]
    fn fingerprints_change_with_what_anki_stores() {
        let q = question("q1", Some("Basics"));
        let base = note_fingerprint("Top", &q);
        assert_eq!(base, note_fingerprint("Top", &q.clone()));
        assert_eq!(base.len(), 64);
        let mut answer = q.clone();
        answer.answer_markdown.push('!');
        let mut tags = q.clone();
        tags.tags.push("new".into());
        let mut section = q.clone();
        section.section = Some("Other".into());
        for other in [
            note_fingerprint("Top", &answer),
            note_fingerprint("Top", &tags),
            note_fingerprint("Top", &section),
            note_fingerprint("Other top", &q),
        ] {
            assert_ne!(other, base);
        }
        // The title origin is not stored in the note (only via tags).
        let mut origin = q.clone();
        origin.title_origin = TitleOrigin::Generated;
        assert_eq!(note_fingerprint("Top", &origin), base);
        assert_eq!(note_type_fingerprint(), note_type_fingerprint());
        assert!(card_css().contains(".nightMode .hl-comment"));
    }

    #[test]
    fn duplicate_or_empty_ids_are_rejected() {
        let mut deck = Deck::new("D");
        deck.questions.push(question("q1", None));
        deck.questions.push(question("q1", Some("S")));
        let stamps = Stamps::default();
        assert!(
            render(&deck, &stamps)
                .unwrap_err()
                .contains("\"q1\" is used twice")
        );
        deck.questions = vec![question(" ", None)];
        assert!(render(&deck, &stamps).unwrap_err().contains("empty id"));
    }
}
