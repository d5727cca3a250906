//! The Anki package imported into a real Anki collection (the PyPI `anki`
//! package, Anki's own Rust engine), via `tests/anki/check_apkg.py`.
//!
//! All Anki tests live in this one test binary so the venv in
//! `target/anki-venv` is set up once (see `tests/common/mod.rs`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use pyqconv::writers::apkg::{self, Stamps};
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
            id: None,
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

/// `html` with every `<...>` tag removed (entities left as they are).
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
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
    let package = write_package(
        dir.path(),
        "synthetic.apkg",
        &apkg::render(&deck, &Stamps::default()).unwrap(),
    );
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
    // Code highlighted at build time: classed spans, no script; its text
    // (tags removed) is the code.
    assert!(
        answer
            .contains("<pre><code class=\"language-python\"><span class=\"hl-source hl-python\">"),
        "{answer}"
    );
    assert!(
        answer.contains(
            "<span class=\"hl-keyword hl-control hl-flow hl-for hl-generator hl-python\">for</span>"
        ) || answer.contains(">for</span>"),
        "{answer}"
    );
    assert!(!answer.contains("<script"), "{answer}");
    assert!(
        strip_tags(answer).contains("squares = [x * x for x in range(10) if x % 2 == 0]"),
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
    let first = write_package(
        dir.path(),
        "first.apkg",
        &apkg::render(&deck, &Stamps::default()).unwrap(),
    );
    let second = write_package(
        dir.path(),
        "second.apkg",
        &apkg::render(&deck, &Stamps::default()).unwrap(),
    );

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

/// What modification times mean to Anki's importer ("update notes: if
/// newer"): a changed answer in a package whose note claims the same time
/// is not taken; with a later time it is, in place, and only that note is.
#[test]
fn changed_answer_updates_only_with_newer_modification_time() {
    let deck = synthetic_deck();
    let mut changed = deck.clone();
    changed.questions[1].answer_markdown = "Changed answer.".to_string();
    let dir = tempfile::tempdir().unwrap();
    let base = Stamps::default();
    let v1 = write_package(dir.path(), "v1.apkg", &apkg::render(&deck, &base).unwrap());
    let same_time = write_package(
        dir.path(),
        "v2.apkg",
        &apkg::render(&changed, &base).unwrap(),
    );
    let later = Stamps {
        notes: [(
            "synthetic-operators".to_string(),
            apkg::PACKAGE_TIMESTAMP as i64 + 86_400,
        )]
        .into(),
        note_type: None,
    };
    let newer = write_package(
        dir.path(),
        "v3.apkg",
        &apkg::render(&changed, &later).unwrap(),
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
    assert_eq!(imports[1]["log"]["updated"], 1, "{report:#}");
    assert_eq!(imports[1]["note_count"], 3, "{report:#}");
    let answer = note(&report, "synthetic-operators")["fields"]["Answer"].clone();
    assert_eq!(answer, "<p>Changed answer.</p>\n");
}

/// Runs the pyqconv binary with `args`, the build time fixed to `epoch`
/// (`SOURCE_DATE_EPOCH`); panics with its output when it fails.
fn pyqconv(args: &[&std::ffi::OsStr], epoch: i64) {
    let output = Command::new(env!("CARGO_BIN_EXE_pyqconv"))
        .current_dir(common::manifest_dir())
        .env("SOURCE_DATE_EPOCH", epoch.to_string())
        .args(args)
        .output()
        .expect("run pyqconv");
    assert!(
        output.status.success(),
        "pyqconv {args:?} failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Picks a question to edit: one whose title the document gave (original
/// or repaired — a generated title could follow the edit), with one source,
/// and a prose line well inside its span (starts with a capital, six words
/// or more, no code or table characters) — so the edit changes that
/// answer's text and nothing else. Returns (question id, file name, 1-based
/// line).
fn line_to_edit(model: &Value, docs: &Path) -> (String, String, usize) {
    for q in model["questions"].as_array().unwrap() {
        let sources = q["sources"].as_array().unwrap();
        if sources.len() != 1
            || !["original", "repaired"].contains(&q["title_origin"].as_str().unwrap())
        {
            continue;
        }
        let path = sources[0]["path"].as_str().unwrap();
        let name = Path::new(path).file_name().unwrap().to_str().unwrap();
        let start = sources[0]["line_start"].as_u64().unwrap() as usize;
        let end = sources[0]["line_end"].as_u64().unwrap() as usize;
        let text = std::fs::read_to_string(docs.join(name)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for number in (start + 3)..end.saturating_sub(1) {
            let line = lines[number - 1];
            let prose = line.starts_with(|c: char| c.is_ascii_uppercase())
                && !line.contains(['|', '=', '`', '#', '{', '['])
                && line.split_whitespace().count() >= 6;
            if prose {
                return (
                    q["id"].as_str().unwrap().to_string(),
                    name.to_string(),
                    number,
                );
            }
        }
    }
    panic!("no question with a prose line to edit");
}

/// The issue's scenario with real Anki: build the deck from a copy of
/// `input/`, import it, study a card, change one answer in the copy,
/// rebuild into the same output folder, import again: no new notes, the
/// changed note updated, every other note untouched, the review history
/// kept. Then the Anki CSV of the rebuild, imported on top, adds nothing.
#[test]
fn rebuild_after_an_edit_updates_that_note_and_keeps_progress() {
    let work = tempfile::tempdir().unwrap();
    let docs = work.path().join("docs");
    let out = work.path().join("out");
    std::fs::create_dir(&docs).unwrap();
    for rel in common::input_paths() {
        let from = common::manifest_dir().join(&rel);
        std::fs::copy(&from, docs.join(from.file_name().unwrap())).unwrap();
    }
    let args = |to: &str| -> Vec<std::ffi::OsString> {
        vec![
            docs.clone().into(),
            "--to".into(),
            to.into(),
            "--output".into(),
            out.clone().into(),
            "-q".into(),
        ]
    };
    let run = |to: &str, epoch: i64| {
        let a = args(to);
        let refs: Vec<&std::ffi::OsStr> = a.iter().map(|s| s.as_os_str()).collect();
        pyqconv(&refs, epoch);
    };

    // Build 1.
    run("anki,json", 1_800_000_000);
    let build1 = work.path().join("build1.apkg");
    std::fs::copy(out.join("python-interview.apkg"), &build1).unwrap();
    let model1 = read_json(&out.join("python-interview.json"));
    assert!(out.join("python-interview.ids.json").is_file());

    // The same input rebuilt: the same package, byte for byte.
    run("anki,json", 1_800_000_050);
    assert!(
        std::fs::read(out.join("python-interview.apkg")).unwrap()
            == std::fs::read(&build1).unwrap(),
        "an unchanged rebuild changed the package"
    );

    // Edit one answer line in the copy.
    let (edited_id, file, line) = line_to_edit(&model1, &docs);
    let path = docs.join(&file);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[line - 1].push_str(" Edited for the rebuild test.");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();

    // Build 2 into the same folder, later.
    run("anki,json,anki-csv", 1_800_000_100);
    let build2 = work.path().join("build2.apkg");
    std::fs::copy(out.join("python-interview.apkg"), &build2).unwrap();
    let csv = out.join("python-interview.anki.csv");
    let model2 = read_json(&out.join("python-interview.json"));

    // The model: same ids, one answer changed.
    let answers = |m: &Value| -> std::collections::BTreeMap<String, String> {
        m["questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| {
                (
                    q["id"].as_str().unwrap().to_string(),
                    q["answer_markdown"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let (a1, a2) = (answers(&model1), answers(&model2));
    assert_eq!(
        a1.keys().collect::<Vec<_>>(),
        a2.keys().collect::<Vec<_>>(),
        "ids changed"
    );
    let changed: Vec<&String> = a1.keys().filter(|id| a1[*id] != a2[*id]).collect();
    assert_eq!(changed, vec![&edited_id], "{file}:{line}");
    assert!(a2[&edited_id].contains("Edited for the rebuild test."));

    // Anki: import build 1, study the edited note's card and another one,
    // import build 2, then the Anki CSV of build 2.
    let other = a1.keys().find(|id| **id != edited_id).unwrap().clone();
    let review_edited = format!("review:{edited_id}");
    let review_other = format!("review:{other}");
    let steps: Vec<&std::ffi::OsStr> = vec![
        build1.as_os_str(),
        review_edited.as_ref(),
        review_other.as_ref(),
        build2.as_os_str(),
        csv.as_os_str(),
    ];
    let after = common::check_steps(&steps, None);
    let before = common::check_apkg(&[&build1], None);
    let imports = after["imports"].as_array().unwrap();
    let count = a1.len() as u64;
    assert_eq!(imports[0]["log"]["new"], count, "{:#}", imports[0]);
    assert_eq!(imports[1]["log"]["new"], 0, "{:#}", imports[1]);
    assert_eq!(imports[1]["log"]["updated"], 1, "{:#}", imports[1]);
    assert_eq!(imports[1]["note_count"], count);
    assert_eq!(imports[2]["log"]["new"], 0, "CSV: {:#}", imports[2]);
    assert_eq!(imports[2]["note_count"], count, "CSV: {:#}", imports[2]);
    assert_eq!(after["notetypes"].as_array().unwrap().len(), 1);

    for (old, new) in notes(&before).iter().zip(notes(&after)) {
        let guid = old["guid"].as_str().unwrap();
        assert_eq!(new["guid"], old["guid"]);
        assert_eq!(new["id"], old["id"], "{guid}: a different note");
        assert_eq!(new["card_ids"], old["card_ids"], "{guid}: new cards");
        if guid == edited_id {
            assert!(
                new["fields"]["Answer"]
                    .as_str()
                    .unwrap()
                    .contains("Edited for the rebuild test."),
                "{new:#}"
            );
            assert_eq!(new["mod"], 1_800_000_100, "{new:#}");
        } else {
            assert_eq!(new["fields"], old["fields"], "{guid}: fields changed");
            assert_eq!(new["mod"], old["mod"], "{guid}: touched");
        }
        let reviews = if guid == edited_id || guid == other {
            1
        } else {
            0
        };
        assert_eq!(new["reviews"], reviews, "{guid}: review history");
    }
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
