//! Sections from a header that lists a document's focus areas.
//!
//! Some documents lose their section headings but open with a line that
//! names the areas they cover, in order (`Focus Areas: Core Python,
//! Concurrency, Flask, FastAPI, Django, Testing`). Such a document walks
//! through its areas one after another, so each question belongs to one
//! area and the areas follow the listed order.
//!
//! 1. The header ([`focus_areas`]): a line before the first question
//!    that opens with `Focus Areas:`, `Topics:`, `Areas:`, `Covers:` or
//!    `Sections:` and lists at least [`MIN_AREAS`] names separated by
//!    commas, continued on the next lines while a line ends with a comma.
//! 2. Evidence: how often a question (its title as read and its body)
//!    names an area — its words stemmed with the Snowball English stemmer
//!    (`concurrency`, `concurrent` → `concurr`), generic words such as
//!    `Python` left out — counted up to [`MAX_EVIDENCE`] per question.
//! 3. Assignment ([`assign`]): the monotone assignment of areas to
//!    questions in document order (areas never go back) with the most
//!    evidence, by dynamic programming — the same idea as aligning two
//!    sequences in order (Needleman & Wunsch, 1970). Each area keeps only
//!    the questions from the first to the last of its run that name it at
//!    least [`STRONG_EVIDENCE`] times, and inside that span the questions
//!    that name it (one that does not only when alone between two that
//!    do); questions between runs, and areas no question names (`Core Python`),
//!    get no section: none is invented where the text gives no sign.
//!
//! Used only for documents none of whose questions has a section.

use crate::readers::Document;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::BTreeSet;

/// Fewest names a header must list to count as focus areas.
pub const MIN_AREAS: usize = 3;

/// Most evidence one question gives one area, so that one long answer
/// that names an area often does not outweigh the order of the others.
pub const MAX_EVIDENCE: usize = 3;

/// Least evidence with which a question names an area strongly enough to
/// bound the area's span: a single passing mention (`... and test it`)
/// does not carry an area over the questions around it.
pub const STRONG_EVIDENCE: usize = 2;

/// Words of area names that say nothing about an area.
const GENERIC: &[&str] = &[
    "python",
    "and",
    "the",
    "of",
    "in",
    "with",
    "for",
    "a",
    "an",
    "to",
    "general",
    "basics",
    "basic",
    "topics",
    "other",
    "misc",
    "miscellaneous",
];

/// The focus areas listed before the first question of `doc`, in order,
/// with the 1-based line of the header; `None` when there is none.
///
/// ```
/// let doc = pyqconv::readers::read(
///     "t.txt",
///     "Focus Areas: Core Python, Concurrency,\nFlask, Django\n\
///      Answer:\nA list is mutable.\nAnswer:\nFlask is small.\nAnswer:\nDjango is big.",
/// );
/// let (line, areas) = pyqconv::transforms::sections::focus_areas(&doc).unwrap();
/// assert_eq!(line, 1);
/// assert_eq!(areas, ["Core Python", "Concurrency", "Flask", "Django"]);
/// ```
pub fn focus_areas(doc: &Document) -> Option<(usize, Vec<String>)> {
    let first = doc
        .questions
        .iter()
        .map(|q| q.line_start)
        .min()
        .unwrap_or(doc.lines.len() + 1);
    let preamble = &doc.lines[..first.saturating_sub(1).min(doc.lines.len())];
    for (i, line) in preamble.iter().enumerate() {
        let Some((label, rest)) = line.split_once(':') else {
            continue;
        };
        let label = label.trim().to_lowercase();
        if !matches!(
            label.as_str(),
            "focus areas" | "focus" | "topics" | "areas" | "covers" | "sections" | "topics covered"
        ) {
            continue;
        }
        let mut list = rest.trim().to_string();
        for next in &preamble[i + 1..] {
            if !list.ends_with(',') {
                break;
            }
            list.push(' ');
            list.push_str(next.trim());
        }
        let areas: Vec<String> = list
            .split(',')
            .map(|a| a.trim().trim_start_matches("and ").trim().to_string())
            .filter(|a| !a.is_empty() && a.split_whitespace().count() <= 4)
            .collect();
        if areas.len() >= MIN_AREAS {
            return Some((i + 1, areas));
        }
    }
    None
}

/// The stemmed, lowercased words of `text`.
fn stems(stemmer: &Stemmer, text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 2)
        .map(|w| stemmer.stem(&w.to_lowercase()).into_owned())
        .collect()
}

/// Gives the questions of `doc` sections from its focus-areas header (see
/// the module docs), when none of its questions has a section. Returns
/// how many questions were given one, and records it with the header's
/// line in [`Document::sections_from_header`].
pub fn assign(doc: &mut Document) -> usize {
    if doc.questions.is_empty() || doc.questions.iter().any(|q| q.section.is_some()) {
        return 0;
    }
    let Some((header, areas)) = focus_areas(doc) else {
        return 0;
    };
    let stemmer = Stemmer::create(Algorithm::English);
    let keys: Vec<BTreeSet<String>> = areas
        .iter()
        .map(|a| {
            stems(&stemmer, a)
                .into_iter()
                .filter(|w| !GENERIC.contains(&w.as_str()))
                .collect()
        })
        .collect();
    // evidence[q][a]
    let evidence: Vec<Vec<usize>> = doc
        .questions
        .iter()
        .map(|q| {
            let mut text = q.title_as_read.clone().unwrap_or_default();
            for b in &q.body {
                text.push(' ');
                text.push_str(&b.text);
            }
            let words = stems(&stemmer, &text);
            keys.iter()
                .map(|k| {
                    words
                        .iter()
                        .filter(|w| k.contains(*w))
                        .count()
                        .min(MAX_EVIDENCE)
                })
                .collect()
        })
        .collect();
    let (n, m) = (doc.questions.len(), areas.len());
    // best[i][a]: most evidence for questions 0..=i with question i in area a.
    let mut best = vec![vec![0usize; m]; n];
    let mut back = vec![vec![0usize; m]; n];
    for a in 0..m {
        best[0][a] = evidence[0][a];
    }
    for i in 1..n {
        // Running best over areas <= a; ties keep the earliest area, so an
        // area begins only where a question names it.
        let (mut run, mut at) = (best[i - 1][0], 0);
        for a in 0..m {
            if best[i - 1][a] > run {
                (run, at) = (best[i - 1][a], a);
            }
            best[i][a] = run + evidence[i][a];
            back[i][a] = at;
        }
    }
    let mut area = vec![0usize; n];
    let last = (0..m).rev().max_by_key(|&a| best[n - 1][a]).unwrap_or(0);
    area[n - 1] = last;
    for i in (1..n).rev() {
        area[i - 1] = back[i][area[i]];
    }
    // Each area keeps the span of its run that names it.
    let mut given = 0;
    for a in 0..m {
        let named: Vec<usize> = (0..n)
            .filter(|&i| area[i] == a && evidence[i][a] >= STRONG_EVIDENCE)
            .collect();
        let (Some(&from), Some(&to)) = (named.first(), named.last()) else {
            continue;
        };
        // Inside the span, a question that does not name the area at all
        // takes it only alone between two that do.
        for i in from..=to {
            let names = |j: usize| evidence[j][a] > 0;
            if names(i) || i > from && i < to && names(i - 1) && names(i + 1) {
                doc.questions[i].section = Some(areas[a].clone());
                given += 1;
            }
        }
    }
    doc.sections_from_header = Some((header, given));
    given
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "Guide\nFocus Areas: Core Python, Concurrency,\nFlask, Django\n\
Answer:\nA list is mutable.\n\
Answer:\nThreads give concurrency for I/O; concurrent code shares state.\n\
Answer:\nA weak reference does not keep its object alive.\n\
Answer:\nInterned strings are shared.\n\
Answer:\nA queue hands work between concurrent producers.\n\
Answer:\nA semaphore bounds concurrency; concurrent tasks wait on it.\n\
Answer:\nFlask is a micro framework; Flask routes map URLs.\n\
Answer:\nBlueprints split an app.\n\
Answer:\nFlask extensions such as Flask-Login add sessions.\n\
Answer:\nDjango ships an ORM; Django has an admin.\n\
Answer:\nIs bool a subclass of int? Yes.\n";

    #[test]
    fn areas_follow_the_header_where_the_text_names_them() {
        let mut doc = crate::readers::read("t.txt", DOC);
        assert_eq!(doc.questions.len(), 11);
        let given = assign(&mut doc);
        let sections: Vec<Option<&str>> =
            doc.questions.iter().map(|q| q.section.as_deref()).collect();
        assert_eq!(
            sections,
            [
                // No question names core Python: no section is invented.
                None,
                Some("Concurrency"),
                // Two questions in a row that do not name the area.
                None,
                None,
                Some("Concurrency"),
                Some("Concurrency"),
                Some("Flask"),
                // Alone between two that name Flask.
                Some("Flask"),
                Some("Flask"),
                Some("Django"),
                // After the last area's last mention: no sign.
                None,
            ]
        );
        assert_eq!(given, 7);
        assert_eq!(doc.sections_from_header, Some((2, 7)));
    }

    #[test]
    fn the_order_of_the_areas_is_kept() {
        // A late mention of an earlier area does not pull it back.
        let text = "Focus Areas: Flask, Django, Testing\nAnswer:\nFlask apps and Flask views.\nAnswer:\nDjango models and Django views.\nAnswer:\nA Flask view under test; test it.\nAnswer:\nTesting with pytest: test fixtures.\n";
        let mut doc = crate::readers::read("t.txt", text);
        assign(&mut doc);
        let sections: Vec<Option<&str>> =
            doc.questions.iter().map(|q| q.section.as_deref()).collect();
        assert_eq!(
            sections,
            [
                Some("Flask"),
                Some("Django"),
                Some("Testing"),
                Some("Testing")
            ]
        );
    }

    #[test]
    fn documents_with_sections_or_without_a_header_are_left_alone() {
        let mut doc = crate::readers::read("t.txt", "Answer:\nFlask apps.\nAnswer:\nDjango.\n");
        assert_eq!(assign(&mut doc), 0);
        assert!(doc.questions.iter().all(|q| q.section.is_none()));
        let mut doc = crate::readers::read("t.txt", DOC);
        doc.questions[0].section = Some("Basics".into());
        assert_eq!(assign(&mut doc), 0);
        assert_eq!(doc.questions[3].section, None);
    }
}
