//! CSV writer: a header row, then one record per question.
//!
//! The format follows RFC 4180 (<https://www.rfc-editor.org/rfc/rfc4180>)
//! as the `csv` crate writes it:
//!
//! - comma-separated, UTF-8 without a byte-order mark;
//! - records end with CRLF (`\r\n`, [`csv::Terminator::CRLF`]; the crate's
//!   own default would be a bare `\n`);
//! - a field is quoted only when it must be ([`csv::QuoteStyle::Necessary`]):
//!   when it contains a comma, a double quote, `\r` or `\n`, or is empty as
//!   the only field of a record. Quotes inside a quoted field are doubled
//!   (`"` becomes `""`). Line breaks inside answers are kept as written
//!   (`\n`), inside the quotes.
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
//! Cell text is written exactly as the model holds it. In particular a title
//! that begins with `=`, `+`, `-` or `@` is **not** escaped: a spreadsheet
//! program that opens the CSV directly may treat it as a formula. The XLSX
//! writer ([`crate::writers::xlsx`]) stores every cell as text and is the
//! format to open in a spreadsheet.
//!
//! [`Question::id`]: crate::model::Question::id
//! [`Question::section`]: crate::model::Question::section
//! [`Question::title`]: crate::model::Question::title
//! [`Question::answer_markdown`]: crate::model::Question::answer_markdown
//! [`Difficulty::as_str`]: crate::model::Difficulty::as_str

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

/// Renders `deck` as CSV: the [`HEADER`] row, then one record per question
/// in deck order. An empty deck gives the header row alone.
///
/// # Errors
/// The csv crate's message if encoding fails; writing to memory does not
/// fail in practice.
pub fn render(deck: &Deck) -> Result<Vec<u8>, String> {
    let mut writer = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(HEADER).map_err(|e| e.to_string())?;
    for question in &deck.questions {
        writer
            .write_record(record(question))
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
                },
                Occurrence {
                    path: "b.txt".into(),
                    line_start: 7,
                    line_end: 7,
                    title: None,
                    section: None,
                    difficulty: None,
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
}
