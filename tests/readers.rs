//! Reader tests over the real documents in `input/`: layout detection,
//! question counts where the documents state them, and invariants that
//! must hold for every document.

use pyqconv::model::Difficulty;
use pyqconv::readers::{self, Document, Layout};
use std::path::Path;

fn read(name: &str) -> (Document, Vec<String>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("input")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("input document is readable UTF-8");
    let lines = text.lines().map(str::to_string).collect();
    (readers::read(name, &text), lines)
}

const INPUTS: [&str; 5] = [
    "python-advanced-interview-guide.txt",
    "python-interview-questions-2026-plain.txt",
    "python-interview-questions-2026.txt",
    "sde-interview-preparation.txt",
    "senior-python-developer.txt",
];

#[test]
fn each_document_gets_its_layout() {
    let layouts: Vec<Layout> = INPUTS.iter().map(|n| read(n).0.layout).collect();
    assert_eq!(
        layouts,
        [
            Layout::Outline,
            Layout::TailDifficulty,
            Layout::NumberedDifficulty,
            Layout::AnswerMarkers,
            Layout::SectionCounts
        ]
    );
}

#[test]
fn numbered_document_yields_every_numbered_question_in_order() {
    let (doc, lines) = read("python-interview-questions-2026.txt");
    let numbers: Vec<usize> = lines
        .iter()
        .filter(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_digit()))
        .map(|l| l.parse().unwrap())
        .collect();
    assert_eq!(doc.questions.len(), numbers.len());
    for (k, q) in doc.questions.iter().enumerate() {
        // Each question starts at its own number line, numbered k + 1.
        assert_eq!(lines[q.line_start - 1], (k + 1).to_string());
        assert!(
            q.difficulty.is_some(),
            "question {} has no difficulty",
            k + 1
        );
        assert!(q.section.is_some());
        let title = &q.title.as_ref().unwrap().0;
        assert!(!title.ends_with("Easy") && !title.ends_with("Medium") && !title.ends_with("Hard"));
    }
    let mut sections: Vec<&str> = doc
        .questions
        .iter()
        .filter_map(|q| q.section.as_deref())
        .collect();
    sections.dedup();
    assert_eq!(
        sections,
        [
            "Core Language & Data Structures",
            "OOP, Decorators & Generators",
            "Concurrency & Async",
            "Standard Library & Ecosystem",
            "Testing, Performance & System Design"
        ]
    );
    assert_eq!(doc.questions[1].difficulty, Some(Difficulty::Hard));
}

#[test]
fn section_counts_document_never_exceeds_a_stated_count() {
    let (doc, lines) = read("senior-python-developer.txt");
    // Stated counts from the `N questions` lines, keyed by the header above.
    let mut stated = Vec::new();
    for w in lines.windows(2) {
        if let Some((n, _)) = readers::section_counts::split_count(&w[1]) {
            stated.push((w[0].clone(), n));
        }
    }
    assert_eq!(stated.len(), 11);
    for (section, n) in &stated {
        let found = doc
            .questions
            .iter()
            .filter(|q| q.section.as_deref() == Some(section))
            .count();
        assert!(
            found >= 1 && found <= *n,
            "{section}: {found} found, {n} stated"
        );
    }
    let first = &doc.questions[0];
    assert_eq!(
        first.title.as_ref().unwrap().0,
        "is and == in Python? When does is return surprising results?"
    );
    assert!(first.body[0].text.starts_with("== compares value equality"));
}

#[test]
fn answer_marker_document_has_one_question_per_marker() {
    let (doc, lines) = read("sde-interview-preparation.txt");
    let markers = lines
        .iter()
        .filter(|l| l.trim_end().ends_with("Answer:"))
        .count();
    // The closing quick-fire table has 17 rows (counted by reading it);
    // each is a question of its own.
    assert_eq!(doc.questions.len(), markers + 17);
    let table_titles: Vec<&str> = doc
        .questions
        .iter()
        .rev()
        .take(17)
        .filter_map(|q| q.title.as_ref().map(|t| t.0.as_str()))
        .collect();
    assert!(table_titles.contains(&"Is None a singleton?"));
    assert!(table_titles.contains(&"Difference between == and is for strings?"));
    let tails: Vec<&str> = doc
        .questions
        .iter()
        .filter_map(|q| q.title.as_ref().map(|t| t.0.as_str()))
        .collect();
    for expected in [
        "is vs ==",
        "__new__ vs __init__",
        "nonlocal",
        "__getattr__, __setattr__, __getattribute__",
    ] {
        assert!(
            tails.contains(&expected),
            "missing tail {expected:?} in {tails:?}"
        );
    }
    // The document header before the first marker is not a question title.
    assert!(tails.iter().all(|t| !t.contains("Focus Areas")));
}

#[test]
fn outline_document_splits_containers_and_stops_at_the_reference_card() {
    let (doc, lines) = read("python-advanced-interview-guide.txt");
    let topics = lines
        .iter()
        .filter(|l| readers::outline::parse_topic(l).is_some())
        .count();
    let dashes = lines.iter().filter(|l| l.trim() == "-").count();
    let tasks = lines
        .iter()
        .filter(|l| readers::outline::parse_task(l).is_some())
        .count();
    // Two topics are containers: they give their entries instead.
    assert_eq!(doc.questions.len(), topics - 2 + dashes + tasks);
    let card = lines
        .iter()
        .position(|l| l == "Quick Reference Card")
        .unwrap()
        + 1;
    assert!(doc.questions.iter().all(|q| q.line_end < card));
    let titles: Vec<&str> = doc
        .questions
        .iter()
        .map(|q| q.title.as_ref().unwrap().0.as_str())
        .collect();
    assert!(titles.contains(&"What is the GIL and how does it affect multithreading?"));
    assert!(titles.contains(&"Implement a LRU Cache"));
    assert!(!titles.contains(&"Conceptual Questions"));
}

#[test]
fn tail_difficulty_document_splits_at_every_tail() {
    let (doc, lines) = read("python-interview-questions-2026-plain.txt");
    let tails = lines
        .iter()
        .filter(|l| readers::tail_difficulty::find_tail(l).is_some())
        .count();
    let titled = doc.questions.iter().filter(|q| q.title.is_some()).count();
    assert_eq!(titled, tails);
    assert!(
        doc.questions
            .iter()
            .filter(|q| q.title.is_some())
            .all(|q| q.difficulty.is_some())
    );
}

/// Invariants for every input, after the whole reading pipeline (readers,
/// boundaries, twins): spans inside the file and ordered; two questions
/// share at most the one line where the second begins mid-line; every body
/// line lies inside its question's span; every front is a question or task.
#[test]
fn spans_are_inside_the_file_and_disjoint() {
    let mut docs: Vec<Document> = INPUTS
        .iter()
        .map(|name| {
            let (_, lines) = read(name);
            pyqconv::app::read_document(name, &(lines.join("\n")))
        })
        .collect();
    pyqconv::transforms::twins::recover(&mut docs);
    for doc in &docs {
        let name = &doc.path;
        assert!(!doc.questions.is_empty(), "{name}");
        let mut previous_end = 0;
        for q in &doc.questions {
            assert!(
                q.line_start >= 1 && q.line_start <= q.line_end,
                "{name}: {q:?}"
            );
            assert!(q.line_end <= doc.line_count, "{name}: span past the end");
            assert!(
                q.line_start >= previous_end,
                "{name}: overlap at {}",
                q.line_start
            );
            if q.line_start == previous_end {
                // Shared line: this question must begin mid-line there.
                assert!(
                    q.title_as_read.is_some() || q.twin_of.is_some(),
                    "{name}: shared line {} without a tail",
                    q.line_start
                );
            }
            for b in &q.body {
                assert!(
                    (q.line_start..=q.line_end).contains(&b.line),
                    "{name}: body line {} outside span",
                    b.line
                );
            }
            previous_end = q.line_end;
        }
        for q in pyqconv::transforms::questions_of(doc) {
            // A title kept as its author wrote it may be elliptical
            // (`Multiple return values?`); every other must be complete.
            let authored =
                q.title_origin == pyqconv::model::TitleOrigin::Original && q.title.ends_with('?');
            assert!(
                authored || pyqconv::transforms::titles::is_question_form(&q.title),
                "{name}: front {:?} of {}",
                q.title,
                q.sources[0].location()
            );
        }
    }
}

#[test]
fn windows_line_endings_read_the_same() {
    let (doc, _) = read("python-interview-questions-2026.txt");
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("input/python-interview-questions-2026.txt");
    let crlf = std::fs::read_to_string(path).unwrap().replace('\n', "\r\n");
    let doc2 = readers::read("python-interview-questions-2026.txt", &crlf);
    assert_eq!(doc.questions, doc2.questions);
}

#[test]
fn stated_counts_are_met_after_boundaries_are_placed() {
    let (mut doc, _) = read("senior-python-developer.txt");
    let warnings = pyqconv::transforms::boundaries::split_to_stated_counts(&mut doc);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(doc.stated_counts.len(), 11);
    for stated in &doc.stated_counts {
        let found = doc
            .questions
            .iter()
            .filter(|q| q.section.as_deref() == Some(stated.section.as_str()))
            .count();
        assert_eq!(found, stated.count, "{}", stated.section);
    }
    let total: usize = doc.stated_counts.iter().map(|s| s.count).sum();
    assert_eq!(doc.questions.len(), total);
}

/// The stripped copy takes every title, section and difficulty from its
/// twin: each of its questions has the same front as the twin question it
/// was aligned with, marked `recovered`.
#[test]
fn titles_recovered_from_the_twin_equal_the_twins() {
    let names = [
        "python-interview-questions-2026.txt",
        "python-interview-questions-2026-plain.txt",
    ];
    let mut docs: Vec<Document> = names
        .iter()
        .map(|name| {
            let (_, lines) = read(name);
            pyqconv::app::read_document(name, &lines.join("\n"))
        })
        .collect();
    pyqconv::transforms::twins::recover(&mut docs);
    let better = pyqconv::transforms::questions_of(&docs[0]);
    let copy = pyqconv::transforms::questions_of(&docs[1]);
    assert_eq!(copy.len(), 50);
    for (raw, q) in docs[1].questions.iter().zip(&copy) {
        let (d, k) = raw.twin_of.expect("every copy question has a twin");
        assert_eq!(d, 0);
        let twin = &better[k];
        assert_eq!(q.title, twin.title, "{}", q.sources[0].location());
        assert_eq!(q.title_origin, pyqconv::model::TitleOrigin::Recovered);
        assert_eq!(q.section, twin.section);
        assert_eq!(q.difficulty, twin.difficulty);
    }
}

/// The senior document was decoded with the wrong code page: after
/// reading, no `β`, `Γ` or `Β²` is left in any title or answer, and no
/// other document (which show no such damage) is touched.
#[test]
fn wrong_code_page_damage_is_repaired_and_nothing_else_touched() {
    for name in INPUTS {
        let (_, lines) = read(name);
        let raw = lines.join("\n");
        let doc = pyqconv::app::read_document(name, &raw);
        let damaged = raw.contains('β');
        assert_eq!(doc.encoding_repairs > 0, damaged, "{name}");
        for q in pyqconv::transforms::questions_of(&doc) {
            let text = format!("{}\n{}", q.title, q.answer_markdown);
            assert!(
                !text.contains(['β', 'Γ']) && !text.contains("Β²"),
                "{name}: {}",
                q.sources[0].location()
            );
        }
        if !damaged {
            assert_eq!(doc.lines, lines, "{name}: text that is fine is untouched");
        }
    }
}
