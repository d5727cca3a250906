//! The independent reading of duplicate questions, `tests/gold/duplicates.tsv`
//! (its header explains how it was made): clusters of the same question and
//! near misses, each member named by `file:line`, resolved to the
//! questions of a deck by their spans. Shared by `tests/dedup.rs` and
//! `examples/dedup.rs` (included there by path).

use pyqconv::Question;
use std::collections::BTreeMap;

/// A place in a document: `(path, 1-based line)`.
pub type Place = (String, usize);

/// The reading: cluster slug → members, and the near-miss pairs.
#[derive(Debug, Default)]
pub struct Reading {
    /// Cluster slug → its members' places and the reader's titles.
    pub same: BTreeMap<String, Vec<(Place, String)>>,
    /// Pairs the reader judged different, with the reason.
    pub different: Vec<(Place, Place, String)>,
}

fn place(field: &str) -> Place {
    let (path, line) = field.rsplit_once(':').expect("FILE:LINE");
    (path.to_string(), line.parse().expect("a line number"))
}

/// Parses the TSV text of the reading.
pub fn parse(text: &str) -> Reading {
    let mut reading = Reading::default();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        match fields[0] {
            "same" => reading
                .same
                .entry(fields[1].to_string())
                .or_default()
                .push((place(fields[2]), fields[3].to_string())),
            "different" => {
                reading
                    .different
                    .push((place(fields[1]), place(fields[2]), fields[3].to_string()))
            }
            other => panic!("unknown record kind {other:?} in the reading"),
        }
    }
    reading
}

/// The reading at `tests/gold/duplicates.tsv`.
pub fn load() -> Reading {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/gold/duplicates.tsv");
    parse(&std::fs::read_to_string(path).expect("tests/gold/duplicates.tsv"))
}

/// The index of the question of `questions` one of whose occurrences
/// covers `place`.
pub fn resolve(questions: &[Question], place: &Place) -> Option<usize> {
    questions.iter().position(|q| {
        q.sources
            .iter()
            .any(|s| s.path == place.0 && (s.line_start..=s.line_end).contains(&place.1))
    })
}

/// Pairwise agreement of a clustering with the reading, over `questions`.
#[derive(Debug, Default)]
pub struct Agreement {
    /// Pairs the reading puts in one cluster.
    pub gold_pairs: usize,
    /// Of those, pairs the tool put in one cluster.
    pub found: usize,
    /// Pairs the tool put in one cluster whose two questions the reading
    /// puts in different clusters or names as a near miss.
    pub wrong: Vec<(usize, usize)>,
    /// Pairs the tool put in one cluster that the reading does not judge
    /// (a question outside every cluster of the reading): to be read.
    pub unjudged: Vec<(usize, usize)>,
    /// Gold pairs the tool left apart.
    pub missed: Vec<(usize, usize)>,
}

impl Agreement {
    /// `found / gold_pairs`, in 0..=1.
    pub fn recall(&self) -> f64 {
        self.found as f64 / self.gold_pairs.max(1) as f64
    }
    /// Share of the tool's judged pairs that the reading confirms, in 0..=1.
    pub fn precision(&self) -> f64 {
        self.found as f64 / (self.found + self.wrong.len()).max(1) as f64
    }
}

/// Compares `cluster_of` (a cluster number per question) with the reading.
/// Members of the reading that resolve to one question (a boundary fused
/// them) are not a pair.
pub fn agreement(questions: &[Question], cluster_of: &[usize], reading: &Reading) -> Agreement {
    let mut gold_cluster: BTreeMap<usize, &str> = BTreeMap::new();
    let mut a = Agreement::default();
    for (slug, members) in &reading.same {
        let mut idx: Vec<usize> = members
            .iter()
            .map(|(p, _)| {
                resolve(questions, p).unwrap_or_else(|| panic!("{p:?} is in no question"))
            })
            .collect();
        idx.sort_unstable();
        idx.dedup();
        for &i in &idx {
            gold_cluster.insert(i, slug);
        }
        for (k, &i) in idx.iter().enumerate() {
            for &j in &idx[k + 1..] {
                a.gold_pairs += 1;
                if cluster_of[i] == cluster_of[j] {
                    a.found += 1;
                } else {
                    a.missed.push((i, j));
                }
            }
        }
    }
    let mut different: std::collections::HashSet<(usize, usize)> = Default::default();
    for (p, q, _) in &reading.different {
        if let (Some(i), Some(j)) = (resolve(questions, p), resolve(questions, q)) {
            different.insert((i.min(j), i.max(j)));
        }
    }
    for i in 0..questions.len() {
        for j in i + 1..questions.len() {
            if cluster_of[i] != cluster_of[j] {
                continue;
            }
            match (gold_cluster.get(&i), gold_cluster.get(&j)) {
                (Some(x), Some(y)) if x == y => {}
                (Some(_), Some(_)) => a.wrong.push((i, j)),
                _ if different.contains(&(i, j)) => a.wrong.push((i, j)),
                _ => a.unjudged.push((i, j)),
            }
        }
    }
    a
}
