//! Text whose inline code lost the spaces around it, and bullet items run
//! together on one line.
//!
//! Scrapers that dropped `<code>` tags glued each code element to the word
//! beside it (`threadingis effective`, `Use multiprocessinginstead`,
//! `override__new__`, `json.pyshadows`), and bullet items whose line
//! breaks were lost follow each other after ` - ` (`… to run. - CPU-bound
//! workloads: …`). A glued word is cut only where the cut is unambiguous:
//! one side is a name the answer's own code uses (or a Python built-in or
//! keyword) and the other a common English word, or the code side is a
//! `__dunder__` name or a file name ending in a Python-world extension.

use crate::text::BUILTIN_TYPES;
use std::collections::HashSet;

/// English words that follow or precede inline code in prose.
const ENGLISH: &[&str] = &[
    "is",
    "are",
    "was",
    "be",
    "instead",
    "only",
    "for",
    "in",
    "to",
    "and",
    "or",
    "with",
    "when",
    "if",
    "of",
    "on",
    "as",
    "at",
    "by",
    "the",
    "a",
    "an",
    "it",
    "its",
    "that",
    "this",
    "which",
    "creates",
    "returns",
    "calls",
    "uses",
    "does",
    "can",
    "will",
    "must",
    "should",
    "may",
    "shadows",
    "works",
    "runs",
    "before",
    "after",
    "override",
    "use",
    "Use",
    "without",
    "call",
    "Call",
    "from",
    "into",
    "inside",
    "then",
    "than",
    "also",
    "not",
    "has",
    "have",
    "here",
    "keyword",
    "module",
    "method",
    "function",
    "class",
    "object",
    "statement",
    "decorator",
];

/// Names besides the built-in types that often stand as inline code.
const PYTHON_WORDS: &[&str] = &[
    "len",
    "iter",
    "next",
    "print",
    "super",
    "await",
    "async",
    "yield",
    "lambda",
    "None",
    "True",
    "False",
    "self",
    "cls",
    "global",
    "nonlocal",
    "threading",
    "multiprocessing",
    "asyncio",
    "json",
    "pickle",
    "typing",
];

/// File extensions after which a glued word is cut (`json.pyshadows`).
const EXTENSIONS: &[&str] = &[
    ".py", ".pyi", ".toml", ".cfg", ".ini", ".txt", ".json", ".yaml", ".yml",
];

/// The code names an answer uses: identifiers of its code lines (three
/// characters or more), with Python's common built-ins and keywords.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary(HashSet<String>);

impl Vocabulary {
    /// The vocabulary of `code_lines`.
    pub fn from_code<'a>(code_lines: impl IntoIterator<Item = &'a str>) -> Self {
        let mut words: HashSet<String> = PYTHON_WORDS
            .iter()
            .chain(BUILTIN_TYPES)
            .map(|w| w.to_string())
            .collect();
        for line in code_lines {
            for w in line.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
                if w.len() >= 3 && w.starts_with(|c: char| c.is_alphabetic() || c == '_') {
                    words.insert(w.to_string());
                }
            }
        }
        Vocabulary(words)
    }

    fn has(&self, word: &str) -> bool {
        self.0.contains(word)
    }
}

/// A word cut into prose before, inline code, and prose after, when it is
/// inline code glued to a word (`threadingis` → `("", "threading", " is")`).
///
/// ```
/// use pyqconv::transforms::glued::{unglue, Vocabulary};
/// let v = Vocabulary::from_code(["import threading"]);
/// assert_eq!(unglue("threadingis", &v), Some((String::new(), "threading".into(), " is".into())));
/// assert_eq!(unglue("override__new__.", &v), Some(("override ".into(), "__new__".into(), ".".into())));
/// assert_eq!(unglue("json.pyshadows", &v), Some((String::new(), "json.py".into(), " shadows".into())));
/// assert_eq!(unglue("threading", &v), None);
/// assert_eq!(unglue("island", &v), None);
/// ```
pub fn unglue(word: &str, vocabulary: &Vocabulary) -> Option<(String, String, String)> {
    let core_end = word
        .trim_end_matches([',', '.', ';', ':', '!', '?', ')'])
        .len();
    let (core, trail) = word.split_at(core_end);
    if core.is_empty() || core.contains('`') {
        return None;
    }
    // `before__init__`, `__init__is`
    if let Some(start) = core.find("__") {
        let rest = &core[start + 2..];
        if let Some(len) = rest.find("__") {
            let end = start + 2 + len + 2;
            let (pre, dunder, post) = (&core[..start], &core[start..end], &core[end..]);
            let name_ok = rest[..len]
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_')
                && len > 0;
            let pre_ok = pre.is_empty() || pre.chars().all(char::is_alphabetic);
            let (dunder, post) = match EXTENSIONS.iter().find(|e| post.starts_with(**e)) {
                Some(e) => (&core[start..end + e.len()], &post[e.len()..]),
                None => (dunder, post),
            };
            let post_ok = post.is_empty() || post.chars().all(char::is_alphabetic);
            if name_ok && pre_ok && post_ok && (!pre.is_empty() || !post.is_empty()) {
                return Some((
                    space_after(pre),
                    dunder.to_string(),
                    space_before(post) + trail,
                ));
            }
        }
    }
    // `json.pyshadows`
    for ext in EXTENSIONS {
        if let Some(k) = core.find(ext) {
            let (name, post) = (&core[..k + ext.len()], &core[k + ext.len()..]);
            if post.len() >= 2 && ENGLISH.contains(&post) && !name.starts_with('.') {
                return Some((String::new(), name.to_string(), format!(" {post}{trail}")));
            }
        }
    }
    if !core
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
    {
        return None;
    }
    // A known code name and an English word, either way round.
    for (k, _) in core.char_indices().skip(1) {
        let (a, b) = core.split_at(k);
        if vocabulary.has(a) && ENGLISH.contains(&b) && !ENGLISH.contains(&a) {
            return Some((String::new(), a.to_string(), format!(" {b}{trail}")));
        }
        if ENGLISH.contains(&a) && vocabulary.has(b) && !ENGLISH.contains(&b) && b.len() >= 3 {
            return Some((format!("{a} "), b.to_string(), trail.to_string()));
        }
    }
    None
}

fn space_after(s: &str) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("{s} ")
    }
}

fn space_before(s: &str) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!(" {s}")
    }
}

/// Spaces a list of names whose spaces were lost: after a comma before a
/// `__dunder__` name, and between a `__dunder__` name and a parenthesised
/// note that holds words (`__repr__(unambiguous, for devs),__str__` →
/// `__repr__ (unambiguous, for devs), __str__`). A call's own arguments
/// (`__iadd__(in-place)`, `f(x, y)`) are left alone.
///
/// ```
/// use pyqconv::transforms::glued::space_name_lists;
/// assert_eq!(
///     space_name_lists("__repr__(unambiguous, for devs),__str__(readable),__format__"),
///     "__repr__ (unambiguous, for devs), __str__(readable), __format__"
/// );
/// ```
pub fn space_name_lists(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(k) = rest.find("__(") {
        let (head, tail) = rest.split_at(k + 2);
        out.push_str(head);
        let close = tail.find(')').unwrap_or(tail.len());
        let is_dunder = head
            .rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
            .next()
            .is_some_and(|name| name.starts_with("__") && name.len() > 4);
        if is_dunder && tail[..close].contains(' ') {
            out.push(' ');
        }
        rest = tail;
    }
    out.push_str(rest);
    out.replace(",__", ", __")
}

/// Bullet items run together on one line, split at ` - ` before a capital
/// letter or inline code: `a. - B: c - D: e` → `["a.", "B: c", "D: e"]`.
///
/// ```
/// use pyqconv::transforms::glued::split_items;
/// assert_eq!(split_items("to run. - CPU-bound: use processes"), ["to run.", "CPU-bound: use processes"]);
/// assert_eq!(split_items("5 - 3 is two"), ["5 - 3 is two"]);
/// ```
pub fn split_items(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut rest = text;
    while let Some(k) = rest.find(" - ") {
        let next = rest[k + 3..].chars().next().unwrap_or(' ');
        if next.is_uppercase() || next == '_' || next == '`' {
            items.push(rest[..k].trim().to_string());
            rest = &rest[k + 3..];
        } else {
            // Keep looking past this dash.
            let (head, tail) = rest.split_at(k + 3);
            match split_items(tail).split_first() {
                Some((first, others)) => {
                    items.push(format!("{head}{first}").trim().to_string());
                    items.extend(others.iter().cloned());
                }
                None => items.push(head.trim().to_string()),
            }
            return items;
        }
    }
    items.push(rest.trim().to_string());
    items.retain(|i| !i.is_empty());
    items
}
