//! Question tables inside any layout: a pipe table whose header is
//! `| Question | Answer |` gives one question per row.
//!
//! Scraped rows wrap over several lines: the question cell ends at a `|`
//! (at the end of its line or alone on the next), the answer runs until a
//! line holding only `|`; the leading `|` of a row is often lost, and a
//! closing `|` may be missing when the next row starts with `| `. The table
//! ends at the first text that never reaches a `|`.

use super::{BodyLine, RawQuestion, TitleKind};
use crate::model::Difficulty;

/// The columns of a question table's header (0-based cell indices).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    /// How many cells the header has.
    pub count: usize,
    /// The question cell (`Question`, `Q`).
    pub question: usize,
    /// The answer cell (`Answer`, `A`, `Explanation`).
    pub answer: usize,
    /// A difficulty cell (`Difficulty`, `Level`), if any.
    pub difficulty: Option<usize>,
}

/// The cells of a pipe-table line (GitHub Flavored Markdown, "Tables"):
/// one leading and one trailing `|` dropped, split at every `|` that is
/// neither escaped (`\|`) nor inside a code span, each cell trimmed and
/// `\|` unescaped.
///
/// ```
/// use pyqconv::readers::qa_table::cells;
/// assert_eq!(cells("| 1 | What is `a | b`? | Union \\| set |"), ["1", "What is `a | b`?", "Union | set"]);
/// ```
pub fn cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t
        .strip_suffix('|')
        .filter(|r| !r.ends_with('\\'))
        .unwrap_or(t);
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut in_code = false;
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '`' => {
                in_code = !in_code;
                cell.push(c);
            }
            '|' if !in_code => out.push(std::mem::take(&mut cell).trim().to_string()),
            _ => cell.push(c),
        }
    }
    out.push(cell.trim().to_string());
    out
}

/// The columns of `line` when it is the header of a question table:
/// a question cell before an answer cell, and besides them at most a
/// number cell (`#`, `No.`), a difficulty cell and other labels, six
/// cells at most (`| Question | Answer |`, `| # | Question | Answer |`,
/// `| Q | A | Level |`).
pub fn columns(line: &str) -> Option<Columns> {
    let t = line.trim();
    if !t.contains('|') {
        return None;
    }
    let names: Vec<String> = cells(t)
        .iter()
        .map(|c| c.trim_matches('*').trim().to_lowercase())
        .collect();
    if !(2..=6).contains(&names.len()) {
        return None;
    }
    let find = |words: &[&str]| names.iter().position(|n| words.contains(&n.as_str()));
    let question = find(&["question", "questions", "q", "interview question"])?;
    let answer = find(&["answer", "answers", "a", "short answer", "explanation"])?;
    let difficulty = find(&["difficulty", "level"]);
    (question < answer).then_some(Columns {
        count: names.len(),
        question,
        answer,
        difficulty,
    })
}

/// Whether `line` is the header of a question table ([`columns`]).
pub fn is_header(line: &str) -> bool {
    columns(line).is_some()
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
    difficulty: Option<Difficulty>,
}

impl Row {
    fn new(start: usize) -> Row {
        Row {
            start,
            question: Vec::new(),
            answer: Vec::new(),
            end: start,
            one_line: false,
            open_cell: false,
            difficulty: None,
        }
    }
}

/// Whether `t` (trimmed) opens a row of its own: `| Q? |` or `| Q? | A`.
fn opens_row(t: &str) -> bool {
    t.starts_with("| ") && (t.ends_with('|') || t[1..].contains(" | "))
}

/// Whether `t` (trimmed) is a table's delimiter row (`|---|:---:|`).
fn is_delimiter_row(t: &str) -> bool {
    t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// Reads the rows of a two-column table whose header is `lines[header]`,
/// wrapped rows too; returns them and the index of the last line read.
fn wrapped_rows(lines: &[&str], header: usize) -> (Vec<Row>, usize) {
    let mut i = header + 1;
    if lines.get(i).is_some_and(|l| is_delimiter_row(l.trim())) {
        i += 1;
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut current: Option<Row> = None;
    let mut in_answer = false;
    let mut last = i.saturating_sub(1);
    while i < lines.len() {
        let raw = lines[i];
        let t = raw.trim();
        let n = i + 1;
        if is_header(t) {
            // The next table begins.
            break;
        }
        if t.is_empty() && current.is_none() && rows.last().is_some_and(|r| r.one_line) {
            // A blank line ends a Markdown table.
            break;
        }
        i += 1;
        if in_answer {
            let row = current.as_mut().expect("an answer belongs to a row");
            if t == "|" {
                row.end = n;
                rows.extend(current.take());
                in_answer = false;
                last = n - 1;
                continue;
            }
            if opens_row(t) {
                // Closing `|` lost: this line opens the next row.
                rows.extend(current.take());
                in_answer = false;
            } else if row.open_cell && t.is_empty() {
                // A blank line ends a Markdown table and its last row.
                rows.extend(current.take());
                break;
            } else if let Some(end) = t.strip_suffix('|').filter(|_| row.open_cell) {
                // The wrapped answer cell closes where its `|` is.
                let end = end.trim();
                if !end.is_empty() {
                    row.answer.push(BodyLine {
                        line: n,
                        text: end.to_string(),
                    });
                }
                row.end = n;
                rows.extend(current.take());
                in_answer = false;
                last = n - 1;
                continue;
            } else {
                row.answer.push(BodyLine {
                    line: n,
                    text: raw.to_string(),
                });
                row.end = n;
                last = n - 1;
                continue;
            }
        }
        // Reading a question cell.
        let cell = t.strip_prefix('|').unwrap_or(t).trim();
        let row = current.get_or_insert_with(|| Row::new(n));
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
            last = n - 1;
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
    (rows, last)
}

/// Reads the rows of a table of more than two columns whose header is
/// `lines[header]`: whole Markdown rows, one per line, up to the first
/// line that is no row; returns them and the index of the last row.
fn grid_rows(lines: &[&str], header: usize, columns: Columns) -> (Vec<Row>, usize) {
    let mut rows = Vec::new();
    let mut last = header;
    for (i, line) in lines.iter().enumerate().skip(header + 1) {
        let t = line.trim();
        if !t.starts_with('|') || is_header(t) {
            break;
        }
        last = i;
        if is_delimiter_row(t) {
            continue;
        }
        let cells = cells(t);
        let cell = |k: usize| cells.get(k).map_or("", String::as_str);
        let mut row = Row::new(i + 1);
        row.one_line = true;
        if !cell(columns.question).is_empty() {
            row.question.push(cell(columns.question).to_string());
        }
        if !cell(columns.answer).is_empty() {
            row.answer.push(BodyLine {
                line: i + 1,
                text: cell(columns.answer).to_string(),
            });
        }
        row.difficulty = columns
            .difficulty
            .and_then(|k| Difficulty::parse(cell(k).trim_matches('*')));
        rows.push(row);
    }
    (rows, last)
}

/// Moves every question table out of `questions`' bodies into questions of
/// their own, and returns how many rows became questions. `lines[i]` is
/// document line `i + 1`. Each table's header ([`columns`]) opens the
/// table; a two-column table's rows may wrap over several lines, a wider
/// one's are whole Markdown rows. The question a table was glued into
/// keeps the text before the table and is dropped when nothing is left;
/// when that question was only a heading over the table (`## Easy
/// Questions`), the heading is the rows' section, and gives their
/// difficulty when it names a level ([`Difficulty::of_level_heading`]).
/// When every row of a table is a whole GitHub-flavoured Markdown row on
/// one line (`| Q? | A with `code` |`), its answer cells are inline
/// Markdown and kept as written.
pub fn extract(lines: &[&str], questions: &mut Vec<RawQuestion>) -> usize {
    let mut extracted = 0;
    let mut from = 0;
    while let Some(header) = (from..lines.len()).find(|&i| is_header(lines[i])) {
        let columns = columns(lines[header]).expect("a header has columns");
        let (rows, last) = if columns.count == 2 {
            wrapped_rows(lines, header)
        } else {
            grid_rows(lines, header, columns)
        };
        from = last.max(header) + 1;
        extracted += place(header, rows, questions);
    }
    extracted
}

/// Puts the rows of the table whose header is `lines[header]` among
/// `questions` ([`extract`]); returns how many became questions.
fn place(header: usize, mut rows: Vec<Row>, questions: &mut Vec<RawQuestion>) -> usize {
    if rows.is_empty() {
        return 0;
    }
    let extracted = rows.iter().filter(|r| !r.question.is_empty()).count();
    let all_one_line = rows.iter().all(|r| r.one_line);
    // The table leaves the question it was glued into.
    let first_table_line = header + 1;
    let mut section = None;
    let mut difficulty = None;
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
        let only_heading = q.body.iter().all(|b| b.text.trim().is_empty());
        if only_heading
            && q.line_start < first_table_line
            && let Some((heading, _)) = &q.title
        {
            section = Some(heading.trim().to_string());
            difficulty = Difficulty::of_level_heading(heading).or(q.difficulty);
        }
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
            difficulty: row.difficulty.or(difficulty),
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

    #[test]
    fn header_columns_and_a_difficulty_column() {
        assert_eq!(
            columns("| # | Question | Answer |"),
            Some(Columns {
                count: 3,
                question: 1,
                answer: 2,
                difficulty: None
            })
        );
        assert_eq!(columns("| Answer | Question |"), None, "answer first");
        assert_eq!(columns("| Name | Value |"), None);
        assert_eq!(columns("Question and answer"), None);
        let lines = [
            "| Q | A | Level |",
            "|:--|:--|:-:|",
            "| What is a set? | Unique items. | **Easy** |",
            "| What is a metaclass? | The class of a class. | Hard |",
            "",
            "| Not | a row of it |",
        ];
        let mut qs = Vec::new();
        assert_eq!(extract(&lines, &mut qs), 2);
        let read: Vec<_> = qs
            .iter()
            .map(|q| (q.body[0].text.as_str(), q.difficulty, q.line_end))
            .collect();
        assert_eq!(
            read,
            [
                ("Unique items.", Some(Difficulty::Easy), 3),
                ("The class of a class.", Some(Difficulty::Hard), 4)
            ]
        );
    }
}
