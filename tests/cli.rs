//! End-to-end tests of the `pyqconv` binary: the main job on `input/`,
//! determinism, and errors that name the file and leave nothing behind.

use std::path::{Path, PathBuf};
use std::process::Command;

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn pyqconv(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pyqconv"))
        .current_dir(manifest())
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Runs the binary and fails the test, with its stderr, unless it succeeds.
fn pyqconv_ok(args: &[&str]) -> std::process::Output {
    let output = pyqconv(args);
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn run_all(out: &Path) -> std::process::Output {
    pyqconv_ok(&["--to", "all", "--output", out.to_str().unwrap(), "input"])
}

fn json(out: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(out.join("python-interview.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn to_all_writes_every_format_and_the_ids_file_with_every_question_and_its_spans() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_all(dir.path());
    for ext in ["apkg", "csv", "xlsx", "json", "anki.csv", "ids.json"] {
        let path: PathBuf = dir.path().join(format!("python-interview.{ext}"));
        assert!(path.metadata().unwrap().len() > 0, "{ext} missing or empty");
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");

    let deck = json(dir.path());
    assert_eq!(deck["schema_version"], 1);
    let questions = deck["questions"].as_array().unwrap();
    assert!(questions.len() > 150, "only {} questions", questions.len());
    let docs_text: Vec<(String, usize)> = std::fs::read_dir(manifest().join("input"))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let n = std::fs::read_to_string(&p).unwrap().lines().count();
            (
                format!("input/{}", p.file_name().unwrap().to_string_lossy()),
                n,
            )
        })
        .collect();
    for q in questions {
        assert!(
            !q["title"].as_str().unwrap().trim().is_empty(),
            "empty title: {q}"
        );
        let sources = q["sources"].as_array().unwrap();
        assert!(!sources.is_empty());
        for s in sources {
            let path = s["path"].as_str().unwrap();
            let (start, end) = (
                s["line_start"].as_u64().unwrap() as usize,
                s["line_end"].as_u64().unwrap() as usize,
            );
            let lines = docs_text
                .iter()
                .find(|(p, _)| p == path)
                .map(|(_, n)| *n)
                .expect("source path is an input");
            assert!(
                start >= 1 && start <= end && end <= lines,
                "bad span {path}:{start}-{end}"
            );
        }
    }
    // The summary names each document with its layout and count.
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("read input/python-interview-questions-2026.txt: numbered-difficulty layout, 50 questions"), "{stderr}");
    assert!(stderr.contains("wrote "), "{stderr}");
}

#[test]
fn two_runs_give_the_same_ids_and_json() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    run_all(a.path());
    run_all(b.path());
    assert_eq!(json(a.path()), json(b.path()));
    let ids: Vec<String> = json(a.path())["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap().to_string())
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "question ids are not unique");
}

#[test]
fn missing_input_is_an_error_naming_the_path_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = pyqconv(&[
        "--to",
        "all",
        "--output",
        out.to_str().unwrap(),
        "no-such-folder",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no-such-folder") && stderr.contains("no such file"),
        "{stderr}"
    );
    assert!(!out.exists(), "output folder created on failure");
}

#[test]
fn unknown_format_is_rejected_with_the_choices() {
    let output = pyqconv(&["--to", "pdf"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("anki") && stderr.contains("xlsx"),
        "{stderr}"
    );
}

#[test]
fn invalid_utf8_is_read_with_a_warning_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("doc.txt");
    std::fs::write(
        &doc,
        b"Answer:\nPython is a language.\nAnswer:\nBad \xff byte here.\nAnswer:\nThird.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let output = pyqconv(&[
        "-v",
        "--to",
        "json",
        "--output",
        out.to_str().unwrap(),
        doc.to_str().unwrap(),
    ]);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("doc.txt:4: not valid UTF-8"), "{stderr}");
    let strict = pyqconv(&[
        "--strict",
        "--to",
        "json",
        "--output",
        out.to_str().unwrap(),
        doc.to_str().unwrap(),
    ]);
    assert_eq!(strict.status.code(), Some(2));
}

#[test]
fn report_lists_layouts_titles_by_origin_and_unclaimed_lines() {
    let dir = tempfile::tempdir().unwrap();
    let output = pyqconv(&[
        "-q",
        "--to",
        "json",
        "--report",
        "--output",
        dir.path().to_str().unwrap(),
    ]);
    assert!(output.status.success());
    let report = std::fs::read_to_string(dir.path().join("python-interview.report.md")).unwrap();
    assert!(report.contains("## input/python-interview-questions-2026.txt\n\n- layout: `numbered-difficulty`\n- questions found: 50\n- titles: original 50"));
    // The title block before the first section header is claimed by no question.
    assert!(report.contains(
        "`input/python-interview-questions-2026.txt:1-8` Python Interview Questions 2026"
    ));
    assert!(report.contains("- layout: `outline`"));
    // The answer-marker document lists its focus areas on line 3.
    assert!(
        report
            .contains("- sections from the focus areas at `input/sde-interview-preparation.txt:3`"),
        "{report}"
    );
}

fn run_csv(out: &Path, extra: &[&str]) -> Vec<u8> {
    let mut args = vec![
        "-q",
        "--to",
        "csv,json,xlsx",
        "--output",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    pyqconv_ok(&args);
    std::fs::read(out.join("python-interview.csv")).unwrap()
}

#[test]
fn csv_options_set_delimiter_bom_and_guard_and_touch_no_other_format() {
    let dir = tempfile::tempdir().unwrap();
    let (plain, custom, raw) = (
        dir.path().join("plain"),
        dir.path().join("custom"),
        dir.path().join("raw"),
    );
    let default = run_csv(&plain, &[]);
    let semicolon = run_csv(&custom, &["--delimiter", ";", "--bom"]);
    let unguarded = run_csv(&raw, &["--no-formula-guard", "--delimiter", "tab"]);

    assert!(default.starts_with(b"id,section,difficulty,"));
    assert_eq!(&semicolon[..3], b"\xEF\xBB\xBF");
    assert!(semicolon[3..].starts_with(b"id;section;difficulty;"));
    assert!(unguarded.starts_with(b"id\tsection\tdifficulty\t"));

    let read = |bytes: &[u8], delimiter: u8| -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(bytes)
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    };
    let (default, semicolon, unguarded) = (
        read(&default, b','),
        read(&semicolon, b';'),
        read(&unguarded, b'\t'),
    );
    assert_eq!(default, semicolon, "the delimiter changes no field");
    // Without the guard the fields are the model's; with it, exactly the
    // fields that begin with a trigger gain a leading `'`.
    let mut changed = 0;
    for (guarded, raw) in default.iter().flatten().zip(unguarded.iter().flatten()) {
        if raw.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            assert_eq!(*guarded, format!("'{raw}"));
            changed += 1;
        } else {
            assert_eq!(guarded, raw);
        }
    }
    assert!(changed > 0, "the documents hold fields the guard changes");

    // JSON and the workbook are the same whatever the CSV options.
    for file in ["python-interview.json", "python-interview.xlsx"] {
        let a = std::fs::read(plain.join(file)).unwrap();
        assert!(a == std::fs::read(custom.join(file)).unwrap(), "{file}");
        assert!(a == std::fs::read(raw.join(file)).unwrap(), "{file}");
    }
}

#[test]
fn a_delimiter_that_is_not_one_ascii_character_is_refused() {
    for bad in ["ab", "", "§", "\"", "\n"] {
        let output = pyqconv(&["--to", "csv", "--delimiter", bad]);
        assert_eq!(output.status.code(), Some(2), "{bad:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("--delimiter"), "{bad:?}: {stderr}");
        assert!(
            stderr.contains("one ASCII character") || stderr.contains("one other ASCII character"),
            "{bad:?}: {stderr}"
        );
    }
}

#[test]
fn help_describes_the_csv_options() {
    let output = pyqconv(&["--help"]);
    let help = String::from_utf8_lossy(&output.stdout);
    for option in ["--delimiter <CHAR>", "--bom", "--no-formula-guard"] {
        assert!(help.contains(option), "{option}: {help}");
    }
    assert!(help.contains("OWASP"), "{help}");
}

#[test]
fn a_cell_cut_to_excel_limit_is_a_warning_naming_the_question() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("long.txt");
    let mut text = String::from("Q: What is a very long answer?\nA: It is long.\n");
    for i in 0..800 {
        text.push_str(&format!(
            "Line {i} of a long answer about Python generators and lists.\n"
        ));
    }
    text.push_str("\nQ: What is short?\nA: Short.\n");
    std::fs::write(&doc, text).unwrap();
    let out = dir.path().join("out");
    let args = |formats: &'static str| {
        vec![
            "-v".to_string(),
            "--report".to_string(),
            "--to".to_string(),
            formats.to_string(),
            "--output".to_string(),
            out.to_str().unwrap().to_string(),
            doc.to_str().unwrap().to_string(),
        ]
    };
    let with_xlsx = pyqconv(&args("xlsx").iter().map(String::as_str).collect::<Vec<_>>());
    assert!(with_xlsx.status.success());
    let stderr = String::from_utf8_lossy(&with_xlsx.stderr);
    let line = stderr
        .lines()
        .find(|l| l.contains("Questions!E2"))
        .unwrap_or_else(|| panic!("no warning about the cut cell: {stderr}"));
    assert!(line.starts_with("warning: "), "{line}");
    assert!(
        line.contains("long.txt:1: the expected answer of question q"),
        "{line}"
    );
    assert!(line.contains("over Excel's limit of 32767"), "{line}");
    let report = std::fs::read_to_string(out.join("python-interview.report.md")).unwrap();
    assert!(report.contains("Questions!E2"), "{report}");

    // No workbook, no cut, no warning.
    let json_only = pyqconv(&args("json").iter().map(String::as_str).collect::<Vec<_>>());
    assert!(json_only.status.success());
    assert!(!String::from_utf8_lossy(&json_only.stderr).contains("Questions!E2"));
}

#[test]
fn a_similarity_outside_0_to_1_is_refused() {
    let output = pyqconv(&["--similarity", "1.5", "input"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("from 0 to 1"), "{stderr}");
}

/// Two small documents asking the same question in their own words, in a
/// folder of their own.
fn two_sources(dir: &Path) {
    std::fs::write(
        dir.join("a.md"),
        "## 1. What is the GIL?\n\nThe global interpreter lock lets one thread run Python bytecode \
         at a time, so CPU-bound threads do not run in parallel.\n\n\
         ## 2. How do you read a CSV file?\n\nUse csv.reader over an open file; each row is a list.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.md"),
        "## 1. Explain the global interpreter lock.\n\nOnly one thread executes bytecode at a time in CPython: \
         the interpreter lock. Threads help I/O-bound work; CPU-bound work needs multiprocessing.\n\n\
         ## 2. What is a docstring?\n\nThe string literal first in a function body, kept in __doc__.\n",
    )
    .unwrap();
}

#[test]
fn sources_asking_one_question_are_merged_and_an_overrides_file_splits_them() {
    let work = tempfile::tempdir().unwrap();
    let docs = work.path().join("docs");
    let out = work.path().join("out");
    std::fs::create_dir(&docs).unwrap();
    two_sources(&docs);
    let run = |extra: &[&str]| {
        let mut args = vec![
            docs.to_str().unwrap(),
            "--to",
            "json",
            "-v",
            "--output",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let output = pyqconv_ok(&args);
        (
            json(&out),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (merged, _) = run(&[]);
    let questions = merged["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 3, "{merged:#}");
    let gil = questions
        .iter()
        .find(|q| q["sources"].as_array().unwrap().len() == 2)
        .unwrap();
    assert_eq!(gil["title"], "What is the GIL?");
    let ids: Vec<&str> = gil["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();

    // The overrides file in the input folder keeps them apart; a stale id
    // is a warning naming the file.
    std::fs::write(
        docs.join("pyqconv.toml"),
        format!(
            "[[split]]\nids = [\"{}\", \"{}\", \"q0000000000000000\"]\n",
            ids[0], ids[1]
        ),
    )
    .unwrap();
    let (split, stderr) = run(&[]);
    assert_eq!(split["questions"].as_array().unwrap().len(), 4, "{split:#}");
    assert!(
        stderr.contains("pyqconv.toml: no question has the id q0000000000000000"),
        "{stderr}"
    );

    // --similarity 1 merges nothing that is not identical.
    std::fs::remove_file(docs.join("pyqconv.toml")).unwrap();
    let (strict, _) = run(&["--similarity", "1"]);
    assert_eq!(strict["questions"].as_array().unwrap().len(), 4);
    // --no-dedup keeps them apart too.
    let (kept, _) = run(&["--no-dedup"]);
    assert_eq!(kept["questions"].as_array().unwrap().len(), 4);
}

#[test]
fn an_invalid_overrides_file_is_an_error_naming_it_and_its_line() {
    let work = tempfile::tempdir().unwrap();
    let docs = work.path().join("docs");
    let out = work.path().join("out");
    std::fs::create_dir(&docs).unwrap();
    two_sources(&docs);
    let toml = docs.join("fixes.toml");
    std::fs::write(&toml, "[[merge]]\nidz = [\"q1\"]\n").unwrap();
    let output = pyqconv(&[
        docs.to_str().unwrap(),
        "--overrides",
        toml.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("fixes.toml: not a valid overrides file"),
        "{stderr}"
    );
    assert!(stderr.contains("line 2"), "{stderr}");
    assert!(!out.exists(), "nothing may be written");
}

#[test]
fn the_report_lists_every_merged_cluster_and_the_near_misses() {
    let out = tempfile::tempdir().unwrap();
    pyqconv_ok(&[
        "--to",
        "json",
        "--report",
        "-q",
        "--output",
        out.path().to_str().unwrap(),
        "input",
    ]);
    let report = std::fs::read_to_string(out.path().join("python-interview.report.md")).unwrap();
    let model = json(out.path());
    let merged = model["questions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| {
            let paths: std::collections::BTreeSet<&str> = q["sources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["path"].as_str().unwrap())
                .collect();
            // Twins are merged before dedup; count only cross-source clusters
            // that are not just the twin pair.
            paths.len() > 1
                && !(paths.len() == 2
                    && paths
                        .iter()
                        .all(|p| p.contains("python-interview-questions-2026")))
        })
        .count();
    let section = report
        .split("## Duplicates")
        .nth(1)
        .expect("a Duplicates section");
    let listed = section
        .lines()
        .filter(|l| l.trim_start().starts_with("- canonical:"))
        .count();
    assert!(
        listed >= merged,
        "{listed} clusters listed, {merged} merged questions"
    );
    assert!(section.contains("### Near misses"));
    assert!(section.contains("shared: "));
}
