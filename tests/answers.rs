//! What every rebuilt answer of the documents in `input/` must be, checked on the
//! Markdown pyqconv writes, read back with pulldown-cmark:
//!
//! - no code left in prose: no paragraph or list item is a Python
//!   statement on its own (`x = compute()`, `import os`, `def f(x):`) —
//!   Ruff's parser decides;
//! - every pipe table is a table (GFM), its rows as wide as its header;
//! - no HTML entity is left encoded.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use pyqconv::markdown;
use pyqconv::model::Question;
use pyqconv::transforms::indentation::statement_parses;
use pyqconv::transforms::questions_of;

mod common;

fn questions() -> Vec<Question> {
    common::input_paths()
        .iter()
        .flat_map(|rel| questions_of(&common::read_input(rel).0))
        .collect()
}

/// The text of each paragraph and list item of `markdown` (inline code
/// kept as its text), outside code blocks and tables.
fn prose_runs(markdown: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut current: Option<String> = None;
    let mut in_table = false;
    for event in Parser::new_ext(markdown, markdown::options()) {
        match event {
            Event::Start(Tag::Table(_)) => in_table = true,
            Event::End(TagEnd::Table) => in_table = false,
            Event::Start(Tag::Paragraph | Tag::Item) if !in_table => {
                if let Some(run) = current.take() {
                    runs.push(run);
                }
                current = Some(String::new());
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                if let Some(run) = current.take() {
                    runs.push(run);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(run) = current.as_mut() {
                    run.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(run) = current.as_mut() {
                    run.push(' ');
                }
            }
            _ => {}
        }
    }
    runs.extend(current);
    runs
}

/// Whether `text` is a Python statement standing alone: it parses and has
/// a statement's shape (assignment, import, definition, call at the start).
fn is_python_statement(text: &str) -> bool {
    let t = text.trim();
    let first = t.split_whitespace().next().unwrap_or("");
    let shaped = matches!(
        first,
        "def" | "class" | "import" | "from" | "return" | "async"
    ) || t.split_once(" = ").is_some_and(|(target, _)| {
        target
            .chars()
            .all(|c| c.is_alphanumeric() || "_.,[]'\" ".contains(c))
    }) || t.ends_with(')')
        && t.split('(').next().is_some_and(|f| {
            !f.is_empty()
                && f.chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
        });
    shaped && statement_parses(t)
}

#[test]
fn no_code_is_left_in_prose() {
    let mut found = Vec::new();
    for q in questions() {
        for run in prose_runs(&q.answer_markdown) {
            if is_python_statement(&run) {
                found.push(format!(
                    "{}:{}: {run}",
                    q.sources[0].path, q.sources[0].line_start
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "code left in prose:\n{}",
        found.join("\n")
    );
}

#[test]
fn pipe_tables_render_as_tables() {
    let mut tables = 0;
    for q in questions() {
        let md = &q.answer_markdown;
        let pipe_rows = md.lines().filter(|l| l.starts_with('|')).count();
        if pipe_rows == 0 {
            continue;
        }
        let html = markdown::to_html(md);
        let count = html.matches("<table>").count();
        assert!(count > 0, "{}: pipe rows but no table:\n{md}", q.title);
        tables += count;
        for table in html.split("<table>").skip(1) {
            let table = table.split("</table>").next().unwrap_or("");
            let header = table.matches("</th>").count();
            for row in table.split("<tr>").skip(2) {
                assert_eq!(
                    row.matches("</td>").count(),
                    header,
                    "{}: ragged row {row}",
                    q.title
                );
            }
        }
    }
    assert!(tables >= 10, "only {tables} tables");
}

#[test]
fn no_html_entity_is_left_encoded() {
    for q in questions() {
        for entity in ["&amp;", "&lt;", "&gt;", "&nbsp;", "&quot;", "&#"] {
            assert!(
                !q.answer_markdown.contains(entity),
                "{}: {entity} in {}",
                q.title,
                q.answer_markdown
            );
        }
    }
}
