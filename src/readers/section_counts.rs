//! Reader for [`Layout::SectionCounts`](super::Layout::SectionCounts): a
//! section header is a bare line followed by a line starting with
//! `N questions` glued to the section's first question
//! (`14 questionsis and == in Python? ...`). Surviving title tails are glued
//! to the answer's first sentence with `?` or `.`.
//!
//! This reader splits at every explicit signal: section headers, the
//! `N questions` prefix and glued title tails at the start of a line. The
//! stated counts are reported ([`stated_counts`]); questions that lost every
//! marker are placed by [`crate::transforms::boundaries`].

use super::{BodyLine, RawQuestion, TitleKind, glued_title_end, trim_body};
use crate::error::Warning;
use crate::text::is_heading_like;

/// Splits `N questions<rest>` into the count and the rest of the line.
///
/// ```
/// use pyqconv::readers::section_counts::split_count;
/// assert_eq!(split_count("14 questionsis and == in Python?"), Some((14, "is and == in Python?")));
/// assert_eq!(split_count("6 questions# timeit"), Some((6, "# timeit")));
/// assert_eq!(split_count("1 question"), Some((1, "")));
/// assert_eq!(split_count("14 quests"), None);
/// ```
pub fn split_count(line: &str) -> Option<(usize, &str)> {
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let count: usize = line[..digits].parse().ok()?;
    let rest = line[digits..].strip_prefix(' ')?;
    let rest = rest
        .strip_prefix("questions")
        .or_else(|| rest.strip_prefix("question"))?;
    Some((count, rest.trim_start_matches(':').trim_start()))
}

/// The counts the document states: each heading line followed by an
/// `N questions` line.
pub fn stated_counts(lines: &[&str]) -> Vec<super::StatedCount> {
    (0..lines.len().saturating_sub(1))
        .filter(|&i| is_heading_like(lines[i]))
        .filter_map(|i| {
            split_count(lines[i + 1]).map(|(count, _)| super::StatedCount {
                section: lines[i].trim().to_string(),
                line: i + 1,
                count,
            })
        })
        .collect()
}

/// Reads a section-counts document. `lines[i]` is document line `i + 1`.
pub fn read(_path: &str, lines: &[&str]) -> (Vec<RawQuestion>, Vec<Warning>) {
    let warnings = Vec::new();
    let mut questions: Vec<RawQuestion> = Vec::new();
    let mut current: Option<RawQuestion> = None;
    let mut section: Option<(String, usize, usize, usize)> = None; // name, stated, found, header line
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let n = i + 1;
        let header = is_heading_like(line)
            && lines
                .get(i + 1)
                .and_then(|next| split_count(next))
                .is_some();
        if header {
            finish(current.take(), &mut questions, &mut section);
            section.take();
            let (stated, rest) = split_count(lines[i + 1]).unwrap_or((0, ""));
            section = Some((line.trim().to_string(), stated, 0, n));
            current = Some(start_question(
                n + 1,
                rest,
                section.as_ref().map(|s| s.0.clone()),
            ));
            i += 2;
            continue;
        }
        let starts_question = section.is_some()
            && glued_title_end(line).is_some_and(|end| is_title_tail(&line[..end]));
        if starts_question {
            finish(current.take(), &mut questions, &mut section);
            current = Some(start_question(
                n,
                line,
                section.as_ref().map(|s| s.0.clone()),
            ));
        } else if let Some(q) = current.as_mut() {
            q.body.push(BodyLine {
                line: n,
                text: line.to_string(),
            });
        }
        i += 1;
    }
    finish(current.take(), &mut questions, &mut section);
    (questions, warnings)
}

/// Whether a glued title candidate reads as a title tail rather than a
/// sentence of an answer: short, and not a label (`Rule: ...`).
fn is_title_tail(tail: &str) -> bool {
    let words = crate::text::word_count(tail);
    let label = tail
        .split_once(": ")
        .is_some_and(|(head, _)| crate::text::word_count(head) <= 3 && !head.contains(['_', '.']));
    (1..=30).contains(&words) && !label
}

/// Starts a question at line `n` whose first line (after any `N questions`
/// prefix) is `text`; a glued title tail becomes its title.
fn start_question(n: usize, text: &str, section: Option<String>) -> RawQuestion {
    let mut q = RawQuestion {
        line_start: n,
        line_end: n,
        section,
        ..RawQuestion::default()
    };
    let answer = match glued_title_end(text).filter(|&end| is_title_tail(&text[..end])) {
        Some(end) => {
            let tail = text[..end].trim().to_string();
            q.title_as_read = Some(tail.clone());
            q.title = Some((tail, TitleKind::Tail));
            &text[end..]
        }
        _ => text,
    };
    if !answer.trim().is_empty() {
        q.body.push(BodyLine {
            line: n,
            text: answer.to_string(),
        });
    }
    q
}

fn finish(
    q: Option<RawQuestion>,
    out: &mut Vec<RawQuestion>,
    section: &mut Option<(String, usize, usize, usize)>,
) {
    let Some(mut q) = q else { return };
    if let Some((_, end)) = trim_body(&mut q.body) {
        q.line_end = end.max(q.line_start);
    }
    if q.title.is_some() || !q.body.is_empty() {
        if let Some(s) = section.as_mut() {
            s.2 += 1;
        }
        out.push(q);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_counts_and_glued_tails() {
        let text = "Doc Title\nIntro sentence here.\nCore Python\n2 questionsis and == in Python?== compares values.\na == b # True\nnonlocal, and the LEGB scoping rule.Python resolves names.\nx = 1\nFastAPI\n1 questionsFastAPI is built on Starlette.";
        let lines = super::super::lines(text);
        let (qs, warnings) = read("t.txt", &lines);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(qs.len(), 3);
        assert_eq!(qs[0].title.as_ref().unwrap().0, "is and == in Python?");
        assert_eq!(qs[0].body[0].text, "== compares values.");
        assert_eq!((qs[0].line_start, qs[0].line_end), (4, 5));
        assert_eq!(
            qs[1].title.as_ref().unwrap().0,
            "nonlocal, and the LEGB scoping rule."
        );
        assert_eq!(qs[1].section.as_deref(), Some("Core Python"));
        assert!(qs[2].title.is_none());
        assert_eq!(qs[2].section.as_deref(), Some("FastAPI"));
        assert_eq!(qs[2].line_start, 9);
    }
}
