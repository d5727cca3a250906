//! Reader for [`Layout::AnswerMarkers`](super::Layout::AnswerMarkers):
//! answers opened by a bare `Answer:` line. A heading survived only where it
//! was made of inline code, as a tail line (or two) just before the marker
//! (`__new__ vs __init__`, `@property — Getters, Setters, Deleters`), or
//! glued to it (`is vs ==Answer:`).
//!
//! Each marker starts a question; its surviving tail, if any, is its title
//! and moves its start up. Questions without a marker stay inside the
//! answer before them until the boundary finder places them.

use super::{BodyLine, RawQuestion, TitleKind, trim_body};
use crate::error::Warning;

/// Whether `line` is an answer marker: `Answer:` alone, or glued after a
/// title tail (`is vs ==Answer:`).
pub fn is_answer_marker(line: &str) -> bool {
    let t = line.trim_end();
    t == "Answer:" || (t.ends_with("Answer:") && glued_tail(t).is_some())
}

/// The title tail glued before `Answer:` on the same line, if any.
///
/// The glue itself marks a heading, so besides [`is_tail_heading`] a
/// tail that opens with a dotted or underscored name may go on in plain
/// words (`functools.singledispatch vs isinstance chains`), up to ten,
/// with no assignment or call in them.
fn glued_tail(line: &str) -> Option<&str> {
    let tail = line.trim_end().strip_suffix("Answer:")?;
    if tail.ends_with([' ', '"', '\'', '(']) {
        return None;
    }
    let tail = tail.trim();
    let first = tail.split_whitespace().next().unwrap_or("");
    let named = first.contains(['.', '_'])
        && first
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
        && crate::text::word_count(tail) <= 10
        && !tail.contains(['=', '(', '"', ';', '{'])
        && !crate::text::is_code_line(tail);
    (!tail.is_empty() && (is_tail_heading(tail) || named || compares(tail))).then_some(tail)
}

/// Whether `tail` compares two short things (`g vs session`, `patch vs
/// patch.object`): at most six words around one `vs`, no sentence
/// punctuation, no assignment or call.
fn compares(tail: &str) -> bool {
    let Some((a, b)) = tail.split_once(" vs ").or_else(|| tail.split_once(" vs. ")) else {
        return false;
    };
    !a.trim().is_empty()
        && !b.trim().is_empty()
        && crate::text::word_count(tail) <= 6
        && !tail.contains(['=', '"', ';', '{', ':', '!'])
        && !tail.contains(". ")
}

/// Whether the line before a marker is a question tail that opens with
/// code and goes on in plain words (`__set_name__ help descriptors?`): it
/// ends in `?`, its first word is code-shaped (underscores, dots, `@`,
/// CamelCase), and it holds at most twelve words and no assignment.
fn question_tail(line: &str) -> bool {
    let t = line.trim();
    let first = t.split_whitespace().next().unwrap_or("");
    let code_first = first.contains(['_', '.', '@'])
        || first.chars().next().is_some_and(char::is_lowercase)
            && first.chars().any(char::is_uppercase);
    t.ends_with('?')
        && code_first
        && crate::text::word_count(t) <= 12
        && !t.contains(" = ")
        && !t.starts_with(['#', '-', '*', '|', '>'])
}

/// Whether `text` reads as a surviving heading tail: every word is inline
/// code (`__init__`, `@property`, `yield`, `==`), a capitalised heading word
/// (`Statement`, `In-Depth`), a version (`(Python 3.10+)`), or a joiner
/// (`vs`, `and`, `/`, `—`). Sentences, calls and assignments are not.
///
/// ```
/// use pyqconv::readers::answer_marker::is_tail_heading;
/// assert!(is_tail_heading("__new__ vs __init__"));
/// assert!(is_tail_heading("match / case Statement (Python 3.10+)"));
/// assert!(!is_tail_heading("return wrapper"));
/// assert!(!is_tail_heading("asyncio for I/O-bound concurrency (cooperative, single-threaded)"));
/// ```
pub fn is_tail_heading(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty()
        || t.len() > 80
        || t.starts_with(['#', '|', '-', '•', '*', '"', '\''])
        || t.ends_with(['.', ':', ';', '{', '['])
        || t.contains(" = ")
        || t.contains("(\"")
    {
        return false;
    }
    const JOINERS: &[&str] = &[
        "vs", "vs.", "and", "or", "&", "/", "—", "–", "-", "in", "of", "the", "with", "a", "an",
        "to", "on", "for", "versus",
    ];
    // A tail is what followed the heading's first inline-code element, so
    // it opens with code; a statement keyword that cannot start a heading
    // (`return x`, `del b`) marks a code line.
    let first = t
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches(',');
    let opens_with_code = first.contains(['_', '.', '@', '*', '='])
        || matches!(
            first,
            "yield"
                | "nonlocal"
                | "global"
                | "match"
                | "async"
                | "await"
                | "lambda"
                | "with"
                | "is"
                | "not"
                | "None"
        )
        || first.chars().any(|c| c.is_lowercase())
            && first.chars().any(|c| c.is_uppercase())
            && !first.starts_with(|c: char| c.is_uppercase());
    if !opens_with_code
        || t.split_whitespace()
            .any(|w| matches!(w, "*" | "+" | "-=" | "+=" | "%" | "//"))
    {
        return false;
    }
    let mut has_content = false;
    for raw in t.split_whitespace() {
        let w = raw.trim_end_matches(',');
        let bare = w.trim_matches(|c| c == '(' || c == ')');
        if JOINERS.contains(&w) {
            continue;
        }
        has_content = true;
        let call = w.contains('(') && w.ends_with(')') && !w.starts_with('(');
        if call {
            return false;
        }
        let code = bare.contains('_')
            || bare.starts_with('@')
            || bare.contains('.') && bare.chars().any(|c| c.is_alphabetic())
            || crate::text::is_statement_keyword(bare)
            || matches!(
                bare,
                "is" | "not"
                    | "None"
                    | "=="
                    | "!="
                    | "*args"
                    | "**kwargs"
                    | "self"
                    | "super"
                    | "type"
                    | "object"
            )
            || bare.starts_with('*');
        let heading_word = bare.starts_with(|c: char| c.is_uppercase())
            || bare.chars().all(|c| c.is_ascii_digit() || ".+".contains(c)) && !bare.is_empty();
        if !(code || heading_word) {
            return false;
        }
    }
    has_content
}

/// Whether the line before the marker at `marker` is a lone lowercase name
/// (`dis`, `functools`, `zoneinfo`) that the answer's first line names as
/// a word (`dis disassembles Python functions ...`, `signal.signal()
/// installs ...`, `Since Python 3.9 the zoneinfo module ...`): a heading of
/// one inline-code word, not a code line (a statement keyword or a bare
/// expression the answer does not name).
fn echoed_name(lines: &[&str], marker: usize) -> bool {
    let name = lines[marker - 1].trim();
    let Some(answer) = lines.get(marker + 1) else {
        return false;
    };
    !name.is_empty()
        && name.len() <= 30
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && !crate::text::is_statement_keyword(name)
        && answer
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|w| w == name)
}

/// Reads an answer-marker document. `lines[i]` is document line `i + 1`.
pub fn read(_path: &str, lines: &[&str]) -> (Vec<RawQuestion>, Vec<Warning>) {
    // (line index where the question starts, marker index, title tail)
    let mut starts: Vec<(usize, usize, Option<String>)> = Vec::new();
    for (i, &line) in lines.iter().enumerate() {
        if !is_answer_marker(line) {
            continue;
        }
        if let Some(tail) = glued_tail(line) {
            starts.push((i, i, Some(tail.to_string())));
            continue;
        }
        // Up to two tail lines before the marker; the upper one only when
        // it is wrapped (ends with `,` or `/`).
        let floor = starts.last().map(|s| s.1 + 1).unwrap_or(0);
        let mut first = i;
        if i > floor
            && (is_tail_heading(lines[i - 1])
                || echoed_name(lines, i)
                || question_tail(lines[i - 1]))
        {
            first = i - 1;
            if i >= floor + 2
                && lines[i - 2].trim_end().ends_with([',', '/'])
                && is_tail_heading(lines[i - 2].trim_end().trim_end_matches([',', '/']))
            {
                first = i - 2;
            }
        }
        let tail = (first < i).then(|| {
            lines[first..i]
                .iter()
                .map(|l| l.trim())
                .collect::<Vec<_>>()
                .join(" ")
        });
        starts.push((first, i, tail));
    }
    let mut questions = Vec::new();
    for (k, (first, marker, tail)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map(|s| s.0).unwrap_or(lines.len()); // exclusive
        let mut body: Vec<BodyLine> = ((marker + 1)..end)
            .map(|i| BodyLine {
                line: i + 1,
                text: lines[i].to_string(),
            })
            .collect();
        let span_end = trim_body(&mut body).map(|(_, e)| e).unwrap_or(marker + 1);
        questions.push(RawQuestion {
            line_start: first + 1,
            line_end: span_end,
            title_as_read: tail.clone(),
            title: tail.clone().map(|t| (t, TitleKind::Tail)),
            body,
            ..RawQuestion::default()
        });
    }
    (questions, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_and_tails() {
        let text = "Prepared for: X\nAnswer:\nPython is a language.\nx = 1\nis vs ==Answer:\n== checks value\n__getattr__, __setattr__,\n__getattribute__\nAnswer:\nHooks.\nreturn wrapper\nAnswer:\nThe GIL is a mutex.";
        let lines = super::super::lines(text);
        let (qs, _) = read("t.txt", &lines);
        assert_eq!(qs.len(), 4);
        assert!(qs[0].title.is_none());
        assert_eq!((qs[0].line_start, qs[0].line_end), (2, 4));
        assert_eq!(qs[1].title.as_ref().unwrap().0, "is vs ==");
        assert_eq!((qs[1].line_start, qs[1].line_end), (5, 6));
        assert_eq!(
            qs[2].title.as_ref().unwrap().0,
            "__getattr__, __setattr__, __getattribute__"
        );
        assert_eq!((qs[2].line_start, qs[2].line_end), (7, 11));
        assert!(qs[3].title.is_none());
        assert_eq!(qs[3].line_start, 12);
    }

    #[test]
    fn a_lone_name_the_answer_opens_with_is_a_tail() {
        let text = "x = 1\nprint(x)\ndis\nAnswer:\ndis disassembles functions into bytecode.\nimport dis\nresult\nAnswer:\nThe walrus operator assigns inside an expression.\npass\nAnswer:\npass does nothing.";
        let lines: Vec<&str> = text.lines().collect();
        let (qs, _) = read("t.txt", &lines);
        assert_eq!(qs.len(), 3);
        assert_eq!(qs[0].line_start, 3);
        assert_eq!(qs[0].title_as_read.as_deref(), Some("dis"));
        // `result` is not what the next answer opens with: code, not a title.
        assert_eq!(qs[1].line_start, 8);
        assert!(qs[1].title.is_none());
        // A statement keyword stays code even when the answer repeats it.
        assert_eq!(qs[2].line_start, 11);
        assert!(qs[2].title.is_none());
        // The answer may open with the name's own attribute or call.
        let text = "cp.getint(\"db\", \"port\")\nsignal\nAnswer:\nsignal.signal() installs a handler.\nimport signal";
        let lines: Vec<&str> = text.lines().collect();
        let (qs, _) = read("t.txt", &lines);
        assert_eq!(qs[0].line_start, 2);
        assert_eq!(qs[0].title_as_read.as_deref(), Some("signal"));
        // ... or name it further on.
        let text =
            "x = 1\nzoneinfo\nAnswer:\nSince Python 3.9 the zoneinfo module gives IANA zones.";
        let lines: Vec<&str> = text.lines().collect();
        let (qs, _) = read("t.txt", &lines);
        assert_eq!(qs[0].title_as_read.as_deref(), Some("zoneinfo"));
    }

    #[test]
    fn comparisons_and_questions_opening_with_code_are_tails() {
        assert_eq!(glued_tail("g vs sessionAnswer:"), Some("g vs session"));
        assert_eq!(
            glued_tail("patch vs patch.objectAnswer:"),
            Some("patch vs patch.object")
        );
        assert_eq!(glued_tail("It is fast vs. slow: see belowAnswer:"), None);
        let text = "await q.join()\n__set_name__ help descriptors?\nAnswer:\nPython calls it when the class body ends.";
        let lines: Vec<&str> = text.lines().collect();
        let (qs, _) = read("t.txt", &lines);
        assert_eq!(qs[0].line_start, 2);
        assert_eq!(
            qs[0].title_as_read.as_deref(),
            Some("__set_name__ help descriptors?")
        );
        // A question in plain words is an answer's sentence, not a tail.
        assert!(!question_tail("Why does this matter?"));
        assert!(!question_tail("x = y?"));
    }

    #[test]
    fn a_glued_tail_opening_with_a_dotted_name_may_go_on_in_plain_words() {
        assert_eq!(
            glued_tail("functools.singledispatch vs isinstance chainsAnswer:"),
            Some("functools.singledispatch vs isinstance chains")
        );
        for line in [
            "print(\"Answer:",
            "result = compute()Answer:",
            "the final Answer:",
            "class Answer:",
        ] {
            assert_eq!(glued_tail(line), None, "{line}");
        }
    }

    #[test]
    fn tails_that_are_code_or_prose_are_not_titles() {
        for line in [
            "del b",
            "return db_user",
            "return 2 * 3.14159 * self.r",
            "Flask, FastAPI, Django, Testing, Performance",
            "fn(event)",
            "task.cancel()",
            "x: float",
            "...",
            "is None / is not None.",
            "single-threaded)",
        ] {
            assert!(!is_tail_heading(line), "{line}");
        }
        for line in [
            "yield",
            "nonlocal",
            "__slots__ In-Depth",
            "@property — Getters, Setters, Deleters",
        ] {
            assert!(is_tail_heading(line), "{line}");
        }
    }
}
