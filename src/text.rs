//! Predicates over single lines of scraped text: is this code, a heading, a
//! table row, a bullet? Readers and transforms share them so that one rule
//! decides each question everywhere.
//!
//! These are first-pass rules from the line alone; they must hold for any
//! document of the layouts in `input-layouts.md`, not for one file.

/// Python keywords that open a statement when they start a line.
const STATEMENT_KEYWORDS: &[&str] = &[
    "def", "class", "return", "import", "if", "elif", "else", "for", "while", "try", "except",
    "finally", "with", "async", "await", "yield", "raise", "pass", "break", "continue", "lambda",
    "del", "assert", "global", "nonlocal", "match", "case",
];

/// First words of shell command lines (`pip install x`, `$ python -m y`).
const SHELL_COMMANDS: &[&str] = &[
    "$",
    "pip",
    "pip3",
    "python",
    "python3",
    "uvicorn",
    "gunicorn",
    "docker",
    "curl",
    "export",
    "poetry",
    "pytest",
    "mypy",
    "ruff",
    "black",
    "celery",
    "alembic",
    "git",
    "cd",
    "uv",
    "npm",
    "kubectl",
    "apt-get",
    "sudo",
    "source",
    "conda",
    "coverage",
    "py-spy",
    "scalene",
    "flask",
    "django-admin",
    "echo",
    "pyenv",
    "pipx",
    "hatch",
    "tox",
    "nox",
    "redis-cli",
    "psql",
    "make",
];

/// Python's built-in type names (the Python docs, "Built-in Types").
pub const BUILTIN_TYPES: &[&str] = &[
    "int",
    "float",
    "complex",
    "bool",
    "str",
    "bytes",
    "bytearray",
    "list",
    "tuple",
    "set",
    "frozenset",
    "dict",
    "object",
    "type",
    "range",
    "memoryview",
];

/// Whether `word` is a Python statement keyword that may start a line.
pub fn is_statement_keyword(word: &str) -> bool {
    STATEMENT_KEYWORDS.contains(&word)
}

/// The first whitespace-separated word of `line`, trailing `:` removed.
fn first_word(line: &str) -> &str {
    let word = line.split_whitespace().next().unwrap_or("");
    word.trim_end_matches(':')
}

/// Whether `line` (leading whitespace ignored) is a shell command line.
pub fn is_shell_line(line: &str) -> bool {
    let t = line.trim_start();
    let word = first_word(t);
    if !SHELL_COMMANDS.contains(&word) {
        return false;
    }
    // "python is ..." is prose; a command has flags, paths or sub-commands
    // in lowercase, never a sentence.
    // A trailing comment (`pip install x # note`) says nothing either way.
    let command = t.split(" # ").next().unwrap_or(t).trim_end();
    let rest: Vec<&str> = command.split_whitespace().skip(1).collect();
    if rest.is_empty() {
        return word == "$";
    }
    let looks_like_args = rest.iter().all(|w| {
        w.starts_with('-')
            || w.contains(['/', '.', '=', ':', '[', '"', '\''])
            || w.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_".contains(c))
            || w.starts_with('#')
            || matches!(
                *w,
                ">" | ">>" | "<" | "|" | "&&" | "||" | "\\" | "2>&1" | "&"
            )
    });
    looks_like_args && !command.ends_with('.')
}

/// Whether `line` is a Markdown pipe-table line: starts with `|`
/// (`| a | b |`, `|---|---|`, or a lone `|` closing a wrapped row).
pub fn is_table_line(line: &str) -> bool {
    line.trim_start().starts_with('|')
}

/// Whether `line` is a bullet item (`- item`, `• item`, `* item`).
pub fn is_bullet_line(line: &str) -> bool {
    let t = line.trim_start();
    (t.starts_with("- ") || t.starts_with("• ") || t.starts_with("* ")) && t.len() > 2
}

/// The number of leading spaces of `line` (tabs and other white space
/// not counted), in bytes: its indentation as Markdown measures it.
///
/// ```
/// assert_eq!(pyqconv::text::leading_spaces("   x = 1"), 3);
/// assert_eq!(pyqconv::text::leading_spaces("x"), 0);
/// ```
pub fn leading_spaces(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether the `.` at byte `dot` of `s`, followed by a capital letter,
/// joins a dotted name (`subprocess.Popen`, `collections.OrderedDict`)
/// rather than ending a sentence glued to the next (`rule.Python resolves`).
/// It joins a name when the capitalised word after it is CamelCase, or is
/// followed by code punctuation (`Popen?`, `Lock()`, `Any,`; not the
/// `:` of a label, `memory.Pipe: duplex`), or when the word
/// before the dot is written elsewhere in `s` with a dot after it too
/// (`subprocess.run vs subprocess.Popen`).
///
/// ```
/// use pyqconv::text::joins_dotted_name;
/// let s = "subprocess.run vs subprocess.Popen? How do you avoid deadlocks?";
/// assert!(joins_dotted_name(s, s.rfind(".P").unwrap()));
/// assert!(joins_dotted_name("use collections.OrderedDict here", 15));
/// assert!(!joins_dotted_name("the scoping rule.Python resolves names", 16));
/// ```
pub fn joins_dotted_name(s: &str, dot: usize) -> bool {
    let after = &s[dot + 1..];
    let word: &str = after
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .unwrap_or("");
    let camel = word.chars().skip(1).any(|c| c.is_uppercase());
    let follows = after[word.len()..].chars().next();
    let glued_on = matches!(follows, Some('?' | '(' | '[' | ',' | ')' | '.' | '_'));
    let before = &s[..dot];
    let module = before
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .unwrap_or("");
    let module_again = !module.is_empty() && {
        let dotted = format!("{module}.");
        s.match_indices(&dotted).any(|(k, _)| {
            k + module.len() != dot
                && (k == 0 || !s[..k].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
        })
    };
    camel || glued_on || module_again
}

/// The number of words made of letters in `s` (`is`, `don't`, `I/O-bound`).
pub fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_alphabetic()))
        .count()
}

/// Whether `line` reads as Python, shell or another code language rather
/// than prose.
///
/// From the line alone: comments (`# ...`), statements opening with a
/// keyword, decorators, assignments, calls, literals and closing brackets,
/// shell commands, and lines kept indented. Ambiguous lines are prose;
/// [`crate::transforms::answer`] then looks at neighbours.
///
/// ```
/// use pyqconv::text::is_code_line;
/// assert!(is_code_line("x is y # True"));
/// assert!(is_code_line("# BAD — the list is created once"));
/// assert!(is_code_line(">>> add(1, 2)"));
/// assert!(!is_code_line("Rule: Only use is to compare against singletons"));
/// assert!(!is_code_line("Key features:"));
/// ```
pub fn is_code_line(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return false;
    }
    if t.starts_with('#') {
        return true;
    }
    // An interactive session's prompt (`>>> add(1, 2)`).
    if t == ">>>" || t.starts_with(">>> ") {
        return true;
    }
    if t.starts_with('@') && t.len() > 1 && t[1..].starts_with(|c: char| c.is_alphabetic()) {
        // `@property` decorator line; `@property turns a method ...` is prose.
        let code_part = t.split(" # ").next().unwrap_or(t);
        return word_count(code_part) <= 2 || t.contains('(');
    }
    if is_shell_line(t) {
        return true;
    }
    let word = first_word(t);
    let starts_with_keyword = is_statement_keyword(word)
        || word.starts_with("print(")
        || word.starts_with("return(")
        || word.starts_with("await(");
    if starts_with_keyword {
        // "if x:", "return a + b", "from x import y", "with open(f) as g:"
        // but not "Yield produces a value" (capitalised prose never matches).
        if t.ends_with(':') || t.contains(['(', '=', '[', '.', ':']) {
            return true;
        }
        let rest_words = t.split_whitespace().count();
        if rest_words <= 4 {
            return true;
        }
    }
    if word == "from" && t.contains(" import ") {
        return true;
    }
    if matches!(
        t,
        ")" | "]" | "}" | ")," | "]," | "}," | "):" | "..." | "})" | "])" | "));"
    ) {
        return true;
    }
    if is_annotation(t) {
        return true;
    }
    let prose_sentence = looks_like_sentence(t);
    if is_assignment(t) && !prose_sentence {
        return true;
    }
    if is_call_or_expression(t) {
        return true;
    }
    // Code followed by a trailing comment: `a is b # False`.
    if let Some(idx) = t.find(" # ") {
        let code = t[..idx].trim();
        if !code.is_empty() && !looks_like_sentence(code) && word_count(code) <= 6 {
            return true;
        }
    }
    // Dict / list literal lines: `"key": value,` or `'a': 1,`
    if (t.starts_with('"') || t.starts_with('\'')) && (t.ends_with(',') || t.ends_with('{')) {
        return true;
    }
    false
}

/// Whether `t` is a bare annotated name: `x: float`, `items: list[int]`.
fn is_annotation(t: &str) -> bool {
    let Some((name, ty)) = t.split_once(": ") else {
        return false;
    };
    let name_ok = name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    let ty = ty.split(" # ").next().unwrap_or("").trim();
    let ty_ok = !ty.is_empty()
        && ty.starts_with(|c: char| c.is_alphabetic())
        && !ty.ends_with('.')
        && ty.split_whitespace().count() <= 3
        && ty
            .chars()
            .all(|c| c.is_alphanumeric() || "_[], |.=\"'".contains(c))
        && (ty.split_whitespace().count() == 1 || ty.contains(['|', '[', '=']));
    name_ok && ty_ok
}

/// Whether `t` has the shape of an assignment `target = value` (also
/// augmented `+=` and annotated `x: int = 1`).
fn is_assignment(t: &str) -> bool {
    let bytes = t.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'=' {
            let prev = if i > 0 { bytes[i - 1] } else { b' ' };
            let next = bytes.get(i + 1).copied().unwrap_or(b' ');
            if next == b'=' || prev == b'=' || prev == b'!' || prev == b'<' || prev == b'>' {
                return false;
            }
            let target = t[..i].trim_end_matches(['+', '-', '*', '/', '%', '|', '&', ':', '@']);
            let target = target.trim();
            if target.is_empty() {
                return false;
            }
            // Target: identifiers, attribute access, subscripts, tuples, annotations.
            return target
                .chars()
                .all(|c| c.is_alphanumeric() || "_.[]'\", *:()".contains(c) || c == '|')
                && target
                    .split(',')
                    .all(|part| part.split_whitespace().count() <= 3);
        }
        if b == b'(' || b == b'"' || b == b'\'' {
            return false;
        }
    }
    false
}

/// Whether `t` is a bare call or expression: `foo(1)`, `obj.method()`,
/// `d["k"]`, `[1, 2]`, `x is y`.
fn is_call_or_expression(t: &str) -> bool {
    let body = match t.find(" # ") {
        Some(idx) => t[..idx].trim(),
        None => t,
    };
    if body.is_empty() {
        return false;
    }
    let first = body.chars().next().unwrap_or(' ');
    if (first == '[' || first == '{' || first == '(') && !looks_like_sentence(body) {
        return body.ends_with([']', '}', ')', ',', ':']);
    }
    // identifier(...) or identifier.attr(...) with nothing sentence-like
    let ident_end = body
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .unwrap_or(body.len());
    if ident_end == 0 {
        return false;
    }
    let rest = &body[ident_end..];
    // `f(x)`, `d["k"]:`, and a call left open over the next lines: `f(`.
    if (rest.starts_with('(') || rest.starts_with('['))
        && (body.ends_with([')', ']', ':', ',', '(', '[', '{'])
            || body.ends_with("\"\"\"")
            || body.ends_with("'''"))
    {
        return !body[..ident_end].ends_with('.');
    }
    false
}

/// Whether `t` reads like an English sentence: starts with a capital letter,
/// has at least four words, and most of its words are plain lowercase words.
pub fn looks_like_sentence(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() < 4 {
        return false;
    }
    let first = t.chars().next().unwrap_or(' ');
    if !first.is_uppercase() {
        return false;
    }
    let plain = words
        .iter()
        .filter(|w| {
            let w = w.trim_matches(|c: char| ",.;:!?()\"'".contains(c));
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        })
        .count();
    plain * 2 >= words.len()
}

/// Whether `line` looks like a bare section heading: short, starts with a
/// capital letter, words in title case or joined by `&`, `,`, `/`, and no
/// sentence punctuation or code at its end.
///
/// ```
/// use pyqconv::text::is_heading_like;
/// assert!(is_heading_like("Core Language & Data Structures"));
/// assert!(is_heading_like("AI / ML Integration"));
/// assert!(!is_heading_like("outer()"));
/// assert!(!is_heading_like("Rule: use is only for singletons."));
/// ```
pub fn is_heading_like(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 60 || t != line {
        return false;
    }
    if !t.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    if t.ends_with(['.', ':', '?', '!', ',', ';', ')', '('])
        || t.contains(['=', '#', '`', '|', '"'])
    {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || words.len() > 7 {
        return false;
    }
    const JOINERS: &[&str] = &[
        "&", "/", "and", "in", "of", "the", "for", "with", "vs", "a", "-", "—", "to",
    ];
    words.iter().all(|w| {
        JOINERS.contains(w)
            || w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                && w.chars()
                    .all(|c| c.is_alphanumeric() || "&,/-'’+".contains(c))
    })
}

/// Words that leave a title unfinished when it ends with them
/// (`Explain the difference between`).
pub const DANGLING_WORDS: &[&str] = &[
    "between", "of", "and", "or", "the", "a", "an", "to", "with", "for", "vs", "vs.", "in", "on",
];

/// Splits a line whose inline code lost its spaces — `__new__and__init__`
/// followed by glued answer items `__new__creates ... (class method)__init__
/// initializes ...` — into the leading code phrase (`__new__ and __init__`)
/// and the items after it, one per glued code word.
///
/// Returns `None` unless the line starts with a dunder name (`__x__`).
///
/// ```
/// use pyqconv::text::split_glued_code;
/// let (phrase, items) = split_glued_code("__new__and__init____new__creates it (class method)__init__sets it").unwrap();
/// assert_eq!(phrase, "__new__ and __init__");
/// assert_eq!(items, ["__new__ creates it (class method)", "__init__ sets it"]);
/// ```
pub fn split_glued_code(line: &str) -> Option<(String, Vec<String>)> {
    fn dunder(s: &str) -> Option<usize> {
        let rest = s.strip_prefix("__")?;
        let name = rest.find("__")?;
        (name > 0 && rest[..name].chars().all(|c| c.is_ascii_alphanumeric())).then_some(name + 4)
    }
    let mut phrase: Vec<&str> = Vec::new();
    let mut at = 0;
    loop {
        let rest = &line[at..];
        if phrase.len().is_multiple_of(2) {
            let n = dunder(rest)?;
            phrase.push(&rest[..n]);
            at += n;
        } else {
            let joiner = ["and", "or", "vs", ", "]
                .into_iter()
                .find(|j| rest.starts_with(j) && rest[j.len()..].starts_with("__"));
            let Some(j) = joiner else { break };
            phrase.push(j.trim());
            at += j.len();
        }
    }
    // The items: split before each dunder glued to a `)` or a letter.
    let rest = &line[at..];
    let mut items = Vec::new();
    let mut start = 0;
    let bytes = rest.as_bytes();
    for i in 1..rest.len() {
        if rest.is_char_boundary(i)
            && (bytes[i - 1] == b')' || bytes[i - 1].is_ascii_alphabetic())
            && dunder(&rest[i..]).is_some()
        {
            items.push(rest[start..i].trim().to_string());
            start = i;
        }
    }
    items.push(rest[start..].trim().to_string());
    let items = items
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(|s| match dunder(&s) {
            Some(n) if s[n..].starts_with(|c: char| c.is_alphabetic()) => {
                format!("{} {}", &s[..n], &s[n..])
            }
            _ => s,
        })
        .collect();
    let phrase = phrase.join(" ").replace(" ,", ",");
    Some((phrase, items))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_lines() {
        for line in [
            "x is y # True",
            "a = [1, 2, 3]",
            "def add_item(item, lst=[]):",
            "return lst",
            "@property",
            "@functools.wraps(func)",
            "@profile # decorator added by kernprof",
            "print(a) # [1, 2, 3, 4] — mutated!",
            "sys.getrefcount(a)   # 2",
            "from typing import Optional",
            "import sys",
            "pip install fastapi uvicorn",
            "else:",
            ")",
            "x: float",
            "counter += 1",
            "first, *middle, last = [1, 2, 3, 4, 5]",
            "\"BACKEND\": \"django.core.cache.backends.redis.RedisCache\",",
            "# BAD — the list is created once when the function is defined",
        ] {
            assert!(is_code_line(line), "should be code: {line}");
        }
    }

    #[test]
    fn prose_lines() {
        for line in [
            "Rule: Only use is to compare against singletons: None, True, False.",
            "Key features:",
            "Python is a high-level, interpreted, dynamically-typed,",
            "Why it matters: Mutable default arguments are a classic Python pitfall:",
            "@property turns a method into a managed attribute — adding",
            "Reference counting — Python's primary GC mechanism. Each object has a ob_refcnt.",
            "Workarounds:",
            "Decorator with arguments:",
            "python is a language that many people use daily.",
        ] {
            assert!(!is_code_line(line), "should be prose: {line}");
        }
    }

    #[test]
    fn headings() {
        assert!(is_heading_like("OOP, Decorators & Generators"));
        assert!(is_heading_like("Testing, Performance & System Design"));
        assert!(is_heading_like("Design Patterns in Python"));
        assert!(!is_heading_like("a = 1"));
        assert!(!is_heading_like("await q.join()"));
        assert!(!is_heading_like("Consequences:"));
    }
}
