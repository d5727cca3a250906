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
//! # Stable identities
//! Re-importing a newer package must update notes, not duplicate them, so
//! nothing here depends on the clock or on hash seeds:
//!
//! * Note GUID = [`Question::id`]. Anki decides note identity on import by
//!   GUID (Anki manual, "Importing"): a note whose GUID is already in the
//!   collection is the *same* note and is updated or skipped, never added
//!   twice (checked with Anki 26.09 in `tests/anki_import.rs`). genanki-rs's
//!   default GUID (Rust's `DefaultHasher` over the fields) is never used: it
//!   changes with every edit of a field.
//! * Note type id and deck ids: [`stable_id`], i.e. SHA-256 of a fixed key,
//!   mapped into `[2^30, 2^31)` as genanki recommends for model/deck ids.
//! * Note ids, card ids and modification times derive from the fixed
//!   [`PACKAGE_TIMESTAMP`], so the same deck always gives the same notes and
//!   cards. The `.apkg` bytes still differ between runs: genanki-rs stamps
//!   the zip entries with the current time and serialises the deck and note
//!   type tables from `HashMap`s, whose order is random. Neither affects
//!   what Anki imports.
//!
//! Consequence of the fixed timestamp: every package claims the same
//! modification time, so Anki's default import option "Update notes: if
//! newer" leaves already-imported notes as they are; choose "Always" to take
//! changed answers from a newer package. [`render_at`] takes an explicit
//! timestamp for callers that want "if newer" to apply.

use std::collections::HashSet;
use std::io::Cursor;

use genanki_rs::{Field, Model, Note, Package, Template};
use sha2::{Digest, Sha256};

use crate::model::{Deck, Question};

/// Seconds since the Unix epoch used as the package timestamp:
/// 2025-01-01T00:00:00Z.
///
/// genanki-rs derives note and card ids from it (`timestamp × 1000`, then
/// counting up, in milliseconds as Anki's ids are) and writes it, in
/// seconds, as every note's, card's and the note type's modification time.
/// Fixed so that the same input gives the same note ids, GUIDs and
/// modification times on every run. Anki shows it as the cards' "added" date.
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
/// wrapping; `.nightMode` (Anki desktop, AnkiMobile) and `.night_mode`
/// (AnkiDroid) switch to dark colours.
const CARD_CSS: &str = r#".card {
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
"#;

/// Renders `deck` as an `.apkg` file's bytes, stamped with
/// [`PACKAGE_TIMESTAMP`].
///
/// # Errors
/// A message when a question id is empty or used twice (it is the note's
/// GUID), or when genanki-rs fails to build the package.
pub fn render(deck: &Deck) -> Result<Vec<u8>, String> {
    render_at(deck, PACKAGE_TIMESTAMP)
}

/// Like [`render`], with an explicit `timestamp` in seconds since the Unix
/// epoch (note/card ids are derived from it in milliseconds).
///
/// # Errors
/// As for [`render`].
pub fn render_at(deck: &Deck, timestamp: f64) -> Result<Vec<u8>, String> {
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
        .write_timestamp(&mut out, timestamp)
        .map_err(|e| e.to_string())?;
    Ok(out.into_inner())
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
    .css(CARD_CSS)
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
                },
                Occurrence {
                    path: "input/<b>.txt".to_string(),
                    line_start: 7,
                    line_end: 7,
                    title: None,
                    section: None,
                    difficulty: None,
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
        assert!(fields[1].contains("<pre><code class=\"language-python\">print(1 &lt; 2)"));
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
        let bytes = render(&deck).unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04"));
        assert!(bytes.windows(16).any(|w| w == b"collection.anki2"));
    }

    #[test]
    fn duplicate_or_empty_ids_are_rejected() {
        let mut deck = Deck::new("D");
        deck.questions.push(question("q1", None));
        deck.questions.push(question("q1", Some("S")));
        assert!(render(&deck).unwrap_err().contains("\"q1\" is used twice"));
        deck.questions = vec![question(" ", None)];
        assert!(render(&deck).unwrap_err().contains("empty id"));
    }
}
