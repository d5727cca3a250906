//! XLSX writer: a workbook for interviewers, built with rust_xlsxwriter
//! (<https://docs.rs/rust_xlsxwriter>). An interviewer picks questions by
//! section and difficulty, reads the expected answer while the candidate
//! talks, and scores; colleagues open the same file in Excel, LibreOffice
//! Calc or Google Sheets.
//!
//! Worksheets, in order:
//!
//! **`Questions`** ([`QUESTIONS_SHEET`]): a header row, then one row per
//! question in deck order, laid out as an Excel table ([`TABLE_NAME`],
//! style [`TABLE_STYLE`], banded rows) whose header carries the filter
//! buttons:
//!
//! | column | header          | content                                                                |
//! |--------|-----------------|------------------------------------------------------------------------|
//! | A      | ID              | `Question::id`                                                         |
//! | B      | Section         | the section, blank when `None`                                         |
//! | C      | Difficulty      | `Easy` / `Medium` / `Hard` (`Difficulty::label`), or blank; coloured   |
//! | D      | Question        | the title                                                              |
//! | E      | Expected answer | the answer as plain text ([`crate::markdown::to_plain_runs`]); code in [`CODE_FONT`] |
//! | F      | Key points      | the answer's opening list or first sentence ([`crate::markdown::key_points`]) |
//! | G      | Sources         | each `Occurrence::location` (`file:line-line`), one per line           |
//! | H      | Score           | blank, for the interviewer: a drop-down list of 1–5 ([`SCORES`])       |
//! | I      | Notes           | blank, for the interviewer                                             |
//!
//! The header row is frozen and repeated on printed pages. Text wraps and is
//! top-aligned; each column is as wide as its longest line, within bounds
//! per column ([`column_widths`]); each row is as tall as its wrapped text is
//! estimated to need (at most [`MAX_ROW_HEIGHT`], Excel's limit), since
//! LibreOffice does not fit row heights itself when it opens a workbook.
//! The Difficulty column is coloured by conditional formatting
//! ([`DIFFICULTY_COLOURS`]: Easy green, Medium amber, Hard red, Excel's
//! "Good", "Neutral" and "Bad" styles). The Expected answer keeps code's
//! lines and indentation and shows code (blocks and inline) in
//! [`CODE_FONT`]: a rich string when prose and code mix, prose in the
//! default font. The header cells carry [`TABLE_STYLE`]'s colours
//! themselves, since LibreOffice does not draw table styles.
//!
//! **`Summary`** ([`SUMMARY_SHEET`]): questions counted by section (rows, in
//! the order sections first appear; `(no section)` last) and difficulty
//! (columns [`SUMMARY_HEADER`]), a total row, and a stacked bar chart of the
//! same counts.
//!
//! **`Rubric`** ([`RUBRIC_SHEET`]): what each score from 1 to 5 means
//! ([`RUBRIC`]).
//!
//! **`Duplicates`** ([`DUPLICATES_SHEET`]), only when merging ran: a
//! question with two or more sources is a cluster of occurrences merged into
//! one (twin copies of an article; `--no-dedup` keeps them apart, and then no
//! question has two sources). One row per member occurrence
//! ([`DUPLICATES_HEADER`]): the cluster's question id, its title, the
//! member's `file:line-line`, and the title as that source wrote it.
//!
//! Safety and limits:
//!
//! - every text cell is written with `Worksheet::write_string*` or
//!   `write_rich_string*`, which always store a string cell, never a
//!   formula; text cells also carry the Text number format (`@`), so a
//!   title such as `=SUM(A1)` or an answer starting with `@property` stays
//!   text even when someone edits the cell. Counts and rubric scores are
//!   numbers; the workbook holds no formula;
//! - Excel refuses cells longer than 32,767 characters (counted in UTF-16
//!   code units, as rust_xlsxwriter checks them); longer text is cut at a
//!   character boundary and ends with [`TRUNCATION_MARKER`], so the result
//!   is at most [`CELL_LIMIT`] long. [`cut_cells`] lists the cells cut, for
//!   the caller to warn about.
//!
//! Reproducibility: the document properties carry the deck name as title,
//! `pyqconv` as author and generator, and a fixed creation (and
//! modification) date, [`CREATION_DATE`], instead of the current time;
//! rust_xlsxwriter gives every zip entry the same fixed timestamp, so the
//! same deck always gives byte-identical workbooks.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartSolidFill, ChartType, Color, ConditionalFormatCell,
    ConditionalFormatCellRule, DataValidation, DataValidationErrorStyle, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, Table, TableColumn, TableStyle, Workbook,
    Worksheet, XlsxError,
};

use crate::markdown::{PlainRun, key_points, to_plain_runs};
use crate::model::{Deck, Difficulty, Question};

/// Name of the worksheet of questions (the first, active one).
pub const QUESTIONS_SHEET: &str = "Questions";

/// Name of the worksheet of counts and their chart.
pub const SUMMARY_SHEET: &str = "Summary";

/// Name of the worksheet that explains the scores.
pub const RUBRIC_SHEET: &str = "Rubric";

/// Name of the worksheet of merged occurrences, written only when some
/// question has two or more sources.
pub const DUPLICATES_SHEET: &str = "Duplicates";

/// Name of the Excel table over the questions (used in structured
/// references such as `QuestionTable[Score]`).
pub const TABLE_NAME: &str = "QuestionTable";

/// The Excel table style of the questions: blue header, banded rows.
pub const TABLE_STYLE: TableStyle = TableStyle::Medium2;

/// The header row of the questions, which is also the column order.
pub const HEADER: [&str; 9] = [
    "ID",
    "Section",
    "Difficulty",
    "Question",
    "Expected answer",
    "Key points",
    "Sources",
    "Score",
    "Notes",
];

/// Column index (0-based) of each column of [`HEADER`] that code refers to.
const COL_DIFFICULTY: u16 = 2;
const COL_ANSWER: u16 = 4;
const COL_SCORE: u16 = 7;

/// Bounds of each column's width, in Excel character units (the width of a
/// `0` in the default font), in [`HEADER`] order: a column is as wide as its
/// longest line plus padding, at least the first and at most the second
/// bound. Long text wraps inside the upper bound.
pub const WIDTH_BOUNDS: [(f64, f64); 9] = [
    (8.0, 20.0),  // ID: 17-character ids
    (12.0, 30.0), // Section
    (13.0, 13.0), // Difficulty: the header and its filter button
    (30.0, 45.0), // Question
    (40.0, 80.0), // Expected answer: room for most code lines
    (30.0, 45.0), // Key points
    (20.0, 60.0), // Sources: `input/<document>.txt:1234-1250` on one line
    (9.0, 9.0),   // Score
    (30.0, 30.0), // Notes, empty until the interviewer writes
];

/// The scores an interviewer can choose in the Score column.
pub const SCORES: [&str; 5] = ["1", "2", "3", "4", "5"];

/// What each score means: (score, name, what the interviewer hears).
pub const RUBRIC: [(u8, &str, &str); 5] = [
    (
        1,
        "No answer",
        "Cannot answer, or says something wrong about the core idea.",
    ),
    (
        2,
        "Weak",
        "Recognises the term but cannot explain how it works; most key points missing or muddled.",
    ),
    (
        3,
        "Adequate",
        "Explains the main idea correctly and covers some key points; needs prompting for details or an example.",
    ),
    (
        4,
        "Good",
        "Covers the key points correctly, with an example or code, and knows the common pitfalls.",
    ),
    (
        5,
        "Excellent",
        "Complete and precise: the key points plus trade-offs, edge cases or internals beyond the expected answer.",
    ),
];

/// The header row of the Summary sheet: sections down, difficulties across.
pub const SUMMARY_HEADER: [&str; 6] = ["Section", "Easy", "Medium", "Hard", "Not rated", "Total"];

/// The Summary row of questions no source put in a section.
pub const NO_SECTION: &str = "(no section)";

/// The header row of the Duplicates sheet.
pub const DUPLICATES_HEADER: [&str; 4] = [
    "Cluster (question ID)",
    "Question",
    "Source",
    "Title in that source",
];

/// The monospace font of code in the Expected answer column. Courier New
/// ships with Windows and macOS; LibreOffice on Linux shows it as
/// Liberation Mono, which has the same metrics.
pub const CODE_FONT: &str = "Courier New";

/// The colours of the Difficulty column and the chart, as (difficulty,
/// fill, font) in RGB hex: Excel's built-in "Good", "Neutral" and "Bad"
/// cell styles.
pub const DIFFICULTY_COLOURS: [(Difficulty, u32, u32); 3] = [
    (Difficulty::Easy, 0xC6EFCE, 0x006100),
    (Difficulty::Medium, 0xFFEB9C, 0x9C5700),
    (Difficulty::Hard, 0xFFC7CE, 0x9C0006),
];

/// The header fill of [`TABLE_STYLE`] (RGB hex), used for every header row.
const HEADER_FILL: u32 = 0x4472C4;

/// The chart's bar colours for Easy, Medium, Hard and Not rated (RGB hex):
/// stronger tones of [`DIFFICULTY_COLOURS`], and grey.
const CHART_COLOURS: [u32; 4] = [0x63BE7B, 0xFFC000, 0xE06666, 0xBFBFBF];

/// Excel's maximum length of a cell's text, in UTF-16 code units.
pub const CELL_LIMIT: usize = 32_767;

/// Appended to text cut to fit [`CELL_LIMIT`].
pub const TRUNCATION_MARKER: &str = "… [truncated]";

/// The fixed creation date written to the document properties, as
/// (year, month, day) at 00:00:00 UTC. Excel shows it as both "created" and
/// "modified"; a fixed value keeps the output reproducible.
pub const CREATION_DATE: (u16, u8, u8) = (2026, 1, 1);

/// Excel's tallest row, in points; taller content is clipped (the whole
/// text stays in the cell and shows in the formula bar).
pub const MAX_ROW_HEIGHT: f64 = 409.0;

/// Height of one line of prose (11-point default font) and of code
/// ([`CODE_FONT`], 10 points), in points, for [`row_height`].
const PROSE_LINE_HEIGHT: f64 = 15.0;
const CODE_LINE_HEIGHT: f64 = 11.5;

/// Characters of a line that fit in one unit of column width: prose in the
/// default font (a little wider than Calibri's average, for the fonts
/// LibreOffice substitutes) and code in [`CODE_FONT`] at 10 points (8
/// pixels a character against 7 a unit).
const PROSE_CHARS_PER_UNIT: f64 = 1.0;
const CODE_CHARS_PER_UNIT: f64 = 0.85;

/// A cell whose text was cut to [`CELL_LIMIT`] (see [`cut_cells`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CutCell {
    /// The worksheet ([`QUESTIONS_SHEET`] or [`DUPLICATES_SHEET`]).
    pub sheet: &'static str,
    /// The cell in A1 notation (`E12`).
    pub cell: String,
    /// The column's header (`Expected answer`).
    pub column: &'static str,
    /// Index of the question in `deck.questions`.
    pub question: usize,
    /// The text's length before the cut, in UTF-16 code units.
    pub length: usize,
}

/// Every cell of the workbook [`render`] writes for `deck` whose text is
/// longer than [`CELL_LIMIT`] and is therefore cut, in sheet, row and
/// column order. Writers do not print; the application turns these into
/// warnings.
pub fn cut_cells(deck: &Deck) -> Vec<CutCell> {
    let mut cuts = Vec::new();
    let mut check = |sheet, row: u32, col: u16, question, text: &str| {
        let length = text.encode_utf16().count();
        if length > CELL_LIMIT {
            cuts.push(CutCell {
                sheet,
                cell: cell_name(row, col),
                column: if sheet == QUESTIONS_SHEET {
                    HEADER[col as usize]
                } else {
                    DUPLICATES_HEADER[col as usize]
                },
                question,
                length,
            });
        }
    };
    for (index, (row, question)) in (1u32..).zip(&deck.questions).enumerate() {
        for (col, text) in (0u16..).zip(QuestionRow::of(question).texts()) {
            check(QUESTIONS_SHEET, row, col, index, &text);
        }
    }
    for (row, member) in (1u32..).zip(duplicate_rows(deck)) {
        for (col, text) in (0u16..).zip(member.cells) {
            check(DUPLICATES_SHEET, row, col, member.question, &text);
        }
    }
    cuts
}

/// `row`, `col` (0-based) in A1 notation: (11, 4) → `E12`.
fn cell_name(row: u32, col: u16) -> String {
    let mut letters = Vec::new();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    let column: String = letters.iter().rev().collect();
    format!("{column}{}", row + 1)
}

/// Fits `text` into one cell: unchanged when it is at most [`CELL_LIMIT`]
/// UTF-16 code units long, otherwise cut at a character boundary and ended
/// with [`TRUNCATION_MARKER`], the whole at most [`CELL_LIMIT`] long.
fn fit_cell(text: &str) -> Cow<'_, str> {
    if text.encode_utf16().count() <= CELL_LIMIT {
        return Cow::Borrowed(text);
    }
    let budget = CELL_LIMIT - TRUNCATION_MARKER.encode_utf16().count();
    Cow::Owned(format!(
        "{}{TRUNCATION_MARKER}",
        prefix_within(text, budget)
    ))
}

/// The longest prefix of `text` ending at a character boundary that is at
/// most `budget` UTF-16 code units long.
fn prefix_within(text: &str, budget: usize) -> &str {
    let mut used = 0;
    let mut end = 0;
    for (index, ch) in text.char_indices() {
        if used + ch.len_utf16() > budget {
            break;
        }
        used += ch.len_utf16();
        end = index + ch.len_utf8();
    }
    &text[..end]
}

/// Fits runs of code and prose into one cell as [`fit_cell`] fits text:
/// the runs kept whole while they fit, the first that does not cut at a
/// character boundary, then [`TRUNCATION_MARKER`] as prose.
fn fit_runs(runs: &[PlainRun]) -> Cow<'_, [PlainRun]> {
    let total: usize = runs.iter().map(|r| r.text.encode_utf16().count()).sum();
    if total <= CELL_LIMIT {
        return Cow::Borrowed(runs);
    }
    let mut budget = CELL_LIMIT - TRUNCATION_MARKER.encode_utf16().count();
    let mut out: Vec<PlainRun> = Vec::new();
    for run in runs {
        let kept = prefix_within(&run.text, budget);
        if !kept.is_empty() {
            budget -= kept.encode_utf16().count();
            out.push(PlainRun {
                text: kept.to_string(),
                code: run.code,
            });
        }
        if kept.len() < run.text.len() {
            break;
        }
    }
    match out.last_mut() {
        Some(last) if !last.code => last.text.push_str(TRUNCATION_MARKER),
        _ => out.push(PlainRun {
            text: TRUNCATION_MARKER.to_string(),
            code: false,
        }),
    }
    Cow::Owned(out)
}

/// The content of one question's row, before fitting to [`CELL_LIMIT`].
struct QuestionRow {
    id: String,
    section: String,
    difficulty: String,
    title: String,
    answer: Vec<PlainRun>,
    key_points: String,
    sources: String,
}

impl QuestionRow {
    fn of(question: &Question) -> QuestionRow {
        QuestionRow {
            id: question.id.clone(),
            section: question.section.clone().unwrap_or_default(),
            difficulty: question
                .difficulty
                .map(|d| d.label().to_string())
                .unwrap_or_default(),
            title: question.title.clone(),
            answer: to_plain_runs(&question.answer_markdown),
            key_points: key_points(&question.answer_markdown),
            sources: question.locations("\n"),
        }
    }

    /// The text of each written column, in [`HEADER`] order (Score and Notes
    /// are left blank).
    fn texts(&self) -> [Cow<'_, str>; 7] {
        [
            Cow::Borrowed(&self.id),
            Cow::Borrowed(&self.section),
            Cow::Borrowed(&self.difficulty),
            Cow::Borrowed(&self.title),
            Cow::Owned(self.answer.iter().map(|r| r.text.as_str()).collect()),
            Cow::Borrowed(&self.key_points),
            Cow::Borrowed(&self.sources),
        ]
    }
}

/// The width of each column of the Questions sheet, in Excel character
/// units: for each column the longest line of its header or of any of its
/// cells, plus 2 characters of padding (4 for the header, whose filter
/// button takes room), kept within [`WIDTH_BOUNDS`].
pub fn column_widths(deck: &Deck) -> [f64; 9] {
    let mut longest: [usize; 9] = HEADER.map(|h| h.chars().count() + 2);
    for question in &deck.questions {
        for (col, text) in QuestionRow::of(question).texts().iter().enumerate() {
            let line = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            longest[col] = longest[col].max(line);
        }
    }
    let mut widths = [0.0; 9];
    for (col, width) in widths.iter_mut().enumerate() {
        let (min, max) = WIDTH_BOUNDS[col];
        *width = (longest[col] as f64 + 2.0).clamp(min, max);
    }
    widths
}

/// How many lines `line` takes when wrapped at word boundaries into lines
/// of `per_line` characters, as a spreadsheet wraps it (at least 1).
fn wrapped_lines(line: &str, per_line: usize) -> usize {
    let per_line = per_line.max(1);
    let mut lines = 1;
    let mut used = 0;
    for word in line.split(' ') {
        let len = word.chars().count();
        if used == 0 {
            used = len;
        } else if used + 1 + len <= per_line {
            used += 1 + len;
        } else {
            lines += 1;
            used = len;
        }
        while used > per_line {
            lines += 1;
            used -= per_line;
        }
    }
    lines
}

/// The height in points of text wrapped into a column `width` units wide:
/// each line of `lines`, given as (text, is code), wrapped and counted at
/// its font's line height.
fn text_height<'a>(lines: impl IntoIterator<Item = (&'a str, bool)>, width: f64) -> f64 {
    lines
        .into_iter()
        .map(|(line, code)| {
            let (per_unit, height) = if code {
                (CODE_CHARS_PER_UNIT, CODE_LINE_HEIGHT)
            } else {
                (PROSE_CHARS_PER_UNIT, PROSE_LINE_HEIGHT)
            };
            wrapped_lines(line, (width * per_unit) as usize) as f64 * height
        })
        .sum()
}

/// The lines of an answer's runs, each with whether it is code: a line
/// counts as code when most of its characters come from code runs.
fn answer_lines(runs: &[PlainRun]) -> Vec<(String, bool)> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let (mut code_chars, mut prose_chars) = (0usize, 0usize);
    for run in runs {
        for (index, part) in run.text.split('\n').enumerate() {
            if index > 0 {
                lines.push((std::mem::take(&mut line), code_chars > prose_chars));
                (code_chars, prose_chars) = (0, 0);
            }
            line.push_str(part);
            let count = part.chars().count();
            if run.code {
                code_chars += count;
            } else {
                prose_chars += count;
            }
        }
    }
    lines.push((line, code_chars > prose_chars));
    lines
}

/// The height of a row of the Questions sheet, in points: the tallest of
/// its wrapped cells ([`text_height`], with the columns' `widths`) plus a
/// little padding, between one line and [`MAX_ROW_HEIGHT`]. Set explicitly
/// because LibreOffice does not fit row heights to wrapped text when it
/// opens an XLSX file.
fn row_height(cells: &QuestionRow, widths: &[f64; 9]) -> f64 {
    let answer = answer_lines(&cells.answer);
    let mut tallest = text_height(answer.iter().map(|(l, c)| (l.as_str(), *c)), widths[4]);
    for (col, text) in cells.texts().iter().enumerate() {
        if col != COL_ANSWER as usize {
            tallest = tallest.max(text_height(text.lines().map(|l| (l, false)), widths[col]));
        }
    }
    (tallest + 3.0).clamp(PROSE_LINE_HEIGHT, MAX_ROW_HEIGHT)
}

/// The formats used across the workbook.
struct Formats {
    text: Format,
    code_cell: Format,
    code_run: Format,
    prose_run: Format,
    score: Format,
    header: Format,
    header_number: Format,
    cluster_start: Format,
    number: Format,
    total_label: Format,
    total_number: Format,
}

impl Formats {
    fn new() -> Formats {
        // Number format 49 is Excel's built-in Text format (`@`).
        let text = Format::new()
            .set_align(FormatAlign::Top)
            .set_text_wrap()
            .set_num_format_index(49);
        Formats {
            code_cell: text.clone().set_font_name(CODE_FONT).set_font_size(10),
            code_run: Format::new().set_font_name(CODE_FONT).set_font_size(10),
            prose_run: Format::default(),
            score: Format::new()
                .set_align(FormatAlign::Top)
                .set_align(FormatAlign::Center),
            // The header colours of TABLE_STYLE, written on the cells too
            // because LibreOffice does not draw table styles.
            header: Format::new()
                .set_bold()
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(HEADER_FILL))
                .set_align(FormatAlign::Top)
                .set_text_wrap(),
            header_number: Format::new()
                .set_bold()
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(HEADER_FILL))
                .set_align(FormatAlign::Top)
                .set_align(FormatAlign::Right),
            cluster_start: text.clone().set_border_top(FormatBorder::Thin),
            number: Format::new().set_align(FormatAlign::Top),
            total_label: Format::new()
                .set_bold()
                .set_border_top(FormatBorder::Thin)
                .set_num_format_index(49),
            total_number: Format::new().set_bold().set_border_top(FormatBorder::Thin),
            text,
        }
    }
}

/// Writes `text` as a string cell, fitted to [`CELL_LIMIT`].
fn put(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(row, col, fit_cell(text), format)?;
    Ok(())
}

/// Sets the height of `row` to what its wrapped prose cells need, each given
/// as (text, column width) ([`text_height`]).
fn fit_row(sheet: &mut Worksheet, row: u32, cells: &[(&str, f64)]) -> Result<(), XlsxError> {
    let tallest = cells
        .iter()
        .map(|(text, width)| text_height(text.lines().map(|l| (l, false)), *width))
        .fold(0.0, f64::max);
    sheet.set_row_height(
        row,
        (tallest + 3.0).clamp(PROSE_LINE_HEIGHT, MAX_ROW_HEIGHT),
    )?;
    Ok(())
}

/// Writes an answer: all prose as a plain string, all code as a string in
/// the code font, a mix as a rich string of prose and code runs (as plain
/// text when the rich string is too long for rust_xlsxwriter, which counts
/// its formatting).
fn put_answer(
    sheet: &mut Worksheet,
    row: u32,
    runs: &[PlainRun],
    formats: &Formats,
) -> Result<(), XlsxError> {
    let runs = fit_runs(runs);
    match &runs[..] {
        [] => put(sheet, row, COL_ANSWER, "", &formats.text),
        [only] => {
            let format = if only.code {
                &formats.code_cell
            } else {
                &formats.text
            };
            put(sheet, row, COL_ANSWER, &only.text, format)
        }
        many => {
            let segments: Vec<(&Format, &str)> = many
                .iter()
                .map(|run| {
                    let format = if run.code {
                        &formats.code_run
                    } else {
                        &formats.prose_run
                    };
                    (format, run.text.as_str())
                })
                .collect();
            match sheet.write_rich_string_with_format(row, COL_ANSWER, &segments, &formats.text) {
                Ok(_) => Ok(()),
                // rust_xlsxwriter measures a rich string by its XML, runs'
                // fonts included, so text just under the limit can fail;
                // it is then written whole as plain text.
                Err(XlsxError::MaxStringLengthExceeded) => {
                    let text: String = many.iter().map(|r| r.text.as_str()).collect();
                    put(sheet, row, COL_ANSWER, &text, &formats.text)
                }
                Err(e) => Err(e),
            }
        }
    }
}

/// Fills the Questions sheet: the table of questions with widths, frozen
/// header, score validation and difficulty colours.
fn fill_questions(sheet: &mut Worksheet, deck: &Deck, formats: &Formats) -> Result<(), XlsxError> {
    sheet.set_name(QUESTIONS_SHEET)?;
    let widths = column_widths(deck);
    for (col, width) in (0u16..).zip(widths) {
        sheet.set_column_width(col, width)?;
    }
    for (row, question) in (1u32..).zip(&deck.questions) {
        let cells = QuestionRow::of(question);
        sheet.set_row_height(row, row_height(&cells, &widths))?;
        let texts = cells.texts();
        for (col, text) in (0u16..).zip(texts.iter()) {
            if col == COL_ANSWER {
                put_answer(sheet, row, &cells.answer, formats)?;
            } else {
                put(sheet, row, col, text, &formats.text)?;
            }
        }
        sheet.write_blank(row, COL_SCORE, &formats.score)?;
        sheet.write_blank(row, COL_SCORE + 1, &formats.text)?;
    }

    // A table needs a data row; an empty deck gets one blank row.
    let last_row =
        u32::try_from(deck.questions.len().max(1)).map_err(|_| XlsxError::RowColumnLimitError)?;
    let last_col = (HEADER.len() - 1) as u16;
    let columns: Vec<TableColumn> = HEADER
        .iter()
        .map(|h| {
            TableColumn::new()
                .set_header(*h)
                .set_header_format(&formats.header)
        })
        .collect();
    // The table brings its own autofilter; a worksheet autofilter over the
    // same range would make Excel repair the file.
    let table = Table::new()
        .set_name(TABLE_NAME)
        .set_style(TABLE_STYLE)
        .set_columns(&columns);
    sheet.add_table(0, 0, last_row, last_col, &table)?;
    sheet.set_freeze_panes(1, 0)?;

    let score = DataValidation::new()
        .allow_list_strings(&SCORES)?
        .set_input_title("Score 1–5")?
        .set_input_message(
            "1 no answer, 2 weak, 3 adequate, 4 good, 5 excellent (see the Rubric sheet).",
        )?
        .set_error_title("Score 1–5")?
        .set_error_message(
            "A score is a whole number from 1 to 5; the Rubric sheet says what each means.",
        )?
        .set_error_style(DataValidationErrorStyle::Stop);
    sheet.add_data_validation(1, COL_SCORE, last_row, COL_SCORE, &score)?;

    for (difficulty, fill, font) in DIFFICULTY_COLOURS {
        let rule = ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::EqualTo(difficulty.label()))
            .set_format(
                Format::new()
                    .set_background_color(Color::RGB(fill))
                    .set_font_color(Color::RGB(font)),
            );
        sheet.add_conditional_format(1, COL_DIFFICULTY, last_row, COL_DIFFICULTY, &rule)?;
    }

    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_active(true);
    Ok(())
}

/// Questions counted by section: sections in the order they first appear
/// (questions with none last, as [`NO_SECTION`]), each with its counts for
/// Easy, Medium, Hard and not rated.
pub fn section_counts(deck: &Deck) -> Vec<(String, [u32; 4])> {
    let mut order: Vec<Option<&str>> = Vec::new();
    let mut counts: BTreeMap<Option<&str>, [u32; 4]> = BTreeMap::new();
    for question in &deck.questions {
        let section = question.section.as_deref();
        let entry = counts.entry(section).or_insert_with(|| {
            order.push(section);
            [0; 4]
        });
        let column = match question.difficulty {
            Some(Difficulty::Easy) => 0,
            Some(Difficulty::Medium) => 1,
            Some(Difficulty::Hard) => 2,
            None => 3,
        };
        entry[column] += 1;
    }
    order.sort_by_key(|s| s.is_none());
    order
        .into_iter()
        .map(|s| (s.unwrap_or(NO_SECTION).to_string(), counts[&s]))
        .collect()
}

/// Fills the Summary sheet: the counts by section and difficulty, a total
/// row, and a stacked bar chart of the counts.
fn fill_summary(sheet: &mut Worksheet, deck: &Deck, formats: &Formats) -> Result<(), XlsxError> {
    sheet.set_name(SUMMARY_SHEET)?;
    let rows = section_counts(deck);
    let longest = rows
        .iter()
        .map(|(s, _)| s.chars().count())
        .max()
        .unwrap_or(0);
    sheet.set_column_width(0, (longest as f64 + 2.0).clamp(16.0, 45.0))?;
    for col in 1..SUMMARY_HEADER.len() as u16 {
        sheet.set_column_width(col, 10)?;
    }
    for (col, title) in (0u16..).zip(SUMMARY_HEADER) {
        let format = if col == 0 {
            &formats.header
        } else {
            &formats.header_number
        };
        put(sheet, 0, col, title, format)?;
    }
    let mut totals = [0u32; 4];
    for (row, (section, counts)) in (1u32..).zip(&rows) {
        put(sheet, row, 0, section, &formats.text)?;
        for (col, count) in (1u16..).zip(counts) {
            sheet.write_number_with_format(row, col, *count, &formats.number)?;
        }
        let sum: u32 = counts.iter().sum();
        sheet.write_number_with_format(row, 5, sum, &formats.number)?;
        for (total, count) in totals.iter_mut().zip(counts) {
            *total += count;
        }
    }
    let total_row = rows.len() as u32 + 1;
    put(sheet, total_row, 0, "All sections", &formats.total_label)?;
    for (col, count) in (1u16..).zip(totals) {
        sheet.write_number_with_format(total_row, col, count, &formats.total_number)?;
    }
    sheet.write_number_with_format(
        total_row,
        5,
        totals.iter().sum::<u32>(),
        &formats.total_number,
    )?;
    sheet.set_freeze_panes(1, 0)?;

    if !rows.is_empty() {
        let last = rows.len() as u32;
        let mut chart = Chart::new(ChartType::BarStacked);
        for (col, colour) in (1u16..).zip(CHART_COLOURS) {
            chart
                .add_series()
                .set_name((SUMMARY_SHEET, 0, col))
                .set_categories((SUMMARY_SHEET, 1, 0, last, 0))
                .set_values((SUMMARY_SHEET, 1, col, last, col))
                .set_format(ChartSolidFill::new().set_color(Color::RGB(colour)))
                .set_gap(50);
        }
        chart
            .title()
            .set_name("Questions by section and difficulty");
        // In a bar chart the category axis is the vertical (y) one; reversed,
        // the bars read top to bottom in the table's order, and the value
        // axis crosses it at its last category, the bottom.
        chart
            .y_axis()
            .set_reverse()
            .set_crossing(ChartAxisCrossing::Max);
        chart.x_axis().set_name("questions");
        chart.set_width(760);
        chart.set_height(120 + 22 * last);
        sheet.insert_chart(1, 7, &chart)?;
    }
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 1);
    Ok(())
}

/// Fills the Rubric sheet: one row per score.
fn fill_rubric(sheet: &mut Worksheet, formats: &Formats) -> Result<(), XlsxError> {
    sheet.set_name(RUBRIC_SHEET)?;
    for (col, (title, width)) in
        (0u16..).zip([("Score", 8.0), ("Meaning", 14.0), ("What you hear", 80.0)])
    {
        sheet.set_column_width(col, width)?;
        put(sheet, 0, col, title, &formats.header)?;
    }
    for (row, (score, name, description)) in (1u32..).zip(RUBRIC) {
        sheet.write_number_with_format(row, 0, score, &formats.score)?;
        put(sheet, row, 1, name, &formats.text)?;
        put(sheet, row, 2, description, &formats.text)?;
        fit_row(sheet, row, &[(description, 80.0)])?;
    }
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 1);
    Ok(())
}

/// One row of the Duplicates sheet: a member occurrence of a merged
/// cluster, with the index of its question in the deck.
struct DuplicateRow {
    question: usize,
    cells: [String; 4],
}

/// The rows of the Duplicates sheet: for each question with two or more
/// sources, one row per source. Empty when nothing was merged.
fn duplicate_rows(deck: &Deck) -> Vec<DuplicateRow> {
    deck.questions
        .iter()
        .enumerate()
        .filter(|(_, q)| q.sources.len() >= 2)
        .flat_map(|(index, q)| {
            q.sources.iter().map(move |source| DuplicateRow {
                question: index,
                cells: [
                    q.id.clone(),
                    q.title.clone(),
                    source.location(),
                    source.title.clone().unwrap_or_default(),
                ],
            })
        })
        .collect()
}

/// Fills the Duplicates sheet from [`duplicate_rows`].
fn fill_duplicates(
    sheet: &mut Worksheet,
    rows: &[DuplicateRow],
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(DUPLICATES_SHEET)?;
    const WIDTHS: [f64; 4] = [20.0, 45.0, 55.0, 45.0];
    for (col, (title, width)) in (0u16..).zip(DUPLICATES_HEADER.iter().zip(WIDTHS)) {
        sheet.set_column_width(col, width)?;
        put(sheet, 0, col, title, &formats.header)?;
    }
    let mut previous = None;
    for (row, member) in (1u32..).zip(rows) {
        // A line above the first member of each cluster.
        let format = if previous == Some(member.question) {
            &formats.text
        } else {
            &formats.cluster_start
        };
        previous = Some(member.question);
        for (col, text) in (0u16..).zip(&member.cells) {
            put(sheet, row, col, text, format)?;
        }
        let cells: Vec<(&str, f64)> = member
            .cells
            .iter()
            .map(String::as_str)
            .zip(WIDTHS)
            .collect();
        fit_row(sheet, row, &cells)?;
    }
    let last_row = u32::try_from(rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
    sheet.autofilter(0, 0, last_row, (DUPLICATES_HEADER.len() - 1) as u16)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Renders `deck` as an XLSX workbook (see the module docs for its layout).
///
/// # Errors
/// rust_xlsxwriter's message when the workbook cannot be built, for example
/// when the deck has more rows than a worksheet holds (1,048,575 questions).
pub fn render(deck: &Deck) -> Result<Vec<u8>, String> {
    build(deck).map_err(|e| e.to_string())
}

fn build(deck: &Deck) -> Result<Vec<u8>, XlsxError> {
    let (year, month, day) = CREATION_DATE;
    let created = ExcelDateTime::from_ymd(year, month, day)?;
    let properties = DocProperties::new()
        .set_title(deck.deck.as_str())
        .set_subject("Python interview questions to choose, read and score")
        .set_author("pyqconv")
        .set_comment("Generated by pyqconv")
        .set_custom_property("Generator", concat!("pyqconv ", env!("CARGO_PKG_VERSION")))
        .set_creation_datetime(&created);

    let formats = Formats::new();
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties);
    fill_questions(workbook.add_worksheet(), deck, &formats)?;
    fill_summary(workbook.add_worksheet(), deck, &formats)?;
    fill_rubric(workbook.add_worksheet(), &formats)?;
    let duplicates = duplicate_rows(deck);
    if !duplicates.is_empty() {
        fill_duplicates(workbook.add_worksheet(), &duplicates, &formats)?;
    }
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_unchanged() {
        assert!(matches!(fit_cell("abc"), Cow::Borrowed("abc")));
        let exact = "x".repeat(CELL_LIMIT);
        assert_eq!(fit_cell(&exact), exact.as_str());
    }

    #[test]
    fn long_text_is_cut_with_a_marker() {
        let long = "y".repeat(CELL_LIMIT + 1);
        let cut = fit_cell(&long);
        assert!(cut.ends_with(TRUNCATION_MARKER));
        assert_eq!(cut.encode_utf16().count(), CELL_LIMIT);
    }

    #[test]
    fn cut_respects_multibyte_and_surrogate_pairs() {
        // 'é' is 2 bytes / 1 UTF-16 unit; '🐍' is 4 bytes / 2 UTF-16 units.
        for unit in ["é", "🐍", "a🐍"] {
            let long = unit.repeat(CELL_LIMIT + 1);
            let cut = fit_cell(&long);
            assert!(cut.ends_with(TRUNCATION_MARKER));
            let len = cut.encode_utf16().count();
            assert!(
                (CELL_LIMIT - 2..=CELL_LIMIT).contains(&len),
                "{unit}: {len}"
            );
            let kept = &cut[..cut.len() - TRUNCATION_MARKER.len()];
            assert!(long.starts_with(kept));
        }
    }

    fn run(text: &str, code: bool) -> PlainRun {
        PlainRun {
            text: text.to_string(),
            code,
        }
    }

    #[test]
    fn runs_that_fit_are_unchanged() {
        let runs = [run("Use ", false), run("x = 1", true)];
        assert!(matches!(fit_runs(&runs), Cow::Borrowed(_)));
    }

    #[test]
    fn runs_are_cut_like_text_and_keep_their_kinds() {
        // Prose, then code that crosses the limit, then prose never reached.
        let prose = "p".repeat(100);
        let code = "c".repeat(CELL_LIMIT);
        let runs = [run(&prose, false), run(&code, true), run("tail", false)];
        let cut = fit_runs(&runs);
        let joined: String = runs.iter().map(|r| r.text.as_str()).collect();
        let cut_joined: String = cut.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(cut_joined, fit_cell(&joined));
        assert_eq!(cut.len(), 3);
        assert!(!cut[0].code && cut[1].code && !cut[2].code);
        assert_eq!(cut[2].text, TRUNCATION_MARKER);
    }

    #[test]
    fn cell_names_are_a1_notation() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(11, 4), "E12");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(9, 26), "AA10");
        assert_eq!(cell_name(0, 27), "AB1");
    }

    #[test]
    fn empty_deck_renders() {
        let bytes = render(&Deck::new("Empty")).unwrap();
        assert!(bytes.starts_with(b"PK"));
    }

    #[test]
    fn wrapping_counts_lines_at_word_boundaries() {
        assert_eq!(wrapped_lines("", 10), 1);
        assert_eq!(wrapped_lines("one two", 10), 1);
        // "aaaa bbbb" fits 9 characters; "cccc" starts a second line.
        assert_eq!(wrapped_lines("aaaa bbbb cccc", 9), 2);
        // A word longer than a line takes as many lines as it needs.
        assert_eq!(wrapped_lines(&"x".repeat(25), 10), 3);
    }

    fn question(answer: &str) -> Question {
        Question {
            id: "q1".into(),
            title: "Short?".into(),
            title_origin: crate::model::TitleOrigin::Original,
            answer_markdown: answer.into(),
            section: None,
            difficulty: None,
            tags: vec![],
            sources: vec![crate::model::Occurrence {
                path: "a.txt".into(),
                line_start: 1,
                line_end: 2,
                title: None,
                section: None,
                difficulty: None,
                id: None,
            }],
        }
    }

    #[test]
    fn rows_grow_with_their_lines_up_to_excel_limit() {
        let widths = WIDTH_BOUNDS.map(|(_, max)| max);
        let height = |answer: &str| row_height(&QuestionRow::of(&question(answer)), &widths);
        // One line of prose: one line's height plus padding.
        assert_eq!(height("Yes."), PROSE_LINE_HEIGHT + 3.0);
        // Ten lines of code: ten code lines.
        let code: String = (0..10).map(|i| format!("x{i} = {i}\n")).collect();
        assert_eq!(
            height(&format!("```python\n{code}```")),
            10.0 * CODE_LINE_HEIGHT + 3.0
        );
        // A long prose line wraps into several lines of the column's width.
        let words = "word ".repeat(100); // 500 characters in an 80-unit column
        let lines = wrapped_lines(words.trim_end(), 80) as f64;
        assert!(lines >= 6.0);
        assert_eq!(height(&words), lines * PROSE_LINE_HEIGHT + 3.0);
        // Hundreds of lines stop at Excel's tallest row.
        let long: String = (0..500).map(|i| format!("x{i} = {i}\n")).collect();
        assert_eq!(height(&format!("```python\n{long}```")), MAX_ROW_HEIGHT);
    }

    #[test]
    fn answer_lines_are_code_when_mostly_code() {
        let runs = to_plain_runs("Use `f`:\n\n```python\ndef f():\n    pass\n```\n\nDone.");
        let lines = answer_lines(&runs);
        let kinds: Vec<(&str, bool)> = lines.iter().map(|(l, c)| (l.as_str(), *c)).collect();
        assert_eq!(
            kinds,
            [
                ("Use f:", false),
                ("", false),
                ("def f():", true),
                ("    pass", true),
                ("", false),
                ("Done.", false)
            ]
        );
    }

    #[test]
    fn sections_are_counted_in_order_of_first_appearance_unsectioned_last() {
        let mut deck = Deck::new("D");
        for (section, difficulty) in [
            (Some("B"), Some(Difficulty::Hard)),
            (None, None),
            (Some("A"), Some(Difficulty::Easy)),
            (Some("B"), None),
            (Some("B"), Some(Difficulty::Hard)),
            (None, Some(Difficulty::Medium)),
        ] {
            let mut q = question("x");
            q.section = section.map(String::from);
            q.difficulty = difficulty;
            deck.questions.push(q);
        }
        assert_eq!(
            section_counts(&deck),
            [
                ("B".to_string(), [0, 0, 2, 1]),
                ("A".to_string(), [1, 0, 0, 0]),
                (NO_SECTION.to_string(), [0, 1, 0, 1]),
            ]
        );
    }

    #[test]
    fn columns_fit_their_longest_line_within_bounds() {
        let mut deck = Deck::new("D");
        let mut q = question("x");
        q.section = Some("Sixteen chars ok".into());
        q.sources[0].path =
            "input/a-rather-long-document-name-that-goes-on-and-on-and-on.txt".into();
        deck.questions.push(q);
        let widths = column_widths(&deck);
        // ID: "q1" is short, the header "ID" + 2 shorter still: the minimum.
        assert_eq!(widths[0], WIDTH_BOUNDS[0].0);
        // Section: 16 characters + 2 padding, above the minimum of 12.
        assert_eq!(widths[1], 18.0);
        // Sources: the long path is capped.
        assert_eq!(widths[6], WIDTH_BOUNDS[6].1);
    }
}
