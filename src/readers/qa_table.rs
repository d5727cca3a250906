//! Question tables inside any layout: a pipe table whose header is
//! `| Question | Answer |` gives one question per row.
//!
//! Scraped rows wrap over several lines: the question cell ends at a `|`
//! (at the end of its line or alone on the next), the answer runs until a
//! line holding only `|`; the leading `|` of a row is often lost, and a
//! closing `|` may be missing when the next row starts with `| `. The table
//! ends at the first text that never reaches a `|`.

use super::{BodyLine, RawQuestion, TitleKind};

/// Whether `line` is the header of a question table (`| Question | Answer |`).
pub fn is_header(line: &str) -> bool {
    let cells: Vec<String> = line
        .trim()
        .trim_matches('|')
        .split('|')
        .map(|c| c.trim().to_lowercase())
        .collect();
    cells.len() == 2
        && matches!(cells[0].as_str(), "question" | "q")
        && matches!(cells[1].as_str(), "answer" | "a")
}

/// A row being read.
struct Row {
    start: usize,
    question: Vec<String>,
    answer: Vec<BodyLine>,
    end: usize,
    /// Whether the row is a whole Markdown row on one line.
    one_line: bool,
    /// Whether the answer cell opened on the row's line (`| Q? | A`) and
    /// its closing `|` is still to come: the row wrapped.
    open_cell: bool,
}

/// Whether `t` (trimmed) opens a row of its own: `| Q? |` or `| Q? | A`.
fn opens_row(t: &str) -> bool {
    t.starts_with("| ") && (t.ends_with('|') || t[1..].contains(" | "))
}

/// Moves every question table out of `questions`' bodies into questions of
/// their own, and returns how many rows became questions. `lines[i]` is
/// document line `i + 1`. A question the table leaves with no answer is
/// dropped. When every row is a whole GitHub-flavoured Markdown row on
/// one line (`| Q? | A with `code` |`), the answer cells are inline
/// Markdown and kept as written.
pub fn extract(lines: &[&str], questions: &mut Vec<RawQuestion>) -> usize {
    let Some(header) = lines.iter().position(|l| is_header(l)) else {
        return 0;
    };
    let mut i = header + 1;
    if lines
        .get(i)
        .is_some_and(|l| l.trim().starts_with("|-") || l.trim().starts_with("| -"))
    {
        i += 1;
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut current: Option<Row> = None;
    let mut in_answer = false;
    while i < lines.len() {
        let raw = lines[i];
        let t = raw.trim();
        let n = i + 1;
        i += 1;
        if in_answer {
            let row = current.as_mut().expect("an answer belongs to a row");
            if t == "|" {
                row.end = n;
                rows.extend(current.take());
                in_answer = false;
                continue;
            }
            if opens_row(t) {
                // Closing `|` lost: this line opens the next row.
                rows.extend(current.take());
                in_answer = false;
            } else if row.open_cell && t.is_empty() {
                // A blank line ends a Markdown table and its last row.
                rows.extend(current.take());
                in_answer = false;
                continue;
            } else if let Some(last) = t.strip_suffix('|').filter(|_| row.open_cell) {
                // The wrapped answer cell closes where its `|` is.
                let last = last.trim();
                if !last.is_empty() {
                    row.answer.push(BodyLine {
                        line: n,
                        text: last.to_string(),
                    });
                }
                row.end = n;
                rows.extend(current.take());
                in_answer = false;
                continue;
            } else {
                row.answer.push(BodyLine {
                    line: n,
                    text: raw.to_string(),
                });
                row.end = n;
                continue;
            }
        }
        // Reading a question cell.
        let cell = t.strip_prefix('|').unwrap_or(t).trim();
        let row = current.get_or_insert_with(|| Row {
            start: n,
            question: Vec::new(),
            answer: Vec::new(),
            end: n,
            one_line: false,
            open_cell: false,
        });
        row.end = n;
        if let Some((q, rest)) = cell.split_once(" | ")
            && !q.is_empty()
        {
            // A whole row on one line: `| Q? | A. |`; or the start of one
            // whose answer cell wrapped onto the next lines (`| Q? | A`,
            // closed by a later line's `|`).
            row.one_line = t.starts_with('|') && row.question.is_empty();
            row.question.push(q.trim().to_string());
            let answer = rest.trim().trim_end_matches('|').trim();
            if !answer.is_empty() {
                row.answer.push(BodyLine {
                    line: n,
                    text: answer.to_string(),
                });
            }
            if t.ends_with('|') {
                rows.extend(current.take());
            } else {
                row.open_cell = true;
                in_answer = true;
            }
            continue;
        }
        if cell.is_empty() {
            in_answer = !row.question.is_empty();
            continue;
        }
        if let Some(q) = cell.strip_suffix('|') {
            row.question.push(q.trim().to_string());
            in_answer = true;
            continue;
        }
        row.question.push(cell.to_string());
        if row.question.len() > 3 {
            // Text that never reaches a `|`: the table is over.
            current = None;
            break;
        }
    }
    if in_answer {
        rows.extend(current.take());
    }
    if rows.is_empty() {
        return 0;
    }
    let extracted = rows.iter().filter(|r| !r.question.is_empty()).count();
    let all_one_line = rows.iter().all(|r| r.one_line);
    // The table leaves the question it was glued into.
    let first_table_line = header + 1;
    let mut section = None;
    if let Some(q) = questions
        .iter_mut()
        .find(|q| q.line_start <= first_table_line && first_table_line <= q.line_end)
    {
        q.body.retain(|b| b.line < first_table_line);
        q.line_end = q
            .body
            .last()
            .map_or(q.line_start, |b| b.line)
            .max(q.line_start);
        section = q.section.clone();
    }
    questions.retain(|q| !q.body.iter().all(|b| b.text.trim().is_empty()));
    // The header and its rule belong to the table's first question, so
    // that every line of the table is claimed (a reader takes the table
    // to open where its header does).
    rows[0].start = header + 1;
    let last_row_end = rows.last().map_or(0, |r| r.end);
    questions.retain(|q| !(q.line_start > first_table_line && q.line_start <= last_row_end));
    for row in rows {
        let title = row.question.join(" ");
        if title.is_empty() {
            continue;
        }
        // A cell is a whole question when it reads as one (`Is None a
        // singleton?`); a cell of code and joiners (`__repr__ vs __str__`)
        // needs completing.
        let whole = title.starts_with(|c: char| c.is_uppercase()) && title.ends_with('?');
        let kind = if whole {
            TitleKind::Full
        } else {
            TitleKind::Tail
        };
        questions.push(RawQuestion {
            line_start: row.start,
            line_end: row.end,
            title_as_read: Some(title.clone()),
            title: Some((title, kind)),
            section: section.clone(),
            body: row.answer,
            markdown: all_one_line,
            indentation_kept: all_one_line,
            ..RawQuestion::default()
        });
    }
    questions.sort_by_key(|q| q.line_start);
    extracted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_left_with_no_answer_by_the_table_is_dropped() {
        let lines = [
            "| Question | Answer |",
            "|---|---|",
            "| What is a set? | Unique items. |",
        ];
        let mut qs = vec![RawQuestion {
            line_start: 1,
            line_end: 3,
            body: super::super::body_lines(&lines, 1, 3),
            ..RawQuestion::default()
        }];
        assert_eq!(extract(&lines, &mut qs), 1);
        assert_eq!(qs.len(), 1);
        assert_eq!(qs[0].title.as_ref().unwrap().0, "What is a set?");
        assert_eq!((qs[0].line_start, qs[0].line_end), (1, 3));
        assert!(
            qs[0].markdown,
            "a GitHub-flavoured table's cells are Markdown"
        );
    }

    #[test]
    fn wrapped_rows_lost_pipes_and_one_line_rows() {
        let text = "Answer:\nSome answer.\n| Question | Answer |\n|---|---|\nIs bool a subclass of int? |\nYes. True == 1,\nFalse == 0.\n|\nDifference between == and is for\nstrings?\n|\n== checks value.\n|\n| Is dict ordering guaranteed? | Yes, since 3.7. |\nWhat does X do? |\nIt does a thing — a light\n| What is Y? |\nY is y.\n|\nFooter: Document\nPrepared for: someone\nLast Updated: 2026\nMore text";
        let lines = super::super::lines(text);
        let mut qs = vec![RawQuestion {
            line_start: 1,
            line_end: 24,
            body: super::super::body_lines(&lines, 2, 24),
            ..RawQuestion::default()
        }];
        extract(&lines, &mut qs);
        let titles: Vec<&str> = qs
            .iter()
            .skip(1)
            .map(|q| q.title.as_ref().unwrap().0.as_str())
            .collect();
        assert_eq!(
            titles,
            [
                "Is bool a subclass of int?",
                "Difference between == and is for strings?",
                "Is dict ordering guaranteed?",
                "What does X do?",
                "What is Y?"
            ]
        );
        assert_eq!((qs[0].line_start, qs[0].line_end), (1, 2));
        // The header (line 3) and its rule open the first row's span; its
        // answer is the row's cells only.
        assert_eq!((qs[1].line_start, qs[1].line_end), (3, 8));
        assert_eq!(
            qs[1]
                .body
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>(),
            ["Yes. True == 1,", "False == 0."]
        );
        assert_eq!(qs[3].body[0].text, "Yes, since 3.7.");
        assert_eq!((qs[4].line_start, qs[4].line_end), (15, 16));
        assert_eq!((qs[5].line_start, qs[5].line_end), (17, 19));
    }

    #[test]
    fn a_row_whose_answer_cell_wrapped_closes_at_its_pipe() {
        // `| Q? | A` with its closing `|` on a later line, and Markdown
        // rows without closing pipes, which a blank line ends.
        let text = "| Question | Answer |\n|---|---|\n| What does len() return for a dict? | The number of\nkeys. |\n| What is None? | A singleton |\n| What does pass do? | Nothing\n\nMore questions soon.";
        let lines = super::super::lines(text);
        let mut qs = vec![RawQuestion {
            line_start: 1,
            line_end: 9,
            body: super::super::body_lines(&lines, 1, 9),
            ..RawQuestion::default()
        }];
        assert_eq!(extract(&lines, &mut qs), 3);
        let rows: Vec<(&str, Vec<&str>, (usize, usize))> = qs
            .iter()
            .map(|q| {
                (
                    q.title.as_ref().unwrap().0.as_str(),
                    q.body.iter().map(|b| b.text.as_str()).collect(),
                    (q.line_start, q.line_end),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "What does len() return for a dict?",
                    vec!["The number of", "keys."],
                    (1, 4)
                ),
                ("What is None?", vec!["A singleton"], (5, 5)),
                ("What does pass do?", vec!["Nothing"], (6, 6)),
            ]
        );
        assert!(qs[0].markdown, "the rows are Markdown rows");
    }
}
