//! Identity across builds: which question of this build is which note of
//! the last one, and when each note's content last changed.
//!
//! A question's id ([`crate::transforms::ids`]) is derived from its file
//! name and title, so rewording a title or moving a boundary would give a
//! new id — and Anki, which matches notes by GUID (Anki manual,
//! "Importing → Updating"), a new note with the learner's progress left on
//! the old one. So each build records, in an ids file kept next to the
//! outputs (`output/<deck>.ids.json`, [`IdsFile`]), every note's GUID, the
//! id derived for it, a fingerprint of its rendered content and a MinHash
//! signature of its text. The next build ([`assign`]):
//!
//! 1. keeps the GUID of the entry whose derived id equals the question's,
//!    or else one of its occurrences' own ids (a merged question whose
//!    leading question changed, [`crate::model::Occurrence::id`]);
//! 2. pairs the remaining questions with the remaining entries by MinHash
//!    similarity of title and answer (word 3-shingles,
//!    [`crate::transforms::minhash`]; candidates from LSH banding, so the
//!    cost grows with the deck, not its square), best pairs first, each at
//!    least [`MATCH_THRESHOLD`] — a reworded title or a moved boundary keeps
//!    the note;
//! 3. gives every other question its derived id.
//!
//! The matched GUID replaces [`Question::id`], so the JSON, CSV and XLSX
//! show the same id as the note.
//!
//! Modification times: Anki takes a note from a package only when the
//! package's note is newer than the collection's ("Update notes: if newer",
//! the importer's default). A note keeps the time recorded for it while its
//! fingerprint is unchanged, and gets `now` (at least one second after the
//! recorded time) when it changed; a new note gets `now`. So an unchanged
//! note is left alone on re-import, a changed one is updated, and the same
//! input rebuilt into the same folder gives the same times.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::model::{Deck, Question};
use crate::transforms::minhash::Signature;

/// Version of the ids file format written by [`assign`].
pub const IDS_FILE_VERSION: u32 = 1;

/// Least estimated Jaccard similarity (0..=1) of two questions' word
/// 3-shingles for a question without an exact id match to take a previous
/// note's GUID. At 0.5 a question that kept half its text, or gained as
/// much again, is still the same note.
pub const MATCH_THRESHOLD: f64 = 0.5;

/// Rows per LSH band when looking for similar previous notes: 32 bands of
/// 2 rows find a pair at similarity [`MATCH_THRESHOLD`] with probability
/// 1 − (1 − 0.5²)³² > 0.9999.
pub const BAND_ROWS: usize = 2;

/// Shingle length, in words, of the signatures stored in the ids file.
pub const SHINGLE_WORDS: usize = 3;

/// The ids file: what one build recorded about its notes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdsFile {
    /// Always [`IDS_FILE_VERSION`] when written.
    pub version: u32,
    /// The note type's fingerprint and modification time.
    pub note_type: Stamp,
    /// One entry per note, sorted by GUID.
    pub notes: Vec<NoteEntry>,
}

/// A content fingerprint and the time, in seconds since the Unix epoch,
/// when content with that fingerprint was first built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Hex SHA-256 of the rendered content.
    pub fingerprint: String,
    /// Seconds since the Unix epoch.
    pub modified: i64,
}

/// What one build recorded about one note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteEntry {
    /// The note's GUID (also [`Question::id`] in that build).
    pub guid: String,
    /// The id derived from the question's file and title in that build.
    pub derived_id: String,
    /// The title, for people reading the file.
    pub title: String,
    /// Every occurrence as `file:line`, for people reading the file.
    pub sources: Vec<String>,
    /// Fingerprint and modification time of the note's content.
    #[serde(flatten)]
    pub stamp: Stamp,
    /// MinHash signature of the title and answer.
    pub signature: Signature,
}

/// The outcome of [`assign`].
#[derive(Debug, Clone)]
pub struct Assigned {
    /// The deck with every question's id replaced by its GUID.
    pub deck: Deck,
    /// Modification time per GUID, seconds since the Unix epoch.
    pub modified: BTreeMap<String, i64>,
    /// The note type's modification time.
    pub note_type_modified: i64,
    /// What to record for the next build.
    pub ids: IdsFile,
    /// `(previous GUID, derived id, similarity)` for every GUID kept by
    /// similarity rather than by id, for the report.
    pub rematched: Vec<(String, String, f64)>,
}

/// Assigns GUIDs and modification times to `deck`'s questions against the
/// `previous` build's ids file (see the module docs).
///
/// `fingerprint` gives a question's content fingerprint once its id is
/// final (the rendered note, so a change in rendering counts as a change);
/// `note_type_fingerprint` the note type's. `now` is the build time in
/// seconds since the Unix epoch. Deterministic: the same deck, previous
/// file and `now` give the same result.
pub fn assign(
    deck: &Deck,
    previous: Option<&IdsFile>,
    now: i64,
    fingerprint: &dyn Fn(&Question) -> String,
    note_type_fingerprint: &str,
) -> Assigned {
    let empty = Vec::new();
    let entries = previous.map_or(&empty, |p| &p.notes);
    let signatures: Vec<Signature> = deck.questions.iter().map(signature_of).collect();

    // 1. Exact matches on the derived id.
    let by_derived: HashMap<&str, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.derived_id.as_str(), i))
        .collect();
    let mut entry_of: Vec<Option<usize>> = vec![None; deck.questions.len()];
    let mut claimed: HashSet<usize> = HashSet::new();
    for (qi, question) in deck.questions.iter().enumerate() {
        if let Some(&ei) = by_derived.get(question.id.as_str())
            && claimed.insert(ei)
        {
            entry_of[qi] = Some(ei);
        }
    }

    // 1b. A merged question whose leading question changed: an entry
    //     derived from one of its occurrences' own ids.
    for (qi, question) in deck.questions.iter().enumerate() {
        if entry_of[qi].is_some() {
            continue;
        }
        for id in question.sources.iter().filter_map(|s| s.id.as_deref()) {
            if let Some(&ei) = by_derived.get(id)
                && claimed.insert(ei)
            {
                entry_of[qi] = Some(ei);
                break;
            }
        }
    }

    // 2. Similarity matches, best pair first. Candidates: entries sharing
    //    an LSH band with the question (near-linear in the deck's size).
    let mut by_band: HashMap<u64, Vec<usize>> = HashMap::new();
    for (ei, entry) in entries.iter().enumerate() {
        if !claimed.contains(&ei) {
            for key in entry.signature.band_keys(BAND_ROWS) {
                by_band.entry(key).or_default().push(ei);
            }
        }
    }
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (qi, signature) in signatures.iter().enumerate() {
        if entry_of[qi].is_some() {
            continue;
        }
        let mut candidates: Vec<usize> = signature
            .band_keys(BAND_ROWS)
            .iter()
            .filter_map(|key| by_band.get(key))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        for ei in candidates {
            let similarity = signature.similarity(&entries[ei].signature);
            if similarity >= MATCH_THRESHOLD {
                pairs.push((similarity, qi, ei));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut rematched = Vec::new();
    for (similarity, qi, ei) in pairs {
        if entry_of[qi].is_none() && !claimed.contains(&ei) {
            claimed.insert(ei);
            entry_of[qi] = Some(ei);
            rematched.push((
                entries[ei].guid.clone(),
                deck.questions[qi].id.clone(),
                similarity,
            ));
        }
    }

    // 3. GUIDs: the matched entry's, else the derived id (made unique
    //    against GUIDs kept from the previous build).
    let mut used: HashSet<String> = entry_of
        .iter()
        .flatten()
        .map(|&ei| entries[ei].guid.clone())
        .collect();
    let mut out = deck.clone();
    let mut modified = BTreeMap::new();
    let mut notes = Vec::with_capacity(out.questions.len());
    for (qi, question) in out.questions.iter_mut().enumerate() {
        let derived_id = question.id.clone();
        let entry = entry_of[qi].map(|ei| &entries[ei]);
        question.id = match entry {
            Some(entry) => entry.guid.clone(),
            None => unique(&derived_id, &mut used),
        };
        let fingerprint = fingerprint(question);
        let time = match entry {
            Some(entry) if entry.stamp.fingerprint == fingerprint => entry.stamp.modified,
            Some(entry) => now.max(entry.stamp.modified + 1),
            None => now,
        };
        modified.insert(question.id.clone(), time);
        notes.push(NoteEntry {
            guid: question.id.clone(),
            derived_id,
            title: question.title.clone(),
            sources: question.sources.iter().map(|o| o.location()).collect(),
            stamp: Stamp {
                fingerprint,
                modified: time,
            },
            signature: signatures[qi].clone(),
        });
    }
    notes.sort_by(|a, b| a.guid.cmp(&b.guid));

    let note_type = match previous {
        Some(p) if p.note_type.fingerprint == note_type_fingerprint => p.note_type.clone(),
        Some(p) => Stamp {
            fingerprint: note_type_fingerprint.to_string(),
            modified: now.max(p.note_type.modified + 1),
        },
        None => Stamp {
            fingerprint: note_type_fingerprint.to_string(),
            modified: now,
        },
    };
    Assigned {
        deck: out,
        modified,
        note_type_modified: note_type.modified,
        ids: IdsFile {
            version: IDS_FILE_VERSION,
            note_type,
            notes,
        },
        rematched,
    }
}

/// The signature stored for a question: its title and answer Markdown.
fn signature_of(question: &Question) -> Signature {
    Signature::of_text(
        &format!("{}\n{}", question.title, question.answer_markdown),
        SHINGLE_WORDS,
    )
}

/// `id`, or `id-2`, `id-3`, … — the first not in `used`; recorded as used.
fn unique(id: &str, used: &mut HashSet<String>) -> String {
    let mut candidate = id.to_string();
    let mut n = 2;
    while used.contains(&candidate) {
        candidate = format!("{id}-{n}");
        n += 1;
    }
    used.insert(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Occurrence, TitleOrigin};

    fn question(id: &str, title: &str, answer: &str) -> Question {
        Question {
            id: id.into(),
            title: title.into(),
            title_origin: TitleOrigin::Original,
            answer_markdown: answer.into(),
            section: None,
            difficulty: None,
            tags: vec![],
            sources: vec![Occurrence {
                path: "a.txt".into(),
                line_start: 1,
                line_end: 2,
                title: None,
                section: None,
                difficulty: None,
                id: None,
            }],
        }
    }

    fn fp(q: &Question) -> String {
        format!("{}|{}|{}", q.id, q.title, q.answer_markdown)
    }

    const GIL: &str = "The global interpreter lock lets only one thread execute Python \
        bytecode at a time, so CPU-bound threads do not run in parallel; use \
        multiprocessing or native extensions that release the lock.";
    const IS: &str = "is compares identity: whether two names refer to the same object. \
        == compares values by calling __eq__. Small integers and interned strings \
        make is look like == by accident.";

    fn deck(questions: Vec<Question>) -> Deck {
        let mut d = Deck::new("D");
        d.questions = questions;
        d
    }

    #[test]
    fn first_build_keeps_derived_ids_and_stamps_now() {
        let d = deck(vec![question("q1", "GIL?", GIL), question("q2", "is?", IS)]);
        let a = assign(&d, None, 1000, &fp, "nt");
        assert_eq!(a.deck.questions[0].id, "q1");
        assert_eq!(a.modified["q1"], 1000);
        assert_eq!(a.note_type_modified, 1000);
        assert_eq!(a.ids.notes.len(), 2);
        assert!(a.rematched.is_empty());
    }

    /// A merged note is led by another of its questions after a rebuild
    /// (a better-titled source joined): its GUID follows the occurrence
    /// that carried it, even though the text changed too much for the
    /// similarity match.
    #[test]
    fn a_merged_note_keeps_its_guid_when_its_leading_question_changes() {
        let mut merged = question("q1", "GIL?", GIL);
        merged.sources[0].id = Some("q1".into());
        let first = assign(&deck(vec![merged.clone()]), None, 1000, &fp, "nt");
        let mut led_by_other = question("q9", "What is the global interpreter lock?", IS);
        led_by_other.sources[0].id = Some("q9".into());
        led_by_other.sources.push(merged.sources[0].clone());
        let second = assign(&deck(vec![led_by_other]), Some(&first.ids), 2000, &fp, "nt");
        assert_eq!(second.deck.questions[0].id, "q1");
        assert_eq!(second.modified["q1"], 2000);
        assert!(second.rematched.is_empty());
    }

    #[test]
    fn unchanged_notes_keep_their_time_and_changed_ones_move_forward() {
        let d1 = deck(vec![question("q1", "GIL?", GIL), question("q2", "is?", IS)]);
        let first = assign(&d1, None, 1000, &fp, "nt");
        let mut d2 = d1.clone();
        d2.questions[1].answer_markdown.push_str(" Fixed.");
        let second = assign(&d2, Some(&first.ids), 2000, &fp, "nt");
        assert_eq!(second.modified["q1"], 1000);
        assert_eq!(second.modified["q2"], 2000);
        assert_eq!(second.note_type_modified, 1000);
        // A clock behind the recorded time still moves a changed note on.
        let third = assign(&d1, Some(&second.ids), 5, &fp, "nt2");
        assert_eq!(third.modified["q2"], 2001);
        assert_eq!(third.note_type_modified, 1001);
        // Same input, same previous file: same result.
        let again = assign(&d2, Some(&first.ids), 2000, &fp, "nt");
        assert_eq!(again.ids, second.ids);
    }

    #[test]
    fn a_reworded_title_keeps_the_guid() {
        let d1 = deck(vec![question("q1", "GIL?", GIL), question("q2", "is?", IS)]);
        let first = assign(&d1, None, 1000, &fp, "nt");
        // The new title gives a new derived id; the answer is the same.
        let d2 = deck(vec![
            question("q9", "What is the GIL?", GIL),
            question("q2", "is?", IS),
        ]);
        let second = assign(&d2, Some(&first.ids), 2000, &fp, "nt");
        assert_eq!(second.deck.questions[0].id, "q1");
        assert_eq!(second.modified["q1"], 2000, "content changed");
        assert_eq!(second.ids.notes[0].derived_id, "q9");
        assert_eq!(second.rematched.len(), 1);
        assert_eq!(second.rematched[0].0, "q1");
        // And the next build matches it by derived id directly.
        let third = assign(&d2, Some(&second.ids), 3000, &fp, "nt");
        assert_eq!(third.deck.questions[0].id, "q1");
        assert_eq!(third.modified["q1"], 2000);
        assert!(third.rematched.is_empty());
    }

    #[test]
    fn a_moved_boundary_keeps_the_guid_a_new_question_does_not_steal_it() {
        let d1 = deck(vec![question("q1", "GIL?", GIL)]);
        let first = assign(&d1, None, 1000, &fp, "nt");
        let d2 = deck(vec![
            question("q7", "GIL", &format!("{GIL} Threads still help with I/O.")),
            question("q8", "is?", IS),
        ]);
        let second = assign(&d2, Some(&first.ids), 2000, &fp, "nt");
        assert_eq!(second.deck.questions[0].id, "q1");
        assert_eq!(second.deck.questions[1].id, "q8");
    }

    #[test]
    fn a_derived_id_equal_to_a_kept_guid_is_made_unique() {
        // Build 1: "q1" is the GIL question. Build 2: its title changed
        // (derived "q5"), it keeps GUID "q1" by similarity. Build 3: a new
        // question derives "q1", which the GIL note still holds.
        let first = assign(&deck(vec![question("q1", "GIL?", GIL)]), None, 1, &fp, "nt");
        let second = assign(
            &deck(vec![question("q5", "The GIL", GIL)]),
            Some(&first.ids),
            2,
            &fp,
            "nt",
        );
        assert_eq!(second.deck.questions[0].id, "q1");
        let third = assign(
            &deck(vec![
                question("q5", "The GIL", GIL),
                question("q1", "Other", IS),
            ]),
            Some(&second.ids),
            3,
            &fp,
            "nt",
        );
        let ids: Vec<&str> = third.deck.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["q1", "q1-2"]);
        let mut used: HashSet<String> = ["x".to_string(), "x-2".to_string()].into();
        assert_eq!(unique("x", &mut used), "x-3");
    }

    #[test]
    fn every_renamed_question_of_a_large_deck_keeps_its_guid() {
        // 500 answers of 40 pseudo-random words from 300: distinct texts.
        let mut state: u64 = 42;
        let mut word = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            format!("w{}", (state >> 33) % 300)
        };
        let questions: Vec<Question> = (0..500)
            .map(|i| {
                let answer: Vec<String> = (0..40).map(|_| word()).collect();
                question(&format!("old{i}"), &format!("Q{i}"), &answer.join(" "))
            })
            .collect();
        let first = assign(&deck(questions.clone()), None, 1, &fp, "nt");
        let renamed: Vec<Question> = questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let mut q = q.clone();
                q.id = format!("new{i}");
                q.title = format!("Renamed {i}");
                q
            })
            .collect();
        let second = assign(&deck(renamed), Some(&first.ids), 2, &fp, "nt");
        for (i, q) in second.deck.questions.iter().enumerate() {
            assert_eq!(q.id, format!("old{i}"));
        }
        assert_eq!(second.rematched.len(), 500);
    }
}
