//! The CSV and XLSX written by the main job, read back with real readers
//! (the csv crate and calamine): one row per question, equal to the JSON.

use calamine::{Data, Reader, Xlsx};
use std::path::Path;
use std::process::Command;

fn main_job(dir: &Path) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_pyqconv"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["-q", "--to", "csv,xlsx,json", "--output"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&std::fs::read(dir.join("python-interview.json")).unwrap()).unwrap()
}

/// A model field as the CSV's formula guard should write it (OWASP: a `'`
/// before a leading `=`, `+`, `-`, `@`, tab or carriage return).
fn inert(field: &str) -> String {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}")
    } else {
        field.to_string()
    }
}

#[test]
fn csv_and_xlsx_hold_one_row_per_question_equal_to_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let json = main_job(dir.path());
    let questions = json["questions"].as_array().unwrap();

    let mut csv = csv::Reader::from_path(dir.path().join("python-interview.csv")).unwrap();
    assert_eq!(
        csv.headers().unwrap(),
        &csv::StringRecord::from(pyqconv::writers::csv::HEADER.to_vec())
    );
    let records: Vec<csv::StringRecord> = csv.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), questions.len());
    let mut guarded = 0;
    for (record, q) in records.iter().zip(questions) {
        assert_eq!(&record[0], q["id"].as_str().unwrap());
        assert_eq!(&record[3], inert(q["title"].as_str().unwrap()));
        let markdown = q["answer_markdown"].as_str().unwrap();
        assert_eq!(&record[6], inert(markdown));
        guarded += usize::from(record[6] != *markdown);
        assert_eq!(&record[1], q["section"].as_str().unwrap_or(""));
    }
    // The documents hold answers that begin with a trigger (`- item`,
    // `@decorator`), so the guard is exercised on real data.
    assert!(guarded > 0, "no answer of the documents was guarded");

    let mut workbook: Xlsx<_> =
        calamine::open_workbook(dir.path().join("python-interview.xlsx")).unwrap();
    assert_eq!(workbook.sheet_names(), vec!["Questions".to_string()]);
    let range = workbook.worksheet_range("Questions").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows.len(), questions.len() + 1);
    assert_eq!(rows[0][3], Data::String("Question".into()));
    for (row, q) in rows[1..].iter().zip(questions) {
        assert_eq!(row[0], Data::String(q["id"].as_str().unwrap().into()));
        assert_eq!(row[3], Data::String(q["title"].as_str().unwrap().into()));
    }
    let formulas = workbook.worksheet_formula("Questions").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "the workbook holds formulas"
    );
}

#[test]
fn text_that_looks_like_a_formula_stays_text_in_the_workbook() {
    let mut deck = pyqconv::Deck::new("T");
    deck.questions.push(pyqconv::Question {
        id: "q1".into(),
        title: "=1+1".into(),
        title_origin: pyqconv::TitleOrigin::Original,
        answer_markdown: "@property\n".into(),
        section: None,
        difficulty: None,
        tags: vec![],
        sources: vec![pyqconv::Occurrence {
            path: "a.txt".into(),
            line_start: 1,
            line_end: 1,
            title: None,
            section: None,
            difficulty: None,
        }],
    });
    let bytes = pyqconv::writers::xlsx::render(&deck).unwrap();
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = workbook.worksheet_range("Questions").unwrap();
    assert_eq!(range.get((1, 3)), Some(&Data::String("=1+1".into())));
    let formulas = workbook.worksheet_formula("Questions").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
}
