//! Rebuilds the indentation of stripped Python read from standard input
//! and prints it, with whether it parses.
//!
//! `cargo run --example reindent < snippet.py`

use pyqconv::transforms::indentation::reindent;
use std::io::Read;

fn main() {
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("error: cannot read standard input: {e}");
        std::process::exit(1);
    }
    let lines: Vec<&str> = text.lines().collect();
    let rebuilt = reindent(&lines);
    for line in &rebuilt.lines {
        println!("{line}");
    }
    eprintln!("parses: {}", rebuilt.parses);
}
