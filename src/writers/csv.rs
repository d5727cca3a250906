//! CSV writer: one row per question after a header row, RFC 4180 quoting
//! (fields with a comma, quote or line break are quoted, quotes doubled),
//! UTF-8, `\n` record terminator (the csv crate's default), via the csv crate.
//!
//! Columns: `id, section, difficulty, title, title_origin, answer,
//! answer_markdown, tags, sources` — `answer` is plain text (code kept line
//! by line), `tags` space-separated, `sources` the occurrences as
//! `path:start-end` joined by `; `.

use crate::markdown::to_plain_text;
use crate::model::Deck;

/// The header row, in column order.
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

/// Renders `deck` as CSV bytes.
///
/// # Errors
/// The csv crate's message if a record cannot be written.
pub fn render(deck: &Deck) -> Result<Vec<u8>, String> {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    writer.write_record(HEADER).map_err(|e| e.to_string())?;
    for q in &deck.questions {
        let sources: Vec<String> = q.sources.iter().map(|s| s.location()).collect();
        writer
            .write_record([
                q.id.as_str(),
                q.section.as_deref().unwrap_or(""),
                q.difficulty.map_or("", |d| d.as_str()),
                q.title.as_str(),
                q.title_origin.as_str(),
                to_plain_text(&q.answer_markdown).as_str(),
                q.answer_markdown.as_str(),
                q.tags.join(" ").as_str(),
                sources.join("; ").as_str(),
            ])
            .map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}
