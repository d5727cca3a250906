//! Transforms: passes from what readers found to the normalized [`Deck`].
//!
//! Each pass takes values and returns values; none does I/O.
//! - [`answer`]: answer lines → CommonMark with fenced code;
//! - [`titles`]: a title for every question that lost its own;
//! - [`ids`]: stable question ids;
//! - [`boundaries`]: questions that lost every marker, placed where a
//!   section's stated count asks for them;
//! - [`twins`]: copies of one article borrow the better copy's structure;
//! - [`build_deck`]: ties them together, adds tags, merges twins, sorts.

use crate::model::{Deck, Occurrence, Question, TitleOrigin};
use crate::readers::{Document, TitleKind};
use std::collections::BTreeMap;

pub mod answer;
pub mod boundaries;
pub mod dedup;
pub mod glued;
pub mod identity;
pub mod ids;
pub mod indentation;
pub mod language;
pub mod minhash;
pub mod sections;
pub mod tables;
pub mod titles;
pub mod twins;

/// The file name part of `path` (`input/a.txt` → `a.txt`).
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// A tag value: spaces and Anki's hierarchy separator made safe
/// (`Core Language & Data Structures` → `Core_Language_&_Data_Structures`).
pub fn tag_value(value: &str) -> String {
    value
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("_")
        .replace("::", ":")
}

/// Turns one document's raw questions into model questions.
///
/// Every question gets a non-empty title ([`titles::generate`] where the
/// document had none), its answer as Markdown, a stable id, and tags
/// `section::…`, `difficulty::…`, `source::<file stem>` and, for titles not
/// written by the document, `title::<origin>`.
pub fn questions_of(doc: &Document) -> Vec<Question> {
    let file = file_name(&doc.path);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    doc.questions
        .iter()
        .map(|raw| {
            // A title of punctuation alone (`.` left by a cut table row) is
            // no title: the answer gives one.
            let (title, origin) = match &raw.title {
                Some((t, kind)) if clean_title(t).chars().any(char::is_alphanumeric) => {
                    let t = &clean_title(t);
                    let text = match kind {
                        TitleKind::Full => t.trim().to_string(),
                        TitleKind::Tail => titles::module_tail(t, &raw.body)
                            .unwrap_or_else(|| titles::complete_tail(t)),
                        TitleKind::Heading => titles::from_heading(t),
                    };
                    // A fragment that needed no completing was a whole title.
                    let whole = *kind == TitleKind::Full || text == t.trim();
                    let origin = match raw.twin_of {
                        Some(_) => TitleOrigin::Recovered,
                        None if whole => TitleOrigin::Original,
                        None => TitleOrigin::Repaired,
                    };
                    (text, origin)
                }
                _ => (titles::generate(&raw.body), TitleOrigin::Generated),
            };
            let key = ids::normalize(&title);
            let ordinal = seen.entry(key).or_insert(0);
            let id = ids::question_id(file, &title, *ordinal);
            *ordinal += 1;
            let occurrence_id = id.clone();
            let mut tags = vec![format!("source::{}", tag_value(stem))];
            if let Some(s) = &raw.section {
                tags.push(format!("section::{}", tag_value(s)));
            }
            if let Some(d) = raw.difficulty {
                tags.push(format!("difficulty::{}", d.as_str()));
            }
            if origin != TitleOrigin::Original {
                tags.push(format!("title::{}", origin.as_str()));
            }
            tags.sort();
            tags.dedup();
            Question {
                id,
                title,
                title_origin: origin,
                answer_markdown: if raw.markdown {
                    answer::keep_markdown(&raw.body)
                } else {
                    answer::to_markdown(&raw.body, raw.indentation_kept)
                },
                section: raw.section.clone(),
                difficulty: raw.difficulty,
                tags,
                sources: vec![Occurrence {
                    path: doc.path.clone(),
                    line_start: raw.line_start,
                    line_end: raw.line_end,
                    title: raw.title_as_read.clone(),
                    section: raw.section.clone(),
                    difficulty: raw.difficulty,
                    id: Some(occurrence_id),
                }],
            }
        })
        .collect()
}

/// A title as a reader found it, cleaned of what scraping leaves on it:
/// HTML entities decoded ([`answer::decode_entities`]), runs of white
/// space (no-break spaces too) made one space, and debris before the first
/// word dropped (`&` or `| ` or `✅ ` before `Explain ...`). A title may
/// still open with code: `_`, `@`, `*`, `.`, `$`, `~`, a bracket or a
/// quote (straight or typographic) stay.
fn clean_title(title: &str) -> String {
    let decoded = answer::decode_entities(title);
    let spaced = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
    spaced
        .trim_start_matches(|c: char| !(c.is_alphanumeric() || "_@*.$~([{<`'\"¿¡“‘«".contains(c)))
        .to_string()
}

/// Builds the deck named `name` from read documents, in a stable order:
/// by path, then by first line, whatever order the documents come in.
///
/// With `merge_twins`, a question that [`twins::recover`] aligned to a
/// question of a better copy is not kept on its own: its occurrence and
/// tags join that question (every source stays listed).
pub fn build_deck(name: &str, docs: &[Document], merge_twins: bool) -> Deck {
    let mut per_doc: Vec<Vec<Question>> = docs.iter().map(questions_of).collect();
    if merge_twins {
        let mut moves = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            for (k, raw) in doc.questions.iter().enumerate() {
                if let Some((bd, bk)) = raw.twin_of
                    && bd != d
                    && bk < per_doc.get(bd).map_or(0, Vec::len)
                {
                    moves.push((d, k, bd, bk));
                }
            }
        }
        let mut drop: Vec<(usize, usize)> = Vec::new();
        for &(d, k, bd, bk) in &moves {
            let twin = per_doc[d][k].clone();
            let target = &mut per_doc[bd][bk];
            target.sources.extend(twin.sources);
            target
                .tags
                .extend(twin.tags.into_iter().filter(|t| t.starts_with("source::")));
            target.tags.sort();
            target.tags.dedup();
            drop.push((d, k));
        }
        for (d, questions) in per_doc.iter_mut().enumerate() {
            let mut k = 0;
            questions.retain(|_| {
                let keep = !drop.contains(&(d, k));
                k += 1;
                keep
            });
        }
    }
    let mut deck = Deck::new(name);
    deck.questions = per_doc.into_iter().flatten().collect();
    deck.questions.sort_by(|a, b| {
        let (x, y) = (&a.sources[0], &b.sources[0]);
        (&x.path, x.line_start, &a.id).cmp(&(&y.path, y.line_start, &b.id))
    });
    deck
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readers::{BodyLine, Layout, RawQuestion};

    fn document(title: &str) -> Document {
        Document {
            path: "input/a.txt".into(),
            layout: Layout::AnswerMarkers,
            line_count: 2,
            lines: vec![title.into(), "The GIL is a mutex in CPython.".into()],
            questions: vec![RawQuestion {
                line_start: 1,
                line_end: 2,
                title: Some((title.into(), TitleKind::Tail)),
                body: vec![BodyLine {
                    line: 2,
                    text: "The GIL is a mutex in CPython.".into(),
                }],
                ..RawQuestion::default()
            }],
            warnings: Vec::new(),
            stated_counts: Vec::new(),
            encoding_repairs: 0,
            sections_from_header: None,
        }
    }

    #[test]
    fn a_title_of_punctuation_alone_gives_way_to_a_generated_one() {
        for debris in [".", "?", ". |", "..."] {
            let q = &questions_of(&document(debris))[0];
            assert_eq!(q.title, "What is the GIL?", "title read: {debris:?}");
            assert_eq!(q.title_origin, TitleOrigin::Generated);
        }
        let q = &questions_of(&document("What is the GIL?"))[0];
        assert_eq!(q.title_origin, TitleOrigin::Original, "{}", q.title);
        // A typographic quote opening the title is the author's, not debris.
        let quoted = "“Functions are objects.” What do you infer from this?";
        let mut doc = document(quoted);
        doc.questions[0].title = Some((quoted.into(), TitleKind::Full));
        assert_eq!(questions_of(&doc)[0].title, quoted);
    }
}
