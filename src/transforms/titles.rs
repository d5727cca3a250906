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
use crate::transforms::tables;

/// Longest generated title, in characters, before it is cut at a word.
pub const MAX_TITLE_CHARS: usize = 110;

/// How many later lines [`generate`] starts from, one after another,
/// when the rules read no question from the answer's first lines.
pub const RETRIES: usize = 8;

/// Writes a title for an answer that has none, from what the answer
/// opens with, first match wins:
/// 1. a defining sentence: `A descriptor is ...` → `What is a descriptor?`;
///    a reason: `NumPy operations are fast because ...` → `Why are NumPy
///    operations fast?`; a gerund with its object as the subject:
///    `Evaluating LLM outputs is ...` → `Explain evaluating LLM outputs.`;
/// 2. parallel labelled parts: `FBVs: ...` … `CBVs: ...` → `What is the
///    difference between FBVs and CBVs?`; a list of labelled bullets:
///    `- Blocking the event loop: ...` … → `Explain blocking the event
///    loop, ...`; parts glued into one line (`list: O(1) append.dict:
///    ...`) are split first; prose that opens with placeholders for code
///    (`[...] builds the whole list`, `(...) is lazy`) contrasts what the
///    code shows them to be: `What is the difference between a list
///    comprehension and a generator expression?`;
/// 3. a subject and verb: `Python resolves names in this order` →
///    `How does Python resolve names?`; advice: `Never call X` → `Why
///    should you never call X?`; an instruction: `Register X using Y` →
///    `How do you register X using Y?`; a verb whose subject was the lost
///    heading: `Occurs when X` → `What occurs when X?`, `Introduced in
///    PEP 484` → `What was introduced in PEP 484?`, named by the next
///    sentence (`They are annotations only` → `What are the annotations
///    introduced in PEP 484?`); an indefinite
///    subject: `A weak reference does not ...` → `What is a weak
///    reference?`. Context is looked past: a second sentence defining a
///    term with an article (`In Python, classes are objects too. A
///    metaclass is ...`), the clause after a leading adverbial phrase,
///    which stays as the setting (`In multiple inheritance, how does the
///    C3 algorithm determine ...?`). A label over a list (`Production
///    considerations: A; B; C`) names no term: one that is a clause asks
///    for what it lists (`Bugs Hypothesis finds that unit tests miss: ...`
///    → `What bugs does Hypothesis find that unit tests miss?`), any other
///    gives way to the prose line after it;
/// 4. numbered paragraphs naming their terms: `1. Encapsulation — ...`,
///    `2. Inheritance — ...` → `Explain encapsulation and inheritance.`,
///    also as comments over code (`# 1. INGESTION β ...`); numbered
///    comments naming their items (`# 1. Late binding closures`, ...) →
///    `Explain late binding closures, ...`, tips among them (`# 1. Use
///    sets for membership tests`, ...) → `Why should you use sets for
///    membership tests and generators for large data?`;
///    numbered comments sharing a label (`## Approach 1: Entry points`,
///    `## Approach 2: Registry via metaclass`) → `Explain these
///    approaches: entry points and registry via metaclass.`;
/// 5. a comment naming a term: `# WeakSet — set of weakly-referenced
///    objects` → `What is WeakSet?`, or a term the code names in full
///    (`# Timeout — Python 3.11+` over `asyncio.timeout(5.0)` → `How do
///    you use asyncio.timeout()?`), a heading after a name (`# ——— DRF —
///    Custom Object Permission ———` → `Explain custom object permission
///    in DRF.`); a gerund heading → `How do you test Flask?`; three or
///    more headings over snippets (`# Swap variables`, `# Ternary
///    expression`, ...) → `Explain swapping variables, ternary expression
///    and ...`; a clause before a colon (`# AbstractUser already has:`)
///    and a comment continuing one name nothing; any other comment →
///    `Explain …`;
/// 6. code: the module it imports or the name it defines →
///    `How do you use heapq?`, `What does make_counter do?`; the two
///    functions of the module it calls → `What is the difference between
///    copy.copy() and copy.deepcopy()?`, the one function it calls of a
///    plumbing module (`How do you use sys.getrefcount()?`); past plumbing
///    imports (`os`, `json`) to what follows them; an instruction comment
///    heading the code after its imports (`# Define tools the LLM can
///    call` → `How do you define tools the LLM can call?`); section
///    comments over the code that name the import among other topics
///    (`# CORS middleware`, `# Custom middleware`, `# Background tasks —
///    ...` under `from fastapi import BackgroundTasks`) → `Explain CORS
///    middleware, custom middleware and background tasks.`; what the
///    imported names are used for: an interface classes are named after
///    (`class Shape(Protocol)`, `CircleShape`, `SquareShape` → `How do you
///    implement the Shape protocol?`), keys of one kind of call
///    (`sort(key=attrgetter(...))` → `How do you sort with attrgetter?`),
///    further topics headed over imports of their own (`#
///    Testing Flask` over `import pytest` → `Explain patch from
///    unittest.mock, testing Flask and testing FastAPI.`), a second
///    library the comments name (`# ChromaDB — local vector store` →
///    `How do you use SentenceTransformer with ChromaDB?`); a
///    `[tool.pytest]` table → `How do you configure pytest in
///    pyproject.toml?`.
///
/// Label lines (`Key features:`) are skipped. A bare subject the answer's
/// code spells as a name keeps that spelling (`What is Protocol?`); a
/// module the prose spells with capitals, or that exports its own name
/// (`from flask import Flask`), takes them (`How do you use FastAPI?`,
/// `How do you use Flask?`). Never
/// empty: the last resort is `Explain the following code.` When the rules
/// read a fragment that is no question or task ([`is_question_form`]),
/// the title is read again from the second line on, then the third, up
/// to [`RETRIES`] lines in, and the first question found wins.
///
/// ```
/// use pyqconv::readers::BodyLine;
/// use pyqconv::transforms::titles::generate;
/// let body = vec![BodyLine { line: 3, text: "The GIL is a mutex in CPython that ...".into() }];
/// assert_eq!(generate(&body), "What is the GIL?");
/// ```
pub fn generate(body: &[BodyLine]) -> String {
    // A rule that reads a fragment as its subject (`# vs os.path:` →
    // `Explain vs os.path.`) gives no question; the answer read from a
    // later line on may.
    let mut title = generate_from(body);
    let mut from = 0;
    while !is_question_form(&title) && from + 1 < body.len().min(RETRIES + 1) {
        from += 1;
        let next = generate_from(&body[from..]);
        if is_question_form(&next) {
            title = next;
        }
    }
    if !is_question_form(&title) {
        // No line gave a question (`# or modern style:` read as the
        // subject): the last resort.
        title = "Explain the following code.".to_string();
    }
    // `What is protocol?` from `Protocol (PEP 544) defines ...`: a bare
    // subject the answer's code spells as a name keeps its spelling.
    let code: Vec<String> = body
        .iter()
        .map(|b| b.text.trim())
        .filter(|t| {
            is_code_line(t)
                && !t.starts_with('#')
                && !crate::transforms::indentation::reads_as_prose(t)
        })
        .map(outside_strings)
        .collect();
    let names: Vec<&str> = code
        .iter()
        .flat_map(|t| t.split(|c: char| !(c.is_alphanumeric() || c == '_')))
        .filter(|w| !w.is_empty())
        .collect();
    let title = code_spelling(&title, &names);
    let prose: Vec<&str> = body
        .iter()
        .map(|b| b.text.trim())
        .filter(|t| !is_code_line(t) || t.starts_with('#'))
        .collect();
    prose_spelling(&title, &prose)
}

/// `How do you use flask?` → `How do you use Flask?` when the answer's
/// prose or comments spell the module's name (four letters or more) with
/// capitals (`Flask is a micro web framework ...`, `# FastAPI: async REST
/// framework`): a module is imported in lowercase, but the library is
/// named as its authors write it.
fn prose_spelling(title: &str, prose: &[&str]) -> String {
    let Some(module) = title
        .strip_prefix("How do you use ")
        .and_then(|r| r.strip_suffix('?'))
        .filter(|m| m.len() >= 4 && m.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
    else {
        return title.to_string();
    };
    prose
        .iter()
        .flat_map(|l| l.split(|c: char| !(c.is_alphanumeric() || c == '_')))
        .find(|w| w.to_lowercase() == module && *w != module)
        .map_or_else(|| title.to_string(), |w| format!("How do you use {w}?"))
}

/// A line of code without its string literals and comment (`stage(3,
/// "Production")  # note` → `stage(3, )`).
pub(crate) fn outside_strings(code: &str) -> String {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    for c in code.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' => break,
            None => out.push(c),
        }
    }
    out
}

/// `title` with the bare subject of `What is x?` / `What are x?`
/// capitalised as one of `names` spells it, when the names hold it only
/// so (`What is protocol?` and `class Drawable(Protocol)` → `What is
/// Protocol?`; a constant `MIDDLEWARE` changes nothing).
fn code_spelling(title: &str, names: &[&str]) -> String {
    for opening in ["What is ", "What are "] {
        let Some(rest) = title.strip_prefix(opening) else {
            continue;
        };
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let word = &rest[..end];
        if word.is_empty() || !word.chars().all(|c| c.is_lowercase()) || names.contains(&word) {
            continue;
        }
        if let Some(name) = names.iter().find(|n| **n == upper_first(word)) {
            return format!("{opening}{name}{}", &rest[end..]);
        }
    }
    title.to_string()
}

fn generate_from(body: &[BodyLine]) -> String {
    // `list: O(1) append. Use as a stack.dict: O(1) get.`: labelled parts
    // glued into one line are read one a line.
    let lines: Vec<String> = body
        .iter()
        .flat_map(|b| unglue_labels(b.text.trim()))
        .collect();
    let texts: Vec<&str> = lines
        .iter()
        .map(|t| t.trim())
        .map(|t| t.strip_prefix("- ").unwrap_or(t))
        .filter(|t| !t.is_empty() && !is_label(t))
        .collect();
    let is_prose =
        |t: &str| !is_code_line(t) && !t.starts_with('|') && t.chars().any(char::is_alphabetic);
    // Names the answer's code uses (comments aside).
    let code_words: std::collections::HashSet<String> = texts
        .iter()
        .filter(|t| is_code_line(t) && !t.starts_with('#'))
        .flat_map(|t| {
            t.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    // The answer's opening sentence, when it opens with prose; wrapped
    // lines joined until one ends a sentence.
    let opening = |k: usize| {
        let mut line = texts[k].to_string();
        for next in &texts[k + 1..] {
            // A line ending on `an` or `of` was wrapped mid-phrase: what
            // follows continues it even when it opens like code (`async
            // function — ...`).
            let mid_phrase = line
                .rsplit(' ')
                .next()
                .is_some_and(|w| crate::text::DANGLING_WORDS.contains(&w));
            if line.ends_with(['.', '?', '!', ':']) || !is_prose(next) && !mid_phrase {
                break;
            }
            line.push(' ');
            line.push_str(next);
        }
        line
    };
    let from_sentence = |line: &str| {
        let first = first_sentence(line);
        if first.ends_with('?') && first.starts_with(|c: char| c.is_uppercase()) {
            // A question the answer asks itself; a surviving title tail
            // (`NewType, TypeAlias, and TypeGuard?`) is completed.
            return Some(complete_tail(first));
        }
        if let Some(q) = label_clause_question(first) {
            return Some(q);
        }
        // `Reference counting: Every object has ...` names its term first;
        // `Production considerations: A; B; C` labels a list, no term.
        if let Some((term, rest)) = first.split_once(": ")
            && !is_list(rest)
            && let term = drop_parentheses(term)
            && let term = term.as_str()
            && (1..=3).contains(&term.split_whitespace().count())
            && term.starts_with(|c: char| c.is_uppercase())
            && rest.starts_with(|c: char| c.is_uppercase())
            && crate::text::word_count(rest) >= 3
            && !COMMENT_LABELS.contains(&term.to_lowercase().as_str())
            && !term.contains(['=', '(', '['])
            && !matches!(
                term.split_whitespace().next(),
                Some("For" | "In" | "With" | "On" | "At" | "By" | "From" | "To" | "As")
            )
            && !term
                .split_whitespace()
                .any(|w| crate::text::DANGLING_WORDS.contains(&w) || w == "over" || w == "alone")
        {
            return Some(what_is(term));
        }
        let shapes = |sentence: &str| {
            definition_question(sentence)
                .or_else(|| participle_question(sentence))
                .or_else(|| advice_question(sentence))
                .or_else(|| imperative_question(sentence))
                .or_else(|| subjectless_question(sentence))
                .or_else(|| negative_claim_question(sentence))
                .or_else(|| verb_question(sentence))
                .or_else(|| release_question(sentence))
                .or_else(|| noun_phrase_question(sentence))
                .or_else(|| generic_subject_question(sentence))
        };
        // `In Python, classes are objects too. A metaclass is the class of
        // a class ...`: a sentence that defines a term with an article
        // names the subject better than the context before it.
        let second = line[first.len()..]
            .trim_start_matches(['.', '?', '!'])
            .trim();
        let second = drop_parentheses(first_sentence(second));
        if (leading_adverbial(first).is_some()
            || !crate::transforms::boundaries::is_definitional(first))
            && (second.starts_with("A ") || second.starts_with("An "))
            && let Some(q) = definition_question(&second)
        {
            return Some(q);
        }
        let sentence = drop_parentheses(first);
        // `Introduced in PEP 484. They are annotations only.`: what was
        // introduced is named by the sentence after.
        if let Some(q) = participle_question(&sentence)
            && let Some(q) = named_by_pronoun(&q, &second)
        {
            return Some(q);
        }
        shapes(&sentence).or_else(|| {
            // `In Python's multiple inheritance, the C3 linearization
            // algorithm determines ...`: the clause after a leading
            // adverbial phrase carries the shape; the phrase stays as the
            // question's setting (a bare `In Python,` says nothing).
            let (setting, rest) = leading_adverbial(&sentence)?;
            let q = shapes(&upper_first(rest))?;
            Some(if setting == "In Python" {
                q
            } else {
                format!("{setting}, {}", lower_first(&q))
            })
        })
    };
    let prose_at = texts.iter().position(|t| is_prose(t));
    if let Some(q) = topic_labels(body) {
        return q;
    }
    // Every line, label lines included, from the first prose line on.
    let from_prose: Vec<&str> = prose_at
        .filter(|&k| k <= 2)
        .map(|k| {
            lines
                .iter()
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
                .skip_while(|t| *t != texts[k])
                .collect()
        })
        .unwrap_or_default();
    if let Some(q) = parallel_labels(&from_prose) {
        return q;
    }
    if let Some(q) = bullet_labels(body) {
        return q;
    }
    if let Some(q) = placeholder_contrast(&texts) {
        return q;
    }
    if let Some(q) = prose_at
        .filter(|&k| k <= 2)
        .and_then(|k| parallel_definitions(&texts[k..]))
    {
        return q;
    }
    if let Some(k) = prose_at.filter(|&k| k <= 2) {
        let line = name_placeholder(&opening(k), &texts);
        if numbered_term(&line).is_none()
            && let Some(q) = from_sentence(&line)
        {
            return q;
        }
        // `Production considerations: A; B; C.` lists parts of the answer;
        // the prose line after it says what the answer is about.
        if line
            .split_once(": ")
            .is_some_and(|(label, rest)| crate::text::word_count(label) <= 4 && is_list(rest))
            && let Some(j) = (k + 1..texts.len().min(k + 3)).find(|&j| is_prose(texts[j]))
            && let Some(q) = from_sentence(&opening(j))
        {
            return q;
        }
    }
    // `1. Encapsulation — ...`, also as comments over code (`# 1.
    // INGESTION β chunk and embed`), a shouted term in lowercase.
    let terms: Vec<String> = texts
        .iter()
        .take(60)
        .filter_map(|t| numbered_term(t.strip_prefix("# ").unwrap_or(t)))
        .map(unshout)
        .collect();
    if terms.len() >= 2 {
        let refs: Vec<&str> = terms.iter().map(String::as_str).collect();
        return format!("Explain {}.", join_terms(&refs));
    }
    if let Some(q) = numbered_comments(&texts) {
        return q;
    }
    if let Some(q) = labelled_numbered_comments(&texts) {
        return q;
    }
    if let Some(c) = texts.first().and_then(|t| t.strip_prefix('#')) {
        // `# Testing Flask` over its code: the heading is a task.
        if let Some(q) = gerund_task(c.trim()) {
            return q;
        }
        if let Some(q) = heading_comments(&texts) {
            return q;
        }
        // `# ——— ALWAYS use parameterised queries ———` alone: a decorated
        // heading is a heading, not a sentence.
        if is_decorated(texts[0])
            && let Some(h) = section_heading(texts[0])
        {
            return format!("Explain {}.", heading_phrase(&h));
        }
        if let Some(q) = from_sentence(c.trim()) {
            return q;
        }
        if let Some(q) = comment_title(texts[0], &code_words) {
            return q;
        }
    }
    if let Some(q) = hook_title(&texts) {
        return q;
    }
    if let Some(q) = kinds_title(&texts) {
        return q;
    }
    if let Some(q) = config_title(&texts) {
        return q;
    }
    if let Some(q) = table_title(&texts) {
        return q;
    }
    // Code that opens the answer: an import block or a definition.
    if let Some(k) = texts.iter().take(3).position(|t| !t.starts_with('#'))
        && code_title(&texts[k..=k], true).is_some()
        && let Some(q) = code_title(&texts[k..], false)
    {
        // `from openai import OpenAI` … `# Define tools the LLM can call`:
        // an instruction heading the code names its task better than the
        // library does.
        if q.starts_with("How do you use ")
            && let Some(task) = instruction_comment(&texts[k..])
        {
            return task;
        }
        // `from collections import defaultdict, Counter, deque` over `#
        // defaultdict — ...`, `# Counter — ...`: a tour of the module's
        // names asks what they are for.
        if let Some(t) = survey_title(&texts[k..]) {
            return t;
        }
        // `from fastapi import BackgroundTasks` … `# CORS middleware`, `#
        // Custom middleware`, `# Background tasks — run after ...`: the
        // import is one of the topics the section comments list.
        if q.starts_with("How do you use ")
            && let Some(subject) = import_subject(&texts[k..], false)
            && let Some(run) = section_run(&texts, &subject)
        {
            return run;
        }
        if let Some(use_of) = q
            .strip_prefix("How do you use ")
            .and_then(|r| r.strip_suffix('?'))
        {
            let code = &texts[k..];
            // What the imported names are used for names the task.
            if let Some(t) = implemented_interface(code)
                .or_else(|| key_function_task(code))
                .or_else(|| imported_topics(code, use_of))
                .or_else(|| bound_class_of(code, use_of))
            {
                return t;
            }
            if let Some(subject) = import_subject(code, false)
                && let Some(t) = named_companion(code, &subject)
            {
                return t;
            }
        }
        return q;
    }
    if let Some(k) = prose_at {
        let line = opening(k);
        if let Some(q) = from_sentence(&line) {
            return q;
        }
    }
    if let Some(k) = prose_at.filter(|&k| k <= 2) {
        let line = opening(k);
        let sentence = drop_parentheses(first_sentence(&line));
        let sentence = sentence.trim_end_matches(['.', ':', ';', ',']).trim();
        if crate::text::word_count(sentence) >= 4 {
            return format!("Explain: {}", cut(sentence));
        }
    }
    // `# ... first_name, last_name,` / `# is_staff, ...`: a comment after
    // one ending on a comma continues it and names nothing of its own.
    if let Some(t) = texts
        .iter()
        .enumerate()
        .filter(|&(k, _)| k == 0 || !(texts[k - 1].starts_with('#') && texts[k - 1].ends_with(',')))
        .find_map(|(_, t)| comment_title(t, &code_words))
    {
        return t;
    }
    if let Some(k) = prose_at {
        let sentence = drop_parentheses(first_sentence(texts[k]));
        let sentence = sentence.trim_end_matches(['.', ':', ';', ',']).trim();
        if crate::text::word_count(sentence) >= 2 {
            return format!("Explain: {}", cut(sentence));
        }
    }
    code_title(&texts, true).unwrap_or_else(|| "Explain the following code.".to_string())
}

/// Whether `t` is a label line introducing what follows (`Key features:`,
/// `Rule of thumb:`): up to four words ending in `:`.
fn is_label(t: &str) -> bool {
    t.ends_with(':') && !t.starts_with('#') && t.split_whitespace().count() <= 4 && !is_code_line(t)
}

/// The term of a numbered paragraph: `1. Encapsulation — bundling ...` →
/// `Encapsulation`.
fn numbered_term(t: &str) -> Option<&str> {
    let (n, rest) = t.split_once(". ")?;
    n.parse::<u32>().ok()?;
    let end = rest.find([' ', ':', ',']).unwrap_or(rest.len());
    let (term, after) = rest.split_at(end);
    let after = after.trim_start();
    (term.starts_with(|c: char| c.is_uppercase())
        && term.chars().all(|c| c.is_alphanumeric() || c == '-')
        && (after.starts_with(['—', '-', ':', '–']) || after.starts_with("β")))
    .then_some(term)
}

/// `a`, `a and b`, `a, b and c` with common nouns in lowercase.
fn join_terms(terms: &[&str]) -> String {
    let terms: Vec<String> = terms
        .iter()
        .map(|t| {
            let mut c = t.chars();
            let first = c.next().unwrap_or(' ');
            let rest: String = c.collect();
            if rest.chars().all(char::is_lowercase) {
                format!("{}{rest}", first.to_lowercase())
            } else {
                (*t).to_string()
            }
        })
        .collect();
    match terms.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, init)) => format!("{} and {last}", init.join(", ")),
        None => String::new(),
    }
}

/// Removes parenthesised asides: `CPython interns (caches) small ints` →
/// `CPython interns small ints`.
pub(crate) fn drop_parentheses(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' if out.ends_with(' ') || out.is_empty() => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A title from a comment line: `# Term — description` or `# Term:
/// description` → `What is Term?`; a short comment → `Explain <comment>.`
/// Comments holding code (`# t[0] = 99`) and decorations give none.
fn comment_title(t: &str, code_words: &std::collections::HashSet<String>) -> Option<String> {
    let c = t
        .strip_prefix('#')?
        .trim()
        .trim_matches(['-', '=', '*', '—', ' ']);
    if c.is_empty()
        || !c.starts_with(|ch: char| ch.is_alphabetic())
        || c.contains(['=', '(', '[', '{', '"', '\'', '<', '>'])
        || c.ends_with(".py")
    {
        return None;
    }
    for sep in [" — ", " β ", " - ", ": "] {
        if let Some((term, rest)) = c.split_once(sep) {
            let term = drop_parentheses(term);
            if is_file_name(&term) {
                // `# config.py: class-based config hierarchy`: the file
                // holds what the rest describes.
                let rest = drop_parentheses(rest);
                let rest = rest.trim().trim_end_matches(['.', ':']);
                return (1..=8)
                    .contains(&rest.split_whitespace().count())
                    .then(|| format!("Explain {}.", lower_first(rest)));
            }
            if COMMENT_LABELS.contains(&term.to_lowercase().as_str())
                || term.starts_with("Python ")
                    && term[7..].starts_with(|c: char| c.is_ascii_digit())
            {
                return None;
            }
            let words: Vec<&str> = term.split_whitespace().collect();
            // `# AbstractUser already has: username, ...`: a clause, not a term.
            if words.iter().any(|w| FINITE_VERBS.contains(w)) {
                return None;
            }
            // `# DRF — Custom Object Permission`: a heading in Title Case
            // after a name is the topic, the name its setting.
            let heading: Vec<&str> = rest.split_whitespace().collect();
            if words.len() == 1
                && lower_first(&term) == term
                && (2..=4).contains(&heading.len())
                && heading.iter().all(|w| {
                    w.starts_with(|c: char| c.is_uppercase()) && w.chars().all(char::is_alphabetic)
                })
            {
                return Some(format!("Explain {} in {term}.", rest.to_lowercase()));
            }
            if words.len() == 1 && lower_first(&term) != term && !code_words.contains(&term) {
                // `# Timeout — Python 3.11+` over `asyncio.timeout(5.0)`:
                // the code names the term in full.
                let suffix = format!(".{}", term.to_lowercase());
                if let Some(name) = code_words.iter().filter(|w| w.ends_with(&suffix)).min() {
                    return Some(format!("How do you use {name}()?"));
                }
                // A plain word (`# Time — use freezegun`) names no term,
                // unless the code uses it (`# Counter — ...`).
                return None;
            }
            if (1..=4).contains(&words.len()) {
                return Some(if code_words.contains(&term) {
                    format!("What is {term}?")
                } else {
                    what_is(&term)
                });
            }
            return None;
        }
    }
    let c = drop_parentheses(c);
    let c = c.trim_end_matches(['.', ':']);
    if COMMENT_LABELS.contains(&c.to_lowercase().as_str()) {
        return None;
    }
    if let Some(q) = gerund_task(c) {
        return Some(q);
    }
    (1..=8)
        .contains(&c.split_whitespace().count())
        .then(|| format!("Explain {}.", lower_first(c)))
}

/// Finite verbs that make a phrase a clause rather than a term
/// (`AbstractUser already has`).
const FINITE_VERBS: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "does", "do", "did", "can", "will", "should",
    "must", "may", "might", "could", "would",
];

/// Whether `verb` is a bare verb an instruction may open with
/// ([`BARE_VERBS`], [`INSTRUCTION_VERBS`]).
fn is_known_verb(verb: &str) -> bool {
    BARE_VERBS.contains(&verb) || INSTRUCTION_VERBS.contains(&verb)
}

/// The bare verb of a gerund the verb lists know: `testing` → `test`,
/// `setting` → `set`, `caching` → `cache`; `None` for any other word.
fn gerund_base(w: &str) -> Option<String> {
    if !is_gerund(w) {
        return None;
    }
    let w = w.to_lowercase();
    let stem = w.strip_suffix("ing")?;
    let c: Vec<char> = stem.chars().collect();
    let n = c.len();
    let undoubled = (n >= 2 && c[n - 1] == c[n - 2]).then(|| c[..n - 1].iter().collect::<String>());
    [Some(stem.to_string()), Some(format!("{stem}e")), undoubled]
        .into_iter()
        .flatten()
        .find(|v| is_known_verb(v))
}

/// The gerund of a bare verb: `swap` → `swapping`, `use` → `using`,
/// `test` → `testing`.
fn gerund_of(verb: &str) -> String {
    if let Some(stem) = verb.strip_suffix('e')
        && !verb.ends_with("ee")
    {
        return format!("{stem}ing");
    }
    let c: Vec<char> = verb.chars().collect();
    let vowel = |c: char| "aeiou".contains(c);
    let n = c.len();
    // One short syllable ending consonant-vowel-consonant doubles it.
    let doubles = (3..=4).contains(&n)
        && !vowel(c[0])
        && !vowel(c[n - 1])
        && !"wxy".contains(c[n - 1])
        && vowel(c[n - 2])
        && !vowel(c[n - 3]);
    if doubles {
        format!("{verb}{}ing", c[n - 1])
    } else {
        format!("{verb}ing")
    }
}

/// A gerund phrase as the task it names: `Testing Flask` → `How do you
/// test Flask?` — a capitalised gerund of a known verb and up to five
/// words it acts on, no code. `None` for other phrases, and for gerunds
/// of verbs the lists do not know (`Evaluating LLM outputs`). For a
/// heading over code, which shows how; a gerund subject of a sentence
/// (`Mocking external services is ...`) says what, and stays `Explain`.
fn gerund_task(phrase: &str) -> Option<String> {
    let phrase = phrase.trim().trim_end_matches(['.', ':']);
    let (first, rest) = phrase.split_once(' ')?;
    if !first.starts_with(|c: char| c.is_uppercase())
        || !(1..=5).contains(&crate::text::word_count(rest))
        || rest.contains(['=', '(', '[', '{', '"', ':', '—', ';', ','])
        || rest.split_whitespace().any(|w| FINITE_VERBS.contains(&w))
    {
        return None;
    }
    let base = gerund_base(first)?;
    Some(format!("How do you {base} {rest}?"))
}

/// A comment that heads a snippet as its section: `# Ternary expression`,
/// `# ——— Built-in fixtures ———`: up to five words without code, a
/// separator or a label, decorations and notes after them dropped.
fn section_heading(t: &str) -> Option<String> {
    let c = t.strip_prefix('#')?.trim();
    let c = c.trim_start_matches(['-', '=', '*', '—', ' ']);
    let c = c.split("———").next().unwrap_or(c);
    let c = drop_parentheses(c.trim_end_matches(['-', '=', '*', '—', ' ']));
    let words = crate::text::word_count(&c);
    let numbered = c
        .split_once(". ")
        .is_some_and(|(n, _)| n.parse::<u32>().is_ok());
    (c.starts_with(|ch: char| ch.is_alphabetic())
        && (1..=5).contains(&words)
        && !numbered
        && !c.contains([
            '=', '(', '[', '{', '"', '\'', '<', '>', ':', ',', '.', '—', ';', '@',
        ])
        && !c.contains(" - ")
        && !COMMENT_LABELS.contains(&c.to_lowercase().as_str()))
    .then_some(c)
}

/// Headings an answer's snippets are grouped under, one comment over each
/// (`# Swap variables`, `a, b = b, a`, `# Ternary expression`, ...) →
/// `Explain swapping variables, multiple assignment from iterable and
/// ternary expression.`: the first line heads a snippet, three or more do
/// (or two decorated alike, [`heading_decoration`]), the first three
/// (fewer when too long) are named, an instruction as its gerund.
fn heading_comments(texts: &[&str]) -> Option<String> {
    let headings: Vec<(usize, String)> = texts
        .iter()
        .enumerate()
        .take(80)
        // Over code, or decorated as a heading (`# --- Field lookups ---`).
        .filter(|&(k, t)| is_decorated(t) || texts.get(k + 1).is_some_and(|n| !n.starts_with('#')))
        .filter_map(|(k, t)| Some((k, heading_phrase(&section_heading(t)?))))
        .collect();
    // Two headings of one decoration are a walk-through too (`# ———
    // Parameterised queries ———` … `# ——— Database Indexes ———`).
    let decorations: Vec<Option<&str>> = headings
        .iter()
        .map(|&(k, _)| heading_decoration(texts[k]))
        .collect();
    let sibling_pair =
        headings.len() == 2 && decorations[0].is_some() && decorations[0] == decorations[1];
    if headings.len() < 3 && !sibling_pair || headings[0].0 != 0 {
        return None;
    }
    let headings: Vec<String> = headings.into_iter().map(|(_, h)| h).collect();
    explain_items("Explain ", &headings, ".", 3)
}

/// Sections an import block's code is grouped under, when they name the
/// import among other topics: `from fastapi import BackgroundTasks` over
/// `# CORS middleware`, `# Custom middleware`, `# Background tasks — run
/// after the response is sent` → `Explain CORS middleware, custom
/// middleware and background tasks.`
///
/// A section is a heading over code or decorated ([`section_heading`], as
/// in [`heading_comments`]) or a comment naming a term before its gloss
/// ([`term_comment`]). The first section comes before any code past the
/// imports, two or more follow, and one of the answer's comments names
/// the import's subject (its first imported name or its module, `@lru_cache`
/// in `# Python makes this trivial with @lru_cache`), or a section spells
/// it in words (`Background tasks` for `BackgroundTasks`). Sections that
/// never name the import are steps of what it does (`# Login`, `#
/// Protected route` under `OAuth2PasswordBearer`), and the import title
/// stays, unless the code never uses the imported name.
fn section_run(texts: &[&str], subject: &(String, String)) -> Option<String> {
    let texts = &texts[..texts.len().min(80)];
    // The first line of code past the import block (and the comments and
    // wrapped name lists in it).
    let mut in_imports = false;
    let body_at = texts
        .iter()
        .position(|t| {
            let code = t.split(" #").next().unwrap_or(t).trim();
            if code.starts_with('#') {
                return false;
            }
            if import_of(code).is_some() {
                in_imports = true;
                return false;
            }
            !(in_imports && !code.contains(['=', ':']) && !code.starts_with('@'))
        })
        .unwrap_or(texts.len());
    let sections: Vec<(usize, String)> = texts
        .iter()
        .enumerate()
        .filter(|(_, t)| t.starts_with('#'))
        .filter_map(|(k, t)| {
            let over_code = texts.get(k + 1).is_some_and(|n| !n.starts_with('#'));
            let s = term_comment(t)
                .or_else(|| section_heading(t).filter(|_| over_code || is_decorated(t)))?;
            Some((k, heading_phrase(&s)))
        })
        .collect();
    if sections.len() < 2 || sections[0].0 >= body_at {
        return None;
    }
    let (module, first) = subject;
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let top = module.split('.').next().unwrap_or(module);
    let names: Vec<String> = [first.as_str(), module.as_str(), top]
        .iter()
        .filter(|n| !n.is_empty())
        .map(|n| n.to_lowercase())
        .collect();
    let mentioned = texts.iter().filter(|t| t.starts_with('#')).any(|t| {
        t.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .map(|w| w.trim_matches('.').to_lowercase())
            // `# asyncio.Lock — ...` names `asyncio` by its attribute.
            .any(|w| {
                names.contains(&w)
                    || w.split_once('.')
                        .is_some_and(|(m, _)| names.iter().any(|n| n == m))
            })
    });
    // `Background tasks` spells `BackgroundTasks`, `Serializer` the module
    // `serializers`.
    let spelled = sections.iter().any(|(_, s)| {
        let s = squash(s);
        names
            .iter()
            .map(|n| squash(n))
            .any(|n| !n.is_empty() && (s == n || format!("{s}s") == n || format!("{n}s") == s))
    });
    // `from django.db.models.functions import Coalesce` over code that
    // never calls it: a stray import names no subject the sections could
    // be steps of.
    let unused = !first.is_empty()
        && !texts[body_at..]
            .iter()
            .filter(|t| !t.starts_with('#'))
            .flat_map(|t| t.split(|c: char| !(c.is_alphanumeric() || c == '_')))
            .any(|w| w == first);
    if !mentioned && !spelled && !unused {
        return None;
    }
    let items: Vec<String> = sections.into_iter().map(|(_, s)| s).collect();
    explain_items("Explain ", &items, ".", 3)
}

/// The term a comment names before its gloss: `# BFS — use deque for O(1)
/// popleft` → `BFS`, `# Memoization (top-down) β recursive + cache` →
/// `Memoization`, `# Serializer = validation + serialization` →
/// `Serializer`, `# atomic() — wrap in a transaction` → `atomic()`,
/// alternatives (`# values() / values_list() — dicts`) as they are. Up to
/// four words of a name or plain words; a clause (`# Python's sort is
/// Timsort — ...`), a label (`# Note: ...`), a file name or a version
/// names no term.
fn term_comment(t: &str) -> Option<String> {
    let c = t.trim_start_matches('#').trim();
    // `# ——— monkeypatch — temporarily modify ... ———`: a decorated
    // heading glosses its term inside the decoration.
    let c = if is_decorated(t) {
        c.trim_matches(|ch: char| matches!(ch, '—' | '-' | '=') || ch.is_whitespace())
    } else {
        c
    };
    let (at, sep) = [" — ", " – ", " β ", " - ", ": ", " = "]
        .iter()
        .filter_map(|sep| c.find(sep).map(|at| (at, sep.len())))
        .min()?;
    let gloss = c[at + sep..].trim();
    let term = drop_parentheses(&c[..at]);
    // `values() / values_list()`: alternatives, each a name.
    let good = |part: &str| {
        let name = part.strip_suffix("()").unwrap_or(part);
        let words: Vec<&str> = name.split_whitespace().collect();
        name.starts_with(|ch: char| ch.is_alphabetic() || ch == '_')
            && (1..=4).contains(&words.len())
            && name
                .chars()
                .all(|ch| ch.is_alphanumeric() || matches!(ch, ' ' | '_' | '-' | '.'))
            && !words
                .iter()
                .any(|w| FINITE_VERBS.contains(w) || w.starts_with(|ch: char| ch.is_ascii_digit()))
    };
    (term.split(" / ").all(good)
        && crate::text::word_count(&term) <= 4
        && gloss.starts_with(|ch: char| ch.is_alphanumeric())
        && !COMMENT_LABELS.contains(&term.to_lowercase().as_str())
        && !is_file_name(&term))
    .then_some(term)
}

/// Whether comment `t` is decorated as a heading: `# --- Basic Queries
/// ---`, `# ——— Assertions ———`, `# === Setup ===`.
fn is_decorated(t: &str) -> bool {
    heading_decoration(t).is_some()
}

/// The decoration a comment heading opens with (`---` of `# --- Basic
/// Queries ---`, `——` of `# ——— Assertions ———`, `===` of `# === Setup
/// ===`), or `None` when `t` is not so decorated. Headings that share a
/// decoration are sibling parts of one walk-through.
pub fn heading_decoration(t: &str) -> Option<&'static str> {
    let c = t.trim_start_matches('#').trim();
    ["---", "——", "==="].into_iter().find(|d| c.starts_with(d))
}

/// Adverbs a heading may shout before its instruction (`# ——— ALWAYS use
/// parameterised queries ———`).
const EMPHASIS: &[&str] = &["always", "never", "only", "also"];

/// The [`EMPHASIS`] adverbs that add stress and no sense: the instruction
/// means the same without them.
const STRESS_ONLY: &[&str] = &["always", "also"];

/// A heading as a phrase inside a sentence: an instruction becomes its
/// gerund (`Swap variables` → `swapping variables`), a plain word is
/// lowercased ([`lower_first`]).
fn heading_phrase(h: &str) -> String {
    // `ALWAYS use parameterised queries`: an adverb shouted for emphasis
    // leads the instruction; the phrase is the instruction's. An adverb
    // that only stresses it is dropped (`Explain always using ...` reads
    // as `always explain`); one that changes its sense is said quietly
    // before it (`never using eval`).
    if let Some((first, rest)) = h.split_once(' ')
        && first.chars().all(|c| c.is_ascii_uppercase())
        && EMPHASIS.contains(&first.to_lowercase().as_str())
    {
        let adverb = first.to_lowercase();
        return if STRESS_ONLY.contains(&adverb.as_str()) {
            heading_phrase(rest)
        } else {
            format!("{adverb} {}", heading_phrase(rest))
        };
    }
    if let Some((first, rest)) = h.split_once(' ')
        && first.chars().skip(1).all(|c| c.is_ascii_lowercase())
        && is_known_verb(&first.to_lowercase())
    {
        return format!("{} {rest}", gerund_of(&first.to_lowercase()));
    }
    lower_first(h)
}

/// `{lead}a, b and c{end}` naming as many of the first `most` items as
/// fit in [`MAX_TITLE_CHARS`], at least two.
fn explain_items(lead: &str, items: &[String], end: &str, most: usize) -> Option<String> {
    (2..=most.min(items.len())).rev().find_map(|n| {
        let refs: Vec<&str> = items[..n].iter().map(String::as_str).collect();
        let mut list = join_terms(&refs);
        if refs[n - 1].contains(" and ") {
            // `..., aggregation, and update and delete`: the last item's
            // own `and` is set off by a comma.
            let (init, last) = refs.split_at(n - 1);
            list = format!("{}, and {}", join_terms(init), last[0]);
        }
        let t = format!("{lead}{list}{end}");
        (t.chars().count() <= MAX_TITLE_CHARS).then_some(t)
    })
}

/// Numbered comments over code naming what each part shows: `# 1. Late
/// binding closures`, `# 2. Mutable default argument`, ... → `Explain late
/// binding closures, mutable default argument and ...`; tips, when most
/// open with an instruction (`# 1. Use sets for membership tests`, `# 2.
/// Use generators for large data`) → `Why should you use sets for
/// membership tests and generators for large data?` (a tip is advice,
/// and its reason the thing to learn), a verb the tips share said once. The answer opens with `# 1.`; three items or more.
fn numbered_comments(texts: &[&str]) -> Option<String> {
    let item = |t: &str| -> Option<String> {
        let (n, rest) = t.strip_prefix('#')?.trim().split_once(". ")?;
        n.parse::<u32>().ok()?;
        let rest = drop_parentheses(rest);
        let item = clause(&rest).to_string();
        (item.starts_with(|c: char| c.is_alphabetic())
            && (1..=7).contains(&crate::text::word_count(&item))
            && !item.contains(['=', '[', '{', '"']))
        .then_some(item)
    };
    if !texts.first().is_some_and(|t| t.starts_with("# 1. ")) {
        return None;
    }
    let items: Vec<String> = texts.iter().take(120).filter_map(|t| item(t)).collect();
    if items.len() < 3 {
        return None;
    }
    let verb = |i: &String| -> Option<String> {
        let first = i.split_whitespace().next()?;
        let v = first.to_lowercase();
        (first.starts_with(|c: char| c.is_uppercase()) && is_known_verb(&v)).then_some(v)
    };
    let tips: Vec<&String> = items.iter().filter(|i| verb(i).is_some()).collect();
    if tips.len() * 2 > items.len() {
        // `use sets ..., use generators ...`: the shared verb once.
        let first_verb = verb(tips[0])?;
        let phrases: Vec<String> = tips
            .iter()
            .enumerate()
            .map(|(k, t)| {
                let v = verb(t).unwrap_or_default();
                let rest = t.split_once(' ').map_or("", |(_, r)| r);
                if k > 0 && v == first_verb {
                    rest.to_string()
                } else {
                    format!("{v} {rest}")
                }
            })
            .collect();
        return explain_items("Why should you ", &phrases, "?", 3);
    }
    let terms: Vec<String> = items.iter().map(|i| lower_first(i)).collect();
    explain_items("Explain ", &terms, ".", 3)
}

/// Numbered comments sharing a label, the answer opening with the first:
/// `## Approach 1: Entry points (packaging standard)`, `## Approach 2:
/// Registry via metaclass`, ... → `Explain these approaches: entry points,
/// registry via metaclass and ...`. The label is one capitalised word,
/// the numbers run from 1 in order, two items or more; an item is named
/// up to its gloss, without asides.
fn labelled_numbered_comments(texts: &[&str]) -> Option<String> {
    let item = |t: &str| -> Option<(String, u32, String)> {
        let c = t.strip_prefix('#')?.trim_start_matches('#').trim();
        let (head, rest) = c.split_once(": ")?;
        let (label, n) = head.split_once(' ')?;
        let n = n.parse::<u32>().ok()?;
        let rest = drop_parentheses(rest);
        let name = clause(&rest).to_string();
        (label.starts_with(|ch: char| ch.is_uppercase())
            && label.chars().all(char::is_alphabetic)
            && (1..=6).contains(&crate::text::word_count(&name))
            && !name.contains(['=', '[', '{', '"']))
        .then(|| (label.to_lowercase(), n, name))
    };
    let (label, 1, first) = item(texts.first()?)? else {
        return None;
    };
    let mut items = vec![lower_first(&first)];
    for t in texts.iter().take(120).skip(1) {
        if let Some((l, n, name)) = item(t)
            && l == label
            && n as usize == items.len() + 1
        {
            items.push(lower_first(&name));
        }
    }
    if items.len() < 2 {
        return None;
    }
    explain_items(
        &format!("Explain these {}: ", plural(&label)),
        &items,
        ".",
        3,
    )
}

/// The plural of a lowercase English noun: `approach` → `approaches`,
/// `strategy` → `strategies`, `step` → `steps`.
fn plural(noun: &str) -> String {
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| noun.ends_with(e))
    {
        return format!("{noun}es");
    }
    if let Some(stem) = noun.strip_suffix('y')
        && stem.ends_with(|c: char| !"aeiou".contains(c))
    {
        return format!("{stem}ies");
    }
    format!("{noun}s")
}

/// Whether `term` is a file name or path (`config.py`, `app/models.py`,
/// `pyproject.toml`): one word with an extension or a `/`.
fn is_file_name(term: &str) -> bool {
    !term.contains(' ')
        && (term.contains('/')
            || term.rsplit_once('.').is_some_and(|(stem, ext)| {
                !stem.is_empty()
                    && matches!(
                        ext,
                        "py" | "toml" | "cfg" | "ini" | "txt" | "yaml" | "yml" | "json" | "env"
                    )
            }))
}

/// `What is <term>?`, or `What are <terms>?` when a term of several words
/// ends in a plural (`ASGI servers`), the term's first word lowercased
/// unless it is a name ([`lower_first`]).
fn what_is(term: &str) -> String {
    let words: Vec<&str> = term.split_whitespace().collect();
    let plural = words.len() > 1
        && words
            .last()
            .is_some_and(|w| w.ends_with('s') && !w.ends_with("ss"));
    let verb = if plural { "are" } else { "is" };
    format!("What {verb} {}?", lower_first(term))
}

/// `s` with its first letter capitalised (`the C3 algorithm ...` → `The
/// C3 algorithm ...`), the clause after a leading adverbial phrase made a
/// sentence of its own.
fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Lowercases the first letter of `s` when its first word is a plain
/// capitalised word or an article (`Exception chaining` → `exception
/// chaining`, `A descriptor` → `a descriptor`), not an acronym, a name in
/// CamelCase or code (`GIL`, `WeakSet`, `__slots__`). A hyphenated word
/// in Title Case is lowercased whole (`Class-Based views` → `class-based
/// views`).
fn lower_first(s: &str) -> String {
    let first = s.split_whitespace().next().unwrap_or("");
    let mut chars = first.chars();
    // `Class-Based`: a hyphenated word in Title Case, each part a word.
    let title_cased_parts = |w: &str| {
        w.contains('-')
            && w.split('-').all(|p| {
                let mut c = p.chars();
                c.next().is_some_and(char::is_uppercase)
                    && c.clone().count() >= 1
                    && c.all(char::is_lowercase)
            })
    };
    let plain = first == "A"
        || (chars.next().is_some_and(char::is_uppercase)
            && chars.clone().count() >= 1
            && chars.all(|c| c.is_lowercase() || c == '-')
            || title_cased_parts(first))
            && !PROPER_NOUNS.contains(&first);
    let title_case_words = s
        .split_whitespace()
        .take_while(|w| {
            let mut c = w.chars();
            (c.next().is_some_and(char::is_uppercase)
                && c.clone().count() >= 1
                && c.all(char::is_lowercase)
                || title_cased_parts(w))
                && !PROPER_NOUNS.contains(w)
        })
        .count();
    if plain && title_case_words >= 2 && title_case_words == s.split_whitespace().count() {
        // A phrase in Title Case (`Shared Memory`) is a common noun phrase.
        return s.to_lowercase();
    }
    if plain && title_cased_parts(first) {
        // `Class-Based views` → `class-based views`.
        return format!("{}{}", first.to_lowercase(), &s.trim_start()[first.len()..]);
    }
    if plain {
        let mut c = s.chars();
        let f = c.next().unwrap_or(' ');
        format!("{}{}", f.to_lowercase(), c.as_str())
    } else {
        s.to_string()
    }
}

/// Words that label a comment rather than name a term (`# BAD — ...`).
const COMMENT_LABELS: &[&str] = &[
    "bad", "good", "better", "best", "worse", "note", "wrong", "right", "ok", "todo", "warning",
    "usage", "example", "output", "result", "before", "after", "tip", "fix", "fixed", "problem",
    "solution", "option 1", "option 2", "step 1", "pros", "cons", "why", "how", "rule",
];

/// Capitalised words that stay capitalised inside a sentence.
const PROPER_NOUNS: &[&str] = &[
    "Python",
    "CPython",
    "PyPy",
    "Django",
    "Flask",
    "FastAPI",
    "Pydantic",
    "Celery",
    "Redis",
    "Linux",
    "Windows",
    "Docker",
    "Rust",
    "Cython",
    "Numba",
    "Starlette",
    "Uvicorn",
    "Gunicorn",
    "Jinja",
    "Jinja2",
    "SQLAlchemy",
    "Alembic",
    "PostgreSQL",
    "MySQL",
    "SQLite",
    "Kubernetes",
    "Mypy",
    "Ruff",
    "Black",
    "Poetry",
    "Timsort",
];

/// Auxiliaries and modals that are not the main verb of a sentence.
const NOT_VERBS: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "does", "do", "did", "can", "will", "should",
    "must", "may", "might", "could", "would", "this", "its", "as", "was", "always",
];

/// `Python resolves names in this order` → `How does Python resolve
/// names?`: a short capitalised or code subject, a present-tense verb, and
/// its object up to the first preposition, comma or dash.
fn verb_question(sentence: &str) -> Option<String> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    // `Most logging bugs come from ...` generalises over its subject; it
    // does not say how one thing works.
    if words.first().is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "most" | "many" | "some" | "all" | "few" | "several" | "both"
        )
    }) {
        return None;
    }
    // A subject of two phrases joined by `and` (`Python's dynamic nature
    // and first-class functions make ...`) may run to seven words.
    let reach = if words.iter().take(6).any(|w| *w == "and") {
        8
    } else {
        5
    };
    for v in 1..words.len().min(reach) {
        let verb = words[v];
        let subject = &words[..v];
        if v >= 5 && !subject.contains(&"and") {
            break;
        }
        if v + 1 == words.len() {
            // A sentence ending on its "verb" (`Critical production
            // settings`) is a noun phrase.
            return None;
        }
        if words
            .get(v + 1)
            .is_some_and(|n| matches!(*n, "—" | "–" | "-" | "β"))
        {
            return None;
        }
        // `Python dicts use ...`: a plural noun followed by a bare verb;
        // `methods surrounded by ...`: a noun followed by a participle;
        // `fixtures are ...`: the subject of a definition.
        // `Property-based testing verifies that ...`: after a gerund the
        // word is the verb.
        let after_gerund = subject
            .last()
            .is_some_and(|w| w.ends_with("ing") && w.len() > 4);
        if !after_gerund
            && words.get(v + 1).is_some_and(|next| {
                verb.ends_with('s')
                    && (BARE_VERBS.contains(next)
                        || next.ends_with("ed")
                        || matches!(*next, "is" | "are" | "that" | "which" | "who"))
            })
        {
            continue;
        }
        if subject.iter().any(|w| w.ends_with([',', ':', ';'])) {
            return None;
        }
        if !verb.chars().all(|c| c.is_ascii_lowercase())
            || verb.len() < 3
            || NOT_VERBS.contains(&verb)
            || !verb.ends_with('s')
            || verb.ends_with("ss")
            || verb.ends_with("ous")
        {
            // Plural subjects take the bare verb: `Context managers implement`.
            let plural = subject.last().is_some_and(|w| {
                w.ends_with('s') && !w.ends_with("ss") && w.chars().all(char::is_alphabetic)
            });
            let bare = verb.chars().all(|c| c.is_ascii_lowercase())
                && verb.len() >= 3
                && !NOT_VERBS.contains(&verb)
                && BARE_VERBS.contains(&verb);
            if plural && bare && v >= 1 {
                return Some(build_verb_question("do", subject, verb, &words[v + 1..]));
            }
            continue;
        }
        let first = subject[0];
        let base_len = verb.len() - 1;
        let subject_ok = first.starts_with(|c: char| c.is_uppercase())
            || first.contains(['_', '.'])
            || subject.len() == 1 && BARE_VERBS.iter().any(|b| verb[..base_len].starts_with(b));
        if !subject_ok {
            return None;
        }
        let base = verb_base(verb);
        if matches!(
            base.as_str(),
            "describe" | "define" | "mean" | "refer" | "denote"
        ) {
            return Some(format!("What is {}?", lower_first(&subject.join(" "))));
        }
        return Some(build_verb_question("does", subject, &base, &words[v + 1..]));
    }
    None
}

/// The bare form of a verb in `-s`: `resolves` → `resolve`, `applies` →
/// `apply`, `catches` → `catch`.
fn verb_base(verb: &str) -> String {
    if let Some(stem) = verb.strip_suffix("ies") {
        format!("{stem}y")
    } else if ["ches", "shes", "xes", "sses", "zes", "oes"]
        .iter()
        .any(|e| verb.ends_with(e))
    {
        verb[..verb.len() - 2].to_string()
    } else {
        verb[..verb.len() - 1].to_string()
    }
}

/// Verbs whose bare form follows a plural subject in the openings seen.
const BARE_VERBS: &[&str] = &[
    "use",
    "implement",
    "allow",
    "let",
    "provide",
    "run",
    "store",
    "hold",
    "make",
    "give",
    "support",
    "handle",
    "define",
    "describe",
    "work",
    "return",
    "create",
    "manage",
    "control",
    "track",
    "find",
    "keep",
    "take",
    "call",
    "build",
    "check",
    "send",
    "read",
    "write",
    "convert",
    "wrap",
    "cache",
    "compile",
    "resolve",
    "need",
    "become",
    "require",
    "raise",
    "accept",
    "add",
    "share",
    "help",
    "prevent",
    "avoid",
    "follow",
    "apply",
    "produce",
    "execute",
    "map",
    "process",
    "represent",
    "contain",
    "enable",
    "expose",
    "replace",
    "validate",
    "generate",
];

fn build_verb_question(aux: &str, subject: &[&str], verb: &str, rest: &[&str]) -> String {
    const STOP: &[&str] = &[
        "in", "on", "at", "into", "for", "with", "by", "from", "when", "because", "—", "-", "β",
        "so", "which", "that", "and", "but", "without", "whether", "if", "to", "as", "than",
        "across", "through", "over", "under", "via", "per", "like", "using",
    ];
    let mut object: Vec<&str> = Vec::new();
    for w in rest {
        if (STOP.contains(w) && !object.is_empty() && !(object.len() == 1 && *w == "to"))
            || object.len() >= 8
        {
            break;
        }
        let end = w.ends_with([',', ';', ':', '.']);
        object.push(w.trim_end_matches([',', ';', ':', '.']));
        if end {
            break;
        }
    }
    let subject = lower_first(&subject.join(" "));
    while object
        .last()
        .is_some_and(|w| crate::text::DANGLING_WORDS.contains(w))
    {
        object.pop();
    }
    let object: Vec<&str> = object
        .into_iter()
        .filter(|w| !matches!(*w, "—" | "–" | "-" | "β" | "…"))
        .collect();
    if object.is_empty() {
        return format!("How {aux} {subject} work?");
    }
    format!("How {aux} {subject} {verb} {}?", object.join(" "))
}

/// The import an import block at the head of `texts` is about, as
/// `(module, first imported name)`: the first module that is not plumbing
/// ([`COMMON_MODULES`]), an extension of it when one is imported too
/// (`flask_jwt_extended` after `flask`); with only plumbing, the first
/// import when `plumbing_ok`, else `None`. The block runs over
/// consecutive imports, comments and wrapped name lists.
fn import_subject(texts: &[&str], plumbing_ok: bool) -> Option<(String, String)> {
    let mut imports: Vec<(String, String)> = Vec::new();
    for t in texts.iter().take(12) {
        let code = t.split(" #").next().unwrap_or(t).trim();
        match import_of(code) {
            Some(found) => imports.push(found),
            None if code.starts_with('#') || code.is_empty() => {}
            None if !imports.is_empty() && !code.contains('=') && !code.contains(':') => {}
            None => break,
        }
    }
    let top = |m: &str| m.split('.').next().unwrap_or(m).to_string();
    let plain = |m: &str| !COMMON_MODULES.contains(&top(m).as_str());
    let mut chosen: Option<&(String, String)> = imports.iter().find(|(m, _)| plain(m));
    // `flask_jwt_extended` after `flask`: the extension is the subject.
    if let Some((m, _)) = chosen
        && let Some(ext) = imports.iter().find(|(n, _)| {
            let (tn, tm) = (top(n), top(m));
            tn.len() > tm.len() && tn.starts_with(&tm) && tn[tm.len()..].starts_with('_')
        })
    {
        chosen = Some(ext);
    }
    if chosen.is_none() && !plumbing_ok {
        // Only plumbing (`import os` before a config class): the answer
        // is about something else, named further on.
        return None;
    }
    chosen.or(imports.first()).cloned()
}

/// A title from code alone: the module of the first import (`How do you
/// use heapq?`) or the first function or class defined (`What does
/// make_counter do?`).
fn code_title(texts: &[&str], plumbing_ok: bool) -> Option<String> {
    let at = texts.iter().take(20).position(|t| {
        let code = t.split(" #").next().unwrap_or(t).trim();
        import_of(code).is_some()
            || ["def ", "class ", "async def "]
                .iter()
                .any(|k| t.starts_with(k))
    })?;
    let t = texts[at];
    if import_of(t.split(" #").next().unwrap_or(t).trim()).is_some() {
        let top = |m: &str| m.split('.').next().unwrap_or(m).to_string();
        let plain = |m: &str| !COMMON_MODULES.contains(&top(m).as_str());
        let (module, first) = &import_subject(&texts[at..], plumbing_ok)?;
        if first.is_empty() {
            // `copy.copy(...)` and `copy.deepcopy(...)`: the two functions
            // of the module the code calls are what it contrasts.
            let called = called_functions(texts, module);
            if let [a, b] = called.as_slice() {
                return Some(format!(
                    "What is the difference between {module}.{a}() and {module}.{b}()?"
                ));
            }
            // `import sys` … `sys.getrefcount(a)`: a plumbing module names
            // no subject; the one function of it the code calls does.
            if let [a] = called.as_slice()
                && !plain(module)
            {
                return Some(format!("How do you use {module}.{a}()?"));
            }
            // `import importlib.metadata` names its subject in full.
            return Some(format!("How do you use {module}?"));
        }
        let top = top(module);
        // `from flask import Flask`: the name the library exports spells
        // it as its authors do; `from dataclasses import dataclass`: the
        // module of one name says it once.
        return Some(if first.eq_ignore_ascii_case(&top) {
            format!("How do you use {first}?")
        } else if [format!("{first}s"), format!("{first}es")].contains(module) {
            format!("How do you use {module}?")
        } else {
            format!("How do you use {first} from {module}?")
        });
    }
    for kw in ["def ", "class ", "async def "] {
        if let Some(rest) = t.strip_prefix(kw) {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                return Some(format!("What does {name} do?"));
            }
        }
    }
    None
}

/// The names an import line brings in, as the code refers to them:
/// `from operator import attrgetter, itemgetter` → `attrgetter`,
/// `itemgetter`; `import numpy as np` → `np`; `from m import (` → none
/// yet (the wrapped list follows on its own lines).
fn imported_names(code: &str) -> Vec<String> {
    let list = if let Some(rest) = code.strip_prefix("import ") {
        rest
    } else if let Some((_, names)) = code
        .strip_prefix("from ")
        .and_then(|r| r.split_once(" import "))
    {
        names
    } else {
        return Vec::new();
    };
    list.split(',')
        .filter_map(|part| {
            let part = part.trim().trim_matches(['(', ')']).trim();
            let name = part.rsplit(" as ").next().unwrap_or(part).trim();
            let ok = !name.is_empty()
                && name.starts_with(|c: char| c.is_alphabetic() || c == '_')
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
            ok.then(|| name.to_string())
        })
        .collect()
}

/// The import block that opens `texts`: each import as `(module, names
/// it brings in)`, wrapped name lists (`from m import (` … `a, b` … `)`)
/// included, and the index of the first line past the block. Comments
/// inside the block are skipped.
fn opening_imports(texts: &[&str]) -> (Vec<(String, Vec<String>)>, usize) {
    let mut imports: Vec<(String, Vec<String>)> = Vec::new();
    let mut wrapped = false;
    for (k, t) in texts.iter().enumerate().take(16) {
        let code = t.split(" #").next().unwrap_or(t).trim();
        if code.starts_with('#') {
            continue;
        }
        if let Some((module, _)) = import_of(code) {
            wrapped = code.ends_with('(');
            imports.push((module, imported_names(code)));
            continue;
        }
        if wrapped && let Some((_, names)) = imports.last_mut() {
            // `JWTManager, create_access_token,` … `)`.
            wrapped = !code.contains(')');
            names.extend(imported_names(&format!("import {code}")));
            continue;
        }
        return (imports, k);
    }
    let end = texts.len().min(16);
    (imports, end)
}

/// Where `word` occurs in `code` as a whole name (not inside a longer
/// name, nor as an attribute of something else).
fn name_positions(code: &str, word: &str) -> Vec<usize> {
    code.match_indices(word)
        .map(|(at, _)| at)
        .filter(|&at| {
            let before = code[..at].chars().next_back();
            let after = code[at + word.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
                && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
        .collect()
}

/// The function or method whose argument list holds position `at` of
/// `code` (`users.sort(key=attrgetter('age'))` at `attrgetter` → `sort`),
/// and whether the argument there is passed by keyword (`key=`). `None`
/// outside any call, or inside a list or dict display.
fn enclosing_call(code: &str, at: usize) -> Option<(String, bool)> {
    let head = &code[..at];
    let mut depth = 0usize;
    for (i, c) in head.char_indices().rev() {
        match c {
            ')' | ']' | '}' => depth += 1,
            '(' | '[' | '{' if depth > 0 => depth -= 1,
            '(' => {
                let before = &head[..i];
                let start = before
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| c.is_alphanumeric() || *c == '_')
                    .last()
                    .map_or(before.len(), |(p, _)| p);
                let callee = &before[start..];
                let arg = head[i + 1..].rsplit(',').next().unwrap_or("").trim();
                let keyword = arg.ends_with('=') && !arg.ends_with("==");
                return (!callee.is_empty()).then(|| (callee.to_string(), keyword));
            }
            '[' | '{' => return None,
            _ => {}
        }
    }
    None
}

/// Calls that take a key function (`key=`), as the task they do.
const KEY_CALLS: &[(&str, &str)] = &[
    ("sort", "sort"),
    ("sorted", "sort"),
    ("groupby", "group"),
    ("min", "find the minimum"),
    ("max", "find the maximum"),
];

/// Code lines of `texts` past the import block, without strings and
/// comments ([`outside_strings`]); imports further down left out.
fn body_code(texts: &[&str], body_at: usize) -> Vec<String> {
    texts[body_at.min(texts.len())..]
        .iter()
        .filter(|t| is_code_line(t) && !t.starts_with('#'))
        .map(|t| outside_strings(t))
        .filter(|c| import_of(c.trim()).is_none())
        .collect()
}

/// Imported names that the code only ever passes as the key of one kind
/// of call: `from operator import attrgetter, itemgetter` over
/// `users.sort(key=attrgetter('age'))`, `data.sort(key=itemgetter('n'))`
/// → `How do you sort with attrgetter and itemgetter?` ([`KEY_CALLS`]).
/// The names are tools of the task, which the title asks for.
fn key_function_task(texts: &[&str]) -> Option<String> {
    let (imports, body_at) = opening_imports(texts);
    let code = body_code(texts, body_at);
    let mut task: Option<&str> = None;
    let mut used: Vec<&str> = Vec::new();
    let mut uses = 0;
    for name in imports.iter().flat_map(|(_, names)| names) {
        for line in &code {
            for at in name_positions(line, name) {
                let (callee, keyword) = enclosing_call(line, at)?;
                let (_, t) = KEY_CALLS.iter().find(|(c, _)| *c == callee)?;
                if !keyword || task.is_some_and(|seen| seen != *t) {
                    return None;
                }
                task = Some(t);
                uses += 1;
                if !used.contains(&name.as_str()) {
                    used.push(name);
                }
            }
        }
    }
    (uses >= 2).then(|| {
        format!(
            "How do you {} with {}?",
            task.unwrap_or("sort"),
            join_terms(&used)
        )
    })
}

/// The class of a module the answer's code makes its first object of:
/// `import threading` over `counter = 0`, `lock = threading.Lock()` →
/// `How do you use threading.Lock?`. `module` is what a plain `import`
/// brought in (no dot, no `from`); the first line of the code after the
/// imports that binds a name to a call of a capitalised attribute of it
/// names the class. A module whose functions the code calls
/// (`heapq.heapify(nums)`) keeps its own title.
fn bound_class_of(texts: &[&str], module: &str) -> Option<String> {
    if module.contains(['.', ' ']) {
        return None;
    }
    let (_, body_at) = opening_imports(texts);
    let prefix = format!("{module}.");
    body_code(texts, body_at).iter().find_map(|line| {
        let (target, value) = line.split_once(" = ")?;
        let target = target.trim();
        if !target.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return None;
        }
        let class = value.trim().strip_prefix(&prefix)?.split('(').next()?;
        (class.starts_with(|c: char| c.is_ascii_uppercase())
            && class.chars().all(|c| c.is_alphanumeric() || c == '_')
            && value.contains('('))
        .then(|| format!("How do you use {module}.{class}?"))
    })
}

/// The title of an answer that opens by registering the hooks of one
/// object, each decorator over a `def` (`@app.before_request` / `def
/// authenticate():` … `@app.after_request` … `@app.teardown_appcontext`;
/// [`crate::transforms::boundaries::hook`]) → `How do you use
/// @app.before_request, @app.after_request and @app.teardown_appcontext?`:
/// three hooks or more, named in the order registered, as many as fit.
fn hook_title(texts: &[&str]) -> Option<String> {
    use crate::transforms::boundaries::hook;
    let (object, _) = hook(texts.first()?)?;
    let mut hooks: Vec<String> = Vec::new();
    for (k, t) in texts.iter().enumerate() {
        if let Some((o, a)) = hook(t)
            && o == object
            && texts
                .get(k + 1)
                .is_some_and(|n| n.starts_with("def ") || n.starts_with("async def "))
        {
            let h = format!("@{o}.{a}");
            if !hooks.contains(&h) {
                hooks.push(h);
            }
        }
    }
    if hooks.len() < 3 {
        return None;
    }
    (3..=hooks.len())
        .rev()
        .map(|n| {
            let (last, init) = hooks[..n].split_last().expect("three hooks or more");
            format!("How do you use {} and {last}?", init.join(", "))
        })
        .find(|t| t.chars().count() <= MAX_TITLE_CHARS)
}

/// The fewest kinds of one thing a [`kinds_title`] compares.
const KINDS: usize = 3;

/// What sets a comment's head off from its gloss (`# class method —
/// receives cls`).
const GLOSS_DASHES: &[&str] = &[" — ", " – ", " - ", ": "];

/// The title of code whose trailing comments name the kind of each line,
/// kinds of one thing (`def describe(self): # instance method — receives
/// self`, `def margherita(cls): # class method — receives cls`, `def
/// calories(total): # static method`) → `What is the difference between
/// instance, class and static methods?`: at least [`KINDS`] distinct
/// two-word comments `<kind> <thing>` (a gloss after a dash allowed)
/// sharing the thing, within the first 40 lines, the answer opening with
/// code. The kinds are named in the order the code shows them.
fn kinds_title(texts: &[&str]) -> Option<String> {
    if !texts
        .first()
        .is_some_and(|t| is_code_line(t) && !t.starts_with('#'))
    {
        return None;
    }
    let mut kinds: Vec<(String, String)> = Vec::new();
    for t in texts.iter().take(40).filter(|t| !t.starts_with('#')) {
        let Some((_, comment)) = t.split_once(" # ") else {
            continue;
        };
        let head = GLOSS_DASHES
            .iter()
            .find_map(|d| comment.split_once(d).map(|(h, _)| h))
            .unwrap_or(comment)
            .trim();
        let words: Vec<&str> = head.split_whitespace().collect();
        if let [kind, thing] = words[..]
            && [kind, thing]
                .iter()
                .all(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_lowercase()))
            && !kinds.iter().any(|(k, t)| k == kind && t == thing)
        {
            kinds.push((kind.to_string(), thing.to_string()));
        }
    }
    // The thing most kinds share, the first shown on a tie.
    let things: Vec<&String> = kinds.iter().map(|(_, t)| t).collect();
    let thing = things.iter().max_by_key(|t| {
        (
            things.iter().filter(|u| u == t).count(),
            std::cmp::Reverse(things.iter().position(|u| u == *t)),
        )
    })?;
    let of: Vec<&str> = kinds
        .iter()
        .filter(|(_, t)| t == *thing)
        .map(|(k, _)| k.as_str())
        .collect();
    (of.len() >= KINDS).then(|| {
        let (last, init) = of.split_last().expect("three kinds or more");
        format!(
            "What is the difference between {} and {last} {}?",
            init.join(", "),
            plural(thing)
        )
    })
}

/// The most names a [`survey_title`] lists.
const SURVEY_TITLE_NAMES: usize = 4;

/// The title of an answer that tours the names its first import brings in
/// ([`crate::transforms::boundaries::import_survey`]): `from collections
/// import defaultdict, Counter, deque` / `# defaultdict — ...` / `#
/// Counter — ...` / `# deque — ...` → `What are defaultdict, Counter and
/// deque from collections used for?`, the names as the code spells them,
/// in the order the whole answer glosses them, up to [`SURVEY_TITLE_NAMES`]
/// (fewer when the title would be too long). The answer's imports must
/// all be from that module.
fn survey_title(texts: &[&str]) -> Option<String> {
    let (module, names) =
        crate::transforms::boundaries::import_survey(texts, 0, texts.len(), texts.len())?;
    // Other modules imported with it (`from rest_framework.test import
    // APITestCase` after `from django.test import TestCase, ...`) are
    // topics of the answer too: it is not one module's tour.
    let from_module = format!("from {module} import ");
    if texts
        .iter()
        .take_while(|t| crate::transforms::boundaries::imported_names(t).is_some())
        .any(|t| !t.starts_with(&from_module))
    {
        return None;
    }
    (2..=names.len().min(SURVEY_TITLE_NAMES))
        .rev()
        .map(|n| {
            let (last, init) = names[..n].split_last().expect("two names or more");
            format!(
                "What are {} and {last} from {module} used for?",
                init.join(", ")
            )
        })
        .find(|t| t.chars().count() <= MAX_TITLE_CHARS)
}

/// Topics the answer brings in with imports of their own, after the code
/// of its first: `from unittest.mock import patch` … `# Testing Flask`
/// over `import pytest` … `# Testing FastAPI` over `from fastapi.testclient
/// import TestClient` → `Explain patch from unittest.mock, testing Flask
/// and testing FastAPI.` A comment heading a new import starts a new
/// topic; two or more such are needed, each a heading ([`term_comment`],
/// [`section_heading`]). `subject` names the first topic.
fn imported_topics(texts: &[&str], subject: &str) -> Option<String> {
    let texts = &texts[..texts.len().min(80)];
    let (_, body_at) = opening_imports(texts);
    let topics: Vec<String> = (body_at..texts.len().saturating_sub(1))
        .filter(|&k| texts[k].starts_with('#'))
        .filter(|&k| import_of(texts[k + 1].split(" #").next().unwrap_or("").trim()).is_some())
        .filter_map(|k| term_comment(texts[k]).or_else(|| section_heading(texts[k])))
        .map(|h| heading_phrase(without_means(&h)))
        .collect();
    if topics.len() < 2 {
        return None;
    }
    let items: Vec<String> = std::iter::once(subject.to_string()).chain(topics).collect();
    explain_items("Explain ", &items, ".", 3)
}

/// A heading without the means it names after its topic: `Redis caching
/// via fastapi-cache2` → `Redis caching`, `Custom validation beyond
/// Pydantic` → `Custom validation`; the import under it names the means.
fn without_means(heading: &str) -> &str {
    [" via ", " beyond ", " using "]
        .iter()
        .filter_map(|p| heading.find(p))
        .min()
        .map_or(heading, |at| heading[..at].trim_end())
}

/// A second library imported with the subject, that the answer's comments
/// name as its authors spell it: `from embedder import Encoder`, `import
/// vectordb`, `# VectorDB — local store` → `How do you use Encoder with
/// VectorDB?`. The library (or a name imported from it, `jwt` from `jose`
/// in `# Login — issue JWT`) is spelled differently in a comment line of
/// its own, and the code uses what is imported from it.
fn named_companion(texts: &[&str], subject: &(String, String)) -> Option<String> {
    let texts = &texts[..texts.len().min(80)];
    let (imports, body_at) = opening_imports(texts);
    let top = |m: &str| m.split('.').next().unwrap_or(m).to_string();
    let (module, first) = subject;
    let code = body_code(texts, body_at);
    let comment_words: Vec<&str> = texts
        .iter()
        .filter(|t| t.starts_with('#'))
        .flat_map(|t| t.split(|c: char| !(c.is_alphanumeric() || c == '_')))
        .filter(|w| !w.is_empty())
        .collect();
    let spelled = imports
        .iter()
        .filter(|(m, _)| top(m) != top(module) && !COMMON_MODULES.contains(&top(m).as_str()))
        .filter(|(_, names)| {
            names
                .iter()
                .any(|n| code.iter().any(|l| !name_positions(l, n).is_empty()))
        })
        .find_map(|(m, names)| {
            std::iter::once(top(m))
                .chain(names.iter().cloned())
                .find_map(|n| {
                    comment_words
                        .iter()
                        .find(|w| w.to_lowercase() == n.to_lowercase() && **w != n)
                        .copied()
                })
        })?;
    let main = if first.is_empty() { module } else { first };
    Some(format!("How do you use {main} with {spelled}?"))
}

/// An interface the code defines and names classes after: `class
/// Shape(Protocol)`, `class CircleShape`, `class SquareShape` → `How do
/// you implement the Shape protocol?` (`interface` for an `ABC` base).
/// Two or more other classes end with its name.
fn implemented_interface(texts: &[&str]) -> Option<String> {
    let classes: Vec<(&str, &str)> = texts
        .iter()
        .filter_map(|t| t.strip_prefix("class "))
        .map(|rest| {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let bases = rest[end..]
                .strip_prefix('(')
                .and_then(|b| b.split_once(')'))
                .map_or("", |(b, _)| b);
            (&rest[..end], bases)
        })
        .collect();
    classes.iter().find_map(|(name, bases)| {
        let kind = match bases.trim() {
            "Protocol" | "typing.Protocol" => "protocol",
            "ABC" | "abc.ABC" => "interface",
            _ => return None,
        };
        let named_after = classes
            .iter()
            .filter(|(other, _)| other.len() > name.len() && other.ends_with(name))
            .count();
        (name.len() >= 3 && named_after >= 2)
            .then(|| format!("How do you implement the {name} {kind}?"))
    })
}

/// The distinct functions of `module` that the code lines of `texts` call
/// (`copy.deepcopy(x)` → `deepcopy`), in order of first call.
fn called_functions(texts: &[&str], module: &str) -> Vec<String> {
    let prefix = format!("{module}.");
    let mut out: Vec<String> = Vec::new();
    for t in texts
        .iter()
        .filter(|t| is_code_line(t) && !t.starts_with('#'))
    {
        let code = t.split(" #").next().unwrap_or(t);
        for (at, _) in code.match_indices(&prefix) {
            if code[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
            {
                continue;
            }
            let name: String = code[at + prefix.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let called = code[at + prefix.len() + name.len()..].starts_with('(');
            if called && !name.is_empty() && !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// Standard modules imported for plumbing (`os`, `json`, `logging`) rather
/// than as the subject of an answer.
const COMMON_MODULES: &[&str] = &[
    "os",
    "sys",
    "json",
    "time",
    "re",
    "logging",
    "datetime",
    "math",
    "random",
    "pathlib",
    "__future__",
    "uuid",
];

/// `(module, first imported name)` of an import line: `import heapq` →
/// `("heapq", "")`, `from django.db import transaction, models` →
/// `("django.db", "transaction")`.
fn import_of(code: &str) -> Option<(String, String)> {
    if let Some(rest) = code.strip_prefix("import ") {
        let module = rest.split([',', ' ']).next().unwrap_or(rest);
        return Some((module.to_string(), String::new()));
    }
    let (module, names) = code
        .strip_prefix("from ")
        .and_then(|r| r.split_once(" import "))?;
    let first = names
        .trim_start_matches('(')
        .split([',', ' '])
        .next()
        .unwrap_or("")
        .trim();
    Some((module.trim().to_string(), first.to_string()))
}

/// A title from a table that opens an answer: its first column names what
/// is compared (`| list | Yes | ...`, `| tuple | No | ...` → `Compare list,
/// tuple and set.`).
fn table_title(texts: &[&str]) -> Option<String> {
    let start = texts.iter().take(3).position(|t| t.starts_with('|'))?;
    let header: Vec<&str> = texts[start]
        .trim_matches('|')
        .split('|')
        .map(str::trim)
        .collect();
    // `| Feature | unittest | pytest |`: the columns are what is compared.
    if header.len() >= 3
        && matches!(
            header[0].to_lowercase().as_str(),
            "feature" | "aspect" | "operation" | "criterion" | "criteria" | "property" | ""
        )
    {
        return Some(format!("Compare {}.", join_terms(&header[1..])));
    }
    let end = start + tables::table_len(&texts[start..]);
    let rows = tables::join_wrapped_rows(&texts[start..end], |_| false);
    let column = |k: usize| -> Vec<&str> {
        rows.iter()
            .skip(1)
            .filter_map(|r| r.get(k).map(|c| c.trim()))
            .filter(|c| !c.is_empty() && c.len() <= 30 && !c.starts_with('-'))
            .collect()
    };
    let first = column(0);
    // `| S | Single Responsibility |`: letters spelling an acronym name
    // nothing; the next column does.
    if first.len() >= 2 && first.iter().all(|c| c.chars().count() <= 2) {
        let names = column(1);
        return (names.len() >= 2).then(|| format!("Explain {}.", join_terms(&names)));
    }
    (first.len() >= 2).then(|| format!("Compare {}.", join_terms(&first)))
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

/// Verbs whose object a question asks for (`What does super() do?`,
/// `What does asyncio.gather return?`) when a tail ends with them.
const WHAT_VERBS: &[&str] = &[
    "do", "return", "mean", "contain", "print", "yield", "produce", "output", "raise", "store",
];

/// Bare verbs after a code subject that ask how it acts (`How does
/// __slots__ save memory?`, `How does unittest.mock.patch decide where to
/// patch?`); with [`TAIL_VERBS`], which may follow any subject.
const HOW_VERBS: &[&str] = &[
    "decide",
    "save",
    "avoid",
    "choose",
    "find",
    "resolve",
    "implement",
    "cache",
    "determine",
    "know",
    "detect",
    "prevent",
    "ensure",
    "create",
    "call",
    "reduce",
    "speed",
    "protect",
    "release",
    "close",
    "clean",
    "free",
    "track",
    "schedule",
    "wait",
    "block",
    "serialize",
    "serialise",
    "parse",
    "validate",
    "lock",
    "copy",
    "compute",
    "pick",
    "dispatch",
    "load",
    "import",
    "look",
    "treat",
    "order",
    "sort",
    "hash",
];

/// Whether `title` already opens as a question or task, also after the
/// setting a leading adverbial phrase gives it (`In multiple inheritance,
/// how does C3 order the bases?`).
pub fn is_question_form(title: &str) -> bool {
    // `In Python's multiple inheritance, how does ...?`: a question after
    // the setting a leading adverbial phrase gives it.
    if title.ends_with('?')
        && let Some((_, rest)) = leading_adverbial(title)
        && is_question_form(&upper_first(rest))
    {
        return true;
    }
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

/// A tail that is only a module's name (`dis`, `signal`) over an answer
/// that imports it (`import dis`, `from signal import SIGTERM`) asks what
/// the module is for: `What is the dis module used for?`. `None` for any
/// other tail.
///
/// ```
/// use pyqconv::readers::BodyLine;
/// use pyqconv::transforms::titles::module_tail;
/// let body = BodyLine::numbered(&["dis disassembles bytecode.", "import dis", "dis.dis(f)"]);
/// assert_eq!(module_tail("dis", &body).as_deref(), Some("What is the dis module used for?"));
/// assert_eq!(module_tail("result", &body), None);
/// ```
pub fn module_tail(tail: &str, body: &[crate::readers::BodyLine]) -> Option<String> {
    let name = tail.trim();
    let lone = !name.is_empty()
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
    let imported = body.iter().any(|b| {
        let t = b.text.trim();
        t.strip_prefix("import ")
            .is_some_and(|rest| rest.split([',', ' ']).any(|m| m.trim() == name))
            || t.strip_prefix("from ")
                .is_some_and(|rest| rest.split_whitespace().next() == Some(name))
    });
    (lone && imported).then(|| format!("What is the {name} module used for?"))
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
/// assert_eq!(complete_tail("wheel files, and how do you publish to PyPI?"),
///            "What are wheel files, and how do you publish to PyPI?");
/// assert_eq!(complete_tail("bytes correctly?"), "How do you use bytes correctly?");
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

/// Whether `word` is an adverb of manner (`correctly`, `safely`,
/// `lazily`): lowercase, ending in `-ly` after at least four letters, and
/// not one of the common `-ly` nouns and adjectives (`assembly`,
/// `family`, `only`, `early`, `likely`).
fn is_manner_adverb(word: &str) -> bool {
    word.len() >= 6
        && word.ends_with("ly")
        && word.chars().all(|c| c.is_ascii_lowercase())
        && !matches!(
            word,
            "assembly"
                | "family"
                | "anomaly"
                | "supply"
                | "reply"
                | "friendly"
                | "likely"
                | "unlikely"
                | "early"
                | "only"
                | "daily"
                | "weekly"
                | "monthly"
                | "yearly"
                | "hourly"
                | "butterfly"
                | "monopoly"
                | "italy"
                | "lonely"
                | "lovely"
                | "ugly"
        )
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
    // `bytes correctly`: a short noun phrase ending in a manner adverb
    // lost the verb before it; ask how to do it so.
    if (2..=4).contains(&words.len())
        && words.last().is_some_and(|w| is_manner_adverb(w))
        && end_char == '?'
    {
        return format!("How do you use {clause}?");
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
            return format!(
                "What {} {subject}{rest}?",
                is_are(subject.trim_end_matches([',', ' ']))
            );
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
    // A code subject and a bare verb (`functools.singledispatch do`,
    // `unittest.mock.patch decide where to patch`): the auxiliary went
    // with the lost head.
    if words.len() >= 2 && is_code_word(words[0]) {
        let verb = words[1];
        if WHAT_VERBS.contains(&verb) && words.len() == 2 {
            return format!("What does {clause}?");
        }
        if WHAT_VERBS.contains(&verb) || HOW_VERBS.contains(&verb) {
            return format!("How does {clause}?");
        }
    }
    // A preference: `pathlib over os.path`, `BackgroundTasks instead of
    // a task queue like Celery`.
    let prefers = words.len() == 3 && words[1] == "over"
        || words.len() >= 4 && words[1] == "instead" && words[2] == "of";
    if prefers && end_char == '?' {
        return format!("When should you use {clause}?");
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
    // A list of one-word names (`enum.Enum, IntEnum, and Flag`) names
    // classes, not a heading in title case.
    let names_list = (clause.contains(", ") || lower.contains(" and "))
        && clause
            .split(',')
            .flat_map(|p| p.split(" and "))
            .map(str::trim)
            .filter(|p| !p.is_empty() && *p != "and")
            .all(|p| !p.contains(' '));
    if !prose.is_empty()
        && !names_list
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
/// between list comprehensions and generator expressions?`; a heading that
/// names one thing → `What is/are …?`, its number and article read from its head noun; other
/// headings → `Explain <heading>.` with common words in lowercase. A
/// heading that already reads as a question or task is kept.
///
/// ```
/// use pyqconv::transforms::titles::from_heading;
/// assert_eq!(from_heading("List Comprehensions vs Generator Expressions"),
///            "What is the difference between list comprehensions and generator expressions?");
/// assert_eq!(from_heading("Abstract Base Classes (ABC)"), "What are abstract base classes (ABC)?");
/// assert_eq!(from_heading("Iterator Protocol"), "What is the iterator protocol?");
/// assert_eq!(from_heading("Match Statement (Python 3.10+)"), "What is the match statement (Python 3.10+)?");
/// assert_eq!(from_heading("Unit Testing with pytest"), "What is unit testing with pytest?");
/// assert_eq!(from_heading("Transactions & Session Management"), "Explain transactions & session management.");
/// // A heading written as sentences keeps its words and capitals.
/// assert_eq!(from_heading("Python is popular. But know its pitfalls."),
///            "Explain: Python is popular. But know its pitfalls.");
/// assert_eq!(from_heading("Implement a LRU Cache"), "Implement a LRU Cache");
/// assert_eq!(from_heading("The GIL"), "What is the GIL?");
/// assert_eq!(from_heading("A Metaclass"), "What is a metaclass?");
/// assert_eq!(from_heading("Difference between local and global variables:"),
///            "What is the difference between local and global variables?");
/// ```
pub fn from_heading(heading: &str) -> String {
    let heading = heading.trim();
    if is_question_form(heading) {
        return heading.to_string();
    }
    // A heading written as sentences (`We know Python is all the rage.
    // But ...`) is the author's prose, not a title to recase: asked as a
    // task, it keeps its capitals.
    let sentences = heading.ends_with(['.', '!'])
        && (heading.contains(". ") || crate::text::word_count(heading) >= 10)
        && heading.starts_with(|c: char| c.is_uppercase());
    if sentences {
        return format!("Explain: {heading}");
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
            ) || PROPER_NOUNS.contains(&bare);
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
    let text = text.trim_end_matches(['.', ':']);
    // `Difference between X and Y`, `Differences between …`.
    for lead in ["difference between ", "differences between "] {
        if let Some(rest) = text.strip_prefix(lead) {
            return format!("What is the difference between {rest}?");
        }
    }
    noun_question(text).unwrap_or_else(|| format!("Explain {text}."))
}

/// A topic heading that names one thing, as a question: `generators` →
/// `What are generators?`, `iterator protocol` → `What is the iterator
/// protocol?`, `garbage collection` → `What is garbage collection?`, `GIL
/// (global interpreter lock)` → `What is the GIL (global interpreter
/// lock)?`, `walrus operator (:=) - Python 3.8+` → `What is the walrus
/// operator (:=) (Python 3.8+)?`. `None` for headings of several topics
/// (`&`, `and`, `,`), which stay tasks (`Explain X & Y.`).
///
/// Plural heads take `are`; a singular head takes `the` unless it names
/// an uncountable (`-ing`, `-tion`, `-ism`, `-ment`, … : `threading`,
/// `garbage collection`) or is a name (`asyncio`, `Celery`); an acronym
/// (`GIL`, `ORM`) takes `the`.
fn noun_question(text: &str) -> Option<String> {
    if text.contains(" & ") || text.contains(" and ") || text.contains(',') || text.contains(" / ")
    {
        return None;
    }
    // `The GIL`, `A metaclass`: the heading's own article asks.
    for article in ["the", "a", "an"] {
        if let Some(rest) = text
            .split_once(' ')
            .filter(|(w, _)| w.eq_ignore_ascii_case(article))
            .map(|(_, r)| r)
        {
            let asked = noun_question(rest)?;
            let bare = asked
                .strip_prefix("What is the ")
                .or_else(|| asked.strip_prefix("What is "))
                .map(|r| ("is", r))
                .or_else(|| asked.strip_prefix("What are ").map(|r| ("are", r)));
            return bare.map(|(verb, r)| format!("What {verb} {article} {r}"));
        }
    }
    // `X - Python 3.8+` is a version note: `X (Python 3.8+)`.
    let text = match text.split_once(" - ") {
        Some((core, note)) if note.starts_with("Python ") => format!("{core} ({note})"),
        Some(_) => return None,
        None => text.to_string(),
    };
    let core = match text.find(" (") {
        Some(i) => &text[..i],
        None => text.as_str(),
    };
    let all: Vec<&str> = core.split_whitespace().collect();
    // A clause (`Both are running`) is no noun phrase.
    if all.iter().any(|w| {
        matches!(
            *w,
            "is" | "are" | "was" | "were" | "has" | "have" | "can" | "will" | "does" | "do"
        )
    }) {
        return None;
    }
    // `In-Depth`, `Explained`: the heading announces a treatment, a task.
    if all.iter().any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "in-depth" | "explained" | "overview" | "basics" | "revisited" | "deep-dive"
        )
    }) {
        return None;
    }
    // The head noun stands before a preposition: `unit testing with pytest`.
    let words: Vec<&str> = all
        .iter()
        .copied()
        .take_while(|w| !matches!(*w, "with" | "in" | "for" | "of" | "on" | "using" | "via"))
        .collect();
    let head = *words.last()?;
    if all.len() > 6 || !head.chars().any(char::is_alphabetic) {
        return None;
    }
    let letters: Vec<char> = head.chars().filter(|c| c.is_alphabetic()).collect();
    let acronym = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    let plural = !acronym
        && head.ends_with('s')
        && !["ss", "us", "is", "ics"].iter().any(|e| head.ends_with(e));
    let uncountable = [
        "ing", "tion", "sion", "ism", "ance", "ence", "ity", "age", "ics", "ness", "ery",
    ]
    .iter()
    .any(|e| head.ends_with(e));
    // A name: `Celery`, `SQLAlchemy`, `asyncio`, `__slots__`.
    let name = !acronym
        && (head.chars().next().is_some_and(char::is_uppercase)
            || is_code_word(head)
            || head.chars().skip(1).any(char::is_uppercase)
            || !head.chars().all(|c| c.is_ascii_lowercase()));
    let single_lowercase_name = words.len() == 1 && head.chars().all(|c| c.is_ascii_lowercase());
    Some(if plural {
        format!("What are {text}?")
    } else if uncountable || name || single_lowercase_name && !acronym {
        format!("What is {text}?")
    } else {
        format!("What is the {text}?")
    })
}

/// The first sentence of `line`: up to the first `. ` / `? ` / `! `
/// (the mark kept), or the first spaced dash (`—`, or `β` its mojibake;
/// the dash dropped).
fn first_sentence(line: &str) -> &str {
    let mut end = line.len();
    for pat in [". ", "? ", "! "] {
        if let Some(i) = line.find(pat) {
            end = end.min(i + 1);
        }
    }
    for pat in [" — ", " β "] {
        if let Some(i) = line.find(pat) {
            end = end.min(i);
        }
    }
    line[..end].trim()
}

/// Negations a claim may turn on, and the contraction a question asks
/// with: `Python doesn't need ...` → `Why doesn't Python need ...?`.
const NEGATIONS: &[(&str, &str)] = &[
    ("doesn't", "doesn't"),
    ("does not", "doesn't"),
    ("don't", "don't"),
    ("do not", "don't"),
    ("isn't", "isn't"),
    ("is not", "isn't"),
    ("aren't", "aren't"),
    ("are not", "aren't"),
    ("can't", "can't"),
    ("cannot", "can't"),
    ("won't", "won't"),
    ("shouldn't", "shouldn't"),
];

/// `Python doesn't need a DI framework for most cases` → `Why doesn't
/// Python need a DI framework for most cases?`: a claim that something
/// does not hold is learned by its reason. The subject is one to four
/// words opening capitalised or with a code name, no comma in it; the
/// question runs to the end of the clause (a comma, `;` or dash), at most
/// ten words after the negation.
fn negative_claim_question(sentence: &str) -> Option<String> {
    let sentence = sentence.trim().trim_end_matches(['.', '!', ':']);
    let words: Vec<&str> = sentence.split_whitespace().collect();
    for v in 1..words.len().min(5) {
        let Some((neg, width)) = NEGATIONS.iter().find_map(|&(n, asked)| {
            let parts: Vec<&str> = n.split(' ').collect();
            (words.len() >= v + parts.len()
                && words[v..v + parts.len()]
                    .iter()
                    .zip(&parts)
                    .all(|(w, p)| w.eq_ignore_ascii_case(p)))
            .then_some((asked, parts.len()))
        }) else {
            continue;
        };
        let subject = &words[..v];
        let first = subject[0];
        if subject.iter().any(|w| w.ends_with([',', ':', ';']))
            || !(first.starts_with(|c: char| c.is_uppercase()) || first.contains(['_', '.']))
            || matches!(
                first,
                "A" | "An" | "This" | "It" | "That" | "These" | "Those" | "There"
            )
        {
            return None;
        }
        let rest: Vec<&str> = words[v + width..]
            .iter()
            .copied()
            .take_while(|w| !matches!(*w, "—" | "–" | "-" | "β"))
            .collect();
        let mut clause: Vec<&str> = Vec::new();
        for w in rest {
            let end = w.ends_with([',', ';']);
            clause.push(w.trim_end_matches([',', ';']));
            if end {
                break;
            }
        }
        if clause.is_empty() || clause.len() > 10 {
            return None;
        }
        return Some(format!(
            "Why {neg} {} {}?",
            lower_first(&subject.join(" ")),
            clause.join(" ")
        ));
    }
    None
}

/// `A weak reference does not prevent garbage collection` → `What is a
/// weak reference?`: a sentence whose subject is an indefinite noun phrase
/// (two to four words after `A`/`An`) states what any such thing does, so
/// it answers what the thing is.
fn generic_subject_question(sentence: &str) -> Option<String> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if !matches!(words.first(), Some(&"A" | &"An")) {
        return None;
    }
    let verb = (2..words.len().min(6)).find(|&k| {
        let w = words[k];
        matches!(
            w,
            "does" | "doesn't" | "can" | "cannot" | "can't" | "must" | "will" | "should" | "may"
        ) || w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && w.chars().all(|c| c.is_ascii_lowercase())
            && !NOT_VERBS.contains(&w)
    })?;
    let subject = &words[1..verb];
    if subject.is_empty()
        || subject.len() > 4
        || subject
            .iter()
            .any(|w| w.ends_with([',', ':', ';']) || DANGLING_OF_SUBJECT.contains(w))
    {
        return None;
    }
    Some(format!(
        "What is {} {}?",
        words[0].to_lowercase(),
        lower_first(&subject.join(" "))
    ))
}

/// Words that cannot end or sit inside a short noun phrase subject.
const DANGLING_OF_SUBJECT: &[&str] = &["of", "in", "for", "with", "that", "which", "and", "or"];

/// A leading adverbial phrase and the clause after it: `In Python's
/// multiple inheritance, the C3 algorithm ...` → (`In Python's multiple
/// inheritance`, `the C3 algorithm ...`). The phrase opens with a
/// capitalised preposition or conjunction and ends at a comma within its
/// first eight words; the clause has at least four words.
fn leading_adverbial(sentence: &str) -> Option<(&str, &str)> {
    let opener = sentence.split_whitespace().next()?;
    if !matches!(
        opener,
        "In" | "For"
            | "With"
            | "Unlike"
            | "Like"
            | "Since"
            | "Under"
            | "On"
            | "At"
            | "By"
            | "When"
            | "Because"
            | "Without"
            | "Inside"
            | "Within"
    ) {
        return None;
    }
    let comma = sentence.find(", ")?;
    let setting = &sentence[..comma];
    let rest = sentence[comma + 2..].trim();
    (crate::text::word_count(setting) <= 8 && crate::text::word_count(rest) >= 4)
        .then_some((setting, rest))
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
        // `connection is closed here`, `it is not ...`: a state, not a definition.
        let predicate = sentence[i + verb.len()..]
            .split_whitespace()
            .next()
            .unwrap_or("");
        let subject_ok = (1..=6).contains(&words)
            && !subject.contains([',', ':', ';'])
            && !PRONOUN_SUBJECTS.contains(&subject.to_lowercase().as_str());
        // `NumPy operations are fast because: ...`: a reason, not a definition.
        if subject_ok
            && let Some(q) = reason_question(subject, verb.trim(), &sentence[i + verb.len()..])
        {
            return Some(q);
        }
        if predicate.ends_with("ed") || matches!(predicate, "not" | "now" | "still" | "only") {
            break;
        }
        let lower_start = subject.starts_with(|c: char| c.is_lowercase())
            && !subject.contains(['_', '.', '('])
            && words > 3;
        if subject_ok && !lower_start {
            // `Evaluating LLM outputs is ...`: a gerund with its object is
            // an activity, not a thing that is something.
            let mut first = subject.split_whitespace();
            if first
                .next()
                .is_some_and(|w| is_gerund(w) && w.starts_with(|c: char| c.is_uppercase()))
                && first.next().is_some()
            {
                return Some(format!("Explain {}.", lower_first(subject)));
            }
            return Some(format!("What {} {}?", verb.trim(), lower_first(subject)));
        }
        break;
    }
    None
}

/// Subjects that point back to what a definition would name.
const PRONOUN_SUBJECTS: &[&str] = &[
    "it", "this", "that", "there", "these", "they", "here", "both", "all", "each", "some", "many",
    "most", "which", "what",
];

/// Whether `w` is a gerund: a word of four letters or more before `-ing`
/// (`Evaluating`, `caching`; not `string`, `thing`).
fn is_gerund(w: &str) -> bool {
    w.len() > 6 && w.ends_with("ing") && w.chars().all(char::is_alphabetic)
}

/// `X are fast because ...` → `Why are X fast?`: after `is`/`are`, one or
/// two words (an adjective, maybe with `not` or an adverb) and `because`.
fn reason_question(subject: &str, verb: &str, predicate: &str) -> Option<String> {
    let words: Vec<&str> = predicate.split_whitespace().collect();
    let at = words
        .iter()
        .take(4)
        .position(|w| w.trim_end_matches([':', ',']) == "because")?;
    let state = &words[..at];
    if state.is_empty()
        || state
            .iter()
            .any(|w| !w.chars().all(|c| c.is_lowercase() || c == '-'))
    {
        return None;
    }
    Some(format!(
        "Why {verb} {} {}?",
        lower_first(subject),
        state.join(" ")
    ))
}

/// A past participle whose subject was the lost heading, dated by a
/// release: `Introduced in PEP 484.` → `What was introduced in PEP 484?` —
/// a capitalised word in `-ed`, `in`, and up to four words holding a
/// number.
fn participle_question(sentence: &str) -> Option<String> {
    let (first, rest) = sentence.split_once(' ')?;
    let rest = rest.strip_prefix("in ")?;
    let participle = first.len() >= 5
        && first.ends_with("ed")
        && first.starts_with(|c: char| c.is_ascii_uppercase())
        && first.chars().skip(1).all(|c| c.is_ascii_lowercase());
    let when = clause(rest);
    (participle
        && (1..=4).contains(&crate::text::word_count(when))
        && when.contains(|c: char| c.is_ascii_digit()))
    .then(|| format!("What was {} in {when}?", first.to_lowercase()))
}

/// A question about what was introduced (`What was introduced in PEP
/// 484?`, from [`participle_question`]) naming it by the sentence after,
/// when that says what it is with a pronoun: `They are annotations only`
/// → `What are the annotations introduced in PEP 484?`, `It is an
/// operator` → `What is the operator ...?`. One to three lowercase words,
/// `only` and `just` left out.
fn named_by_pronoun(question: &str, next: &str) -> Option<String> {
    let asked = question.strip_prefix("What was ")?;
    let (verb, rest) = if let Some(r) = next.strip_prefix("They are ") {
        ("are", r)
    } else if let Some(r) = next.strip_prefix("It is ") {
        ("is", r)
    } else {
        return None;
    };
    let rest = clause(rest);
    let rest = ["a ", "an ", "the "]
        .iter()
        .find_map(|a| rest.strip_prefix(a))
        .unwrap_or(rest);
    let words: Vec<&str> = rest
        .split_whitespace()
        .filter(|w| !matches!(*w, "only" | "just" | "simply" | "merely"))
        .collect();
    let noun = (1..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        && !words.iter().any(|w| {
            FINITE_VERBS.contains(w) || crate::text::DANGLING_WORDS.contains(w) || *w == "not"
        });
    noun.then(|| format!("What {verb} the {} {asked}", words.join(" ")))
}

/// Whether `rest` lists items: three or more parts separated by `; `.
fn is_list(rest: &str) -> bool {
    rest.matches("; ").count() >= 2
}

/// A label whose clause lost its `that`, over a list: `Bugs Hypothesis
/// finds that unit tests miss: off-by-one errors; empty inputs; ...` →
/// `What bugs does Hypothesis find that unit tests miss?` — a capitalised
/// plural noun, a capitalised name, a verb in `-s`, what follows it.
fn label_clause_question(sentence: &str) -> Option<String> {
    let (label, rest) = sentence.split_once(": ")?;
    if !is_list(rest) {
        return None;
    }
    let words: Vec<&str> = label.split_whitespace().collect();
    let [noun, subject, verb, more @ ..] = words.as_slice() else {
        return None;
    };
    let capitalised = |w: &str| w.starts_with(|c: char| c.is_uppercase());
    let plural = noun.len() > 3
        && noun.ends_with('s')
        && !noun.ends_with("ss")
        && noun.chars().all(char::is_alphabetic);
    let name = subject
        .chars()
        .all(|c| c.is_alphanumeric() || "-_.".contains(c));
    let finite = verb.len() >= 4
        && verb.ends_with('s')
        && !verb.ends_with("ss")
        && verb.chars().all(|c| c.is_ascii_lowercase())
        && !NOT_VERBS.contains(verb);
    if !(capitalised(noun) && plural && capitalised(subject) && name && finite) {
        return None;
    }
    let mut q = format!(
        "What {} does {subject} {}",
        lower_first(noun),
        verb_base(verb)
    );
    for w in more {
        q.push(' ');
        q.push_str(w);
    }
    Some(cut_question(&q))
}

/// Splits a line of one-word labelled parts glued after their full stops
/// (`list: O(1) append. Use as a stack.dict: O(1) get.`) into one line a
/// part (`list: O(1) append. Use as a stack.`, `dict: O(1) get.`). Only a
/// line that opens with such a label is split, only where a label follows
/// a full stop that ends a word of a sentence, and only into three parts or
/// more, so one `sys.path: ...` keeps its line whole.
pub(crate) fn unglue_labels(t: &str) -> Vec<String> {
    let label_word = |w: &str| {
        w.len() >= 2
            && w.starts_with(|c: char| c.is_alphabetic())
            && w.chars().all(|c| c.is_alphanumeric() || c == '_')
    };
    if !t.split_once(": ").is_some_and(|(l, _)| label_word(l)) {
        return vec![t.to_string()];
    }
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, _) in t.match_indices('.') {
        let before = &t[start..i];
        let glued = t[i + 1..]
            .split_once(": ")
            .is_some_and(|(l, _)| label_word(l));
        let ends_word = before
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.len() >= 3 && w.ends_with(|c: char| c.is_alphabetic() || c == ')'));
        if glued && ends_word && before.contains(' ') {
            parts.push(t[start..=i].to_string());
            start = i + 1;
        }
    }
    parts.push(t[start..].to_string());
    // One glue point may be a dotted name (`sys.path: ...`); parts glued
    // alike twice are a run of labelled parts.
    if parts.len() < 3 {
        return vec![t.to_string()];
    }
    parts
}

/// The construct an elided placeholder in prose (`[...]`, `(...)`,
/// `{...}`) stands for, read from the answer's code: a bracket of its kind
/// holding a `for ... in` loop is a comprehension (`[x for x in y]` → `list
/// comprehension`, `sum(x for x in y)` → `generator expression`, `{k: v
/// for ...}` → `dict comprehension`, `{x for ...}` → `set comprehension`).
fn placeholder_construct(placeholder: &str, code: &[&str]) -> Option<&'static str> {
    let open = placeholder.chars().next()?;
    let close = match open {
        '[' => ']',
        '(' => ')',
        '{' => '}',
        _ => return None,
    };
    for line in code {
        let line = outside_strings(line);
        for (at, _) in line.match_indices(open) {
            let mut depth = 0usize;
            let Some(end) = line[at..].char_indices().find_map(|(j, c)| {
                if c == open {
                    depth += 1;
                } else if c == close {
                    depth -= 1;
                    if depth == 0 {
                        return Some(at + j);
                    }
                }
                None
            }) else {
                continue;
            };
            let inner = &line[at + 1..end];
            let Some(f) = inner.find(" for ") else {
                continue;
            };
            if !inner[f..].contains(" in ") {
                continue;
            }
            return Some(match open {
                '[' => "list comprehension",
                '(' => "generator expression",
                _ if inner[..f].contains(':') => "dict comprehension",
                _ => "set comprehension",
            });
        }
    }
    None
}

/// The placeholder (`[...]`, `(...)`, `{...}`) a line of prose opens with.
fn opening_placeholder(t: &str) -> Option<&'static str> {
    ["[...]", "(...)", "{...}"]
        .into_iter()
        .find(|p| t.strip_prefix(p).is_some_and(|r| r.starts_with(' ')))
}

/// Code lines of `texts`, comments aside.
fn code_lines<'a>(texts: &[&'a str]) -> Vec<&'a str> {
    texts
        .iter()
        .copied()
        .filter(|t| is_code_line(t) && !t.starts_with('#'))
        .collect()
}

/// Prose that contrasts constructs the scrape elided to placeholders
/// (`[...] builds the whole list eagerly.` … `(...) is lazy.`), named from
/// the code ([`placeholder_construct`]): `What is the difference between a
/// list comprehension and a generator expression?`.
fn placeholder_contrast(texts: &[&str]) -> Option<String> {
    let code = code_lines(texts);
    let mut names: Vec<&str> = Vec::new();
    for t in texts.iter().take(8) {
        if let Some(name) = opening_placeholder(t).and_then(|p| placeholder_construct(p, &code))
            && !names.contains(&name)
        {
            names.push(name);
        }
    }
    match names.as_slice() {
        [a, b, ..] => Some(format!("What is the difference between a {a} and a {b}?")),
        _ => None,
    }
}

/// `line` with the placeholder it opens with named from the code: `[...]
/// builds the whole list` → `A list comprehension builds the whole list`.
fn name_placeholder(line: &str, texts: &[&str]) -> String {
    match opening_placeholder(line)
        .and_then(|p| Some((p, placeholder_construct(p, &code_lines(texts))?)))
    {
        Some((p, name)) => format!("A {name}{}", &line[p.len()..]),
        None => line.to_string(),
    }
}

/// An answer that opens with a `pyproject.toml` table
/// (`[tool.pytest.ini_options]`) shows how that tool is configured: `How
/// do you configure pytest in pyproject.toml?`.
fn config_title(texts: &[&str]) -> Option<String> {
    let t = texts.iter().take(3).find(|t| !t.starts_with('#'))?;
    let table = t.strip_prefix("[tool.")?.strip_suffix(']')?;
    let tool = table.split('.').next()?;
    (!tool.is_empty()
        && tool
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_".contains(c)))
    .then(|| format!("How do you configure {tool} in pyproject.toml?"))
}

/// The task an instruction comment heads an import block's code with
/// (`# Define tools the LLM can call` → `How do you define tools the LLM
/// can call?`): the first comment in the first six lines, before any
/// definition, when it reads as an instruction ([`imperative_question`]).
fn instruction_comment(texts: &[&str]) -> Option<String> {
    let t = texts
        .iter()
        .take(6)
        .take_while(|t| {
            !["def ", "class ", "async def "]
                .iter()
                .any(|k| t.starts_with(k))
        })
        .find(|t| t.starts_with('#'))?;
    imperative_question(t.trim_start_matches('#').trim())
}

/// A shouted word in lowercase (`INGESTION` → `ingestion`); an acronym of
/// up to five letters (`HTTP`, `SOLID`) and any other word stay as they are.
fn unshout(term: &str) -> String {
    let letters = term.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 6 && term.chars().all(|c| !c.is_lowercase()) {
        term.to_lowercase()
    } else {
        term.to_string()
    }
}

/// The clause a title keeps of a sentence: up to a dash, a semicolon or
/// a colon, without a trailing full stop.
fn clause(sentence: &str) -> &str {
    let end = [" — ", " – ", " β ", "; ", ": ", " - "]
        .iter()
        .filter_map(|p| sentence.find(p))
        .min()
        .unwrap_or(sentence.len());
    let mut kept = sentence[..end]
        .trim()
        .trim_end_matches(['.', ',', ';', ':', '—', '–', '-', 'β'])
        .trim_end();
    // A sentence the scrape cut mid-phrase (`directly in an`) ends on its
    // last full word.
    while let Some((head, last)) = kept.rsplit_once(' ')
        && crate::text::DANGLING_WORDS.contains(&last)
    {
        kept = head.trim_end();
    }
    kept
}

/// Advice, the heading lost: `Never call a blocking function directly in
/// an async function — it freezes ...` → `Why should you never call a
/// blocking function directly in an async function?` (also `Always`,
/// `Avoid`, `Prefer`, `Don't`, `Do not`).
fn advice_question(sentence: &str) -> Option<String> {
    let (first, rest) = sentence.split_once(' ')?;
    let lead = match first {
        "Never" => "Why should you never",
        "Always" => "Why should you always",
        "Avoid" => "Why should you avoid",
        "Prefer" => "Why should you prefer",
        "Don't" | "Don’t" => "Why shouldn't you",
        "Do" => {
            let rest = rest.strip_prefix("not ")?;
            return advice_question(&format!("Don't {rest}"));
        }
        _ => return None,
    };
    let rest = clause(rest);
    (crate::text::word_count(rest) >= 2).then(|| cut_question(&format!("{lead} {rest}")))
}

/// Verbs an instruction opens with besides [`BARE_VERBS`].
const INSTRUCTION_VERBS: &[&str] = &[
    "swap",
    "register",
    "declare",
    "configure",
    "install",
    "set",
    "pass",
    "override",
    "mark",
    "decorate",
    "subclass",
    "inherit",
    "put",
    "combine",
    "annotate",
    "import",
    "open",
    "close",
    "start",
    "stop",
    "measure",
    "profile",
    "test",
    "mock",
    "patch",
    "split",
    "group",
    "sort",
    "filter",
    "offload",
    "move",
    "schedule",
    "deploy",
    "serve",
    "load",
    "save",
    "dump",
    "parse",
    "join",
];

/// An instruction, the heading lost: `Register startup and shutdown logic
/// using the lifespan context manager` → `How do you register startup and
/// shutdown logic using the lifespan context manager?`. The first word is a
/// capitalised bare verb ([`BARE_VERBS`], [`INSTRUCTION_VERBS`]) followed by
/// what it acts on, not by `of` or a verb (`Use of X is ...`).
fn imperative_question(sentence: &str) -> Option<String> {
    let (first, rest) = sentence.split_once(' ')?;
    let verb = first.to_lowercase();
    let capitalised = first.starts_with(|c: char| c.is_uppercase())
        && first.chars().skip(1).all(|c| c.is_ascii_lowercase());
    if !capitalised
        || !(BARE_VERBS.contains(&verb.as_str()) || INSTRUCTION_VERBS.contains(&verb.as_str()))
    {
        return None;
    }
    let next = rest.split_whitespace().next().unwrap_or("");
    if matches!(next, "of" | "is" | "are" | "was" | "cases" | "case") || NOT_VERBS.contains(&next) {
        return None;
    }
    // `Cache invalidation is hard`: a noun the sentence goes on to state
    // something about, not an instruction.
    if rest
        .split_whitespace()
        .take(4)
        .any(|w| matches!(w, "is" | "are" | "was" | "were" | "has" | "have"))
    {
        return None;
    }
    let rest = clause(rest);
    (crate::text::word_count(rest) >= 2).then(|| cut_question(&format!("How do you {verb} {rest}")))
}

/// A third-person verb whose subject was the lost heading: `Occurs when
/// fetching a list of objects and then accessing a related attribute` →
/// `What occurs when fetching a list of objects and then accessing a
/// related attribute?`.
fn subjectless_question(sentence: &str) -> Option<String> {
    let (first, rest) = sentence.split_once(' ')?;
    let verb = first.to_lowercase();
    let base = verb.strip_suffix('s')?;
    let capitalised = first.starts_with(|c: char| c.is_uppercase())
        && first.chars().skip(1).all(|c| c.is_ascii_lowercase());
    let known = BARE_VERBS.contains(&base)
        || INSTRUCTION_VERBS.contains(&base)
        || matches!(
            base,
            "occur" | "happen" | "mean" | "refer" | "let" | "turn" | "tell"
        );
    let next = rest.split_whitespace().next().unwrap_or("");
    // `Tests run faster ...`, `Maps are ...`: a plural noun, then its verb.
    let noun_then_verb = BARE_VERBS.contains(&next)
        || INSTRUCTION_VERBS.contains(&next)
        || rest
            .split_whitespace()
            .take(4)
            .any(|w| matches!(w, "is" | "are" | "was" | "were" | "has" | "have"));
    if !capitalised || !known || noun_then_verb || matches!(next, "of" | "and" | "or") {
        return None;
    }
    let rest = clause(rest);
    (crate::text::word_count(rest) >= 2).then(|| cut_question(&format!("What {verb} {rest}")))
}

/// A release the sentence tells about: `Pydantic V2 rewrote the core in
/// Rust` → `What is new in Pydantic V2?` — a capitalised subject of up to
/// three words ending in a version (`V2`, `3.12`, `2.0`), then a verb.
fn release_question(sentence: &str) -> Option<String> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let is_version = |w: &str| {
        let v = w.trim_start_matches(['v', 'V']);
        !v.is_empty()
            && v.starts_with(|c: char| c.is_ascii_digit())
            && v.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '+')
    };
    let at = words.iter().take(3).position(|w| is_version(w))?;
    let verb = words.get(at + 1)?;
    let past_or_present = verb.chars().all(|c| c.is_ascii_lowercase())
        && verb.len() >= 3
        && !matches!(*verb, "and" | "or" | "the" | "for" | "with" | "vs");
    (at >= 1 && words[0].starts_with(|c: char| c.is_uppercase()) && past_or_present)
        .then(|| format!("What is new in {}?", words[..=at].join(" ")))
}

/// A noun phrase that defines the lost heading's term: `Special methods
/// surrounded by double underscores that Python calls implicitly` → `What
/// are special methods surrounded by double underscores that Python calls
/// implicitly?` — a capitalised plural noun among the first three words,
/// followed by a participle or a relative clause.
fn noun_phrase_question(sentence: &str) -> Option<String> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if !words.first()?.starts_with(|c: char| c.is_uppercase()) || words.len() > 16 {
        return None;
    }
    let noun = words.iter().take(3).position(|w| {
        w.ends_with('s') && !w.ends_with("ss") && w.chars().all(char::is_alphabetic)
    })?;
    let next = words.get(noun + 1)?;
    let defines = next.ends_with("ed") && next.chars().all(|c| c.is_ascii_lowercase())
        || matches!(*next, "that" | "which" | "whose");
    defines.then(|| cut_question(&format!("What are {}", lower_first(clause(sentence)))))
}

/// Label lines that head a part of any answer (`Key features:`,
/// `Example:`) rather than name a topic.
const GENERIC_LABELS: &[&str] = &[
    "key features",
    "features",
    "example",
    "examples",
    "output",
    "usage",
    "note",
    "notes",
    "rule of thumb",
    "why it matters",
    "consequences",
    "workarounds",
    "real-world use cases",
    "use cases",
    "built-in",
    "built-ins",
    "summary",
    "tips",
    "pros",
    "cons",
    "advantages",
    "disadvantages",
    "how it works",
    "when to use",
    "when to use each",
    "best practices",
    "best practice",
    "common pitfalls",
    "pitfalls",
    "key points",
    "important",
    "syntax",
    "result",
    "solution",
    "problem",
    "answer",
    "definition",
    "explanation",
    "details",
    "overview",
    "basics",
];

/// An answer whose first line is a label line naming a topic
/// (`Timeouts:`), with later label lines or labelled paragraphs
/// (`Cancellation: ...`), explains those topics: `Explain timeouts and
/// cancellation.` One to three capitalised words, not a
/// [`GENERIC_LABELS`] label; the first forty lines are looked at.
fn topic_labels(body: &[BodyLine]) -> Option<String> {
    let topic = |t: &str| {
        let label = t.trim().strip_suffix(':')?;
        let label = drop_parentheses(label);
        let words = label.split_whitespace().count();
        ((1..=3).contains(&words)
            && !is_code_line(t)
            && label.starts_with(|c: char| c.is_uppercase())
            && label
                .chars()
                .all(|c| c.is_alphanumeric() || " -/&".contains(c))
            && !GENERIC_LABELS.contains(&label.to_lowercase().as_str()))
        .then_some(label)
    };
    let mut lines = body.iter().map(|b| b.text.trim()).filter(|t| !t.is_empty());
    let first = topic(lines.next()?)?;
    let mut labels = vec![first];
    for t in lines.take(39) {
        let part = || {
            part_label(t, false).filter(|l| {
                l.split_whitespace().count() <= 3
                    && l.starts_with(|c: char| c.is_uppercase())
                    && !GENERIC_LABELS.contains(&l.to_lowercase().as_str())
            })
        };
        if let Some(l) = topic(t).or_else(part)
            && !labels.contains(&l)
            && labels.len() < 4
        {
            labels.push(l);
        }
    }
    let lowered: Vec<String> = labels.iter().map(|l| lower_first(l)).collect();
    let refs: Vec<&str> = lowered.iter().map(String::as_str).collect();
    Some(format!("Explain {}.", join_terms(&refs)))
}

/// `text` cut to [`MAX_TITLE_CHARS`] ([`cut`]) and ended with `?`.
fn cut_question(text: &str) -> String {
    let mut q = cut(text.trim_end_matches(['.', ',', ';', ':', '?']).trim_end());
    while q.ends_with('…') {
        // A question cut short still ends as a question.
        q.pop();
        let words: Vec<&str> = q.split_whitespace().collect();
        let keep = words
            .iter()
            .rposition(|w| !crate::text::DANGLING_WORDS.contains(w))
            .map_or(0, |k| k + 1);
        q = words[..keep].join(" ");
    }
    format!("{q}?")
}

/// The label of a labelled part: `FBVs (Function-Based Views): Simple,
/// explicit ...` → `FBVs`; `For asyncio (single-threaded): ...` →
/// `asyncio`. One to four words, no code, not a comment label (`Note`,
/// `Rule`) nor a question (`What to look for`). With `bare`, a label line
/// with nothing after its colon counts too.
pub(crate) fn part_label(t: &str, bare: bool) -> Option<String> {
    let (label, rest) = match t.split_once(": ") {
        Some(parts) => parts,
        // A label line (`For threads (threading module):`) heads the
        // lines after it.
        None if bare && t.ends_with(':') => (t.trim_end_matches(':'), "the lines below"),
        None => return None,
    };
    let label = drop_parentheses(label);
    let label = label.strip_prefix("For ").unwrap_or(&label).trim();
    let words: Vec<&str> = label.split_whitespace().collect();
    let first = *words.first()?;
    let wh = matches!(
        first.to_lowercase().as_str(),
        "what" | "why" | "how" | "when" | "where" | "which" | "who"
    );
    ((1..=4).contains(&words.len())
        && crate::text::word_count(rest) >= 2
        && !wh
        && !label.contains(['=', '(', '[', '{', '"', '#', '`', ','])
        && !COMMENT_LABELS.contains(&label.to_lowercase().as_str())
        && !label
            .split_whitespace()
            .last()
            .is_some_and(|w| crate::text::DANGLING_WORDS.contains(&w)))
    .then(|| label.to_string())
}

/// Whether two part labels ([`part_label`]) are alike: both one word
/// (`CPython`, `PyPy`), or sharing a word of three letters or more, case
/// aside (`Immutable types`, `Mutable types`; `Uvicorn alone`, `Gunicorn +
/// Uvicorn workers`).
pub(crate) fn labels_alike(a: &str, b: &str) -> bool {
    let content = |l: &str| -> Vec<String> {
        l.split_whitespace()
            .map(str::to_lowercase)
            .filter(|w| w.len() >= 3 && !crate::text::DANGLING_WORDS.contains(&w.as_str()))
            .collect()
    };
    let single = |x: &str| x.split_whitespace().count() == 1;
    single(a) && single(b) || content(a).iter().any(|w| content(b).contains(w))
}

/// An answer that opens with a labelled part and has other parts labelled
/// alike within its first lines (`Uvicorn alone: ...`, then `Gunicorn +
/// Uvicorn workers: ...`) compares them: two → `What is the difference
/// between A and B?`, more → `Compare A, B and C.` (at most four). `texts`
/// starts at the answer's first prose line; labels are looked for in the
/// first twenty lines, on prose lines only.
fn parallel_labels(texts: &[&str]) -> Option<String> {
    let first = part_label(texts.first()?, false)?;
    let alike = |l: &str| labels_alike(&first, l);
    let mut labels = vec![first.clone()];
    for t in texts.iter().skip(1).take(19) {
        if is_code_line(t) || t.starts_with('|') {
            continue;
        }
        if let Some(l) = part_label(t, true)
            && !labels.contains(&l)
            && labels.len() < 4
            && alike(&l)
        {
            labels.push(l);
        }
    }
    if labels.len() < 2 {
        return None;
    }
    let lowered = as_named(&labels);
    Some(match lowered.split_last() {
        Some((last, [one])) => format!("What is the difference between {one} and {last}?"),
        Some((last, init)) => format!("Compare {} and {last}.", init.join(", ")),
        None => return None,
    })
}

/// Labels or subjects as a title names them inside a sentence: a phrase
/// with its first word in lowercase ([`lower_first`]: `Async generators`
/// → `async generators`), a single word as written, since it is often a
/// name (`Jython`, `FBVs`).
fn as_named(phrases: &[String]) -> Vec<String> {
    phrases
        .iter()
        .map(|p| {
            if p.split_whitespace().count() == 1 {
                p.clone()
            } else {
                lower_first(p)
            }
        })
        .collect()
}

/// Most things [`parallel_definitions`] names in one title.
const MOST_DEFINED: usize = 3;

/// An answer whose paragraphs, each after a stretch of code, open by
/// defining different things with the same verb (`Async generators use
/// async def + yield. …` … code … `Async context managers use __aenter__
/// / __aexit__. …`) answers what they all are: `What are async
/// generators and async context managers?`. `texts` starts at the
/// answer's opening prose line, which must be one of the definitions; a
/// subject is one to four words with no article and no punctuation, and
/// at most [`MOST_DEFINED`] are named. `None` when fewer than two
/// paragraphs define.
fn parallel_definitions(texts: &[&str]) -> Option<String> {
    let subject_of = |t: &str| -> Option<(String, String)> {
        let (subject, verb) = crate::transforms::boundaries::definition_parts(t)?;
        let words: Vec<&str> = subject.split_whitespace().collect();
        let plain = (1..=4).contains(&words.len())
            && !words.iter().any(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "a" | "an" | "the" | "this" | "it" | "they" | "these"
                ) || !w
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            });
        plain.then(|| (subject.clone(), verb.to_string()))
    };
    let (first, verb) = subject_of(texts.first()?)?;
    let mut subjects = vec![first];
    for k in 1..texts.len() {
        let opens_paragraph = is_code_line(texts[k - 1]) && !is_code_line(texts[k]);
        if !opens_paragraph {
            continue;
        }
        if let Some((subject, v)) = subject_of(texts[k])
            && v == verb
            && !subjects.iter().any(|s| s.eq_ignore_ascii_case(&subject))
        {
            subjects.push(subject);
        }
    }
    if subjects.len() < 2 || subjects.len() > MOST_DEFINED {
        return None;
    }
    let named = as_named(&subjects);
    let refs: Vec<&str> = named.iter().map(String::as_str).collect();
    let list = join_terms(&refs);
    Some(format!("What {} {list}?", is_are(&list)))
}

/// An answer that opens with a list of labelled bullets (`- Blocking the
/// event loop: ...`, `- Sequential awaits: ...`, at least three within
/// its first thirty lines) explains what they name: `Explain blocking the
/// event loop, sequential awaits and ...` (as many as fit in
/// [`MAX_TITLE_CHARS`], at most four, at least two).
fn bullet_labels(body: &[BodyLine]) -> Option<String> {
    let label_of = |t: &str| -> Option<String> {
        let item = t.strip_prefix("- ").or_else(|| t.strip_prefix("• "))?;
        let label = match item.split_once(": ") {
            Some((label, _)) => label,
            None => item.strip_suffix(':')?,
        };
        let label = drop_parentheses(label);
        let label = label.trim();
        ((1..=6).contains(&label.split_whitespace().count())
            && !label.contains(['=', '(', '[', '{', '"', '#', '`'])
            && !is_code_line(label))
        .then(|| label.to_string())
    };
    let lines: Vec<&str> = body
        .iter()
        .map(|b| b.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    label_of(lines.first()?)?;
    let labels: Vec<String> = lines.iter().take(30).filter_map(|t| label_of(t)).collect();
    if labels.len() < 3 {
        return None;
    }
    let lowered: Vec<String> = labels.iter().map(|l| lower_first(l)).collect();
    // As many as fit whole (two at least).
    let mut n = lowered.len().min(4);
    let title = |n: usize| {
        let shown: Vec<&str> = lowered.iter().take(n).map(String::as_str).collect();
        format!("Explain {}.", join_terms(&shown))
    };
    while n > 2 && title(n).chars().count() > MAX_TITLE_CHARS {
        n -= 1;
    }
    Some(cut(&title(n)))
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

    #[test]
    fn a_sentence_about_most_of_a_kind_asks_no_how() {
        assert_eq!(
            verb_question("Most logging bugs come from configuring logging too early."),
            None
        );
        assert_eq!(
            verb_question("Python resolves names in this order").as_deref(),
            Some("How does Python resolve names?")
        );
    }

    fn b(lines: &[&str]) -> Vec<BodyLine> {
        BodyLine::numbered(lines)
    }

    #[test]
    fn comments_naming_kinds_of_one_thing_ask_their_difference() {
        let code = [
            "class Pizza:",
            "num_slices = 8 # class variable",
            "def describe(self): # instance method — receives self",
            "return self.topping",
            "@classmethod",
            "def margherita(cls): # class method — receives cls",
            "return cls('Margherita')",
            "@staticmethod",
            "def calories(total): # static method — no self/cls",
            "return total / 8",
        ];
        assert_eq!(
            generate(&b(&code)),
            "What is the difference between instance, class and static methods?"
        );
        // Two kinds are a detail of the code, not its subject.
        let two: Vec<&str> = code[..7].to_vec();
        assert!(!generate(&b(&two)).starts_with("What is the difference"));
    }

    #[test]
    fn the_class_a_module_answer_makes_first_names_it() {
        let code = [
            "import threading",
            "counter = 0",
            "lock = threading.Lock()",
            "def increment():",
            "with lock:",
            "counter += 1",
            "threads = [threading.Thread(target=increment) for _ in range(9)]",
            "for t in threads: t.start()",
            "print(counter) # 9 (safe)",
            "# Other synchronization primitives",
            "rlock = threading.RLock() # reentrant lock",
            "event = threading.Event() # flag-based signaling",
        ];
        assert_eq!(generate(&b(&code)), "How do you use threading.Lock?");
        // Functions of the module called: the module is the subject.
        let calls = [
            "import heapq",
            "nums = [5, 3, 8]",
            "heapq.heapify(nums) # in-place, O(n)",
            "heapq.heappush(nums, 4)",
            "smallest = heapq.heappop(nums)",
            "top3 = heapq.nlargest(3, nums)",
            "tasks = [(3, 'medium'), (1, 'high')]",
            "heapq.heapify(tasks)",
        ];
        assert_eq!(generate(&b(&calls)), "How do you use heapq?");
    }

    #[test]
    fn hooks_of_one_object_registered_in_turn_name_the_question() {
        let hooks = [
            "@app.before_request",
            "def authenticate():",
            "token = request.headers.get('Authorization')",
            "@app.after_request",
            "def add_headers(response):",
            "return response",
            "@app.teardown_appcontext",
            "def close_db(error):",
            "g.pop('db', None)",
        ];
        assert_eq!(
            generate(&b(&hooks)),
            "How do you use @app.before_request, @app.after_request and @app.teardown_appcontext?"
        );
        // Two hooks do not make the answer theirs.
        assert!(!generate(&b(&hooks[..6])).contains("@app."));
    }

    #[test]
    fn paragraphs_defining_different_things_ask_what_they_are() {
        let answer = [
            "Serializers are classes that turn model instances into JSON.",
            "class BookSerializer(serializers.ModelSerializer):",
            "    class Meta:",
            "        model = Book",
            "Viewsets are related views gathered into one class.",
            "class BookViewSet(viewsets.ModelViewSet):",
            "    queryset = Book.objects.all()",
            "Generic routers are what turn viewsets into URL patterns.",
            "router = routers.DefaultRouter()",
        ];
        assert_eq!(
            generate(&b(&answer)),
            "What are serializers, viewsets and generic routers?"
        );
        // A definition in mid-paragraph is part of its paragraph's story.
        let joined = [answer[0], answer[4], answer[1], answer[2], answer[3]];
        assert!(!generate(&b(&joined)).contains("viewsets"));
        // Another verb defines another kind of thing.
        let other = [
            answer[0],
            answer[1],
            "Viewsets provide related views in one class.",
            answer[5],
        ];
        assert!(!generate(&b(&other)).contains("viewsets"));
    }

    #[test]
    fn a_tour_of_imported_names_asks_what_they_are_for() {
        let tour = [
            "from itertools import chain, islice, cycle, groupby",
            "# chain — iterate several iterables as one",
            "flat = list(chain([1, 2], [3]))",
            "# islice: a slice of any iterator, lazily",
            "first = list(islice(range(100), 3))",
            "# groupby — runs of equal keys",
            "runs = groupby('aaabb')",
        ];
        assert_eq!(
            generate(&b(&tour)),
            "What are chain, islice and groupby from itertools used for?"
        );
        // Names glossed as the code spells them, capitals kept.
        let capitals = [
            "from collections import Counter, deque, OrderedDict",
            "# Counter — frequency counting",
            "c = Counter('abracadabra')",
            "# OrderedDict — remembers insertion order",
            "od = OrderedDict()",
        ];
        assert_eq!(
            generate(&b(&capitals)),
            "What are Counter and OrderedDict from collections used for?"
        );
        // Names of other modules imported with it are topics too.
        let mut mixed = tour.to_vec();
        mixed.insert(1, "from functools import reduce");
        assert!(!generate(&b(&mixed)).ends_with("used for?"));
        // One name glossed is no tour.
        let one = [tour[0], tour[1], tour[2], "x = list(islice(range(9), 2))"];
        assert!(!generate(&b(&one)).ends_with("used for?"));
    }

    #[test]
    fn words_opening_with_a_multibyte_letter_never_panic() {
        // Mojibake (`β`, Greek capitals from a wrong code page) and other
        // non-ASCII letters open words in real documents.
        for opening in ["β", "Ξέρω", "Éviter", "Ünïcode", "Βήμα"] {
            let texts = [
                format!("# {opening} something here"),
                format!("# Ξ{opening} second heading"),
                format!("{opening} the cache is fast because it is local."),
                format!("{opening}s values into a list."),
                "x = 1".to_string(),
                format!("# {opening} third heading"),
                "y = 2".to_string(),
            ];
            let lines: Vec<&str> = texts.iter().map(String::as_str).collect();
            let title = generate(&b(&lines));
            assert!(is_question_form(&title), "{opening}: {title}");
            let _ = heading_phrase(&format!("{opening} values"));
            let _ = gerund_base(&format!("{opening}ßßing"));
        }
    }

    #[test]
    fn a_library_keeps_the_spelling_its_prose_gives_it() {
        assert_eq!(
            prose_spelling(
                "How do you use fastapi?",
                &["# FastAPI: async REST framework", "Serve it with uvicorn."]
            ),
            "How do you use FastAPI?"
        );
        // Lowercase everywhere, short names and other forms stay.
        assert_eq!(
            prose_spelling("How do you use celery?", &["# celery worker"]),
            "How do you use celery?"
        );
        assert_eq!(
            prose_spelling("How do you use os?", &["The OS keeps files."]),
            "How do you use os?"
        );
        assert_eq!(
            prose_spelling("What is celery?", &["Celery runs tasks."]),
            "What is celery?"
        );
        let body = b(&[
            "# Celery: distributed task queue",
            "from celery import Celery",
            "app = Celery(\"tasks\", broker=\"redis://localhost\")",
            "@app.task",
            "def send_email(to): ...",
        ]);
        assert!(generate(&body).contains("Celery"), "{}", generate(&body));
    }

    #[test]
    fn a_bare_subject_keeps_the_spelling_of_its_code_name() {
        let body = b(&[
            "Protocol (PEP 544, Python 3.8+) defines an interface by its methods.",
            "from typing import Protocol",
            "class Drawable(Protocol):",
            "def draw(self) -> None: ...",
        ]);
        assert_eq!(generate(&body), "What is Protocol?");
        // A subject the code also spells in lowercase stays as it is.
        assert_eq!(
            code_spelling("What is protocol?", &["protocol", "Protocol"]),
            "What is protocol?"
        );
        assert_eq!(
            code_spelling("What is a descriptor?", &["Descriptor"]),
            "What is a descriptor?"
        );
        assert_eq!(
            code_spelling("What is middleware?", &["MIDDLEWARE"]),
            "What is middleware?"
        );
        assert_eq!(
            outside_strings(r#"stage(3, "Production") # x"#),
            "stage(3, ) "
        );
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
            // A code subject and a bare verb lost their auxiliary.
            (
                "functools.singledispatch do?",
                "What does functools.singledispatch do?",
            ),
            ("asyncio.gather return?", "What does asyncio.gather return?"),
            (
                "unittest.mock.patch decide where to patch?",
                "How does unittest.mock.patch decide where to patch?",
            ),
            ("__slots__ save memory?", "How does __slots__ save memory?"),
            // A noun after the code is no verb.
            ("asyncio.Queue size?", "What is the asyncio.Queue size?"),
            (
                "pathlib over os.path?",
                "When should you use pathlib over os.path?",
            ),
            (
                "BackgroundTasks instead of a task queue like Celery?",
                "When should you use BackgroundTasks instead of a task queue like Celery?",
            ),
            // A list of class names keeps their capitals.
            (
                "enum.Enum, IntEnum, and Flag? When would you use each?",
                "What is the difference between enum.Enum, IntEnum, and Flag? When would you use each?",
            ),
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
    fn section_comments_after_an_import_read_decorations_and_attributes() {
        // A shouted adverb of stress goes; one of sense is said quietly
        // before the instruction's gerund.
        assert_eq!(
            heading_phrase("ALWAYS use parameterised queries"),
            "using parameterised queries"
        );
        assert_eq!(heading_phrase("NEVER use eval"), "never using eval");
        // An acronym is no adverb.
        assert_eq!(heading_phrase("SQL injection"), "SQL injection");
        // A decorated heading glosses its term inside the decoration.
        assert_eq!(
            term_comment("# ——— monkeypatch — temporarily modify objects ———").as_deref(),
            Some("monkeypatch")
        );
        // `# asyncio.Lock — ...` names the imported module by an attribute.
        let texts = [
            "import asyncio",
            "# asyncio.Lock — mutual exclusion",
            "lock = asyncio.Lock()",
            "# asyncio.Semaphore — limit concurrency",
            "sem = asyncio.Semaphore(5)",
        ];
        assert_eq!(
            section_run(&texts, &("asyncio".to_string(), String::new())).as_deref(),
            Some("Explain asyncio.Lock and asyncio.Semaphore.")
        );
    }

    #[test]
    fn a_fragment_gives_way_to_a_question_read_further_on() {
        let body = b(&[
            "list(p.rglob(\"*.py\")) # rglob = recursive glob",
            "# vs os.path:",
            "# os.path.join(base, \"config\") ← string manipulation",
            "# Stat:",
            "stat = config.stat()",
        ]);
        let title = generate(&body);
        assert!(is_question_form(&title), "{title}");
        assert_ne!(title, "Explain vs os.path.");
    }

    #[test]
    fn a_question_fragment_in_the_answer_is_completed() {
        // A title tail no reader split off (too few tails to tell the
        // layout) opens the body: the front must still be a question.
        let title = generate(&b(&[
            "NewType, TypeAlias, and TypeGuard? How do they improve type safety?",
            "from typing import NewType",
        ]));
        assert!(is_question_form(&title), "{title}");
        assert!(
            title.contains("NewType, TypeAlias, and TypeGuard"),
            "{title}"
        );
        // A whole question the answer asks stays as it is.
        assert_eq!(
            generate(&b(&[
                "Why is the GIL needed? Because reference counts are not atomic."
            ])),
            "Why is the GIL needed?"
        );
    }

    #[test]
    fn context_before_the_subject_is_looked_past() {
        // A second sentence defining a term with an article beats the
        // context before it.
        assert_eq!(
            generate(&b(&[
                "In Python, classes are objects too. A metaclass is the class of a class."
            ])),
            "What is a metaclass?"
        );
        // A leading adverbial phrase stays as the question's setting.
        assert_eq!(
            generate(&b(&[
                "In multiple inheritance, the C3 algorithm determines the lookup order of bases."
            ])),
            "In multiple inheritance, how does the C3 algorithm determine the lookup order of bases?"
        );
        // A subject of two phrases joined by `and`.
        assert_eq!(
            generate(&b(&[
                "Python's dynamic nature and first-class functions make many patterns simpler."
            ])),
            "How do Python's dynamic nature and first-class functions make many patterns simpler?"
        );
        // A list of labelled bullets names what the answer explains.
        assert_eq!(
            generate(&b(&[
                "- Blocking the event loop: time.sleep freezes every coroutine.",
                "- Forgotten await: the coroutine never runs.",
                "- Lost tasks: keep a reference to every task.",
            ])),
            "Explain blocking the event loop, forgotten await and lost tasks."
        );
        // Code that calls two functions of the module it imports
        // contrasts them; plumbing imports name no subject.
        assert_eq!(
            generate(&b(&[
                "import copy",
                "shallow = copy.copy(original)",
                "deep = copy.deepcopy(original)",
            ])),
            "What is the difference between copy.copy() and copy.deepcopy()?"
        );
        assert_eq!(
            generate(&b(&[
                "import os",
                "# config.py: class-based config hierarchy",
                "class Config:",
                "SECRET_KEY = os.environ.get(\"SECRET_KEY\")",
            ])),
            "Explain class-based config hierarchy."
        );
        assert!(is_question_form(
            "In multiple inheritance, how does the C3 algorithm determine the lookup order of bases?"
        ));
        assert!(!is_question_form(
            "In multiple inheritance, the C3 algorithm orders bases."
        ));
        // An indefinite subject states what any such thing is.
        assert_eq!(
            generate(&b(&[
                "A weak reference does not prevent garbage collection of its object."
            ])),
            "What is a weak reference?"
        );
    }

    #[test]
    fn definitions_become_what_questions() {
        assert_eq!(
            generate(&b(&["Python is a high-level, interpreted language."])),
            "What is Python?"
        );
        assert_eq!(
            generate(&b(&["Type hints are annotations only."])),
            "What are type hints?"
        );
        assert_eq!(
            generate(&b(&["A descriptor is any object that defines __get__."])),
            "What is a descriptor?"
        );
        assert_eq!(
            generate(&b(&["pytest fixtures are functions that set up tests."])),
            "What are pytest fixtures?"
        );
        // A state is not a definition.
        assert_ne!(
            generate(&b(&[
                "# connection is closed here regardless of exceptions"
            ])),
            "What is connection?"
        );
    }

    #[test]
    fn subject_and_verb_become_how_questions() {
        assert_eq!(
            generate(&b(&[
                "Python resolves names in this order: Local, Enclosing."
            ])),
            "How does Python resolve names?"
        );
        assert_eq!(
            generate(&b(&[
                "Python dicts use an open-addressing hash table. When"
            ])),
            "How do Python dicts use an open-addressing hash table?"
        );
        assert_eq!(
            generate(&b(&[
                "Context managers implement the __enter__ / __exit__ protocol and are used"
            ])),
            "How do context managers implement the __enter__ / __exit__ protocol?"
        );
        assert_eq!(
            generate(&b(&[
                "CPython interns (caches) small integers (-5 to 256) and strings."
            ])),
            "How does CPython intern small integers?"
        );
        // A noun before a participle is no verb: the phrase defines the
        // lost heading's term.
        assert_eq!(
            generate(&b(&["Special methods surrounded by double underscores."])),
            "What are special methods surrounded by double underscores?"
        );
        assert_eq!(
            generate(&b(&[
                "Monkey patching replaces attributes that a test depends on."
            ])),
            "How does monkey patching replace attributes?"
        );
        assert_eq!(
            generate(&b(&[
                "Django 4.2 added psycopg 3 support and a new storage API."
            ])),
            "What is new in Django 4.2?"
        );
    }

    #[test]
    fn advice_instructions_and_subjectless_verbs_become_questions() {
        // Advice; a sentence the scrape cut mid-phrase ends on a full word.
        assert_eq!(
            generate(&b(&[
                "Never mutate a list while iterating over it — copy it first."
            ])),
            "Why should you never mutate a list while iterating over it?"
        );
        assert_eq!(
            generate(&b(&["Always close files you open in a"])),
            "Why should you always close files you open?"
        );
        // A sentence wrapped mid-phrase is joined, also where the next line
        // opens like code.
        assert_eq!(
            generate(&b(&[
                "Never call a blocking function directly in an",
                "async function — it freezes the loop.",
            ])),
            "Why should you never call a blocking function directly in an async function?"
        );
        assert_eq!(
            generate(&b(&["Do not catch bare exceptions; name them."])),
            "Why shouldn't you catch bare exceptions?"
        );
        // An instruction: the heading asked how.
        assert_eq!(
            generate(&b(&[
                "Register cleanup handlers with atexit (since Python 2.0)."
            ])),
            "How do you register cleanup handlers with atexit?"
        );
        for noun in [
            "Use of global state is discouraged in libraries.",
            "Cache invalidation is one of the hard problems.",
        ] {
            let title = generate(&b(&[noun]));
            assert!(!title.starts_with("How do you"), "{title}");
        }
        // A verb whose subject was the lost heading.
        assert_eq!(
            generate(&b(&[
                "Happens when two threads update a counter without a lock."
            ])),
            "What happens when two threads update a counter without a lock?"
        );
        let title = generate(&b(&["Tests run faster when fixtures are shared."]));
        assert!(!title.starts_with("What tests"), "{title}");
        for title in [
            generate(&b(&["Never do it"])),
            generate(&b(&["Avoid globals."])),
        ] {
            assert!(is_question_form(&title), "{title}");
        }
    }

    #[test]
    fn topic_headings_become_questions() {
        for (heading, question) in [
            ("Generators", "What are generators?"),
            ("Garbage Collection", "What is garbage collection?"),
            ("Threading", "What is threading?"),
            ("asyncio", "What is asyncio?"),
            ("Celery", "What is Celery?"),
            ("ORM", "What is the ORM?"),
            ("Event Loop", "What is the event loop?"),
            (
                "Walrus Operator (:=) - Python 3.8+",
                "What is the walrus operator (:=) (Python 3.8+)?",
            ),
            ("Class Decorators", "What are class decorators?"),
        ] {
            assert_eq!(from_heading(heading), question, "{heading}");
        }
        // Several topics, a treatment, a clause: tasks.
        for (heading, task) in [
            (
                "Type Hints & Annotations",
                "Explain type hints & annotations.",
            ),
            ("Decorators In-Depth", "Explain decorators In-Depth."),
            ("Both Are Equal", "Explain both are equal."),
        ] {
            assert_eq!(from_heading(heading), task, "{heading}");
        }
    }

    #[test]
    fn topic_label_lines_name_what_is_explained() {
        assert_eq!(
            generate(&b(&[
                "Timeouts:",
                "import asyncio",
                "async with asyncio.timeout(5):",
                "Cancellation: Call task.cancel() and await the task.",
                "task.cancel()",
            ])),
            "Explain timeouts and cancellation."
        );
        // A label that heads a part of any answer names no topic.
        let title = generate(&b(&[
            "Key features:",
            "- Dynamic typing and garbage collection.",
        ]));
        assert!(!title.contains("key features"), "{title}");
    }

    #[test]
    fn parallel_labelled_parts_are_compared() {
        assert_eq!(
            generate(&b(&[
                "Sync views (WSGI): Each request holds a worker thread.",
                "def view(request):",
                "return HttpResponse()",
                "Async views (ASGI): Each request is a coroutine on the loop.",
            ])),
            "What is the difference between sync views and async views?"
        );
        assert_eq!(
            generate(&b(&[
                "For asyncio (one thread): Only one coroutine runs at a time.",
                "lock = asyncio.Lock()",
                "For threads (threading module):",
                "- Use a Lock around shared state.",
                "For multiprocessing: Memory is not shared between processes.",
            ])),
            "Compare asyncio, threads and multiprocessing."
        );
        assert_eq!(
            generate(&b(&[
                "CPython: The reference implementation in C.",
                "PyPy: A JIT-compiling implementation.",
                "Jython: Python on the JVM, with Java interop.",
            ])),
            "Compare CPython, PyPy and Jython."
        );
        // Labels that are not alike are parts of one answer, not a comparison.
        let title = generate(&b(&[
            "Threads: Share memory and need locks around shared state.",
            "Key settings: Pool size and timeouts per worker.",
        ]));
        assert!(!title.contains("difference"), "{title}");
        // Comment labels and questions are not parts.
        let title = generate(&b(&[
            "Note: Lists grow by over-allocating their storage.",
            "Rule: Prefer tuples for fixed records of fields.",
        ]));
        assert!(!title.contains("difference"), "{title}");
    }

    #[test]
    fn a_question_sentence_is_kept() {
        assert_eq!(
            generate(&b(&["What bugs does Hypothesis find? Edge cases."])),
            "What bugs does Hypothesis find?"
        );
    }

    #[test]
    fn numbered_paragraphs_name_the_terms() {
        assert_eq!(
            generate(&b(&[
                "1. Encapsulation — bundling data and methods:",
                "class A:",
                "2. Inheritance — a class inherits from a parent:",
                "3. Polymorphism — same interface, different behaviour:",
            ])),
            "Explain encapsulation, inheritance and polymorphism."
        );
    }

    #[test]
    fn comments_and_code_give_titles_when_there_is_no_prose() {
        assert_eq!(
            generate(&b(&[
                "# WeakSet — set of weakly-referenced objects",
                "s = WeakSet()"
            ])),
            "What is WeakSet?"
        );
        assert_eq!(
            generate(&b(&[
                "# Exception chaining — preserve original cause",
                "try:"
            ])),
            "What is exception chaining?"
        );
        // A label is not a term.
        assert_eq!(
            generate(&b(&["# BAD — the list is created once", "def f(x=[]):"])),
            "What does f do?"
        );
        assert_eq!(
            generate(&b(&["import heapq", "heapq.heapify(nums)"])),
            "How do you use heapq?"
        );
        assert_eq!(
            generate(&b(&["# timeit β micro-benchmarks", "import timeit"])),
            "What is timeit?"
        );
        assert_eq!(generate(&b(&["x = 1"])), "Explain the following code.");
    }

    #[test]
    fn a_fragment_read_as_subject_falls_back_to_a_task() {
        // Code whose only prose is a comment fragment: every retry reads
        // `Explain or modern style.`, so the last resort is taken.
        let t = generate(&b(&[
            "__tablename__ = \"posts\"",
            "id = Column(Integer, primary_key=True)",
            "title = Column(String, nullable=False)",
            "user_id = Column(Integer, ForeignKey(\"users.id\"))",
            "user = relationship(\"User\", back_populates=\"posts\")",
            "engine = create_engine(\"sqlite:///./app.db\")",
            "Base.metadata.create_all(engine)",
            "with Session(engine) as session:",
            "user = User(name=\"Alice\")",
            "session.commit()",
            "# or modern style:",
            "from sqlalchemy import select",
            "stmt = select(User).where(User.name == \"Alice\")",
        ]));
        assert!(is_question_form(&t), "{t}");
    }

    #[test]
    fn label_lines_are_skipped() {
        assert_eq!(
            generate(&b(&["Key features:", "The GIL is a mutex."])),
            "What is the GIL?"
        );
    }

    #[test]
    fn an_opening_table_names_what_is_compared() {
        assert_eq!(
            generate(&b(&[
                "| Type | Ordered | Mutable |",
                "|---|---|---|",
                "| list | Yes | Yes |",
                "| tuple | Yes | No |",
                "| set | No | Yes |",
            ])),
            "Compare list, tuple and set."
        );
        assert_eq!(
            generate(&b(&[
                "| Feature | unittest | pytest |",
                "|---|---|---|",
                "| Fixtures | setUp | @pytest.fixture |",
            ])),
            "Compare unittest and pytest."
        );
        // Letters of an acronym, rows wrapped over several lines.
        assert_eq!(
            generate(&b(&[
                "| Letter | Principle | Short Rule |",
                "|---|---|---|",
                "| S | Single Responsibility |",
                "One class = one reason to change",
                "|",
                "| O | Open / Closed | Open for extension |",
            ])),
            "Explain Single Responsibility and Open / Closed."
        );
    }

    #[test]
    fn imports_name_what_is_used() {
        assert_eq!(
            generate(&b(&[
                "from django.db import transaction",
                "@transaction.atomic"
            ])),
            "How do you use transaction from django.db?"
        );
        assert_eq!(
            generate(&b(&["from fastapi import FastAPI", "app = FastAPI()"])),
            "How do you use FastAPI?"
        );
        assert_eq!(
            generate(&b(&["from dataclasses import dataclass", "@dataclass"])),
            "How do you use dataclasses?"
        );
        // Plumbing modules give way to the subject; an extension to its
        // framework.
        assert_eq!(
            generate(&b(&[
                "import json",
                "from openai import OpenAI",
                "client = OpenAI()"
            ])),
            "How do you use OpenAI?"
        );
        assert_eq!(
            generate(&b(&[
                "from flask import Flask",
                "from flask_login import (",
                "LoginManager, login_user",
                ")",
                "from datetime import timedelta",
                "app = Flask(__name__)",
            ])),
            "How do you use flask_login?"
        );
        assert_eq!(
            generate(&b(&["import os", "KEY = os.environ['KEY']"])),
            "How do you use os?"
        );
    }

    #[test]
    fn an_opening_that_names_its_term_asks_for_it() {
        assert_eq!(
            generate(&b(&[
                "Reference counting: Every object has a reference count."
            ])),
            "What is reference counting?"
        );
        // A label is not a term.
        assert_ne!(
            generate(&b(&["Rule: Always profile before optimizing anything."])),
            "What is rule?"
        );
    }

    #[test]
    fn a_reason_asks_why() {
        assert_eq!(
            generate(&b(&[
                "NumPy operations are fast because: they run in C; they release the GIL; they use SIMD."
            ])),
            "Why are NumPy operations fast?"
        );
        assert_eq!(
            generate(&b(&[
                "Evaluating LLM outputs is non-trivial because outputs are open-ended."
            ])),
            "Why is evaluating LLM outputs non-trivial?"
        );
        // A definition that gives a reason later is still a definition.
        assert_eq!(
            generate(&b(&[
                "A descriptor is an object that defines __get__ because Python calls it."
            ])),
            "What is a descriptor?"
        );
    }

    #[test]
    fn a_gerund_subject_is_an_activity() {
        assert_eq!(
            generate(&b(&[
                "Mocking external services is a way to isolate tests."
            ])),
            "Explain mocking external services."
        );
        // A noun ending in `-ing`, or a gerund alone, is a thing.
        assert_eq!(
            generate(&b(&["Reference counting is how CPython frees memory."])),
            "What is reference counting?"
        );
        assert_eq!(
            generate(&b(&["Threading is a way to run code concurrently."])),
            "What is threading?"
        );
        assert!(!is_gerund("string"));
    }

    #[test]
    fn a_participle_dated_by_a_release_asks_what_came() {
        assert_eq!(
            generate(&b(&[
                "Introduced in PEP 484 (Python 3.5+). Tools read them."
            ])),
            "What was introduced in PEP 484?"
        );
        // Without a release, nothing was introduced at a date.
        assert_eq!(participle_question("Used in production code."), None);
        assert_eq!(
            participle_question("Added in Python 3.8."),
            Some("What was added in Python 3.8?".into())
        );
    }

    #[test]
    fn a_label_over_a_list_is_not_a_term() {
        // A label that is a clause asks for what it lists.
        assert_eq!(
            generate(&b(&[
                "Bugs Hypothesis finds that unit tests miss: Off-by-one errors; empty inputs; Unicode edge cases."
            ])),
            "What bugs does Hypothesis find that unit tests miss?"
        );
        // A label that is a noun phrase gives way to the prose after it.
        assert_eq!(
            generate(&b(&[
                "Production considerations: Model versioning; A/B testing; drift monitoring.",
                "Celery runs tasks outside the request cycle.",
            ])),
            "How does Celery run tasks outside the request cycle?"
        );
        // A term over a sentence is still a term.
        assert_eq!(
            generate(&b(&[
                "Reference counting: Every object has a count; it drops to zero."
            ])),
            "What is reference counting?"
        );
    }

    #[test]
    fn glued_labelled_parts_are_read_one_a_line() {
        assert_eq!(
            unglue_labels("list: O(1) append. Use as a stack.dict: O(1) get.set: O(1) add."),
            vec![
                "list: O(1) append. Use as a stack.",
                "dict: O(1) get.",
                "set: O(1) add."
            ]
        );
        // A dotted name is no sentence's end; a line not opening with a
        // label stays whole.
        assert_eq!(
            unglue_labels("path: see the docs of sys.path: entries"),
            vec!["path: see the docs of sys.path: entries"]
        );
        assert_eq!(
            unglue_labels("Lists grow in place.dict: O(1)"),
            vec!["Lists grow in place.dict: O(1)"]
        );
        assert_eq!(
            generate(&b(&[
                "Built-in:",
                "list: O(1) append, O(n) insert. Use as a stack.dict: O(1) get. Use for mapping.tuple: Immutable sequence. Use for keys.",
            ])),
            "Compare list, dict and tuple."
        );
    }

    #[test]
    fn placeholders_are_named_from_the_code() {
        let body = b(&[
            "[...] builds the",
            "whole list eagerly in memory.",
            "(...) is lazy —",
            "yields one item at a time.",
            "squares_list = [x**2 for x in range(10)]",
            "total = sum(x**2 for x in range(10))",
        ]);
        assert_eq!(
            generate(&body),
            "What is the difference between a list comprehension and a generator expression?"
        );
        // One placeholder is named in its sentence.
        assert_eq!(
            generate(&b(&[
                "{...} builds a dict in one expression.",
                "lengths = {w: len(w) for w in words}",
            ])),
            "How does a dict comprehension build a dict?"
        );
        // Brackets without a loop name no construct.
        assert_eq!(placeholder_construct("[...]", &["xs = [1, 2, 3]"]), None);
        assert_eq!(
            placeholder_construct("{...}", &["s = {len(w) for w in words}"]),
            Some("set comprehension")
        );
    }

    #[test]
    fn code_names_its_task() {
        // A pyproject table names the tool configured.
        assert_eq!(
            generate(&b(&[
                "[tool.pytest.ini_options]",
                "testpaths = [\"tests\"]",
                "# Root conftest.py — available project-wide",
            ])),
            "How do you configure pytest in pyproject.toml?"
        );
        // An instruction heading the code after its imports.
        assert_eq!(
            generate(&b(&[
                "import json",
                "from openai import OpenAI",
                "client = OpenAI()",
                "# Define tools the LLM can call",
                "tools = []",
            ])),
            "How do you define tools the LLM can call?"
        );
        // A comment that is no instruction leaves the library's name.
        assert_eq!(
            generate(&b(&[
                "import torch",
                "# Define model",
                "class M(torch.nn.Module):"
            ])),
            "How do you use torch?"
        );
        // Numbered steps in comments, shouted terms in lowercase.
        assert_eq!(
            generate(&b(&[
                "from openai import OpenAI",
                "# 1. INGESTION — chunk and embed documents",
                "def embed(text): ...",
                "# 2. RETRIEVAL — semantic search",
                "def retrieve(q): ...",
                "# 3. GENERATION — augment the prompt",
            ])),
            "Explain ingestion, retrieval and generation."
        );
        assert_eq!(unshout("SOLID"), "SOLID");
        // The one function of a plumbing module the code calls.
        assert_eq!(
            generate(&b(&[
                "import sys",
                "a = []",
                "print(sys.getrefcount(a))",
                "print(sys.getrefcount(a))"
            ])),
            "How do you use sys.getrefcount()?"
        );
        assert_eq!(
            generate(&b(&["import bisect", "bisect.insort(xs, 3)"])),
            "How do you use bisect?"
        );
    }
    #[test]
    fn a_clause_before_a_colon_is_not_a_term() {
        // Was `What are AbstractUser already has?`: the comment continued
        // on the next line names nothing; the decorated heading does.
        let t = generate(&b(&[
            "# AbstractUser already has: username, email, password,",
            "# is_staff, is_active, date_joined",
            "# ——— DRF — Custom Object Permission ———",
            "from rest_framework.permissions import BasePermission",
            "class IsOwner(BasePermission):",
        ]));
        assert_eq!(t, "Explain custom object permission in DRF.");
        let t = generate(&b(&["# Django already has: users, groups", "x = 1"]));
        assert!(!t.starts_with("What are"), "{t}");
    }

    #[test]
    fn numbered_comments_name_their_items() {
        let t = generate(&b(&[
            "# 1. Late binding closures",
            "funcs = [lambda: i for i in range(5)]",
            "# 2. Mutable default argument (covered above)",
            "# 3. Integer division",
            "print(7 // 2)",
        ]));
        assert_eq!(
            t,
            "Explain late binding closures, mutable default argument and integer division."
        );
        // Tips: the verb they share is said once.
        let t = generate(&b(&[
            "# 1. Use sets for lookups (O(1))",
            "ids = {1, 2}",
            "# 2. Use generators for big data",
            "total = sum(x for x in data)",
            "# 3. Avoid globals in loops",
            "def fast_loop():",
        ]));
        assert_eq!(
            t,
            "Why should you use sets for lookups, generators for big data and avoid globals in loops?"
        );
        // Two numbered comments are no list.
        let t = generate(&b(&[
            "# 1. Late binding closures",
            "f = 1",
            "# 2. Integer division",
            "def g(): ...",
        ]));
        assert!(!t.contains("closures"), "{t}");
    }

    #[test]
    fn heading_comments_over_snippets_are_named() {
        assert_eq!(
            generate(&b(&[
                "# Swap variables",
                "a, b = b, a",
                "# Ternary expression",
                "r = 1 if x else 2",
                "# Dictionary merging (Python 3.9+)",
                "m = a | b",
                "# Walrus operator",
                "if (n := 1): ...",
            ])),
            "Explain swapping variables, ternary expression and dictionary merging."
        );
        assert_eq!(
            generate(&b(&[
                "# ——— Assertions ———",
                "def test_raises():",
                "# ——— Parametrize ———",
                "@pytest.mark.parametrize('n', [1])",
                "# --- Built-in fixtures ---",
                "# tmp_path — per-test dir",
                "def test_file(tmp_path): ...",
            ])),
            "Explain assertions, parametrize and built-in fixtures."
        );
        // Two headings are no run; a comment with a separator heads none.
        assert_eq!(
            generate(&b(&[
                "# Swap variables",
                "a, b = b, a",
                "# Ternary expression",
                "r = 1"
            ])),
            "Explain swap variables."
        );
        // Two decorated alike are a walk-through; two decorated unlike are not.
        let decorated = [
            "# ——— ALWAYS use parameterised queries ———",
            "cur.execute(sql, (name,))",
            "# ——— Database Indexes ———",
            "CREATE INDEX ix ON books (author_id)",
        ];
        assert_eq!(
            generate(&b(&decorated)),
            "Explain using parameterised queries and database indexes."
        );
        let unlike = [
            decorated[0],
            decorated[1],
            "# === Database Indexes ===",
            decorated[3],
        ];
        assert!(!generate(&b(&unlike)).contains("indexes"));
        // One decorated heading heads the answer as a heading, not a sentence.
        assert_eq!(
            generate(&b(&unlike)),
            "Explain using parameterised queries."
        );
        assert_eq!(
            generate(&b(&[
                "# WeakSet — set of weakly-referenced objects",
                "s = WeakSet()",
                "# Ternary expression",
                "r = 1",
                "# Integer division",
                "q = 7 // 2",
            ])),
            "What is WeakSet?"
        );
    }

    #[test]
    fn sections_naming_the_import_are_its_topics() {
        // A term before its gloss and a plain heading over code are
        // sections; one of them spells the import's name in words.
        assert_eq!(
            generate(&b(&[
                "from webkit import BackgroundJobs",
                "from webkit.cors import CorsLayer",
                "# Cors layer — allow other origins",
                "app.add(CorsLayer)",
                "# Request timing",
                "class Timer: ...",
                "# Background jobs β run after the reply",
                "def notify(jobs: BackgroundJobs): ...",
            ])),
            "Explain cors layer, request timing and background jobs."
        );
        // A comment names the import (`@memo`); glosses are dropped.
        assert_eq!(
            generate(&b(&[
                "from caching import memo",
                "# Top-down (recursive) = recursion + cache",
                "# Trivial with @memo",
                "@memo",
                "def fib(n): ...",
                "# Bottom-up — a table filled in order",
                "def table(n): ...",
            ])),
            "Explain top-down and bottom-up."
        );
        // Sections that never name the import are its steps: the import
        // title stays.
        assert_eq!(
            generate(&b(&[
                "from authlib import TokenScheme",
                "# Login — issue a token",
                "def login(): ...",
                "# Check — validate the token",
                "def check(token=TokenScheme()): ...",
                "# Protected route",
                "def me(): ...",
            ])),
            "How do you use TokenScheme from authlib?"
        );
        // The first section must head the code after the imports.
        assert_eq!(
            generate(&b(&[
                "from webkit import Reply",
                "def view(): return Reply()",
                "# Reply — a response",
                "r = Reply()",
                "# Reply views",
                "class V: ...",
            ])),
            "How do you use Reply from webkit?"
        );
        assert_eq!(term_comment("# BFS — use a queue").as_deref(), Some("BFS"));
        assert_eq!(
            term_comment("# atomic() — wrap it").as_deref(),
            Some("atomic()")
        );
        assert_eq!(term_comment("# Python's sort is Timsort — stable"), None);
        assert_eq!(term_comment("# Note: this is slow"), None);
        assert_eq!(term_comment("# config.py: settings"), None);
        assert_eq!(
            term_comment("# βeta — a mojibake word").as_deref(),
            Some("βeta")
        );
        assert_eq!(
            term_comment("# keys() / items() — views").as_deref(),
            Some("keys() / items()")
        );
        // An import the code never uses names nothing: the sections stand.
        assert_eq!(
            generate(&b(&[
                "from orm.extra import Fallback",
                "# pick() — load some fields",
                "rows = Row.objects.pick('id')",
                "# skip() — load the rest",
                "rows = Row.objects.skip('body')",
            ])),
            "Explain pick() and skip()."
        );
    }

    #[test]
    fn numbered_comments_sharing_a_label_are_listed() {
        assert_eq!(
            generate(&b(&[
                "## Approach 1: Hooks (simplest — no setup)",
                "import hooks",
                "def load(): ...",
                "## Approach 2: Registry via decorator",
                "REGISTRY = {}",
                "## Approach 3: __set_name__ (Python 3.6+)",
                "class Field: ...",
            ])),
            "Explain these approaches: hooks, registry via decorator and __set_name__."
        );
        // Numbers out of order or one item list nothing.
        assert_ne!(
            generate(&b(&[
                "# Strategy 1: Retry",
                "x = 1",
                "# Strategy 3: Fail fast",
                "y = 2"
            ])),
            "Explain these strategies: retry and fail fast."
        );
        assert_eq!(plural("strategy"), "strategies");
        assert_eq!(plural("approach"), "approaches");
        assert_eq!(plural("key"), "keys");
        assert_eq!(plural("step"), "steps");
    }

    #[test]
    fn a_gerund_heading_is_a_task() {
        assert_eq!(
            generate(&b(&[
                "# Testing Flask",
                "import pytest",
                "def test_app(): ..."
            ])),
            "How do you test Flask?"
        );
        // A gerund of a verb the lists do not know stays a task to explain.
        assert_eq!(
            generate(&b(&["# Evaluating outputs", "score = judge(x)"])),
            "Explain evaluating outputs."
        );
        assert_eq!(gerund_base("setting").as_deref(), Some("set"));
        assert_eq!(gerund_base("caching").as_deref(), Some("cache"));
        assert_eq!(gerund_base("string"), None);
        assert_eq!(gerund_of("swap"), "swapping");
        assert_eq!(gerund_of("use"), "using");
        assert_eq!(gerund_of("test"), "testing");
        assert_eq!(gerund_of("open"), "opening");
    }

    #[test]
    fn a_heading_comment_the_code_names_in_full_wins_over_a_function() {
        // Was `What does with_timeout do?`.
        assert_eq!(
            generate(&b(&[
                "# Timeout — Python 3.11+",
                "async def with_timeout():",
                "async with asyncio.timeout(5.0):",
                "result = await slow()",
            ])),
            "How do you use asyncio.timeout()?"
        );
    }

    #[test]
    fn a_negative_claim_asks_why() {
        assert_eq!(
            negative_claim_question("Python doesn't need a DI framework for most cases").as_deref(),
            Some("Why doesn't Python need a DI framework for most cases?")
        );
        assert_eq!(
            negative_claim_question("Tuples cannot be changed after creation, unlike lists.")
                .as_deref(),
            Some("Why can't tuples be changed after creation?")
        );
        assert_eq!(
            negative_claim_question(
                "The GIL is not released during pure Python loops — only on I/O."
            )
            .as_deref(),
            Some("Why isn't the GIL released during pure Python loops?")
        );
        // A pronoun names nothing; a claim with no negation is no such claim.
        assert_eq!(negative_claim_question("It doesn't matter here."), None);
        assert_eq!(
            negative_claim_question("Python needs no DI framework."),
            None
        );
        // A spaced dash ends the first sentence, the dash not kept.
        assert_eq!(
            first_sentence("Python doesn't need a DI framework — constructor injection is enough."),
            "Python doesn't need a DI framework"
        );
    }

    #[test]
    fn new_comment_rules_give_question_forms() {
        for t in [
            "Explain custom object permission in DRF.",
            "Why should you use sets for lookups and generators for big data?",
            "Explain swapping variables, ternary expression and dictionary merging.",
            "How do you test Flask?",
            "How do you use asyncio.timeout()?",
        ] {
            assert!(is_question_form(t), "{t}");
        }
    }

    #[test]
    fn a_pronoun_names_what_was_introduced() {
        assert_eq!(
            generate(&b(&[
                "Added in Python 3.8. It is an assignment expression — it binds and returns."
            ])),
            "What is the assignment expression added in Python 3.8?"
        );
        assert_eq!(
            generate(&b(&["Introduced in PEP 700. They are just hints."])),
            "What are the hints introduced in PEP 700?"
        );
        // A sentence that says no noun leaves the question as it was.
        assert_eq!(
            generate(&b(&["Introduced in PEP 700. They are not enforced."])),
            "What was introduced in PEP 700?"
        );
    }

    #[test]
    fn names_passed_as_keys_name_the_task() {
        assert_eq!(
            generate(&b(&[
                "from operator import attrgetter, itemgetter",
                "# Newest first",
                "books.sort(key=attrgetter('year'), reverse=True)",
                "rows = sorted(rows, key=itemgetter(2))",
            ])),
            "How do you sort with attrgetter and itemgetter?"
        );
        assert_eq!(
            generate(&b(&[
                "from shapes import area",
                "big = max(boxes, key=area)",
                "small = min(boxes, key=area)",
            ])),
            "How do you use area from shapes?"
        );
        assert_eq!(
            generate(&b(&[
                "from shapes import area",
                "big = max(boxes, key=area)",
                "tallest = max(boxes, key=area)",
            ])),
            "How do you find the maximum with area?"
        );
        // A name also used on its own is no key.
        assert_eq!(
            generate(&b(&[
                "from operator import attrgetter",
                "get_year = attrgetter('year')",
                "books.sort(key=attrgetter('year'))",
            ])),
            "How do you use attrgetter from operator?"
        );
        assert_eq!(
            enclosing_call("xs.sort(key=f(1))", 12),
            Some(("sort".to_string(), true))
        );
        assert_eq!(enclosing_call("ys = [f(1)]", 6), None);
    }

    #[test]
    fn headings_over_new_imports_are_further_topics() {
        assert_eq!(
            generate(&b(&[
                "from stubs import fake",
                "def test_a():",
                "with fake('net.get'): ...",
                "# Testing the CLI",
                "import pytest",
                "def test_b(client): ...",
                "# Snapshot tests via syrupy",
                "from syrupy import snapshot",
                "def test_c(snapshot): ...",
            ])),
            "Explain fake from stubs, testing the CLI and snapshot tests."
        );
        // One topic brought in is a detail of the first.
        assert_eq!(
            generate(&b(&[
                "from stubs import fake",
                "def test_a():",
                "with fake('net.get'): ...",
                "# Testing the CLI",
                "import pytest",
                "def test_b(client): ...",
            ])),
            "How do you use fake from stubs?"
        );
        assert_eq!(without_means("Caching via redis-cache"), "Caching");
        assert_eq!(without_means("Custom checks"), "Custom checks");
    }

    #[test]
    fn a_library_the_comments_name_joins_the_subject() {
        assert_eq!(
            generate(&b(&[
                "from embedder import Encoder",
                "import vectordb",
                "enc = Encoder('small')",
                "# VectorDB — local store",
                "db = vectordb.Client()",
            ])),
            "How do you use Encoder with VectorDB?"
        );
        // A name imported from the library counts; a comment on the
        // import line itself names nothing.
        assert_eq!(
            generate(&b(&[
                "from authkit import Bearer",
                "from tokenlib import jwt",
                "scheme = Bearer()",
                "# Login — issue a JWT",
                "tok = jwt.encode({})",
            ])),
            "How do you use Bearer with JWT?"
        );
        assert_eq!(
            generate(&b(&[
                "from embedder import Encoder",
                "import vectordb  # VectorDB client",
                "enc = Encoder('small')",
                "db = vectordb.Client()",
            ])),
            "How do you use Encoder from embedder?"
        );
    }

    #[test]
    fn an_interface_classes_are_named_after_is_the_subject() {
        let body = [
            "from dataclasses import dataclass",
            "from typing import Protocol",
            "class Shape(Protocol):",
            "def area(self) -> float: ...",
            "@dataclass",
            "class CircleShape:",
            "r: float",
            "@dataclass",
            "class SquareShape:",
            "s: float",
        ];
        assert_eq!(
            generate(&b(&body)),
            "How do you implement the Shape protocol?"
        );
        assert_eq!(
            generate(&b(&[
                "from abc import ABC, abstractmethod",
                "class Store(ABC):",
                "class FileStore(Store): ...",
                "class MemoryStore(Store): ...",
            ])),
            "How do you implement the Store interface?"
        );
        // One implementation is no family.
        assert_ne!(
            generate(&b(&body[..7])),
            "How do you implement the Shape protocol?"
        );
    }

    #[test]
    fn hyphenated_title_case_is_lowercased_whole() {
        assert_eq!(lower_first("Class-Based Views"), "class-based views");
        assert_eq!(lower_first("Read-Only fields"), "read-only fields");
        assert_eq!(lower_first("X-Forwarded header"), "X-Forwarded header");
    }
}
