//! Reader for [`Layout::Marked`](super::Layout::Marked): ordinary Q&A files
//! where every question is marked, in one of these styles:
//! - a Markdown heading per question (`## 1. What is ...?`,
//!   `### Q3: ...` with `**Answer:**`), sections from the headings above;
//! - `Q:` / `A:` pairs, `Question:` / `Answer:` pairs, and `Q1.` /
//!   `Ans:` plain text;
//! - numbered bold questions answered by nested bullets (`1. **What ...?**`),
//!   or by paragraphs and code indented under the item;
//! - bullet questions with their answers indented under them (`- What
//!   ...?`, `* **What ...?**`, checklists `- [ ] What ...?`);
//! - numbered questions answered by `What:` / `How:` / `Example:` lines;
//! - `<details><summary>Question?</summary>` collapsible blocks;
//! - paragraphs that open with a bare question line (`What is PEP 8?`),
//!   or with a bold one (`**What is a lambda?**`);
//! - headings that only label the question on the next line (`####
//!   Question 1` / `What is the output of ...?`);
//! - Markdown headings naming topics (`## 2. The GIL`) over their answers,
//!   the heading made a question.
//!
//! The style is the one with the most marked lines; lines inside fenced
//! code never count. A question with no answer yet is left out and
//! reported. HTML entities are decoded and anchor tags dropped. Setext
//! headings (a line underlined with `===` or `---`), reStructuredText
//! section titles (underlined, or over- and underlined, with `~`, `^`, …,
//! levels in order of appearance) and lines that are one HTML heading
//! element (`<h3 id="q1">1. What is X?</h3>`) are read as headings.
//! Page navigation is no content: lines made only of links to anchors in
//! the page (`**[⬆ Back to top](#contents)**`) are dropped, and a heading
//! over nothing but such links (a table of contents) is no section.
//!
//! Under a question heading, an answer label (`#### Answer`, `**Answer**`)
//! only opens the answer, and deeper headings (`#### Example`) belong to
//! it; a heading at the questions' level that names a topic or a task
//! (`### 2. Difference between local and global variables:`) is a
//! question too. A difficulty label on a title (`🟢 Easy: …`, `… [Hard]`,
//! a badge image) becomes the question's difficulty.
//!
//! An answer indented under its list item (`1. **Q?**` / `   text`) is
//! taken out of the item as CommonMark reads it: each line loses the
//! item's content indentation, so code keeps its own indentation.

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
    /// Top-level bullet items holding a question (`- What ...?`, `*
    /// **What ...?**`, `- [ ] What ...?`), each followed by its answer
    /// indented under the item.
    Bullet,
    /// `<details><summary>Question?</summary>` blocks, the answer inside
    /// the `<details>` element (as GitHub renders collapsible sections).
    Summary,
    /// A bold line that is a question of its own (`**What is a lambda?**`),
    /// a paragraph by itself or opening one, its answer below.
    BoldLine,
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
        Style::Bullet => {
            let rest = t
                .strip_prefix(['-', '*', '+'])?
                .strip_prefix(' ')?
                .trim_start();
            let unticked = ["[ ] ", "[x] ", "[X] "]
                .into_iter()
                .find_map(|b| rest.strip_prefix(b));
            let bold = rest.starts_with("**") && rest.trim_end().ends_with("**");
            let title = clean(strip_label(unticked.unwrap_or(rest)));
            let marked = unticked.is_some() || bold;
            (title.ends_with('?') || marked && crate::transforms::titles::is_question_form(&title))
                .then_some(title)
        }
        Style::Summary => {
            let title = summary_text(t)?;
            let title = strip_label(&title).to_string();
            reads_as_question(&title).then_some(title)
        }
        Style::BoldLine => {
            let t = t.trim();
            let inner = t.strip_prefix("**")?.strip_suffix("**")?.trim();
            let title = strip_label(&clean(inner)).to_string();
            (!t.starts_with("***") && !title.is_empty() && reads_as_question(&title))
                .then_some(title)
        }
        Style::QuestionLine => {
            let words = crate::text::word_count(t);
            // A question may open with a quotation it asks about (`"In
            // Python, functions are first-class objects." What do you
            // infer?`); a task asks in the imperative (`Explain Python
            // namespaces.`).
            let quoted = t.starts_with(['“', '"', '\'']);
            let task = t.ends_with('.')
                && words <= 12
                && TASK_VERBS.contains(&t.split_whitespace().next().unwrap_or(""));
            ((t.starts_with(|c: char| c.is_uppercase()) || quoted) && t.ends_with('?') || task)
                && (3..=30).contains(&words)
                && !t.contains("**")
        }
        .then(|| clean(t.trim())),
        Style::TopicHeading => {
            let (_, text) = heading(t)?;
            let title = strip_label(&clean(text)).to_string();
            (!title.is_empty() && !reads_as_question(&title)).then_some(title)
        }
    }
}

/// Verbs that open a task asked as a line of its own (`Explain Python
/// namespaces.`).
const TASK_VERBS: &[&str] = &[
    "Explain",
    "Describe",
    "Define",
    "Write",
    "Implement",
    "Compare",
    "Differentiate",
    "Mention",
    "Name",
    "List",
    "Give",
];

/// The first non-blank line after `lines[i]`, with its index.
fn next_text<'a>(lines: &[&'a str], i: usize) -> Option<(usize, &'a str)> {
    (i + 1..lines.len())
        .find(|&j| !lines[j].trim().is_empty())
        .map(|j| (j, lines[j]))
}

/// Whether `lines[i]` marks a question in `style`: [`question_of`]; for
/// [`Style::QuestionLine`] a blank line (or the file's start) before it
/// and its answer's first line, no question of its own, after it; for
/// [`Style::Bullet`] an answer indented under the item (the next
/// non-blank line starts with white space), so that a plain list of
/// questions inside an answer marks nothing; for
/// [`Style::BoldLine`] a blank line before it and an answer after it
/// that is no heading or bold question of its own.
fn marks(lines: &[&str], i: usize, style: Style) -> bool {
    if style == Style::Heading && labelled_question(lines, i).is_some() {
        return true;
    }
    question_of(lines[i], style).is_some()
        && match style {
            Style::BoldLine => {
                (i == 0 || lines[i - 1].trim().is_empty())
                    && next_text(lines, i).is_some_and(|(_, n)| {
                        question_of(n, Style::BoldLine).is_none() && heading(n).is_none()
                    })
            }
            Style::QuestionLine => {
                // The answer starts on the next line, or after one blank
                // line when the question stands alone at the file's start
                // or after two blank lines, set off like a heading.
                let set_off = i == 0
                    || i >= 2 && lines[i - 1].trim().is_empty() && lines[i - 2].trim().is_empty();
                let answer_at = if lines.get(i + 1).is_some_and(|n| n.trim().is_empty()) && set_off
                {
                    i + 2
                } else {
                    i + 1
                };
                (i == 0 || lines[i - 1].trim().is_empty())
                    && lines.get(answer_at).is_some_and(|n| {
                        !n.trim().is_empty() && question_of(n, Style::QuestionLine).is_none()
                    })
            }
            Style::Bullet => next_text(lines, i).is_some_and(|(_, l)| l.starts_with([' ', '\t'])),
            _ => true,
        }
}

/// Whether a heading's text is only a question's label (`Question 1`,
/// `Question #2:`, `Q3`, `4.`), the question itself on the next line.
fn is_bare_label(text: &str) -> bool {
    // Emphasis around the label (`__***Question 1***__`) and symbols
    // before it (`❓ Question`) are decoration.
    let t = text
        .trim()
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(['*', '_'])
        .trim();
    if t == "Question" {
        return true;
    }
    let rest = t
        .strip_prefix("Question")
        .or_else(|| t.strip_prefix('Q'))
        .unwrap_or(t)
        .trim_start()
        .trim_start_matches('#');
    let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
    digits > 0 && matches!(rest[digits..].trim(), "" | ":" | "." | ")")
}

/// A heading that only labels its question (`#### Question 1`) and the
/// question on the next non-blank line (`What is the output of ...?`): the
/// question's text and the index of its line.
fn labelled_question(lines: &[&str], i: usize) -> Option<(String, usize)> {
    let (_, text) = heading(lines[i])?;
    if !is_bare_label(text) {
        return None;
    }
    let (j, line) = next_text(lines, i)?;
    let line = line.trim();
    if heading(line).is_some() {
        return None;
    }
    let title = clean(line.trim_start_matches("**").trim_end_matches("**").trim());
    reads_as_question(&title).then_some((title, j))
}

/// Whether `line` is only an answer's label (`#### Answer`, `**Answer**`,
/// `Solution:`), which opens the answer and is no part of it.
fn is_answer_label(line: &str) -> bool {
    let t = line.trim().trim_start_matches('#').trim();
    let t = t
        .trim_matches('*')
        .trim()
        .trim_end_matches(':')
        .trim_matches('*')
        .trim();
    ["answer", "ans", "solution", "explanation"]
        .iter()
        .any(|w| t.eq_ignore_ascii_case(w))
}

/// Splits a difficulty label off a question's title: a leading one
/// (`🟢 Easy: What is PEP 8?`, `[Hard] What ...?`) or a trailing one in
/// brackets, parentheses, backticks or a badge image (`What is a list?
/// [Easy]`, `... (Medium)`, `` ... `Hard` ``, `... ![Medium](https://…)`).
/// Returns the title without it and the difficulty; the title unchanged
/// and `None` when it carries no label.
///
/// ```
/// use pyqconv::readers::marked::split_difficulty;
/// use pyqconv::model::Difficulty;
/// assert_eq!(split_difficulty("🟢 Easy: What is PEP 8?"), ("What is PEP 8?".into(), Some(Difficulty::Easy)));
/// assert_eq!(split_difficulty("What is a tuple? (Medium)"), ("What is a tuple?".into(), Some(Difficulty::Medium)));
/// assert_eq!(split_difficulty("What is easy: a list?"), ("What is easy: a list?".into(), None));
/// ```
pub fn split_difficulty(title: &str) -> (String, Option<crate::model::Difficulty>) {
    use crate::model::Difficulty;
    let t = title.trim();
    // Leading: symbols (emoji) aside, a difficulty word and a separator,
    // or a bracketed one.
    let lead = t.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '[' && c != '(');
    let bracketed = lead
        .strip_prefix(['[', '('])
        .and_then(|r| r.split_once([']', ')']))
        .and_then(|(word, rest)| Some((Difficulty::parse(word)?, rest)));
    let worded = lead.find(|c: char| !c.is_alphanumeric()).and_then(|at| {
        let (word, rest) = lead.split_at(at);
        let rest = rest.trim_start();
        let rest = rest.strip_prefix([':', '-', '–', '—', '|'])?;
        Some((Difficulty::parse(word)?, rest))
    });
    if let Some((d, rest)) = bracketed.or(worded) {
        let rest = rest
            .trim()
            .trim_start_matches([':', '-', '–', '—', '|'])
            .trim();
        if !rest.is_empty() {
            return (rest.to_string(), Some(d));
        }
    }
    // Trailing: `![Medium](url)`, `[Easy]`, `(Medium)`, `` `Hard` ``.
    let trailing = if let Some(at) = t.rfind("![") {
        t[at + 2..]
            .split_once("](")
            .filter(|(_, url)| url.ends_with(')') && !url.contains(' '))
            .map(|(alt, _)| (at, alt))
    } else {
        [('[', ']'), ('(', ')'), ('`', '`')]
            .into_iter()
            .find_map(|(open, close)| {
                let inner = t.strip_suffix(close)?;
                let at = inner.rfind(open)?;
                Some((at, &inner[at + 1..]))
            })
    };
    if let Some((at, label)) = trailing
        && let Some(d) = Difficulty::parse(
            label
                .trim_start_matches("difficulty")
                .trim_matches([':', ' ', '-']),
        )
        && !t[..at].trim().is_empty()
    {
        return (t[..at].trim().to_string(), Some(d));
    }
    (t.to_string(), None)
}

/// The column where a list item's content starts (CommonMark's list
/// items: the marker `-`, `*`, `+`, `1.` or `1)`, then 1 to 4 spaces;
/// 5 or more count as one, the rest opening indented code); 0 for a line
/// that is no list item.
fn content_column(line: &str) -> usize {
    let indent = crate::text::leading_spaces(line);
    let rest = &line[indent..];
    let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
    let marker = if rest.starts_with(['-', '*', '+']) {
        1
    } else if (1..=9).contains(&digits) && rest[digits..].starts_with(['.', ')']) {
        digits + 1
    } else {
        return 0;
    };
    let after = &rest[marker..];
    let spaces = crate::text::leading_spaces(after);
    match spaces {
        // An empty item (`1.` alone) has its content right after the marker.
        _ if after.trim().is_empty() => indent + marker,
        0 => 0,
        1..=4 => indent + marker + spaces,
        _ => indent + marker + 1,
    }
}

/// Takes an answer out of the list item it is indented under: every line
/// loses up to `column` leading spaces, as many as all its non-blank
/// lines have (so an answer written flush left is left alone).
fn dedent(body: &mut [BodyLine], column: usize) {
    let common = body
        .iter()
        .filter(|b| !b.text.trim().is_empty())
        .map(|b| crate::text::leading_spaces(&b.text))
        .min()
        .unwrap_or(0)
        .min(column);
    for b in body.iter_mut() {
        let lead = crate::text::leading_spaces(&b.text);
        b.text.drain(..lead.min(common));
    }
}

/// Whether `line` is page navigation: nothing but links to anchors in
/// the same page (`**[⬆ Back to top](#table-of-contents)**`, `- [Basics](#basics)`,
/// `[Prev](#q1) | [Next](#q3)`), as a list item or not.
fn is_navigation(line: &str) -> bool {
    let t = line.trim();
    let column = content_column(t);
    let mut rest = t.get(column..).unwrap_or("");
    let mut links = 0;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || "*_|·•".contains(c));
        if rest.is_empty() {
            return links > 0;
        }
        let Some(after) = rest.strip_prefix('[') else {
            return false;
        };
        let Some((_, target)) = after.split_once("](#") else {
            return false;
        };
        let Some((_, tail)) = target.split_once(')') else {
            return false;
        };
        rest = tail;
        links += 1;
    }
}

/// Whether `line` is a thematic break (CommonMark: three or more `-`, `*`
/// or `_`, alone on the line, spaces allowed between them).
fn is_thematic_break(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 3 && ['-', '*', '_'].iter().any(|&m| t.chars().all(|c| c == m))
}

/// Whether the heading at `lines[j]` heads only page navigation (a table
/// of contents): every non-blank line up to the next heading outside code
/// is [`is_navigation`] or a thematic break, and there is at least one
/// link line.
fn is_navigation_heading(lines: &[&str], fence: &[bool], j: usize) -> bool {
    let below = lines[j + 1..]
        .iter()
        .enumerate()
        .take_while(|&(k, l)| fence[j + 1 + k] || heading(l).is_none())
        .map(|(_, l)| *l)
        .filter(|l| !l.trim().is_empty() && !is_thematic_break(l));
    let mut any = false;
    for l in below {
        if !is_navigation(l) {
            return false;
        }
        any = true;
    }
    any
}

/// Rewrites setext, reStructuredText, Org-mode and HTML headings as ATX
/// headings, line for line (an Org document as a whole:
/// [`org_as_markdown`]).
///
/// - Setext: a single-line paragraph (a blank line or the file's start
///   before it) underlined with `===` (level 1) or `---` (level 2), at
///   least three characters, becomes `# text` / `## text` and its
///   underline a blank line (CommonMark spec, "Setext headings").
/// - reStructuredText: where some title is underlined with another
///   [`ADORNMENTS`] character (`~~~`, `^^^`) or also overlined, the
///   document is reStructuredText, and each adornment style (character,
///   with or without overline) is a level in the order styles first
///   appear, as its specification says ("Sections"); over- and
///   underlines become blank lines.
/// - HTML: a line that is one `<h1>`…`<h6>` element (`<h3 id="q1">1. What
///   is X?</h3>`, any case, attributes allowed) becomes `###` and its text
///   ([`html_heading`]); GitHub renders such lines as headings, and many
///   READMEs write them to centre or anchor a title.
///
/// Lines in fenced code, list items, table rows and headings are left
/// alone.
fn atx_headings(lines: &[&str]) -> Vec<String> {
    let org = org_as_markdown(lines);
    let converted: Vec<&str> = match &org {
        Some(org) => org.iter().map(String::as_str).collect(),
        None => lines.to_vec(),
    };
    let lines = converted.as_slice();
    // Underlined titles, with the character each is adorned with and
    // whether an overline of the same adornment stands above it.
    let mut titles: Vec<(usize, char, bool)> = Vec::new();
    for i in 0..lines.len().saturating_sub(1) {
        let text = lines[i].trim();
        let Some(c) = adornment(lines[i + 1], text) else {
            continue;
        };
        let overline = i >= 1 && lines[i - 1].trim() == lines[i + 1].trim();
        let top = if overline { i - 1 } else { i };
        let plain = !text.is_empty()
            && lines[i + 1].len() - lines[i + 1].trim_start().len() <= 3
            && lines[i].len() - lines[i].trim_start().len() <= 3
            && heading(text).is_none()
            && content_column(text) == 0
            && !text.starts_with(['|', '>', '<'])
            && (top == 0 || lines[top - 1].trim().is_empty());
        if plain {
            titles.push((i, c, overline));
        }
    }
    // Adornments Markdown has no setext heading for can only be
    // reStructuredText's; blanked, they no longer open fences (`~~~`).
    let rst = titles
        .iter()
        .any(|&(_, c, over)| over || !matches!(c, '=' | '-'));
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    for &(i, c, over) in &titles {
        if !matches!(c, '=' | '-') {
            out[i + 1] = String::new();
            if over {
                out[i - 1] = String::new();
            }
        }
    }
    let blanked: Vec<&str> = out.iter().map(String::as_str).collect();
    let fence = fenced(&blanked);
    let mut styles: Vec<(char, bool)> = Vec::new();
    let mut rewritten = out.clone();
    for &(i, c, over) in &titles {
        if fence[i] || fence[i + 1] || over && fence[i - 1] {
            continue;
        }
        let level = if rst {
            let at = styles
                .iter()
                .position(|&s| s == (c, over))
                .unwrap_or_else(|| {
                    styles.push((c, over));
                    styles.len() - 1
                });
            (at + 1).min(6)
        } else if c == '=' {
            1
        } else {
            2
        };
        rewritten[i] = format!("{} {}", "#".repeat(level), lines[i].trim());
        rewritten[i + 1] = String::new();
        if over {
            rewritten[i - 1] = String::new();
        }
    }
    for (i, line) in lines.iter().enumerate() {
        if !fence[i]
            && let Some((level, text)) = html_heading(line)
        {
            rewritten[i] = format!("{} {text}", "#".repeat(level));
        }
    }
    rewritten
}

/// Whether `lines` are an Org-mode document: an Org keyword line
/// (`#+TITLE:`, `#+BEGIN_SRC`, any case), or two or more headlines of
/// two or more stars (`** What is X?`, never Markdown) and no ATX
/// heading.
fn is_org(lines: &[&str]) -> bool {
    let keyword = |l: &&str| {
        let t = l.trim_start().to_ascii_lowercase();
        [
            "#+title:",
            "#+begin_src",
            "#+author:",
            "#+options:",
            "#+startup:",
        ]
        .iter()
        .any(|k| t.starts_with(k))
    };
    let deep_headline = |l: &&str| {
        let stars = l.bytes().take_while(|&b| b == b'*').count();
        stars >= 2 && l[stars..].starts_with(' ') && !l[stars..].trim().is_empty()
    };
    lines.iter().any(keyword)
        || lines.iter().filter(|l| deep_headline(l)).count() >= 2
            && !lines.iter().any(|l| heading(l).is_some())
}

/// An Org-mode document ([`is_org`]) as Markdown, line for line (Org
/// manual, "Headlines", "Literal Examples", "In-buffer Settings"): a
/// headline of `n` stars becomes an ATX heading of level `n` (at most 6)
/// without its trailing tags (`:python:basics:`); `#+TITLE: X` becomes
/// `# X`; `#+BEGIN_SRC lang` / `#+END_SRC` and `#+BEGIN_EXAMPLE` /
/// `#+END_EXAMPLE` become code fences; other `#+KEYWORD:` lines become
/// blank. `None` for any other document.
fn org_as_markdown(lines: &[&str]) -> Option<Vec<String>> {
    if !is_org(lines) {
        return None;
    }
    let mut in_block = false;
    Some(
        lines
            .iter()
            .map(|l| {
                let t = l.trim();
                let lower = t.to_ascii_lowercase();
                if let Some(lang) = lower.strip_prefix("#+begin_src") {
                    in_block = true;
                    let lang = lang.split_whitespace().next().unwrap_or("");
                    return format!("```{lang}");
                }
                if lower.starts_with("#+begin_example") {
                    in_block = true;
                    return "```text".to_string();
                }
                if lower.starts_with("#+end_src") || lower.starts_with("#+end_example") {
                    in_block = false;
                    return "```".to_string();
                }
                if in_block {
                    return l.to_string();
                }
                if let Some(title) = lower.strip_prefix("#+title:") {
                    let title = &t[t.len() - title.len()..];
                    return format!("# {}", title.trim());
                }
                if lower.starts_with("#+") {
                    return String::new();
                }
                let stars = l.bytes().take_while(|&b| b == b'*').count();
                if stars >= 1 && l[stars..].starts_with(' ') && !l[stars..].trim().is_empty() {
                    let mut text = l[stars..].trim();
                    // Trailing tags: `:a:b:` after a space.
                    if let Some((head, tags)) = text.rsplit_once(' ')
                        && tags.len() > 2
                        && tags.starts_with(':')
                        && tags.ends_with(':')
                        && !tags.contains(char::is_whitespace)
                    {
                        text = head.trim_end();
                    }
                    return format!("{} {}", "#".repeat(stars.min(6)), org_inline(text));
                }
                org_inline(l)
            })
            .collect(),
    )
}

/// Org-mode's inline code and verbatim (`~code~`, `=verbatim=`) as
/// Markdown code spans: a marker after the line's start, a space or an
/// opening bracket, before a non-space, closed by the same marker after a
/// non-space and before the line's end, a space or punctuation (Org
/// manual, "Emphasis and Monospace"). `a = b` and `x=1` hold none.
fn org_inline(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        let opens = matches!(c, '~' | '=')
            && (k == 0 || chars[k - 1].is_whitespace() || matches!(chars[k - 1], '(' | '[' | '"'))
            && chars
                .get(k + 1)
                .is_some_and(|n| !n.is_whitespace() && *n != c);
        let close = opens
            .then(|| {
                (k + 2..chars.len()).find(|&j| {
                    chars[j] == c
                        && !chars[j - 1].is_whitespace()
                        && chars
                            .get(j + 1)
                            .is_none_or(|n| n.is_whitespace() || n.is_ascii_punctuation())
                })
            })
            .flatten();
        match close {
            Some(j) => {
                out.push('`');
                out.extend(&chars[k + 1..j]);
                out.push('`');
                k = j + 1;
            }
            None => {
                out.push(c);
                k += 1;
            }
        }
    }
    out
}

/// Characters reStructuredText may adorn a section title with
/// (reStructuredText Markup Specification, "Sections"; `=` and `-` are
/// also Markdown's setext underlines).
const ADORNMENTS: &[char] = &[
    '=', '-', '~', '^', '"', '\'', '`', '*', '+', '#', ':', '.', '_',
];

/// The adornment character of `line` when it can underline the title
/// `text`: three or more of one [`ADORNMENTS`] character and nothing else,
/// and, for the characters Markdown has no setext heading for, at least as
/// long as the title, as reStructuredText requires.
fn adornment(line: &str, text: &str) -> Option<char> {
    let u = line.trim();
    let c = u.chars().next()?;
    let n = u.chars().count();
    (n >= 3
        && ADORNMENTS.contains(&c)
        && u.chars().all(|x| x == c)
        && (matches!(c, '=' | '-') || n >= text.chars().count()))
    .then_some(c)
}

/// The text of inline HTML: `<code>` elements as code spans (`` `is` ``),
/// every other tag (`<b>`, `<a name="q2"></a>`) dropped, trimmed.
fn inline_html_text(html: &str) -> String {
    let mut text = String::new();
    let mut tag = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' if !in_tag => {
                in_tag = true;
                tag.clear();
            }
            '>' if in_tag => {
                in_tag = false;
                let name = tag
                    .trim_start_matches('/')
                    .split_whitespace()
                    .next()
                    .unwrap_or("");
                if name.eq_ignore_ascii_case("code") {
                    text.push('`');
                }
            }
            _ if in_tag => tag.push(c),
            _ => text.push(c),
        }
    }
    text.trim().to_string()
}

/// The level (1..=6) and text of a line that is one HTML heading element,
/// `<h3 id="q1">1. What is X?</h3>` → `(3, "1. What is X?")`, its inner
/// markup as [`inline_html_text`] gives it; `None` for any other line or
/// an empty heading.
fn html_heading(line: &str) -> Option<(usize, String)> {
    let t = line.trim();
    let lower = t.to_ascii_lowercase();
    let rest = lower.strip_prefix("<h")?;
    let level = rest.chars().next()?.to_digit(10)? as usize;
    let after = rest[1..].chars().next()?;
    if !(1..=6).contains(&level) || !(after == '>' || after.is_whitespace()) {
        return None;
    }
    let close = format!("</h{level}>");
    if !lower.ends_with(&close) {
        return None;
    }
    let open_end = t.find('>')? + 1;
    if open_end > t.len() - close.len() {
        return None;
    }
    let inner = &t[open_end..t.len() - close.len()];
    if inner.to_ascii_lowercase().contains(&format!("<h{level}")) {
        return None;
    }
    let text = clean(&inline_html_text(inner));
    (!text.is_empty()).then_some((level, text))
}

/// The text of a `<summary>...</summary>` element on `line` (after an
/// optional `<details>`), inner tags (`<b>`, `<strong>`) dropped.
fn summary_text(line: &str) -> Option<String> {
    let t = line.trim();
    let t = t.strip_prefix("<details>").unwrap_or(t).trim_start();
    let inner = t.strip_prefix("<summary>")?;
    let (inner, _) = inner.split_once("</summary>")?;
    let text = clean(&inline_html_text(inner));
    (!text.is_empty()).then_some(text)
}

/// Whether `line` is layout markup with nothing inside: only tags of
/// the elements pages wrap text in (`<div align="right">`, `</div>`,
/// `<b></b>` where a back-to-top anchor was), no text and no image.
fn is_empty_markup(line: &str) -> bool {
    const WRAPPERS: &[&str] = &[
        "div", "p", "span", "b", "strong", "i", "em", "center", "small", "sup", "sub", "font",
        "section",
    ];
    let t = line.trim();
    if !t.starts_with('<') || !t.ends_with('>') || !inline_html_text(t).is_empty() {
        return false;
    }
    t.split('<').skip(1).all(|tag| {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        WRAPPERS.iter().any(|w| name.eq_ignore_ascii_case(w))
    })
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
    let owned = atx_headings(lines);
    let lines: Vec<&str> = owned.iter().map(String::as_str).collect();
    let lines = lines.as_slice();
    let fence = fenced(lines);
    [
        Style::Heading,
        Style::QPrefix,
        Style::BoldNumbered,
        Style::Numbered,
        Style::Bullet,
        Style::Summary,
        Style::BoldLine,
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
        lines[i + 1..next]
            .iter()
            .any(|l| !l.trim().is_empty() && !is_navigation(l))
    };
    (1..=6).rev().find(|&level| {
        (0..headings.len())
            .filter(|&k| headings[k].1 == level && answered(k))
            .count()
            >= 2
    })
}

/// Whether `line` holds a Markdown bold span (`**Answer:**`, `a **key**
/// word`): `**` at the line's start or after a space or punctuation other
/// than a bracket or comma, then text that neither opens nor closes with a
/// space, then `**`. Python's `**kwargs` and `f(**a, **b)` hold none
/// (CommonMark spec, "Emphasis and strong emphasis": a left-flanking
/// delimiter run).
fn has_bold_span(line: &str) -> bool {
    let mut rest = line;
    let mut before: Option<char> = None;
    while let Some(at) = rest.find("**") {
        let prev = rest[..at].chars().next_back().or(before);
        let after = &rest[at + 2..];
        let opens = prev
            .is_none_or(|c| c.is_whitespace() || matches!(c, '>' | ':' | '-' | '"' | '\''))
            && after.starts_with(|c: char| !c.is_whitespace() && c != '*');
        if opens
            && let Some(end) = after.find("**")
            && !after[..end].ends_with(char::is_whitespace)
        {
            return true;
        }
        before = Some('*');
        rest = after;
    }
    false
}

/// The number and text of an item numbered at the margin (`12. Text`,
/// `3) Text`).
fn margin_number(line: &str) -> Option<(u32, &str)> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if !(1..=4).contains(&digits) {
        return None;
    }
    let rest = line[digits..].strip_prefix(['.', ')'])?;
    let rest = rest.strip_prefix(' ')?;
    Some((line[..digits].parse().ok()?, rest.trim()))
}

/// The difficulty a badge image on a line of its own states
/// (`![Medium](https://…/medium.svg)`): its alt text, else the image
/// file's name (`![Complex](…/hard.jpg)`).
fn badge_difficulty(line: &str) -> Option<crate::model::Difficulty> {
    use crate::model::Difficulty;
    let t = line.trim();
    let (alt, url) = t.strip_prefix("![")?.strip_suffix(')')?.split_once("](")?;
    if url.contains(' ') || alt.contains(']') {
        return None;
    }
    let file = url.rsplit('/').next().unwrap_or("");
    let stem = file
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    Difficulty::parse(alt)
        .or_else(|| Difficulty::of_level_heading(alt))
        .or_else(|| Difficulty::parse(stem))
}

/// Whether `line` opens Python code at the margin: `def f(...):`,
/// `async def`, `class C:` / `class C(B):`, `import x`, `from x import y`.
fn opens_python_block(line: &str) -> bool {
    let t = line.trim_end();
    let name_then = |rest: &str, ends: &[char]| {
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        !name.is_empty()
            && rest[name.len()..].starts_with(ends)
            && !name.starts_with(|c: char| c.is_ascii_digit())
    };
    let is_module = |m: &str| {
        !m.is_empty()
            && m.split('.')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '_'))
    };
    if let Some(rest) = t
        .strip_prefix("def ")
        .or_else(|| t.strip_prefix("async def "))
    {
        return name_then(rest, &['(']) && t.ends_with(':');
    }
    if let Some(rest) = t.strip_prefix("class ") {
        return name_then(rest, &[':', '(']) && t.ends_with(':');
    }
    if let Some(rest) = t.strip_prefix("from ") {
        return rest.split_once(" import ").is_some_and(|(m, _)| {
            is_module(m.trim_start_matches('.')) || m.chars().all(|c| c == '.')
        });
    }
    if let Some(rest) = t.strip_prefix("import ") {
        let words: Vec<&str> = rest.split_whitespace().collect();
        return match words.as_slice() {
            [m] => is_module(m.trim_end_matches(',')),
            [m, "as", alias] => is_module(m) && is_module(alias),
            _ => rest.split(", ").all(is_module),
        };
    }
    false
}

/// Strips an answer marker (`A:`, `Ans:`, `**Answer:**`, numbered as its
/// question is: `A1.`, `A1)`, `Answer 2:`) from the start of `line`;
/// `None` when there is none. An unnumbered `A)` is a multiple-choice
/// option, not a marker.
fn strip_answer_marker(line: &str) -> Option<&str> {
    let t = line.trim_start().trim_start_matches("**");
    for marker in ["Answer", "Ans", "A"] {
        let Some(rest) = t.strip_prefix(marker) else {
            continue;
        };
        let number = rest.trim_start_matches(' ');
        let digits = number.bytes().take_while(u8::is_ascii_digit).count();
        let rest = if digits > 0 {
            number[digits..]
                .trim_start_matches("**")
                .strip_prefix([':', '.', ')'])
        } else {
            rest.trim_start_matches("**").strip_prefix([':', '.'])
        };
        if let Some(rest) = rest {
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
    let owned = atx_headings(lines);
    let lines: Vec<&str> = owned.iter().map(String::as_str).collect();
    let lines = lines.as_slice();
    let fence = fenced(lines);
    let level = topic_level(lines, &fence);
    let kind = if style == Style::TopicHeading {
        TitleKind::Heading
    } else {
        TitleKind::Full
    };
    // Each question's first line, title, title kind and first answer line.
    let mut starts: Vec<(usize, String, TitleKind, usize)> = (0..lines.len())
        .filter(|&i| !fence[i] && marks(lines, i, style))
        .filter(|&i| {
            style != Style::TopicHeading
                || heading(lines[i]).map(|(l, _)| l) == level
                    && !is_navigation_heading(lines, &fence, i)
        })
        .map(
            |i| match labelled_question(lines, i).filter(|_| style == Style::Heading) {
                Some((title, j)) => (i, title, TitleKind::Full, j + 1),
                None => (
                    i,
                    question_of(lines[i], style).unwrap_or_default(),
                    kind,
                    i + 1,
                ),
            },
        )
        .collect();
    // The heading level questions are asked at: the most common one.
    let question_level = {
        let mut levels: Vec<usize> = starts
            .iter()
            .filter_map(|&(i, ..)| heading(lines[i]).map(|(l, _)| l))
            .collect();
        levels.sort_unstable();
        levels
            .chunk_by(|a, b| a == b)
            .max_by_key(|run| (run.len(), std::cmp::Reverse(run[0])))
            .map(|run| run[0])
    };
    // The answer stops at the next heading at or above the question level
    // (below it, `#### Example` is part of the answer); in the other
    // styles at any heading.
    // Questions labelled by a bare heading (`### ❓ Question`, the question
    // in the paragraph below) in most places: the other headings at that
    // level name parts of the answer (`### ✅ Answer`, `### 🚩 Red Flag`),
    // and headings above it name the topics, even when they ask
    // (`## 2️⃣ Why Is x in list Slow?`).
    let labelled_layout = style == Style::Heading
        && 2 * starts
            .iter()
            .filter(|&&(i, ..)| labelled_question(lines, i).is_some())
            .count()
            > starts.len();
    if labelled_layout && let Some(q) = question_level {
        starts.retain(|&(i, ..)| heading(lines[i]).is_none_or(|(l, _)| l >= q));
        // Every label heading opens a question, whatever its first line
        // reads like (`Consider this code:`).
        let taken: Vec<usize> = starts.iter().map(|&(i, ..)| i).collect();
        for i in 0..lines.len() {
            if fence[i] || taken.contains(&i) {
                continue;
            }
            let Some((l, text)) = heading(lines[i]) else {
                continue;
            };
            if l == q
                && is_bare_label(text)
                && let Some((j, line)) = next_text(lines, i)
                && heading(line).is_none()
                && !line.trim_start().starts_with("```")
            {
                starts.push((i, clean(line.trim()), TitleKind::Full, j + 1));
            }
        }
        starts.sort_by_key(|&(i, ..)| i);
    }
    let start_lines: Vec<usize> = starts.iter().map(|&(i, ..)| i).collect();
    // Headings that repeat word for word in three answers or more
    // (`### 🧩 Skeleton`, `### ✅ Ideal Answer`) name the parts every
    // answer has: they neither end an answer nor ask a question.
    let part_labels: std::collections::BTreeSet<String> = {
        let mut seen: std::collections::BTreeMap<String, usize> = Default::default();
        for (i, line) in lines.iter().enumerate() {
            if let Some((_, text)) = heading(line).filter(|_| !fence[i]) {
                *seen.entry(clean(text)).or_insert(0) += 1;
            }
        }
        seen.into_iter()
            .filter(|(t, n)| *n >= 3 && !reads_as_question(t) && !is_bare_label(t))
            .map(|(t, _)| t)
            .collect()
    };
    let is_part_label =
        |i: usize| heading(lines[i]).is_some_and(|(_, t)| part_labels.contains(&clean(t)));
    let ends_answer = |i: usize| {
        !fence[i]
            && !is_part_label(i)
            && heading(lines[i]).is_some_and(|(l, _)| {
                !matches!(style, Style::Heading | Style::TopicHeading)
                    || labelled_layout
                        && question_level.is_none_or(|q| l < q || start_lines.contains(&i))
                    || !labelled_layout && question_level.is_none_or(|q| l <= q)
            })
    };
    if style == Style::Heading
        && !labelled_layout
        && let Some(q) = question_level
    {
        // A heading at the question level that names a topic or a task
        // (`### 2. Difference between local and global variables:`) is a
        // question too, when it has an answer, and its number when the
        // questions are numbered.
        let numbered = |i: usize| {
            heading(lines[i]).is_some_and(|(_, t)| {
                let t = t.trim_start_matches('*').trim_start();
                let t = t.strip_prefix('Q').unwrap_or(t);
                t.starts_with(|c: char| c.is_ascii_digit())
            })
        };
        let questions_numbered =
            2 * starts.iter().filter(|&&(i, ..)| numbered(i)).count() > starts.len();
        let taken: Vec<usize> = starts.iter().map(|&(i, ..)| i).collect();
        for i in 0..lines.len() {
            let Some((l, text)) = heading(lines[i]).filter(|_| !fence[i]) else {
                continue;
            };
            let answered = (i + 1..lines.len())
                .take_while(|&j| !ends_answer(j))
                .any(|j| {
                    let t = lines[j].trim();
                    !t.is_empty() && !is_navigation(t) && !is_answer_label(t)
                });
            if l == q
                && !taken.contains(&i)
                && !is_part_label(i)
                && answered
                && (!questions_numbered || numbered(i))
                && !is_navigation_heading(lines, &fence, i)
                && !is_answer_label(lines[i])
            {
                let title = strip_label(&clean(text)).to_string();
                starts.push((i, title, TitleKind::Heading, i + 1));
            }
        }
        starts.sort_by_key(|&(i, ..)| i);
    }
    if style == Style::Numbered {
        // The numbering itself marks questions whose titles do not end in
        // `?` (`13. Predict the output of below code.`): the item numbered
        // one after the last question, at the margin, unless it goes on
        // a list the answer opened with its own `1.`.
        let taken: Vec<usize> = starts.iter().map(|&(i, ..)| i).collect();
        let mut extra = Vec::new();
        let mut last_question: Option<u32> = None;
        let mut list: Option<u32> = None;
        for i in 0..lines.len() {
            if fence[i] {
                continue;
            }
            let Some((n, rest)) = margin_number(lines[i]) else {
                continue;
            };
            if taken.contains(&i) {
                (last_question, list) = (Some(n), None);
            } else if list.is_some_and(|k| n == k + 1) {
                list = Some(n);
            } else if last_question.is_some_and(|m| n == m + 1) && !rest.is_empty() {
                extra.push((i, clean(rest), TitleKind::Full, i + 1));
                (last_question, list) = (Some(n), None);
            } else if n == 1 {
                list = Some(1);
            }
        }
        starts.extend(extra);
        starts.sort_by_key(|&(i, ..)| i);
    }
    // Bodies are kept as written only in a Markdown document; plain text
    // Q&A files have their code found and fenced like any scraped text.
    // Headings alone do not make a document Markdown when it writes its
    // code unfenced (`def f():` at the margin, no fence anywhere): its
    // code is found and fenced as in plain text.
    let fenced_anywhere = lines
        .iter()
        .any(|l| l.trim_start().starts_with("```") || l.trim_start().starts_with("~~~"));
    let unfenced_code = !fenced_anywhere && lines.iter().any(|l| opens_python_block(l));
    let is_markdown = lines.iter().any(|l| {
        l.trim_start().starts_with("```")
            || heading(l).is_some() && !unfenced_code
            || has_bold_span(l)
    });
    // Sections: headings that are not questions, above the question level;
    // a level-1 heading on the first line is the document's title.
    let section_at = |i: usize| -> Option<String> {
        (0..i).rev().find_map(|j| {
            let (level, text) = heading(lines[j]).filter(|_| !fence[j])?;
            let is_title = level == 1 && lines[..j].iter().all(|l| l.trim().is_empty());
            let above = question_level.is_none_or(|q| level < q);
            (above
                && !is_title
                && (labelled_layout || question_of(lines[j], Style::Heading).is_none())
                && !is_navigation_heading(lines, &fence, j))
            .then(|| clean(text))
        })
    };
    // Difficulty from a heading above that names a level (`## Beginner`
    // over `### Functions` over the questions): the nearest such
    // ancestor, each one above the last.
    let level_at = |i: usize| -> Option<crate::model::Difficulty> {
        let mut ceiling = question_level.unwrap_or(7);
        for j in (0..i).rev() {
            let Some((level, text)) = heading(lines[j]).filter(|_| !fence[j]) else {
                continue;
            };
            if level >= ceiling {
                continue;
            }
            ceiling = level;
            if let Some(d) = crate::model::Difficulty::of_level_heading(&clean(text)) {
                return Some(d);
            }
        }
        None
    };
    let mut questions = Vec::new();
    for (k, (start, title, kind, body_from)) in starts.iter().enumerate() {
        let (start, kind, body_from) = (*start, *kind, *body_from);
        let next = starts.get(k + 1).map_or(lines.len(), |s| s.0);
        // A collapsible block's answer ends at its `</details>`.
        let end = (body_from..next)
            .find(|&i| {
                ends_answer(i)
                    || !fence[i] && style == Style::Summary && lines[i].trim() == "</details>"
            })
            .unwrap_or(next);
        let (title, mut difficulty) = split_difficulty(title);
        // A heading that ends in a colon (`Explain list comprehensions:`)
        // introduced its answer; as a front it ends as a sentence.
        let title = match title.strip_suffix(':') {
            Some(cut) if !cut.trim_end().ends_with(['?', '.', '!']) => {
                // ... a question when it opens with an interrogative
                // (`What will be the output of the following code :`).
                let first = cut.split_whitespace().next().unwrap_or("").to_lowercase();
                let asks = matches!(
                    first.as_str(),
                    "what" | "how" | "why" | "when" | "which" | "who" | "where" | "whose"
                );
                format!("{}{}", cut.trim_end(), if asks { '?' } else { '.' })
            }
            Some(cut) => cut.trim_end().to_string(),
            None => title,
        };
        let mut body: Vec<BodyLine> = Vec::new();
        for (i, &line) in lines.iter().enumerate().take(end).skip(body_from) {
            // Code is literal: CommonMark decodes no entity in a code block.
            let mut text = if fence[i] {
                line.trim_end().to_string()
            } else {
                clean(line)
            };
            let opening = body.iter().all(|b| b.text.trim().is_empty());
            // In an answer written as a block quote the label is quoted
            // too (`> **Answer:**`).
            let quoted = (!fence[i])
                .then(|| text.trim_start().strip_prefix('>'))
                .flatten()
                .map(|r| r.strip_prefix(' ').unwrap_or(r).to_string());
            if opening
                && !fence[i]
                && (is_answer_label(line) || quoted.as_deref().is_some_and(is_answer_label))
            {
                continue;
            }
            if opening
                && !fence[i]
                && difficulty.is_none()
                && let Some(d) = badge_difficulty(line)
            {
                // A difficulty badge under the question.
                difficulty = Some(d);
                continue;
            }
            if opening && let Some(rest) = strip_answer_marker(&text) {
                text = rest.to_string();
            } else if opening && let Some(rest) = quoted.as_deref().and_then(strip_answer_marker) {
                text = format!("> {rest}");
            }
            if !fence[i]
                && (is_details_markup(line) || is_navigation(line) || is_empty_markup(&text))
            {
                // `<details><summary>Answer</summary>` only wraps the
                // answer; `[Back to top](#top)` is no part of it.
                continue;
            }
            if !(text.trim().is_empty() && line.trim().starts_with("<a ")) {
                body.push(BodyLine { line: i + 1, text });
            }
        }
        if matches!(style, Style::BoldNumbered | Style::Numbered | Style::Bullet) {
            dedent(&mut body, content_column(lines[start]));
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
            title_as_read: Some(lines[body_from - 1].trim().to_string()),
            title: Some((title, kind)),
            difficulty: difficulty.or_else(|| level_at(start)),
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

    /// A read question's title (`""` when it has none).
    fn title(q: &RawQuestion) -> &str {
        q.title.as_ref().map_or("", |t| t.0.as_str())
    }

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
    fn a_level_heading_above_the_section_gives_the_difficulty() {
        let lines = [
            "# Questions",
            "## Beginner",
            "### Functions",
            "#### What is a lambda?",
            "> **Answer:**",
            "> An anonymous function.",
            "## Intermediate",
            "### Functions",
            "#### What is a closure?",
            "> **Answer:** A function that keeps its enclosing scope.",
            "## Advanced Python Syntax",
            "#### What is the walrus operator?",
            "An assignment expression.",
        ];
        let (qs, _) = read("t.md", &lines);
        let read: Vec<(Option<&str>, Option<&str>, &str)> = qs
            .iter()
            .map(|q| {
                (
                    q.section.as_deref(),
                    q.difficulty.map(|d| d.as_str()),
                    q.body[0].text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                (Some("Functions"), Some("easy"), "> An anonymous function."),
                (
                    Some("Functions"),
                    Some("medium"),
                    "> A function that keeps its enclosing scope."
                ),
                // A topic heading names no level.
                (
                    Some("Advanced Python Syntax"),
                    None,
                    "An assignment expression."
                ),
            ]
        );
    }

    #[test]
    fn the_numbering_marks_questions_that_do_not_end_in_a_question_mark() {
        let lines = [
            "1. What is a list?",
            "![EASY](https://x/easy.jpg)",
            "A mutable sequence. Its uses:",
            "1. stacks",
            "2. queues",
            "2. Predict the output of the code below.",
            "![Complex](https://x/img/hard.jpg)",
            "print(9 / 2)",
            "3. What is a tuple?",
            "An immutable sequence.",
        ];
        let (qs, _) = read("t.md", &lines);
        let read: Vec<(&str, Option<&str>, usize)> = qs
            .iter()
            .map(|q| (title(q), q.difficulty.map(|d| d.as_str()), q.line_start))
            .collect();
        assert_eq!(
            read,
            [
                ("What is a list?", Some("easy"), 1),
                ("Predict the output of the code below.", Some("hard"), 6),
                ("What is a tuple?", None, 9),
            ]
        );
        // The answer's own list stays in it; the badge leaves it.
        assert_eq!(qs[0].body.len(), 3);
        assert_eq!(qs[1].body[0].text, "print(9 / 2)");
    }

    #[test]
    fn an_emphasised_label_heading_labels_the_question_below_it() {
        let lines = [
            "### __***Question 1***__",
            "",
            "What will be the output of the following code :",
            "```python",
            "print(type(type(int)))",
            "```",
            "### __***Question 2***__",
            "",
            "What does `join` return?",
            "A string.",
        ];
        let (qs, _) = read("t.md", &lines);
        let titles: Vec<&str> = qs.iter().map(title).collect();
        assert_eq!(
            titles,
            [
                "What will be the output of the following code?",
                "What does `join` return?"
            ]
        );
        assert_eq!(qs[0].body[0].text, "```python");
    }

    #[test]
    fn question_lines_set_off_like_headings_quoted_or_in_the_imperative() {
        let lines = [
            "What is the difference between a shallow copy and a deep copy?",
            "",
            "A shallow copy shares the children.",
            "",
            "",
            "Are arguments passed by value or by reference?",
            "By reference to objects.",
            "",
            "“Functions are first-class objects.” What do you infer from this?",
            "They can be passed around.",
            "",
            "Explain Python namespaces.",
            "A namespace maps names to objects.",
            "",
            "Why does this matter here?",
            "",
            "It is a sentence of the answer above, not a question.",
        ];
        let (qs, _) = read("t.txt", &lines);
        let read: Vec<(usize, &str)> = qs.iter().map(|q| (q.line_start, title(q))).collect();
        assert_eq!(
            read,
            [
                (
                    1,
                    "What is the difference between a shallow copy and a deep copy?"
                ),
                (6, "Are arguments passed by value or by reference?"),
                (
                    9,
                    "“Functions are first-class objects.” What do you infer from this?"
                ),
                (12, "Explain Python namespaces."),
            ]
        );
    }

    #[test]
    fn label_headings_hold_their_answers_parts() {
        let lines = [
            "# Questions",
            "## 1. Lists vs Tuples",
            "### ❓ Question",
            "When would you use a tuple?",
            "### ✅ Ideal Answer",
            "For fixed records.",
            "### 🚩 Red Flag",
            "> Never.",
            "## 2. Why Is `x in list` Slow?",
            "### ❓ Question",
            "Why is `x in list` slower than `x in set`?",
            "### ✅ Answer",
            "A list is scanned.",
            "## 3. Timing",
            "### ❓ Question",
            "time.time() returns ____",
            "### ✅ Answer",
            "Seconds since the epoch.",
        ];
        let (qs, _) = read("t.md", &lines);
        let read: Vec<(&str, Option<&str>, (usize, usize))> = qs
            .iter()
            .map(|q| (title(q), q.section.as_deref(), (q.line_start, q.line_end)))
            .collect();
        // Each question holds its answer's parts; the headings above name
        // the topics, the one that asks too.
        assert_eq!(
            read,
            [
                (
                    "When would you use a tuple?",
                    Some("1. Lists vs Tuples"),
                    (3, 8)
                ),
                (
                    "Why is `x in list` slower than `x in set`?",
                    Some("2. Why Is `x in list` Slow?"),
                    (10, 13)
                ),
                ("time.time() returns ____", Some("3. Timing"), (15, 18)),
            ]
        );
    }

    #[test]
    fn python_blocks_at_the_margin() {
        for line in [
            "def my_decorator(func):",
            "async def main():",
            "class Singleton:",
            "class A(B):",
            "import asyncio",
            "import numpy as np",
            "from functools import wraps",
        ] {
            assert!(opens_python_block(line), "{line}");
        }
        for line in [
            "class methods are bound to the class.",
            "def is a keyword:",
            "from the docs, import order matters:",
            "import statements should sit at the top of a module",
            "    def wrapper():",
        ] {
            assert!(!opens_python_block(line), "{line}");
        }
    }

    #[test]
    fn empty_layout_markup_is_no_part_of_an_answer() {
        assert!(is_empty_markup("<div align=\"right\">"));
        assert!(is_empty_markup("    <b></b>"));
        assert!(is_empty_markup("</div>"));
        assert!(!is_empty_markup("<b>Note</b>"));
        assert!(!is_empty_markup("<p><img src=\"x.png\"></p>"));
        assert!(!is_empty_markup("<br>"), "a line break is no wrapper");
        let lines = [
            "## Q. What is a list?",
            "A mutable sequence.",
            "<div align=\"right\">",
            "    <b><a href=\"#\">↥ back to top</a></b>",
            "</div>",
            "## Q. What is a tuple?",
            "An immutable one.",
        ];
        let (qs, _) = read("t.md", &lines);
        let bodies: Vec<Vec<&str>> = qs
            .iter()
            .map(|q| q.body.iter().map(|b| b.text.as_str()).collect())
            .collect();
        assert_eq!(
            bodies,
            [vec!["A mutable sequence."], vec!["An immutable one."]]
        );
    }

    #[test]
    fn a_table_of_contents_is_no_section_and_no_topic() {
        let lines = [
            "# Python questions",
            "",
            "## Table of Contents",
            "",
            "- [What is a list?](#what-is-a-list)",
            "  - [What is a tuple?](#what-is-a-tuple)",
            "",
            "---",
            "### What is a list?",
            "A mutable sequence.",
            "### What is a tuple?",
            "An immutable one.",
        ];
        let (qs, _) = read("t.md", &lines);
        assert_eq!(qs.len(), 2);
        assert!(qs.iter().all(|q| q.section.is_none()));
        let topics = [
            "## Contents",
            "",
            "[The GIL](#the-gil) | [Decorators](#decorators)",
            "",
            "## The GIL",
            "",
            "One thread runs bytecode at a time.",
            "",
            "## Decorators",
            "",
            "A decorator wraps a function.",
        ];
        let (qs, warnings) = read("t.md", &topics);
        assert_eq!(detect_style(&topics), Some(Style::TopicHeading));
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].line_start, 5);
        assert!(warnings.is_empty());
    }

    #[test]
    fn navigation_is_only_links_into_the_page() {
        assert!(is_navigation("**[⬆ Back to top](#table-of-contents)**"));
        assert!(is_navigation("- [Basics](#basics)"));
        assert!(is_navigation("[Prev](#q1) | [Next](#q3)"));
        assert!(!is_navigation("See [the docs](https://docs.python.org)."));
        assert!(!is_navigation("[Back to top](#top) and more"));
        assert!(!is_navigation(""));
    }

    #[test]
    fn list_item_content_columns() {
        assert_eq!(content_column("1. **Q?**"), 3);
        assert_eq!(content_column("10) Q?"), 4);
        assert_eq!(content_column("- [ ] Q?"), 2);
        assert_eq!(content_column("  *   Q?"), 6);
        assert_eq!(content_column("-      code"), 2);
        assert_eq!(content_column("**bold**"), 0);
        assert_eq!(content_column("3.14 is pi"), 0);
        assert_eq!(content_column("1."), 2);
        assert_eq!(content_column("-   "), 1);
        assert!(!is_navigation("1."));
    }

    #[test]
    fn bold_spans_are_markdown_and_double_stars_of_python_are_not() {
        assert!(has_bold_span("**Answer:** yes"));
        assert!(has_bold_span("a **key** word"));
        assert!(has_bold_span("- **Q:** what?"));
        assert!(!has_bold_span("def f(*args, **kwargs):"));
        assert!(!has_bold_span("What are *args and **kwargs?"));
        assert!(!has_bold_span("merged = f(**a, **b)"));
        assert!(!has_bold_span("2 ** 10 ** 2"));
    }

    #[test]
    fn numbered_answer_markers_are_markers_and_lettered_options_are_not() {
        assert_eq!(
            strip_answer_marker("A1) The style guide."),
            Some("The style guide.")
        );
        assert_eq!(strip_answer_marker("Answer 2: Yes."), Some("Yes."));
        assert_eq!(strip_answer_marker("Ans: Yes."), Some("Yes."));
        assert_eq!(strip_answer_marker("A) an option"), None);
        assert_eq!(strip_answer_marker("A 2-tuple is a pair."), None);
    }

    #[test]
    fn restructured_text_adornments_are_levels_in_order_of_appearance() {
        let lines = [
            "=====", "Title", "=====", "", "Part", "~~~~", "", "Q?", "^^", "", "Q2?", "^^^",
        ];
        let out = atx_headings(&lines);
        assert_eq!(out[1], "# Title");
        assert_eq!((out[0].as_str(), out[2].as_str()), ("", ""));
        assert_eq!(out[4], "## Part");
        assert_eq!(out[5], "");
        // Too short to underline `Q?`: not an adornment; `^^^` is.
        assert_eq!(out[7], "Q?");
        assert_eq!(out[10], "### Q2?");
        // Markdown alone keeps CommonMark's levels; a fence stays a fence.
        let md = ["Title", "-----", "", "~~~", "code", "~~~"];
        assert_eq!(atx_headings(&md)[..4], ["## Title", "", "", "~~~"]);
    }

    #[test]
    fn org_mode_documents_read_as_markdown() {
        let org = [
            "#+TITLE: Questions",
            "* Basics   :python:",
            "** What is ~self~?",
            "#+BEGIN_SRC python",
            "x = ~y",
            "#+END_SRC",
            "Use =a = b= not a = b.",
        ];
        assert_eq!(
            org_as_markdown(&org).unwrap(),
            [
                "# Questions",
                "# Basics",
                "## What is `self`?",
                "```python",
                "x = ~y",
                "```",
                "Use `a = b` not a = b."
            ]
        );
        // Markdown bullets are no headlines without an Org sign.
        assert!(org_as_markdown(&["* one", "* two", "## Title"]).is_none());
        assert!(org_as_markdown(&["** a", "** b"]).is_some());
        assert_eq!(org_inline("x=1 and y = 2"), "x=1 and y = 2");
    }

    #[test]
    fn html_heading_lines_are_headings() {
        assert_eq!(
            html_heading(r#"<h3 id="q1">1. What is X?</h3>"#),
            Some((3, "1. What is X?".to_string()))
        );
        assert_eq!(
            html_heading(r#"<H2><a name="a"></a>Is <code>is</code> ==?</H2>"#),
            Some((2, "Is `is` ==?".to_string()))
        );
        for not_one in [
            "<h3>open only",
            "<h3></h3>",
            "<h7>Seven</h7>",
            "<hr>",
            "<header>x</header>",
            "<h3 x</h3>",
            "<h2>A</h2> and <h2>B</h2>",
            "<h2>Two</h3>",
        ] {
            assert_eq!(html_heading(not_one), None, "{not_one}");
        }
        let lines = ["<h2>What is X?</h2>", "```html", "<h2>kept</h2>", "```"];
        assert_eq!(
            atx_headings(&lines)[..3],
            ["## What is X?", "```html", "<h2>kept</h2>"]
        );
    }

    #[test]
    fn entities_in_fenced_code_are_literal() {
        let lines = [
            "## What is escaping?",
            "Write &lt;b&gt; for <b>.",
            "```python",
            "html = \"&lt;b&gt;\"",
            "```",
            "## What is y?",
            "Y.",
        ];
        let (qs, _) = read("t.md", &lines);
        let texts: Vec<&str> = qs[0].body.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Write <b> for <b>.",
                "```python",
                "html = \"&lt;b&gt;\"",
                "```"
            ]
        );
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
