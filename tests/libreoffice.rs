//! The workbook of the main job opened by another spreadsheet program:
//! LibreOffice Calc, headless. It must convert the workbook to PDF without
//! error (the PDF's text, read with `pdftotext`, holds every sheet and every
//! question), and save it back as XLSX with the four sheets, the score
//! validation, the difficulty colours and the table's filter still there
//! (read with calamine and from the saved XML).
//!
//! Needs `libreoffice` (or `soffice`) and `pdftotext` on the PATH: the
//! Debian packages `libreoffice-calc` and `poppler-utils`, which `.ci/run`
//! installs. Nothing is skipped: when they are missing the test fails and
//! says so.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use calamine::{Data, Reader, Xlsx};

/// How long one LibreOffice conversion may take.
const TIMEOUT: Duration = Duration::from_secs(300);

/// The first of `names` found on the PATH.
fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

fn soffice() -> PathBuf {
    on_path(&["libreoffice", "soffice"]).unwrap_or_else(|| {
        panic!(
            "LibreOffice is not installed (no `libreoffice` or `soffice` on the PATH): \
             install libreoffice-calc; .ci/run does"
        )
    })
}

fn pdftotext() -> PathBuf {
    on_path(&["pdftotext"]).unwrap_or_else(|| {
        panic!("`pdftotext` is not installed: install poppler-utils; .ci/run does")
    })
}

/// Runs `command`, its output going to files in `dir`, killing it after
/// [`TIMEOUT`]; returns its stderr.
fn run_with_timeout(mut command: Command, dir: &Path, what: &str) -> String {
    let stdout = std::fs::File::create(dir.join("stdout.txt")).unwrap();
    let stderr_path = dir.join("stderr.txt");
    let stderr = std::fs::File::create(&stderr_path).unwrap();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .unwrap_or_else(|e| panic!("{what}: cannot start: {e}"));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: no result after {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    assert!(status.success(), "{what}: {status}\n{stderr}");
    stderr
}

/// Converts `input` with LibreOffice to `format` (a `--convert-to` value)
/// in `out_dir`, with a profile of its own so that runs do not collide;
/// returns the converted file.
fn convert(input: &Path, format: &str, extension: &str, out_dir: &Path) -> PathBuf {
    std::fs::create_dir_all(out_dir).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let mut command = Command::new(soffice());
    command
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            format,
            "--outdir",
        ])
        .arg(out_dir)
        .arg(input);
    let what = format!("LibreOffice converting {} to {format}", input.display());
    let stderr = run_with_timeout(command, out_dir, &what);
    assert!(!stderr.contains("Error"), "{what}: {stderr}");
    let stem = input.file_stem().unwrap().to_string_lossy();
    let output = out_dir.join(format!("{stem}.{extension}"));
    assert!(
        output.metadata().is_ok_and(|m| m.len() > 0),
        "{what}: wrote no {}\n{stderr}",
        output.display()
    );
    output
}

fn zip_entry(path: &Path, name: &str) -> String {
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} missing in {}", path.display()))
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn libreoffice_opens_the_workbook_renders_it_and_keeps_its_features() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pyqconv"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["-q", "--to", "xlsx,json", "--output"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let workbook = dir.path().join("python-interview.xlsx");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("python-interview.json")).unwrap())
            .unwrap();
    let questions = json["questions"].as_array().unwrap();

    // 1. Rendered to PDF: every sheet and every question is there.
    let pdf = convert(&workbook, "pdf", "pdf", &dir.path().join("pdf"));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let text_path = dir.path().join("pdf").join("text.txt");
    let mut command = Command::new(pdftotext());
    command.arg(&pdf).arg(&text_path);
    run_with_timeout(command, dir.path(), "pdftotext");
    let text = std::fs::read_to_string(&text_path).unwrap();
    for marker in [
        "Expected answer",       // Questions header
        "Key points",            // Questions header
        "All sections",          // Summary total row
        "What you hear",         // Rubric header
        "Cluster (question ID)", // Duplicates header
    ] {
        assert!(text.contains(marker), "the PDF lacks {marker:?}");
    }
    let missing: Vec<&str> = questions
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .filter(|id| !text.contains(id))
        .collect();
    assert!(
        missing.is_empty(),
        "question ids not in the PDF: {missing:?}"
    );

    // 2. Saved back as XLSX by LibreOffice: sheets, rows, validation,
    //    colours and filter survive its reading.
    let saved = convert(
        &workbook,
        "xlsx:Calc MS Excel 2007 XML",
        "xlsx",
        &dir.path().join("xlsx"),
    );
    let mut back: Xlsx<_> = calamine::open_workbook(&saved).unwrap();
    assert_eq!(
        back.sheet_names(),
        ["Questions", "Summary", "Rubric", "Duplicates"]
    );
    let range = back.worksheet_range("Questions").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows.len(), questions.len() + 1);
    for (row, q) in rows[1..].iter().zip(questions) {
        assert_eq!(row[0], Data::String(q["id"].as_str().unwrap().into()));
        assert_eq!(row[3], Data::String(q["title"].as_str().unwrap().into()));
    }
    for sheet in back.sheet_names() {
        let formulas = back.worksheet_formula(&sheet).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "LibreOffice read a formula in sheet {sheet}"
        );
    }
    let last = questions.len() + 1;
    let sheet = zip_entry(&saved, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(&format!("sqref=\"H2:H{last}\" type=\"list\""))
            || sheet.contains(&format!("type=\"list\" sqref=\"H2:H{last}\"")),
        "the score validation did not survive: {sheet}"
    );
    assert!(sheet.contains("&quot;1,2,3,4,5&quot;") || sheet.contains("\"1,2,3,4,5\""));
    assert!(
        sheet.contains(&format!("<conditionalFormatting sqref=\"C2:C{last}\">")),
        "the difficulty colours did not survive"
    );
    for level in ["Easy", "Medium", "Hard"] {
        assert!(
            sheet.contains(&format!("&quot;{level}&quot;")),
            "no colour rule for {level}"
        );
    }
    let table = zip_entry(&saved, "xl/tables/table1.xml");
    assert!(
        table.contains(&format!("<autoFilter ref=\"A1:I{last}\"")),
        "the table's filter did not survive: {table}"
    );
}
