//! Reader for [`Layout::Exercises`](super::Layout::Exercises): plain-text
//! collections of programming exercises, one block per exercise:
//!
//! ```text
//! #----------------------------------------#
//! Question 3
//! Level 1
//!
//! Question:
//! With a given integral number n, write a program to ...
//! Suppose the following input is supplied to the program:
//! 8
//!
//! Hints:
//! Consider use dict()
//!
//! Solution:
//! n = int(input())
//! ```
//!
//! A line holding only `Question N` (or `Exercise N`, `Problem N`) opens an
//! exercise. A `Level N` line under it gives the difficulty (1 easy, 2
//! medium, 3 or more hard; or a level word). The task statement after a
//! `Question:` label, up to its worked example (`Suppose …`, `Example:`),
//! a blank line or the next label, is the title: the exercise's own words.
//! The rest (example, hints, solution) is the answer; separator lines of
//! `#`, `-` and `=` are dropped. Text before the first exercise (a level
//! description, a template) is no question.

use super::{BodyLine, RawQuestion, TitleKind, trim_body};
use crate::error::Warning;
use crate::model::Difficulty;

/// The words that number an exercise on a line of its own.
const NUMBER_WORDS: &[&str] = &["Question", "Exercise", "Problem"];

/// Labels that open a part of an exercise after its statement.
const PART_LABELS: &[&str] = &[
    "Hints:",
    "Hint:",
    "Solution:",
    "Solutions:",
    "Answer:",
    "Output:",
];

/// The number of a line holding only `Question N` (`Exercise N`,
/// `Problem N`, an optional `#` or `:` after the word).
///
/// ```
/// use pyqconv::readers::exercise::exercise_number;
/// assert_eq!(exercise_number("Question 12"), Some(12));
/// assert_eq!(exercise_number("Exercise #3:"), Some(3));
/// assert_eq!(exercise_number("Question 12: What is x?"), None);
/// assert_eq!(exercise_number("Question:"), None);
/// ```
pub fn exercise_number(line: &str) -> Option<u32> {
    let t = line.trim();
    let rest = NUMBER_WORDS.iter().find_map(|w| t.strip_prefix(w))?;
    let rest = rest.trim_start().trim_start_matches('#');
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = rest[digits.len()..].trim();
    (!digits.is_empty() && matches!(after, "" | ":" | "." | ")"))
        .then(|| digits.parse().ok())
        .flatten()
}

/// Whether the document is a collection of exercises: at least three
/// [`exercise_number`] lines, numbered in increasing order.
pub fn is_exercises(lines: &[&str]) -> bool {
    let numbers: Vec<u32> = lines.iter().filter_map(|l| exercise_number(l)).collect();
    numbers.len() >= 3 && numbers.windows(2).all(|w| w[0] < w[1])
}

/// The difficulty a `Level N` line states (`Level 1` easy, `Level 2`
/// medium, `Level 3` and above hard; `Level: Hard`).
fn level(line: &str) -> Option<Difficulty> {
    let rest = line.trim().strip_prefix("Level")?;
    let rest = rest.trim_start_matches([':', ' ']).trim();
    match rest.parse::<u32>() {
        Ok(1) => Some(Difficulty::Easy),
        Ok(2) => Some(Difficulty::Medium),
        Ok(3..) => Some(Difficulty::Hard),
        _ => Difficulty::parse(rest).or_else(|| Difficulty::of_level_heading(rest)),
    }
}

/// Whether `line` is a separator drawn with `#`, `-`, `=` or `*` (at least
/// five characters, no text).
fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 5 && t.chars().all(|c| matches!(c, '#' | '-' | '=' | '*'))
}

/// Whether `line` is the label that opens the statement (`Question:`,
/// `Task:`, `Problem:`), possibly mis-decoded (`Question£º`).
fn statement_label(line: &str) -> bool {
    let t = line.trim();
    ["Question", "Task", "Problem"].iter().any(|w| {
        t.strip_prefix(w).is_some_and(|rest| {
            let rest = rest.trim();
            rest == ":"
                || rest == "："
                || (!rest.is_empty()
                    && rest.chars().count() <= 2
                    && !rest.chars().any(|c| c.is_ascii_alphanumeric()))
        })
    })
}

/// Whether the statement's line `t` opens its worked example, which the
/// answer keeps rather than the title.
fn opens_example(t: &str) -> bool {
    [
        "Suppose",
        "Example",
        "For example",
        "Then,",
        "e.g.",
        "Sample",
    ]
    .iter()
    .any(|w| t.starts_with(w))
}

/// Reads an exercises document. `lines[i]` is document line `i + 1`.
pub fn read(_path: &str, lines: &[&str]) -> (Vec<RawQuestion>, Vec<Warning>) {
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| exercise_number(lines[i]).is_some())
        .collect();
    let indentation_kept = lines
        .iter()
        .any(|l| l.starts_with("    ") || l.starts_with('\t'));
    let mut questions = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let mut q = RawQuestion {
            line_start: start + 1,
            line_end: start + 1,
            indentation_kept,
            ..RawQuestion::default()
        };
        let mut i = start + 1;
        // The level, then the statement after its label.
        while i < end && lines[i].trim().is_empty() {
            i += 1;
        }
        if i < end
            && let Some(d) = level(lines[i])
        {
            q.difficulty = Some(d);
            i += 1;
        }
        while i < end && lines[i].trim().is_empty() {
            i += 1;
        }
        let mut statement: Vec<&str> = Vec::new();
        if i < end && statement_label(lines[i]) {
            i += 1;
            while i < end {
                let t = lines[i].trim();
                if t.is_empty() || opens_example(t) || PART_LABELS.contains(&t) || is_separator(t) {
                    break;
                }
                statement.push(t);
                i += 1;
            }
        }
        let mut body: Vec<BodyLine> = (i..end)
            .filter(|&j| !is_separator(lines[j]))
            .map(|j| BodyLine {
                line: j + 1,
                text: lines[j].to_string(),
            })
            .collect();
        let span_end = trim_body(&mut body).map_or(i, |(_, e)| e);
        q.line_end = span_end.max(start + 1);
        if !statement.is_empty() {
            let title = statement.join(" ");
            q.title_as_read = Some(title.clone());
            q.title = Some((title, TitleKind::Full));
        }
        if q.title.is_some() || !body.is_empty() {
            q.body = body;
            questions.push(q);
        }
    }
    (questions, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exercises_with_levels_statements_hints_and_solutions() {
        let text = "100 exercises\n\n1. Level description\nLevel 1 Beginner means ...\n\n\
            #----------------------------------------#\nQuestion 1\nLevel 1\n\nQuestion:\n\
            Write a program which finds all numbers divisible by 7,\nbetween 2000 and 3200.\n\n\
            Hints:\nConsider use range()\n\nSolution:\nl = []\nfor i in range(2000, 3201):\n    \
            if i % 7 == 0:\n        l.append(str(i))\nprint(','.join(l))\n\
            #----------------------------------------#\n\nQuestion 2\nLevel 3\n\nQuestion:\n\
            Write a program which computes the factorial of a given number.\n\
            Suppose the following input is supplied to the program:\n8\n\nSolution:\n\
            def fact(x):\n    return 1 if x == 0 else x * fact(x - 1)\n\n\
            #----------------------------------------#\nQuestion 3\n\nQuestion£º\nSum a list.\n";
        let lines = super::super::lines(text);
        assert!(is_exercises(&lines));
        let (qs, _) = read("t.txt", &lines);
        let read: Vec<_> = qs
            .iter()
            .map(|q| {
                (
                    q.title.as_ref().map(|t| t.0.as_str()),
                    q.difficulty,
                    q.line_start,
                    q.line_end,
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                (
                    Some(
                        "Write a program which finds all numbers divisible by 7, between 2000 and 3200."
                    ),
                    Some(Difficulty::Easy),
                    7,
                    22
                ),
                (
                    Some("Write a program which computes the factorial of a given number."),
                    Some(Difficulty::Hard),
                    25,
                    35
                ),
                // The separator before each exercise is no part of one.
                (Some("Sum a list."), None, 38, 41),
            ]
        );
        // The worked example stays in the answer; separators leave it.
        assert_eq!(
            qs[1].body[0].text,
            "Suppose the following input is supplied to the program:"
        );
        assert!(qs[0].body.iter().all(|b| !b.text.starts_with("#---")));
        assert!(qs[0].body.iter().any(|b| b.text == "Hints:"));
    }

    #[test]
    fn numbered_lines_that_are_no_exercise_collection() {
        let lines = ["Question 1", "Question 3", "Question 2"];
        assert!(!is_exercises(&lines), "out of order");
        let lines = [
            "Question 1: What is x?",
            "Question 2: What is y?",
            "Question 3",
        ];
        assert!(!is_exercises(&lines), "titles on the number lines");
    }
}
