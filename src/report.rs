//! The conversion report (`--report`): what was read from each document and
//! what was not, as Markdown a user can check against the documents.
//!
//! Per document: the layout detected, the questions found, titles by
//! origin, every non-blank line no question claimed (as `file:line` or
//! `file:start-end`), and the warnings. Pure: takes values, returns text.

use crate::error::Warning;
use crate::model::{Deck, TitleOrigin};
use crate::readers::Document;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Non-blank lines of `doc` that no question's span covers, as 1-based
/// inclusive ranges.
pub fn unclaimed(doc: &Document) -> Vec<(usize, usize)> {
    let mut claimed = vec![false; doc.lines.len()];
    for q in &doc.questions {
        for line in q.line_start..=q.line_end.min(doc.lines.len()) {
            claimed[line - 1] = true;
        }
    }
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for (i, line) in doc.lines.iter().enumerate() {
        if claimed[i] || line.trim().is_empty() {
            continue;
        }
        match ranges.last_mut() {
            Some((_, end)) if doc.lines[*end..i].iter().all(|l| l.trim().is_empty()) => {
                *end = i + 1
            }
            _ => ranges.push((i + 1, i + 1)),
        }
    }
    ranges
}

/// Renders the report for `documents` and the `deck` built from them.
pub fn render(documents: &[Document], deck: &Deck, warnings: &[Warning]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# pyqconv report: {}\n", deck.deck);
    let _ = writeln!(
        out,
        "{} documents read, {} questions in the deck.\n",
        documents.len(),
        deck.questions.len()
    );
    for doc in documents {
        let _ = writeln!(out, "## {}\n", doc.path);
        let _ = writeln!(out, "- layout: `{}`", doc.layout.name());
        if doc.encoding_repairs > 0 {
            let _ = writeln!(
                out,
                "- characters restored from wrong-code-page (windows-1253) decoding: {}",
                doc.encoding_repairs
            );
        }
        let _ = writeln!(out, "- questions found: {}", doc.questions.len());
        let mut origins: BTreeMap<TitleOrigin, usize> = BTreeMap::new();
        for q in deck
            .questions
            .iter()
            .flat_map(|q| q.sources.iter().map(move |s| (q, s)))
            .filter(|(_, s)| s.path == doc.path)
        {
            // A merged question counts for the document its title came from.
            *origins
                .entry(if q.0.sources[0].path == doc.path {
                    q.0.title_origin
                } else {
                    TitleOrigin::Recovered
                })
                .or_insert(0) += 1;
        }
        let by_origin: Vec<String> = origins.iter().map(|(o, n)| format!("{o} {n}")).collect();
        let _ = writeln!(
            out,
            "- titles: {}",
            if by_origin.is_empty() {
                "none".to_string()
            } else {
                by_origin.join(", ")
            }
        );
        let ranges = unclaimed(doc);
        let count: usize = ranges.iter().map(|(a, b)| b - a + 1).sum();
        let _ = writeln!(out, "- lines no question claimed: {count}");
        for (a, b) in &ranges {
            let preview: String = doc.lines[a - 1].trim().chars().take(70).collect();
            if a == b {
                let _ = writeln!(out, "  - `{}:{a}` {preview}", doc.path);
            } else {
                let _ = writeln!(out, "  - `{}:{a}-{b}` {preview}", doc.path);
            }
        }
        let own: Vec<&Warning> = warnings.iter().filter(|w| w.path == doc.path).collect();
        if !own.is_empty() {
            let _ = writeln!(out, "- warnings:");
            for w in own {
                let _ = writeln!(out, "  - {w}");
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unclaimed_lines_form_ranges_across_blank_lines() {
        let doc = crate::readers::read(
            "t.txt",
            "Preamble one\n\nPreamble two\nAnswer:\nA.\nAnswer:\nB.\nAnswer:\nC.",
        );
        assert_eq!(unclaimed(&doc), vec![(1, 3)]);
    }
}
