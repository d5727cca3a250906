//! Prints the answer blocks pyqconv builds for the question that holds a
//! given line, with each line's classification.
//!
//! `cargo run --example blocks -- input/FILE.txt LINE`

use pyqconv::app;
use pyqconv::transforms::answer::{blocks, classify};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, line] = args.as_slice() else {
        eprintln!("usage: blocks FILE LINE");
        std::process::exit(2);
    };
    let line: usize = line.parse().unwrap_or(0);
    let (source, _) = match app::read_source(std::path::Path::new(path)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let doc = app::read_document(path, &source.text);
    let Some(q) = doc
        .questions
        .iter()
        .find(|q| q.line_start <= line && line <= q.line_end)
    else {
        eprintln!("no question holds line {line}");
        std::process::exit(1);
    };
    println!("question {}-{}", q.line_start, q.line_end);
    for (b, k) in q.body.iter().zip(classify(&q.body, q.indentation_kept)) {
        println!(
            "{:>5} {:<6} {}",
            b.line,
            format!("{k:?}"),
            b.text.chars().take(100).collect::<String>()
        );
    }
    for block in blocks(&q.body, q.indentation_kept) {
        println!("{block:#?}");
    }
}
