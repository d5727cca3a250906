//! Prints what the readers find in each document: layout, then one line per
//! question with its span, title origin, section, difficulty and title.
//!
//! `cargo run --example dump -- input/` (files or folders, like the CLI);
//! with `--markdown` first, each answer's Markdown follows its line.

use pyqconv::{app, transforms};
use std::path::PathBuf;

fn main() -> Result<(), pyqconv::Error> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let markdown = args.first().is_some_and(|a| a == "--markdown");
    if markdown {
        args.remove(0);
    }
    let inputs: Vec<PathBuf> = args.into_iter().map(PathBuf::from).collect();
    let inputs = if inputs.is_empty() {
        vec![PathBuf::from("input")]
    } else {
        inputs
    };
    let mut docs = Vec::new();
    for path in app::find_documents(&inputs)? {
        let (source, _) = app::read_source(&path)?;
        docs.push(app::read_document(&app::display(&path), &source.text));
    }
    for t in transforms::twins::recover(&mut docs) {
        println!(
            "twins: {} is a copy of {} (containment {:.2})",
            docs[t.copy].path, docs[t.better].path, t.containment
        );
    }
    for doc in &docs {
        println!(
            "== {} [{}] {} questions",
            doc.path,
            doc.layout.name(),
            doc.questions.len()
        );
        for w in &doc.warnings {
            println!("   warning: {w}");
        }
        for q in transforms::questions_of(doc) {
            let s = &q.sources[0];
            println!(
                "{:>5}-{:<5} {:<9} {:<6} {:<24} {}",
                s.line_start,
                s.line_end,
                q.title_origin.as_str(),
                q.difficulty.map_or("-", |d| d.as_str()),
                q.section
                    .as_deref()
                    .unwrap_or("-")
                    .chars()
                    .take(24)
                    .collect::<String>(),
                q.title
            );
            if markdown {
                println!("{}", q.answer_markdown);
            }
        }
    }
    Ok(())
}
