//! XLSX writer: one worksheet, one row per question, built with
//! rust_xlsxwriter (<https://docs.rs/rust_xlsxwriter>).
//!
//! The workbook has a single worksheet named [`SHEET_NAME`] (`Questions`):
//!
//! | column | header          | content                                                       |
//! |--------|-----------------|---------------------------------------------------------------|
//! | A      | ID              | `Question::id`                                                |
//! | B      | Section         | the section, blank when `None`                                |
//! | C      | Difficulty      | `Easy` / `Medium` / `Hard` (`Difficulty::label`), or blank    |
//! | D      | Question        | the title                                                     |
//! | E      | Expected answer | the answer as plain text ([`crate::markdown::to_plain_text`]) |
//! | F      | Tags            | the tags joined by one space                                  |
//! | G      | Sources         | each `Occurrence::location`, one per line                     |
//!
//! Row 1 is a bold header ([`HEADER`]), frozen so it stays in view, with an
//! autofilter over the header and data rows. Text columns wrap and are
//! top-aligned; widths are fixed per column ([`COLUMN_WIDTHS`]), and row
//! heights are left to the spreadsheet program.
//!
//! Safety and limits:
//!
//! - every cell is written with `Worksheet::write_string*`, which always
//!   stores a string cell (`t="s"`), never a formula, number or date: a title
//!   such as `=SUM(A1)` or an answer starting with `@property` stays text;
//! - Excel refuses cells longer than 32,767 characters (counted in UTF-16
//!   code units, as rust_xlsxwriter checks them); longer text is cut at a
//!   character boundary and ends with [`TRUNCATION_MARKER`], so the result
//!   is at most [`CELL_LIMIT`] long.
//!
//! Reproducibility: the document properties carry a fixed creation (and
//! modification) date, [`CREATION_DATE`], instead of the current time, and
//! rust_xlsxwriter gives every zip entry the same fixed timestamp, so the
//! same deck always gives byte-identical workbooks.

use std::borrow::Cow;

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::markdown::to_plain_text;
use crate::model::{Deck, Question};

/// Name of the one worksheet.
pub const SHEET_NAME: &str = "Questions";

/// The header row, which is also the column order.
pub const HEADER: [&str; 7] = [
    "ID",
    "Section",
    "Difficulty",
    "Question",
    "Expected answer",
    "Tags",
    "Sources",
];

/// Column widths, in Excel character units, in [`HEADER`] order.
pub const COLUMN_WIDTHS: [f64; 7] = [18.0, 22.0, 11.0, 50.0, 90.0, 24.0, 36.0];

/// Excel's maximum length of a cell's text, in UTF-16 code units.
pub const CELL_LIMIT: usize = 32_767;

/// Appended to text cut to fit [`CELL_LIMIT`].
pub const TRUNCATION_MARKER: &str = "… [truncated]";

/// The fixed creation date written to the document properties, as
/// (year, month, day) at 00:00:00 UTC. Excel shows it as both "created" and
/// "modified"; a fixed value keeps the output reproducible.
pub const CREATION_DATE: (u16, u8, u8) = (2026, 1, 1);

/// Fits `text` into one cell: unchanged when it is at most [`CELL_LIMIT`]
/// UTF-16 code units long, otherwise cut at a character boundary and ended
/// with [`TRUNCATION_MARKER`], the whole at most [`CELL_LIMIT`] long.
fn fit_cell(text: &str) -> Cow<'_, str> {
    if text.encode_utf16().count() <= CELL_LIMIT {
        return Cow::Borrowed(text);
    }
    let budget = CELL_LIMIT - TRUNCATION_MARKER.encode_utf16().count();
    let mut used = 0;
    let mut end = 0;
    for (index, ch) in text.char_indices() {
        if used + ch.len_utf16() > budget {
            break;
        }
        used += ch.len_utf16();
        end = index + ch.len_utf8();
    }
    Cow::Owned(format!("{}{TRUNCATION_MARKER}", &text[..end]))
}

/// The cells of one question's row, in [`HEADER`] order.
fn row(question: &Question) -> [String; 7] {
    [
        question.id.clone(),
        question.section.clone().unwrap_or_default(),
        question
            .difficulty
            .map(|d| d.label().to_string())
            .unwrap_or_default(),
        question.title.clone(),
        to_plain_text(&question.answer_markdown),
        question.tags.join(" "),
        question.locations("\n"),
    ]
}

/// Fills the worksheet: header, rows, widths, frozen header, autofilter.
fn fill(sheet: &mut Worksheet, deck: &Deck) -> Result<(), XlsxError> {
    let header = Format::new()
        .set_bold()
        .set_align(FormatAlign::Top)
        .set_border_bottom(FormatBorder::Thin);
    let cell = Format::new().set_align(FormatAlign::Top).set_text_wrap();

    sheet.set_name(SHEET_NAME)?;
    for (col, (title, width)) in (0u16..).zip(HEADER.iter().zip(COLUMN_WIDTHS)) {
        sheet.set_column_width(col, width)?;
        sheet.write_string_with_format(0, col, *title, &header)?;
    }
    for (row_index, question) in (1u32..).zip(&deck.questions) {
        for (col, text) in (0u16..).zip(row(question)) {
            sheet.write_string_with_format(row_index, col, fit_cell(&text), &cell)?;
        }
    }

    let last_row =
        u32::try_from(deck.questions.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
    let last_col = (HEADER.len() - 1) as u16;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
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
        .set_author("pyqconv")
        .set_comment("Generated by pyqconv")
        .set_creation_datetime(&created);

    let mut workbook = Workbook::new();
    workbook.set_properties(&properties);
    fill(workbook.add_worksheet(), deck)?;
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

    #[test]
    fn empty_deck_renders() {
        let bytes = render(&Deck::new("Empty")).unwrap();
        assert!(bytes.starts_with(b"PK"));
    }
}
