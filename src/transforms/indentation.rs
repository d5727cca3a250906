//! Rebuilds the indentation of Python whose leading whitespace a scraper
//! stripped, and checks the result with a Python parser.
//!
//! Python's nesting is in its indentation, so a stripped block has many
//! readings. The grammar pins some of them — the line after a block opener
//! (`def f():`) is one level deeper; `elif`/`else`/`except`/`finally`/`case`
//! sit at the level of the statement they continue; a line inside open
//! brackets or a triple-quoted string is a continuation — and leaves the
//! rest open: after a body's last line, the next statement may stay in that
//! body or leave any number of enclosing blocks. Those choices are scored
//! with evidence a reader would use (a line after `return` leaves the
//! block; a call of a function just defined is outside it; `self.` is inside
//! a method; a `def` whose first parameter is `self` is a method of the open
//! class; imports and `if __name__ == "__main__":` are top level; a comment
//! between two statements often opens a new top-level step), and a beam
//! search keeps the best few readings of the whole block
//! ([`BEAM_WIDTH`]). A line's cost does not depend on the path to it: at
//! the top level it costs the same whether it left a block or was there
//! already, or the search would keep earlier lines nested to earn a later
//! line's bonus for leaving. The readings are then tried best first against
//! Ruff's parser (`ruff_python_parser`, the parser of the Ruff linter) and
//! a small check of what the parser accepts but CPython's compiler rejects
//! (`return` outside a function, `break` outside a loop); the first that
//! passes is kept. When none passes, the best reading is kept and the
//! block is reported as not parsing.
//!
//! Comments take the level of the statement that follows them (of the one
//! before, at the end of a block); lines inside brackets are indented four
//! spaces past the line that opened them (or aligned after the bracket when
//! the opening line goes on past it), as PEP 8 shows.

use ruff_python_ast::{ExceptHandler, Expr, Stmt};

/// How many partial readings the search keeps after each line.
pub const BEAM_WIDTH: usize = 24;

/// Spaces per indentation level in rebuilt code (PEP 8).
const INDENT: usize = 4;

/// A rebuilt block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reindented {
    /// The lines with their rebuilt indentation, one per input line.
    pub lines: Vec<String>,
    /// Whether the rebuilt block parses as Python (see [`parses`]).
    pub parses: bool,
}

/// Whether `source` is a Python module that Ruff's parser accepts and that
/// has no `return`/`yield` outside a function, `break`/`continue` outside a
/// loop, or `nonlocal` at module level (errors CPython reports when it
/// compiles, which a parser alone does not).
///
/// ```
/// use pyqconv::transforms::indentation::parses;
/// assert!(parses("def f(x):\n    return x\n"));
/// assert!(!parses("def f(x):\nreturn x\n"));
/// assert!(!parses("def f(x):\n    pass\nreturn x\n"));
/// ```
pub fn parses(source: &str) -> bool {
    match ruff_python_parser::parse_module(source) {
        Ok(parsed) => compiles(parsed.suite(), false, false),
        Err(_) => false,
    }
}

/// Whether one statement (a line and the lines that continue it) parses
/// as Python on its own: a block opener is given a `pass` body, a clause
/// (`else:`, `except E:`, `case 1:`) the statement it continues, a
/// decorator a function.
pub fn statement_parses(statement: &str) -> bool {
    let t = statement.trim();
    let code = code_of(t);
    let kw = keyword(&code);
    let opener = code.ends_with(':');
    let body = if opener { "\n    pass" } else { "" };
    let source = match kw {
        "elif" | "else" => format!("if x:\n    pass\n{t}{body}\n"),
        "except" | "finally" => format!("try:\n    pass\n{t}{body}\n"),
        "case" => format!(
            "match x:\n    {t}{}\n",
            if opener { "\n        pass" } else { "" }
        ),
        _ if t.starts_with('@') => format!("{t}\ndef f(): pass\n"),
        _ => format!("{t}{body}\n"),
    };
    ruff_python_parser::parse_module(&source).is_ok()
}

/// Whether a would-be statement is a sentence rather than Python: it does
/// not parse ([`statement_parses`]) and shows prose outside its strings and
/// comments — two plain words in a row (never valid Python), a character
/// Python's syntax has no use for (`—`, `→`), or a closing full stop.
///
/// ```
/// use pyqconv::transforms::indentation::reads_as_prose;
/// assert!(reads_as_prose("super() follows MRO, not just the immediate parent:"));
/// assert!(reads_as_prose("func = decorator(func)."));
/// assert!(!reads_as_prose("tasks = [fetch(url) for url in urls]"));
/// assert!(!reads_as_prose("x is y # True — same object"));
/// ```
pub fn reads_as_prose(statement: &str) -> bool {
    if statement_parses(statement) {
        return false;
    }
    let code = code_of(statement);
    if code.trim_end().ends_with('.') || !code.is_ascii() {
        return true;
    }
    // Only a compound statement's header ends with `:` (`- Comparison:`).
    let compound = matches!(
        keyword(&code),
        "if" | "elif"
            | "else"
            | "for"
            | "while"
            | "try"
            | "except"
            | "finally"
            | "with"
            | "def"
            | "class"
            | "match"
            | "case"
    ) || code.starts_with('@');
    if code.trim_end().ends_with(':') && !compound {
        return true;
    }
    let words: Vec<&str> = code.split_whitespace().collect();
    words.windows(2).any(|w| {
        w.iter().all(|word| {
            word.chars().all(|c| c.is_alphabetic() || c == '\'') && !is_python_keyword(word)
        })
    })
}

/// The code of a statement's lines, strings and comments removed, on one
/// line.
fn code_of(statement: &str) -> String {
    scan(&statement.lines().collect::<Vec<_>>())
        .iter()
        .map(|l| l.code.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Python's keywords and the soft keywords that may stand before a name.
fn is_python_keyword(word: &str) -> bool {
    matches!(
        word,
        "False"
            | "None"
            | "True"
            | "and"
            | "as"
            | "assert"
            | "async"
            | "await"
            | "break"
            | "class"
            | "continue"
            | "def"
            | "del"
            | "elif"
            | "else"
            | "except"
            | "finally"
            | "for"
            | "from"
            | "global"
            | "if"
            | "import"
            | "in"
            | "is"
            | "lambda"
            | "nonlocal"
            | "not"
            | "or"
            | "pass"
            | "raise"
            | "return"
            | "try"
            | "while"
            | "with"
            | "yield"
            | "match"
            | "case"
            | "type"
            | "print"
            | "exec"
    )
}

/// Whether `body` has none of the compile-time errors [`parses`] names.
fn compiles(body: &[Stmt], in_function: bool, in_loop: bool) -> bool {
    body.iter().all(|stmt| match stmt {
        Stmt::FunctionDef(f) => compiles(&f.body, true, false),
        Stmt::ClassDef(c) => compiles(&c.body, false, false),
        Stmt::For(s) => {
            compiles(&s.body, in_function, true) && compiles(&s.orelse, in_function, in_loop)
        }
        Stmt::While(s) => {
            compiles(&s.body, in_function, true) && compiles(&s.orelse, in_function, in_loop)
        }
        Stmt::If(s) => {
            compiles(&s.body, in_function, in_loop)
                && s.elif_else_clauses
                    .iter()
                    .all(|c| compiles(&c.body, in_function, in_loop))
        }
        Stmt::With(s) => compiles(&s.body, in_function, in_loop),
        Stmt::Try(s) => {
            compiles(&s.body, in_function, in_loop)
                && s.handlers.iter().all(|h| match h {
                    ExceptHandler::ExceptHandler(h) => compiles(&h.body, in_function, in_loop),
                })
                && compiles(&s.orelse, in_function, in_loop)
                && compiles(&s.finalbody, in_function, in_loop)
        }
        Stmt::Match(m) => m
            .cases
            .iter()
            .all(|c| compiles(&c.body, in_function, in_loop)),
        Stmt::Return(_) => in_function,
        Stmt::Break(_) | Stmt::Continue(_) => in_loop,
        Stmt::Nonlocal(_) => in_function,
        Stmt::Expr(e) => in_function || !matches!(*e.value, Expr::Yield(_) | Expr::YieldFrom(_)),
        _ => true,
    })
}

/// What a statement line opens or continues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Def,
    Class,
    Loop,
    If,
    Try,
    /// `else` of a `try`: only `finally` may follow.
    TryElse,
    With,
    Match,
    Case,
    /// A block nothing may continue (`else:` of an `if`, `finally:`).
    Closed,
}

/// An open block: its header's level and what it is.
#[derive(Debug, Clone)]
struct Frame {
    level: usize,
    kind: Kind,
    /// For a `def`: its parameter names.
    params: Vec<String>,
    /// For a `def`: names its body has bound so far.
    locals: Vec<String>,
    /// For an `if`: the names its condition tests.
    tested: Vec<String>,
    /// Statements placed directly in this block's body so far.
    body_len: usize,
    /// For an `if`: its body so far is one assignment to a tested name
    /// (`if x is None: x = []`), a guard that the next statement leaves.
    guard: bool,
}

/// One line of a block, as the scanner sees it.
#[derive(Debug, Clone, Default)]
struct Line {
    /// The text without leading or trailing whitespace.
    text: String,
    /// Code with string contents and the comment removed.
    code: String,
    blank: bool,
    comment: bool,
    /// Inside brackets or a triple-quoted string opened on an earlier line.
    continuation: bool,
    /// Spaces of a continuation line relative to the statement that opened
    /// it (set by [`scan`]).
    hang: usize,
    /// Index of the statement line a continuation belongs to.
    owner: usize,
    /// The statement (with its continuations) ends with `:`: a block opener.
    opener: bool,
}

/// Splits `lines` into scanned lines: strings and comments removed from the
/// code, bracket and triple-quote continuation found.
fn scan(lines: &[&str]) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    // Open brackets: (column after the bracket, relative to the owner's
    // rebuilt line; whether nothing follows it on its line: a hanging indent).
    let mut brackets: Vec<(usize, bool)> = Vec::new();
    let mut triple: Option<char> = None;
    let mut owner = 0;
    let mut backslash = false;
    for (i, raw) in lines.iter().enumerate() {
        let text = raw.trim().to_string();
        let continuation = !brackets.is_empty() || triple.is_some() || backslash;
        let mut line = Line {
            blank: text.is_empty(),
            continuation,
            ..Line::default()
        };
        if !continuation {
            owner = i;
        }
        line.owner = owner;
        if continuation {
            line.hang = if triple.is_some() {
                0
            } else if text.starts_with([')', ']', '}']) {
                brackets
                    .last()
                    .map_or(0, |&(col, hanging)| if hanging { 0 } else { col - 1 })
            } else {
                brackets
                    .last()
                    .map_or(INDENT, |&(col, hanging)| if hanging { INDENT } else { col })
            };
        }
        // Column where this line's text starts, relative to the owner.
        let base = if continuation { line.hang } else { 0 };
        let mut code = String::new();
        let chars: Vec<char> = text.chars().collect();
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k];
            if let Some(q) = triple {
                if c == q && chars.get(k + 1) == Some(&q) && chars.get(k + 2) == Some(&q) {
                    triple = None;
                    code.push('s');
                    k += 3;
                } else {
                    k += 1;
                }
                continue;
            }
            match c {
                '#' => break,
                '\'' | '"' => {
                    if chars.get(k + 1) == Some(&c) && chars.get(k + 2) == Some(&c) {
                        triple = Some(c);
                        k += 3;
                        continue;
                    }
                    // A one-line string: skip to its closing quote.
                    let mut j = k + 1;
                    while j < chars.len() && chars[j] != c {
                        if chars[j] == '\\' {
                            j += 1;
                        }
                        j += 1;
                    }
                    code.push('s');
                    k = j + 1;
                    continue;
                }
                '(' | '[' | '{' => {
                    let rest_blank = chars[k + 1..]
                        .iter()
                        .collect::<String>()
                        .split('#')
                        .next()
                        .is_none_or(|r| r.trim().is_empty());
                    brackets.push((base + k + 1, rest_blank));
                }
                ')' | ']' | '}' => {
                    brackets.pop();
                }
                _ => {}
            }
            code.push(c);
            k += 1;
        }
        let code = code.trim().to_string();
        backslash = triple.is_none() && brackets.is_empty() && code.ends_with('\\');
        line.comment = !line.blank && code.is_empty() && text.starts_with('#') && !continuation;
        line.code = code;
        line.text = text;
        out.push(line);
    }
    // A statement opens a block when its last code line ends with `:`.
    for i in 0..out.len() {
        let ends_statement = out
            .get(i + 1)
            .is_none_or(|next| !next.continuation || next.owner != out[i].owner);
        if ends_statement && !out[i].comment && out[i].code.ends_with(':') {
            let owner = out[i].owner;
            out[owner].opener = true;
        }
    }
    out
}

/// For each of `lines`, the index of the line whose statement it belongs
/// to (itself when it starts one): a line inside brackets or a
/// triple-quoted string opened earlier, or after a line ending in `\`,
/// belongs to the line that opened them.
pub(crate) fn statement_owners(lines: &[&str]) -> Vec<usize> {
    scan(lines).iter().map(|l| l.owner).collect()
}

/// The first word of a statement's code, `async` skipped.
fn keyword(code: &str) -> &str {
    let mut words = code.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '@'));
    let first = words.next().unwrap_or("");
    if first == "async" {
        words.find(|w| !w.is_empty()).unwrap_or("")
    } else {
        first
    }
}

/// The kind of block a header line opens.
fn header_kind(code: &str) -> Kind {
    match keyword(code) {
        "def" => Kind::Def,
        "class" => Kind::Class,
        "for" | "while" => Kind::Loop,
        "if" | "elif" => Kind::If,
        "try" | "except" => Kind::Try,
        "with" => Kind::With,
        "match" => Kind::Match,
        "case" => Kind::Case,
        _ => Kind::Closed,
    }
}

/// A `def` line's name and parameter names.
fn def_signature(code: &str) -> (String, Vec<String>) {
    let after = code
        .trim_start_matches("async ")
        .trim_start_matches("def ")
        .trim_start();
    let name: String = after
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let params = after
        .split_once('(')
        .map(|(_, p)| p.rsplit_once(')').map_or(p, |(p, _)| p))
        .unwrap_or("")
        .split(',')
        .map(|p| {
            p.trim()
                .trim_start_matches('*')
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|p| !p.is_empty())
        .collect();
    (name, params)
}

/// The identifiers of `code`, in order.
fn identifiers(code: &str) -> impl Iterator<Item = &str> {
    code.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| w.starts_with(|c: char| c.is_alphabetic() || c == '_'))
}

/// A partial reading of a block: the open blocks and each statement's level.
#[derive(Debug, Clone)]
struct Reading {
    frames: Vec<Frame>,
    levels: Vec<usize>,
    cost: f64,
    /// The previous statement opened a block: the next must be deeper.
    expect_body: bool,
    /// The previous statement was a decorator: the next is at its level.
    decorated: bool,
    /// The previous statement ended its block's flow (`return`, `raise`…).
    after_exit: bool,
    /// Names of classes and functions defined so far, with their level.
    defined: Vec<(String, usize)>,
}

impl Reading {
    fn level(&self) -> usize {
        self.levels.last().copied().unwrap_or(0)
    }

    /// Places a statement at `level` and opens its block if it has one.
    fn place(&mut self, level: usize, line: &Line) {
        self.frames.retain(|f| f.level < level);
        self.levels.push(level);
        let code = line.code.as_str();
        let kw = keyword(code);
        self.after_exit =
            matches!(kw, "return" | "raise" | "pass" | "break" | "continue") && !line.opener;
        self.decorated = code.starts_with('@');
        self.expect_body = line.opener;
        if kw == "def" || kw == "class" {
            let (name, _) = def_signature(code.trim_start_matches("class "));
            self.defined.push((name, level));
        }
        // The statement counts in its block's body; names it binds are the
        // enclosing function's locals.
        let bound = bound_names(code);
        let body_len = self.frames.last().map_or(0, |f| f.body_len);
        if let Some(parent) = self.frames.last_mut() {
            parent.body_len += 1;
            parent.guard = parent.kind == Kind::If
                && body_len == 0
                && !bound.is_empty()
                && bound.iter().all(|b| parent.tested.contains(b));
        }
        if let Some(def) = self.frames.iter_mut().rev().find(|f| f.kind == Kind::Def) {
            def.locals.extend(bound);
        }
        if line.opener {
            self.open(level, header_kind(code), code);
        }
    }

    /// Opens a block whose header sits at `level`.
    fn open(&mut self, level: usize, kind: Kind, code: &str) {
        let params = if kind == Kind::Def {
            def_signature(code).1
        } else {
            Vec::new()
        };
        let tested = if kind == Kind::If {
            identifiers(code).skip(1).map(str::to_string).collect()
        } else {
            Vec::new()
        };
        self.frames.push(Frame {
            level,
            kind,
            params,
            locals: Vec::new(),
            tested,
            body_len: 0,
            guard: false,
        });
    }
}

/// The names a simple statement binds: assignment targets, `for` targets,
/// `with … as` and `import` names.
fn bound_names(code: &str) -> Vec<String> {
    let kw = keyword(code);
    let target = match kw {
        "for" => code
            .trim_start_matches("async ")
            .trim_start_matches("for ")
            .split(" in ")
            .next()
            .unwrap_or(""),
        "with" => code.rsplit_once(" as ").map_or("", |(_, t)| t),
        "import" | "from" => code.rsplit_once(" import ").map_or(code, |(_, t)| t),
        _ => {
            // `a, b = …`, `x: int = …`, `n += 1`, not `f(a=1)` or `a == b`.
            let Some(eq) = code.find('=') else {
                return Vec::new();
            };
            let before = &code[..eq];
            if before.contains(['(', '[', '"', '\'', '!', '<', '>', '='])
                && !before.ends_with(['+', '-', '*', '/'])
            {
                return Vec::new();
            }
            if code[eq + 1..].starts_with('=') {
                return Vec::new();
            }
            before.split(':').next().unwrap_or("")
        }
    };
    identifiers(target)
        .filter(|w| !matches!(*w, "as" | "self" | "cls"))
        .map(str::to_string)
        .collect()
}

/// One way to place a statement.
#[derive(Debug, Clone, Copy)]
struct Choice {
    level: usize,
    cost: f64,
    /// The statement is a clause (`else:`…) continuing the block whose
    /// header sits at `level`.
    clause: bool,
}

/// The levels statement `i` may take after `reading`, each with its cost
/// (lower is likelier). `comment_before`: comment lines separate it from
/// the previous statement.
fn choices(reading: &Reading, lines: &[Line], i: usize, comment_before: bool) -> Vec<Choice> {
    let code = lines[i].code.as_str();
    let kw = keyword(code);
    let at = |level: usize, cost: f64| Choice {
        level,
        cost,
        clause: false,
    };
    if reading.levels.is_empty() {
        return vec![at(0, 0.0)];
    }
    let names: Vec<&str> = identifiers(code).collect();
    let is_definition = kw == "def" || kw == "class" || code.starts_with('@');
    // A statement that names a function or class defined earlier is
    // outside its body (recursion sits in `return` lines, not counted):
    // costly inside the definition's own body, mildly so in any other block
    // deeper than the definition (a class used in a later `with` block).
    let names_defined = |level: usize| -> f64 {
        if matches!(kw, "return" | "yield" | "def" | "class") {
            return 0.0;
        }
        let mut cost: f64 = 0.0;
        for (k, (name, def_level)) in reading.defined.iter().enumerate() {
            if level <= *def_level || !names.contains(&name.as_str()) {
                continue;
            }
            let latest_at_level = !reading.defined[k + 1..].iter().any(|(_, l)| l == def_level);
            let own_body = latest_at_level
                && reading
                    .frames
                    .iter()
                    .any(|f| f.level == *def_level && matches!(f.kind, Kind::Def | Kind::Class));
            cost = cost.max(if own_body { 4.0 } else { 1.0 });
        }
        cost
    };
    if reading.expect_body {
        // Forced by the grammar; what the line names still tells whether
        // the block it opens the body of was placed well.
        let level = reading.level() + 1;
        return vec![at(level, names_defined(level))];
    }
    if reading.decorated {
        return vec![at(reading.level(), 0.0)];
    }
    // Clauses that continue a compound statement sit at its header's level.
    let continues: &[Kind] = match kw {
        "elif" => &[Kind::If],
        "else" => &[Kind::If, Kind::Loop, Kind::Try],
        "except" => &[Kind::Try],
        "finally" => &[Kind::Try, Kind::TryElse],
        "case" => &[Kind::Case, Kind::Match],
        _ => &[],
    };
    if !continues.is_empty() && has_clause_colon(code) {
        let after_break = reading.after_exit && lines_before_is(lines, i, "break");
        let mut out: Vec<Choice> = Vec::new();
        for f in reading.frames.iter().rev() {
            if continues.contains(&f.kind) {
                let level = if kw == "case" && f.kind == Kind::Match {
                    f.level + 1
                } else {
                    f.level
                };
                // Innermost first; a loop's `else` after `break` is the
                // for/else idiom.
                let mut cost = 0.5 * out.len() as f64;
                if after_break && kw == "else" && f.kind == Kind::Loop {
                    cost -= 1.0;
                }
                out.push(Choice {
                    level,
                    cost,
                    clause: true,
                });
            }
        }
        if !out.is_empty() {
            return out;
        }
    }
    let current = reading.level();
    let mut levels: Vec<usize> = reading.frames.iter().map(|f| f.level + 1).collect();
    levels.push(0);
    levels.retain(|&l| l <= current);
    levels.sort_unstable();
    levels.dedup();
    let innermost = reading.frames.last();
    let mut out = Vec::new();
    for &level in &levels {
        let dedent = current - level;
        // The frames left open at this level, and those it closes.
        let kept: Vec<&Frame> = reading.frames.iter().filter(|f| f.level < level).collect();
        let closed: Vec<&Frame> = reading.frames.iter().filter(|f| f.level >= level).collect();
        let mut cost = if reading.after_exit {
            // Code after `return` in the same block is unreachable.
            if dedent == 0 {
                4.0
            } else {
                0.3 * (dedent - 1) as f64
            }
        } else if dedent == 0 && level == 0 {
            // At the top already: as cheap as returning there after a
            // comment, so that no earlier line is kept nested for it.
            if comment_before { 0.3 } else { 0.0 }
        } else if dedent == 0 {
            if comment_before { 0.8 } else { 0.0 }
        } else if comment_before && level == 0 {
            0.3
        } else {
            1.5 + 0.3 * (dedent - 1) as f64
        };
        // Leaving a guard `if` (`if x is None: x = []`) is the idiom.
        if innermost.is_some_and(|f| f.guard) {
            if dedent == 0 {
                cost += 0.6;
            } else if innermost.is_some_and(|f| f.level >= level) {
                cost -= 1.2;
            }
        }
        let in_def = kept.iter().any(|f| f.kind == Kind::Def);
        let in_loop = kept
            .iter()
            .rev()
            .take_while(|f| f.kind != Kind::Def)
            .any(|f| f.kind == Kind::Loop);
        match kw {
            "return" | "yield" | "nonlocal" if !in_def => cost += 10.0,
            "break" | "continue" if !in_loop => cost += 10.0,
            "import" | "from" if level > 0 => cost += 2.0,
            _ => {}
        }
        // A function's last `return` usually sits in its own body.
        if kw == "return"
            && !reading.after_exit
            && kept.last().is_some_and(|f| f.kind == Kind::Def)
            && closed.iter().any(|f| f.kind == Kind::If && f.body_len > 0)
        {
            cost -= 1.2;
        }
        if code.starts_with("if __name__") && level > 0 {
            cost += 6.0;
        }
        // `self.x` belongs in a method.
        let uses_self = names.iter().any(|n| *n == "self" || *n == "cls");
        let method = |f: &&Frame| {
            f.kind == Kind::Def && f.params.first().is_some_and(|p| p == "self" || p == "cls")
        };
        if uses_self
            && !is_definition
            && !kept.iter().any(method)
            && reading.frames.iter().any(|f| method(&f))
        {
            cost += 5.0;
        }
        cost += names_defined(level);
        // A line that uses a closed function's parameters or locals
        // belongs in it.
        if !is_definition
            && closed.iter().any(|f| {
                f.kind == Kind::Def
                    && f.params
                        .iter()
                        .chain(&f.locals)
                        .any(|p| p != "self" && p != "cls" && names.contains(&p.as_str()))
            })
        {
            cost += 1.5;
        }
        // Methods stay in their class; other definitions go to the top.
        if is_definition {
            let class_body = kept.last().is_some_and(|f| f.kind == Kind::Class);
            match definition_target(lines, i) {
                Target::Method if !class_body => {
                    cost += if reading.frames.iter().any(|f| f.kind == Kind::Class) {
                        4.0
                    } else {
                        3.0
                    }
                }
                Target::Method => {}
                Target::Nested if class_body => cost += 1.0,
                Target::Nested => {
                    if level > 0 {
                        cost += 0.8;
                    }
                    // At the top, whether it left a block or was there
                    // already, so that no earlier line is kept nested
                    // for the bonus.
                    if level == 0 && !reading.levels.is_empty() {
                        cost -= 1.0;
                    }
                }
                Target::Inner => {
                    if class_body {
                        cost -= 1.0;
                    }
                }
            }
        }
        out.push(at(level, cost));
    }
    out
}

/// Whether `code` has a `:` outside brackets, as a clause header has
/// (`else:`, and one-liners `case 0: print("zero")`, `else: x = 1`).
fn has_clause_colon(code: &str) -> bool {
    let mut depth = 0usize;
    for c in code.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            ':' if depth == 0 => return true,
            _ => {}
        }
    }
    false
}

/// Whether the statement before line `i` starts with keyword `kw`.
fn lines_before_is(lines: &[Line], i: usize, kw: &str) -> bool {
    lines[..i]
        .iter()
        .rev()
        .find(|l| !l.blank && !l.comment && !l.continuation)
        .is_some_and(|l| keyword(&l.code) == kw)
}

/// Where a `def`/`class`/decorator line most likely belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// A method: first parameter `self`/`cls`, or a method decorator.
    Method,
    /// A class attribute class (`class Meta:`, `class Config:`).
    Inner,
    /// A function or class of its own.
    Nested,
}

/// Where the definition at line `i` (through its decorators) belongs.
fn definition_target(lines: &[Line], i: usize) -> Target {
    // Look through decorators to the definition.
    let mut j = i;
    let mut method_decorator = false;
    while j < lines.len() && (lines[j].code.starts_with('@') || lines[j].comment || lines[j].blank)
    {
        let d = lines[j].code.as_str();
        if matches!(
            d.split('(').next().unwrap_or(""),
            "@property"
                | "@staticmethod"
                | "@classmethod"
                | "@abstractmethod"
                | "@abc.abstractmethod"
                | "@cached_property"
                | "@functools.cached_property"
                | "@override"
        ) || d.ends_with(".setter")
            || d.ends_with(".deleter")
            || d.ends_with(".getter")
        {
            method_decorator = true;
        }
        j += 1;
    }
    let Some(def) = lines.get(j) else {
        return Target::Nested;
    };
    let code = def.code.as_str();
    if keyword(code) == "class" {
        let name = code.trim_start_matches("class ").trim_start();
        return if name.starts_with("Meta") || name.starts_with("Config") {
            Target::Inner
        } else {
            Target::Nested
        };
    }
    let (_, params) = def_signature(code);
    if method_decorator
        || params
            .first()
            .is_some_and(|p| p == "self" || p == "cls" || p == "mcs")
    {
        Target::Method
    } else {
        Target::Nested
    }
}

/// Rebuilds the indentation of `lines` (Python with leading whitespace
/// stripped; blank lines allowed). Returns one line per input line.
///
/// ```
/// use pyqconv::transforms::indentation::reindent;
/// let r = reindent(&["def f(x):", "if x:", "return 1", "return 2", "print(f(1))"]);
/// assert_eq!(r.lines, ["def f(x):", "    if x:", "        return 1", "    return 2", "print(f(1))"]);
/// assert!(r.parses);
/// ```
pub fn reindent(lines: &[&str]) -> Reindented {
    let scanned = scan(lines);
    let mut beam = vec![Reading {
        frames: Vec::new(),
        levels: Vec::new(),
        cost: 0.0,
        expect_body: false,
        decorated: false,
        after_exit: false,
        defined: Vec::new(),
    }];
    let statements: Vec<usize> = (0..scanned.len())
        .filter(|&i| !scanned[i].blank && !scanned[i].comment && !scanned[i].continuation)
        .collect();
    for (n, &i) in statements.iter().enumerate() {
        let comment_before = n > 0 && (statements[n - 1] + 1..i).any(|k| scanned[k].comment);
        let mut next = Vec::with_capacity(beam.len() * 3);
        for reading in &beam {
            for Choice {
                level,
                cost,
                clause,
            } in choices(reading, &scanned, i, comment_before)
            {
                let mut r = reading.clone();
                r.cost += cost;
                if clause {
                    // Close the blocks inside the continued statement, then
                    // turn its frame into the clause's.
                    r.frames.retain(|f| f.level <= level);
                    if let Some(top) = r.frames.last_mut().filter(|f| f.level == level) {
                        let kw = keyword(&scanned[i].code);
                        top.body_len = 0;
                        top.guard = false;
                        top.kind = match (kw, top.kind) {
                            ("elif", _) => Kind::If,
                            ("except", _) => Kind::Try,
                            ("else", Kind::Try) => Kind::TryElse,
                            ("case", _) => Kind::Case,
                            _ => Kind::Closed,
                        };
                    }
                    r.levels.push(level);
                    r.after_exit = false;
                    r.decorated = false;
                    r.expect_body = scanned[i].opener;
                } else {
                    r.place(level, &scanned[i]);
                }
                next.push(r);
            }
        }
        next.sort_by(|a, b| a.cost.total_cmp(&b.cost));
        next.truncate(BEAM_WIDTH);
        beam = next;
    }
    let mut best: Option<Reindented> = None;
    for reading in &beam {
        let rebuilt = render(&scanned, &statements, &reading.levels);
        let ok = parses(&(rebuilt.join("\n") + "\n"));
        if ok {
            return Reindented {
                lines: rebuilt,
                parses: true,
            };
        }
        if best.is_none() {
            best = Some(Reindented {
                lines: rebuilt,
                parses: false,
            });
        }
    }
    best.unwrap_or_else(|| Reindented {
        lines: lines.iter().map(|l| l.trim().to_string()).collect(),
        parses: parses(&(lines.join("\n") + "\n")),
    })
}

/// Lays the lines out: statements at their levels, continuations past
/// their statement, comments with the statement that follows.
fn render(lines: &[Line], statements: &[usize], levels: &[usize]) -> Vec<String> {
    let mut level_of = vec![None; lines.len()];
    for (n, &i) in statements.iter().enumerate() {
        level_of[i] = Some(levels[n]);
    }
    // Comments take the level of the next statement; trailing ones the
    // level of the last statement's body.
    let mut next_level: Option<usize> = None;
    for i in (0..lines.len()).rev() {
        if let Some(l) = level_of[i] {
            next_level = Some(l);
        } else if lines[i].comment {
            level_of[i] = next_level;
        }
    }
    let mut last = 0;
    let mut last_opener = false;
    for i in 0..lines.len() {
        if lines[i].comment && level_of[i].is_none() {
            level_of[i] = Some(if last_opener { last + 1 } else { last });
        }
        if let Some(l) = level_of[i]
            && !lines[i].comment
        {
            last = l;
            last_opener = lines[i].opener;
        }
    }
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            if line.blank {
                return String::new();
            }
            let spaces = if line.continuation {
                level_of[line.owner].unwrap_or(0) * INDENT + line.hang
            } else {
                level_of[i].unwrap_or(0) * INDENT
            };
            format!("{}{}", " ".repeat(spaces), line.text)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rebuilt(code: &str) -> String {
        let lines: Vec<&str> = code.lines().map(str::trim).collect();
        let r = reindent(&lines);
        assert!(r.parses, "does not parse:\n{}", r.lines.join("\n"));
        r.lines.join("\n")
    }

    #[test]
    fn body_after_opener_and_exit() {
        let code = "def add_item(item, lst=None):\n    if lst is None:\n        lst = []\n    lst.append(item)\n    return lst";
        assert_eq!(rebuilt(code), code);
    }

    #[test]
    fn a_later_top_level_step_does_not_keep_earlier_lines_nested() {
        // Numbered steps, each at the top: that the third step's `def`
        // sits at the top must not pull the second step into the `if`.
        let code = "# 1. Use sets\nif user_id in valid_ids:\n    ...\n# 2. Use generators\ntotal = sum(x for x in range(10))\n# 3. Use local variables\ndef fast_loop():\n    for i in range(10):\n        _append(i)";
        assert_eq!(rebuilt(code), code);
    }

    #[test]
    fn call_of_defined_function_is_top_level() {
        let code = "def add_item(item, lst=[]):\n    lst.append(item)\n    return lst\nadd_item(1)";
        assert_eq!(rebuilt(code), code);
        let code = "def count(n):\n    while n > 0: n -= 1\n# Two threads\nt1 = threading.Thread(target=count, args=(5,))";
        assert_eq!(rebuilt(code), code);
    }

    #[test]
    fn a_defined_class_may_be_used_inside_a_later_block() {
        let code = "class User(Base):\n    name = Column(String)\nwith Session(engine) as session:\n    user = User(name=\"Alice\")\n    session.add(user)";
        assert_eq!(rebuilt(code), code);
    }

    #[test]
    fn methods_stay_in_their_class() {
        let code = "class Timer:\n    def __enter__(self):\n        self.start = time.time()\n        return self\n\n    def __exit__(self, exc_type, exc_val, exc_tb):\n        self.elapsed = time.time() - self.start\n        return False\n\nwith Timer() as t:\n    time.sleep(1)";
        assert_eq!(rebuilt(code), code);
    }

    #[test]
    fn clauses_sit_with_their_statement() {
        let code = "try:\n    x = 1 / 0\nexcept ZeroDivisionError as e:\n    print(e)\nelse:\n    pass\nfinally:\n    print(\"done\")";
        assert_eq!(rebuilt(code), code);
        let code = "for x in xs:\n    if x:\n        break\nelse:\n    print(\"none\")";
        assert_eq!(rebuilt(code), code);
    }

    #[test]
    fn decorators_and_properties() {
        let code = "class C:\n    @property\n    def x(self):\n        return self._x\n\n    @x.setter\n    def x(self, v):\n        self._x = v";
        assert_eq!(rebuilt(code), code);
    }

    #[test]
    fn brackets_and_strings_continue_lines() {
        let code = "data = {\n    \"a\": 1,\n    \"b\": 2,\n}\ndef f():\n    \"\"\"Doc\n    more.\"\"\"\n    return data";
        assert_eq!(rebuilt(code), code);
    }

    #[test]
    fn one_line_clauses() {
        let code = "def describe(command):\n    match command:\n        case \"go\": return 1\n        case _: return 0\n# Sequence patterns\nmatch point:\n    case (0, 0): print(\"Origin\")\n    case (x, 0): print(x)";
        assert_eq!(rebuilt(code), code);
        let code = "if x: y = 1\nelse: y = 2\nprint(y)";
        assert_eq!(rebuilt(code), code);
    }

    #[test]
    fn unparseable_block_is_reported() {
        let r = reindent(&["def f(:", "return"]);
        assert!(!r.parses);
        assert_eq!(r.lines.len(), 2);
    }
}
