//! Read-back tests for the CSV, XLSX and JSON writers: each output is parsed
//! with an independent reader (csv crate, calamine, serde_json) and compared
//! with the hand-built deck it came from.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use pyqconv::markdown::{key_points, to_plain_text};
use pyqconv::model::{Deck, Difficulty, Occurrence, Question, TitleOrigin};
use pyqconv::writers::{self, Format};

fn source(path: &str, line_start: usize, line_end: usize) -> Occurrence {
    Occurrence {
        path: path.into(),
        line_start,
        line_end,
        title: None,
        section: None,
        difficulty: None,
        id: None,
    }
}

/// Five questions covering the awkward cases: a title starting with `=`, an
/// answer starting with `@property`, unicode, commas, quotes, newlines, a
/// code block, a table, a numeric-looking id, no section/difficulty, two
/// sources, no tags.
fn deck() -> Deck {
    let mut deck = Deck::new("Python Interview, \"tricky\" edition");
    deck.questions = vec![
        Question {
            id: "0042".into(),
            title: "=SUM(A1:A3) + 1, is that valid Python?".into(),
            title_origin: TitleOrigin::Original,
            answer_markdown: "No, it's a \"spreadsheet\" formula; in Python use `sum([a, b, c]) + 1`."
                .into(),
            section: Some("Basics".into()),
            difficulty: Some(Difficulty::Easy),
            tags: vec!["basics".into(), "easy".into()],
            sources: vec![
                Occurrence {
                    path: "input/python-interview-questions-2026.txt".into(),
                    line_start: 10,
                    line_end: 24,
                    title: Some("=SUM(A1:A3) + 1, is that valid Python".into()),
                    section: Some("Basics".into()),
                    difficulty: Some(Difficulty::Easy),
                    id: None,
                },
                source("input/senior-python-developer.txt", 7, 7),
            ],
        },
        Question {
            id: "q-property".into(),
            title: "What does the property decorator do?".into(),
            title_origin: TitleOrigin::Repaired,
            answer_markdown: "@property turns a method into a read-only attribute:\n\n\
                 ```python\nclass C:\n    @property\n    def x(self):\n        return \"x, y\"\n```\n\n\
                 Add a setter with `@x.setter`."
                .into(),
            section: Some("OOP".into()),
            difficulty: Some(Difficulty::Medium),
            tags: vec!["decorators".into(), "oop".into()],
            sources: vec![source("input/sde-interview-preparation.txt", 100, 120)],
        },
        Question {
            id: "q-gil".into(),
            title: "Что такое GIL? 🐍 «Global Interpreter Lock», «ещё»".into(),
            title_origin: TitleOrigin::Generated,
            answer_markdown: "Мьютекс в CPython.\nOne thread runs bytecode at a time;\n\
                 I/O releases it — \"mostly\".\n\n- threads: I/O-bound\n- processes: CPU-bound"
                .into(),
            section: None,
            difficulty: None,
            tags: vec![],
            sources: vec![source("input/python-advanced-interview-guide.txt", 5, 6)],
        },
        Question {
            id: "q-table".into(),
            title: "List vs tuple?".into(),
            title_origin: TitleOrigin::Recovered,
            answer_markdown: "| type | mutable |\n|---|---|\n| list | yes |\n| tuple | no |\n"
                .into(),
            section: Some("Data structures, built-ins".into()),
            difficulty: Some(Difficulty::Hard),
            tags: vec!["collections".into()],
            sources: vec![source("input/x.md", 1, 1)],
        },
        Question {
            id: "q-gen".into(),
            title: "Write a generator that yields \"a\", \"b\"\tand 'c'".into(),
            title_origin: TitleOrigin::Original,
            answer_markdown: "```python\ndef g():\n    yield from \"ab\"\n    yield 'c'\n```\n".into(),
            section: Some("Generators".into()),
            difficulty: None,
            tags: vec!["generators".into()],
            sources: vec![source("input/y.txt", 3, 9)],
        },
    ];
    deck
}

fn locations(question: &Question) -> Vec<String> {
    question.sources.iter().map(Occurrence::location).collect()
}

// ---------------------------------------------------------------- CSV

/// What the formula guard should make of a model field, written out here
/// from the OWASP rule rather than taken from the writer: a `'` before a
/// field that begins with `=`, `+`, `-`, `@`, tab or carriage return.
fn inert(field: &str) -> String {
    match field.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{field}"),
        _ => field.to_string(),
    }
}

/// The model's fields for one question, in CSV column order.
fn model_fields(q: &Question) -> Vec<String> {
    vec![
        q.id.clone(),
        q.section.clone().unwrap_or_default(),
        q.difficulty
            .map(Difficulty::as_str)
            .unwrap_or("")
            .to_string(),
        q.title.clone(),
        q.title_origin.as_str().to_string(),
        to_plain_text(&q.answer_markdown),
        q.answer_markdown.clone(),
        q.tags.join(" "),
        locations(q).join("; "),
    ]
}

fn read_csv(bytes: &[u8], delimiter: u8) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(bytes);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let records = reader.records().map(Result::unwrap).collect();
    (header, records)
}

#[test]
fn csv_reads_back_equal_to_the_model_apart_from_the_guard() {
    let deck = deck();
    let bytes = writers::csv::render(&deck).unwrap();
    let (header, records) = read_csv(&bytes, b',');
    assert_eq!(
        header,
        [
            "id",
            "section",
            "difficulty",
            "title",
            "title_origin",
            "answer",
            "answer_markdown",
            "tags",
            "sources"
        ]
    );
    assert_eq!(header, writers::csv::HEADER);

    assert_eq!(records.len(), deck.questions.len());
    for (record, q) in records.iter().zip(&deck.questions) {
        let fields: Vec<&str> = record.iter().collect();
        let expected: Vec<String> = model_fields(q).iter().map(|f| inert(f)).collect();
        assert_eq!(fields, expected, "question {}", q.id);
        // unguard gives the model back.
        let back: Vec<&str> = fields.iter().map(|f| writers::csv::unguard(f)).collect();
        assert_eq!(back, model_fields(q));
    }

    // Spot checks written out by hand.
    assert_eq!(&records[0][3], "'=SUM(A1:A3) + 1, is that valid Python?");
    assert!(records[1][5].starts_with("'@property turns a method"));
    assert!(records[1][6].starts_with("'@property turns a method"));
    assert!(records[1][5].contains("    def x(self):\n        return \"x, y\""));
    assert_eq!(
        &records[0][8],
        "input/python-interview-questions-2026.txt:10-24; input/senior-python-developer.txt:7"
    );
    assert_eq!(
        (&records[2][1], &records[2][2], &records[2][7]),
        ("", "", "")
    );
}

#[test]
fn csv_without_the_guard_reads_back_equal_to_the_model() {
    let deck = deck();
    let options = writers::csv::Options {
        formula_guard: false,
        ..Default::default()
    };
    let bytes = writers::csv::render_with(&deck, &options).unwrap();
    let (_, records) = read_csv(&bytes, b',');
    for (record, q) in records.iter().zip(&deck.questions) {
        let fields: Vec<&str> = record.iter().collect();
        assert_eq!(fields, model_fields(q));
    }
    assert_eq!(&records[0][3], "=SUM(A1:A3) + 1, is that valid Python?");
}

/// A deck whose titles and answers begin with every trigger, and some that
/// only contain one.
fn trigger_deck() -> Deck {
    let mut deck = Deck::new("Triggers");
    let titles = [
        "=1+1",
        "@property",
        "+cmd",
        "- item",
        "\tindented",
        "\rreturn",
        "a = b",
        " =1",
    ];
    for (i, title) in titles.iter().enumerate() {
        deck.questions.push(Question {
            id: format!("q{i}"),
            title: title.to_string(),
            title_origin: TitleOrigin::Original,
            answer_markdown: format!("{title} answer"),
            section: None,
            difficulty: None,
            tags: vec![],
            sources: vec![source("input/t.txt", i + 1, i + 1)],
        });
    }
    deck
}

#[test]
fn csv_guard_makes_every_trigger_inert_and_can_be_turned_off() {
    let deck = trigger_deck();
    let guarded = writers::csv::render(&deck).unwrap();
    let (_, records) = read_csv(&guarded, b',');
    let titles: Vec<&str> = records.iter().map(|r| &r[3]).collect();
    assert_eq!(
        titles,
        [
            "'=1+1",
            "'@property",
            "'+cmd",
            "'- item",
            "'\tindented",
            "'\rreturn",
            "a = b",
            " =1"
        ]
    );
    // The answer columns are guarded too (`- item answer` is a list in
    // Markdown, whose plain text begins `- `).
    assert_eq!(&records[0][6], "'=1+1 answer");
    assert_eq!(&records[3][5], "'- item answer");
    assert_eq!(&records[6][6], "a = b answer");

    let options = writers::csv::Options {
        formula_guard: false,
        ..Default::default()
    };
    let raw = writers::csv::render_with(&deck, &options).unwrap();
    let (_, records) = read_csv(&raw, b',');
    for (record, q) in records.iter().zip(&deck.questions) {
        assert_eq!(&record[3], q.title);
        assert_eq!(&record[6], q.answer_markdown);
    }
}

#[test]
fn csv_is_rfc4180_quoted_utf8_with_crlf() {
    let bytes = writers::csv::render(&deck()).unwrap();
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(
        !text.starts_with('\u{feff}'),
        "no byte-order mark by default"
    );
    assert!(text.starts_with("id,section,difficulty,title,"));
    assert!(text.ends_with("\r\n"));
    // Header + 5 records, each ending with CRLF; newlines inside quoted
    // fields are bare \n.
    assert_eq!(text.matches("\r\n").count(), 6);
    // Fields with a comma or quote are quoted, inner quotes doubled.
    assert!(text.contains(",\"'=SUM(A1:A3) + 1, is that valid Python?\","));
    assert!(text.contains("\"Write a generator that yields \"\"a\"\", \"\"b\"\"\tand 'c'\""));
    // Plain fields are not quoted (QuoteStyle::Necessary).
    assert!(text.contains("\r\n0042,Basics,easy,"));
    assert!(text.contains(",List vs tuple?,recovered,"));
}

#[test]
fn csv_with_a_semicolon_reads_back_like_the_comma_csv() {
    let deck = deck();
    let options = writers::csv::Options {
        delimiter: b';',
        ..Default::default()
    };
    let bytes = writers::csv::render_with(&deck, &options).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.starts_with("id;section;difficulty;title;title_origin;"));
    // A comma no longer forces quotes; a semicolon does.
    assert!(text.contains(";Data structures, built-ins;hard;"), "{text}");
    assert!(text.contains(";\"input/python-interview-questions-2026.txt:10-24; input/senior-python-developer.txt:7\"\r\n"));
    let comma = writers::csv::render(&deck).unwrap();
    assert_eq!(read_csv(&bytes, b';'), read_csv(&comma, b','));
}

#[test]
fn csv_with_a_bom_starts_with_ef_bb_bf_and_reads_the_header() {
    let deck = deck();
    let options = writers::csv::Options {
        bom: true,
        ..Default::default()
    };
    let bytes = writers::csv::render_with(&deck, &options).unwrap();
    assert_eq!(&bytes[..3], [0xEF, 0xBB, 0xBF]);
    assert_eq!(&bytes[3..], writers::csv::render(&deck).unwrap());
    // The csv crate strips a BOM, as Excel does: the first header is `id`.
    let (header, records) = read_csv(&bytes, b',');
    assert_eq!(header[0], "id");
    assert_eq!(header, writers::csv::HEADER);
    assert_eq!(records.len(), deck.questions.len());
}

#[test]
fn format_dispatch_matches_writers() {
    let deck = deck();
    assert_eq!(
        Format::Csv.render(&deck).unwrap(),
        writers::csv::render(&deck).unwrap()
    );
    assert_eq!(
        Format::Json.render(&deck).unwrap(),
        writers::json::render(&deck).unwrap()
    );
    assert_eq!(
        Format::Xlsx.render(&deck).unwrap(),
        writers::xlsx::render(&deck).unwrap()
    );
    // The CSV options reach the CSV writer and no other.
    let options = writers::Options {
        csv: writers::csv::Options {
            delimiter: b'\t',
            bom: true,
            formula_guard: false,
        },
        ..Default::default()
    };
    assert_eq!(
        Format::Csv.render_with(&deck, &options).unwrap(),
        writers::csv::render_with(&deck, &options.csv).unwrap()
    );
    for format in [Format::Json, Format::Xlsx, Format::AnkiCsv] {
        assert_eq!(
            format.render_with(&deck, &options).unwrap(),
            format.render(&deck).unwrap(),
            "{format:?}"
        );
    }
}

// ---------------------------------------------------------------- XLSX

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("calamine opens the workbook")
}

fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut file = archive.by_name(name).unwrap();
    let mut text = String::new();
    file.read_to_string(&mut text).unwrap();
    text
}

fn zip_names(bytes: &[u8]) -> Vec<String> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    archive
        .file_names()
        .map(|n| n.unwrap().to_string())
        .collect()
}

/// A cell as text; blank cells read as "". Panics on anything that is not a
/// string, since every text cell is meant to be stored as text.
fn text(cell: &Data) -> &str {
    match cell {
        Data::String(s) => s,
        Data::Empty => "",
        other => panic!("expected a string cell, got {other:?}"),
    }
}

fn rows_of(workbook: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str) -> Vec<Vec<Data>> {
    let range = workbook.worksheet_range(sheet).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

fn assert_no_formulas(workbook: &mut Xlsx<Cursor<Vec<u8>>>) {
    for sheet in workbook.sheet_names() {
        let formulas = workbook.worksheet_formula(&sheet).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "a formula in sheet {sheet}"
        );
    }
}

#[test]
fn xlsx_questions_read_back_cell_for_cell() {
    let deck = deck();
    let bytes = writers::xlsx::render(&deck).unwrap();
    let mut workbook = open(&bytes);
    assert_eq!(
        workbook.sheet_names(),
        ["Questions", "Summary", "Rubric", "Duplicates"]
    );

    let range = workbook.worksheet_range("Questions").unwrap();
    assert_eq!(range.start(), Some((0, 0)));
    assert_eq!(range.get_size(), (deck.questions.len() + 1, 9));

    let rows: Vec<Vec<&str>> = range.rows().map(|r| r.iter().map(text).collect()).collect();
    assert_eq!(
        rows[0],
        [
            "ID",
            "Section",
            "Difficulty",
            "Question",
            "Expected answer",
            "Key points",
            "Sources",
            "Score",
            "Notes"
        ]
    );
    for (row, q) in rows[1..].iter().zip(&deck.questions) {
        assert_eq!(row[0], q.id);
        assert_eq!(row[1], q.section.as_deref().unwrap_or(""));
        assert_eq!(row[2], q.difficulty.map(Difficulty::label).unwrap_or(""));
        assert_eq!(row[3], q.title);
        assert_eq!(row[4], to_plain_text(&q.answer_markdown));
        assert_eq!(row[5], key_points(&q.answer_markdown));
        assert_eq!(row[6], locations(q).join("\n"));
        assert_eq!((row[7], row[8]), ("", ""), "Score and Notes start blank");
    }

    // The risky cells come back as strings, exactly, with no `'` added.
    assert_eq!(
        range.get((1, 0)),
        Some(&Data::String("0042".into())),
        "numeric-looking id stays text"
    );
    assert_eq!(
        range.get((1, 3)),
        Some(&Data::String(
            "=SUM(A1:A3) + 1, is that valid Python?".into()
        ))
    );
    assert!(rows[2][4].starts_with("@property turns a method"));
    assert_eq!(
        rows[1][6],
        "input/python-interview-questions-2026.txt:10-24\ninput/senior-python-developer.txt:7"
    );
    assert_eq!(
        rows[3][3],
        "Что такое GIL? 🐍 «Global Interpreter Lock», «ещё»"
    );
    // Key points, written out by hand: a first sentence, a lead-in that
    // is all there is before code, a list, and code alone.
    assert_eq!(
        rows[1][5],
        "No, it's a \"spreadsheet\" formula; in Python use sum([a, b, c]) + 1."
    );
    assert_eq!(
        rows[2][5],
        "@property turns a method into a read-only attribute:"
    );
    assert_eq!(rows[3][5], "Мьютекс в CPython.");
    assert_eq!(rows[5][5], "");
    // Code keeps its lines and indentation.
    assert_eq!(rows[5][4], "def g():\n    yield from \"ab\"\n    yield 'c'");

    assert_no_formulas(&mut workbook);
}

#[test]
fn xlsx_answers_show_code_in_a_monospace_font() {
    let bytes = writers::xlsx::render(&deck()).unwrap();
    let strings = zip_entry(&bytes, "xl/sharedStrings.xml");
    // The property answer mixes prose and code: a rich string whose code
    // runs use Courier New, its prose runs the default font.
    let start = strings.find("@property turns a method").unwrap();
    let si_start = strings[..start].rfind("<si>").unwrap();
    let si = &strings[si_start..si_start + strings[si_start..].find("</si>").unwrap()];
    assert!(si.contains("<r>"), "{si}");
    assert!(si.contains("<rFont val=\"Courier New\"/>"), "{si}");
    assert!(si.contains("class C:\n    @property"), "{si}");
    // The generator answer is code alone: a plain string in a cell whose
    // format uses Courier New.
    let styles = zip_entry(&bytes, "xl/styles.xml");
    assert!(styles.contains("<name val=\"Courier New\"/>"), "{styles}");
}

#[test]
fn xlsx_questions_sheet_is_a_styled_table_with_validation_and_colours() {
    let bytes = writers::xlsx::render(&deck()).unwrap();
    let sheet = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<pane ySplit=\"1\""), "{sheet}");
    assert!(sheet.contains("state=\"frozen\""), "{sheet}");
    assert!(!sheet.contains("<f>"), "no formula elements");
    assert!(sheet.contains("<cols>"), "column widths are set");
    assert!(sheet.contains("customHeight=\"1\""), "row heights are set");
    // Header and data cells are shared strings.
    assert!(!sheet.contains("t=\"n\"") && !sheet.contains("t=\"str\""));

    // The table carries the filter; the sheet has none of its own, which
    // Excel would repair.
    assert!(sheet.contains("<tableParts count=\"1\">"), "{sheet}");
    assert!(!sheet.contains("<autoFilter"), "{sheet}");
    let table = zip_entry(&bytes, "xl/tables/table1.xml");
    assert!(table.contains("name=\"QuestionTable\""), "{table}");
    assert!(table.contains("ref=\"A1:I6\""), "{table}");
    assert!(table.contains("<autoFilter ref=\"A1:I6\""), "{table}");
    assert!(
        table.contains("<tableStyleInfo name=\"TableStyleMedium2\""),
        "{table}"
    );
    for header in ["Expected answer", "Key points", "Score", "Notes"] {
        assert!(table.contains(&format!("name=\"{header}\"")), "{table}");
    }

    // Score: a 1-5 drop-down list over the data rows of column H.
    assert!(sheet.contains("<dataValidation type=\"list\""), "{sheet}");
    assert!(sheet.contains("sqref=\"H2:H6\""), "{sheet}");
    assert!(
        sheet.contains("<formula1>\"1,2,3,4,5\"</formula1>"),
        "{sheet}"
    );

    // Difficulty: one colour rule per level over C2:C6.
    assert!(
        sheet.contains("<conditionalFormatting sqref=\"C2:C6\">"),
        "{sheet}"
    );
    for level in ["Easy", "Medium", "Hard"] {
        assert!(
            sheet.contains(&format!("<formula>\"{level}\"</formula>")),
            "{level}: {sheet}"
        );
    }
    let styles = zip_entry(&bytes, "xl/styles.xml");
    for fill in ["FFC6EFCE", "FFFFEB9C", "FFFFC7CE"] {
        assert!(styles.contains(fill), "fill {fill} missing: {styles}");
    }
    // Text cells use the Text number format (id 49), so an edited `=...`
    // stays text.
    assert!(styles.contains("numFmtId=\"49\""), "{styles}");
}

#[test]
fn xlsx_summary_counts_sections_by_difficulty_with_a_chart() {
    let bytes = writers::xlsx::render(&deck()).unwrap();
    let mut workbook = open(&bytes);
    let rows = rows_of(&mut workbook, "Summary");
    let n = |v: f64| Data::Float(v);
    let s = |t: &str| Data::String(t.into());
    // Counted by hand from deck(): sections in order of first appearance,
    // the question with no section last.
    let expected = vec![
        vec![
            s("Section"),
            s("Easy"),
            s("Medium"),
            s("Hard"),
            s("Not rated"),
            s("Total"),
        ],
        vec![s("Basics"), n(1.), n(0.), n(0.), n(0.), n(1.)],
        vec![s("OOP"), n(0.), n(1.), n(0.), n(0.), n(1.)],
        vec![
            s("Data structures, built-ins"),
            n(0.),
            n(0.),
            n(1.),
            n(0.),
            n(1.),
        ],
        vec![s("Generators"), n(0.), n(0.), n(0.), n(1.), n(1.)],
        vec![s("(no section)"), n(0.), n(0.), n(0.), n(1.), n(1.)],
        vec![s("All sections"), n(1.), n(1.), n(1.), n(2.), n(5.)],
    ];
    assert_eq!(rows, expected);

    let chart = zip_entry(&bytes, "xl/charts/chart1.xml");
    assert!(chart.contains("<c:barChart>"), "{chart}");
    assert!(chart.contains("<c:grouping val=\"stacked\"/>"), "{chart}");
    assert!(chart.contains("<c:f>Summary!$A$2:$A$6</c:f>"), "{chart}");
    for col in ["B", "C", "D", "E"] {
        assert!(
            chart.contains(&format!("<c:f>Summary!${col}$2:${col}$6</c:f>")),
            "{col}: {chart}"
        );
    }
    let drawing_rels = zip_entry(&bytes, "xl/worksheets/_rels/sheet2.xml.rels");
    assert!(drawing_rels.contains("drawing"), "{drawing_rels}");
}

#[test]
fn xlsx_rubric_explains_scores_one_to_five() {
    let bytes = writers::xlsx::render(&deck()).unwrap();
    let mut workbook = open(&bytes);
    let rows = rows_of(&mut workbook, "Rubric");
    assert_eq!(rows.len(), 6);
    assert_eq!(
        rows[0],
        [
            Data::String("Score".into()),
            Data::String("Meaning".into()),
            Data::String("What you hear".into())
        ]
    );
    for (score, row) in (1..=5).zip(&rows[1..]) {
        assert_eq!(row[0], Data::Float(f64::from(score)));
        assert!(!text(&row[1]).is_empty() && text(&row[2]).len() > 20);
    }
    assert_eq!(rows[1][1], Data::String("No answer".into()));
    assert_eq!(rows[5][1], Data::String("Excellent".into()));
}

#[test]
fn xlsx_duplicates_list_each_member_of_a_merged_cluster() {
    let deck = deck();
    let bytes = writers::xlsx::render(&deck).unwrap();
    let mut workbook = open(&bytes);
    let rows: Vec<Vec<String>> = rows_of(&mut workbook, "Duplicates")
        .iter()
        .map(|r| r.iter().map(|c| text(c).to_string()).collect())
        .collect();
    let title = "=SUM(A1:A3) + 1, is that valid Python?";
    assert_eq!(
        rows,
        [
            vec![
                "Cluster (question ID)",
                "Question",
                "Source",
                "Title in that source"
            ],
            vec![
                "0042",
                title,
                "input/python-interview-questions-2026.txt:10-24",
                "=SUM(A1:A3) + 1, is that valid Python"
            ],
            vec!["0042", title, "input/senior-python-developer.txt:7", ""],
        ]
    );
    assert_no_formulas(&mut workbook);

    // Nothing merged (as with --no-dedup): no Duplicates sheet.
    let mut single = deck.clone();
    single.questions[0].sources.truncate(1);
    let bytes = writers::xlsx::render(&single).unwrap();
    assert_eq!(
        open(&bytes).sheet_names(),
        ["Questions", "Summary", "Rubric"]
    );
    assert!(!zip_names(&bytes).contains(&"xl/worksheets/sheet4.xml".to_string()));
}

#[test]
fn xlsx_document_properties_are_fixed() {
    let deck = deck();
    let bytes = writers::xlsx::render(&deck).unwrap();
    let core = zip_entry(&bytes, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>Python Interview, &quot;tricky&quot; edition</dc:title>")
            || core.contains("<dc:title>Python Interview, \"tricky\" edition</dc:title>"),
        "{core}"
    );
    assert!(core.contains("<dc:creator>pyqconv</dc:creator>"), "{core}");
    assert!(
        core.contains(">2026-01-01T00:00:00Z</dcterms:created>"),
        "{core}"
    );
    assert!(
        core.contains(">2026-01-01T00:00:00Z</dcterms:modified>"),
        "{core}"
    );
    let custom = zip_entry(&bytes, "docProps/custom.xml");
    assert!(custom.contains("name=\"Generator\""), "{custom}");
    assert!(
        custom.contains(&format!("pyqconv {}", env!("CARGO_PKG_VERSION"))),
        "{custom}"
    );
}

#[test]
fn xlsx_is_byte_for_byte_deterministic() {
    let deck = deck();
    let first = writers::xlsx::render(&deck).unwrap();
    // Cross a second boundary so any wall-clock timestamp would differ.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = writers::xlsx::render(&deck).unwrap();
    assert!(first == second, "two renders of the same deck differ");
}

#[test]
fn xlsx_truncates_cells_over_excel_limit_and_lists_them() {
    let mut deck = deck();
    // 40,000 UTF-16 units of text, with a 4-byte character near the cut.
    let long = format!("{}🐍{}", "a".repeat(32_750), "b".repeat(7_248));
    deck.questions[3].answer_markdown = long.clone();
    // An answer of prose and code over the limit: cut inside the code.
    let code: String = (0..6_000).map(|i| format!("x{i} = {i}\n")).collect();
    deck.questions[4].answer_markdown = format!("Intro.\n\n```python\n{code}```\n\nOutro.");
    let bytes = writers::xlsx::render(&deck).unwrap();
    let mut workbook = open(&bytes);
    let range = workbook.worksheet_range("Questions").unwrap();
    let cell = text(range.get((4, 4)).unwrap()).to_string();
    assert!(cell.ends_with(writers::xlsx::TRUNCATION_MARKER));
    assert!(cell.encode_utf16().count() <= writers::xlsx::CELL_LIMIT);
    let kept = cell.strip_suffix(writers::xlsx::TRUNCATION_MARKER).unwrap();
    assert!(long.starts_with(kept));
    assert!(kept.len() > 32_000);

    let mixed = text(range.get((5, 4)).unwrap()).to_string();
    assert!(mixed.starts_with("Intro.\n\nx0 = 0\nx1 = 1\n"));
    assert!(mixed.ends_with(writers::xlsx::TRUNCATION_MARKER));
    assert!(!mixed.contains("Outro."));
    assert!(mixed.encode_utf16().count() <= writers::xlsx::CELL_LIMIT);

    // The writer lists both cuts for the caller to warn about.
    let cuts = writers::xlsx::cut_cells(&deck);
    let listed: Vec<(&str, &str, &str, usize)> = cuts
        .iter()
        .map(|c| (c.sheet, c.cell.as_str(), c.column, c.question))
        .collect();
    assert_eq!(
        listed,
        [
            ("Questions", "E5", "Expected answer", 3),
            ("Questions", "E6", "Expected answer", 4)
        ]
    );
    assert_eq!(cuts[0].length, 40_000);
    assert!(writers::xlsx::cut_cells(&self::deck()).is_empty());

    // CSV has no such limit: the full text is kept.
    let csv_bytes = writers::csv::render(&deck).unwrap();
    let mut reader = csv::Reader::from_reader(csv_bytes.as_slice());
    let record = reader.records().nth(3).unwrap().unwrap();
    assert_eq!(&record[6], long);
}

#[test]
fn xlsx_empty_deck_has_headers_and_zero_totals() {
    let bytes = writers::xlsx::render(&Deck::new("Empty")).unwrap();
    let mut workbook = open(&bytes);
    assert_eq!(workbook.sheet_names(), ["Questions", "Summary", "Rubric"]);
    let range = workbook.worksheet_range("Questions").unwrap();
    assert_eq!(range.get_size(), (1, 9));
    let summary = rows_of(&mut workbook, "Summary");
    assert_eq!(summary.len(), 2);
    assert_eq!(summary[1][0], Data::String("All sections".into()));
    assert_eq!(summary[1][5], Data::Float(0.0));
    assert!(!zip_names(&bytes).iter().any(|n| n.contains("chart")));
}

// ---------------------------------------------------------------- JSON

#[test]
fn json_parses_back_into_an_equal_deck() {
    let deck = deck();
    let bytes = writers::json::render(&deck).unwrap();
    assert!(bytes.ends_with(b"}\n"));
    let back: Deck = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(back, deck);
}
