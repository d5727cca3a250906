//! The conversion report (`--report`): what was read from each document and
//! what was not, as Markdown a user can check against the documents.
//!
//! Per document: the layout detected, the questions found, titles by
//! origin, every non-blank line no question claimed (as `file:line` or
//! `file:start-end`), and the warnings. Pure: takes values, returns text.

use crate::error::Warning;
use crate::model::{Deck, Question, TitleOrigin};
use crate::readers::Document;
use crate::transforms::dedup::{Deduplicated, Score, shared_terms};
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

/// Renders the report for `documents` and the `deck` built from them;
/// `read` are the questions before duplicates were merged (titles by
/// origin count them, so each document counts its own questions).
pub fn render(
    documents: &[Document],
    deck: &Deck,
    read: &[Question],
    warnings: &[Warning],
) -> String {
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
        if let Some((line, given)) = doc.sections_from_header {
            let _ = writeln!(
                out,
                "- sections from the focus areas at `{}:{line}`: {given} questions (the others name no area)",
                doc.path
            );
        }
        let _ = writeln!(out, "- questions found: {}", doc.questions.len());
        let mut origins: BTreeMap<TitleOrigin, usize> = BTreeMap::new();
        for q in read
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

/// The report's "Duplicates" part: every cluster of two or more questions
/// with its members (id, where, title), each member's score against the
/// canonical question and the terms they share, then the near misses —
/// pairs just under the threshold that were left apart — so a user can
/// check both and write overrides (`pyqconv.toml`) where they disagree.
pub fn duplicates(found: &Deduplicated) -> String {
    let q = &found.before;
    let p = &found.profiles;
    let mut out = String::new();
    let clusters: Vec<_> = found
        .clustering
        .clusters
        .iter()
        .filter(|c| c.members.len() > 1)
        .collect();
    let _ = writeln!(out, "## Duplicates\n");
    let _ = writeln!(
        out,
        "Similarity threshold {:.2} (`--similarity`); {} {} of two or more questions{}. \
         A score is the member's similarity to the cluster's first (canonical) question, in 0..=1: \
         question stem, key terms and code identifiers, weighted. Ids are those an overrides file names.\n",
        found.threshold,
        clusters.len(),
        if clusters.len() == 1 {
            "cluster"
        } else {
            "clusters"
        },
        if found.merged {
            ", each merged into one question"
        } else {
            " (not merged: --no-dedup)"
        }
    );
    let describe = |i: usize| {
        format!(
            "`{}` {} — {} ({})",
            q[i].id,
            q[i].locations(", "),
            q[i].title,
            q[i].title_origin
        )
    };
    let parts = |s: &Score| {
        format!(
            "{:.2} (stem {:.2}, key terms {:.2}, code {})",
            s.total,
            s.stem,
            s.key_terms,
            s.code
                .map_or_else(|| "none".to_string(), |c| format!("{c:.2}"))
        )
    };
    for (n, cluster) in clusters.iter().enumerate() {
        let lead = cluster.members[0].index;
        let _ = writeln!(
            out,
            "{}. {}{}",
            n + 1,
            q[lead].title,
            if cluster.forced {
                " (merged by the overrides file)"
            } else {
                ""
            }
        );
        for m in &cluster.members {
            match &m.score {
                None if m.index == lead => {
                    let _ = writeln!(out, "   - canonical: {}", describe(m.index));
                }
                None => {
                    let _ = writeln!(out, "   - by the overrides file: {}", describe(m.index));
                }
                Some(s) => {
                    let why = shared_terms((&q[lead], &p[lead]), (&q[m.index], &p[m.index]), 8);
                    let _ = writeln!(
                        out,
                        "   - {}: {}\n     shared: {}",
                        parts(s),
                        describe(m.index),
                        why.join(", ")
                    );
                }
            }
        }
    }
    let near = &found.clustering.near_misses;
    let _ = writeln!(
        out,
        "\n### Near misses\n\n{} pairs scored within {:.2} under the threshold and were left apart.\n",
        near.len(),
        crate::transforms::dedup::NEAR_MISS_MARGIN
    );
    for miss in near {
        let why = shared_terms(
            (&q[miss.canonical], &p[miss.canonical]),
            (&q[miss.other], &p[miss.other]),
            8,
        );
        let _ = writeln!(
            out,
            "- {}\n  - {}\n  - {}\n  - shared: {}",
            parts(&miss.score),
            describe(miss.canonical),
            describe(miss.other),
            why.join(", ")
        );
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
