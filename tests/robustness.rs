//! The reading pipeline on documents damaged at random: excerpts of the
//! real inputs and of the other layouts' fixtures with lines dropped, doubled, cut or rewrapped, and
//! characters the scrapers leave behind (`β`, `Ã©`, `—`, emoji, `\r`,
//! tabs, HTML entities) inserted anywhere, even at a word's first byte.
//! Whatever the damage, reading never panics and what it reads keeps the
//! invariants every document must: spans inside the file and in order,
//! no line in two questions (but the one a title tail shares), every body
//! line inside its span, every front non-empty, and every front pyqconv
//! wrote itself a question or task.
//! This is the property the byte-slicing panics of earlier sessions broke.

use proptest::prelude::*;
use pyqconv::model::TitleOrigin;
use pyqconv::transforms::{questions_of, titles, twins};
use std::path::PathBuf;

const INPUTS: &[&str] = &[
    "python-advanced-interview-guide.txt",
    "python-interview-questions-2026.txt",
    "python-interview-questions-2026-plain.txt",
    "sde-interview-preparation.txt",
    "senior-python-developer.txt",
];

/// Fragments a damaged scrape may hold, inserted at random places.
const DEBRIS: &[&str] = &[
    "β",
    "Ã©",
    "—",
    "–",
    "→",
    "✅",
    "🐍",
    "\r",
    "\t",
    "&amp;",
    "&#39;",
    "<a id=\"x\">",
    "Answer:",
    "# ",
    "| ",
    "?",
    "Easy",
    "Hard",
    "1. ",
    "Q: ",
    "É",
    "ß",
    "\u{a0}",
    "```",
    ":",
    "- [ ] ",
    "* **",
    "**",
    "---",
    "===",
    "#### Answer",
    "#### Question 2",
    "[Back to top](#top)",
    "![Hard](https://x/y.svg)",
    "🟢 Easy: ",
    "    ",
    "A) ",
    "| Question | Answer |",
];

fn lines_of(name: &str) -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("input")
        .join(name);
    lines_at(&path)
}

fn lines_at(path: &std::path::Path) -> Vec<String> {
    let (source, _) = pyqconv::app::read_source(path).expect("readable input");
    source.text.lines().map(str::to_string).collect()
}

/// The documents excerpts are cut from: the real inputs, then the
/// Markdown and text fixtures of the other layouts, in name order.
fn documents() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures"))
        .expect("fixtures folder")
        .map(|e| e.expect("fixture entry").path())
        .collect();
    fixtures.sort();
    INPUTS
        .iter()
        .map(|name| root.join("input").join(name))
        .chain(fixtures)
        .collect()
}

/// One edit of a document: what to do, where (a fraction of the length),
/// and which fragment of [`DEBRIS`] to use.
#[derive(Debug, Clone)]
enum Edit {
    Insert(f64, f64, usize),
    DropLine(f64),
    DoubleLine(f64),
    JoinWithNext(f64),
    CutLine(f64, f64),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0.0..1.0f64, 0.0..1.0f64, 0..DEBRIS.len()).prop_map(|(a, b, c)| Edit::Insert(a, b, c)),
        (0.0..1.0f64).prop_map(Edit::DropLine),
        (0.0..1.0f64).prop_map(Edit::DoubleLine),
        (0.0..1.0f64).prop_map(Edit::JoinWithNext),
        (0.0..1.0f64, 0.0..1.0f64).prop_map(|(a, b)| Edit::CutLine(a, b)),
    ]
}

/// The char boundary of `s` nearest below the fraction `at` of its bytes.
fn boundary(s: &str, at: f64) -> usize {
    let mut k = ((s.len() as f64) * at) as usize;
    while k > 0 && !s.is_char_boundary(k) {
        k -= 1;
    }
    k.min(s.len())
}

fn apply(lines: &mut Vec<String>, e: &Edit) {
    if lines.is_empty() {
        return;
    }
    let pick = |f: f64, n: usize| ((n as f64 * f) as usize).min(n - 1);
    match *e {
        Edit::Insert(l, c, d) => {
            let i = pick(l, lines.len());
            let k = boundary(&lines[i], c);
            lines[i].insert_str(k, DEBRIS[d]);
        }
        Edit::DropLine(l) => {
            let i = pick(l, lines.len());
            lines.remove(i);
        }
        Edit::DoubleLine(l) => {
            let i = pick(l, lines.len());
            let copy = lines[i].clone();
            lines.insert(i, copy);
        }
        Edit::JoinWithNext(l) => {
            let i = pick(l, lines.len());
            if i + 1 < lines.len() {
                let next = lines.remove(i + 1);
                lines[i].push_str(&next);
            }
        }
        Edit::CutLine(l, c) => {
            let i = pick(l, lines.len());
            let k = boundary(&lines[i], c);
            let rest = lines[i].split_off(k);
            lines.insert(i + 1, rest);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    #[test]
    fn damaged_documents_read_without_panic_and_keep_the_invariants(
        doc in 0..documents().len(),
        from in 0.0..1.0f64,
        len in 1usize..400,
        edits in proptest::collection::vec(edit(), 0..40),
        crlf in any::<bool>(),
    ) {
        let all = lines_at(&documents()[doc]);
        let start = ((all.len() as f64) * from) as usize;
        let mut lines: Vec<String> = all[start..(start + len).min(all.len())].to_vec();
        for e in &edits {
            apply(&mut lines, e);
        }
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        // The damaged excerpt next to an intact document, so that the twin
        // detection and recovery run on it too.
        let twin_name = INPUTS[1];
        let twin = lines_of(twin_name).join("\n");
        let mut docs = vec![
            pyqconv::app::read_document("damaged.txt", &text),
            pyqconv::app::read_document(twin_name, &twin),
        ];
        twins::recover(&mut docs);
        let damaged = &docs[0];
        let line_count = text.lines().count().max(damaged.line_count);
        let mut previous_end = 0;
        for q in &damaged.questions {
            prop_assert!(q.line_start >= 1 && q.line_start <= q.line_end, "{:?}", q);
            prop_assert!(q.line_end <= line_count, "span past the end: {:?}", q);
            prop_assert!(q.line_start >= previous_end, "overlap at {}", q.line_start);
            for b in &q.body {
                prop_assert!((q.line_start..=q.line_end).contains(&b.line), "body line {} outside", b.line);
            }
            previous_end = q.line_end;
        }
        for q in questions_of(damaged) {
            prop_assert!(!q.title.trim().is_empty(), "empty front at {}", q.sources[0].location());
            // A front pyqconv wrote (generated, repaired, recovered) is a
            // question or task; an original one is the author's own words,
            // kept even when damage inside them spoils the form.
            let authored = q.title_origin == TitleOrigin::Original;
            prop_assert!(
                authored || titles::is_question_form(&q.title),
                "front {:?} ({}) at {}", q.title, q.title_origin.as_str(), q.sources[0].location()
            );
        }
    }
}
