//! Reader for [`Layout::NumberedDifficulty`](super::Layout::NumberedDifficulty):
//! bare section header lines, each question preceded by a line holding only
//! its number, the title ending in a glued difficulty (`...implications?Hard`).
//!
//! A question runs from its number line to the line before the next number
//! line (or the next section header). Code kept its indentation here.

use super::{RawQuestion, TitleKind, body_lines, is_number_line, trim_body};
use crate::error::Warning;
use crate::model::Difficulty;
use crate::text::is_heading_like;

/// Splits a title line with a glued difficulty into the title and the
/// difficulty: `"What is the GIL?Hard"` → `("What is the GIL?", Hard)`.
///
/// The difficulty must follow the title's closing punctuation (`?`, `.`,
/// `)`) or a letter directly, with no space, and end the line.
pub fn split_difficulty(line: &str) -> Option<(&str, Difficulty)> {
    let t = line.trim_end();
    for word in ["Easy", "Medium", "Hard"] {
        if let Some(title) = t.strip_suffix(word) {
            let glued = title.ends_with(|c: char| c.is_alphanumeric() || "?.)".contains(c));
            if glued && crate::text::word_count(title) >= 2 && !title.starts_with('#') {
                return Some((title.trim(), Difficulty::parse(word)?));
            }
        }
    }
    None
}

/// Reads a numbered document. `lines[i]` is document line `i + 1`.
pub fn read(path: &str, lines: &[&str]) -> (Vec<RawQuestion>, Vec<Warning>) {
    let mut warnings = Vec::new();
    // Question starts: index of each number line followed by a title line.
    let starts: Vec<usize> = (0..lines.len().saturating_sub(1))
        .filter(|&i| is_number_line(lines[i]) && !lines[i + 1].trim().is_empty())
        .filter(|&i| split_difficulty(lines[i + 1]).is_some() || looks_like_title(lines[i + 1]))
        .collect();
    // Section headers: a heading-like line directly before a number line.
    let is_header = |i: usize| starts.contains(&(i + 1)) && is_heading_like(lines[i]);
    let mut questions = Vec::new();
    let mut section: Option<String> = None;
    let mut header_before_first = None;
    for (i, line) in lines
        .iter()
        .enumerate()
        .take(starts.first().copied().unwrap_or(0))
    {
        if is_header(i) {
            header_before_first = Some(line.trim().to_string());
        }
    }
    if header_before_first.is_some() {
        section = header_before_first;
    }
    for (k, &start) in starts.iter().enumerate() {
        let title_line = lines[start + 1];
        let (title, difficulty) = match split_difficulty(title_line) {
            Some((t, d)) => (t.to_string(), Some(d)),
            None => {
                warnings.push(Warning::at(
                    path,
                    start + 2,
                    "title line has no Easy/Medium/Hard suffix; difficulty left empty",
                ));
                (title_line.trim().to_string(), None)
            }
        };
        let next = starts.get(k + 1).copied().unwrap_or(lines.len());
        // The body ends before the next number line, or before the section
        // header that precedes it.
        let mut end = next; // exclusive, 0-based
        let mut next_section = None;
        if k + 1 < starts.len() && next > 0 && is_header(next - 1) {
            end = next - 1;
            next_section = Some(lines[next - 1].trim().to_string());
        }
        let mut body = body_lines(lines, start + 3, end);
        let span_end = trim_body(&mut body).map(|(_, e)| e).unwrap_or(start + 2);
        questions.push(RawQuestion {
            line_start: start + 1,
            line_end: span_end,
            title_as_read: Some(title_line.trim().to_string()),
            title: Some((title, TitleKind::Full)),
            section: section.clone(),
            difficulty,
            body,
            indentation_kept: true,
            ..RawQuestion::default()
        });
        if let Some(s) = next_section {
            section = Some(s);
        }
    }
    (questions, warnings)
}

/// A title line without a difficulty: a sentence ending in `?` or `.`.
fn looks_like_title(line: &str) -> bool {
    let t = line.trim();
    t.ends_with('?') && crate::text::word_count(t) >= 3 && !crate::text::is_code_line(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_glued_difficulty() {
        assert_eq!(
            split_difficulty("What is the GIL and what are its implications?Hard"),
            Some((
                "What is the GIL and what are its implications?",
                Difficulty::Hard
            ))
        );
        assert_eq!(
            split_difficulty("Explain Python's *args and **kwargs, and argument unpacking.Easy"),
            Some((
                "Explain Python's *args and **kwargs, and argument unpacking.",
                Difficulty::Easy
            ))
        );
        assert_eq!(split_difficulty("This is Hard"), None);
        assert_eq!(split_difficulty("x = Hard"), None);
    }

    #[test]
    fn reads_sections_numbers_and_spans() {
        let text = "Intro line\n\nCore Things\n1\nWhat is X?Easy\n\nX is a thing.\nx = 1\n2\nWhy Y?Hard\nBecause.\nMore Things\n3\nHow does Z work?Medium\nIt works.";
        let lines = super::super::lines(text);
        let (qs, warnings) = read("t.txt", &lines);
        assert!(warnings.is_empty());
        assert_eq!(qs.len(), 3);
        assert_eq!(qs[0].section.as_deref(), Some("Core Things"));
        assert_eq!((qs[0].line_start, qs[0].line_end), (4, 8));
        assert_eq!(qs[1].title.as_ref().unwrap().0, "Why Y?");
        assert_eq!((qs[1].line_start, qs[1].line_end), (9, 11));
        assert_eq!(qs[2].section.as_deref(), Some("More Things"));
        assert_eq!(qs[2].difficulty, Some(Difficulty::Medium));
        assert_eq!(qs[2].body[0].text, "It works.");
    }
}
