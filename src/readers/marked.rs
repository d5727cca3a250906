//! Reader for [`Layout::Marked`](super::Layout::Marked): ordinary Q&A files
//! where every question is marked, in one of these styles:
//! - a Markdown heading per question (`## 1. What is ...?`,
//!   `### Q3: ...` with `**Answer:**`), sections from the headings above;
//! - `Q:` / `A:` pairs, `Question:` / `Answer:` pairs, and `Q1.` /
//!   `Ans:` plain text;
//! - numbered bold questions answered by nested bullets (`1. **What ...?**`);
//! - numbered questions answered by `What:` / `How:` / `Example:` lines;
//! - `<details><summary>Question?</summary>` collapsible blocks;
//! - paragraphs that open with a bare question line (`What is PEP 8?`);
//! - Markdown headings naming topics (`## 2. The GIL`) over their answers,
//!   the heading made a question.
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
    /// `<details><summary>Question?</summary>` blocks, the answer inside
    /// the `<details>` element (as GitHub renders collapsible sections).
    Summary,
    /// A paragraph opening with a question on its own line (`What is PEP
    /// 8?` / `PEP 8 is the style guide ...`): the question capitalised,
    /// 3 to 30 words, ending in `?`, after a blank line (or the file's
    /// start) and before its answer's first line; at least three such.
    QuestionLine,
    /// Markdown headings naming topics, not questions (`## 2. The GIL`),
    /// each over its answer: the deepest heading level with at least two
    /// answered headings; the title is the heading as a question
    /// ([`from_heading`](crate::transforms::titles::from_heading)). Only
    /// where no other style marks two questions.
    TopicHeading,
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
            // `**Q1: What is a lambda?**`: the bold closes after the title.
            let rest = if s.len() < t.len() {
                rest.trim_end().trim_end_matches("**")
            } else {
                rest
            };
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
        Style::Summary => {
            let title = summary_text(t)?;
            let title = strip_label(&title).to_string();
            reads_as_question(&title).then_some(title)
        }
        Style::QuestionLine => {
            let words = crate::text::word_count(t);
            (t.starts_with(|c: char| c.is_uppercase())
                && t.ends_with('?')
                && (3..=30).contains(&words)
                && !t.contains("**"))
            .then(|| clean(t.trim()))
        }
        Style::TopicHeading => {
            let (_, text) = heading(t)?;
            let title = strip_label(&clean(text)).to_string();
            (!title.is_empty() && !reads_as_question(&title)).then_some(title)
        }
    }
}

/// Whether `lines[i]` marks a question in `style`: [`question_of`], and
/// for [`Style::QuestionLine`] a blank line (or the file's start) before
/// it and its answer's first line, no question of its own, after it.
fn marks(lines: &[&str], i: usize, style: Style) -> bool {
    question_of(lines[i], style).is_some()
        && (style != Style::QuestionLine
            || (i == 0 || lines[i - 1].trim().is_empty())
                && lines.get(i + 1).is_some_and(|n| {
                    !n.trim().is_empty() && question_of(n, Style::QuestionLine).is_none()
                }))
}

/// The text of a `<summary>...</summary>` element on `line` (after an
/// optional `<details>`), inner tags (`<b>`, `<strong>`) dropped.
fn summary_text(line: &str) -> Option<String> {
    let t = line.trim();
    let t = t.strip_prefix("<details>").unwrap_or(t).trim_start();
    let inner = t.strip_prefix("<summary>")?;
    let (inner, _) = inner.split_once("</summary>")?;
    let mut text = String::new();
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = clean(text.trim());
    (!text.is_empty()).then_some(text)
}

/// Whether `line` is only the markup of a collapsible block (`<details>`,
/// `</details>`, a `<summary>` that is no question such as `Answer`).
fn is_details_markup(line: &str) -> bool {
    let t = line.trim();
    matches!(t, "<details>" | "</details>" | "<details open>")
        || summary_text(t).is_some() && t.ends_with("</summary>")
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

/// The style with the most marked lines (at least two), if any; topic
/// headings only when no other style qualifies.
pub fn detect_style(lines: &[&str]) -> Option<Style> {
    let fence = fenced(lines);
    [
        Style::Heading,
        Style::QPrefix,
        Style::BoldNumbered,
        Style::Numbered,
        Style::Summary,
        Style::QuestionLine,
    ]
    .into_iter()
    .map(|s| {
        (
            (0..lines.len())
                .filter(|&i| !fence[i] && marks(lines, i, s))
                .count(),
            s,
        )
    })
    .filter(|(n, s)| *n >= if *s == Style::QuestionLine { 3 } else { 2 })
    .max_by_key(|(n, s)| (*n, std::cmp::Reverse(*s)))
    .map(|(_, s)| s)
    .or_else(|| (topic_level(lines, &fence).is_some()).then_some(Style::TopicHeading))
}

/// The heading level whose headings are topics with answers: the deepest
/// level with at least two headings (outside code, not a first-line
/// document title) that each have a non-blank line before the next
/// heading. `None` when no level has two.
///
/// Only headings set off as Markdown writes them count: a blank line (or
/// the file's start) before, a blank line after. A scraped page's Python
/// comments (`# Random values — seed or mock`) look like headings but
/// sit between code lines.
fn topic_level(lines: &[&str], fence: &[bool]) -> Option<usize> {
    let blank =
        |i: Option<usize>| i.is_none_or(|i| lines.get(i).is_none_or(|l| l.trim().is_empty()));
    let headings: Vec<(usize, usize)> = (0..lines.len())
        .filter(|&i| !fence[i])
        .filter(|&i| blank(i.checked_sub(1)) && blank(Some(i + 1)))
        .filter_map(|i| heading(lines[i]).map(|(level, _)| (i, level)))
        .filter(|&(i, level)| !(level == 1 && lines[..i].iter().all(|l| l.trim().is_empty())))
        .collect();
    let answered = |k: usize| {
        let (i, _) = headings[k];
        let next = headings.get(k + 1).map_or(lines.len(), |&(j, _)| j);
        lines[i + 1..next].iter().any(|l| !l.trim().is_empty())
    };
    (1..=6).rev().find(|&level| {
        (0..headings.len())
            .filter(|&k| headings[k].1 == level && answered(k))
            .count()
            >= 2
    })
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
    let level = topic_level(lines, &fence);
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| !fence[i] && marks(lines, i, style))
        .filter(|&i| style != Style::TopicHeading || heading(lines[i]).map(|(l, _)| l) == level)
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
        // The answer stops at any heading that is not inside code, and a
        // collapsible block's at its `</details>`.
        let end = (start + 1..next)
            .find(|&i| {
                !fence[i]
                    && (heading(lines[i]).is_some()
                        || style == Style::Summary && lines[i].trim() == "</details>")
            })
            .unwrap_or(next);
        let title = question_of(lines[start], style).unwrap_or_default();
        let kind = if style == Style::TopicHeading {
            TitleKind::Heading
        } else {
            TitleKind::Full
        };
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
            if !fence[i] && is_details_markup(line) {
                // `<details><summary>Answer</summary>` only wraps the answer.
                continue;
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
            title: Some((title, kind)),
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
    fn bold_q_lines_lose_their_closing_bold() {
        assert_eq!(
            question_of("**Q1: What is a lambda?**", Style::QPrefix).as_deref(),
            Some("What is a lambda?")
        );
        assert_eq!(
            question_of("Question 2) Why use **kwargs?", Style::QPrefix).as_deref(),
            Some("Why use **kwargs?")
        );
        assert_eq!(question_of("Questions follow below.", Style::QPrefix), None);
    }

    #[test]
    fn summaries_that_are_no_question_are_markup() {
        assert_eq!(
            question_of("<details><summary>Answer</summary>", Style::Summary),
            None
        );
        assert!(is_details_markup("<details><summary>Answer</summary>"));
        assert!(is_details_markup("</details>"));
        assert!(!is_details_markup("A details element folds text."));
    }

    #[test]
    fn comments_between_code_lines_are_no_topic_headings() {
        let scraped = [
            "random.seed(42)",
            "# Time — use freezegun to freeze time",
            "freeze_time(\"2024-01-01\")",
            "# Random values — seed or mock",
            "assert result == 42",
        ];
        assert_eq!(detect_style(&scraped), None);
        let markdown = [
            "## The GIL",
            "",
            "One thread runs bytecode at a time.",
            "",
            "## Decorators",
            "",
            "A decorator wraps a function.",
        ];
        assert_eq!(detect_style(&markdown), Some(Style::TopicHeading));
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
