//! Snapshot tests (insta) of what pyqconv reads from every document in
//! `input/` and every fixture: one line per question with its span, title
//! origin, section, difficulty and front. A change to any boundary or title
//! shows up as a reviewable diff (`cargo insta review`).
//!
//! The snapshots were reviewed line by line against a reading of the
//! documents (see the issue notes); they are not taken on trust.

use pyqconv::readers::Document;
use pyqconv::{app, transforms};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(paths: &[PathBuf]) -> Vec<Document> {
    let mut docs: Vec<Document> = paths
        .iter()
        .map(|p| {
            let (source, _) = app::read_source(p).expect("readable document");
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            app::read_document(&name, &source.text)
        })
        .collect();
    transforms::twins::recover(&mut docs);
    docs
}

fn listing(doc: &Document) -> String {
    let mut out = format!("layout: {}\n", doc.layout.name());
    for w in &doc.warnings {
        out.push_str(&format!("warning: {w}\n"));
    }
    for q in transforms::questions_of(doc) {
        let s = &q.sources[0];
        out.push_str(&format!(
            "{}-{} {} [{}] [{}] {}\n",
            s.line_start,
            s.line_end,
            q.title_origin.as_str(),
            q.section.as_deref().unwrap_or("-"),
            q.difficulty.map_or("-", |d| d.as_str()),
            q.title
        ));
    }
    out
}

fn documents_in(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
}

#[test]
fn input_documents() {
    let paths = documents_in(&root().join("input"));
    assert_eq!(paths.len(), 5);
    for (path, doc) in paths.iter().zip(load(&paths)) {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(format!("input__{name}"), listing(&doc));
    }
}

#[test]
fn fixtures() {
    let paths = documents_in(&root().join("tests/fixtures"));
    for (path, doc) in paths.iter().zip(load(&paths)) {
        let name = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace('.', "_");
        insta::assert_snapshot!(format!("fixture__{name}"), listing(&doc));
    }
}
