//! JSON writer: the model itself, as pretty-printed JSON.
//!
//! The output is exactly the serde form of [`Deck`], two-space indented by
//! `serde_json::to_vec_pretty`, UTF-8, with a trailing newline:
//!
//! ```json
//! {
//!   "schema_version": 1,
//!   "deck": "Python Interview",
//!   "questions": [
//!     {
//!       "id": "…",
//!       "title": "What is a decorator?",
//!       "title_origin": "original",
//!       "answer_markdown": "A callable that …",
//!       "section": "Functions",
//!       "difficulty": "medium",
//!       "tags": ["functions"],
//!       "sources": [
//!         {
//!           "path": "input/x.txt",
//!           "line_start": 10,
//!           "line_end": 24,
//!           "title": "What is a decorator?",
//!           "section": "Functions",
//!           "difficulty": "medium"
//!         }
//!       ]
//!     }
//!   ]
//! }
//! ```
//!
//! Field names are a stable public interface (see [`crate::model`]): absent
//! values are written as `null`, never omitted, so every question object has
//! the same keys. `title_origin` and `difficulty` are lowercase strings.
//! Reading the file back with `serde_json::from_slice::<Deck>` gives an equal
//! deck.

use crate::model::Deck;

/// Renders `deck` as pretty JSON followed by a newline.
///
/// # Errors
/// serde_json's message if serialization fails; with the model's plain
/// types (strings, integers, enums, vectors) it does not in practice.
pub fn render(deck: &Deck) -> Result<Vec<u8>, String> {
    let mut bytes = serde_json::to_vec_pretty(deck).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Difficulty, Occurrence, Question, TitleOrigin};
    use serde_json::Value;
    use std::collections::BTreeSet;

    fn deck() -> Deck {
        let mut deck = Deck::new("Python Interview");
        deck.questions.push(Question {
            id: "q-1".into(),
            title: "What is a decorator?".into(),
            title_origin: TitleOrigin::Repaired,
            answer_markdown: "A callable that wraps `f`.\n\n```python\n@wraps(f)\n```".into(),
            section: Some("Functions".into()),
            difficulty: Some(Difficulty::Medium),
            tags: vec!["functions".into(), "medium".into()],
            sources: vec![
                Occurrence {
                    path: "input/a.txt".into(),
                    line_start: 3,
                    line_end: 9,
                    title: Some("What is a decorator".into()),
                    section: Some("Functions".into()),
                    difficulty: Some(Difficulty::Medium),
                    id: None,
                },
                Occurrence {
                    path: "input/b.md".into(),
                    line_start: 40,
                    line_end: 40,
                    title: None,
                    section: None,
                    difficulty: None,
                    id: None,
                },
            ],
        });
        deck.questions.push(Question {
            id: "q-2".into(),
            title: "Юникод — «кавычки»?".into(),
            title_origin: TitleOrigin::Generated,
            answer_markdown: String::new(),
            section: None,
            difficulty: None,
            tags: vec![],
            sources: vec![Occurrence {
                path: "input/c.txt".into(),
                line_start: 1,
                line_end: 2,
                title: None,
                section: None,
                difficulty: None,
                id: None,
            }],
        });
        deck
    }

    fn keys(value: &Value) -> BTreeSet<&str> {
        value
            .as_object()
            .expect("a JSON object")
            .keys()
            .map(String::as_str)
            .collect()
    }

    fn set<'a>(names: &[&'a str]) -> BTreeSet<&'a str> {
        names.iter().copied().collect()
    }

    #[test]
    fn field_names_are_the_public_interface() {
        let bytes = render(&deck()).unwrap();
        let value: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(keys(&value), set(&["schema_version", "deck", "questions"]));
        assert_eq!(value["schema_version"], 1);
        assert_eq!(value["deck"], "Python Interview");
        let questions = value["questions"].as_array().unwrap();
        assert_eq!(questions.len(), 2);
        for question in questions {
            assert_eq!(
                keys(question),
                set(&[
                    "id",
                    "title",
                    "title_origin",
                    "answer_markdown",
                    "section",
                    "difficulty",
                    "tags",
                    "sources",
                ])
            );
            for source in question["sources"].as_array().unwrap() {
                assert_eq!(
                    keys(source),
                    set(&[
                        "path",
                        "line_start",
                        "line_end",
                        "title",
                        "section",
                        "difficulty",
                        "id",
                    ])
                );
            }
        }
        // Enum spellings and nulls are part of the interface too.
        assert_eq!(questions[0]["title_origin"], "repaired");
        assert_eq!(questions[0]["difficulty"], "medium");
        assert_eq!(questions[1]["difficulty"], Value::Null);
        assert_eq!(questions[1]["section"], Value::Null);
        assert_eq!(questions[0]["sources"][1]["title"], Value::Null);
    }

    #[test]
    fn round_trips_to_an_equal_deck() {
        let original = deck();
        let bytes = render(&original).unwrap();
        let back: Deck = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(back, original);
    }

    #[test]
    fn pretty_with_trailing_newline() {
        let text = String::from_utf8(render(&deck()).unwrap()).unwrap();
        assert!(text.starts_with("{\n  \"schema_version\": 1,\n  \"deck\": "));
        assert!(text.ends_with("}\n"));
        assert!(!text.ends_with("\n\n"));
        // Non-ASCII is written as UTF-8, not \u escapes.
        assert!(text.contains("Юникод — «кавычки»?"));
    }
}
