//! Measures the boundary rules against a reference reading: for one
//! document, which question starts the tool finds, misses and invents.
//!
//! `cargo run --example segment -- FILE --twin BETTER_COPY` takes the
//! reference from a twin (the starts the better copy lends FILE);
//! `cargo run --example segment -- FILE --gold READING.tsv...` takes it from
//! annotation files whose first column is a start line; `--list` prints
//! every start found as well. A start within one
//! line of a reference start counts as found.

use pyqconv::readers::{self, Document};
use pyqconv::transforms::{boundaries, twins};
use std::collections::BTreeSet;

fn load(path: &str) -> Document {
    let text = std::fs::read_to_string(path).expect("readable UTF-8 file");
    readers::read(path, &text)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let file = &args[0];
    let mut reference: BTreeSet<usize> = BTreeSet::new();
    let mut k = 1;
    let mut list = false;
    while k < args.len() {
        match args[k].as_str() {
            "--twin" => {
                let mut docs = vec![load(&args[k + 1]), load(file)];
                twins::recover(&mut docs);
                reference.extend(docs[1].questions.iter().map(|q| q.line_start));
                k += 2;
            }
            "--gold" => {
                k += 1;
                while k < args.len() && !args[k].starts_with("--") {
                    let text = std::fs::read_to_string(&args[k]).expect("gold file");
                    reference.extend(
                        text.lines()
                            .filter_map(|l| l.split('\t').next()?.trim().parse::<usize>().ok()),
                    );
                    k += 1;
                }
            }
            "--list" => {
                list = true;
                k += 1;
            }
            other => panic!("unknown argument {other}"),
        }
    }
    let mut doc = load(file);
    let marked: BTreeSet<usize> = doc.questions.iter().map(|q| q.line_start).collect();
    let before: Vec<_> = doc.questions.clone();
    let owned = doc.lines.clone();
    let lines: Vec<&str> = owned.iter().map(String::as_str).collect();
    // Scores of every candidate, for the listing.
    let mut scored = std::collections::BTreeMap::new();
    for q in &before {
        let lo = q.line_start - 1;
        let hi = q.line_end.min(lines.len());
        for b in q.body.iter().skip(1) {
            if b.text.trim().is_empty() || b.text != lines[b.line - 1] {
                continue;
            }
            scored.insert(b.line, boundaries::score(&lines, b.line - 1, lo, hi));
        }
    }
    boundaries::segment(&mut doc);
    let found: BTreeSet<usize> = doc.questions.iter().map(|q| q.line_start).collect();
    // Judge only the lines the reference covers.
    let (first, last) = (
        reference.first().copied().unwrap_or(0),
        reference.last().copied().unwrap_or(0) + 2,
    );
    let found: BTreeSet<usize> = found
        .into_iter()
        .filter(|l| (first..=last).contains(l))
        .collect();
    let (recall, precision) = boundaries::agreement(&found, &reference);
    println!(
        "{file}: reference {} starts, readers marked {}, found {}; recall {:.3}, precision {:.3}",
        reference.len(),
        marked.len(),
        found.len(),
        recall,
        precision
    );
    let show = |l: usize| {
        let g = scored.get(&l);
        format!(
            "{l:>5} {:>6} {:>6}  {}",
            g.map_or("-".into(), |g| format!("{:.2}", g.shape)),
            g.map_or("-".into(), |g| format!("{:.2}", g.cohesion)),
            lines
                .get(l - 1)
                .map_or("", |s| s)
                .chars()
                .take(90)
                .collect::<String>()
        )
    };
    if list {
        println!("found (line shape cohesion text):");
        for &l in &found {
            println!("  {}", show(l));
        }
    }
    println!("missed (line shape cohesion text):");
    for &l in reference.iter().filter(|&&l| !boundaries::near(&found, l)) {
        println!("  {}", show(l));
    }
    println!("invented:");
    for &l in found.iter().filter(|&&l| !boundaries::near(&reference, l)) {
        println!("  {}", show(l));
    }
}
