//! Which language a run of code lines is written in, and where a run that
//! mixes languages (a shell command, then a `pyproject.toml` excerpt, then
//! Python) changes language.
//!
//! Each statement line gets the language its shape shows — shell commands
//! ([`crate::text::is_shell_line`]), Dockerfile instructions (`FROM`, `RUN`
//! …, from Docker's Dockerfile reference), SQL statements (upper-case
//! keywords), Django/Jinja template tags (`{% … %}`, `{{ … }}`), an INI/TOML
//! table header (`[tool.pytest.ini_options]`) and the `key = value` lines
//! under it — and Python otherwise. Comments go with the line they
//! introduce; lines inside brackets, strings or after a `\` go with the
//! line that opened them; a bare word between two shell lines is shell.
//! A table section is TOML when the `toml` crate parses it, else INI; a
//! block that `serde_json` parses as an object or array is JSON.

use crate::text::is_shell_line;
use std::ops::Range;

/// A fenced block's language, written as its Markdown info string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    /// Python (also stripped Python whose indentation was rebuilt).
    Python,
    /// An interactive Python session (`>>> add(1, 2)` and its output),
    /// GitHub Linguist's `pycon`.
    Pycon,
    /// Shell commands.
    Bash,
    /// TOML (`pyproject.toml`).
    Toml,
    /// INI (`mypy.ini`, `setup.cfg`).
    Ini,
    /// A Dockerfile.
    Dockerfile,
    /// SQL.
    Sql,
    /// Django templates (`{% load %}`, `{% csrf_token %}`, `{% url %}`).
    Django,
    /// Jinja templates.
    Jinja,
    /// JSON.
    Json,
    /// Anything else: output listings, directory trees.
    Text,
}

impl Language {
    /// The info string of a fenced code block (`python`, `bash`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::Pycon => "pycon",
            Language::Bash => "bash",
            Language::Toml => "toml",
            Language::Ini => "ini",
            Language::Dockerfile => "dockerfile",
            Language::Sql => "sql",
            Language::Django => "django",
            Language::Jinja => "jinja",
            Language::Json => "json",
            Language::Text => "text",
        }
    }
}

/// Dockerfile instructions (Docker's Dockerfile reference).
const DOCKERFILE: &[&str] = &[
    "FROM",
    "RUN",
    "COPY",
    "ADD",
    "WORKDIR",
    "CMD",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "ARG",
    "USER",
    "LABEL",
    "VOLUME",
    "HEALTHCHECK",
    "STOPSIGNAL",
    "SHELL",
    "ONBUILD",
];

/// Words that open an SQL statement.
const SQL_STATEMENTS: &[&str] = &[
    "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP", "WITH", "EXPLAIN", "BEGIN",
    "COMMIT",
];

/// Words that open a clause inside an SQL statement.
const SQL_CLAUSES: &[&str] = &[
    "FROM",
    "WHERE",
    "JOIN",
    "LEFT",
    "RIGHT",
    "INNER",
    "OUTER",
    "GROUP",
    "ORDER",
    "LIMIT",
    "OFFSET",
    "VALUES",
    "SET",
    "HAVING",
    "AND",
    "OR",
    "ON",
    "UNION",
    "RETURNING",
    ")",
    ");",
];

/// Template tags only Django's template language has.
const DJANGO_TAGS: &[&str] = &["load", "csrf_token", "url", "static", "trans", "blocktrans"];

fn first_word(line: &str) -> &str {
    line.split_whitespace().next().unwrap_or("")
}

/// The language a single statement line shows on its own, if any.
pub(crate) fn line_language(line: &str) -> Option<Language> {
    let t = line.trim();
    let word = first_word(t);
    if t.starts_with("{%") || t.starts_with("{{") {
        return Some(Language::Jinja);
    }
    if SQL_STATEMENTS.contains(&word) && t.len() > word.len() {
        return Some(Language::Sql);
    }
    if DOCKERFILE.contains(&word) && t.len() > word.len() {
        return Some(Language::Dockerfile);
    }
    if is_table_header(t) {
        return Some(Language::Toml);
    }
    let command = t.trim_end_matches('\\').trim_end();
    if is_shell_line(command) || t.starts_with("--") {
        return Some(Language::Bash);
    }
    if t.contains(['├', '└', '│']) {
        return Some(Language::Text);
    }
    None
}

/// `[section]`, `[tool.pytest.ini_options]`, `[mypy-requests.*]`, but not
/// a Python list (`[x for x in y]`, `[1, 2]`).
fn is_table_header(t: &str) -> bool {
    let code = t.split(" #").next().unwrap_or("").trim();
    let Some(inner) = code.strip_prefix('[').and_then(|r| r.strip_suffix(']')) else {
        return false;
    };
    let inner = inner.trim_start_matches('[').trim_end_matches(']');
    !inner.is_empty()
        && inner.starts_with(|c: char| c.is_ascii_alphabetic())
        && inner
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.-*\"".contains(c))
}

/// A `key = value` line of a configuration table.
fn is_key_value(t: &str) -> bool {
    let Some((key, value)) = t.split_once('=') else {
        return false;
    };
    let key = key.trim();
    !key.is_empty()
        && !value.starts_with('=')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.-\"".contains(c))
}

/// Whether `line` shows any Python syntax (brackets, assignment, a colon,
/// a keyword), as opposed to a bare word or path.
fn shows_python(line: &str) -> bool {
    let code = line.split(" #").next().unwrap_or("").trim();
    code.contains(['(', '=', '[', ':', '{', '"', '\''])
        || crate::text::is_statement_keyword(first_word(code))
}

/// Splits `lines` (one run of code) into consecutive ranges of one
/// language each, covering every line in order.
///
/// ```
/// use pyqconv::transforms::language::{split, Language};
/// let lines = ["# install", "pip install fastapi", "import fastapi", "app = fastapi.FastAPI()"];
/// assert_eq!(split(&lines), vec![(Language::Bash, 0..2), (Language::Python, 2..4)]);
/// ```
pub fn split(lines: &[&str]) -> Vec<(Language, Range<usize>)> {
    let n = lines.len();
    let owners = crate::transforms::indentation::statement_owners(lines);
    // First pass: each statement line's own language; `None` = undecided
    // (comments, blanks, continuations).
    let mut lang: Vec<Option<Language>> = vec![None; n];
    let mut in_table = false;
    let mut in_sql = false;
    for i in 0..n {
        let t = lines[i].trim();
        if t.is_empty() || t.starts_with('#') || owners[i] != i {
            continue;
        }
        let own = line_language(t);
        // Clauses after an SQL statement's first line (`FROM t` is SQL
        // there, a Dockerfile's base image elsewhere).
        if in_sql && (SQL_CLAUSES.contains(&first_word(t)) || t.starts_with("--")) {
            lang[i] = Some(Language::Sql);
            continue;
        }
        in_sql = own == Some(Language::Sql);
        if own == Some(Language::Toml) {
            in_table = true;
        } else if in_table && (is_key_value(t) || own.is_none() && !shows_python(t)) {
            lang[i] = Some(Language::Toml);
            continue;
        } else {
            in_table = false;
        }
        lang[i] = Some(own.unwrap_or(Language::Python));
    }
    // A bare word or path between two shell lines (`deactivate`,
    // `.venv\Scripts\activate`) is shell too.
    let statements: Vec<usize> = (0..n).filter(|&i| lang[i].is_some()).collect();
    for w in 0..statements.len() {
        let i = statements[w];
        if lang[i] != Some(Language::Python) || shows_python(lines[i]) {
            continue;
        }
        let prev = w.checked_sub(1).map(|p| lang[statements[p]]);
        let next = statements.get(w + 1).map(|&k| lang[k]);
        let python = Some(Some(Language::Python));
        if prev == Some(Some(Language::Bash)) && next != python
            || next == Some(Some(Language::Bash)) && prev != python
        {
            lang[i] = Some(Language::Bash);
        }
    }
    // Continuations take their owner's language; comments and blanks the
    // next statement's (the last ones, the previous statement's).
    for i in 0..n {
        if owners[i] != i {
            lang[i] = lang[owners[i]];
        }
    }
    let mut next: Option<Language> = None;
    for i in (0..n).rev() {
        match lang[i] {
            Some(l) => next = Some(l),
            None => lang[i] = next,
        }
    }
    let fallback = lang
        .iter()
        .flatten()
        .next()
        .copied()
        .unwrap_or(Language::Python);
    let mut ranges: Vec<(Language, Range<usize>)> = Vec::new();
    for (i, l) in lang.iter().enumerate() {
        let l = l.unwrap_or(fallback);
        match ranges.last_mut() {
            Some((last, range)) if *last == l => range.end = i + 1,
            _ => ranges.push((l, i..i + 1)),
        }
    }
    for (language, range) in &mut ranges {
        *language = refine(*language, &lines[range.clone()]);
    }
    ranges
}

/// A block's final language: TOML tables that do not parse as TOML are
/// INI; templates with Django's own tags are Django; Python that is a JSON
/// document is JSON.
fn refine(language: Language, lines: &[&str]) -> Language {
    let text = lines.join("\n");
    match language {
        Language::Toml if text.parse::<toml::Table>().is_err() => Language::Ini,
        Language::Jinja
            if lines.iter().any(|l| {
                l.split("{%")
                    .skip(1)
                    .any(|tag| DJANGO_TAGS.contains(&first_word(tag)))
            }) =>
        {
            Language::Django
        }
        Language::Python
            if text.trim_start().starts_with(['{', '['])
                && text.contains('"')
                && serde_json::from_str::<serde_json::Value>(&text).is_ok() =>
        {
            Language::Json
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn languages(text: &str) -> Vec<(&'static str, usize)> {
        let lines: Vec<&str> = text.lines().collect();
        split(&lines)
            .into_iter()
            .map(|(l, r)| (l.as_str(), r.len()))
            .collect()
    }

    #[test]
    fn shell_then_toml_then_python() {
        let text = "# Create\npython -m venv .venv\nsource .venv/bin/activate\ndeactivate # leave\n# pyproject.toml:\n[project]\nname = \"myapp\"\ndependencies = [\n\"fastapi\",\n]\n# Tools:\nimport os";
        assert_eq!(languages(text), [("bash", 4), ("toml", 6), ("python", 2)]);
    }

    #[test]
    fn ini_when_not_toml() {
        let text = "[mypy]\npython_version = 3.12\nstrict = true\n[mypy-requests.*]\nignore_missing_imports = true";
        assert_eq!(languages(text), [("ini", 5)]);
        assert_eq!(
            languages("[tool.coverage.run]\nsource = [\"app\"]"),
            [("toml", 2)]
        );
    }

    #[test]
    fn python_lists_are_not_tables() {
        assert_eq!(
            languages("[f() for f in funcs] # [4, 4]\nx = 1"),
            [("python", 2)]
        );
    }

    #[test]
    fn dockerfile_sql_templates_json() {
        assert_eq!(
            languages(
                "FROM python:3.12-slim\nWORKDIR /app\n# one worker\nCMD [\"uvicorn\", \"app:app\"]"
            ),
            [("dockerfile", 4)]
        );
        assert_eq!(
            languages("SELECT content\nFROM chunks\nLIMIT 5"),
            [("sql", 3)]
        );
        assert_eq!(
            languages("{% load cache %}\n{% cache 500 \"s\" %}\n{% endcache %}"),
            [("django", 3)]
        );
        assert_eq!(
            languages("{% for x in xs %}\n{{ x }}\n{% endfor %}"),
            [("jinja", 3)]
        );
        assert_eq!(languages("{\n\"name\": \"a\",\n\"n\": 1\n}"), [("json", 4)]);
    }

    #[test]
    fn shell_continuations_stay_shell() {
        let text =
            "gunicorn app.main:app \\\n-k uvicorn.workers.UvicornWorker \\\n--bind 0.0.0.0:8000";
        assert_eq!(languages(text), [("bash", 3)]);
    }

    #[test]
    fn sql_inside_a_python_string_stays_python() {
        let text = "cur.execute(\"\"\"\nSELECT content\nFROM chunks\n\"\"\", (q,))\nreturn rows";
        assert_eq!(languages(text), [("python", 5)]);
    }
}
