//! Rebuilds an answer's lines as CommonMark: code runs become fenced
//! blocks with a language, pipe-table lines a table, bullets a list, and
//! prose paragraphs with inline code marked.
//!
//! First pass: lines are classified by [`crate::text`] and smoothed by their
//! neighbours; indentation is kept as the document has it.

use crate::readers::BodyLine;
use crate::text::{
    is_bullet_line, is_code_line, is_shell_line, is_table_line, looks_like_sentence,
};

/// What a line of an answer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Empty or whitespace only.
    Blank,
    /// Code (Python, shell, config).
    Code,
    /// A pipe-table line.
    Table,
    /// A bullet item.
    Bullet,
    /// A sentence or label.
    Prose,
}

/// Classifies each line of `body`, using neighbours to settle short
/// ambiguous lines: a line that is not a sentence between two code lines
/// is code, and so is an indented line after code when the document kept
/// its indentation.
pub fn classify(body: &[BodyLine], indentation_kept: bool) -> Vec<LineKind> {
    let mut kinds: Vec<LineKind> = body
        .iter()
        .map(|b| {
            let t = b.text.as_str();
            if t.trim().is_empty() {
                LineKind::Blank
            } else if is_table_line(t) {
                LineKind::Table
            } else if is_code_line(t) {
                LineKind::Code
            } else if is_bullet_line(t) {
                LineKind::Bullet
            } else {
                LineKind::Prose
            }
        })
        .collect();
    for i in 0..kinds.len() {
        if kinds[i] != LineKind::Prose {
            continue;
        }
        let t = body[i].text.as_str();
        let prev_code = (0..i)
            .rev()
            .find(|&j| kinds[j] != LineKind::Blank)
            .is_some_and(|j| kinds[j] == LineKind::Code);
        let next_code = (i + 1..kinds.len())
            .find(|&j| kinds[j] != LineKind::Blank)
            .is_some_and(|j| kinds[j] == LineKind::Code);
        let indented = t.starts_with(' ') || t.starts_with('\t');
        if (indentation_kept && indented && prev_code)
            || (prev_code && next_code && !looks_like_sentence(t.trim()))
        {
            kinds[i] = LineKind::Code;
        }
    }
    kinds
}

/// The fence language for a run of code lines: `bash` when most lines are
/// shell commands, otherwise `python`.
pub fn detect_language(lines: &[&str]) -> &'static str {
    let non_comment: Vec<&&str> = lines
        .iter()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect();
    let shell = non_comment.iter().filter(|l| is_shell_line(l)).count();
    if !non_comment.is_empty() && shell * 2 > non_comment.len() {
        "bash"
    } else {
        "python"
    }
}

/// The body of a document that is already Markdown, as written (one
/// trailing newline).
pub fn keep_markdown(body: &[BodyLine]) -> String {
    let mut out = body
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    out.push('\n');
    out
}

/// Renders `body` as CommonMark.
///
/// Blocks are separated by one blank line; consecutive prose lines that do
/// not end a sentence are joined into one paragraph (scrapers wrapped them).
pub fn to_markdown(body: &[BodyLine], indentation_kept: bool) -> String {
    let kinds = classify(body, indentation_kept);
    let mut blocks: Vec<String> = Vec::new();
    let mut i = 0;
    while i < body.len() {
        match kinds[i] {
            LineKind::Blank => i += 1,
            LineKind::Code => {
                let mut j = i;
                let mut last_code = i;
                while j < body.len() && matches!(kinds[j], LineKind::Code | LineKind::Blank) {
                    if kinds[j] == LineKind::Code {
                        last_code = j;
                    }
                    j += 1;
                }
                let lines: Vec<&str> = body[i..=last_code]
                    .iter()
                    .map(|b| b.text.trim_end())
                    .collect();
                blocks.push(fence(&lines));
                i = last_code + 1;
            }
            LineKind::Table => {
                let mut rows = Vec::new();
                while i < body.len() && kinds[i] == LineKind::Table {
                    rows.push(body[i].text.trim().to_string());
                    i += 1;
                }
                blocks.push(rows.join("\n"));
            }
            LineKind::Bullet => {
                let mut items = Vec::new();
                while i < body.len() && kinds[i] == LineKind::Bullet {
                    let t = body[i].text.trim_start();
                    let item = t
                        .get(t.char_indices().nth(1).map_or(0, |(k, _)| k)..)
                        .unwrap_or("")
                        .trim();
                    items.push(format!("- {}", inline(item)));
                    i += 1;
                }
                blocks.push(items.join("\n"));
            }
            LineKind::Prose => {
                let mut para = inline(body[i].text.trim());
                let mut ends_sentence = ends_sentence(&body[i].text);
                i += 1;
                while i < body.len() && kinds[i] == LineKind::Prose && !ends_sentence {
                    para.push(' ');
                    para.push_str(&inline(body[i].text.trim()));
                    ends_sentence = self::ends_sentence(&body[i].text);
                    i += 1;
                }
                blocks.push(para);
            }
        }
    }
    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', '?', '!', ':', ')', '"'])
}

/// A fenced code block around `lines`, with a fence longer than any run of
/// backticks inside.
fn fence(lines: &[&str]) -> String {
    let longest = lines
        .iter()
        .map(|l| {
            let mut best = 0;
            let mut run = 0;
            for c in l.chars() {
                run = if c == '`' { run + 1 } else { 0 };
                best = best.max(run);
            }
            best
        })
        .max()
        .unwrap_or(0);
    let ticks = "`".repeat(longest.max(2) + 1);
    format!(
        "{ticks}{}\n{}\n{ticks}",
        detect_language(lines),
        lines.join("\n")
    )
}

/// Marks code-like words in a prose line as inline code (`__init__`,
/// `*args`, `obj.method()`), so Markdown does not read their underscores
/// and stars as emphasis, and escapes the remaining Markdown punctuation.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (k, word) in text.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let core_end = word.trim_end_matches([',', ';', ':', '!', '?']).len();
        let (core, trail) = word.split_at(core_end);
        let (core, trail) = match core.strip_suffix('.') {
            Some(c) if !c.ends_with(')') || c.contains('(') => (c, &word[c.len()..]),
            _ => (core, trail),
        };
        // An unbalanced closing bracket belongs to the sentence: `(same id())`.
        let (core, trail) =
            if core.ends_with(')') && core.matches(')').count() > core.matches('(').count() {
                (&core[..core.len() - 1], &word[core.len() - 1..])
            } else {
                (core, trail)
            };
        let code_like = !core.contains('`')
            && (core.contains('_')
                || core.starts_with('*')
                || core.contains("()")
                || core.starts_with('@') && core.len() > 1
                || matches!(core, "==" | "!=" | "<" | ">" | "<=" | ">=" | "->" | "**"));
        if code_like && !core.is_empty() {
            out.push('`');
            out.push_str(core);
            out.push('`');
            out.push_str(trail);
        } else {
            for c in word.chars() {
                if matches!(c, '*' | '_' | '[' | ']' | '<' | '>' | '`' | '\\') {
                    out.push('\\');
                }
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Vec<BodyLine> {
        BodyLine::numbered(&text.lines().collect::<Vec<_>>())
    }

    #[test]
    fn code_runs_are_fenced_and_prose_joined() {
        let md = to_markdown(
            &body(
                "Python is a high-level,\ninterpreted language.\na = [1, 2]\nb = a # same\nRule of thumb: use it.\n- first item\n- second",
            ),
            false,
        );
        assert_eq!(
            md,
            "Python is a high-level, interpreted language.\n\n```python\na = [1, 2]\nb = a # same\n```\n\nRule of thumb: use it.\n\n- first item\n- second\n"
        );
    }

    #[test]
    fn dunder_words_become_inline_code() {
        assert_eq!(
            inline("calls __eq__. Then *args"),
            "calls `__eq__`. Then `*args`"
        );
        assert_eq!(inline("(same id())."), "(same `id()`).");
        assert_eq!(inline("a [link] <b>"), "a \\[link\\] \\<b\\>");
    }

    #[test]
    fn shell_blocks_are_bash() {
        let md = to_markdown(
            &body("Install it:\npip install fastapi uvicorn\nuvicorn main:app --reload"),
            false,
        );
        assert!(md.contains("```bash\npip install"), "{md}");
    }

    #[test]
    fn kept_indentation_stays() {
        let md = to_markdown(
            &body("def f(n):\n    while n > 0: n -= 1\n\n    return n"),
            true,
        );
        assert!(
            md.contains("def f(n):\n    while n > 0: n -= 1\n\n    return n\n```"),
            "{md}"
        );
    }
}
