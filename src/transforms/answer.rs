//! Rebuilds an answer's lines as CommonMark: code runs become fenced
//! blocks with a language, pipe-table lines a table, bullets a list, and
//! prose paragraphs with inline code marked.
//!
//! Lines are classified by [`crate::text`], then settled by their
//! neighbours and by Ruff's parser ([`classify`]); runs of code are split
//! by language ([`language`]) and stripped Python is re-indented
//! ([`indentation`]); tables are rebuilt ([`tables`]) and glued inline
//! code cut apart ([`glued`]).

use crate::readers::BodyLine;
use crate::text::{is_bullet_line, is_code_line, is_table_line, looks_like_sentence};
use crate::transforms::indentation;
use crate::transforms::language::{self, Language};
use crate::transforms::{glued, tables};

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

/// Classifies each line of `body` (one [`LineKind`] per line), in passes:
/// the line's own shape; then its neighbours (a line that is not a sentence
/// between two code lines is code, so is an indented line after code when
/// the document kept its indentation, and a line beside code that Ruff's
/// parser accepts as a statement with code syntax); then the lines of a
/// wrapped table row join their table; then each code statement with the
/// lines that continue its brackets or strings is code, unless it does not
/// parse and reads as a sentence ([`indentation::reads_as_prose`]).
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
        // Right under a prompt (`>>> x == y`), a short line that is no
        // sentence is the session's output (`True`, `[1, 2]`).
        let after_prompt = i > 0 && body[i - 1].text.trim_start().starts_with(">>>");
        if after_prompt && crate::text::word_count(t) <= 3 && !looks_like_sentence(t.trim()) {
            kinds[i] = LineKind::Code;
            continue;
        }
        // Beside code, a line that parses as a Python statement with code
        // syntax is code (`DEBUG: Final = False` after `class Config:`).
        let first = t.split_whitespace().next().unwrap_or("");
        let parses_as_code = (prev_code || next_code)
            && (t.contains(['=', '(', '[']) || matches!(first, "import" | "from"))
            && indentation::statement_parses(t.trim());
        if (indentation_kept && indented && prev_code)
            || (prev_code && next_code && !looks_like_sentence(t.trim()))
            || parses_as_code
        {
            kinds[i] = LineKind::Code;
        }
    }
    // The lines of a wrapped table row belong to its table.
    let texts: Vec<&str> = body.iter().map(|b| b.text.as_str()).collect();
    let mut i = 0;
    while i < body.len() {
        if kinds[i] == LineKind::Table {
            let n = tables::table_len(&texts[i..]).max(1);
            kinds[i..i + n].fill(LineKind::Table);
            i += n;
        } else {
            i += 1;
        }
    }
    // A code line that leaves a bracket, a triple-quoted string or a `\`
    // open is continued by the lines up to its close, whatever they look
    // like (`List, Dict,` inside `from typing import (`); a would-be Python
    // statement that does not parse and reads as a sentence is prose
    // (`super() follows MRO, not just the parent:`).
    let mut i = 0;
    while i < body.len() {
        if kinds[i] != LineKind::Code || body[i].text.trim_start().starts_with('#') {
            i += 1;
            continue;
        }
        let window: Vec<&str> = body[i..body.len().min(i + MAX_CONTINUATION)]
            .iter()
            .map(|b| b.text.as_str())
            .collect();
        let owners = indentation::statement_owners(&window);
        let mut continued = owners.iter().skip(1).take_while(|&&o| o == 0).count();
        // Only a statement that closes inside the window continues.
        if continued + 1 >= window.len() {
            continued = 0;
        }
        let statement = window[..=continued].join("\n");
        let kind = if language::line_language(window[0]).is_none()
            && indentation::reads_as_prose(&statement)
        {
            LineKind::Prose
        } else {
            LineKind::Code
        };
        for k in &mut kinds[i..=i + continued] {
            if *k != LineKind::Blank {
                *k = kind;
            }
        }
        i += continued + 1;
    }
    kinds
}

/// The most lines one statement may continue over (brackets or strings
/// left open longer are taken for a stray bracket, not code).
const MAX_CONTINUATION: usize = 60;

/// The body of a document that is already Markdown, as written (one
/// trailing newline), except that indented code blocks outside lists and
/// quotes become fenced blocks with the language their lines show
/// ([`language::split`]; `text` when they mix languages), so that every
/// code block of the model is fenced and highlighted.
///
/// ```
/// use pyqconv::readers::BodyLine;
/// use pyqconv::transforms::answer::keep_markdown;
/// let body = BodyLine::numbered(&["Iterate:", "", "    for line in f:", "        print(line)"]);
/// assert_eq!(keep_markdown(&body), "Iterate:\n\n```python\nfor line in f:\n    print(line)\n```\n");
/// ```
pub fn keep_markdown(body: &[BodyLine]) -> String {
    let texts: Vec<&str> = body.iter().map(|b| b.text.as_str()).collect();
    let texts = unquoted(&texts);
    let rewritten = fence_rst_literal_blocks(&texts);
    let lines: Vec<&str> = rewritten.iter().map(String::as_str).collect();
    let mut out = String::new();
    let mut in_fence = false;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
        }
        out.push_str(line);
        // Lettered options on lines of their own (`A) False` / `B) True`)
        // would run together as one paragraph: each ends in a hard break.
        if !in_fence && is_option(line) && lines.get(i + 1).is_some_and(|n| is_option(n)) {
            out.push('\\');
        }
        out.push('\n');
    }
    fence_indented_code(&out)
}

/// The lines of an answer written wholly as one block quote (every
/// non-blank line opens with `>`, as many Q&A READMEs set answers off
/// from their questions) without that quote level (CommonMark spec,
/// "Block quotes": `>` and one optional space); any other answer as it
/// is. A card shows the answer alone, so the quote's bar says nothing.
fn unquoted<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let quoted = lines.iter().any(|l| !l.trim().is_empty())
        && lines
            .iter()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('>'));
    if !quoted {
        return lines.to_vec();
    }
    lines
        .iter()
        .map(|l| {
            let t = l.trim_start();
            let rest = t.strip_prefix('>').unwrap_or(t);
            rest.strip_prefix(' ').unwrap_or(rest)
        })
        .collect()
}

/// The language a reStructuredText code directive names, when `line` is
/// one: `.. code-block:: python` → `Some("python")`, `.. code::` →
/// `Some("")`; `None` for any other line.
fn rst_code_directive(line: &str) -> Option<&str> {
    let t = line.trim();
    let rest = t.strip_prefix("..")?.trim_start();
    ["code-block::", "sourcecode::", "code::"]
        .iter()
        .find_map(|d| rest.strip_prefix(d))
        .map(str::trim)
        .filter(|lang| !lang.contains(char::is_whitespace))
}

/// Rewrites reStructuredText literal blocks as fenced code
/// (reStructuredText Markup Specification, "Literal Blocks" and Sphinx's
/// `code-block` directive): a `.. code-block:: LANG` (or `.. code::`,
/// `.. sourcecode::`) line, its option lines (`:linenos:`) and the
/// indented block after it become a fence with that language; a
/// paragraph line ending in `::` keeps one `:` and its indented block
/// becomes a fence with the language its lines show ([`language::split`]).
/// The block is every line after a blank line that is indented deeper
/// than the line that introduced it, up to the first that is not (blank
/// lines inside kept), its common indentation removed. A paragraph that
/// opens at the `>>>` prompt is a doctest block, fenced as `pycon`;
/// `.. index::` entries and `.. _target:` lines are dropped. Lines in
/// fenced code are left alone.
fn fence_rst_literal_blocks(lines: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut in_fence = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
        }
        let starts_paragraph = i == 0 || lines[i - 1].trim().is_empty();
        if !in_fence && starts_paragraph && (t == ">>>" || t.starts_with(">>> ")) {
            // A doctest block (reStructuredText spec, "Doctest Blocks"): an
            // interactive session up to the next blank line, at any
            // indentation; Markdown would read its prompts as quotes.
            let end = (i..lines.len())
                .find(|&k| lines[k].trim().is_empty())
                .unwrap_or(lines.len());
            let common = lines[i..end]
                .iter()
                .map(|l| crate::text::leading_spaces(l))
                .min()
                .unwrap_or(0);
            out.push("```pycon".to_string());
            out.extend(
                lines[i..end]
                    .iter()
                    .map(|l| l.get(common..).unwrap_or("").to_string()),
            );
            out.push("```".to_string());
            i = end;
            continue;
        }
        if !in_fence && (t.starts_with(".. index::") || t.starts_with(".. _") && t.ends_with(':')) {
            // Index entries and link targets mark the page, not the answer;
            // an index entry's own lines are indented under it.
            let indent = crate::text::leading_spaces(line);
            i += 1;
            while i < lines.len()
                && !lines[i].trim().is_empty()
                && crate::text::leading_spaces(lines[i]) > indent
            {
                i += 1;
            }
            continue;
        }
        let directive = (!in_fence).then(|| rst_code_directive(line)).flatten();
        let expanded = !in_fence
            && directive.is_none()
            && t.ends_with("::")
            && !t.starts_with("..")
            && t.trim_end_matches(':').chars().any(char::is_alphanumeric);
        if directive.is_none() && !expanded {
            out.push(line.to_string());
            i += 1;
            continue;
        }
        let indent = crate::text::leading_spaces(line);
        let mut j = i + 1;
        // Directive options (`:linenos:`) sit right under the directive.
        while directive.is_some()
            && j < lines.len()
            && lines[j].trim_start().starts_with(':')
            && crate::text::leading_spaces(lines[j]) > indent
        {
            j += 1;
        }
        if j >= lines.len() || !lines[j].trim().is_empty() {
            out.push(line.to_string());
            i += 1;
            continue;
        }
        let mut end = j;
        let mut k = j;
        while k < lines.len()
            && (lines[k].trim().is_empty() || crate::text::leading_spaces(lines[k]) > indent)
        {
            if !lines[k].trim().is_empty() {
                end = k + 1;
            }
            k += 1;
        }
        let block = &lines[j..end];
        let common = block
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| crate::text::leading_spaces(l))
            .min();
        let Some(common) = common else {
            out.push(line.to_string());
            i += 1;
            continue;
        };
        let code: Vec<&str> = block
            .iter()
            .skip_while(|l| l.trim().is_empty())
            .map(|l| l.get(common..).unwrap_or(""))
            .collect();
        let lang = match directive {
            Some(lang) if !lang.is_empty() => lang.to_string(),
            _ => {
                let parts = language::split(&code);
                match parts.first() {
                    Some((first, _)) if parts.iter().all(|(l, _)| l == first) => {
                        first.as_str().to_string()
                    }
                    _ => Language::Text.as_str().to_string(),
                }
            }
        };
        if expanded {
            // `Example::` reads `Example:`; a lone `::` says nothing.
            let said = line.trim_end().strip_suffix(':').unwrap_or(line);
            if said.trim() != ":" {
                out.push(said.to_string());
            }
        }
        if out.last().is_some_and(|l| !l.trim().is_empty()) {
            out.push(String::new());
        }
        out.push(format!("```{lang}"));
        out.extend(code.iter().map(|l| l.to_string()));
        out.push("```".to_string());
        i = end;
    }
    out
}

/// Whether `line` is a lettered option of a multiple-choice question:
/// one letter, `)` or `.`, a space, text (`A) False`, `b. True`).
fn is_option(line: &str) -> bool {
    let mut chars = line.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(c), Some(')' | '.'), Some(' ')) if c.is_ascii_alphabetic()
    ) && line.len() > 3
}

/// Rewrites top-level indented code blocks of `markdown` as fenced ones
/// (CommonMark's "Indented code blocks" and "Fenced code blocks": the
/// code is the same, the fence can carry a language).
fn fence_indented_code(markdown: &str) -> String {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
    let mut depth = 0usize;
    let mut open: Option<(std::ops::Range<usize>, String)> = None;
    let mut blocks: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for (event, range) in Parser::new_ext(markdown, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::List(_) | Tag::Item | Tag::BlockQuote(_)) => depth += 1,
            Event::End(TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_)) => {
                depth = depth.saturating_sub(1)
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) if depth == 0 => {
                open = Some((range, String::new()));
            }
            Event::Text(text) => {
                if let Some((_, code)) = open.as_mut() {
                    code.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(block) = open.take() {
                    blocks.push(block);
                }
            }
            _ => {}
        }
    }
    let mut out = markdown.to_string();
    for (range, code) in blocks.into_iter().rev() {
        // Indentation all the lines share is no part of the code (an
        // item's code indented one space too deep would not parse).
        let common = code
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(crate::text::leading_spaces)
            .min()
            .unwrap_or(0);
        let lines: Vec<&str> = code
            .trim_end_matches('\n')
            .lines()
            .map(|l| l.get(common..).unwrap_or(""))
            .collect();
        let code = lines.join("\n");
        let parts = language::split(&lines);
        let lang = match parts.first() {
            Some((first, _)) if parts.iter().all(|(l, _)| l == first) => *first,
            _ => Language::Text,
        };
        // The block's range ends after its last line's newline, if any.
        let end = if out[..range.end].ends_with('\n') {
            range.end
        } else {
            range.end
                + out[range.end..]
                    .find('\n')
                    .map_or(0, |k| k + 1)
                    .min(out.len() - range.end)
        };
        let start = out[..range.start].rfind('\n').map_or(0, |k| k + 1);
        out.replace_range(start..end, &format!("```{}\n{code}\n```\n", lang.as_str()));
    }
    out
}

/// A block of a rebuilt answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Consecutive code lines, to be fenced.
    Code {
        /// The fence's info string (`python`, `bash`, …).
        language: &'static str,
        /// 1-based document line numbers of `lines`, one each.
        source_lines: Vec<usize>,
        /// The code, indentation rebuilt where the document lost it.
        lines: Vec<String>,
        /// For Python: whether the block parses (see
        /// [`indentation::parses`]); `None` for other languages.
        parses: Option<bool>,
    },
    /// A table: the header's cells, then each row's (as inline Markdown).
    Table(Vec<Vec<String>>),
    /// Bullet items, as Markdown list lines.
    List(Vec<String>),
    /// One paragraph of inline Markdown.
    Paragraph(String),
}

/// Splits `body` into blocks: code runs (Python re-indented with
/// [`indentation::reindent`] when the document stripped indentation),
/// tables, lists, and paragraphs (consecutive prose lines that do not end a
/// sentence are joined: scrapers wrapped them).
pub fn blocks(body: &[BodyLine], indentation_kept: bool) -> Vec<Block> {
    let decoded: Vec<BodyLine> = body
        .iter()
        .map(|b| BodyLine {
            line: b.line,
            text: decode_entities(&b.text),
        })
        .collect();
    let body = decoded.as_slice();
    let kinds = classify(body, indentation_kept);
    let vocabulary = glued::Vocabulary::from_code(
        body.iter()
            .zip(&kinds)
            .filter(|(_, k)| **k == LineKind::Code)
            .map(|(b, _)| b.text.as_str()),
    );
    let mut blocks: Vec<Block> = Vec::new();
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
                let run = &body[i..=last_code];
                let lines: Vec<&str> = run.iter().map(|b| b.text.trim_end()).collect();
                for (language, range) in language::split(&lines) {
                    let part = &lines[range.clone()];
                    // Blank lines at either end belong to no block.
                    let Some(first) = part.iter().position(|l| !l.trim().is_empty()) else {
                        continue;
                    };
                    let last = part
                        .iter()
                        .rposition(|l| !l.trim().is_empty())
                        .unwrap_or(first);
                    let part = &part[first..=last];
                    let source_lines = run[range.start + first..=range.start + last]
                        .iter()
                        .map(|b| b.line)
                        .collect();
                    blocks.push(code_block(language, part, source_lines, indentation_kept));
                }
                i = last_code + 1;
            }
            LineKind::Table => {
                let start = i;
                while i < body.len() && kinds[i] == LineKind::Table {
                    i += 1;
                }
                let lines: Vec<&str> = body[start..i].iter().map(|b| b.text.as_str()).collect();
                let rows = tables::join_wrapped_rows(&lines, is_code_line);
                if !rows.is_empty() {
                    blocks.push(Block::Table(rows));
                }
            }
            LineKind::Bullet => {
                let mut items = Vec::new();
                while i < body.len() && kinds[i] == LineKind::Bullet {
                    let t = body[i].text.trim_start();
                    let mut item = t
                        .get(t.char_indices().nth(1).map_or(0, |(k, _)| k)..)
                        .unwrap_or("")
                        .trim()
                        .to_string();
                    i += 1;
                    // An item the scraper broke at its inline code goes on
                    // in the prose lines after it.
                    while i < body.len() && kinds[i] == LineKind::Prose {
                        let next = body[i].text.trim();
                        let unfinished = !item.ends_with(['.', '?', '!', ':']);
                        let glued_code = next.starts_with(|c: char| c.is_lowercase() || c == '_');
                        if !(unfinished || glued_code) {
                            break;
                        }
                        item.push(' ');
                        item.push_str(next);
                        i += 1;
                    }
                    // Items run together after ` - ` are items of their own.
                    items.extend(
                        glued::split_items(&item)
                            .iter()
                            .map(|it| format!("- {}", inline_with(it, &vocabulary))),
                    );
                }
                blocks.push(Block::List(items));
            }
            LineKind::Prose => {
                let run: Vec<&str> = body[i..]
                    .iter()
                    .zip(&kinds[i..])
                    .take_while(|(_, k)| **k == LineKind::Prose)
                    .map(|(b, _)| b.text.as_str())
                    .collect();
                if let Some((n, rows)) = tables::glued_table(&run) {
                    let rows: Vec<Vec<String>> = rows
                        .iter()
                        .map(|r| r.iter().map(|c| inline_with(c, &vocabulary)).collect())
                        .collect();
                    blocks.push(Block::Table(rows));
                    i += n;
                    continue;
                }
                let mut para = inline_with(body[i].text.trim(), &vocabulary);
                let mut ends_sentence = ends_sentence(&body[i].text);
                i += 1;
                while i < body.len() && kinds[i] == LineKind::Prose && !ends_sentence {
                    para.push(' ');
                    para.push_str(&inline_with(body[i].text.trim(), &vocabulary));
                    ends_sentence = self::ends_sentence(&body[i].text);
                    i += 1;
                }
                blocks.push(Block::Paragraph(para));
            }
        }
    }
    blocks
}

/// `line` with HTML entities decoded, also when a scraper encoded them
/// twice or three times (`&amp;amp;nbsp;` → a space); no-break spaces
/// become spaces. Decoding is html-escape's (WHATWG named references).
///
/// ```
/// use pyqconv::transforms::answer::decode_entities;
/// assert_eq!(decode_entities("a&amp;amp;nbsp;b &lt;T&gt;"), "a b <T>");
/// assert_eq!(decode_entities("x & y"), "x & y");
/// ```
pub fn decode_entities(line: &str) -> String {
    let mut text = line.to_string();
    for _ in 0..3 {
        if !text.contains('&') {
            break;
        }
        let next = html_escape::decode_html_entities(&text).into_owned();
        if next == text {
            break;
        }
        text = next;
    }
    text.replace('\u{a0}', " ")
}

/// Whether `word` is a `__dunder__` name or a call (`f()`, `__iadd__(in-place)`).
fn is_dunder_or_call(word: &str) -> bool {
    let name = word.split('(').next().unwrap_or("");
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
        && (name.starts_with("__") && name.ends_with("__") || word.ends_with(')'))
}

/// A code block of `language` from `lines`: Python re-indented (when the
/// document stripped it) and checked by a parser; other languages as
/// written, their common indentation removed.
fn code_block(
    language: Language,
    lines: &[&str],
    source_lines: Vec<usize>,
    indentation_kept: bool,
) -> Block {
    let source = dedent(&(lines.join("\n") + "\n"));
    // A session at the prompt is no module: kept as found, not parsed.
    let session = language == Language::Python
        && source
            .lines()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| l.starts_with(">>>"));
    let language = if session { Language::Pycon } else { language };
    let (lines, parses) = match language {
        Language::Python => {
            // Kept indentation is kept, unless the block does not parse and
            // every line sits at column 0 (the indentation was lost after all).
            let kept_parses = indentation_kept && indentation::parses(&source);
            let indented = source.lines().any(|l| l.starts_with([' ', '\t']));
            if kept_parses || (indentation_kept && indented) {
                (
                    source.lines().map(str::to_string).collect(),
                    Some(kept_parses),
                )
            } else {
                let r = indentation::reindent(&source.lines().collect::<Vec<_>>());
                (r.lines, Some(r.parses))
            }
        }
        _ => (source.lines().map(str::to_string).collect(), None),
    };
    Block::Code {
        language: language.as_str(),
        source_lines,
        lines,
        parses,
    }
}

/// `source` with the indentation common to all its non-blank lines removed.
fn dedent(source: &str) -> String {
    let common = source
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    source
        .lines()
        .map(|l| l.get(common..).unwrap_or("").trim_end())
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Renders `body` as CommonMark: the [`blocks`] separated by one blank
/// line.
pub fn to_markdown(body: &[BodyLine], indentation_kept: bool) -> String {
    let rendered: Vec<String> = blocks(body, indentation_kept)
        .into_iter()
        .map(|b| match b {
            Block::Code {
                language, lines, ..
            } => fence(language, &lines),
            Block::Table(rows) => tables::to_gfm(&rows),
            Block::List(items) => items.join("\n"),
            Block::Paragraph(p) => p,
        })
        .collect();
    let mut out = rendered.join("\n\n");
    out.push('\n');
    out
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', '?', '!', ':', ')', '"'])
}

/// A fenced code block around `lines`, with a fence longer than any run of
/// backticks inside.
fn fence(language: &str, lines: &[String]) -> String {
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
    format!("{ticks}{language}\n{}\n{ticks}", lines.join("\n"))
}

/// Marks code-like words in a prose line as inline code (`__init__`,
/// `*args`, `obj.method()`), so Markdown does not read their underscores
/// and stars as emphasis, and escapes the remaining Markdown punctuation.
pub fn inline(text: &str) -> String {
    inline_with(text, &glued::Vocabulary::default())
}

/// [`inline`], first cutting inline code glued to a word where
/// [`glued::unglue`] finds the cut unambiguous with the answer's
/// `vocabulary` (`threadingis` → `` `threading` is``).
pub fn inline_with(text: &str, vocabulary: &glued::Vocabulary) -> String {
    let spaced = glued::space_name_lists(text);
    let text = spaced.as_str();
    let mut out = String::with_capacity(text.len() + 8);
    for (k, word) in text.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        if let Some((pre, code, post)) = glued::unglue(word, vocabulary) {
            out.push_str(&inline(pre.trim_end()));
            if !pre.is_empty() {
                out.push(' ');
            }
            out.push('`');
            out.push_str(&code);
            out.push('`');
            let post_trimmed = post.trim_start();
            if post.len() != post_trimmed.len() {
                out.push(' ');
            }
            out.push_str(&inline(post_trimmed));
            continue;
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
        let names: Vec<&str> = core.split(',').collect();
        if code_like && names.len() > 1 && names.iter().all(|n| is_dunder_or_call(n)) {
            // `__init__,__new__` lost the spaces of a list of names.
            let spans: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            out.push_str(&spans.join(", "));
            out.push_str(trail);
        } else if code_like && !core.is_empty() {
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
    fn an_interactive_session_is_fenced_as_a_session() {
        let text = "Floats are binary:\n>>> 0.1 + 0.2\n0.30000000000000004\n>>> from decimal import Decimal\n>>> Decimal(\"0.1\") + Decimal(\"0.2\")\nDecimal('0.3')\n>>> 0.1 + 0.2 == 0.3\nFalse\nUse Decimal for money.";
        let md = to_markdown(&body(text), false);
        assert!(
            md.contains(
                "```pycon\n>>> 0.1 + 0.2\n0.30000000000000004\n>>> from decimal import Decimal\n"
            ),
            "{md}"
        );
        assert!(!md.contains("\\>"), "no prompt is escaped as prose: {md}");
        // The last prompt's output ends the session; the prose after it
        // is prose.
        assert!(
            md.contains(">>> 0.1 + 0.2 == 0.3\nFalse\n```\n\nUse Decimal for money."),
            "{md}"
        );
        // A session is no module: it is not parsed, so it warns of nothing.
        assert!(blocks(&body(text), false).iter().all(|b| !matches!(
            b,
            Block::Code {
                parses: Some(false),
                ..
            }
        )));
    }

    #[test]
    fn doctest_blocks_are_fenced_and_index_entries_dropped() {
        let lines = [
            "This code:",
            "",
            "   >>> x = 10",
            "   >>> x",
            "   10",
            "",
            "works.",
            ".. index::",
            "   single: argument; difference from parameter",
            "",
            ".. _faq-argument-vs-parameter:",
            "Parameters are names.",
        ];
        assert_eq!(
            fence_rst_literal_blocks(&lines),
            [
                "This code:",
                "",
                "```pycon",
                ">>> x = 10",
                ">>> x",
                "10",
                "```",
                "",
                "works.",
                "",
                "Parameters are names.",
            ]
        );
    }

    #[test]
    fn an_answer_wholly_in_a_block_quote_loses_the_quote() {
        let quoted = [
            "> A callable that wraps another.",
            ">",
            "> ```python",
            "> @cache",
            "> ```",
        ];
        assert_eq!(
            unquoted(&quoted),
            [
                "A callable that wraps another.",
                "",
                "```python",
                "@cache",
                "```"
            ]
        );
        // A quote inside an answer is the answer's own.
        let mixed = ["As the docs say:", "> Errors should never pass silently."];
        assert_eq!(unquoted(&mixed), mixed);
    }

    #[test]
    fn restructured_text_literal_blocks_become_fences() {
        let lines = [
            "Count up::",
            "",
            "    for i in range(3):",
            "        print(i)",
            "",
            "Then run it:",
            "",
            ".. code-block:: bash",
            "   :caption: shell",
            "",
            "   python count.py",
            "",
            "Done.",
        ];
        assert_eq!(
            fence_rst_literal_blocks(&lines).join("\n"),
            "Count up:\n\n```python\nfor i in range(3):\n    print(i)\n```\n\nThen run it:\n\n```bash\npython count.py\n```\n\nDone."
        );
        // No indented block after it: a line ending in `::` stays.
        let plain = ["Ends in a C++ scope::", "not indented"];
        assert_eq!(fence_rst_literal_blocks(&plain), plain);
        assert_eq!(rst_code_directive(".. code:: python"), Some("python"));
        assert_eq!(rst_code_directive(".. note:: careful"), None);
    }

    #[test]
    fn lettered_options_keep_a_line_each() {
        let body = BodyLine::numbered(&[
            "Which is immutable?",
            "",
            "A) `list`",
            "B) `tuple`",
            "",
            "Answer: B",
        ]);
        assert_eq!(
            keep_markdown(&body),
            "Which is immutable?\n\nA) `list`\\\nB) `tuple`\n\nAnswer: B\n"
        );
        let html = crate::markdown::to_html(&keep_markdown(&body));
        assert!(html.contains("A) <code>list</code><br />\nB)"), "{html}");
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
    fn hard_lines_are_classified_in_context() {
        let body = body(
            "x = [1]\nKey features:\ny = x\nRule: Only use is to compare against singletons\nx is y # True\n# BAD — the list is created once\ndef f(a=[]):\n# (, , , , )\nreturn a",
        );
        let kinds = classify(&body, false);
        use LineKind::*;
        assert_eq!(
            kinds,
            [Code, Prose, Code, Prose, Code, Code, Code, Code, Code]
        );
        // The stripped-tag hole stays a comment inside its code block.
        let md = to_markdown(&body[4..], false);
        assert!(
            md.contains("def f(a=[]):\n    # (, , , , )\n    return a\n```"),
            "{md}"
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
