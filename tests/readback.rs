//! The CSV and XLSX written by the main job, read back with real readers
//! (the csv crate and calamine): one row per question, equal to the JSON.

use calamine::{Data, Reader, Xlsx};
use std::path::Path;
use std::process::Command;

fn run(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_pyqconv"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["-q", "--to", "csv,xlsx,json", "--output"])
        .arg(dir)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&std::fs::read(dir.join("python-interview.json")).unwrap()).unwrap()
}

fn main_job(dir: &Path) -> serde_json::Value {
    run(dir, &[])
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
    assert_eq!(
        workbook.sheet_names(),
        ["Questions", "Summary", "Rubric", "Duplicates"]
    );
    let range = workbook.worksheet_range("Questions").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows.len(), questions.len() + 1);
    assert_eq!(rows[0][3], Data::String("Question".into()));
    for (row, q) in rows[1..].iter().zip(questions) {
        assert_eq!(row[0], Data::String(q["id"].as_str().unwrap().into()));
        assert_eq!(row[3], Data::String(q["title"].as_str().unwrap().into()));
        // The workbook's cells are never guarded: they are typed strings.
        let answer = pyqconv::markdown::to_plain_text(q["answer_markdown"].as_str().unwrap());
        assert_eq!(row[4], Data::String(answer), "{}", q["id"]);
    }

    // Summary: the total row counts every question.
    let summary = workbook.worksheet_range("Summary").unwrap();
    let total = summary.rows().next_back().unwrap();
    assert_eq!(total[0], Data::String("All sections".into()));
    assert_eq!(total[5], Data::Float(questions.len() as f64));

    // Duplicates: one row per occurrence of every question with 2+ sources.
    let members: usize = questions
        .iter()
        .map(|q| q["sources"].as_array().unwrap().len())
        .filter(|&n| n >= 2)
        .sum();
    assert!(members > 0, "the twin documents merge");
    let duplicates = workbook.worksheet_range("Duplicates").unwrap();
    assert_eq!(duplicates.rows().count(), members + 1);

    for sheet in workbook.sheet_names() {
        let formulas = workbook.worksheet_formula(&sheet).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "sheet {sheet} holds formulas"
        );
    }
}

#[test]
fn no_dedup_writes_no_duplicates_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let json = run(dir.path(), &["--no-dedup"]);
    let questions = json["questions"].as_array().unwrap();
    assert!(
        questions
            .iter()
            .all(|q| q["sources"].as_array().unwrap().len() == 1)
    );
    let workbook: Xlsx<_> =
        calamine::open_workbook(dir.path().join("python-interview.xlsx")).unwrap();
    assert_eq!(workbook.sheet_names(), ["Questions", "Summary", "Rubric"]);
}

#[test]
fn text_that_looks_like_a_formula_stays_text_in_the_workbook_and_inert_in_the_csv() {
    let mut deck = pyqconv::Deck::new("T");
    for (id, title, answer) in [
        ("q1", "=1+1", "@property\n"),
        ("q2", "@x", "=cmd|' /C calc'!A0\n"),
    ] {
        deck.questions.push(pyqconv::Question {
            id: id.into(),
            title: title.into(),
            title_origin: pyqconv::TitleOrigin::Original,
            answer_markdown: answer.into(),
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
                id: None,
            }],
        });
    }
    let bytes = pyqconv::writers::xlsx::render(&deck).unwrap();
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = workbook.worksheet_range("Questions").unwrap();
    assert_eq!(range.get((1, 3)), Some(&Data::String("=1+1".into())));
    assert_eq!(range.get((1, 4)), Some(&Data::String("@property".into())));
    assert_eq!(range.get((2, 3)), Some(&Data::String("@x".into())));
    let formulas = workbook.worksheet_formula("Questions").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));

    let csv_bytes = pyqconv::writers::csv::render(&deck).unwrap();
    let mut reader = csv::Reader::from_reader(csv_bytes.as_slice());
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(&records[0][3], "'=1+1");
    assert_eq!(&records[0][5], "'@property");
    assert_eq!(&records[1][3], "'@x");
    assert_eq!(&records[1][6], "'=cmd|' /C calc'!A0\n");
}
