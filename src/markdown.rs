//! The one place that owns pulldown-cmark's options: Markdown answers become
//! HTML here for every writer that needs HTML (Anki cards), plain text for
//! CSV and spreadsheets ([`to_plain_text`], [`to_plain_runs`]), and key
//! points for interviewers ([`key_points`]).
//!
//! Options: GitHub-flavoured tables and strikethrough, as the answers use
//! pipe tables (CommonMark + GFM, as pulldown-cmark documents them).

use pulldown_cmark::{Options, Parser, html};

/// The pulldown-cmark options used for every answer.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Renders CommonMark `markdown` to an HTML fragment.
///
/// Raw HTML in the input is escaped, never passed through: answers come from
/// scraped text, and a stray `<tag>` must show as text, not vanish.
///
/// Fenced code is highlighted here, at build time
/// ([`crate::highlight::highlight`]): `<pre><code class="language-LANG">`
/// holding classed `<span>`s, or the escaped code when there is no grammar
/// for the language. No JavaScript is needed to show it.
///
/// ```
/// let html = pyqconv::markdown::to_html("Use `is`:\n\n```python\nx is None\n```\n");
/// assert!(html.contains("<code>is</code>"));
/// assert!(html.contains(r#"<pre><code class="language-python"><span class="hl-"#));
/// ```
pub fn to_html(markdown: &str) -> String {
    use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};
    let mut code: Option<(String, String)> = None;
    let parser = Parser::new_ext(markdown, options()).filter_map(|event| match event {
        Event::Start(Tag::CodeBlock(kind)) => {
            let language = match kind {
                CodeBlockKind::Fenced(info) => {
                    info.split_whitespace().next().unwrap_or("").to_string()
                }
                CodeBlockKind::Indented => String::new(),
            };
            code = Some((language, String::new()));
            None
        }
        Event::Text(text) if code.is_some() => {
            if let Some((_, body)) = code.as_mut() {
                body.push_str(&text);
            }
            None
        }
        Event::End(TagEnd::CodeBlock) => {
            let (language, body) = code.take().unwrap_or_default();
            Some(Event::Html(CowStr::from(code_block_html(&language, &body))))
        }
        Event::Html(raw) | Event::InlineHtml(raw) => {
            Some(Event::Text(CowStr::from(raw.into_string())))
        }
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, parser);
    out
}

/// One code block as HTML: `<pre><code class="language-LANG">` (the class
/// CommonMark's reference renderer writes) around the highlighted or
/// escaped code.
fn code_block_html(language: &str, code: &str) -> String {
    let inner = crate::highlight::highlight(code, language)
        .unwrap_or_else(|| html_escape::encode_text(code).into_owned());
    let class = if language.is_empty() {
        String::new()
    } else {
        format!(
            " class=\"language-{}\"",
            html_escape::encode_double_quoted_attribute(language)
        )
    };
    format!("<pre><code{class}>{inner}</code></pre>\n")
}

/// Renders CommonMark to plain text for spreadsheets and CSV: markup
/// dropped, code kept line by line, paragraphs separated by a blank line.
///
/// The concatenation of [`to_plain_runs`]' texts.
pub fn to_plain_text(markdown: &str) -> String {
    to_plain_runs(markdown)
        .into_iter()
        .map(|run| run.text)
        .collect()
}

/// A stretch of an answer's plain text ([`to_plain_runs`]) that is either
/// all code or all prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainRun {
    /// The text; never empty.
    pub text: String,
    /// `true` for the text of a code block (its lines, indentation kept)
    /// or of inline code (`` `x` ``); `false` for prose, list and table
    /// text and the separators between blocks.
    pub code: bool,
}

/// Renders CommonMark to plain text as [`to_plain_text`] does, cut into
/// runs of code and prose so that a writer can show code in a monospace
/// font (the XLSX writer's rich strings). Adjacent runs of the same kind
/// are merged; trailing whitespace of the whole text is dropped.
///
/// ```
/// use pyqconv::markdown::{PlainRun, to_plain_runs};
/// let runs = to_plain_runs("Use `is`:\n\n```python\nx is None\n```\n");
/// let code: Vec<(&str, bool)> = runs.iter().map(|r| (r.text.as_str(), r.code)).collect();
/// assert_eq!(code, [("Use ", false), ("is", true), (":\n\n", false), ("x is None", true)]);
/// ```
pub fn to_plain_runs(markdown: &str) -> Vec<PlainRun> {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut runs: Vec<PlainRun> = Vec::new();
    let push = |runs: &mut Vec<PlainRun>, text: &str, code: bool| {
        if text.is_empty() {
            return;
        }
        match runs.last_mut() {
            Some(last) if last.code == code => last.text.push_str(text),
            _ => runs.push(PlainRun {
                text: text.to_string(),
                code,
            }),
        }
    };
    let mut in_code_block = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) => push(&mut runs, &t, in_code_block),
            Event::Code(t) => push(&mut runs, &t, true),
            Event::Html(t) | Event::InlineHtml(t) => push(&mut runs, &t, in_code_block),
            Event::SoftBreak | Event::HardBreak => push(&mut runs, "\n", false),
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::Start(Tag::Item) => push(&mut runs, "- ", false),
            Event::Start(Tag::TableCell) => push(&mut runs, "| ", false),
            Event::End(TagEnd::TableCell) => push(&mut runs, " ", false),
            Event::End(TagEnd::TableRow) | Event::End(TagEnd::TableHead) => {
                push(&mut runs, "|\n", false)
            }
            Event::End(TagEnd::Item) => push(&mut runs, "\n", false),
            Event::End(TagEnd::Paragraph) => push(&mut runs, "\n\n", false),
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                // A code block's text ends with its last line's `\n`; one
                // more makes the blank line before what follows.
                let ends_line = runs.last().is_some_and(|r| r.text.ends_with('\n'));
                push(&mut runs, if ends_line { "\n" } else { "\n\n" }, false)
            }
            Event::End(TagEnd::List(_)) | Event::End(TagEnd::Table) => push(&mut runs, "\n", false),
            _ => {}
        }
    }
    // Trim the end of the whole text, which may span several runs.
    while let Some(last) = runs.last_mut() {
        let kept = last.text.trim_end().len();
        last.text.truncate(kept);
        if !last.text.is_empty() {
            break;
        }
        runs.pop();
    }
    runs
}

/// The longest key point, in characters; a longer sentence or list item is
/// cut at a word boundary and ends with `…`.
pub const KEY_POINT_MAX_CHARS: usize = 240;

/// The most list items [`key_points`] lists; more are summed up as `• …`.
pub const KEY_POINTS_MAX_ITEMS: usize = 8;

/// An answer's key points, for an interviewer to glance at: plain text, no
/// Markdown markers.
///
/// - When the answer opens with a list (headings before it aside), or its
///   first paragraph is a lead-in ending with `:` followed by a list, the
///   top-level items of that list, one per line, each as `• item` (nested
///   lists and code inside items left out; at most
///   [`KEY_POINTS_MAX_ITEMS`]).
/// - Otherwise the first sentence of the first paragraph (up to `.`, `!` or
///   `?` followed by a space, common abbreviations such as `e.g.` skipped).
/// - An answer with no paragraph but a list later on gives that list's
///   items; an answer of code alone gives the empty string.
///
/// Line breaks inside a paragraph or item become spaces, and each point is
/// at most [`KEY_POINT_MAX_CHARS`] long.
///
/// ```
/// use pyqconv::markdown::key_points;
/// assert_eq!(key_points("A **tuple** is immutable. Lists are not."), "A tuple is immutable.");
/// assert_eq!(key_points("Differences:\n\n- `list` is mutable\n- `tuple` is not\n"),
///            "• list is mutable\n• tuple is not");
/// ```
pub fn key_points(markdown: &str) -> String {
    let blocks = top_level_blocks(markdown);
    let first = blocks
        .iter()
        .position(|b| !matches!(b, TopBlock::Heading))
        .map(|i| &blocks[i..])
        .unwrap_or(&[]);
    let list = |items: &[String]| -> String {
        let mut lines: Vec<String> = items
            .iter()
            .filter(|item| !item.is_empty())
            .take(KEY_POINTS_MAX_ITEMS)
            .map(|item| format!("• {}", shorten(item)))
            .collect();
        if items.len() > KEY_POINTS_MAX_ITEMS {
            lines.push("• …".to_string());
        }
        lines.join("\n")
    };
    match first {
        [TopBlock::List(items), ..] => return list(items),
        [TopBlock::Paragraph(lead), TopBlock::List(items), ..]
            if lead.trim_end().ends_with(':') =>
        {
            return list(items);
        }
        _ => {}
    }
    if let Some(paragraph) = blocks.iter().find_map(|b| match b {
        TopBlock::Paragraph(p) if !p.trim().is_empty() => Some(p),
        _ => None,
    }) {
        return shorten(first_sentence(paragraph));
    }
    blocks
        .iter()
        .find_map(|b| match b {
            TopBlock::List(items) => Some(list(items)),
            _ => None,
        })
        .unwrap_or_default()
}

/// A top-level block of an answer, as [`key_points`] sees it.
enum TopBlock {
    /// A paragraph's plain text, line breaks as spaces.
    Paragraph(String),
    /// A list's top-level items, each as plain text on one line.
    List(Vec<String>),
    /// A heading (skipped at the start of an answer).
    Heading,
    /// A code block, table, rule or quote.
    Other,
}

/// Splits `markdown` into its top-level blocks, keeping the text
/// [`key_points`] needs.
fn top_level_blocks(markdown: &str) -> Vec<TopBlock> {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut blocks = Vec::new();
    // Nesting depth of block-level tags; 0 between top-level blocks.
    let mut depth = 0usize;
    // Depth of list/code nesting inside the current top-level list item,
    // whose text is left out.
    let mut skip = 0usize;
    let mut text = String::new();
    let mut items: Vec<String> = Vec::new();
    let mut kind: Option<&'static str> = None;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(tag) => {
                let block = matches!(
                    tag,
                    Tag::Paragraph
                        | Tag::Heading { .. }
                        | Tag::BlockQuote(_)
                        | Tag::CodeBlock(_)
                        | Tag::List(_)
                        | Tag::Item
                        | Tag::Table(_)
                        | Tag::HtmlBlock
                );
                if !block {
                    continue;
                }
                if depth == 0 {
                    text.clear();
                    items.clear();
                    kind = Some(match tag {
                        Tag::Paragraph => "p",
                        Tag::List(_) => "list",
                        Tag::Heading { .. } => "h",
                        _ => "other",
                    });
                } else if kind == Some("list") {
                    match tag {
                        Tag::Item if depth == 1 => text.clear(),
                        Tag::List(_) | Tag::CodeBlock(_) | Tag::Table(_) | Tag::BlockQuote(_) => {
                            skip += 1
                        }
                        Tag::Paragraph if depth == 2 && !text.is_empty() => text.push(' '),
                        _ => {}
                    }
                }
                depth += 1;
            }
            Event::End(tag) => {
                let block = matches!(
                    tag,
                    TagEnd::Paragraph
                        | TagEnd::Heading(_)
                        | TagEnd::BlockQuote(_)
                        | TagEnd::CodeBlock
                        | TagEnd::List(_)
                        | TagEnd::Item
                        | TagEnd::Table
                        | TagEnd::HtmlBlock
                );
                if !block {
                    continue;
                }
                depth = depth.saturating_sub(1);
                if kind == Some("list") && depth >= 1 {
                    match tag {
                        TagEnd::Item if depth == 1 => items.push(squeeze(&text)),
                        TagEnd::List(_)
                        | TagEnd::CodeBlock
                        | TagEnd::Table
                        | TagEnd::BlockQuote(_) => skip = skip.saturating_sub(1),
                        _ => {}
                    }
                }
                if depth == 0 {
                    blocks.push(match kind.take() {
                        Some("p") => TopBlock::Paragraph(squeeze(&text)),
                        Some("list") => TopBlock::List(std::mem::take(&mut items)),
                        Some("h") => TopBlock::Heading,
                        _ => TopBlock::Other,
                    });
                }
            }
            Event::Text(t) | Event::Code(t) if skip == 0 => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if skip == 0 => text.push(' '),
            _ => {}
        }
    }
    blocks
}

/// `text` on one line: runs of whitespace as one space, trimmed.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words that end with a full stop without ending a sentence.
const ABBREVIATIONS: [&str; 9] = [
    "e.g.", "i.e.", "etc.", "vs.", "cf.", "approx.", "incl.", "Mr.", "Dr.",
];

/// The first sentence of a one-line paragraph: up to the first `.`, `!` or
/// `?` followed by a space, unless the word it ends is in
/// [`ABBREVIATIONS`]; the whole paragraph when there is none.
fn first_sentence(paragraph: &str) -> &str {
    for (index, ch) in paragraph.char_indices() {
        if !matches!(ch, '.' | '!' | '?') {
            continue;
        }
        let end = index + ch.len_utf8();
        if !paragraph[end..].starts_with(' ') {
            continue;
        }
        let word_start = paragraph[..end].rfind(' ').map_or(0, |i| i + 1);
        let word = &paragraph[word_start..end];
        if ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a)) {
            continue;
        }
        return &paragraph[..end];
    }
    paragraph
}

/// `text` cut to at most [`KEY_POINT_MAX_CHARS`] characters at a word
/// boundary, ending with `…` when cut.
fn shorten(text: &str) -> String {
    if text.chars().count() <= KEY_POINT_MAX_CHARS {
        return text.to_string();
    }
    let limit = text
        .char_indices()
        .nth(KEY_POINT_MAX_CHARS - 1)
        .map_or(text.len(), |(i, _)| i);
    let cut = text[..limit]
        .rfind(' ')
        .filter(|&i| i > limit / 2)
        .unwrap_or(limit);
    format!("{}…", text[..cut].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html("a <script>x</script> b");
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn code_blocks_are_highlighted_or_escaped() {
        let html = to_html(
            "```python\nx = '<a>'\n```\n\n```toml\n[a]\nb = \"<\"\n```\n\n    indented <\n",
        );
        assert!(
            html.contains(
                "<pre><code class=\"language-python\"><span class=\"hl-source hl-python\">"
            ),
            "{html}"
        );
        assert!(html.contains("&lt;a&gt;"));
        assert!(
            html.contains("<pre><code class=\"language-toml\">[a]\nb = \"&lt;\"\n</code></pre>"),
            "{html}"
        );
        assert!(
            html.contains("<pre><code>indented &lt;\n</code></pre>"),
            "{html}"
        );
        assert!(!html.contains("<a>"));
    }

    #[test]
    fn one_blank_line_separates_code_from_what_follows() {
        let text = to_plain_text("```python\nx = 1\n```\n\nThen prose.\n");
        assert_eq!(text, "x = 1\n\nThen prose.");
    }

    #[test]
    fn plain_text_keeps_code_lines() {
        let text = to_plain_text("Intro.\n\n```python\ndef f():\n    return 1\n```\n");
        assert_eq!(text, "Intro.\n\ndef f():\n    return 1");
    }

    fn kinds(markdown: &str) -> Vec<(String, bool)> {
        to_plain_runs(markdown)
            .into_iter()
            .map(|r| (r.text, r.code))
            .collect()
    }

    #[test]
    fn runs_mark_code_blocks_and_inline_code_and_keep_indentation() {
        let runs = kinds("Call `f`:\n\n```python\ndef f():\n    return 1\n```\n\nDone.\n");
        assert_eq!(
            runs,
            [
                ("Call ".to_string(), false),
                ("f".to_string(), true),
                (":\n\n".to_string(), false),
                ("def f():\n    return 1\n".to_string(), true),
                ("\nDone.".to_string(), false),
            ]
        );
    }

    #[test]
    fn runs_end_trimmed_inside_a_code_run() {
        let runs = kinds("```\nx = 1\n```\n");
        assert_eq!(runs, [("x = 1".to_string(), true)]);
        assert!(kinds("").is_empty());
    }

    #[test]
    fn key_points_of_an_answer_opening_with_a_list_are_its_items() {
        let md = "- **Lists** are mutable\n- Tuples are not\n  - nested detail\n- Both keep order\n\nMore prose.";
        assert_eq!(
            key_points(md),
            "• Lists are mutable\n• Tuples are not\n• Both keep order"
        );
        // A heading before the list does not count.
        assert_eq!(
            key_points("### Summary\n\n1. one\n2. two\n"),
            "• one\n• two"
        );
    }

    #[test]
    fn key_points_after_a_lead_in_ending_with_a_colon_are_the_list() {
        let md = "Key differences:\n\n- `is` checks identity\n- `==` checks equality\n";
        assert_eq!(key_points(md), "• is checks identity\n• == checks equality");
        // Without the colon the paragraph is the point.
        let md = "Identity and equality differ. Details follow.\n\n- a\n- b\n";
        assert_eq!(key_points(md), "Identity and equality differ.");
    }

    #[test]
    fn key_points_are_the_first_sentence_abbreviations_aside() {
        let md =
            "Use a context manager, e.g. `with open(p)`, to close files.\nIt also handles errors.";
        assert_eq!(
            key_points(md),
            "Use a context manager, e.g. with open(p), to close files."
        );
        // A version number or a method call is not a sentence end.
        assert_eq!(
            key_points("Python 3.8 added `:=`. Use it sparingly."),
            "Python 3.8 added :=."
        );
        assert_eq!(key_points("Why? Because."), "Why?");
        // No sentence end: the whole paragraph.
        assert_eq!(key_points("No full stop here"), "No full stop here");
    }

    #[test]
    fn key_points_skip_leading_code_and_are_empty_for_code_alone() {
        let md =
            "```python\nx = [i for i in range(3)]\n```\n\nA comprehension builds a list. Fast.";
        assert_eq!(key_points(md), "A comprehension builds a list.");
        assert_eq!(key_points("```python\nprint(1)\n```\n"), "");
        // Code, then a list and no paragraph: the list.
        assert_eq!(key_points("```\nx\n```\n\n- one\n- two\n"), "• one\n• two");
    }

    #[test]
    fn key_points_are_bounded() {
        let long = format!("{} end.", "word ".repeat(100));
        let point = key_points(&long);
        assert!(point.ends_with('…'), "{point}");
        assert!(point.chars().count() <= KEY_POINT_MAX_CHARS + 1);
        assert!(long.starts_with(point.trim_end_matches('…')));

        let many: String = (1..=12).map(|i| format!("- item {i}\n")).collect();
        let points = key_points(&many);
        let lines: Vec<&str> = points.lines().collect();
        assert_eq!(lines.len(), KEY_POINTS_MAX_ITEMS + 1);
        assert_eq!(lines[0], "• item 1");
        assert_eq!(lines[KEY_POINTS_MAX_ITEMS - 1], "• item 8");
        assert_eq!(lines[KEY_POINTS_MAX_ITEMS], "• …");
    }
}
