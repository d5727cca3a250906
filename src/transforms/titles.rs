//! Titles for questions whose heading did not survive: written from the
//! answer itself (`generated`), so that no card leaves with an empty front.
//!
//! Also completes the fragments readers found: a title tail that lost its
//! first words becomes a natural question ([`complete_tail`]), and a topic
//! heading becomes a question or a task ([`from_heading`]). The rules look
//! at the shape of the fragment (a comparison, a list, a verb phrase, a
//! noun phrase, a lone keyword), never at one document's wording.

use crate::readers::BodyLine;
use crate::text::is_code_line;

/// Longest generated title, in characters, before it is cut at a word.
pub const MAX_TITLE_CHARS: usize = 110;

/// Writes a title for an answer that has none.
///
/// Looks at the first prose line (else the first code comment) and returns
/// a question or a task; never empty (falls back to
/// `Explain the following code.`).
///
/// ```
/// use pyqconv::readers::BodyLine;
/// use pyqconv::transforms::titles::generate;
/// let body = vec![BodyLine { line: 3, text: "The GIL is a mutex in CPython that ...".into() }];
/// assert_eq!(generate(&body), "What is the GIL?");
/// ```
pub fn generate(body: &[BodyLine]) -> String {
    let first = body.iter().map(|b| b.text.trim()).find(|t| !t.is_empty());
    if let Some(comment) = first.and_then(|t| t.strip_prefix('#')).map(str::trim)
        && comment.chars().any(char::is_alphabetic)
    {
        return format!("Explain: {}", cut(comment.trim_end_matches(['.', ':'])));
    }
    let is_prose = |t: &str| {
        !t.is_empty()
            && !is_code_line(t)
            && !t.starts_with('|')
            && t.chars().any(char::is_alphabetic)
    };
    let texts: Vec<&str> = body.iter().map(|b| b.text.trim()).collect();
    if let Some(k) = texts.iter().position(|t| is_prose(t)) {
        // Scrapers wrapped long sentences: join lines until one ends a sentence.
        let mut line = texts[k].to_string();
        for next in &texts[k + 1..] {
            if line.ends_with(['.', '?', '!', ':']) || !is_prose(next) {
                break;
            }
            line.push(' ');
            line.push_str(next);
        }
        let sentence = first_sentence(&line);
        if let Some(q) = definition_question(sentence) {
            return q;
        }
        let sentence = sentence.trim_end_matches(['.', ':', ';', ',']).trim();
        if !sentence.is_empty() {
            return format!("Explain: {}", cut(sentence));
        }
    }
    let comment = body.iter().map(|b| b.text.trim()).find_map(|t| {
        t.strip_prefix('#')
            .map(str::trim)
            .filter(|c| c.chars().any(char::is_alphabetic))
    });
    match comment {
        Some(c) => format!("Explain: {}", cut(c.trim_end_matches(['.', ':']))),
        None => "Explain the following code.".to_string(),
    }
}

/// Words that start a complete question or task: a title that begins
/// with one needs no completing.
const QUESTION_STARTS: &[&str] = &[
    "what",
    "how",
    "why",
    "when",
    "where",
    "which",
    "who",
    "is",
    "are",
    "does",
    "do",
    "can",
    "should",
    "explain",
    "describe",
    "compare",
    "implement",
    "write",
    "design",
    "build",
    "create",
    "define",
    "flatten",
];

/// Verbs after which a tail reads `How do/does <tail>?` (`__slots__ work`).
const TAIL_VERBS: &[&str] = &[
    "work",
    "works",
    "handle",
    "handles",
    "differ",
    "differs",
    "improve",
    "improves",
    "enable",
    "enables",
    "affect",
    "affects",
    "behave",
    "behaves",
    "interact",
    "interacts",
    "compare",
    "compares",
    "relate",
    "relates",
    "run",
    "runs",
    "manage",
    "manages",
    "support",
    "supports",
];

/// Whether `title` already opens as a question or task.
pub fn is_question_form(title: &str) -> bool {
    let mut words = title.split_whitespace();
    let first = words.next().unwrap_or("");
    let second = words.next().unwrap_or("");
    // A fragment that opens with code (`is and ==`) is lowercase; a real
    // question or task is capitalised and its auxiliary has a subject.
    let capitalised = first.starts_with(|c: char| c.is_uppercase());
    let lower = first.to_lowercase();
    let joiner = matches!(second, "and" | "or" | "vs" | "vs." | "," | "==" | "/");
    capitalised
        && !joiner
        && QUESTION_STARTS.contains(&lower.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// Whether `word` looks like inline code: dunder names, dotted names,
/// decorators, calls, CamelCase identifiers, Python keywords.
fn is_code_word(word: &str) -> bool {
    let w = word.trim_matches(|c: char| ",.;:?!".contains(c));
    w.contains(['_', '.', '@', '(', '/', '=', '*'])
        || crate::text::is_statement_keyword(w)
        || w.chars().all(char::is_alphanumeric)
            && w.chars().skip(1).any(|c| c.is_uppercase())
            && w.chars().any(|c| c.is_lowercase())
        || w.chars().all(|c| !c.is_alphanumeric()) && !w.is_empty()
}

/// Completes a title tail into a question: `is and == in Python?` →
/// `What is the difference between is and == in Python?`.
///
/// The tail's first clause (up to its first `?` or `.`) is completed by
/// its shape; what follows it is kept as written:
/// - `X vs Y` → `What is the difference between X and Y?`;
/// - `X and how/when/why ...` → `What is X and how ...?`;
/// - a verb phrase (`X work ...`, `X handle ...`) → `How does/do X ...?`;
/// - a list with `or` → `When should you use X, Y, or Z?`;
/// - a list of two or three code names → `What is the difference between ...?`;
/// - `X with Y` → `How do you use X with Y?`;
/// - one keyword → `What does X do?`; a heading in title case → `Explain X.`;
/// - otherwise `What is X?` / `What are X?` (plural) or, for a list
///   ending in `.`, `Explain X.`
///
/// A tail that already reads as a question (`What ...`) is kept.
///
/// ```
/// use pyqconv::transforms::titles::complete_tail;
/// assert_eq!(complete_tail("is and == in Python? When does is return surprising results?"),
///            "What is the difference between is and == in Python? When does is return surprising results?");
/// assert_eq!(complete_tail("__slots__ work and when should you use it?"),
///            "How does __slots__ work and when should you use it?");
/// assert_eq!(complete_tail("weakref module. When should you use weak references?"),
///            "What is the weakref module? When should you use weak references?");
/// ```
pub fn complete_tail(tail: &str) -> String {
    let tail = tail.trim();
    if is_question_form(tail) {
        return tail.to_string();
    }
    let cut = tail.char_indices().find(|&(i, c)| {
        (c == '?' || c == '.') && (tail[i + 1..].starts_with(' ') || i + 1 == tail.len())
    });
    let (clause, end_char, rest) = match cut {
        Some((i, c)) => (&tail[..i], c, tail[i + 1..].trim()),
        None => (tail, '?', ""),
    };
    let clause = clause.trim();
    let completed = complete_clause(clause, end_char);
    if rest.is_empty() {
        completed
    } else {
        format!("{completed} {rest}")
    }
}

fn complete_clause(clause: &str, end_char: char) -> String {
    let words: Vec<&str> = clause.split_whitespace().collect();
    let lower = clause.to_lowercase();
    if words.is_empty() {
        return String::new();
    }
    // Comparison: `X vs Y`.
    if let Some((a, b)) = clause
        .split_once(" vs ")
        .or_else(|| clause.split_once(" vs. "))
    {
        return format!(
            "What is the difference between {} and {}?",
            a.trim(),
            b.trim()
        );
    }
    // `X and how/when/why/what ...`.
    for joiner in [
        " and how ",
        " and when ",
        " and why ",
        " and what ",
        " and where ",
    ] {
        if let Some(i) = lower.find(joiner) {
            let subject = &clause[..i];
            let rest = &clause[i..];
            if let Some(v) = TAIL_VERBS
                .iter()
                .find(|v| subject.split_whitespace().last() == Some(**v))
            {
                let s = subject[..subject.len() - v.len()].trim();
                return format!("How {} {s} {v}{rest}?", do_does(s));
            }
            return format!("What {} {subject}{rest}?", is_are(subject));
        }
    }
    // Verb phrase: `X work under the hood`, `multiprocessing handle ...`.
    if let Some(k) = words
        .iter()
        .position(|w| TAIL_VERBS.contains(w))
        .filter(|&k| k > 0)
    {
        let subject = words[..k].join(" ");
        return format!("How {} {clause}?", do_does(&subject));
    }
    // A heading in title case (`@property — Getters, Setters`): a task.
    let prose: Vec<&&str> = words
        .iter()
        .filter(|w| {
            !is_code_word(w) && !matches!(**w, "and" | "or" | "vs" | "in" | "of" | "the" | "a")
        })
        .collect();
    let capitalised = prose
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .count();
    if !prose.is_empty()
        && capitalised * 2 > prose.len()
        && !words[0].starts_with(|c: char| c.is_uppercase())
    {
        return from_heading(clause);
    }
    let is_list = clause.contains(", ") || lower.contains(" and ") || lower.contains(" or ");
    if is_list && lower.contains(" or ") {
        return format!("When should you use {clause}?");
    }
    if let Some((x, y)) = clause.split_once(" with ")
        && !x.contains(',')
    {
        return format!("How do you use {x} with {y}?");
    }
    if is_list {
        let items: Vec<&str> = clause
            .split([','])
            .flat_map(|p| p.split(" and "))
            .map(|p| p.trim())
            .filter(|p| !p.is_empty() && *p != "and")
            .collect();
        if end_char == '.' {
            return format!("Explain {clause}.");
        }
        if (2..=3).contains(&items.len()) {
            return format!("What is the difference between {clause}?");
        }
        return format!("What are {clause}?");
    }
    if words.len() == 1 && crate::text::is_statement_keyword(words[0]) {
        return format!("What does {} do?", words[0]);
    }
    let needs_the = words.len() >= 2 && !is_code_word(words[words.len() - 1]);
    let the = if needs_the { "the " } else { "" };
    format!("What {} {the}{clause}?", is_are(clause))
}

/// `is` or `are` for a subject: plural when it lists things or ends in a
/// plural common noun.
fn is_are(subject: &str) -> &'static str {
    let last = subject.split_whitespace().last().unwrap_or("");
    let list = subject.contains(", ") || subject.contains(" and ");
    let plural_noun =
        last.ends_with('s') && !last.ends_with("ss") && !is_code_word(last) && last.len() > 3;
    if list || plural_noun { "are" } else { "is" }
}

fn do_does(subject: &str) -> &'static str {
    if is_are(subject) == "are" {
        "do"
    } else {
        "does"
    }
}

/// Turns a topic heading into a question or task:
/// `List Comprehensions vs Generator Expressions` → `What is the difference
/// between list comprehensions and generator expressions?`; other headings
/// → `Explain <heading>.` with common words in lowercase. A heading that
/// already reads as a question or task is kept.
///
/// ```
/// use pyqconv::transforms::titles::from_heading;
/// assert_eq!(from_heading("List Comprehensions vs Generator Expressions"),
///            "What is the difference between list comprehensions and generator expressions?");
/// assert_eq!(from_heading("Abstract Base Classes (ABC)"), "Explain abstract base classes (ABC).");
/// assert_eq!(from_heading("Implement a LRU Cache"), "Implement a LRU Cache");
/// ```
pub fn from_heading(heading: &str) -> String {
    let heading = heading.trim();
    if is_question_form(heading) {
        return heading.to_string();
    }
    let lowered: Vec<String> = heading
        .split_whitespace()
        .map(|w| {
            let bare = w.trim_matches(|c: char| "()[],;:".contains(c));
            let letters: Vec<char> = bare.chars().filter(|c| c.is_alphabetic()).collect();
            let acronym = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
            let proper = matches!(
                bare,
                "Python"
                    | "Python's"
                    | "Django"
                    | "Flask"
                    | "FastAPI"
                    | "SQLAlchemy"
                    | "Alembic"
                    | "GIL"
                    | "I/O"
            );
            if acronym
                || proper
                || is_code_word(bare)
                || bare.chars().skip(1).any(|c| c.is_uppercase())
            {
                w.to_string()
            } else {
                w.to_lowercase()
            }
        })
        .collect();
    let text = lowered.join(" ");
    if let Some((a, b)) = text.split_once(" vs ").or_else(|| text.split_once(" vs. ")) {
        return format!(
            "What is the difference between {} and {}?",
            a.trim(),
            b.trim()
        );
    }
    format!("Explain {}.", text.trim_end_matches(['.', ':']))
}

/// The first sentence of `line`: up to the first `. ` / `? ` / `! `.
fn first_sentence(line: &str) -> &str {
    let mut end = line.len();
    for pat in [". ", "? ", "! ", " — ", " β "] {
        if let Some(i) = line.find(pat) {
            end = end.min(i + pat.trim_end().len());
        }
    }
    line[..end].trim()
}

/// `X is a ...` / `X are ...` → `What is X?` / `What are X?` when X is a
/// short noun phrase.
fn definition_question(sentence: &str) -> Option<String> {
    for verb in [" is ", " are "] {
        let Some(i) = sentence.find(verb) else {
            continue;
        };
        let subject = sentence[..i].trim();
        let words = subject.split_whitespace().count();
        let lower_start =
            subject.starts_with(|c: char| c.is_lowercase()) && !subject.contains(['_', '.', '(']);
        if (1..=6).contains(&words)
            && !subject.contains([',', ':', ';'])
            && !lower_start
            && !matches!(
                subject.to_lowercase().as_str(),
                "it" | "this" | "that" | "there" | "these" | "they" | "here"
            )
        {
            let subject = if let Some(rest) = subject.strip_prefix("The ") {
                format!("the {rest}")
            } else {
                subject.to_string()
            };
            return Some(format!("What {} {subject}?", verb.trim()));
        }
        break;
    }
    None
}

/// Cuts `s` to at most [`MAX_TITLE_CHARS`] characters at a word boundary,
/// adding `…` when cut.
fn cut(s: &str) -> String {
    if s.chars().count() <= MAX_TITLE_CHARS {
        return s.to_string();
    }
    let mut out = String::new();
    for word in s.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > MAX_TITLE_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(lines: &[&str]) -> Vec<BodyLine> {
        BodyLine::numbered(lines)
    }

    #[test]
    fn tails_are_completed_by_their_shape() {
        for (tail, expected) in [
            ("is vs ==", "What is the difference between is and ==?"),
            (
                "__new__ vs __init__? When would you override __new__?",
                "What is the difference between __new__ and __init__? When would you override __new__?",
            ),
            (
                "@property, @classmethod, and @staticmethod work under the hood?",
                "How do @property, @classmethod, and @staticmethod work under the hood?",
            ),
            (
                "multiprocessing handle inter-process communication? Compare Pipe, Queue, and shared memory.",
                "How does multiprocessing handle inter-process communication? Compare Pipe, Queue, and shared memory.",
            ),
            (
                "threading, multiprocessing, asyncio, or concurrent.futures? Compare them.",
                "When should you use threading, multiprocessing, asyncio, or concurrent.futures? Compare them.",
            ),
            (
                "mypy and how do you configure it for a large Python project?",
                "What is mypy and how do you configure it for a large Python project?",
            ),
            (
                "dataclasses with __post_init__, InitVar, and field()?",
                "How do you use dataclasses with __post_init__, InitVar, and field()?",
            ),
            (
                "nonlocal, and the LEGB scoping rule.",
                "Explain nonlocal, and the LEGB scoping rule.",
            ),
            ("yield", "What does yield do?"),
            (
                "uvloop? How does it improve asyncio performance?",
                "What is uvloop? How does it improve asyncio performance?",
            ),
            (
                "@property — Getters, Setters, Deleters",
                "Explain @property — getters, setters, deleters.",
            ),
            ("What is the GIL?", "What is the GIL?"),
        ] {
            assert_eq!(complete_tail(tail), expected, "tail: {tail}");
        }
    }

    #[test]
    fn every_completed_title_is_a_question_or_task() {
        for tail in [
            "x",
            "foo bar",
            "a, b",
            "Getters",
            "__x__ In-Depth",
            "weird.",
        ] {
            let t = complete_tail(tail);
            assert!(t.ends_with('?') || t.ends_with('.'), "{t}");
            assert!(t.starts_with(|c: char| c.is_uppercase()), "{t}");
        }
    }

    #[test]
    fn definitions_become_what_questions() {
        assert_eq!(
            generate(&b(&["Python is a high-level, interpreted language."])),
            "What is Python?"
        );
        assert_eq!(
            generate(&b(&["Type hints are annotations only."])),
            "What are Type hints?"
        );
    }

    #[test]
    fn other_openings_become_explain_tasks() {
        assert_eq!(
            generate(&b(&[
                "import copy",
                "A Django request goes through a well-defined pipeline:"
            ])),
            "Explain: A Django request goes through a well-defined pipeline"
        );
        assert_eq!(
            generate(&b(&["# timeit β micro-benchmarks", "import timeit"])),
            "Explain: timeit β micro-benchmarks"
        );
        assert_eq!(generate(&b(&["x = 1"])), "Explain the following code.");
    }
}
