//! The Anki package imported into a real Anki collection (the PyPI `anki`
//! package, Anki's own Rust engine), via `tests/anki/check_apkg.py`.
//!
//! All Anki tests live in this one test binary so the venv in
//! `target/anki-venv` is set up once (see `tests/common/mod.rs`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use pyqconv::writers::apkg;
use pyqconv::{Deck, Difficulty, Occurrence, Question, TitleOrigin};
use serde_json::Value;

const DECK: &str = "Python Interview";

fn question(
    id: &str,
    title: &str,
    section: Option<&str>,
    difficulty: Option<Difficulty>,
    answer: &str,
    tags: &[&str],
) -> Question {
    Question {
        id: id.to_string(),
        title: title.to_string(),
        title_origin: TitleOrigin::Original,
        answer_markdown: answer.to_string(),
        section: section.map(str::to_string),
        difficulty,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        sources: vec![Occurrence {
            path: "input/synthetic.txt".to_string(),
            line_start: 10,
            line_end: 24,
            title: Some(title.to_string()),
            section: section.map(str::to_string),
            difficulty,
        }],
    }
}

/// Three questions: two sections and one without, one difficulty, a fenced
/// Python block and a pipe table, `<` `&` `"` in titles and text.
fn synthetic_deck() -> Deck {
    let mut deck = Deck::new(DECK);
    deck.questions = vec![
        question(
            "synthetic-list-comprehension",
            "What is a list comprehension?",
            Some("Basics"),
            Some(Difficulty::Easy),
            "A compact way to build a list:\n\n\
             ```python\nsquares = [x * x for x in range(10) if x % 2 == 0]\n```\n\n\
             | Form | Result |\n|------|--------|\n| `[...]` | list |\n| `{...}` | set |\n",
            &["basics", "comprehensions"],
        ),
        question(
            "synthetic-operators",
            "Why is `a < b & c` parsed as `a < (b & c)`?",
            Some("Operators"),
            None,
            "Because `&` binds tighter than `<`; write `(a < b) & c` & be explicit.",
            &["operators"],
        ),
        question(
            "synthetic-no-section",
            "What does \"<class 'int'>\" mean?",
            None,
            None,
            "It is the `repr` of the type object `int`.",
            &[],
        ),
    ];
    deck
}

fn write_package(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn notes(report: &Value) -> &Vec<Value> {
    report["notes"].as_array().expect("notes array")
}

fn note<'a>(report: &'a Value, guid: &str) -> &'a Value {
    notes(report)
        .iter()
        .find(|n| n["guid"] == guid)
        .unwrap_or_else(|| panic!("no note with GUID {guid:?} in {report:#}"))
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

#[test]
fn synthetic_deck_imports_into_anki() {
    let deck = synthetic_deck();
    let dir = tempfile::tempdir().unwrap();
    let package = write_package(dir.path(), "synthetic.apkg", &apkg::render(&deck).unwrap());
    let report = common::check_apkg(&[&package], None);

    assert_eq!(report["note_count"], 3, "{report:#}");
    assert_eq!(report["card_count"], 3, "{report:#}");
    assert_eq!(report["imports"][0]["log"]["new"], 3, "{report:#}");

    let notetypes = report["notetypes"].as_array().unwrap();
    assert_eq!(notetypes.len(), 1, "{report:#}");
    assert_eq!(notetypes[0]["name"], apkg::NOTE_TYPE_NAME);
    assert_eq!(notetypes[0]["id"], apkg::note_type_id());
    assert_eq!(
        strings(&notetypes[0]["fields"]),
        [
            "Question",
            "Answer",
            "Section",
            "Difficulty",
            "Source",
            "ID"
        ]
    );

    let mut guids: Vec<&str> = notes(&report)
        .iter()
        .map(|n| n["guid"].as_str().unwrap())
        .collect();
    guids.sort();
    let mut ids: Vec<&str> = deck.questions.iter().map(|q| q.id.as_str()).collect();
    ids.sort();
    assert_eq!(guids, ids, "every note's GUID is its question's id");

    // Expected field values written out by hand, not with the writer's helpers.
    let comprehension = note(&report, "synthetic-list-comprehension");
    let fields = &comprehension["fields"];
    assert_eq!(fields["Question"], "What is a list comprehension?");
    assert_eq!(fields["Section"], "Basics");
    assert_eq!(fields["Difficulty"], "Easy");
    assert_eq!(fields["Source"], "input/synthetic.txt:10-24");
    assert_eq!(fields["ID"], "synthetic-list-comprehension");
    let answer = fields["Answer"].as_str().unwrap();
    assert!(
        answer.contains("<pre><code class=\"language-python\">squares = [x * x for x in range(10)"),
        "{answer}"
    );
    assert!(
        answer.contains("<table>") && answer.contains("<td><code>[...]</code></td>"),
        "{answer}"
    );
    assert_eq!(
        strings(&comprehension["decks"]),
        ["Python Interview::Basics"]
    );
    assert_eq!(
        strings(&comprehension["tags"]),
        ["basics", "comprehensions"]
    );

    let operators = note(&report, "synthetic-operators");
    assert_eq!(
        operators["fields"]["Question"],
        "Why is `a &lt; b &amp; c` parsed as `a &lt; (b &amp; c)`?"
    );
    assert_eq!(operators["fields"]["Difficulty"], "");
    assert!(
        operators["fields"]["Answer"]
            .as_str()
            .unwrap()
            .contains("<code>(a &lt; b) &amp; c</code> &amp; be explicit"),
        "{operators:#}"
    );
    assert_eq!(
        strings(&operators["decks"]),
        ["Python Interview::Operators"]
    );
    assert_eq!(strings(&operators["tags"]), ["operators"]);

    let unsectioned = note(&report, "synthetic-no-section");
    assert_eq!(
        unsectioned["fields"]["Question"],
        "What does &quot;&lt;class 'int'&gt;&quot; mean?"
    );
    assert_eq!(unsectioned["fields"]["Section"], "");
    assert_eq!(strings(&unsectioned["decks"]), ["Python Interview"]);
    assert!(strings(&unsectioned["tags"]).is_empty());

    for n in notes(&report) {
        assert!(
            !n["fields"]["Question"].as_str().unwrap().trim().is_empty(),
            "{n:#}"
        );
    }

    // The rendered card: section and difficulty above the question on the
    // front; the answer and the source after Anki's answer separator.
    let card = &comprehension["cards"][0];
    let front = card["question"].as_str().unwrap();
    assert!(
        front.contains("<span class=\"section\">Basics</span>"),
        "{front}"
    );
    assert!(
        front.contains("<span class=\"difficulty\">Easy</span>"),
        "{front}"
    );
    assert!(front.contains("What is a list comprehension?"), "{front}");
    let back = card["answer"].as_str().unwrap();
    assert!(back.contains("<hr id=answer>"), "{back}");
    assert!(back.contains("language-python"), "{back}");
    assert!(back.contains("input/synthetic.txt:10-24"), "{back}");
    assert!(
        back.contains("overflow-x: auto"),
        "the note type's CSS is applied: {back}"
    );
}

#[test]
fn rerender_gives_same_guids() {
    let deck = synthetic_deck();
    let dir = tempfile::tempdir().unwrap();
    let first = write_package(dir.path(), "first.apkg", &apkg::render(&deck).unwrap());
    let second = write_package(dir.path(), "second.apkg", &apkg::render(&deck).unwrap());

    // Each package on its own: same GUIDs, note ids, note type and decks.
    let a = common::check_apkg(&[&first], None);
    let b = common::check_apkg(&[&second], None);
    let identity = |r: &Value| -> Vec<(String, i64, Vec<String>)> {
        notes(r)
            .iter()
            .map(|n| {
                (
                    n["guid"].as_str().unwrap().to_string(),
                    n["id"].as_i64().unwrap(),
                    strings(&n["decks"]).iter().map(|s| s.to_string()).collect(),
                )
            })
            .collect()
    };
    assert_eq!(identity(&a), identity(&b));
    assert_eq!(a["notetypes"], b["notetypes"]);
    assert_eq!(a["decks"], b["decks"]);

    // The second import into the collection holding the first adds nothing.
    let both = common::check_apkg(&[&first, &second], None);
    let imports = both["imports"].as_array().unwrap();
    assert_eq!(imports[0]["log"]["new"], 3, "{both:#}");
    assert_eq!(imports[0]["note_count"], 3, "{both:#}");
    assert_eq!(imports[1]["log"]["new"], 0, "{both:#}");
    assert_eq!(imports[1]["note_count"], 3, "{both:#}");
    assert_eq!(imports[1]["card_count"], 3, "{both:#}");
    assert_eq!(
        both["notetypes"].as_array().unwrap().len(),
        1,
        "no second copy of the note type: {both:#}"
    );
}

/// Documents what the fixed package timestamp means for users: with Anki's
/// default "update notes: if newer", a changed answer in a package with the
/// same timestamp is not taken; with a later timestamp it is, in place.
#[test]
fn changed_answer_updates_only_with_newer_timestamp() {
    let deck = synthetic_deck();
    let mut changed = deck.clone();
    changed.questions[1].answer_markdown = "Changed answer.".to_string();
    let dir = tempfile::tempdir().unwrap();
    let v1 = write_package(dir.path(), "v1.apkg", &apkg::render(&deck).unwrap());
    let same_time = write_package(dir.path(), "v2.apkg", &apkg::render(&changed).unwrap());
    let later = apkg::PACKAGE_TIMESTAMP + 86_400.0;
    let newer = write_package(
        dir.path(),
        "v3.apkg",
        &apkg::render_at(&changed, later).unwrap(),
    );

    let report = common::check_apkg(&[&v1, &same_time], None);
    assert_eq!(report["imports"][1]["log"]["updated"], 0, "{report:#}");
    let answer = note(&report, "synthetic-operators")["fields"]["Answer"].clone();
    assert!(
        answer.as_str().unwrap().contains("binds tighter"),
        "{answer}"
    );

    let report = common::check_apkg(&[&v1, &newer], None);
    let imports = report["imports"].as_array().unwrap();
    assert_eq!(imports[1]["log"]["new"], 0, "{report:#}");
    assert!(
        imports[1]["log"]["updated"].as_u64().unwrap() >= 1,
        "{report:#}"
    );
    assert_eq!(imports[1]["note_count"], 3, "{report:#}");
    let answer = note(&report, "synthetic-operators")["fields"]["Answer"].clone();
    assert_eq!(answer, "<p>Changed answer.</p>\n");
}

/// The real job: `pyqconv input --to anki,json --output DIR`, then the deck
/// is checked against the JSON written by the same run.
#[test]
fn main_job_deck_imports_into_anki() {
    let out = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_pyqconv"))
        .current_dir(common::manifest_dir())
        .arg(common::manifest_dir().join("input"))
        .args(["--to", "anki,json", "--output"])
        .arg(out.path())
        .output()
        .expect("run pyqconv");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "pyqconv failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    assert!(
        !stdout.contains("invalid html tags"),
        "genanki-rs complained about the HTML of a field:\n{stdout}"
    );
    let package = out.path().join("python-interview.apkg");
    let json_path = out.path().join("python-interview.json");
    assert!(package.is_file(), "{} not written", package.display());
    let model: Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", json_path.display()));
    let questions = model["questions"].as_array().expect("questions array");
    assert!(
        !questions.is_empty(),
        "no questions in {}",
        json_path.display()
    );

    // check_apkg.py --model fails (and so does this call) on any mismatch:
    // GUIDs, escaped titles, decks, tags, difficulty.
    let report = common::check_apkg(&[&package], Some(&json_path));
    assert_eq!(report["problems"], serde_json::json!([]));
    assert_eq!(
        report["note_count"].as_u64().unwrap(),
        questions.len() as u64
    );
    let ids: std::collections::HashSet<&str> = questions
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    for n in notes(&report) {
        let guid = n["guid"].as_str().unwrap();
        assert!(ids.contains(guid), "note GUID {guid:?} is no question id");
        let title = n["fields"]["Question"].as_str().unwrap();
        assert!(!title.trim().is_empty(), "empty Question field: {n:#}");
    }
}
