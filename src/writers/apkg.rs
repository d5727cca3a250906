//! Anki package writer (genanki-rs): one note type, a subdeck per section,
//! one note per question.
//!
//! Identity follows Anki's manual: on import, a note whose GUID is already
//! in the collection is the same note (updated, not duplicated). So GUIDs
//! are the questions' stable ids — never genanki-rs's default, which hashes
//! every field and changes whenever an answer is fixed — and the deck and
//! note type ids are derived from their names. The package timestamp is
//! fixed, so the same deck gives the same note ids and modification times.

use crate::markdown::to_html;
use crate::model::{Deck, Question};
use genanki_rs::{Deck as AnkiDeck, Field, Model, Note, Package, Template};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The package timestamp, in seconds since the Unix epoch (2026-01-01).
pub const PACKAGE_TIMESTAMP: f64 = 1_767_225_600.0;

/// The note type's name.
pub const NOTE_TYPE_NAME: &str = "pyqconv Python Interview";

/// The note type's fields, in order.
pub const FIELDS: [&str; 6] = [
    "Question",
    "Answer",
    "Section",
    "Difficulty",
    "Source",
    "ID",
];

const FRONT: &str = r#"<div class="meta">{{#Section}}<span class="section">{{Section}}</span>{{/Section}}{{#Difficulty}}<span class="difficulty {{Difficulty}}">{{Difficulty}}</span>{{/Difficulty}}</div>
<div class="question">{{Question}}</div>"#;

const BACK: &str = r#"{{FrontSide}}
<hr id="answer">
<div class="answer">{{Answer}}</div>
<div class="source">{{Source}}</div>"#;

/// The note type's CSS: readable at 360 px, code blocks that scroll
/// sideways, light and night mode.
pub const CSS: &str = r#".card { font-family: -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 18px; line-height: 1.45; text-align: left; color: #1d1d1f; background: #fff; margin: 0; padding: 12px; }
.meta { font-size: 13px; color: #6e6e73; margin-bottom: 6px; }
.meta .difficulty { margin-left: 8px; padding: 1px 6px; border-radius: 8px; background: #eef; }
.meta .difficulty.Easy { background: #e3f5e1; } .meta .difficulty.Medium { background: #fff3d6; } .meta .difficulty.Hard { background: #fde2e1; }
.question { font-size: 20px; font-weight: 600; }
.answer { margin-top: 8px; }
.answer pre { overflow-x: auto; white-space: pre; background: #f5f5f7; padding: 8px; border-radius: 6px; font-size: 14px; }
.answer code { font-family: "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; }
.answer table { border-collapse: collapse; display: block; overflow-x: auto; font-size: 15px; }
.answer th, .answer td { border: 1px solid #d2d2d7; padding: 4px 6px; vertical-align: top; }
.source { margin-top: 12px; font-size: 12px; color: #86868b; word-break: break-all; }
.nightMode.card, .night_mode .card, .nightMode .card { color: #f5f5f7; background: #1c1c1e; }
.nightMode .answer pre, .night_mode .answer pre { background: #2c2c2e; }
.nightMode .meta .difficulty, .night_mode .meta .difficulty { background: #3a3a3c; }
@media (prefers-color-scheme: dark) { .card { color: #f5f5f7; background: #1c1c1e; } .answer pre { background: #2c2c2e; } }"#;

/// A stable id in `[2^30, 2^31)` for `key`, from SHA-256 (genanki's
/// recommended range for deck and note type ids).
///
/// ```
/// use pyqconv::writers::apkg::stable_id;
/// let id = stable_id("deck Python Interview");
/// assert_eq!(id, stable_id("deck Python Interview"));
/// assert!((1 << 30..1 << 31).contains(&id));
/// ```
pub fn stable_id(key: &str) -> i64 {
    let digest = Sha256::digest(format!("pyqconv {key}").as_bytes());
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest[..8]);
    (1 << 30) + (u64::from_be_bytes(bytes) % (1 << 30)) as i64
}

/// The full deck name a question goes into: `Deck::Section`, or the top
/// deck when it has no section. `::` inside a section name would nest
/// further in Anki, so it becomes `:`.
pub fn deck_name(deck: &str, question: &Question) -> String {
    match &question.section {
        Some(section) => format!("{deck}::{}", section.replace("::", ":")),
        None => deck.to_string(),
    }
}

/// Escapes text for an HTML field.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The note's fields, in [`FIELDS`] order.
pub fn fields(question: &Question) -> [String; 6] {
    let sources: Vec<String> = question
        .sources
        .iter()
        .map(|s| escape(&s.location()))
        .collect();
    [
        escape(&question.title),
        to_html(&question.answer_markdown),
        question.section.as_deref().map(escape).unwrap_or_default(),
        question
            .difficulty
            .map(|d| d.label().to_string())
            .unwrap_or_default(),
        sources.join("<br>"),
        escape(&question.id),
    ]
}

fn note_type() -> Model {
    Model::new(
        stable_id("note type pyqconv v1"),
        NOTE_TYPE_NAME,
        FIELDS.iter().map(|f| Field::new(f)).collect(),
        vec![Template::new("Question → Answer").qfmt(FRONT).afmt(BACK)],
    )
    .css(CSS)
}

/// Renders `deck` as an `.apkg` package.
///
/// # Errors
/// genanki-rs's message if a note or the package cannot be built.
pub fn render(deck: &Deck) -> Result<Vec<u8>, String> {
    let model = note_type();
    let mut decks: BTreeMap<String, AnkiDeck> = BTreeMap::new();
    decks.insert(
        deck.deck.clone(),
        AnkiDeck::new(stable_id(&format!("deck {}", deck.deck)), &deck.deck, ""),
    );
    for q in &deck.questions {
        let name = deck_name(&deck.deck, q);
        let fields = fields(q);
        let tags: Vec<String> = q
            .tags
            .iter()
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join("_"))
            .collect();
        let note = Note::new_with_options(
            model.clone(),
            fields.iter().map(String::as_str).collect(),
            None,
            Some(tags.iter().map(String::as_str).collect()),
            Some(&q.id),
        )
        .map_err(|e| format!("question {}: {e}", q.id))?;
        decks
            .entry(name.clone())
            .or_insert_with(|| AnkiDeck::new(stable_id(&format!("deck {name}")), &name, ""))
            .add_note(note);
    }
    let mut package =
        Package::new(decks.into_values().collect(), vec![]).map_err(|e| e.to_string())?;
    let mut out = std::io::Cursor::new(Vec::new());
    package
        .write_timestamp(&mut out, PACKAGE_TIMESTAMP)
        .map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}
