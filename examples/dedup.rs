//! Measures deduplication against the independent reading of duplicate
//! questions (`tests/gold/duplicates.tsv`): pairwise recall and precision
//! at a range of thresholds, how many of the reading's pairs LSH makes
//! candidates, and, at the chosen threshold, every pair missed, every pair
//! merged against the reading and every merged pair the reading does not
//! judge, with its scores.
//!
//! `cargo run --release --example dedup [-- THRESHOLD]` (default: the
//! library's default threshold), from the crate's root. `-- --pairs`
//! prints every pair the reading judges with its scores and answer sizes
//! (TSV); `-- --dump` every question's terms (JSON lines); `-- --clusters`
//! every cluster of two or more questions, members with their scores
//! against the canonical question (to diff two versions of the rules).

#[path = "../tests/common/duplicates.rs"]
mod duplicates;

use pyqconv::transforms::dedup::{self, Overrides};
use pyqconv::transforms::{build_deck, twins};

fn main() {
    let threshold: f64 = std::env::args()
        .nth(1)
        .filter(|a| !a.starts_with("--"))
        .map_or(dedup::DEFAULT_THRESHOLD, |t| {
            t.parse().expect("a number in 0..=1")
        });
    let paths = pyqconv::app::find_documents(&["input".into()]).expect("run from the crate's root");
    let mut docs: Vec<_> = paths
        .iter()
        .map(|p| {
            let (source, _) = pyqconv::app::read_source(p).expect("readable");
            pyqconv::app::read_document(&pyqconv::app::display(p), &source.text)
        })
        .collect();
    twins::recover(&mut docs);
    let deck = build_deck("Python Interview", &docs, true);
    let questions = &deck.questions;
    if std::env::args().any(|a| a == "--dump") {
        dump(questions);
        return;
    }
    let profiles = dedup::profile(questions);
    let reading = duplicates::load();
    if std::env::args().any(|a| a == "--clusters") {
        clusters_list(questions, &profiles, threshold);
        return;
    }
    if std::env::args().any(|a| a == "--pairs") {
        pairs_table(questions, &profiles, &reading);
        return;
    }

    // Candidate recall: gold pairs sharing at least one LSH band.
    let keys: Vec<Vec<u64>> = profiles
        .iter()
        .map(|p| p.sketch.band_keys(dedup::BAND_ROWS))
        .collect();
    let gold_pairs = same_pairs(questions, &reading);
    let candidates = gold_pairs
        .iter()
        .filter(|&&(i, j)| keys[i].iter().any(|k| keys[j].contains(k)))
        .count();
    println!(
        "LSH candidates: {candidates} of {} gold pairs ({:.3})",
        gold_pairs.len(),
        candidates as f64 / gold_pairs.len().max(1) as f64
    );

    // LSH recall on the pairs verification would accept.
    let mut above = 0;
    let mut found = 0;
    for i in 0..questions.len() {
        for j in i + 1..questions.len() {
            if dedup::similarity(&profiles[i], &profiles[j]).total >= threshold {
                above += 1;
                if keys[i].iter().any(|k| keys[j].contains(k)) {
                    found += 1;
                }
            }
        }
    }
    println!("LSH candidates: {found} of {above} pairs scoring at least {threshold}");
    let shared = |i: usize, j: usize| keys[i].iter().zip(&keys[j]).filter(|(a, b)| a == b).count();
    for least in 1..=4 {
        let gold_found = gold_pairs
            .iter()
            .filter(|&&(i, j)| shared(i, j) >= least)
            .count();
        let mut above_found = 0;
        let mut all = 0;
        for i in 0..questions.len() {
            for j in i + 1..questions.len() {
                let s = shared(i, j);
                if s >= least {
                    all += 1;
                    if dedup::similarity(&profiles[i], &profiles[j]).total >= threshold {
                        above_found += 1;
                    }
                }
            }
        }
        println!(
            "  sharing at least {least} bands: {gold_found} gold pairs, {above_found} of {above} pairs above the threshold, {all} candidate pairs"
        );
    }

    let run = |t: f64| {
        let clustering = dedup::cluster(questions, &profiles, t, &Overrides::default());
        let mut cluster_of = vec![0; questions.len()];
        for (c, cluster) in clustering.clusters.iter().enumerate() {
            for m in &cluster.members {
                cluster_of[m.index] = c;
            }
        }
        (
            clustering,
            duplicates::agreement(questions, &cluster_of, &reading),
        )
    };
    println!("threshold  recall  precision  wrong  unjudged  clusters>1");
    for step in 6..=14 {
        let t = step as f64 * 0.05;
        let (c, a) = run(t);
        println!(
            "{t:9.2}  {:6.3}  {:9.3}  {:5}  {:8}  {:10}",
            a.recall(),
            a.precision(),
            a.wrong.len(),
            a.unjudged.len(),
            c.clusters.iter().filter(|c| c.members.len() > 1).count()
        );
    }

    let (clustering, a) = run(threshold);
    let show = |i: usize| {
        let q = &questions[i];
        format!(
            "{} [{}] {}",
            q.sources[0].location(),
            q.title_origin,
            q.title
        )
    };
    let score = |i: usize, j: usize| {
        let s = dedup::similarity(&profiles[i], &profiles[j]);
        format!(
            "{:.3} (stem {:.2}, key {:.2}, code {})",
            s.total,
            s.stem,
            s.key_terms,
            s.code.map_or("-".into(), |c| format!("{c:.2}"))
        )
    };
    println!(
        "\nAt {threshold}: recall {:.3}, precision {:.3}",
        a.recall(),
        a.precision()
    );
    println!("\nMissed ({}):", a.missed.len());
    for &(i, j) in &a.missed {
        println!("  {}\n    {}\n    {}", score(i, j), show(i), show(j));
    }
    println!("\nMerged against the reading ({}):", a.wrong.len());
    for &(i, j) in &a.wrong {
        println!("  {}\n    {}\n    {}", score(i, j), show(i), show(j));
    }
    println!(
        "\nMerged, not judged by the reading ({}):",
        a.unjudged.len()
    );
    for &(i, j) in &a.unjudged {
        println!("  {}\n    {}\n    {}", score(i, j), show(i), show(j));
    }
    println!("\nNear misses ({}):", clustering.near_misses.len());
    for n in clustering.near_misses.iter().take(30) {
        println!(
            "  {}\n    {}\n    {}",
            score(n.canonical, n.other),
            show(n.canonical),
            show(n.other)
        );
    }
}

/// `--dump`: every question's terms as JSON lines, for offline analysis.
#[allow(dead_code)]
fn dump(questions: &[pyqconv::Question]) {
    for q in questions {
        let t = dedup::terms_of(&q.title, &q.answer_markdown);
        println!(
            "{}",
            serde_json::json!({"loc": q.sources.iter().map(|s| (s.path.clone(), s.line_start, s.line_end)).collect::<Vec<_>>(),
              "title": q.title, "origin": q.title_origin.as_str(), "stem": t.stem, "prose": t.prose, "code": t.code, "words": t.answer_words})
        );
    }
}

/// `--pairs`: every pair the reading judges, as TSV (label, total, stem,
/// key terms, code, answer words of each, title origin of each), for
/// offline analysis of the similarity.
fn pairs_table(
    questions: &[pyqconv::Question],
    profiles: &[dedup::Profile],
    reading: &duplicates::Reading,
) {
    let row = |label: &str, i: usize, j: usize| {
        let s = dedup::similarity(&profiles[i], &profiles[j]);
        println!(
            "{label}\t{:.3}\t{:.3}\t{:.3}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            s.total,
            s.stem,
            s.key_terms,
            s.code.map_or("".into(), |c| format!("{c:.3}")),
            profiles[i].answer_words,
            profiles[j].answer_words,
            questions[i].title_origin,
            questions[j].title_origin,
            questions[i].title,
            questions[j].title
        );
    };
    for (i, j) in same_pairs(questions, reading) {
        row("same", i, j);
    }
    for (a, b, _) in &reading.different {
        if let (Some(i), Some(j)) = (
            duplicates::resolve(questions, a),
            duplicates::resolve(questions, b),
        ) && i != j
        {
            row("different", i, j);
        }
    }
}

/// Every pair of questions the reading calls the same question, as indices
/// into `questions`.
fn same_pairs(
    questions: &[pyqconv::Question],
    reading: &duplicates::Reading,
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for members in reading.same.values() {
        let idx: Vec<usize> = members
            .iter()
            .filter_map(|(p, _)| duplicates::resolve(questions, p))
            .collect();
        for (k, &i) in idx.iter().enumerate() {
            for &j in &idx[k + 1..] {
                if i != j {
                    pairs.push((i, j));
                }
            }
        }
    }
    pairs
}

/// `--clusters`: every cluster of two or more questions at `threshold`,
/// canonical first, each member with its score against the canonical.
fn clusters_list(questions: &[pyqconv::Question], profiles: &[dedup::Profile], threshold: f64) {
    let clustering = dedup::cluster(questions, profiles, threshold, &Overrides::default());
    for c in clustering.clusters.iter().filter(|c| c.members.len() > 1) {
        for m in &c.members {
            let q = &questions[m.index];
            let score = m
                .score
                .map_or("lead ".into(), |s| format!("{:.3}", s.total));
            println!(
                "{score} {} [{}] {}",
                q.sources[0].location(),
                q.title_origin,
                q.title
            );
        }
        println!();
    }
}
