//! Boundaries without markers: where a section states how many questions
//! it holds and fewer were found, the missing boundaries are placed inside
//! the found questions' bodies.
//!
//! Each candidate line is scored by
//! - lexical cohesion: how different the vocabulary of the lines before it
//!   is from the vocabulary after it (`1 − cosine` of term counts over a
//!   window), after Hearst's TextTiling (1997);
//! - the shape of an opening: a definitional sentence (`A decorator is a
//!   callable ...`, `Comprehensions are ...`) after an answer's closing
//!   remark or code;
//! - penalties for places that continue an answer: after a label line
//!   ending in `:`, inside a run of code, on a bullet or table row, on a
//!   line starting in lowercase.
//!
//! The best-scoring candidates that keep every question at least
//! [`MIN_QUESTION_LINES`] long are taken, exactly as many as the stated
//! count asks for.

use crate::error::Warning;
use crate::readers::{Document, RawQuestion};
use crate::text::{is_bullet_line, is_code_line, is_table_line, looks_like_sentence};
use std::collections::BTreeMap;

/// No boundary is placed closer than this many lines to another one.
pub const MIN_QUESTION_LINES: usize = 4;

/// Lines on each side of a candidate whose vocabulary is compared.
pub const WINDOW: usize = 10;

const STOPWORDS: &[&str] = &[
    "the", "and", "for", "with", "that", "this", "are", "not", "but", "you", "your", "can", "use",
    "from", "into", "when", "all", "has", "have", "its", "one", "each", "any", "was", "will",
    "def", "return", "self", "none", "true", "false", "print", "import", "class", "print", "more",
    "than", "only", "also", "like", "used", "uses", "via", "how", "what", "why", "which", "does",
];

fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| w.len() >= 3 && w.chars().any(char::is_alphabetic))
        .map(str::to_lowercase)
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
}

fn cosine(a: &BTreeMap<String, f64>, b: &BTreeMap<String, f64>) -> f64 {
    let dot: f64 = a.iter().filter_map(|(k, x)| b.get(k).map(|y| x * y)).sum();
    let na: f64 = a.values().map(|x| x * x).sum::<f64>().sqrt();
    let nb: f64 = b.values().map(|x| x * x).sum::<f64>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
    }
}

/// Whether `line` opens like a definition: `A decorator is ...`,
/// `Comprehensions are ...`, `In Python, classes are ...`.
pub fn is_definitional(line: &str) -> bool {
    let t = line.trim();
    if !looks_like_sentence(t) {
        return false;
    }
    let t = t.strip_prefix("In Python, ").unwrap_or(t);
    let words: Vec<&str> = t.split_whitespace().collect();
    words
        .iter()
        .take(7)
        .position(|w| matches!(*w, "is" | "are" | "lets" | "allows" | "provides" | "uses"))
        .is_some_and(|k| k >= 1 && !words[..k].iter().any(|w| w.ends_with([',', ':', ';'])))
}

/// Scores line `i` (0-based index into `lines`) as a place where a new
/// question begins. Higher is likelier; negative means "continues".
fn score(lines: &[&str], i: usize) -> f64 {
    let line = lines[i].trim();
    let prev = (0..i)
        .rev()
        .map(|j| lines[j].trim())
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut s = 0.0;
    if prev.ends_with(':') || prev.ends_with(',') || line.starts_with(|c: char| c.is_lowercase()) {
        s -= 1.0;
    }
    let code = is_code_line(line);
    if code && is_code_line(prev) {
        s -= 1.0;
    }
    if is_bullet_line(line) || is_table_line(line) && is_table_line(prev) {
        s -= 0.8;
    }
    if is_definitional(line) {
        s += 0.6;
    } else if looks_like_sentence(line) && (is_code_line(prev) || prev.ends_with('.')) {
        s += 0.15;
    }
    if let Some((label, _)) = line.split_once(": ")
        && label.split_whitespace().count() <= 3
        && !is_definitional(line)
    {
        s -= 0.1;
    }
    let before: BTreeMap<String, f64> = lines[i.saturating_sub(WINDOW)..i]
        .iter()
        .flat_map(|l| terms(l))
        .fold(BTreeMap::new(), |mut m, t| {
            *m.entry(t).or_insert(0.0) += 1.0;
            m
        });
    let after: BTreeMap<String, f64> = lines[i..(i + WINDOW).min(lines.len())]
        .iter()
        .flat_map(|l| terms(l))
        .fold(BTreeMap::new(), |mut m, t| {
            *m.entry(t).or_insert(0.0) += 1.0;
            m
        });
    s + (1.0 - cosine(&before, &after))
}

/// Places the boundaries each stated count asks for (see the module docs)
/// and returns warnings for sections whose count could not be met.
pub fn split_to_stated_counts(doc: &mut Document) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let counts = doc.stated_counts.clone();
    let lines: Vec<&str> = doc.lines.iter().map(String::as_str).collect();
    for stated in &counts {
        let members: Vec<usize> = (0..doc.questions.len())
            .filter(|&k| doc.questions[k].section.as_deref() == Some(stated.section.as_str()))
            .collect();
        if members.is_empty() || members.len() >= stated.count {
            if members.len() > stated.count {
                warnings.push(Warning::at(
                    &doc.path,
                    stated.line,
                    format!(
                        "section \"{}\" states {} questions but {} were found",
                        stated.section,
                        stated.count,
                        members.len()
                    ),
                ));
            }
            continue;
        }
        let need = stated.count - members.len();
        // Candidates: body lines after each question's first body line.
        let mut taken: Vec<usize> = members
            .iter()
            .map(|&k| doc.questions[k].line_start)
            .collect();
        taken.extend(members.iter().map(|&k| doc.questions[k].line_end + 1));
        let mut candidates: Vec<(f64, usize)> = Vec::new();
        for &k in &members {
            let q = &doc.questions[k];
            for b in q.body.iter().skip(1) {
                if b.text.trim().is_empty() || b.text != lines[b.line - 1] {
                    continue;
                }
                candidates.push((score(&lines, b.line - 1), b.line));
            }
        }
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut chosen = Vec::new();
        for (s, line) in candidates {
            if chosen.len() == need || s <= 0.0 {
                break;
            }
            if taken
                .iter()
                .chain(chosen.iter())
                .all(|&t: &usize| t.abs_diff(line) >= MIN_QUESTION_LINES)
            {
                chosen.push(line);
            }
        }
        if chosen.len() < need {
            warnings.push(Warning::at(&doc.path, stated.line, format!(
                "section \"{}\" states {} questions; {} found, {} more boundaries could not be placed",
                stated.section, stated.count, members.len() + chosen.len(), need - chosen.len()
            )));
        }
        chosen.sort_unstable();
        split_at(&mut doc.questions, &chosen);
    }
    warnings
}

/// Splits the questions holding each line of `starts` so that a new,
/// untitled question begins at that line.
fn split_at(questions: &mut Vec<RawQuestion>, starts: &[usize]) {
    for &line in starts.iter().rev() {
        let Some(k) = questions
            .iter()
            .position(|q| q.line_start < line && line <= q.line_end)
        else {
            continue;
        };
        let q = &mut questions[k];
        let at = q
            .body
            .iter()
            .position(|b| b.line >= line)
            .unwrap_or(q.body.len());
        let tail: Vec<_> = q.body.split_off(at);
        let new_end = q.line_end;
        q.line_end = q
            .body
            .last()
            .map_or(q.line_start, |b| b.line)
            .max(q.line_start);
        let new = RawQuestion {
            line_start: line,
            line_end: new_end,
            section: q.section.clone(),
            difficulty: q.difficulty,
            body: tail,
            indentation_kept: q.indentation_kept,
            ..RawQuestion::default()
        };
        questions.insert(k + 1, new);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readers::StatedCount;

    #[test]
    fn definitional_openings() {
        assert!(is_definitional(
            "A decorator is a callable that takes a function."
        ));
        assert!(is_definitional(
            "Comprehensions are concise, readable one-liners for building collections."
        ));
        assert!(is_definitional("In Python, classes are objects too."));
        assert!(!is_definitional(
            "Rule: Only use is to compare against singletons."
        ));
        assert!(!is_definitional("x = 1"));
    }

    #[test]
    fn stated_count_places_the_missing_boundary_at_the_topic_change() {
        let text = "Core\n2 questionsWhat is a list?A list holds items in order and lists grow.\nlists = [1, 2, 3]\nlists.append(4)\nUse a list when order matters for items.\nA decorator is a callable that wraps a function and returns a wrapper.\ndef deco(func):\nreturn wrapper\nDecorators run at definition time, wrapping functions.\nMore\n1 questionsA set holds unique items.";
        let mut doc = crate::readers::read("t.txt", text);
        assert_eq!(doc.questions.len(), 2);
        assert_eq!(
            doc.stated_counts[0],
            StatedCount {
                section: "Core".into(),
                line: 1,
                count: 2
            }
        );
        let warnings = split_to_stated_counts(&mut doc);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(doc.questions.len(), 3);
        assert_eq!(doc.questions[1].line_start, 6);
        assert_eq!(
            (doc.questions[0].line_start, doc.questions[0].line_end),
            (2, 5)
        );
        assert!(doc.questions[1].title.is_none());
        assert_eq!(doc.questions[1].section.as_deref(), Some("Core"));
    }
}
