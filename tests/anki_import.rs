//! Real-client tests: packages are imported by Anki's own engine (the
//! `anki` package from PyPI), installed on first use into a virtual
//! environment under `target/anki-venv`. A missing Python or PyPI makes
//! these tests fail with a message, never skip.

use pyqconv::model::{Deck, Difficulty, Occurrence, Question, TitleOrigin};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The venv's Python with `anki` importable, created once per test run.
fn anki_python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(|| {
        let venv = manifest().join("target/anki-venv");
        let python = venv.join("bin/python");
        let works = |p: &Path| {
            Command::new(p)
                .args(["-c", "import anki"])
                .output()
                .is_ok_and(|o| o.status.success())
        };
        if !works(&python) {
            let status = Command::new("python3")
                .args(["-m", "venv"])
                .arg(&venv)
                .status();
            assert!(
                status.is_ok_and(|s| s.success()),
                "could not create {} with `python3 -m venv`",
                venv.display()
            );
            let out = Command::new(&python)
                .args(["-m", "pip", "install", "--quiet", "anki"])
                .output()
                .expect("pip runs");
            assert!(
                out.status.success(),
                "pip install anki failed (PyPI must be reachable):\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(works(&python), "anki installed but `import anki` fails");
        }
        python
    })
}

/// Imports `packages` in turn into one fresh collection; Anki's view.
fn anki_import(packages: &[&Path]) -> Value {
    let out = Command::new(anki_python())
        .arg(manifest().join("tests/anki/check_apkg.py"))
        .args(packages)
        .output()
        .expect("the checker runs");
    assert!(
        out.status.success(),
        "Anki refused the package:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the checker prints JSON")
}

fn question(
    id: &str,
    title: &str,
    answer: &str,
    section: Option<&str>,
    difficulty: Option<Difficulty>,
) -> Question {
    Question {
        id: id.to_string(),
        title: title.to_string(),
        title_origin: TitleOrigin::Original,
        answer_markdown: answer.to_string(),
        section: section.map(str::to_string),
        difficulty,
        tags: vec!["source::doc".to_string()],
        sources: vec![Occurrence {
            path: "input/doc.txt".to_string(),
            line_start: 3,
            line_end: 9,
            title: None,
            section: section.map(str::to_string),
            difficulty,
        }],
    }
}

fn synthetic_deck() -> Deck {
    let mut deck = Deck::new("Python Interview");
    deck.questions = vec![
        question(
            "qa1",
            "What is the GIL?",
            "A lock.\n\n```python\nimport threading\n```\n",
            Some("Core Python"),
            Some(Difficulty::Hard),
        ),
        question(
            "qa2",
            "Is a < b & c?",
            "| a | b |\n|---|---|\n| 1 | 2 |\n",
            Some("Async & Concurrency"),
            None,
        ),
        question(
            "qa3",
            "What does yield do?",
            "It produces values lazily.\n",
            None,
            Some(Difficulty::Easy),
        ),
    ];
    deck
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn synthetic_deck_imports_with_guids_fields_subdecks_and_tags() {
    let dir = tempfile::tempdir().unwrap();
    let deck = synthetic_deck();
    let apkg = write(
        dir.path(),
        "a.apkg",
        &pyqconv::writers::apkg::render(&deck).unwrap(),
    );
    let anki = anki_import(&[&apkg]);
    let notes = anki["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 3);
    let by_guid = |g: &str| {
        notes
            .iter()
            .find(|n| n["guid"] == g)
            .unwrap_or_else(|| panic!("no note {g}"))
    };
    let gil = by_guid("qa1");
    assert_eq!(gil["fields"]["Question"], "What is the GIL?");
    assert_eq!(gil["fields"]["Difficulty"], "Hard");
    assert!(
        gil["fields"]["Answer"]
            .as_str()
            .unwrap()
            .contains("language-python")
    );
    assert_eq!(
        gil["decks"],
        serde_json::json!(["Python Interview::Core Python"])
    );
    assert!(
        gil["tags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "source::doc")
    );
    assert_eq!(gil["cards"], 1);
    let amp = by_guid("qa2");
    assert_eq!(amp["fields"]["Question"], "Is a &lt; b &amp; c?");
    assert!(
        amp["fields"]["Answer"]
            .as_str()
            .unwrap()
            .contains("<table>")
    );
    assert_eq!(
        amp["decks"],
        serde_json::json!(["Python Interview::Async & Concurrency"])
    );
    assert_eq!(
        by_guid("qa3")["decks"],
        serde_json::json!(["Python Interview"])
    );
    assert_eq!(by_guid("qa3")["fields"]["Source"], "input/doc.txt:3-9");
}

#[test]
fn rerendered_deck_updates_the_same_notes_instead_of_adding() {
    let dir = tempfile::tempdir().unwrap();
    let first = write(
        dir.path(),
        "1.apkg",
        &pyqconv::writers::apkg::render(&synthetic_deck()).unwrap(),
    );
    let second = write(
        dir.path(),
        "2.apkg",
        &pyqconv::writers::apkg::render(&synthetic_deck()).unwrap(),
    );
    let anki = anki_import(&[&first, &second]);
    let imports = anki["imports"].as_array().unwrap();
    assert_eq!(imports[0]["new"], 3);
    assert_eq!(
        imports[1]["new"], 0,
        "second import added notes: {}",
        imports[1]
    );
    assert_eq!(imports[1]["notes_after"], 3);
}

#[test]
fn main_job_deck_imports_one_note_per_question_with_no_empty_front() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pyqconv"))
        .current_dir(manifest())
        .args(["--to", "anki,json", "--output"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("python-interview.json")).unwrap())
            .unwrap();
    let questions = json["questions"].as_array().unwrap();
    let anki = anki_import(&[&dir.path().join("python-interview.apkg")]);
    let notes = anki["notes"].as_array().unwrap();
    assert_eq!(notes.len(), questions.len());
    let mut ids: Vec<&str> = questions
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    let mut guids: Vec<&str> = notes.iter().map(|n| n["guid"].as_str().unwrap()).collect();
    ids.sort_unstable();
    guids.sort_unstable();
    assert_eq!(ids, guids);
    for n in notes {
        assert!(
            !n["fields"]["Question"].as_str().unwrap().trim().is_empty(),
            "empty front: {n}"
        );
        assert!(
            !n["fields"]["Source"].as_str().unwrap().is_empty(),
            "no source: {n}"
        );
    }
}
