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
/// ```
/// let html = pyqconv::markdown::to_html("Use `is`:\n\n```python\nx is None\n```\n");
/// assert!(html.contains("<code>is</code>"));
/// assert!(html.contains("language-python"));
/// ```
pub fn to_html(markdown: &str) -> String {
    use pulldown_cmark::{CowStr, Event};
    let parser = Parser::new_ext(markdown, options()).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(CowStr::from(raw.into_string())),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, parser);
    out
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
    fn plain_text_keeps_code_lines() {
        let text = to_plain_text("Intro.\n\n```python\ndef f():\n    return 1\n```\n");
        assert_eq!(text, "Intro.\n\ndef f():\n    return 1");
    }
}
