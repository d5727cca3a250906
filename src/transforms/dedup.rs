//! Near-duplicate questions across sources: found, clustered and merged.
//!
//! Five documents about Python interviews ask many of the same questions in
//! different words (the GIL, `is` vs `==`, decorators, …). This pass finds
//! them and makes one question of each group, keeping every occurrence.
//!
//! 1. **Profiles** ([`profile`], in parallel with rayon). Each question is
//!    reduced to three weighted term vectors: its *question stem* (the
//!    title's content words), its *key terms* (the answer's prose and code
//!    comments, with the title's words counted [`TITLE_BOOST`] times, the
//!    top [`KEY_TERMS`] by weight) and its *code identifiers* (names used
//!    in its code blocks, keywords and common built-ins left out; the top
//!    [`CODE_TERMS`]). Words are lowercased, function words and interview
//!    scaffolding (`explain`, `difference`, `when`, …) dropped, and stemmed
//!    with the Snowball English stemmer (rust-stemmers), British `-ise`
//!    spellings first made `-ize` (`optimisation` and `optimization` meet). Weights are TF-IDF
//!    (Salton & Buckley 1988: `(1 + ln tf) · idf`,
//!    `idf = ln((1 + N) / (1 + df)) + 1` over the questions being
//!    deduplicated), each vector L2-normalised.
//! 2. **Candidate pairs** by MinHash and LSH banding (Broder 1997; Indyk &
//!    Motwani 1998; Leskovec, Rajaraman & Ullman, *Mining of Massive
//!    Datasets*, §3.4). A question's *sketch* is the set of its stem terms
//!    and its top [`SKETCH_TERMS`] key terms; its MinHash signature
//!    ([`crate::transforms::minhash`], [`SKETCH_LEN`] values) is cut into
//!    bands of [`BAND_ROWS`] rows, and only questions sharing at least
//!    [`MIN_SHARED_BANDS`] bands are ever compared. A band whose bucket
//!    would hold more than [`MAX_BUCKET`] questions (a term very many
//!    share) also takes the next band's value, as a two-row band would.
//!    Cost grows with the number of questions, not its square.
//! 3. **Verification** ([`similarity`], in parallel): the weighted sum of
//!    the three cosines, in 0..=1 ([`Score`], [`WEIGHTS_TITLED`],
//!    [`WEIGHTS_GENERATED`]). A title written from the answer
//!    (`generated`) says little, so for such a pair the stem counts less;
//!    where one side has no code, the key terms take the code's weight.
//!    A title asking for a comparison (`X vs Y`, the difference between
//!    `X` and `Y`) and a question that names at most one of the things
//!    compared count [`COMPARISON_FACTOR`] of their score: a comparison is
//!    not the question about one of its sides, nor about their category
//!    — nor an answer about one side that mentions another in passing
//!    ([`COMPARISON_BALANCE`]).
//!    Likewise a title naming two or more things by their code or proper
//!    names ([`named_subjects`]: `TypeVar, Generic, Protocol`) and a
//!    general question naming none (`type hints & annotations`), both
//!    titles a document's own, count [`SUBJECTS_FACTOR`]: a general
//!    question is not one about named sub-features of its topic. So does
//!    such a title and a question with a generated title whose answer
//!    never mentions one of the things named: it answers less, or
//!    something else.
//! 4. **Clustering** without chaining ([`cluster`]): questions are taken
//!    best first ([`TitleOrigin`] original → repaired → recovered →
//!    generated, then the longer answer, then the id); the first question
//!    not yet in a cluster becomes a cluster's *canonical* question, and
//!    every candidate of it not yet in a cluster joins when its score
//!    *against the canonical* reaches the threshold — best score first, and
//!    a second question from a document already in the cluster only with
//!    [`SAME_DOCUMENT_MARGIN`] more, unless both titles were written by
//!    people and their stems agree ([`SAME_DOCUMENT_STEM`]). A member is therefore always similar
//!    to the question that leads its cluster, never only to another
//!    member: a GIL question cannot pull in every concurrency question
//!    through a chain of pairs (leader clustering: Hartigan, *Clustering
//!    Algorithms*, 1975, ch. 3). A question this pass left alone that came
//!    within [`NEAR_MISS_MARGIN`] of a canonical question then joins its
//!    cluster if it reaches the threshold against one of the first
//!    [`SECOND_CHANCE_MEMBERS`] members after it: an answer in
//!    a few lines or one that covers a narrower part seldom reaches the
//!    threshold against the longest, broadest answer, yet does against a
//!    member nearer its size (`What is the context manager protocol?`).
//!    It also joins, from a document not yet there, when it comes within
//!    [`CONSENSUS_MARGIN`] of the threshold against each of
//!    [`CONSENSUS_MEMBERS`] members: a broad answer that is a little too
//!    far from every narrower formulation of its question (`What is
//!    asyncio?`), where a question on a part of the topic is far from one.
//! 5. **Merge** ([`merge`]), deterministic: see [`merge`] for the policy.
//!    A question whose title was lost takes the title of a duplicate that
//!    kept it (`recovered`), also when clusters are not merged.
//!
//! [`Overrides`] (an `input/pyqconv.toml` the user edits) force merges and
//! splits and choose canonical questions, keyed by question ids; ids that no
//! longer exist give a warning.
//!
//! The result does not depend on the order of the input questions or on
//! the number of threads: every choice is made in a total order of
//! questions that depends only on their content and ids, and every parallel
//! step only computes values that are then combined in that order.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::LazyLock;

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::model::{Question, TitleOrigin};
use crate::transforms::minhash::Signature;
use crate::transforms::tag_value;

/// Default least [`Score::total`] (0..=1) for a question to join a
/// cluster's canonical question (`--similarity`). Chosen by measuring
/// against the independent reading in `tests/gold/duplicates.tsv`: see the
/// README's "Duplicates" section for the figures.
pub const DEFAULT_THRESHOLD: f64 = 0.4;

/// How much more than the threshold a second question *from a document
/// already in the cluster* needs to join it. A document seldom asks one
/// question twice; where two of its questions both resemble a canonical
/// question, the better one is its occurrence and the other is most often
/// a neighbouring, narrower question (`GIL released during I/O?` beside
/// `What is the GIL?`).
pub const SAME_DOCUMENT_MARGIN: f64 = 0.25;

/// Stem similarity (0..=1) from which a second question of a document
/// already in a cluster joins at the plain threshold, without
/// [`SAME_DOCUMENT_MARGIN`], when neither title was generated: the
/// document restates a question it asked before, as a summary section
/// does (`What are metaclasses and when would you use them?` after
/// `Metaclasses`).
pub const SAME_DOCUMENT_STEM: f64 = 0.8;

/// How many members of a cluster after its canonical question, best
/// first, a question the leader pass left alone is compared with for its
/// second chance ([`cluster`]). Measured on the reading: 2 to 8 give the
/// same clusters, 1 loses one; the cost is this many scores per near miss.
pub const SECOND_CHANCE_MEMBERS: usize = 4;

/// How many members of a cluster (its canonical question among them) a
/// question the leader pass left alone must each come within
/// [`CONSENSUS_MARGIN`] of the threshold against, in its second chance,
/// when it reaches the threshold against none ([`cluster`]): a broad
/// answer scores a little lower against each of several narrower
/// formulations of its question, but against all of them (`What is
/// asyncio?`, 246 words, scores 0.28 to 0.35 against the three answers of
/// `How does asyncio work? …`), where a question on a part of a topic
/// comes near one or two members and far from another (`What are
/// contextlib utilities?`: 0.31, 0.33, then 0.22). Measured on the
/// reading (see [`DEFAULT_THRESHOLD`]): 2 merges different questions, 4
/// merges nothing the rules did not. A question from a document already
/// in the cluster joins by consensus only when it also reaches the
/// threshold against that document's own occurrence, as a summary
/// section's restatement does (`What is the GIL and how does it affect
/// multithreading?`, five lines, 0.47 against its document's `What is the
/// GIL (global interpreter lock)?` and 0.31 to 0.37 against the others).
pub const CONSENSUS_MEMBERS: usize = 3;

/// How far (0..=1) below the threshold each of [`CONSENSUS_MEMBERS`]
/// members' scores may be for a question to join their cluster by
/// consensus. Measured on the reading (see [`DEFAULT_THRESHOLD`]): 0.12 to
/// 0.18 give the same clusters at the default threshold, 0.1 none more
/// than without the rule, 0.2 one question merged against the reading.
pub const CONSENSUS_MARGIN: f64 = 0.15;

/// Pairs scoring at least `threshold - NEAR_MISS_MARGIN` but below the
/// threshold, in different clusters, are reported as near misses.
pub const NEAR_MISS_MARGIN: f64 = 0.12;

/// Number of key terms (highest TF-IDF weight) kept per question.
pub const KEY_TERMS: usize = 80;

/// Number of code identifiers (highest TF-IDF weight) kept per question.
pub const CODE_TERMS: usize = 32;

/// How many times a title word counts among the key terms: a title names
/// what the answer is about.
pub const TITLE_BOOST: usize = 4;

/// Number of key terms, besides the stem terms, in a question's sketch.
pub const SKETCH_TERMS: usize = 16;

/// Length of the sketch's MinHash signature.
pub const SKETCH_LEN: usize = 64;

/// Rows per LSH band: [`SKETCH_LEN`] values make 64 bands of 2. Two
/// questions whose sketches have Jaccard similarity `J` become a candidate
/// pair with probability `1 − (1 − J²)^64`: 0.92 at `J = 0.2`, 0.76 at
/// `J = 0.15`.
pub const BAND_ROWS: usize = 1;

/// Least number of LSH bands a question must share with a canonical
/// question to be compared with it. Measured on `input/`: 122 of the 124
/// pairs that reach the default threshold share at least 2 of the 64
/// bands, and one in five candidate pairs shares only one; on the
/// 100,000-question benchmark, 1 instead of 2 costs half as much time again.
pub const MIN_SHARED_BANDS: usize = 2;

/// Most questions an LSH bucket holds before it is split by the next
/// band's value (see [`cluster`]): no bucket of the questions in `input/`
/// comes near it, while among 100,000 a term nearly all share makes
/// buckets of thousands that every canonical question would scan.
pub const MAX_BUCKET: usize = 1000;

/// Weights `(stem, key terms, code)` of [`Score::total`] when both titles
/// were written by a document (original, repaired or recovered). Measured
/// on the reading (see [`DEFAULT_THRESHOLD`]): the key terms carry most of
/// the evidence, and results change little for weights near these.
pub const WEIGHTS_TITLED: (f64, f64, f64) = (0.15, 0.7, 0.15);

/// Weights `(stem, key terms, code)` when at least one title was written
/// from its answer (`generated`): such a title says less.
pub const WEIGHTS_GENERATED: (f64, f64, f64) = (0.1, 0.7, 0.15);

/// Factor (0..=1) of [`Score::total`] for a pair where one title asks for
/// a comparison (`What is the difference between __repr__ and __str__?`)
/// and the other question names at most one of the things compared
/// (`What are Python's dunder methods?`): a comparison of named things and
/// a question about one of them, or about the broader category, are
/// different questions, however many words their answers share. Measured
/// on the reading (see [`DEFAULT_THRESHOLD`]): 0.5 to 0.7 give the same
/// clusters at the default threshold; 0.8 leaves `list.sort()` vs
/// `sorted()` with `sorting guarantees`.
pub const COMPARISON_FACTOR: f64 = 0.7;

/// Factor (0..=1) of [`Score::total`] for a pair where one title names
/// two or more things by their code or proper names and the other, a
/// general question, names none of them ([`named_subjects`]): `What are
/// Python's type hints and when should you use TypeVar, Generic,
/// Protocol?` and `Explain type hints & annotations.` share most of their
/// answers' words, yet one asks about named sub-features. Not applied on
/// top of [`COMPARISON_FACTOR`]. Measured on the reading (see
/// [`DEFAULT_THRESHOLD`]): 0.5 to 0.65 give the same clusters at the
/// default threshold; 0.7 leaves `Explain type hints & annotations.` with
/// `... when should you use TypeVar, Generic, Protocol?` (0.579 before
/// the factor).
pub const SUBJECTS_FACTOR: f64 = 0.6;

/// Number of heaviest key terms ([`Profile::top_terms`]) that name what
/// an answer covers, for [`COMPARISON_FACTOR`]: `What is Python's with
/// statement?` covers `__enter__`/`__exit__` and `@contextmanager` in its
/// answer. 12 to 24 give the same clusters on the reading.
pub const TOP_TERMS: usize = 16;

/// Least share (0..=1) of the other answer's words a comparison's answer
/// needs for the other *answer's* [`TOP_TERMS`] (not only its title) to
/// name the things compared. A comparison answered in a few lines
/// (`list.sort()` vs `sorted()`, 15 words) asks only the comparison, even
/// if a longer answer about sorting (155 words) mentions both; a
/// comparison answered at length covers the topic around it.
pub const COMPARISON_ANSWER_SHARE: f64 = 0.5;

/// Least weight, as a share (0..=1) of the heaviest compared thing's, that
/// a thing compared must have among the key terms of a question that
/// compares nothing itself, for that question's answer (not its title) to
/// name it ([`COMPARISON_FACTOR`]): an answer about `@dataclass` that says
/// once it is immutable "like a namedtuple" is about one side of
/// `namedtuple, dataclass, and when do you use each?`, not both. Measured
/// on the reading (see [`DEFAULT_THRESHOLD`]): that answer's `namedtuple`
/// weighs 0.34 of its `dataclass`; 0.4 to 0.7 give the same clusters.
pub const COMPARISON_BALANCE: f64 = 0.5;

/// A sparse term vector: `(term, weight)` sorted by term (the low 32 bits
/// of the term's hash), with unit L2 norm (or empty).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TermVector(Vec<(u32, f32)>);

impl TermVector {
    /// Builds a unit vector from `(term hash, weight)` pairs, keeping the
    /// `keep` heaviest (ties: smaller term first). Non-positive weights
    /// dropped.
    fn new(mut weights: Vec<(u64, f32)>, keep: usize) -> TermVector {
        weights.retain(|&(_, w)| w > 0.0);
        weights.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        weights.truncate(keep);
        let norm = weights.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt();
        let mut v: Vec<(u32, f32)> = weights
            .into_iter()
            .map(|(t, w)| (t as u32, w / norm))
            .collect();
        v.sort_by_key(|&(t, _)| t);
        v.dedup_by_key(|&mut (t, _)| t);
        TermVector(v)
    }

    /// Whether the vector has no terms.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Cosine similarity with `other`, in 0..=1 (weights are positive);
    /// 0 when either is empty. A merge of the two sorted term lists that
    /// advances without branching on the comparison.
    pub fn cosine(&self, other: &TermVector) -> f64 {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut dot) = (0, 0, 0.0f32);
        while i < a.len() && j < b.len() {
            let (x, y) = (a[i], b[j]);
            if x.0 == y.0 {
                dot += x.1 * y.1;
            }
            i += usize::from(x.0 <= y.0);
            j += usize::from(y.0 <= x.0);
        }
        f64::from(dot).clamp(0.0, 1.0)
    }

    /// The weight of `term` (0 when absent).
    fn weight(&self, term: u32) -> f32 {
        self.0
            .binary_search_by_key(&term, |&(t, _)| t)
            .map_or(0.0, |k| self.0[k].1)
    }

    fn terms(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().map(|&(t, _)| t)
    }

    fn heaviest(&self, n: usize) -> Vec<u32> {
        let mut v = self.0.clone();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.into_iter().take(n).map(|(t, _)| t).collect()
    }
}

/// What deduplication knows of one question.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The title's content words, weighted by IDF.
    pub stem: TermVector,
    /// The answer's prose and code comments plus the title (counted
    /// twice): the [`KEY_TERMS`] heaviest terms.
    pub key_terms: TermVector,
    /// Identifiers of the answer's code.
    pub code: TermVector,
    /// MinHash signature of the sketch (stem terms and the top
    /// [`SKETCH_TERMS`] key terms), for LSH candidates.
    pub sketch: Signature,
    /// Whether a document wrote the title (not `generated`).
    pub titled: bool,
    /// Words in the answer (prose and code): how complete it is.
    pub answer_words: usize,
    /// Every word of the title, function words included, stemmed and
    /// hashed as key terms are; sorted.
    pub title_words: Vec<u32>,
    /// The [`TOP_TERMS`] heaviest key terms; sorted.
    pub top_terms: Vec<u32>,
    /// The things the title compares ([`comparison_sides`]), each side
    /// as the hashes of its distinctive words; empty when the title
    /// compares nothing.
    pub compared: Vec<Vec<u32>>,
    /// The things the title names by a code or proper name
    /// ([`named_subjects`]), each as the hashes of its words; empty for a
    /// generated title.
    pub subjects: Vec<Vec<u32>>,
    /// When the title is a document's own and names two or more things
    /// ([`named_subjects`]): per name, the terms that would mention it
    /// (prose hashes of its stemmed words, code hashes of its words as
    /// written: `TypedDict` → `typeddict`); else empty.
    pub subject_terms: Vec<Vec<u64>>,
    /// The terms of this question (title, prose, code) that are among
    /// some question's [`Profile::subject_terms`]; sorted.
    pub mentions: Vec<u64>,
}

/// The words of one question, before weighting: stemmed content words of
/// the title and of the answer's prose, identifiers of its code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms {
    /// Title content words, stemmed.
    pub stem: Vec<String>,
    /// Answer prose and code-comment content words, stemmed.
    pub prose: Vec<String>,
    /// Code identifiers, as written (lowercased).
    pub code: Vec<String>,
    /// Words in the answer, prose and code.
    pub answer_words: usize,
}

/// English function words and the words interview questions are built from
/// (`explain`, `difference`, `python`): they say nothing about which
/// question is asked.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "else",
    "etc",
    "few",
    "for",
    "from",
    "further",
    "get",
    "gets",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "let",
    "like",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "two",
    "under",
    "until",
    "up",
    "us",
    "very",
    "via",
    "vs",
    "versus",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "you",
    "your",
    "yours",
    "e",
    "g",
    "ie",
    "eg",
    "s",
    "t",
    // Interview scaffolding.
    "explain",
    "describe",
    "difference",
    "differences",
    "different",
    "differ",
    "compare",
    "comparison",
    "python",
    "pythons",
    "use",
    "uses",
    "used",
    "using",
    "usage",
    "work",
    "works",
    "working",
    "mean",
    "means",
    "meaning",
    "purpose",
    "example",
    "examples",
    "question",
    "questions",
    "answer",
    "key",
    "point",
    "points",
    "way",
    "ways",
    "thing",
    "things",
    "make",
    "makes",
    "good",
    "common",
    "important",
    "main",
    "really",
    "well",
    "many",
    "know",
];

/// Python keywords and built-ins so common in code that they tell no two
/// answers apart.
const COMMON_CODE: &[&str] = &[
    "false",
    "none",
    "true",
    "and",
    "as",
    "assert",
    "async",
    "await",
    "break",
    "class",
    "continue",
    "def",
    "del",
    "elif",
    "else",
    "except",
    "finally",
    "for",
    "from",
    "global",
    "if",
    "import",
    "in",
    "is",
    "lambda",
    "nonlocal",
    "not",
    "or",
    "pass",
    "raise",
    "return",
    "try",
    "while",
    "with",
    "yield",
    "match",
    "case",
    "self",
    "cls",
    "print",
    "len",
    "range",
    "str",
    "int",
    "float",
    "bool",
    "list",
    "dict",
    "set",
    "tuple",
    "object",
    "type",
    "isinstance",
    "super",
    "args",
    "kwargs",
    "__init__",
    "__name__",
    "__main__",
    "x",
    "y",
    "i",
    "j",
    "k",
    "n",
    "a",
    "b",
    "c",
    "f",
    "e",
    "v",
    "obj",
    "value",
    "result",
    "data",
    "func",
    "item",
    "items",
];

/// [`STOP_WORDS`] as a set.
static STOP_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| STOP_WORDS.iter().copied().collect());

/// [`COMMON_CODE`] as a set.
static COMMON_CODE_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| COMMON_CODE.iter().copied().collect());

thread_local! {
    /// Stems already computed on this thread (memoisation only: the stem
    /// of a word does not depend on the thread).
    static STEMS: RefCell<(Stemmer, FxHashMap<String, String>)> =
        RefCell::new((Stemmer::create(Algorithm::English), FxHashMap::default()));
}

/// Calls `f` with the Snowball English stem of `word` (lowercase); words
/// with `_` or a digit are names and kept whole.
fn with_stem<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if word.contains('_') || word.bytes().any(|b| b.is_ascii_digit()) {
        return f(word);
    }
    STEMS.with(|cell| {
        let mut cell = cell.borrow_mut();
        let (stemmer, cache) = &mut *cell;
        if !cache.contains_key(word) {
            let stemmed = stemmer.stem(&american_spelling(word)).into_owned();
            cache.insert(word.to_string(), stemmed);
        }
        f(&cache[word])
    })
}

/// British `-ise` spellings that are `-ize` in American English, for the
/// stems that cannot be exceptions: `-isation` (`optimisation`) always,
/// and `-ise`, `-ised`, `-ises`, `-ising`, `-iser` after `al`, `im`,
/// `on`, `gn` and `ar` (`serialise`, `optimise`, `synchronise`,
/// `recognise`, `summarise`) — endings no `-ise` word of English shares
/// save a handful kept as they are (`compromise`, `surmise`). The
/// Snowball stemmer then gives both spellings one stem (`optim`).
fn american_spelling(word: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if let Some(at) = word.find("isation") {
        return Cow::Owned(format!("{}ization{}", &word[..at], &word[at + 7..]));
    }
    for ending in ["ise", "ised", "ises", "ising", "iser", "isers"] {
        if let Some(stem) = word.strip_suffix(ending)
            && stem.len() >= 3
            && ["al", "im", "on", "gn", "ar"]
                .iter()
                .any(|e| stem.ends_with(e))
            && !matches!(
                word,
                "compromise" | "compromised" | "compromises" | "surmise"
            )
        {
            return Cow::Owned(format!("{stem}{}", ending.replacen('s', "z", 1)));
        }
    }
    Cow::Borrowed(word)
}

/// Which part of a question a term comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Stem,
    Prose,
    Code,
}

/// Calls `f` with each lowercase word of `text` (a run of letters,
/// digits and `_`), through one reused buffer.
fn each_word(text: &str, buffer: &mut String, mut f: impl FnMut(&str)) {
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
        if raw.is_empty() {
            continue;
        }
        buffer.clear();
        if raw.bytes().any(|b| b.is_ascii_uppercase()) || !raw.is_ascii() {
            buffer.extend(raw.chars().flat_map(char::to_lowercase));
        } else {
            buffer.push_str(raw);
        }
        f(buffer);
    }
}

/// Operators that questions are asked about (`is` vs `==`), kept as terms
/// where prose mentions them; `is` itself is a function word.
const OPERATORS: &[(&str, &str)] = &[("==", "op_eq"), ("!=", "op_ne"), (":=", "op_walrus")];

/// Emits the content words of prose `text`, stemmed. A dunder name counts
/// as its bare word (`__slots__` → `slot`), so a heading that lost its
/// underscores still matches.
fn content_words(text: &str, part: Part, buffer: &mut String, emit: &mut impl FnMut(Part, &str)) {
    for (op, term) in OPERATORS {
        for _ in text.matches(op) {
            emit(part, term);
        }
    }
    each_word(text, buffer, |w| {
        let bare = w.trim_matches('_');
        if bare.len() < 2 || bare.bytes().all(|b| b.is_ascii_digit()) || STOP_SET.contains(bare) {
            return;
        }
        with_stem(bare, |stemmed| emit(part, stemmed));
    });
}

/// Every word of `text` stemmed, function words included, each with
/// whether it is a function word; operators as their terms (`==` →
/// `op_eq`), in the order written.
fn all_words(text: &str) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let next = OPERATORS
            .iter()
            .filter_map(|&(op, term)| rest.find(op).map(|at| (at, op, term)))
            .min_by_key(|&(at, _, _)| at);
        let (words, op) = match next {
            Some((at, op, term)) => {
                let words = &rest[..at];
                rest = &rest[at + op.len()..];
                (words, Some(term))
            }
            None => (std::mem::take(&mut rest), None),
        };
        let mut buffer = String::new();
        each_word(words, &mut buffer, |w| {
            let bare = w.trim_matches('_');
            if bare.is_empty() || bare.bytes().all(|b| b.is_ascii_digit()) {
                return;
            }
            with_stem(bare, |stemmed| {
                out.push((stemmed.to_string(), STOP_SET.contains(bare)));
            });
        });
        if let Some(term) = op {
            out.push((term.to_string(), false));
        }
    }
    out
}

/// The things a title compares, when it asks for a comparison (`X vs Y`,
/// `X versus Y`, `the difference between X and Y`, `… between X, Y, and
/// Z`, `X, Y, and when do you use each`): each side as its *distinctive* stemmed words, those no other side
/// has (`async for` and `async with` → `for`, `with`), content words
/// preferred, else function words, else the side's words; empty when the
/// title compares nothing or fewer than two sides are left. A title of
/// more than one clause (split at `?`, `!`, `;` and `. `) asks more than
/// the comparison (`What is the difference between yield and return?
/// What are generator expressions?`) and gives none either.
///
/// ```
/// use pyqconv::transforms::dedup::comparison_sides;
/// assert_eq!(
///     comparison_sides("What is the difference between async for and async with?"),
///     [["for"], ["with"]]
/// );
/// assert_eq!(comparison_sides("What's a classmethod vs staticmethod?"), [["classmethod"], ["staticmethod"]]);
/// assert!(comparison_sides("What are Python's dunder methods?").is_empty());
/// assert_eq!(
///     comparison_sides("What is a Python namedtuple, dataclass, and when do you use each?"),
///     [["namedtupl"], ["dataclass"]]
/// );
/// ```
pub fn comparison_sides(title: &str) -> Vec<Vec<String>> {
    /// The things listed before "when do you use each" (and its kin) in
    /// a lowercased clause: `what is a python namedtuple, dataclass, and
    /// when do you use each` → `namedtuple`, `dataclass`.
    fn choice_between(clause: &str) -> Option<Vec<&str>> {
        const ASKS_WHICH: &[&str] = &[
            "when do you use each",
            "when to use each",
            "when to use which",
            "when should you use each",
            "when would you use each",
            "which should you use",
            "which to use",
        ];
        let at = ASKS_WHICH.iter().filter_map(|m| clause.find(m)).min()?;
        let listed = clause[..at]
            .trim_end()
            .trim_end_matches([',', ':', '—', '-'])
            .trim_end();
        let listed = listed.strip_suffix(" and").unwrap_or(listed);
        let listed = listed.trim_end_matches(',');
        // Drop the question's opening (`what is a python`, `what are`).
        let words: Vec<&str> = listed.split_whitespace().collect();
        let skip = words
            .iter()
            .take_while(|w| {
                matches!(
                    **w,
                    "what" | "what's" | "is" | "are" | "a" | "an" | "the" | "python" | "python's"
                )
            })
            .count();
        let start = words
            .get(skip)
            .and_then(|w| listed.find(w))
            .unwrap_or(listed.len());
        let parts: Vec<&str> = listed[start..]
            .split(',')
            .flat_map(|p| p.split(" and "))
            .flat_map(|p| p.split(" or "))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        (parts.len() >= 2).then_some(parts)
    }
    let lower = title.to_lowercase();
    let clauses: Vec<&str> = lower
        .split(['?', '!', ';'])
        .flat_map(|c| c.split(". "))
        .map(|c| c.trim().trim_end_matches('.'))
        .filter(|c| !c.is_empty())
        .collect();
    if clauses.len() > 1 {
        return Vec::new();
    }
    for clause in clauses {
        let versus: Vec<&str> = clause
            .split(" versus ")
            .flat_map(|p| p.split(" vs. "))
            .flat_map(|p| p.split(" vs "))
            .collect();
        let parts: Vec<&str> = if let Some(at) = clause.find("difference between ") {
            let mut parts = Vec::new();
            for piece in clause[at + "difference between ".len()..].split(',') {
                parts.extend(piece.split(" and ").flat_map(|p| p.split(" or ")));
            }
            parts
        } else if versus.len() >= 2 {
            versus
        } else if let Some(listed) = choice_between(clause) {
            listed
        } else {
            continue;
        };
        let sides: Vec<Vec<(String, bool)>> = parts
            .iter()
            .map(|p| all_words(p))
            .filter(|w| !w.is_empty())
            .collect();
        if sides.len() < 2 {
            continue;
        }
        let distinct: Vec<Vec<String>> = sides
            .iter()
            .enumerate()
            .map(|(k, side)| {
                let elsewhere = |w: &str| {
                    sides
                        .iter()
                        .enumerate()
                        .any(|(m, s)| m != k && s.iter().any(|(x, _)| x == w))
                };
                let own: Vec<&(String, bool)> =
                    side.iter().filter(|(w, _)| !elsewhere(w)).collect();
                let content: Vec<String> = own
                    .iter()
                    .filter(|(_, stop)| !stop)
                    .map(|(w, _)| w.clone())
                    .collect();
                let mut chosen = if !content.is_empty() {
                    content
                } else if !own.is_empty() {
                    own.iter().map(|(w, _)| w.clone()).collect()
                } else {
                    side.iter().map(|(w, _)| w.clone()).collect()
                };
                chosen.dedup();
                chosen
            })
            .collect();
        return distinct;
    }
    Vec::new()
}

/// The comment of a code line: the text after a `#` that is outside
/// quotes, if any (Python and shell).
fn comment_of(line: &str) -> Option<&str> {
    let mut quote: Option<char> = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '#') => return Some(&line[i + 1..]),
            _ => {}
        }
    }
    None
}

/// The one scanner behind [`terms_of`] and the profiles: emits every term
/// of a question with its part and returns the answer's word count.
fn scan(title: &str, answer_markdown: &str, mut emit: impl FnMut(Part, &str)) -> usize {
    let mut buffer = String::new();
    let mut answer_words = 0;
    content_words(title, Part::Stem, &mut buffer, &mut emit);
    let mut in_code = false;
    for line in answer_markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if !in_code {
            answer_words += line.split_whitespace().count();
            content_words(line, Part::Prose, &mut buffer, &mut emit);
            continue;
        }
        let code = match comment_of(line) {
            Some(comment) => {
                content_words(comment, Part::Prose, &mut buffer, &mut emit);
                answer_words += comment.split_whitespace().count();
                &line[..line.len() - comment.len() - 1]
            }
            None => line,
        };
        each_word(code, &mut buffer, |w| {
            answer_words += 1;
            let starts_like_name = w.starts_with(|c: char| c.is_alphabetic() || c == '_');
            if starts_like_name && w.len() > 1 && !COMMON_CODE_SET.contains(w) {
                emit(Part::Code, w);
            }
        });
    }
    answer_words
}

/// Splits a question into its [`Terms`]. The answer's fenced code blocks
/// (a line starting with three backticks opens and closes one) give code
/// identifiers and, from their comments, prose; everything else is prose.
///
/// ```
/// use pyqconv::transforms::dedup::terms_of;
/// let t = terms_of(
///     "What are Python's decorators?",
///     "Decorators wrap functions.\n\n```python\n@cache  # memoises\ndef fib(n): ...\n```\n",
/// );
/// assert_eq!(t.stem, ["decor"]);
/// assert_eq!(t.prose, ["decor", "wrap", "function", "memois"]);
/// assert_eq!(t.code, ["cache", "fib"]);
/// assert_eq!(t.answer_words, 8);
/// ```
pub fn terms_of(title: &str, answer_markdown: &str) -> Terms {
    let mut terms = Terms::default();
    terms.answer_words = scan(title, answer_markdown, |part, term| {
        match part {
            Part::Stem => &mut terms.stem,
            Part::Prose => &mut terms.prose,
            Part::Code => &mut terms.code,
        }
        .push(term.to_string())
    });
    terms
}

/// A term's 64-bit hash. Title and prose words share a space (`w`), so a
/// title word and the same word in an answer are one term; code names
/// have their own (`c`).
fn term_hash(part: Part, term: &str) -> u64 {
    let space = if part == Part::Code { b'c' } else { b'w' };
    xxh3_64_with_seed(term.as_bytes(), u64::from(space))
}

/// Hashed terms of one question: prose and code keep repeats (term
/// frequency).
struct Hashed {
    stem: Vec<u64>,
    prose: Vec<u64>,
    code: Vec<u64>,
    titled: bool,
    answer_words: usize,
    title_words: Vec<u32>,
    compared: Vec<Vec<u32>>,
    subjects: Vec<Vec<u32>>,
    subject_terms: Vec<Vec<u64>>,
}

/// A prose word's hash as a [`TermVector`] holds it.
fn word_hash(word: &str) -> u32 {
    term_hash(Part::Prose, word) as u32
}

fn hashed(question: &Question) -> Hashed {
    let (mut stem, mut prose, mut code) = (Vec::new(), Vec::new(), Vec::new());
    let answer_words = scan(&question.title, &question.answer_markdown, |part, term| {
        let h = term_hash(part, term);
        match part {
            Part::Stem => stem.push(h),
            Part::Prose => prose.push(h),
            Part::Code => code.push(h),
        }
    });
    let mut title_words: Vec<u32> = all_words(&question.title)
        .iter()
        .map(|(w, _)| word_hash(w))
        .collect();
    title_words.sort_unstable();
    title_words.dedup();
    let compared = comparison_sides(&question.title)
        .iter()
        .map(|side| side.iter().map(|w| word_hash(w)).collect())
        .collect();
    let titled = question.title_origin != TitleOrigin::Generated;
    let subjects = if titled {
        named_subjects(&question.title)
            .iter()
            .map(|words| words.iter().map(|w| word_hash(w)).collect())
            .collect()
    } else {
        Vec::new()
    };
    let subject_terms = if subjects.len() >= 2 {
        subject_terms(&question.title)
    } else {
        Vec::new()
    };
    Hashed {
        subject_terms,
        stem,
        prose,
        code,
        titled,
        answer_words,
        title_words,
        compared,
        subjects,
    }
}

/// Term frequencies, sorted by term.
fn counts(terms: &[u64]) -> Vec<(u64, u32)> {
    let mut sorted = terms.to_vec();
    sorted.sort_unstable();
    let mut out: Vec<(u64, u32)> = Vec::new();
    for t in sorted {
        match out.last_mut() {
            Some((last, n)) if *last == t => *n += 1,
            _ => out.push((t, 1)),
        }
    }
    out
}

/// Profiles of `questions`, in their order, computed in parallel. IDF is
/// taken over these questions, so a profile depends on the whole set (but
/// not on its order).
pub fn profile(questions: &[Question]) -> Vec<Profile> {
    let hashed: Vec<Hashed> = questions.par_iter().map(hashed).collect();
    // Document frequency of every term (a question counts once per term).
    let df: FxHashMap<u64, u32> = hashed
        .par_iter()
        .fold(FxHashMap::default, |mut df: FxHashMap<u64, u32>, h| {
            let mut seen: Vec<u64> = h
                .stem
                .iter()
                .chain(&h.prose)
                .chain(&h.code)
                .copied()
                .collect();
            seen.sort_unstable();
            seen.dedup();
            for t in seen {
                *df.entry(t).or_insert(0) += 1;
            }
            df
        })
        .reduce(FxHashMap::default, |mut a, b| {
            for (t, n) in b {
                *a.entry(t).or_insert(0) += n;
            }
            a
        });
    // Every term by which an answer could mention a name some title asks
    // about (`Profile::mentions`).
    let named_terms: rustc_hash::FxHashSet<u64> = hashed
        .iter()
        .flat_map(|h| h.subject_terms.iter().flatten().copied())
        .collect();
    let n = questions.len() as f32;
    let idf = |t: u64| ((1.0 + n) / (1.0 + *df.get(&t).unwrap_or(&0) as f32)).ln() + 1.0;
    hashed
        .par_iter()
        .map(|h| {
            let stem_terms: Vec<(u64, u32)> = counts(&h.stem);
            let stem = TermVector::new(
                stem_terms.iter().map(|&(t, _)| (t, idf(t))).collect(),
                usize::MAX,
            );
            let mut prose = h.prose.clone();
            for _ in 0..TITLE_BOOST {
                prose.extend_from_slice(&h.stem);
            }
            let tf_idf = |terms: &[u64]| -> Vec<(u64, f32)> {
                counts(terms)
                    .into_iter()
                    .map(|(t, tf)| (t, (1.0 + (tf as f32).ln()) * idf(t)))
                    .collect()
            };
            let key_terms = TermVector::new(tf_idf(&prose), KEY_TERMS);
            let code = TermVector::new(tf_idf(&h.code), CODE_TERMS);
            let mut sketch: Vec<u64> = stem.terms().map(u64::from).collect();
            sketch.extend(key_terms.heaviest(SKETCH_TERMS).into_iter().map(u64::from));
            sketch.sort_unstable();
            sketch.dedup();
            let mut top_terms = key_terms.heaviest(TOP_TERMS);
            top_terms.sort_unstable();
            let mut mentions: Vec<u64> = h
                .stem
                .iter()
                .chain(&h.prose)
                .chain(&h.code)
                .filter(|t| named_terms.contains(t))
                .copied()
                .collect();
            mentions.sort_unstable();
            mentions.dedup();
            Profile {
                stem,
                key_terms,
                code,
                sketch: Signature::with_len(&sketch, SKETCH_LEN),
                titled: h.titled,
                answer_words: h.answer_words,
                title_words: h.title_words.clone(),
                top_terms,
                compared: h.compared.clone(),
                subjects: h.subjects.clone(),
                subject_terms: h.subject_terms.clone(),
                mentions,
            }
        })
        .collect()
}

/// A pair's similarity and its parts, each in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// The weighted sum of the parts (times [`COMPARISON_FACTOR`] for a
    /// comparison and a question about one of its sides, or
    /// [`SUBJECTS_FACTOR`] for named sub-features and a general
    /// question): what the threshold is compared with.
    pub total: f64,
    /// Cosine of the question stems (title content words).
    pub stem: f64,
    /// Cosine of the key terms (answer prose with the title).
    pub key_terms: f64,
    /// Cosine of the code identifiers; `None` when either has no code.
    pub code: Option<f64>,
}

/// The similarity of two profiled questions (see the module docs), in
/// 0..=1; symmetric. Where either question has no code, the key terms
/// take the code's weight too; where one title compares things the other
/// question names at most one of, the total is [`COMPARISON_FACTOR`] of
/// the weighted sum, and else, where one title names sub-features the
/// other, general, title does not ([`named_subjects`]), or where a
/// generated title's answer never mentions one of them,
/// [`SUBJECTS_FACTOR`].
pub fn similarity(a: &Profile, b: &Profile) -> Score {
    let (ws, wk, wc) = if a.titled && b.titled {
        WEIGHTS_TITLED
    } else {
        WEIGHTS_GENERATED
    };
    let stem = a.stem.cosine(&b.stem);
    let key_terms = a.key_terms.cosine(&b.key_terms);
    let code = (!a.code.is_empty() && !b.code.is_empty()).then(|| a.code.cosine(&b.code));
    let mut total = (ws * stem + wk * key_terms + wc * code.unwrap_or(key_terms)) / (ws + wk + wc);
    if compares_more(a, b) || compares_more(b, a) {
        total *= COMPARISON_FACTOR;
    } else if names_more(a, b) || names_more(b, a) || leaves_out(a, b) || leaves_out(b, a) {
        total *= SUBJECTS_FACTOR;
    }
    Score {
        total: total.clamp(0.0, 1.0),
        stem,
        key_terms,
        code,
    }
}

/// Whether `a`'s title compares things ([`comparison_sides`]) of which
/// `b` names at most one: a side is named when one of its words is in
/// `b`'s title, or among `b`'s [`TOP_TERMS`] heaviest key terms if `a`'s
/// answer has at least [`COMPARISON_ANSWER_SHARE`] of the words of `b`'s
/// — and, where `b` compares nothing itself, the side weighs at least
/// [`COMPARISON_BALANCE`] of the heaviest side among `b`'s key terms: an
/// answer about one side that mentions another in passing names one.
fn compares_more(a: &Profile, b: &Profile) -> bool {
    if a.compared.is_empty() {
        return false;
    }
    let answer_counts = a.answer_words as f64 >= COMPARISON_ANSWER_SHARE * b.answer_words as f64;
    let in_title = |side: &Vec<u32>| side.iter().any(|w| b.title_words.binary_search(w).is_ok());
    let in_answer = |side: &Vec<u32>| {
        answer_counts && side.iter().any(|w| b.top_terms.binary_search(w).is_ok())
    };
    let weight = |side: &Vec<u32>| {
        side.iter()
            .map(|&w| b.key_terms.weight(w))
            .fold(0.0f32, f32::max)
    };
    let named: Vec<&Vec<u32>> = a
        .compared
        .iter()
        .filter(|side| in_title(side) || in_answer(side))
        .collect();
    if !b.compared.is_empty() {
        return named.len() < 2;
    }
    let heaviest = named.iter().map(|side| weight(side)).fold(0.0f32, f32::max);
    named
        .iter()
        .filter(|side| {
            in_title(side) || f64::from(weight(side)) >= COMPARISON_BALANCE * f64::from(heaviest)
        })
        .count()
        < 2
}

/// Whether `a`'s title names at least two things by a code or proper
/// name ([`named_subjects`]: `TypeVar, Generic, Protocol`) and `b`'s
/// title names none and no word of them (`Explain type hints &
/// annotations.`): a general question and one about named sub-features
/// of its topic (the reading's rule, `tests/gold/duplicates.tsv`). Both
/// titles must be a document's own: a generated title's words are the
/// answer's, not what is asked.
fn names_more(a: &Profile, b: &Profile) -> bool {
    if !(a.titled
        && b.titled
        && a.compared.is_empty()
        && a.subjects.len() >= 2
        && b.subjects.is_empty())
    {
        return false;
    }
    let named = |side: &&Vec<u32>| side.iter().any(|w| b.title_words.binary_search(w).is_ok());
    a.subjects.iter().filter(named).count() < 2
}

/// Whether `a`'s title, a document's own, names two or more things
/// ([`named_subjects`]) and `b`, whose title was generated, mentions one
/// of them nowhere, neither in its title nor in its answer's prose or
/// code: `What are Python's type hints and when should you use TypeVar,
/// Generic, Protocol?` and a tour of `typing` (TypedDict, Literal, Final,
/// overload, ParamSpec) that never says `Protocol`. A generated title says
/// nothing of what was asked, so its answer is all there is to judge;
/// where both titles are a document's own, they decide ([`names_more`]):
/// `… TypeVar, Generic, Protocol?` and `What are TypeVar, Generic,
/// Protocol, and TypedDict?` are one question (the reading,
/// `tests/gold/duplicates.tsv`) though the first answer never mentions
/// `TypedDict`.
fn leaves_out(a: &Profile, b: &Profile) -> bool {
    !b.titled
        && a.subject_terms
            .iter()
            .any(|terms| !terms.iter().any(|t| b.mentions.binary_search(t).is_ok()))
}

/// The things a title names by a code or proper name, each as its
/// stemmed content words, in title order without repeats: a word with
/// `_`, `@`, `()` or a `.` between letters (`__slots__`, `@property`,
/// `field()`, `asyncio.gather`), with a capital after its first letter
/// (`TypeVar`, `GIL`), or capitalised where a sentence does not start
/// (`Generic`, `Pipe`); `Python` is none, nor a hyphenated heading word
/// (`In-Depth`). Such names are what a title asks about specifically,
/// where common nouns (`type hints`) name a topic.
///
/// ```
/// use pyqconv::transforms::dedup::named_subjects;
/// assert_eq!(
///     named_subjects("What are Python's type hints and when should you use TypeVar, Generic, Protocol?"),
///     [["typevar"], ["generic"], ["protocol"]]
/// );
/// assert_eq!(
///     named_subjects("How do @property and field() work? Explain asyncio.gather."),
///     [vec!["properti"], vec!["field"], vec!["asyncio", "gather"]]
/// );
/// assert!(named_subjects("Explain type hints & annotations.").is_empty());
/// assert_eq!(named_subjects("Explain __slots__ In-Depth."), [["slot"]]);
/// ```
pub fn named_subjects(title: &str) -> Vec<Vec<String>> {
    name_tokens(title)
        .into_iter()
        .map(|(words, _)| words)
        .collect()
}

/// The tokens of a title that [`named_subjects`] takes for names, each as
/// its stemmed content words and the token itself, in title order
/// without repeats (of the stemmed words).
fn name_tokens(title: &str) -> Vec<(Vec<String>, &str)> {
    const OPENING: &[char] = &['(', '[', '"', '\'', '\u{201c}', '\u{2018}'];
    const CLOSING: &[char] = &[
        ',', ';', ':', '?', '!', '.', ')', ']', '"', '\'', '\u{201d}', '\u{2019}',
    ];
    let mut out: Vec<(Vec<String>, &str)> = Vec::new();
    let mut sentence_start = true;
    for raw in title.split_whitespace() {
        let token = raw.trim_start_matches(OPENING).trim_end_matches(CLOSING);
        let starts = sentence_start;
        sentence_start = raw.ends_with(['?', '!', ':']) || raw.ends_with('.');
        let chars: Vec<char> = token.chars().collect();
        let Some(&first) = chars.first() else {
            continue;
        };
        let dotted = chars
            .windows(3)
            .any(|w| w[0].is_alphabetic() && w[1] == '.' && w[2].is_alphabetic());
        let code = token.contains(['_', '@']) || raw.contains("()") || dotted;
        let inner_capital = chars
            .windows(2)
            .any(|w| w[0].is_alphanumeric() && w[1].is_uppercase());
        let capitalised = first.is_uppercase() && !starts && !token.contains('-');
        if !(code || inner_capital || capitalised) {
            continue;
        }
        let words: Vec<String> = all_words(token)
            .into_iter()
            .filter(|(_, stop)| !stop)
            .map(|(w, _)| w)
            .collect();
        if !words.is_empty() && !out.iter().any(|(w, _)| *w == words) {
            out.push((words, token));
        }
    }
    out
}

/// The terms by which an answer mentions each thing a title names
/// ([`named_subjects`]): per name, the prose hashes of its stemmed words
/// and the code hashes of its words as written (`TypedDict` →
/// `typeddict`), sorted.
fn subject_terms(title: &str) -> Vec<Vec<u64>> {
    let mut buffer = String::new();
    name_tokens(title)
        .into_iter()
        .map(|(words, token)| {
            let mut terms: Vec<u64> = words.iter().map(|w| term_hash(Part::Prose, w)).collect();
            each_word(token, &mut buffer, |w| {
                if !STOP_SET.contains(w.trim_matches('_')) {
                    terms.push(term_hash(Part::Code, w));
                }
            });
            terms.sort_unstable();
            terms.dedup();
            terms
        })
        .collect()
}

/// The user's corrections, read from a TOML file (`input/pyqconv.toml`):
///
/// ```toml
/// # These questions are one question, whatever their scores.
/// [[merge]]
/// ids = ["q1f0c2d3e4a5b6c7d", "q0a1b2c3d4e5f6071"]
///
/// # These questions are different: never in one cluster.
/// [[split]]
/// ids = ["q1f0c2d3e4a5b6c7d", "q99aa88bb77cc66dd"]
///
/// # This question leads its cluster: its title and answer are kept.
/// [[canonical]]
/// id = "q0a1b2c3d4e5f6071"
/// ```
///
/// Ids are the question ids of the JSON (`id`, and `sources[].id` for each
/// occurrence of a merged question) and of the report's cluster lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// Groups of ids to merge into one question.
    #[serde(default)]
    pub merge: Vec<IdGroup>,
    /// Groups of ids no two of which may share a cluster.
    #[serde(default)]
    pub split: Vec<IdGroup>,
    /// Questions that lead their cluster.
    #[serde(default)]
    pub canonical: Vec<CanonicalChoice>,
}

/// A `[[merge]]` or `[[split]]` entry of [`Overrides`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdGroup {
    /// Question ids.
    pub ids: Vec<String>,
}

/// A `[[canonical]]` entry of [`Overrides`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CanonicalChoice {
    /// The question id.
    pub id: String,
}

impl Overrides {
    /// Parses an overrides file's text.
    ///
    /// # Errors
    /// The TOML error's message (with its line and column) when the text
    /// is not TOML or has keys other than those above.
    pub fn parse(text: &str) -> Result<Overrides, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// Every id the file names, in file order, with duplicates.
    pub fn ids(&self) -> Vec<&str> {
        let groups = self.merge.iter().chain(&self.split);
        groups
            .flat_map(|g| g.ids.iter().map(String::as_str))
            .chain(self.canonical.iter().map(|c| c.id.as_str()))
            .collect()
    }
}

/// Deduplication settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Least [`Score::total`] to join a cluster, in 0..=1.
    pub threshold: f64,
    /// Merge each cluster into one question (`false`: `--no-dedup`; the
    /// clusters are still found, to give titles to questions that lost
    /// theirs).
    pub merge: bool,
    /// The user's corrections.
    pub overrides: Overrides,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            threshold: DEFAULT_THRESHOLD,
            merge: true,
            overrides: Overrides::default(),
        }
    }
}

/// A member of a [`Cluster`]: a question index and its score against the
/// cluster's canonical question (`None` for the canonical itself, and for
/// a member put there by a `[[merge]]` override).
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// Index into the questions given to [`cluster`].
    pub index: usize,
    /// Score against the canonical question.
    pub score: Option<Score>,
}

/// A group of questions found to be one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Canonical question first, then the others in the order they were
    /// taken (best first).
    pub members: Vec<Member>,
    /// Whether a `[[merge]]` override joined it.
    pub forced: bool,
}

/// A pair just under the threshold, left in different clusters.
#[derive(Debug, Clone, PartialEq)]
pub struct NearMiss {
    /// The canonical question that was compared.
    pub canonical: usize,
    /// The question that did not join it.
    pub other: usize,
    /// Their score.
    pub score: Score,
}

/// What [`cluster`] found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clustering {
    /// Every question in exactly one cluster; clusters ordered by their
    /// canonical question's place in the input.
    pub clusters: Vec<Cluster>,
    /// Near misses, best score first.
    pub near_misses: Vec<NearMiss>,
    /// Override ids that name no question.
    pub stale_ids: Vec<String>,
}

/// The order questions are taken in: best title origin, then the longer
/// answer, then the id (unique in a deck) — a total order that depends on
/// content only. Questions a `[[canonical]]` override names come first.
/// The documents a question was read from.
fn paths(question: &Question) -> impl Iterator<Item = &str> {
    question.sources.iter().map(|s| s.path.as_str())
}

fn quality_order(
    questions: &[Question],
    profiles: &[Profile],
    first: &HashSet<&str>,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..questions.len()).collect();
    order.sort_by(|&a, &b| {
        let (qa, qb) = (&questions[a], &questions[b]);
        (!first.contains(qa.id.as_str()))
            .cmp(&!first.contains(qb.id.as_str()))
            .then(qa.title_origin.cmp(&qb.title_origin))
            .then(profiles[b].answer_words.cmp(&profiles[a].answer_words))
            .then(qa.id.cmp(&qb.id))
            .then(
                qa.sources
                    .first()
                    .map(|s| (&s.path, s.line_start))
                    .cmp(&qb.sources.first().map(|s| (&s.path, s.line_start))),
            )
    });
    order
}

/// Splits the LSH buckets that would hold more than [`MAX_BUCKET`]
/// questions: `keys[i][b]` is question `i`'s key for band `b`; where a key
/// is that common, it is rehashed with the same question's key for the
/// next band, as if the band had two rows. Questions that shared the
/// common key and the next band still share a key; the others no longer
/// do. A band whose bucket is that full stands for a term very many
/// questions share, which, like a stop word, says little on its own.
fn split_full_buckets(keys: &mut [Vec<u64>]) {
    let mut size: FxHashMap<u64, usize> = FxHashMap::default();
    for k in keys.iter().flatten() {
        *size.entry(*k).or_insert(0) += 1;
    }
    if !size.values().any(|&n| n > MAX_BUCKET) {
        return;
    }
    keys.par_iter_mut().for_each(|row| {
        let original = row.clone();
        for (b, key) in row.iter_mut().enumerate() {
            if size[key] > MAX_BUCKET {
                let next = original[(b + 1) % original.len()];
                let mut bytes = [0u8; 16];
                bytes[..8].copy_from_slice(&key.to_le_bytes());
                bytes[8..].copy_from_slice(&next.to_le_bytes());
                *key = xxh3_64_with_seed(&bytes, 2);
            }
        }
    });
}

/// What [`second_chance`] needs to know of the questions being clustered.
struct Linkage<'a, F: Fn(usize, usize) -> bool + Sync> {
    profiles: &'a [Profile],
    documents_of: &'a [Vec<u32>],
    rank: &'a [usize],
    threshold: f64,
    /// Whether a `[[split]]` override keeps two questions apart.
    split: &'a F,
}

/// The second chance of a question the leader pass left alone: a near
/// miss of a cluster's canonical question (`near`, at least `threshold −`
/// [`NEAR_MISS_MARGIN`]) joins that cluster when it scores at least the
/// threshold against one of its first [`SECOND_CHANCE_MEMBERS`] other
/// members — the same-document margin and `[[split]]` overrides applying
/// as in the leader pass — or, from a document not yet in the cluster,
/// when it comes within [`CONSENSUS_MARGIN`] of the threshold against
/// each of [`CONSENSUS_MEMBERS`] members, the canonical question among
/// them. Only members the leader pass put there count,
/// so there is no chain: a question is similar to the canonical question
/// (within the margin) and to a member, or to several. Where several clusters qualify,
/// the best score wins (then the earlier cluster); questions are taken in
/// quality order, and a second question from one document does not join
/// one cluster in this pass. Cost: a few scores per near miss.
fn second_chance<F: Fn(usize, usize) -> bool + Sync>(
    clusters: &mut [Cluster],
    cluster_of: &mut [Option<usize>],
    near: &[NearMiss],
    with: &Linkage<'_, F>,
) {
    let first_size: Vec<usize> = clusters.iter().map(|c| c.members.len()).collect();
    let alone = |i: usize| cluster_of[i].is_some_and(|c| first_size[c] == 1);
    let mut offers: Vec<(usize, usize)> = near
        .iter()
        .filter(|n| alone(n.other) && !alone(n.canonical))
        .filter_map(|n| cluster_of[n.canonical].map(|c| (n.other, c)))
        .collect();
    offers.sort_unstable_by_key(|&(q, c)| (with.rank[q], c));
    offers.dedup();
    let clusters_ro: &[Cluster] = clusters;
    let mut accepted: Vec<(usize, usize, f64, Score)> = offers
        .par_iter()
        .filter_map(|&(q, c)| {
            let members = &clusters_ro[c].members;
            if members.iter().any(|m| (with.split)(m.index, q)) {
                return None;
            }
            let repeats = members.iter().any(|m| {
                with.documents_of[m.index]
                    .iter()
                    .any(|d| with.documents_of[q].contains(d))
            });
            let needed = with.threshold + if repeats { SAME_DOCUMENT_MARGIN } else { 0.0 };
            let best = members[1..first_size[c].min(SECOND_CHANCE_MEMBERS + 1)]
                .iter()
                .map(|m| similarity(&with.profiles[m.index], &with.profiles[q]).total)
                .fold(0.0f64, f64::max);
            let canonical = similarity(&with.profiles[members[0].index], &with.profiles[q]);
            if best >= needed {
                return Some((q, c, best, canonical));
            }
            // A question its own document already asked in this cluster
            // may still join by consensus when it reaches the threshold
            // against that occurrence: a summary section restating it.
            let restates = repeats
                && members[..first_size[c]].iter().any(|m| {
                    with.documents_of[m.index]
                        .iter()
                        .any(|d| with.documents_of[q].contains(d))
                        && similarity(&with.profiles[m.index], &with.profiles[q]).total
                            >= with.threshold
                });
            let agreed = ((!repeats || restates) && first_size[c] >= CONSENSUS_MEMBERS)
                .then(|| {
                    let scores: Vec<f64> = members[..first_size[c]]
                        .iter()
                        .map(|m| similarity(&with.profiles[m.index], &with.profiles[q]).total)
                        .collect();
                    consensus(&scores, with.threshold)
                })
                .flatten();
            agreed.map(|least| (q, c, least, canonical))
        })
        .collect();
    accepted.sort_by(|a, b| {
        with.rank[a.0]
            .cmp(&with.rank[b.0])
            .then(b.2.total_cmp(&a.2))
            .then(a.1.cmp(&b.1))
    });
    let mut joined: Vec<(usize, Vec<u32>)> = Vec::new();
    let mut moved: HashSet<usize> = HashSet::new();
    for (q, c, _, canonical) in accepted {
        if moved.contains(&q) {
            continue;
        }
        let documents = &with.documents_of[q];
        if joined
            .iter()
            .any(|(into, docs)| *into == c && docs.iter().any(|d| documents.contains(d)))
        {
            continue;
        }
        joined.push((c, documents.clone()));
        moved.insert(q);
        if let Some(from) = cluster_of[q] {
            clusters[from].members.clear();
        }
        cluster_of[q] = Some(c);
        clusters[c].members.push(Member {
            index: q,
            score: Some(canonical),
        });
    }
}

/// The least of the [`CONSENSUS_MEMBERS`] best of `scores` (a question's
/// scores against a cluster's members, in 0..=1) when each of them comes
/// within [`CONSENSUS_MARGIN`] of `threshold`; `None` when fewer members
/// agree.
fn consensus(scores: &[f64], threshold: f64) -> Option<f64> {
    let mut best = scores.to_vec();
    best.sort_by(|a, b| b.total_cmp(a));
    let least = *best.get(CONSENSUS_MEMBERS - 1)?;
    (least >= threshold - CONSENSUS_MARGIN).then_some(least)
}

/// Clusters `questions` (see the module docs). `threshold` in 0..=1.
pub fn cluster(
    questions: &[Question],
    profiles: &[Profile],
    threshold: f64,
    overrides: &Overrides,
) -> Clustering {
    let index_of: HashMap<&str, usize> = questions
        .iter()
        .enumerate()
        .flat_map(|(i, q)| {
            std::iter::once((q.id.as_str(), i)).chain(
                q.sources
                    .iter()
                    .filter_map(move |s| s.id.as_deref().map(|id| (id, i))),
            )
        })
        .collect();
    let mut stale: Vec<String> = overrides
        .ids()
        .into_iter()
        .filter(|id| !index_of.contains_key(id))
        .map(str::to_string)
        .collect();
    stale.sort();
    stale.dedup();
    let resolve = |ids: &[String]| -> Vec<usize> {
        let mut v: Vec<usize> = ids
            .iter()
            .filter_map(|id| index_of.get(id.as_str()).copied())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let mut apart: HashSet<(usize, usize)> = HashSet::new();
    for group in &overrides.split {
        let members = resolve(&group.ids);
        for (k, &a) in members.iter().enumerate() {
            for &b in &members[k + 1..] {
                apart.insert((a, b));
            }
        }
    }
    let split = |a: usize, b: usize| apart.contains(&(a.min(b), a.max(b)));
    let first: HashSet<&str> = overrides
        .canonical
        .iter()
        .filter_map(|c| {
            index_of
                .get(c.id.as_str())
                .map(|&i| questions[i].id.as_str())
        })
        .collect();
    let order = quality_order(questions, profiles, &first);
    let mut rank = vec![0; questions.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }

    // The documents each question was read from, as small numbers.
    let mut document_number: HashMap<&str, u32> = HashMap::new();
    let documents_of: Vec<Vec<u32>> = questions
        .iter()
        .map(|q| {
            let mut v: Vec<u32> = paths(q)
                .map(|p| {
                    let next = document_number.len() as u32;
                    *document_number.entry(p).or_insert(next)
                })
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();

    // LSH buckets: band key → question indices, in quality order.
    let mut keys: Vec<Vec<u64>> = profiles
        .par_iter()
        .map(|p| p.sketch.band_keys(BAND_ROWS))
        .collect();
    split_full_buckets(&mut keys);
    let mut buckets: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for &i in &order {
        for &key in &keys[i] {
            buckets.entry(key).or_default().push(i);
        }
    }

    let mut cluster_of: Vec<Option<usize>> = vec![None; questions.len()];
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut near: Vec<NearMiss> = Vec::new();
    let mut hits: Vec<u16> = vec![0; questions.len()];
    let floor = threshold - NEAR_MISS_MARGIN;
    for &leader in &order {
        if cluster_of[leader].is_some() {
            continue;
        }
        let id = clusters.len();
        cluster_of[leader] = Some(id);
        // Questions sharing at least MIN_SHARED_BANDS bands with the
        // leader; buckets shed members already in a cluster as they go,
        // so every question leaves every bucket once.
        let mut touched: Vec<usize> = Vec::new();
        for key in &keys[leader] {
            let Some(bucket) = buckets.get_mut(key) else {
                continue;
            };
            bucket.retain(|&j| cluster_of[j].is_none());
            for &j in bucket.iter() {
                if hits[j] == 0 {
                    touched.push(j);
                }
                hits[j] = hits[j].saturating_add(1);
            }
        }
        let mut candidates: Vec<usize> = Vec::new();
        for j in touched {
            if usize::from(hits[j]) >= MIN_SHARED_BANDS {
                candidates.push(j);
            }
            hits[j] = 0;
        }
        candidates.sort_unstable_by_key(|&j| rank[j]);
        let mut scored: Vec<(usize, Score)> = candidates
            .par_iter()
            .with_min_len(64)
            .map(|&j| (j, similarity(&profiles[leader], &profiles[j])))
            .collect();
        // Best first; the one document per question rule needs it.
        scored.sort_by(|a, b| {
            b.1.total
                .total_cmp(&a.1.total)
                .then(rank[a.0].cmp(&rank[b.0]))
        });
        let mut members = vec![Member {
            index: leader,
            score: None,
        }];
        let mut documents: Vec<u32> = documents_of[leader].clone();
        for (j, score) in scored {
            let repeats = documents_of[j].iter().any(|d| documents.contains(d));
            // A document that asks its own question again (a summary
            // section) says so in a title like the first one's.
            let restated = score.stem >= SAME_DOCUMENT_STEM
                && questions[leader].title_origin != TitleOrigin::Generated
                && questions[j].title_origin != TitleOrigin::Generated;
            let needed = if repeats && !restated {
                threshold + SAME_DOCUMENT_MARGIN
            } else {
                threshold
            };
            if score.total >= needed && !members.iter().any(|m| split(m.index, j)) {
                cluster_of[j] = Some(id);
                documents.extend_from_slice(&documents_of[j]);
                members.push(Member {
                    index: j,
                    score: Some(score),
                });
            } else if score.total >= floor {
                near.push(NearMiss {
                    canonical: leader,
                    other: j,
                    score,
                });
            }
        }
        clusters.push(Cluster {
            members,
            forced: false,
        });
    }

    second_chance(
        &mut clusters,
        &mut cluster_of,
        &near,
        &Linkage {
            profiles,
            documents_of: &documents_of,
            rank: &rank,
            threshold,
            split: &split,
        },
    );

    // [[merge]] overrides: join the clusters of the named questions.
    for group in &overrides.merge {
        let mut targets: Vec<usize> = resolve(&group.ids)
            .into_iter()
            .filter_map(|i| cluster_of[i])
            .collect();
        targets.sort_unstable();
        targets.dedup();
        let Some((&into, rest)) = targets.split_first() else {
            continue;
        };
        for &from in rest {
            let moved = std::mem::take(&mut clusters[from].members);
            for m in &moved {
                cluster_of[m.index] = Some(into);
            }
            clusters[into]
                .members
                .extend(moved.into_iter().map(|m| Member {
                    index: m.index,
                    score: None,
                }));
            clusters[into].forced = true;
        }
    }
    let mut clusters: Vec<Cluster> = clusters
        .into_iter()
        .filter(|c| !c.members.is_empty())
        .collect();
    clusters.sort_by_key(|c| c.members[0].index);
    near.retain(|n| cluster_of[n.canonical] != cluster_of[n.other]);
    near.sort_by(|a, b| {
        b.score
            .total
            .total_cmp(&a.score.total)
            .then(a.canonical.cmp(&b.canonical))
            .then(a.other.cmp(&b.other))
    });
    Clustering {
        clusters,
        near_misses: near,
        stale_ids: stale,
    }
}

/// Least number of identifiers, new to the kept answer's code, that a code
/// block of another member must bring to be added to a merged answer.
pub const NEW_CODE_NAMES: usize = 3;

/// Least share (0..=1) of a code block's identifiers that must be new to
/// the kept answer's code for the block to be added to a merged answer.
pub const NEW_CODE_SHARE: f64 = 0.5;

/// Most code blocks added to a merged answer from other members, so a
/// card stays one answer with a few more examples.
pub const MAX_ADDED_BLOCKS: usize = 4;

/// A fenced code block of an answer: its info string and its text.
fn code_blocks(markdown: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        match (&mut open, trimmed.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.trim().to_string(), String::new())),
            (Some(_), Some(_)) => out.extend(open.take()),
            (Some((_, text)), None) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

/// The identifiers of `code` that [`terms_of`] counts.
fn identifiers(code: &str) -> BTreeSet<String> {
    terms_of("", &format!("```\n{code}```\n"))
        .code
        .into_iter()
        .collect()
}

/// The tags of a merged question: every member's tags, except that
/// `section::`, `difficulty::` and `title::` tags are those of the merged
/// values (one section, one difficulty, the title's origin).
fn merged_tags(members: &[&Question], merged: &Question) -> Vec<String> {
    let derived = ["section::", "difficulty::", "title::"];
    let mut tags: Vec<String> = members
        .iter()
        .flat_map(|q| q.tags.iter())
        .filter(|t| !derived.iter().any(|d| t.starts_with(d)))
        .cloned()
        .collect();
    if let Some(s) = &merged.section {
        tags.push(format!("section::{}", tag_value(s)));
    }
    if let Some(d) = merged.difficulty {
        tags.push(format!("difficulty::{}", d.as_str()));
    }
    if merged.title_origin != TitleOrigin::Original {
        tags.push(format!("title::{}", merged.title_origin.as_str()));
    }
    tags.sort();
    tags.dedup();
    tags
}

/// Merges one cluster's questions (`members`, canonical first, then best
/// first; `words[k]` the number of words in member `k`'s answer, as
/// [`Terms::answer_words`] counts them) into one question. The policy, in
/// order:
///
/// - **id and title**: the canonical question's (the best title: original
///   over repaired over recovered over generated, then the longer answer);
/// - **answer**: the most complete one (most words; on a tie the earlier
///   member), or the canonical's when `keep_canonical_answer` (a
///   `[[canonical]]` override); then each other member's code blocks that
///   bring at least [`NEW_CODE_NAMES`] identifiers the answer's code lacks,
///   and at least [`NEW_CODE_SHARE`] of their own, are appended under
///   "More code from `file:lines`", members taken best first, at most
///   [`MAX_ADDED_BLOCKS`] blocks;
/// - **section and difficulty**: the first member, canonical first, that
///   states one (`None` only when no member does);
/// - **tags**: every member's, with `section::`/`difficulty::`/`title::`
///   made to match the merged question;
/// - **sources**: every occurrence of every member, by path then line.
///
/// # Panics
/// When `members` is empty or `words` is shorter than `members`.
pub fn merge(members: &[&Question], words: &[usize], keep_canonical_answer: bool) -> Question {
    let canonical = members[0];
    let donor = if keep_canonical_answer {
        0
    } else {
        (0..members.len())
            .max_by(|&a, &b| words[a].cmp(&words[b]).then(b.cmp(&a)))
            .unwrap_or(0)
    };
    let mut answer = members[donor].answer_markdown.trim_end().to_string();
    let mut known: BTreeSet<String> = code_blocks(&answer)
        .iter()
        .flat_map(|(_, code)| identifiers(code))
        .collect();
    let mut room = MAX_ADDED_BLOCKS;
    for (k, member) in members.iter().enumerate() {
        if k == donor {
            continue;
        }
        if room == 0 {
            break;
        }
        let mut added: Vec<(String, String)> = Vec::new();
        for (info, code) in code_blocks(&member.answer_markdown) {
            if added.len() == room {
                break;
            }
            let names = identifiers(&code);
            let new = names.iter().filter(|n| !known.contains(*n)).count();
            if new >= NEW_CODE_NAMES && new as f64 >= NEW_CODE_SHARE * names.len() as f64 {
                known.extend(names);
                added.push((info, code));
            }
        }
        if added.is_empty() {
            continue;
        }
        room -= added.len();
        let from = member
            .sources
            .first()
            .map_or_else(String::new, |s| s.location());
        answer.push_str(&format!("\n\n**More code from `{from}`:**\n"));
        for (info, code) in added {
            answer.push_str(&format!("\n```{info}\n{code}```\n"));
        }
        answer = answer.trim_end().to_string();
    }
    answer.push('\n');
    let mut sources: Vec<crate::model::Occurrence> = members
        .iter()
        .flat_map(|q| q.sources.iter().cloned())
        .collect();
    sources.sort_by(|a, b| {
        (&a.path, a.line_start, a.line_end).cmp(&(&b.path, b.line_start, b.line_end))
    });
    let mut merged = Question {
        id: canonical.id.clone(),
        title: canonical.title.clone(),
        title_origin: canonical.title_origin,
        answer_markdown: answer,
        section: members.iter().find_map(|q| q.section.clone()),
        difficulty: members.iter().find_map(|q| q.difficulty),
        tags: Vec::new(),
        sources,
    };
    merged.tags = merged_tags(members, &merged);
    merged
}

/// Titles through clusters: every member whose title was written from its
/// answer (`generated`) takes the title of the cluster's first member
/// whose title a document wrote, as `recovered` (its tags follow).
fn recover_titles(questions: &mut [Question], clustering: &Clustering) {
    for cluster in &clustering.clusters {
        let Some(titled) = cluster
            .members
            .iter()
            .map(|m| m.index)
            .find(|&i| questions[i].title_origin != TitleOrigin::Generated)
        else {
            continue;
        };
        let title = questions[titled].title.clone();
        for m in &cluster.members {
            let q = &mut questions[m.index];
            if q.title_origin == TitleOrigin::Generated {
                q.title = title.clone();
                q.title_origin = TitleOrigin::Recovered;
                for tag in &mut q.tags {
                    if tag == "title::generated" {
                        *tag = "title::recovered".to_string();
                    }
                }
                q.tags.sort();
                q.tags.dedup();
            }
        }
    }
}

/// What [`run`] produced.
#[derive(Debug, Clone)]
pub struct Deduplicated {
    /// The questions after deduplication, ordered by first source (path,
    /// then line), then id.
    pub questions: Vec<Question>,
    /// The questions as given, which [`Clustering`]'s indices refer to.
    pub before: Vec<Question>,
    /// Their profiles.
    pub profiles: Vec<Profile>,
    /// The clusters and near misses.
    pub clustering: Clustering,
    /// Whether clusters were merged.
    pub merged: bool,
    /// The threshold used.
    pub threshold: f64,
}

/// Orders questions by first source (path, then line), then id: the order
/// of every deck.
pub fn sort_questions(questions: &mut [Question]) {
    questions.sort_by(|a, b| {
        let (x, y) = (a.sources.first(), b.sources.first());
        (x.map(|s| (&s.path, s.line_start)), &a.id)
            .cmp(&(y.map(|s| (&s.path, s.line_start)), &b.id))
    });
}

/// Finds the questions several sources ask and, unless `options.merge` is
/// off, merges each cluster into one question ([`merge`]). Questions whose
/// title was lost take a duplicate's title either way.
pub fn run(questions: Vec<Question>, options: &Options) -> Deduplicated {
    let profiles = profile(&questions);
    let clustering = cluster(&questions, &profiles, options.threshold, &options.overrides);
    let before = questions;
    let mut titled = before.clone();
    recover_titles(&mut titled, &clustering);
    let forced_canonical: HashSet<&str> = options
        .overrides
        .canonical
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    let mut out: Vec<Question> = if options.merge {
        clustering
            .clusters
            .par_iter()
            .map(|c| {
                let members: Vec<&Question> = c.members.iter().map(|m| &titled[m.index]).collect();
                let words: Vec<usize> = c
                    .members
                    .iter()
                    .map(|m| profiles[m.index].answer_words)
                    .collect();
                if members.len() == 1 {
                    members[0].clone()
                } else {
                    let lead = members[0];
                    let keep = forced_canonical.contains(lead.id.as_str())
                        || lead.sources.iter().any(|s| {
                            s.id.as_deref()
                                .is_some_and(|id| forced_canonical.contains(id))
                        });
                    merge(&members, &words, keep)
                }
            })
            .collect()
    } else {
        titled
    };
    sort_questions(&mut out);
    Deduplicated {
        questions: out,
        before,
        profiles,
        clustering,
        merged: options.merge,
        threshold: options.threshold,
    }
}

/// Up to `n` terms two questions share, heaviest first (key terms, then
/// code identifiers as `code:name`): why they scored as they did.
pub fn shared_terms(a: (&Question, &Profile), b: (&Question, &Profile), n: usize) -> Vec<String> {
    let mut names: HashMap<u32, String> = HashMap::new();
    for q in [a.0, b.0] {
        let t = terms_of(&q.title, &q.answer_markdown);
        for w in t.stem.iter().chain(&t.prose) {
            names.insert(term_hash(Part::Prose, w) as u32, w.clone());
        }
        for c in &t.code {
            names.insert(term_hash(Part::Code, c) as u32, format!("code:{c}"));
        }
    }
    let mut shared: Vec<(f32, u32)> = Vec::new();
    for (x, y) in [(&a.1.key_terms, &b.1.key_terms), (&a.1.code, &b.1.code)] {
        let weights: HashMap<u32, f32> = y.0.iter().copied().collect();
        shared.extend(
            x.0.iter()
                .filter_map(|&(t, w)| weights.get(&t).map(|v| (w * v, t))),
        );
    }
    shared.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)));
    shared
        .into_iter()
        .filter_map(|(_, t)| names.get(&t).cloned())
        .take(n)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Difficulty, Occurrence};

    fn question(id: &str, path: &str, line: usize, title: &str, answer: &str) -> Question {
        Question {
            id: id.into(),
            title: title.into(),
            title_origin: TitleOrigin::Original,
            answer_markdown: answer.into(),
            section: None,
            difficulty: None,
            tags: vec![format!("source::{}", path.trim_end_matches(".txt"))],
            sources: vec![Occurrence {
                path: path.into(),
                line_start: line,
                line_end: line + 9,
                title: Some(title.into()),
                section: None,
                difficulty: None,
                id: Some(id.into()),
            }],
        }
    }

    /// A small deck of unrelated questions, so IDF has something to weigh
    /// against.
    fn background() -> Vec<Question> {
        let topics = [
            (
                "How do you read a CSV file?",
                "Use the csv module: csv.reader over an open file yields rows as lists.",
            ),
            (
                "What is a virtual environment?",
                "venv isolates installed packages per project; activate it before pip install.",
            ),
            (
                "How do you sort a dictionary by value?",
                "sorted(d.items(), key=lambda kv: kv[1]) returns pairs ordered by value.",
            ),
            (
                "What does the walrus operator do?",
                "An assignment expression := binds a name inside an expression, as in while loops.",
            ),
            (
                "How do you profile code?",
                "cProfile and pstats measure time per function; line_profiler per line.",
            ),
            (
                "What is a docstring?",
                "A string literal first in a module, class or function body, kept in __doc__.",
            ),
        ];
        topics
            .iter()
            .enumerate()
            .map(|(k, (t, a))| question(&format!("bg{k}"), "background.txt", 10 * k + 1, t, a))
            .collect()
    }

    const GIL_A: &str = "The global interpreter lock lets one thread run Python bytecode at a time, \
        so CPU-bound threads do not run in parallel; I/O releases the lock.";
    const GIL_B: &str = "Only one thread executes bytecode at a time because of the global interpreter lock; \
        threads help I/O-bound work, multiprocessing helps CPU-bound work.";

    #[test]
    fn similarity_is_symmetric_bounded_and_one_for_identical_questions() {
        let mut qs = background();
        qs.push(question("a", "a.txt", 1, "What is the GIL?", GIL_A));
        qs.push(question("b", "b.txt", 1, "Explain the GIL.", GIL_B));
        qs.push(question("c", "c.txt", 1, "What is the GIL?", GIL_A));
        let p = profile(&qs);
        let n = qs.len();
        let (a, b, c) = (n - 3, n - 2, n - 1);
        let ab = similarity(&p[a], &p[b]);
        assert_eq!(ab, similarity(&p[b], &p[a]));
        assert!((0.0..=1.0).contains(&ab.total));
        assert!((similarity(&p[a], &p[c]).total - 1.0).abs() < 1e-6);
        // Reworded duplicates score well above an unrelated question.
        let unrelated = similarity(&p[a], &p[0]).total;
        assert!(ab.total > 0.4, "{ab:?}");
        assert!(unrelated < 0.1, "{unrelated}");
        // No code on either side: the code part is absent, not zero.
        assert_eq!(ab.code, None);
    }

    #[test]
    fn code_identifiers_count_when_both_have_code() {
        let mut qs = background();
        let code =
            "```python\ncache = functools.lru_cache(maxsize=128)\nfib = cache(fib_slow)\n```\n";
        qs.push(question(
            "a",
            "a.txt",
            1,
            "How does lru_cache work?",
            &format!("It memoises calls.\n\n{code}"),
        ));
        qs.push(question(
            "b",
            "b.txt",
            1,
            "Explain lru_cache.",
            &format!("A memo decorator.\n\n{code}"),
        ));
        let p = profile(&qs);
        let n = qs.len();
        let s = similarity(&p[n - 2], &p[n - 1]);
        assert!(s.code.is_some_and(|c| c > 0.99), "{s:?}");
    }

    #[test]
    fn british_and_american_spellings_share_a_stem() {
        let uk = terms_of(
            "What are common optimisation techniques?",
            "Serialise and synchronise.",
        );
        let us = terms_of(
            "What are common optimization techniques?",
            "Serialize and synchronize.",
        );
        assert_eq!(uk.stem, us.stem);
        assert_eq!(uk.prose, us.prose);
        // Words whose -ise is no suffix keep their spelling.
        for word in [
            "promise",
            "exercise",
            "otherwise",
            "raise",
            "compromise",
            "advise",
        ] {
            assert_eq!(american_spelling(word), word);
        }
    }

    #[test]
    fn operators_and_dunders_are_terms() {
        let t = terms_of("What is the difference between is and ==?", "");
        assert_eq!(t.stem, ["op_eq"]);
        let u = terms_of("Explain slots.", "");
        let v = terms_of("How does __slots__ work?", "");
        assert_eq!(u.stem, v.stem);
    }

    fn clusters_of(c: &Clustering, qs: &[Question]) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = c
            .clusters
            .iter()
            .map(|c| {
                let mut ids: Vec<String> =
                    c.members.iter().map(|m| qs[m.index].id.clone()).collect();
                ids.sort();
                ids
            })
            .filter(|ids| ids.len() > 1)
            .collect();
        out.sort();
        out
    }

    /// A is like B and B is like C, but A is not like C: leader
    /// clustering puts B with A and leaves C out, where single linkage
    /// would chain all three.
    #[test]
    fn clusters_do_not_chain() {
        let mut qs = background();
        let a = "alpha beta gamma delta epsilon zeta eta theta";
        let b = "alpha beta gamma delta iota kappa lambda mu";
        let c = "iota kappa lambda mu nu xi omicron pi";
        qs.push(question(
            "a",
            "a.txt",
            1,
            "Explain alpha.",
            &format!("{a} {a}"),
        ));
        qs.push(question("b", "b.txt", 1, "Explain alpha.", b));
        qs.push(question("c", "c.txt", 1, "Explain iota.", c));
        let p = profile(&qs);
        let n = qs.len();
        let (ab, bc, ac) = (
            similarity(&p[n - 3], &p[n - 2]).total,
            similarity(&p[n - 2], &p[n - 1]).total,
            similarity(&p[n - 3], &p[n - 1]).total,
        );
        let t = 0.3;
        assert!(ab >= t && bc >= t && ac < t, "{ab} {bc} {ac}");
        let c = cluster(&qs, &p, t, &Overrides::default());
        let found = clusters_of(&c, &qs);
        assert!(
            found.contains(&vec!["a".to_string(), "b".to_string()]),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|ids| ids.contains(&"c".to_string())),
            "{found:?}"
        );
    }

    #[test]
    fn buckets_too_full_are_split_by_the_next_band() {
        // Band 0 is one key for every question; band 1 pairs them up.
        let n = MAX_BUCKET + 10;
        let mut keys: Vec<Vec<u64>> = (0..n as u64)
            .map(|i| vec![7, 1000 + i / 2, 5000 + i])
            .collect();
        let before = keys.clone();
        split_full_buckets(&mut keys);
        // The full bucket is gone; each pair that shared band 1 still
        // shares its band-0 key, and no one else does.
        assert!(keys.iter().all(|k| k[0] != 7));
        for i in (0..n).step_by(2).take_while(|&i| i + 1 < n) {
            assert_eq!(keys[i][0], keys[i + 1][0]);
            assert_ne!(keys[i][0], keys[(i + 2) % n][0]);
        }
        // Buckets that were small enough are left alone.
        for (k, b) in keys.iter().zip(&before) {
            assert_eq!(k[1..], b[1..]);
        }
        // Nothing to split: nothing changes.
        let mut small = before[..10].to_vec();
        split_full_buckets(&mut small);
        assert_eq!(small, before[..10].to_vec());
    }

    #[test]
    fn one_occurrence_per_document_unless_far_above_the_threshold() {
        let mut qs = background();
        qs.push(question("a", "a.txt", 1, "What is the GIL?", GIL_A));
        qs.push(question("b1", "b.txt", 1, "Explain the GIL.", GIL_B));
        // A second, narrower question of document b about the same topic.
        qs.push(question(
            "b2",
            "b.txt",
            50,
            "Is the GIL released during I/O?",
            "Yes: the global interpreter lock is released by threads during blocking I/O.",
        ));
        let p = profile(&qs);
        let n = qs.len();
        let (b1, b2) = (
            similarity(&p[n - 3], &p[n - 2]).total,
            similarity(&p[n - 3], &p[n - 1]).total,
        );
        // Both reach the threshold; neither reaches it plus the margin.
        let t = b1.min(b2) - 0.01;
        assert!(b1.max(b2) < t + SAME_DOCUMENT_MARGIN, "{b1} {b2}");
        let c = cluster(&qs, &p, t, &Overrides::default());
        let found = clusters_of(&c, &qs);
        let with_a = found
            .iter()
            .find(|ids| ids.contains(&"a".to_string()))
            .unwrap();
        let better = if b1 >= b2 { "b1" } else { "b2" };
        assert_eq!(with_a, &["a", better], "{found:?}");
    }

    #[test]
    fn a_document_restating_its_own_question_joins_at_the_plain_threshold() {
        let mut qs = background();
        qs.push(question("a", "a.txt", 1, "What is the GIL?", GIL_A));
        // Document b answers it first under another heading ...
        qs.push(question(
            "b1",
            "b.txt",
            1,
            "What is the GIL in CPython threads?",
            GIL_A,
        ));
        // ... and asks it again in a summary, in a few words.
        let again = "A lock in the interpreter; see the threads answer above.";
        qs.push(question("b2", "b.txt", 90, "What is the GIL?", again));
        let n = qs.len();
        let joined = |qs: &[Question]| {
            let p = profile(qs);
            let (first, second) = (
                similarity(&p[n - 3], &p[n - 2]).total,
                similarity(&p[n - 3], &p[n - 1]),
            );
            // b1 joins first; b2 reaches the threshold, not the margin.
            let t = second.total - 0.01;
            assert!(first > second.total, "{first} {second:?}");
            assert!(second.total < t + SAME_DOCUMENT_MARGIN, "{second:?}");
            let found = clusters_of(&cluster(qs, &p, t, &Overrides::default()), qs);
            let with_a = found
                .iter()
                .find(|ids| ids.contains(&"a".to_string()))
                .cloned();
            (second.stem, with_a.unwrap())
        };
        let (stem, with_a) = joined(&qs);
        assert!(stem >= SAME_DOCUMENT_STEM, "{stem}");
        assert_eq!(with_a, ["a", "b1", "b2"]);
        // A generated title restates nothing: the margin applies again.
        qs[n - 1].title_origin = TitleOrigin::Generated;
        let (_, with_a) = joined(&qs);
        assert_eq!(with_a, ["a", "b1"]);
    }

    #[test]
    fn a_question_left_alone_joins_a_cluster_through_a_member_near_its_canonical() {
        let deck = |c_path: &str| {
            let mut qs = background();
            qs.push(question(
                "a",
                "a.txt",
                1,
                "What is the GIL?",
                "The GIL is a mutex in CPython: one thread runs bytecode at a time. Threads \
                 help I/O-bound work, since the lock is released while waiting.",
            ));
            let mut b = question(
                "b",
                "b.txt",
                1,
                "What is the GIL and how do processes avoid it?",
                "The GIL lets one thread run bytecode at a time in CPython; it is released \
                 during I/O, so threads help I/O-bound work. CPU-bound work needs \
                 processes, each with its own interpreter.",
            );
            b.title_origin = TitleOrigin::Repaired;
            let mut c = question(
                "c",
                c_path,
                20,
                "Why use processes, not threads, with the GIL?",
                "Threads share one GIL and run bytecode one at a time, so for CPU-bound \
                 work use multiprocessing: a process pool runs one interpreter per process, \
                 each with its own GIL.",
            );
            c.title_origin = TitleOrigin::Repaired;
            qs.push(b);
            qs.push(c);
            qs
        };
        let qs = deck("c.txt");
        let p = profile(&qs);
        let n = qs.len();
        let (a, b, c) = (n - 3, n - 2, n - 1);
        let score = |i: usize, j: usize| similarity(&p[i], &p[j]).total;
        // A threshold that b reaches against a and c against b, but c only
        // comes within the near-miss margin of a.
        let t = score(a, b).min(score(b, c)) - 0.005;
        assert!(
            score(a, c) < t && score(a, c) >= t - NEAR_MISS_MARGIN,
            "a-b {} b-c {} a-c {}",
            score(a, b),
            score(b, c),
            score(a, c)
        );
        let found = cluster(&qs, &p, t, &Overrides::default());
        assert_eq!(clusters_of(&found, &qs), [["a", "b", "c"]]);
        let member = found
            .clusters
            .iter()
            .flat_map(|k| &k.members)
            .find(|m| m.index == c);
        assert_eq!(member.unwrap().score, Some(similarity(&p[a], &p[c])));
        // Not when c is far from the canonical question.
        let far = cluster(
            &qs,
            &p,
            score(a, c) + NEAR_MISS_MARGIN + 0.01,
            &Overrides::default(),
        );
        assert!(clusters_of(&far, &qs).iter().all(|ids| ids.len() < 3));
        // Nor from a document already in the cluster (below the margin).
        let qs = deck("b.txt");
        let p = profile(&qs);
        assert!(
            similarity(&p[b], &p[c]).total < t + SAME_DOCUMENT_MARGIN,
            "{} {} {}",
            score(a, b),
            score(b, c),
            score(a, c)
        );
        let found = cluster(&qs, &p, t, &Overrides::default());
        assert_eq!(clusters_of(&found, &qs), [["a", "b"]]);
        // Nor against a [[split]] override.
        let qs = deck("c.txt");
        let p = profile(&qs);
        let split = Overrides::parse("[[split]]\nids = [\"b\", \"c\"]\n").unwrap();
        assert_eq!(clusters_of(&cluster(&qs, &p, t, &split), &qs), [["a", "b"]]);
    }

    #[test]
    fn consensus_is_the_least_of_the_best_members_each_near_the_threshold() {
        assert_eq!(consensus(&[0.3, 0.38, 0.1, 0.35], 0.4), Some(0.3));
        // One of the three best too far below.
        assert_eq!(consensus(&[0.3, 0.38, 0.1, 0.2], 0.4), None);
        // Fewer members than CONSENSUS_MEMBERS.
        assert_eq!(consensus(&[0.39, 0.38], 0.4), None);
    }

    /// A broad answer (`d`) comes near, but not up to, the threshold
    /// against each of three formulations of its question: it joins them
    /// by consensus; not when the cluster has only two members, nor from a
    /// document already in the cluster unless it reaches the threshold
    /// against that document's own occurrence.
    #[test]
    fn a_question_near_three_members_of_a_cluster_joins_it() {
        let gil = "The GIL is a mutex in CPython: one thread runs bytecode at a time, so \
                   CPU-bound threads do not run in parallel; I/O releases the lock.";
        let broad = "The GIL is a mutex in CPython: one thread runs bytecode at a time. \
                     Beyond it, Python offers threading for I/O-bound work, multiprocessing \
                     with pools and shared memory for CPU-bound work, asyncio with an event \
                     loop, coroutines and tasks, and concurrent.futures executors.";
        let deck = |members: &[&str], d_path: &str| {
            let mut qs = background();
            for (k, id) in members.iter().enumerate() {
                let answer = format!("{gil} Example {k}.");
                let title = format!("What is the GIL, take {id}?");
                qs.push(question(id, &format!("{id}.txt"), 1, &title, &answer));
            }
            // Its title repaired, so the others lead.
            let mut d = question("d", d_path, 40, "What is the GIL?", broad);
            d.title_origin = TitleOrigin::Repaired;
            qs.push(d);
            qs
        };
        let qs = deck(&["a", "b", "c"], "d.txt");
        let p = profile(&qs);
        let n = qs.len();
        let score = |i: usize, j: usize| similarity(&p[i], &p[j]).total;
        let (a, d) = (n - 4, n - 1);
        let t = (n - 4..n - 1).map(|m| score(m, d)).fold(0.0, f64::max) + 0.05;
        assert!(
            (n - 3..n - 1).all(|m| score(a, m) >= t),
            "members {} {}, d {}",
            score(a, n - 3),
            score(a, n - 2),
            score(a, d)
        );
        assert!((n - 4..n - 1).all(|m| score(m, d) >= t - CONSENSUS_MARGIN));
        let found = cluster(&qs, &p, t, &Overrides::default());
        assert_eq!(clusters_of(&found, &qs), [["a", "b", "c", "d"]]);
        let joined = found
            .clusters
            .iter()
            .flat_map(|k| &k.members)
            .find(|m| m.index == d);
        assert_eq!(joined.unwrap().score, Some(similarity(&p[a], &p[d])));
        // Two members are not a consensus.
        let qs = deck(&["a", "b"], "d.txt");
        let p = profile(&qs);
        assert_eq!(
            clusters_of(&cluster(&qs, &p, t, &Overrides::default()), &qs),
            [["a", "b"]]
        );
        // A document asks its question once ...
        let qs = deck(&["a", "b", "c"], "b.txt");
        let p = profile(&qs);
        assert_eq!(
            clusters_of(&cluster(&qs, &p, t, &Overrides::default()), &qs),
            [["a", "b", "c"]]
        );
        // ... unless it restates it (a summary section): d reaches the
        // threshold against b's own occurrence, though not the margin, and
        // the members agree.
        let score = |i: usize, j: usize| similarity(&p[i], &p[j]).total;
        let t = (n - 4..n - 1).map(|m| score(m, d)).fold(1.0, f64::min) - 0.01;
        assert!((n - 4..n - 1).all(|m| score(m, d) < t + SAME_DOCUMENT_MARGIN));
        assert!((n - 4..n - 1).all(|m| score(a, m) >= t));
        assert_eq!(
            clusters_of(&cluster(&qs, &p, t, &Overrides::default()), &qs),
            [["a", "b", "c", "d"]]
        );
    }

    /// The weighted sum of a score's parts, before any factor.
    fn unscaled(s: &Score, titled: bool) -> f64 {
        let (ws, wk, wc) = if titled {
            WEIGHTS_TITLED
        } else {
            WEIGHTS_GENERATED
        };
        (ws * s.stem + wk * s.key_terms + wc * s.code.unwrap_or(s.key_terms)) / (ws + wk + wc)
    }

    #[test]
    fn comparison_sides_are_the_distinctive_words_of_one_clause() {
        assert_eq!(
            comparison_sides("What is the difference between list.sort() and sorted()?"),
            [vec!["list"], vec!["sort"]]
        );
        assert_eq!(
            comparison_sides("What are asyncio.gather vs asyncio.wait vs TaskGroup?"),
            [vec!["gather"], vec!["wait"], vec!["taskgroup"]]
        );
        assert_eq!(
            comparison_sides("What is the difference between == and is?"),
            [vec!["op_eq"], vec!["is"]]
        );
        // A second clause asks more than the comparison.
        assert!(
            comparison_sides("What is the difference between yield and return? What is send?")
                .is_empty()
        );
        assert!(comparison_sides("How do you avoid versioning conflicts?").is_empty());
    }

    #[test]
    fn a_comparison_is_not_a_question_about_one_of_its_sides() {
        let general = "Dunder methods such as __init__, __repr__, __str__, __eq__, __len__ and \
            __iter__ let a class hook into operators and built-ins: repr and str give its text \
            forms, eq its equality, len and iter make it a container. Special methods are looked \
            up on the type, not the instance, and operators call them.";
        let short =
            "repr is for developers and unambiguous; str is for users; str falls back to repr.";
        let deck = |comparison_answer: &str| {
            let mut qs = background();
            qs.push(question(
                "dunder",
                "a.txt",
                1,
                "What are dunder methods?",
                general,
            ));
            qs.push(question(
                "versus",
                "b.txt",
                1,
                "What is the difference between __repr__ and __str__?",
                comparison_answer,
            ));
            qs.push(question(
                "both",
                "c.txt",
                1,
                "How do __repr__ and __str__ differ?",
                short,
            ));
            qs
        };
        let qs = deck(short);
        let p = profile(&qs);
        let n = qs.len();
        let (dunder, versus, both) = (n - 3, n - 2, n - 1);
        // The general question names neither side in its title, and a
        // 15-word answer cannot lean on its answer's terms.
        let s = similarity(&p[dunder], &p[versus]);
        assert_eq!(s, similarity(&p[versus], &p[dunder]));
        let full = unscaled(&s, true);
        assert!(
            (s.total - COMPARISON_FACTOR * full).abs() < 1e-9,
            "{s:?} {full}"
        );
        // A question naming both sides is not scaled.
        let s2 = similarity(&p[both], &p[versus]);
        assert!((s2.total - unscaled(&s2, true)).abs() < 1e-9, "{s2:?}");
        // At a threshold the unscaled score reaches, the pair stays apart.
        let t = full - 0.01;
        assert!(s.total < t, "{s:?}");
        let found = clusters_of(&cluster(&qs, &p, t, &Overrides::default()), &qs);
        assert!(
            !found
                .iter()
                .any(|ids| ids.contains(&"dunder".to_string())
                    && ids.contains(&"versus".to_string())),
            "{found:?}"
        );
        // A comparison answered at length covers the topic: the general
        // answer's heaviest terms (repr, str) name both sides.
        let long = format!("{short} {general}");
        let qs = deck(&long);
        let p = profile(&qs);
        let s = similarity(&p[dunder], &p[versus]);
        assert!((s.total - unscaled(&s, true)).abs() < 1e-9, "{s:?}");
    }

    #[test]
    fn an_answer_about_one_side_that_mentions_the_other_names_one() {
        let comparison = "A namedtuple is an immutable tuple with named fields, light and \
            indexable. A dataclass generates __init__ and __repr__ from annotated fields, is \
            mutable unless frozen, and takes methods and defaults. Use a namedtuple for small \
            immutable records, a dataclass for domain objects.";
        let deck = |one_side: &str| {
            let mut qs = background();
            qs.push(question(
                "versus",
                "a.txt",
                1,
                "What is a namedtuple, dataclass, and when do you use each?",
                comparison,
            ));
            qs.push(question(
                "one",
                "b.txt",
                1,
                "How do you use dataclass?",
                one_side,
            ));
            qs
        };
        let dataclass = "A dataclass generates __init__, __repr__ and __eq__ from annotated \
            fields. The dataclass decorator takes frozen=True for an immutable dataclass (like \
            a namedtuple), order=True for comparisons; field(default_factory=list) gives each \
            dataclass instance its own list, and __post_init__ validates a dataclass's fields.";
        let qs = deck(dataclass);
        let p = profile(&qs);
        let n = qs.len();
        let (versus, one) = (n - 2, n - 1);
        // `namedtuple` is among the answer's heaviest terms, but weighs far
        // less than `dataclass`: the answer is about one side.
        let namedtuple = word_hash("namedtupl");
        assert!(
            p[one].top_terms.contains(&namedtuple),
            "{:?}",
            p[one].top_terms
        );
        let w = |t: &str| p[one].key_terms.weight(word_hash(t));
        assert!(
            f64::from(w("namedtupl")) < COMPARISON_BALANCE * f64::from(w("dataclass")),
            "{} {}",
            w("namedtupl"),
            w("dataclass")
        );
        let s = similarity(&p[versus], &p[one]);
        assert_eq!(s, similarity(&p[one], &p[versus]));
        let full = unscaled(&s, true);
        assert!(
            (s.total - COMPARISON_FACTOR * full).abs() < 1e-9,
            "{s:?} {full}"
        );
        // An answer that weighs both sides names both.
        let both = "A dataclass generates __init__ from annotated fields; a namedtuple is an \
            immutable tuple. Choose a namedtuple for a light record, a dataclass for methods: \
            namedtuple fields are indexable, dataclass fields are mutable.";
        let qs = deck(both);
        let p = profile(&qs);
        let s = similarity(&p[versus], &p[one]);
        assert!((s.total - unscaled(&s, true)).abs() < 1e-9, "{s:?}");
        // A question that compares things itself is judged by its title
        // and heaviest terms alone, as before.
        let mut qs = deck(dataclass);
        qs[one].title = "What is the difference between dataclass and attrs?".into();
        let p = profile(&qs);
        assert!(!compares_more(&p[versus], &p[one]));
    }

    #[test]
    fn named_subjects_are_code_and_proper_names_not_topics() {
        assert_eq!(
            named_subjects("What are TypeVar, Generic, Protocol, and TypedDict?"),
            [["typevar"], ["generic"], ["protocol"], ["typeddict"]]
        );
        // A sentence's first word, `Python` and common nouns name nothing.
        assert!(named_subjects("What is multiprocessing? Compare threads.").is_empty());
        assert!(named_subjects("What are Python's type hints?").is_empty());
        assert_eq!(
            named_subjects("What is the GIL and how does it affect threads?"),
            [["gil"]]
        );
        assert_eq!(
            named_subjects("Why use @functools.wraps?"),
            [["functool", "wrap"]]
        );
    }

    #[test]
    fn a_general_question_is_not_one_about_named_sub_features() {
        let tour = "Type hints annotate parameters and return values for mypy. TypeVar makes \
            a generic placeholder, Generic a parameterised class, Protocol structural \
            subtyping: checkers read the annotations, the interpreter ignores them.";
        let deck = |specific: &str| {
            let mut qs = background();
            qs.push(question(
                "general",
                "a.txt",
                1,
                "Explain type hints & annotations.",
                tour,
            ));
            qs.push(question("specific", "b.txt", 1, specific, tour));
            qs
        };
        let qs = deck("What are type hints and when should you use TypeVar, Generic, Protocol?");
        let p = profile(&qs);
        let n = qs.len();
        let s = similarity(&p[n - 2], &p[n - 1]);
        assert_eq!(s, similarity(&p[n - 1], &p[n - 2]));
        let full = unscaled(&s, true);
        assert!(
            (s.total - SUBJECTS_FACTOR * full).abs() < 1e-9,
            "{s:?} {full}"
        );
        // At a threshold the unscaled score reaches, the pair stays apart.
        let t = full - 0.01;
        let found = clusters_of(&cluster(&qs, &p, t, &Overrides::default()), &qs);
        assert!(
            !found.iter().any(|ids| ids.contains(&"general".to_string())),
            "{found:?}"
        );
        // A title naming one thing is not a list of sub-features; a title
        // naming two of them asks about them too; a generated title's
        // names are its answer's, not what it asks.
        for (title, generated) in [
            ("What are type hints and what is TypeVar?", false),
            (
                "What are type hints and when should you use TypeVar, Generic?",
                true,
            ),
        ] {
            let mut qs = deck(title);
            if generated {
                qs[n - 1].title_origin = TitleOrigin::Generated;
            }
            let p = profile(&qs);
            let s = similarity(&p[n - 2], &p[n - 1]);
            assert!(
                (s.total - unscaled(&s, !generated)).abs() < 1e-9,
                "{title}: {s:?}"
            );
        }
        // Nor is a title that names things of its own a general question.
        let mut qs = deck("What are TypeVar, Generic and Protocol?");
        qs[n - 2].title = "What are type hints: TypeVar, Generic?".into();
        let p = profile(&qs);
        let s = similarity(&p[n - 2], &p[n - 1]);
        assert!((s.total - unscaled(&s, true)).abs() < 1e-9, "{s:?}");
    }

    #[test]
    fn a_generated_question_whose_answer_leaves_out_a_named_thing_is_another() {
        let named = "Type hints are read by mypy. TypeVar makes a generic placeholder T, \
            Generic[T] a parameterised class such as Stack[T], Protocol structural \
            subtyping: a class with draw() satisfies Drawable without inheriting it.";
        let deck = |tour: &str, generated: bool| {
            let mut qs = background();
            qs.push(question(
                "named",
                "a.txt",
                1,
                "What are type hints and when should you use TypeVar, Generic, Protocol?",
                named,
            ));
            let mut q = question(
                "tour",
                "b.txt",
                1,
                "How do you use TypeVar from typing?",
                tour,
            );
            if generated {
                q.title_origin = TitleOrigin::Generated;
            }
            qs.push(q);
            qs
        };
        let tour = "Type hints are read by mypy. TypeVar makes a generic placeholder T, \
            Generic[T] a parameterised class such as Stack[T]; TypedDict gives a dict a \
            checked shape, Literal restricts values, Final forbids reassignment.\n\n\
            ```python\nfrom typing import TypeVar, Generic, TypedDict, Literal, Final\n\
            T = TypeVar(\"T\")\nclass Stack(Generic[T]): ...\n```\n";
        let qs = deck(tour, true);
        let p = profile(&qs);
        let n = qs.len();
        let (a, b) = (n - 2, n - 1);
        let s = similarity(&p[a], &p[b]);
        assert_eq!(s, similarity(&p[b], &p[a]));
        let full = unscaled(&s, false);
        assert!(
            (s.total - SUBJECTS_FACTOR * full).abs() < 1e-9,
            "{s:?} {full}"
        );
        // An answer mentioning every named thing, in prose or in code, is
        // not scaled.
        for mention in [
            " Protocol checks structure.",
            "\n```python\nclass P(Protocol): ...\n```\n",
        ] {
            let qs = deck(&format!("{tour}{mention}"), true);
            let p = profile(&qs);
            let s = similarity(&p[a], &p[b]);
            assert!(
                (s.total - unscaled(&s, false)).abs() < 1e-9,
                "{mention}: {s:?}"
            );
        }
        // Between two titles a document wrote, the titles decide.
        let qs = deck(tour, false);
        let p = profile(&qs);
        let s = similarity(&p[a], &p[b]);
        assert!((s.total - unscaled(&s, true)).abs() < 1e-9, "{s:?}");
    }

    #[test]
    fn overrides_force_merges_splits_and_canonicals_and_report_stale_ids() {
        let mut qs = background();
        qs.push(question("a", "a.txt", 1, "What is the GIL?", GIL_A));
        qs.push(question("b", "b.txt", 1, "Explain the GIL.", GIL_B));
        let p = profile(&qs);
        let plain = cluster(&qs, &p, 0.3, &Overrides::default());
        assert_eq!(clusters_of(&plain, &qs), [["a", "b"]]);

        let split = Overrides::parse("[[split]]\nids = [\"a\", \"b\", \"gone\"]\n").unwrap();
        let c = cluster(&qs, &p, 0.3, &split);
        assert!(
            clusters_of(&c, &qs).is_empty(),
            "{:?}",
            clusters_of(&c, &qs)
        );
        assert_eq!(c.stale_ids, ["gone"]);

        let merge = Overrides::parse("[[merge]]\nids = [\"a\", \"bg0\"]\n").unwrap();
        let c = cluster(&qs, &p, 0.3, &merge);
        let with_a = clusters_of(&c, &qs)
            .into_iter()
            .find(|ids| ids.contains(&"a".to_string()))
            .unwrap();
        assert_eq!(with_a, ["a", "b", "bg0"]);

        let canonical = Overrides::parse("[[canonical]]\nid = \"b\"\n").unwrap();
        let c = cluster(&qs, &p, 0.3, &canonical);
        let lead = c
            .clusters
            .iter()
            .find(|c| c.members.len() > 1)
            .unwrap()
            .members[0]
            .index;
        assert_eq!(qs[lead].id, "b");
    }

    #[test]
    fn overrides_reject_unknown_keys_with_the_line() {
        let err = Overrides::parse("[[merge]]\nidz = [\"a\"]\n").unwrap_err();
        assert!(err.contains("line 2"), "{err}");
        assert!(Overrides::parse("").unwrap() == Overrides::default());
    }

    #[test]
    fn merge_policy() {
        let mut best = question("q1", "b.txt", 5, "What is the GIL?", "Short answer.\n");
        best.section = None;
        best.tags.push("difficulty::easy".into());
        let mut complete = question(
            "q2",
            "a.txt",
            20,
            "GIL?",
            "A much longer answer about the lock and threads and bytecode.\n\n```python\nimport threading\nt = threading.Thread(target=work)\n```\n",
        );
        complete.title_origin = TitleOrigin::Repaired;
        complete.section = Some("Concurrency".into());
        complete.difficulty = Some(Difficulty::Hard);
        complete.tags.push("section::Concurrency".into());
        let extra = question(
            "q3",
            "c.txt",
            7,
            "Explain the GIL",
            "Processes avoid it.\n\n```python\nfrom multiprocessing import Pool\nwith Pool(4) as pool:\n    pool.map(square, numbers)\n```\n\n```python\nt = threading.Thread(target=work)\n```\n",
        );
        let words = [2, 12, 15];
        let merged = merge(&[&best, &complete, &extra], &words[..], false);
        assert_eq!(merged.id, "q1");
        assert_eq!(merged.title, "What is the GIL?");
        assert_eq!(merged.title_origin, TitleOrigin::Original);
        // The most complete answer (q3 has the most words) leads.
        assert!(
            merged.answer_markdown.starts_with("Processes avoid it."),
            "{}",
            merged.answer_markdown
        );
        assert_eq!(merged.section.as_deref(), Some("Concurrency"));
        assert_eq!(merged.difficulty, Some(Difficulty::Hard));
        let paths: Vec<&str> = merged.sources.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(paths, ["a.txt", "b.txt", "c.txt"]);
        assert!(
            merged.tags.contains(&"difficulty::hard".to_string()),
            "{:?}",
            merged.tags
        );
        assert!(!merged.tags.contains(&"difficulty::easy".to_string()));
        assert!(merged.tags.contains(&"section::Concurrency".to_string()));
        for s in ["source::a", "source::b", "source::c"] {
            assert!(merged.tags.contains(&s.to_string()), "{:?}", merged.tags);
        }

        // Keeping the canonical's answer: q2's code block is new to it and
        // is added with where it came from; q3's Pool block too.
        let kept = merge(&[&best, &complete, &extra], &words[..], true);
        assert!(kept.answer_markdown.starts_with("Short answer."));
        assert!(
            kept.answer_markdown
                .contains("**More code from `a.txt:20-29`:**\n\n```python\nimport threading")
        );
        assert!(kept.answer_markdown.contains(
            "**More code from `c.txt:7-16`:**\n\n```python\nfrom multiprocessing import Pool"
        ));
        // The second block of q3 repeats q2's names: not added.
        assert_eq!(
            kept.answer_markdown.matches("t = threading.Thread").count(),
            1
        );
        assert!(crate::markdown::to_html(&kept.answer_markdown).contains("<pre"));
    }

    #[test]
    fn titles_lost_are_recovered_through_clusters_and_kept_apart_with_no_dedup() {
        let mut qs = background();
        qs.push(question("a", "a.txt", 1, "What is the GIL?", GIL_A));
        let mut lost = question(
            "b",
            "b.txt",
            1,
            "Explain: only one thread executes bytecode",
            GIL_B,
        );
        lost.title_origin = TitleOrigin::Generated;
        lost.tags.push("title::generated".into());
        qs.push(lost);
        let options = Options {
            threshold: 0.3,
            merge: false,
            overrides: Overrides::default(),
        };
        let found = run(qs.clone(), &options);
        assert_eq!(found.questions.len(), qs.len());
        let b = found.questions.iter().find(|q| q.id == "b").unwrap();
        assert_eq!(b.title, "What is the GIL?");
        assert_eq!(b.title_origin, TitleOrigin::Recovered);
        assert!(b.tags.contains(&"title::recovered".to_string()));
        assert!(!b.tags.contains(&"title::generated".to_string()));
        // `before` keeps the questions as given, for the report.
        assert!(
            found
                .before
                .iter()
                .any(|q| q.title_origin == TitleOrigin::Generated)
        );

        let merged = run(
            qs.clone(),
            &Options {
                merge: true,
                ..options
            },
        );
        assert_eq!(merged.questions.len(), qs.len() - 1);
        let gil = merged.questions.iter().find(|q| q.id == "a").unwrap();
        assert_eq!(gil.sources.len(), 2);
        assert_eq!(gil.title_origin, TitleOrigin::Original);
    }
}
