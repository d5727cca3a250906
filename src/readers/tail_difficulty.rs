//! Reader for [`Layout::TailDifficulty`](super::Layout::TailDifficulty): no
//! numbers, no section headers; surviving title tails end in a glued
//! difficulty followed directly by the answer
//! (`== and is?Easy# == : value equality`).
//!
//! Each tail starts a question. A tail can begin in the middle of a line,
//! glued after the previous answer's last sentence; that line then ends the
//! previous question and starts the next, and both spans include it.
//! Questions whose title vanished entirely are not split out here: text
//! before the first tail, and between tails, stays with the question before.

use super::{BodyLine, RawQuestion, TitleKind, trim_body};
use crate::error::Warning;
use crate::model::Difficulty;

/// A title tail found on a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tail {
    /// Byte offset where the tail begins.
    pub start: usize,
    /// Byte offset just after the tail's closing `?`, `.` or `)`.
    pub end: usize,
    /// The glued difficulty.
    pub difficulty: Difficulty,
    /// Byte offset where the answer text begins (after the difficulty).
    pub answer_start: usize,
}

/// Finds a title tail with a glued difficulty on `line`.
///
/// The difficulty word must directly follow `?`, `.` or `)` and be
/// followed by the answer with no space (`?Easy#`, `.MediumPython's`) or
/// end the line. The tail starts at the line's start, or — when the line
/// first ends a sentence of the previous answer — just after the earliest
/// glued `.` after which the title has no sentence break and no call.
///
/// ```
/// use pyqconv::readers::tail_difficulty::find_tail;
/// let t = find_tail("== and is?Easy# == : value equality").unwrap();
/// assert_eq!((t.start, t.end, t.answer_start), (0, 10, 14));
/// ```
pub fn find_tail(line: &str) -> Option<Tail> {
    if line.starts_with('#') || line.starts_with('|') {
        return None;
    }
    for (idx, _) in line.char_indices() {
        let bytes = line.as_bytes();
        if idx == 0 || !matches!(bytes[idx - 1], b'?' | b'.' | b')') {
            continue;
        }
        for word in ["Easy", "Medium", "Hard"] {
            let Some(after) = line[idx..].strip_prefix(word) else {
                continue;
            };
            // Glued answer: no space, and not a longer word (`Hardware`).
            // After a question's `?` an answer may open in lowercase code
            // or a name (`?Mediumimport json`, `?Hardpickle serialises`),
            // unless the letters make an English word with the label.
            let next = after.chars().next();
            let ok = match next {
                None => true,
                Some(c) if c.is_lowercase() => {
                    bytes[idx - 1] == b'?' && !extends_label(word, after)
                }
                Some(c) => !c.is_whitespace(),
            };
            if !ok {
                continue;
            }
            let end = idx;
            let start = tail_start(&line[..end]);
            let tail = &line[start..end];
            if crate::text::word_count(tail) < 1 || tail.trim().is_empty() {
                continue;
            }
            return Some(Tail {
                start,
                end,
                difficulty: Difficulty::parse(word)?,
                answer_start: idx + word.len(),
            });
        }
    }
    None
}

/// Whether the lowercase letters `after` a difficulty label make one
/// English word with it (`Hard` + `ware`, `Easy` + `going`): the endings
/// English words that open with a label have.
fn extends_label(label: &str, after: &str) -> bool {
    let letters: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    let endings: &[&str] = match label {
        "Hard" => &[
            "ware", "ly", "ness", "en", "ens", "ened", "ening", "er", "est", "ship", "ships", "y",
            "ier", "iest", "core", "wood", "back", "cover", "line", "liner", "coded", "code",
            "wired", "working",
        ],
        "Easy" => &["going"],
        "Medium" => &["s", "ship", "istic"],
        _ => &[],
    };
    endings.contains(&letters.as_str())
}

/// Where the tail begins within `before` (the text up to the tail's end).
///
/// The tail starts after a `.` glued to the next word (after at least
/// eight words, the text after it holding no sentence break, call or
/// colon), else at 0. Of several such `.`, a later one that a sentence follows (an uppercase
/// letter or a digit: `behaviour.0.1 + 0.2 != 0.3, and when ...?`) wins
/// over an earlier one a lowercase word follows: the earlier one ended a
/// glued bullet of the previous answer (`injection.autocommit attribute
/// ...`), while code (`os.path.join`) puts a capital after its dots only
/// in a dotted name ([`crate::text::joins_dotted_name`]: `subprocess.Popen`),
/// never a digit.
fn tail_start(before: &str) -> usize {
    let bytes = before.as_bytes();
    let mut words_before = 0;
    let mut first = None;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b' ' {
            words_before += 1;
        }
        if b != b'.' || i == 0 || i + 1 >= bytes.len() {
            continue;
        }
        let prev = bytes[i - 1];
        let next = bytes[i + 1];
        if words_before < 8 || !(prev.is_ascii_lowercase() || prev == b')') || next == b' ' {
            continue;
        }
        if next.is_ascii_uppercase() && crate::text::joins_dotted_name(before, i) {
            // `subprocess.Popen`: a name, not two sentences glued.
            continue;
        }
        let rest = &before[i + 1..];
        if !rest.contains(". ") && !rest.contains('(') && !rest.contains(": ") {
            first.get_or_insert(i + 1);
            if next.is_ascii_uppercase() || next.is_ascii_digit() {
                return i + 1;
            }
        }
    }
    first.unwrap_or(0)
}

/// Reads a tail-difficulty document. `lines[i]` is document line `i + 1`.
pub fn read(_path: &str, lines: &[&str]) -> (Vec<RawQuestion>, Vec<Warning>) {
    let mut questions: Vec<RawQuestion> = Vec::new();
    let mut current: Option<RawQuestion> = None;
    for (i, &line) in lines.iter().enumerate() {
        let n = i + 1;
        if let Some(tail) = find_tail(line) {
            let before = line[..tail.start].trim();
            let mut previous = current.take().unwrap_or_else(|| untitled(n));
            if !before.is_empty() {
                previous.body.push(BodyLine {
                    line: n,
                    text: before.to_string(),
                });
            }
            finish(previous, &mut questions);
            let title = line[tail.start..tail.end].trim().to_string();
            let mut q = RawQuestion {
                line_start: n,
                line_end: n,
                title_as_read: Some(line[tail.start..].trim().to_string()),
                title: Some((title, TitleKind::Tail)),
                difficulty: Some(tail.difficulty),
                ..RawQuestion::default()
            };
            let answer = line[tail.answer_start..].trim();
            if !answer.is_empty() {
                q.body.push(BodyLine {
                    line: n,
                    text: answer.to_string(),
                });
            }
            current = Some(q);
        } else {
            let q = current.get_or_insert_with(|| untitled(n));
            q.body.push(BodyLine {
                line: n,
                text: line.to_string(),
            });
        }
    }
    if let Some(q) = current {
        finish(q, &mut questions);
    }
    (questions, Vec::new())
}

fn untitled(line: usize) -> RawQuestion {
    RawQuestion {
        line_start: line,
        line_end: line,
        ..RawQuestion::default()
    }
}

/// Closes a question: trims blank lines and fixes its span; drops it when
/// it has neither title nor body.
fn finish(mut q: RawQuestion, out: &mut Vec<RawQuestion>) {
    let titled = q.title.is_some();
    match trim_body(&mut q.body) {
        Some((start, end)) => {
            if !titled {
                q.line_start = start;
            }
            q.line_end = end.max(q.line_start);
            out.push(q);
        }
        None if titled => out.push(q),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_mid_line_after_a_sentence() {
        let line = "Use asyncio.to_thread() to run blocking code in a thread pool.asyncio.gather vs asyncio.wait vs TaskGroup?Medium# asyncio.gather(*coros):";
        let t = find_tail(line).unwrap();
        assert_eq!(
            &line[t.start..t.end],
            "asyncio.gather vs asyncio.wait vs TaskGroup?"
        );
        assert_eq!(t.difficulty, Difficulty::Medium);
    }

    #[test]
    fn a_dotted_class_name_is_no_glued_sentence_start() {
        // `subprocess.Popen` capitalises after its dot but is one name:
        // the tail starts after the previous answer's last `.` instead.
        let line = "eg.split(ValueError) returns a (match, rest) pair of exception groups.subprocess.run and subprocess.Popen?Medium# run(): start, wait";
        let t = find_tail(line).unwrap();
        assert_eq!(
            &line[t.start..t.end],
            "subprocess.run and subprocess.Popen?"
        );
    }

    #[test]
    fn no_tail_in_prose_about_hardware() {
        assert_eq!(
            find_tail("It runs on multi-core hardware.Hardware matters"),
            None
        );
        assert_eq!(find_tail("This is easy. Medium rare"), None);
        // After a `?`, an answer may open in lowercase code or a name ...
        let t = find_tail("datetime and Decimal?Mediumimport json").unwrap();
        assert_eq!((t.end, t.answer_start), (21, 27));
        assert!(find_tail("How do you pickle objects?Hardpickle serialises").is_some());
        // ... but not into a word the label begins.
        assert_eq!(find_tail("What runs Python?Hardware does"), None);
        assert_eq!(find_tail("Is it simple.Easygoing"), None);
        // A glued bullet of the previous answer before the title.
        let line = "? or :name, never f-strings, to avoid SQL injection.autocommit attribute for explicit PEP 249 behaviour.0.1 + 0.2 != 0.3, and when should you use decimal?Hard# demo";
        let t = find_tail(line).unwrap();
        assert_eq!(
            &line[t.start..t.end],
            "0.1 + 0.2 != 0.3, and when should you use decimal?"
        );
    }

    #[test]
    fn splits_at_each_tail() {
        let text = "Intro answer.\nx = 1\n== and is?Easy# == : value equality\na == b\ndict work internally?MediumPython's dict is a hash table.";
        let lines = super::super::lines(text);
        let (qs, _) = read("t.txt", &lines);
        assert_eq!(qs.len(), 3);
        assert!(qs[0].title.is_none());
        assert_eq!((qs[0].line_start, qs[0].line_end), (1, 2));
        assert_eq!(qs[1].title.as_ref().unwrap().0, "== and is?");
        assert_eq!(qs[1].body[0].text, "# == : value equality");
        assert_eq!((qs[1].line_start, qs[1].line_end), (3, 4));
        assert_eq!(qs[2].body[0].text, "Python's dict is a hash table.");
    }
}
