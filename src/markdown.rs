//! The one place that owns pulldown-cmark's options: Markdown answers become
//! HTML here for every writer that needs HTML (Anki cards).
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
pub fn to_plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut out = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::Start(Tag::Item) => out.push_str("- "),
            Event::Start(Tag::TableCell) => out.push_str("| "),
            Event::End(TagEnd::TableCell) => out.push(' '),
            Event::End(TagEnd::TableRow) | Event::End(TagEnd::TableHead) => out.push_str("|\n"),
            Event::End(TagEnd::Item) => out.push('\n'),
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::CodeBlock) => out.push_str("\n\n"),
            Event::End(TagEnd::List(_)) | Event::End(TagEnd::Table) => out.push('\n'),
            _ => {}
        }
    }
    let trimmed = out.trim_end();
    trimmed.to_string()
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
    fn plain_text_keeps_code_lines() {
        let text = to_plain_text("Intro.\n\n```python\ndef f():\n    return 1\n```\n");
        assert_eq!(text, "Intro.\n\ndef f():\n    return 1");
    }
}
