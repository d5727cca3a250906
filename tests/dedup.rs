//! Deduplication on the real documents and at random: measured against
//! the independent reading of duplicates (`tests/gold/duplicates.tsv`),
//! never losing a question, and the same whatever the thread count and
//! the order of the input.

mod common;

#[path = "common/duplicates.rs"]
mod duplicates;

#[path = "../benches/perturb.rs"]
mod perturb;

use proptest::prelude::*;
use pyqconv::Question;
use pyqconv::transforms::dedup::{self, Options, Overrides};

fn deduplicate_in(
    threads: usize,
    questions: Vec<Question>,
    options: &Options,
) -> dedup::Deduplicated {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool")
        .install(|| dedup::run(questions, options))
}

/// Every occurrence as `path:start-end`, sorted.
fn occurrences(questions: &[Question]) -> Vec<String> {
    let mut v: Vec<String> = questions
        .iter()
        .flat_map(|q| q.sources.iter().map(|s| s.location()))
        .collect();
    v.sort();
    v
}

/// The measured agreement with the reading at the default threshold
/// (README, "Duplicates"): pairwise recall 0.788, precision 1.000 on the
/// pairs the reading judges. The floors sit just under the figures, so a
/// change that loses duplicates or merges different questions fails.
#[test]
fn agrees_with_the_independent_reading_of_duplicates() {
    let questions = perturb::real_questions();
    let found = dedup::run(questions, &Options::default());
    let mut cluster_of = vec![0; found.before.len()];
    for (c, cluster) in found.clustering.clusters.iter().enumerate() {
        for m in &cluster.members {
            cluster_of[m.index] = c;
        }
    }
    let reading = duplicates::load();
    let a = duplicates::agreement(&found.before, &cluster_of, &reading);
    assert!(a.gold_pairs >= 140, "{} pairs in the reading", a.gold_pairs);
    assert!(
        a.recall() >= 0.78,
        "recall {:.3}, missed {:?}",
        a.recall(),
        a.missed
    );
    assert!(
        a.precision() >= 0.99,
        "precision {:.3}, merged against the reading: {:?}",
        a.precision(),
        a.wrong
    );
}

/// The stripped copy of an article is merged with its twin, question by
/// question: no question of it stands alone in the deck.
#[test]
fn every_question_of_the_twin_copy_is_merged_with_its_twin() {
    let found = dedup::run(perturb::real_questions(), &Options::default());
    let twin = "input/python-interview-questions-2026-plain.txt";
    let better = "input/python-interview-questions-2026.txt";
    let mut seen = 0;
    for q in &found.questions {
        if q.sources.iter().any(|s| s.path == twin) {
            seen += 1;
            assert!(
                q.sources.iter().any(|s| s.path == better),
                "{} stands alone",
                q.title
            );
        }
    }
    assert_eq!(seen, 50);
}

#[test]
fn output_is_the_same_with_one_thread_or_many_and_in_any_input_order() {
    let base = perturb::real_questions();
    let (questions, _) = perturb::corpus(&base, 1500, &perturb::DEFAULT, 11);
    let options = Options::default();
    let one = deduplicate_in(1, questions.clone(), &options);
    let four = deduplicate_in(4, questions.clone(), &options);
    assert_eq!(one.questions, four.questions);
    assert_eq!(one.clustering, four.clustering);

    let mut reversed = questions.clone();
    reversed.reverse();
    let back = deduplicate_in(3, reversed, &options);
    assert_eq!(one.questions, back.questions);

    // A fixed shuffle (every 7th, then the rest).
    let mut shuffled: Vec<Question> = questions.iter().step_by(7).cloned().collect();
    shuffled.extend(
        questions
            .iter()
            .enumerate()
            .filter(|(k, _)| k % 7 != 0)
            .map(|(_, q)| q.clone()),
    );
    let mixed = deduplicate_in(2, shuffled, &options);
    assert_eq!(one.questions, mixed.questions);
    // The corpus holds duplicates, and they were merged.
    assert!(
        one.questions.len() < questions.len() / 2,
        "{}",
        one.questions.len()
    );
}

/// The benchmark's corpora are made of variants of each real question:
/// most variants land with their own base.
#[test]
fn perturbed_variants_are_found_again() {
    let base = perturb::real_questions();
    let (questions, origin) = perturb::corpus(&base, 3 * base.len(), &perturb::DEFAULT, 3);
    let found = dedup::run(questions, &Options::default());
    let mut with_base = 0;
    for cluster in &found.clustering.clusters {
        let lead = origin[cluster.members[0].index];
        with_base += cluster
            .members
            .iter()
            .filter(|m| origin[m.index] == lead)
            .count();
    }
    let share = with_base as f64 / origin.len() as f64;
    assert!(share > 0.8, "{share}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// Deduplication never loses or invents a question: every occurrence
    /// given comes out exactly once, ids stay unique, and without merging
    /// every question comes out.
    #[test]
    fn dedup_never_loses_a_question(
        seed in 0u64..1_000,
        take in 5usize..60,
        copies in 1usize..4,
        threshold in 0.0f64..=1.0,
        drop in 0.0f64..0.5,
        rename in 0.0f64..1.0,
    ) {
        let base: Vec<Question> = perturb::real_questions().into_iter().skip((seed as usize * 13) % 200).take(take).collect();
        let strength = perturb::Strength { drop, rename, ..perturb::DEFAULT };
        let (questions, _) = perturb::corpus(&base, base.len() * copies, &strength, seed);
        let merged = dedup::run(questions.clone(), &Options { threshold, merge: true, overrides: Overrides::default() });
        prop_assert_eq!(occurrences(&merged.questions), occurrences(&questions));
        let mut ids: Vec<&str> = merged.questions.iter().map(|q| q.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        prop_assert_eq!(ids.len(), merged.questions.len());
        prop_assert!(merged.questions.iter().all(|q| !q.title.trim().is_empty()));
        let kept = dedup::run(questions.clone(), &Options { threshold, merge: false, overrides: Overrides::default() });
        prop_assert_eq!(kept.questions.len(), questions.len());
    }
}
