//! Reader for [`Layout::Marked`](super::Layout::Marked): ordinary Q&A files
//! where every question is marked, in one of these styles:
//! - a Markdown heading per question (`## 1. What is ...?`,
//!   `### Q3: ...` with `**Answer:**`), sections from the headings above;
//! - `Q:` / `A:` pairs, `Question:` / `Answer:` pairs, and `Q1.` /
//!   `Ans:` plain text;
//! - numbered bold questions answered by nested bullets (`1. **What ...?**`);
//! - numbered questions answered by `What:` / `How:` / `Example:` lines.
//!
//! The style is the one with the most marked lines; lines inside fenced
//! code never count. A question with no answer yet is left out and
//! reported. HTML entities are decoded and anchor tags dropped.

use super::{BodyLine, RawQuestion, TitleKind};
use crate::error::Warning;

/// How questions are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Style {
    /// A Markdown heading per question.
    Heading,
    /// `Q:` / `Q1.` / `Question:` lines with `A:` / `Ans:` / `Answer:`
    /// answers.
    QPrefix,
    /// `1. **Question?**` lines.
    BoldNumbered,
    /// `1. Question?` lines.
    Numbered,
}

/// A heading line: its level (1–6) and text.
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let text = line[level..]
        .strip_prefix(' ')?
        .trim()
        .trim_end_matches('#')
        .trim();
    (!text.is_empty()).then_some((level, text))
}

/// Drops `<a ...></a>` anchors and decodes HTML entities.
pub fn clean(text: &str) -> String {
    let mut out = text.to_string();
    while let Some(start) = out.find("<a ") {
        let Some(end) = out[start..].find("</a>") else {
            break;
        };
        out.replace_range(start..start + end + 4, "");
    }
    html_escape::decode_html_entities(&out)
        .trim_end()
        .to_string()
}

/// Strips a question number or label (`1.`, `Q3:`, `Question 2:`) and
/// surrounding `**` from a question's text.
fn strip_label(text: &str) -> &str {
    let mut t = text
        .trim()
        .trim_start_matches("**")
        .trim_end_matches("**")
        .trim();
    for prefix in ["Question", "Q"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            let rest = rest
                .trim_start()
                .trim_start_matches(|c: char| c.is_ascii_digit());
            if let Some(rest) = rest.strip_prefix([':', '.', ')']) {
                t = rest.trim_start_matches("**").trim();
                break;
            }
        }
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0
        && let Some(rest) = t[digits..].strip_prefix(['.', ')'])
    {
        t = rest.trim();
    }
    t.trim_start_matches("**").trim_end_matches("**").trim()
}

fn reads_as_question(text: &str) -> bool {
    text.ends_with('?') || crate::transforms::titles::is_question_form(text)
}

/// The question a line marks in `style`, if it marks one.
fn question_of(line: &str, style: Style) -> Option<String> {
    let t = line.trim_end();
    match style {
        Style::Heading => {
            let (_, text) = heading(t)?;
            let title = strip_label(&clean(text)).to_string();
            reads_as_question(&title).then_some(title)
        }
        Style::QPrefix => {
            // `Q:`, `Q1.`, `Question:`, `Question 2)`.
            let s = t.trim_start_matches("**");
            let rest = s.strip_prefix("Question").or_else(|| s.strip_prefix('Q'))?;
            let rest = rest
                .trim_start_matches(' ')
                .trim_start_matches(|c: char| c.is_ascii_digit());
            let rest = rest.strip_prefix([':', '.', ')'])?.trim_start_matches("**");
            let title = clean(rest.trim());
            (!title.is_empty()).then_some(title)
        }
        Style::BoldNumbered => {
            let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
            let rest = t.get(digits..)?.strip_prefix(['.', ')'])?.trim();
            let inner = rest.strip_prefix("**")?.strip_suffix("**")?;
            (digits > 0 && !inner.is_empty()).then(|| clean(inner.trim()))
        }
        Style::Numbered => {
            let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
            let rest = t.get(digits..)?.strip_prefix(['.', ')'])?.trim();
            (digits > 0 && rest.ends_with('?')).then(|| clean(rest))
        }
    }
}

/// Lines that lie inside fenced code blocks (` ``` ` or `~~~`).
fn fenced(lines: &[&str]) -> Vec<bool> {
    let mut inside = false;
    lines
        .iter()
        .map(|l| {
            let t = l.trim_start();
            if t.starts_with("```") || t.starts_with("~~~") {
                inside = !inside;
                return true;
            }
            inside
        })
        .collect()
}

/// The style with the most marked lines (at least two), if any.
pub fn detect_style(lines: &[&str]) -> Option<Style> {
    let fence = fenced(lines);
    [
        Style::Heading,
        Style::QPrefix,
        Style::BoldNumbered,
        Style::Numbered,
    ]
    .into_iter()
    .map(|s| {
        (
            lines
                .iter()
                .zip(&fence)
                .filter(|(l, f)| !**f && question_of(l, s).is_some())
                .count(),
            s,
        )
    })
    .filter(|(n, _)| *n >= 2)
    .max_by_key(|(n, s)| (*n, std::cmp::Reverse(*s)))
    .map(|(_, s)| s)
}

/// Strips an answer marker (`A:`, `Ans:`, `**Answer:**`) from the start
/// of `line`; `None` when there is none.
fn strip_answer_marker(line: &str) -> Option<&str> {
    let t = line.trim_start().trim_start_matches("**");
    for marker in ["Answer", "Ans", "A"] {
        if let Some(rest) = t.strip_prefix(marker)
            && let Some(rest) = rest.trim_start_matches("**").strip_prefix([':', '.'])
        {
            return Some(rest.trim_start_matches("**").trim_start());
        }
    }
    None
}

/// Reads a marked document. `lines[i]` is document line `i + 1`.
pub fn read(path: &str, lines: &[&str]) -> (Vec<RawQuestion>, Vec<Warning>) {
    let mut warnings = Vec::new();
    let Some(style) = detect_style(lines) else {
        return (Vec::new(), warnings);
    };
    let fence = fenced(lines);
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| !fence[i] && question_of(lines[i], style).is_some())
        .collect();
    // Bodies are kept as written only in a Markdown document; plain text
    // Q&A files have their code found and fenced like any scraped text.
    let is_markdown = lines
        .iter()
        .any(|l| l.trim_start().starts_with("```") || heading(l).is_some() || l.contains("**"));
    let question_level = starts
        .first()
        .and_then(|&i| heading(lines[i]))
        .map(|(l, _)| l);
    // Sections: headings that are not questions, above the question level;
    // a level-1 heading on the first line is the document's title.
    let section_at = |i: usize| -> Option<String> {
        (0..i).rev().find_map(|j| {
            let (level, text) = heading(lines[j]).filter(|_| !fence[j])?;
            let is_title = level == 1 && lines[..j].iter().all(|l| l.trim().is_empty());
            let above = question_level.is_none_or(|q| level < q);
            (above && !is_title && question_of(lines[j], Style::Heading).is_none())
                .then(|| clean(text))
        })
    };
    let mut questions = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let next = starts.get(k + 1).copied().unwrap_or(lines.len());
        // The answer stops at any heading that is not inside code.
        let end = (start + 1..next)
            .find(|&i| !fence[i] && heading(lines[i]).is_some())
            .unwrap_or(next);
        let title = question_of(lines[start], style).unwrap_or_default();
        let mut body: Vec<BodyLine> = Vec::new();
        for (i, &line) in lines.iter().enumerate().take(end).skip(start + 1) {
            let mut text = clean(line);
            if body.iter().all(|b| b.text.trim().is_empty())
                && let Some(rest) = strip_answer_marker(&text)
            {
                text = rest.to_string();
            }
            if style == Style::BoldNumbered {
                text = text.trim_start().to_string();
            }
            if !(text.trim().is_empty() && line.trim().starts_with("<a ")) {
                body.push(BodyLine { line: i + 1, text });
            }
        }
        let Some((_, last)) = super::trim_body(&mut body) else {
            warnings.push(Warning::at(
                path,
                start + 1,
                format!("\"{title}\" has no answer yet; left out of the deck"),
            ));
            continue;
        };
        questions.push(RawQuestion {
            line_start: start + 1,
            line_end: last,
            title_as_read: Some(lines[start].trim().to_string()),
            title: Some((title, TitleKind::Full)),
            section: section_at(start),
            body,
            indentation_kept: true,
            markdown: is_markdown,
            ..RawQuestion::default()
        });
    }
    (questions, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_stripped_from_titles() {
        assert_eq!(strip_label("1. What is a list?"), "What is a list?");
        assert_eq!(strip_label("Q3: What is PEP 8?"), "What is PEP 8?");
        assert_eq!(strip_label("**Question 2:** Why?"), "Why?");
    }

    #[test]
    fn anchors_and_entities() {
        assert_eq!(clean("<a id=\"x\"></a>A &amp; B &lt;c&gt;"), "A & B <c>");
    }

    #[test]
    fn python_comments_in_fences_are_not_headings() {
        let lines = [
            "## What is x?",
            "```python",
            "# What is this?",
            "```",
            "## What is y?",
            "Y.",
        ];
        assert_eq!(detect_style(&lines), Some(Style::Heading));
        let (qs, _) = read("t.md", &lines);
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].body.len(), 3);
    }
}
