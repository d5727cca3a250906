//! Twin documents: two inputs that are copies of one article, scraped
//! differently. The better copy lends the worse one its boundaries, titles,
//! sections, difficulty and indentation.
//!
//! 1. Detection: each document's word 5-gram shingles (as in Broder's
//!    resemblance, 1997); two documents are twins when the containment
//!    `|A ∩ B| / min(|A|, |B|)` (in 0..=1) is at least [`TWIN_CONTAINMENT`].
//! 2. Better copy: the one whose reader found more titles as written.
//! 3. Alignment: a Myers diff of the two word sequences (the `similar`
//!    crate) maps each word of the copy to a word of the better copy, and so
//!    to the question whose span holds it. Unmapped words follow the word
//!    before them. The copy's questions are rebuilt from those runs: a new
//!    question may start in the middle of a line, where the scraper glued it.
//!    The copy is rebuilt only when at least [`MIN_ALIGNED`] of its words
//!    align and at least [`MIN_TWIN_QUESTIONS`] of the better copy's
//!    questions are each half found in it.
//!
//! Nothing is keyed to a file: any pair of documents may be twins.

use crate::readers::{BodyLine, Document, RawQuestion, TitleKind};
use similar::{Algorithm, DiffTag, capture_diff_slices};
use std::collections::HashSet;

/// Containment of shingles from which two documents count as copies.
pub const TWIN_CONTAINMENT: f64 = 0.5;

/// Share of the copy's words that must align with the better copy's
/// questions before its questions are replaced.
pub const MIN_ALIGNED: f64 = 0.6;

/// Least number of the better copy's questions that must each have at
/// least half of their words aligned with the copy: copies of one article
/// share many questions, while two documents quoting one long paragraph
/// share one (dedup, not twin recovery, is for those).
pub const MIN_TWIN_QUESTIONS: usize = 3;

/// A word of a document and where it stands.
#[derive(Debug, Clone)]
struct Token {
    /// 0-based line index.
    line: usize,
    /// Byte range of the word in the line.
    start: usize,
    end: usize,
    /// Lowercased word with surrounding punctuation trimmed.
    norm: String,
}

/// Splits lines into words for alignment: runs of letters (split where a
/// lowercase letter meets an uppercase one, so `?HardA` glued by a scraper
/// still yields `Hard`, `A`), runs of digits, and each other visible
/// character alone.
fn tokens(lines: &[String]) -> Vec<Token> {
    let mut out = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        let mut chars = line.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if c.is_whitespace() {
                continue;
            }
            let mut end = start + c.len_utf8();
            if c.is_alphabetic() || c == '_' {
                let mut prev = c;
                while let Some(&(i, n)) = chars.peek() {
                    let case_break = prev.is_lowercase() && n.is_uppercase();
                    if !(n.is_alphabetic() || n == '_') || case_break {
                        break;
                    }
                    prev = n;
                    end = i + n.len_utf8();
                    chars.next();
                }
            } else if c.is_ascii_digit() {
                while let Some(&(i, n)) = chars.peek() {
                    if !n.is_ascii_digit() {
                        break;
                    }
                    end = i + 1;
                    chars.next();
                }
            }
            out.push(Token {
                line: li,
                start,
                end,
                norm: line[start..end].to_lowercase(),
            });
        }
    }
    out
}

fn shingles(tokens: &[Token]) -> HashSet<u64> {
    use std::hash::{Hash, Hasher};
    tokens
        .windows(5)
        .map(|w| {
            // FNV-1a over the five words: stable across runs and platforms.
            let mut h = Fnv(0xcbf29ce484222325);
            for t in w {
                t.norm.hash(&mut h);
            }
            h.finish()
        })
        .collect()
}

struct Fnv(u64);
impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x100000001b3);
        }
    }
}

/// The containment of `a`'s and `b`'s shingle sets, in 0..=1.
fn containment(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    let small = a.len().min(b.len());
    if small == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / small as f64
}

/// How trustworthy a document's structure is: titles as written count
/// twice, repaired tails once; kept indentation adds one per question.
fn structure_score(doc: &Document) -> usize {
    doc.questions
        .iter()
        .map(|q| {
            let title = match q.title.as_ref().map(|t| t.1) {
                Some(TitleKind::Full) => 2,
                Some(_) => 1,
                None => 0,
            };
            title + usize::from(q.indentation_kept)
        })
        .sum()
}

/// A pair of twin documents found by [`find_twins`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Twins {
    /// Index of the better copy.
    pub better: usize,
    /// Index of the worse copy.
    pub copy: usize,
    /// Shingle containment, in 0..=1.
    pub containment: f64,
}

/// Finds every pair of documents that are copies of one article; each
/// document is the copy in at most one pair (its best match).
pub fn find_twins(docs: &[Document]) -> Vec<Twins> {
    let sets: Vec<HashSet<u64>> = docs.iter().map(|d| shingles(&tokens(&d.lines))).collect();
    let mut out: Vec<Twins> = Vec::new();
    for i in 0..docs.len() {
        for j in (i + 1)..docs.len() {
            let c = containment(&sets[i], &sets[j]);
            if c < TWIN_CONTAINMENT {
                continue;
            }
            let (better, copy) = if structure_score(&docs[i]) >= structure_score(&docs[j]) {
                (i, j)
            } else {
                (j, i)
            };
            match out.iter_mut().find(|t| t.copy == copy) {
                Some(t) if t.containment < c => {
                    *t = Twins {
                        better,
                        copy,
                        containment: c,
                    }
                }
                Some(_) => {}
                None => out.push(Twins {
                    better,
                    copy,
                    containment: c,
                }),
            }
        }
    }
    out
}

/// Rebuilds the questions of every copy from its better twin (see the
/// module docs). Returns the pairs found; copies whose words align too
/// poorly (below [`MIN_ALIGNED`]) keep their own questions.
pub fn recover(docs: &mut [Document]) -> Vec<Twins> {
    let twins = find_twins(docs);
    for t in &twins {
        if let Some(questions) = align(&docs[t.better], &docs[t.copy], t.better) {
            docs[t.copy].questions = questions;
        }
    }
    twins
}

/// Aligns `copy` to `better` and returns the copy's rebuilt questions.
fn align(better: &Document, copy: &Document, better_index: usize) -> Option<Vec<RawQuestion>> {
    let a = tokens(&better.lines);
    let b = tokens(&copy.lines);
    if b.is_empty() {
        return None;
    }
    // Question of each line of the better copy (None: preamble, headers).
    let mut question_of_line: Vec<Option<usize>> = vec![None; better.lines.len()];
    for (k, q) in better.questions.iter().enumerate() {
        for line in q.line_start..=q.line_end {
            if let Some(slot) = question_of_line.get_mut(line - 1) {
                *slot = Some(k);
            }
        }
    }
    let a_norm: Vec<&str> = a.iter().map(|t| t.norm.as_str()).collect();
    let b_norm: Vec<&str> = b.iter().map(|t| t.norm.as_str()).collect();
    let mut mapped: Vec<Option<usize>> = vec![None; b.len()]; // question per copy word
    let mut aligned = 0usize;
    for op in capture_diff_slices(Algorithm::Myers, &a_norm, &b_norm) {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            for (i, j) in old.zip(new) {
                mapped[j] = question_of_line[a[i].line];
                aligned += usize::from(mapped[j].is_some());
            }
        }
    }
    if (aligned as f64) < MIN_ALIGNED * b.len() as f64 {
        return None;
    }
    // Words of each better question, and how many of them the copy has.
    let mut words = vec![0usize; better.questions.len()];
    let mut matched = vec![0usize; better.questions.len()];
    for t in &a {
        if let Some(k) = question_of_line[t.line] {
            words[k] += 1;
        }
    }
    for q in mapped.iter().flatten() {
        matched[*q] += 1;
    }
    let shared = (0..words.len())
        .filter(|&k| words[k] > 0 && 2 * matched[k] >= words[k])
        .count();
    if shared < MIN_TWIN_QUESTIONS {
        return None;
    }
    // Unmapped words follow the mapped word before them (at the start, the
    // one after), but a better-copy boundary never moves backwards.
    let mut assigned: Vec<Option<usize>> = mapped.clone();
    let mut last: Option<usize> = None;
    for slot in assigned.iter_mut() {
        match *slot {
            Some(q) if last.is_none_or(|l| q >= l) => last = Some(q),
            Some(_) => *slot = last,
            None => *slot = last,
        }
    }
    // Unmapped words just before a boundary, on the line where the next
    // question's first mapped word stands and after the last closing
    // punctuation, open that question (`...Executor.| Immutable |`).
    let closing = |t: &Token| {
        matches!(
            t.norm.as_str(),
            "." | "," | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "\"" | "'"
        )
    };
    let mut j = 0;
    while j < b.len() {
        if mapped[j].is_some() {
            j += 1;
            continue;
        }
        let run_start = j;
        while j < b.len() && mapped[j].is_none() {
            j += 1;
        }
        let (Some(next), true) = (assigned.get(j).copied().flatten(), j < b.len()) else {
            continue;
        };
        if run_start == 0 || assigned[run_start - 1] == Some(next) {
            continue;
        }
        let mut k = j;
        while k > run_start && b[k - 1].line == b[j].line && !closing(&b[k - 1]) {
            k -= 1;
        }
        for slot in &mut assigned[k..j] {
            *slot = Some(next);
        }
    }
    // Punctuation stays with the word before it on the same line: a
    // sentence's closing `.` never opens the next question.
    for j in 1..b.len() {
        let punct = matches!(
            b[j].norm.as_str(),
            "." | "," | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "\"" | "'"
        );
        if punct && b[j].line == b[j - 1].line {
            assigned[j] = assigned[j - 1];
        }
    }
    // Words before the first mapped one belong to nothing (preamble).
    // Runs of equal question index become the copy's questions.
    let mut out: Vec<RawQuestion> = Vec::new();
    let mut run_start = 0;
    while run_start < b.len() {
        let q = assigned[run_start];
        let mut run_end = run_start;
        while run_end + 1 < b.len() && assigned[run_end + 1] == q {
            run_end += 1;
        }
        if let Some(k) = q {
            out.push(question_from_run(
                better,
                copy,
                better_index,
                k,
                &b[run_start..=run_end],
            ));
        }
        run_start = run_end + 1;
    }
    Some(out)
}

/// The copy's question made of the words `run`, twin of the better copy's
/// question `k`.
fn question_from_run(
    better: &Document,
    copy: &Document,
    better_index: usize,
    k: usize,
    run: &[Token],
) -> RawQuestion {
    let twin = &better.questions[k];
    let first = &run[0];
    let last = &run[run.len() - 1];
    // Body: the copy's text of the run, line by line; a whole line that
    // equals a better-copy line but for spacing takes that line's
    // indentation.
    let twin_lines: Vec<&BodyLine> = twin.body.iter().collect();
    let mut body = Vec::new();
    for line in first.line..=last.line {
        let text = &copy.lines[line];
        let from = if line == first.line { first.start } else { 0 };
        let to = if line == last.line {
            last.end
        } else {
            text.len()
        };
        let part = &text[from..to];
        let whole = from == 0 && to == text.len();
        let restored = whole
            .then(|| {
                twin_lines
                    .iter()
                    .find(|b| collapse(&b.text) == collapse(part))
                    .map(|b| b.text.clone())
            })
            .flatten();
        body.push(BodyLine {
            line: line + 1,
            text: restored.unwrap_or_else(|| part.to_string()),
        });
    }
    // A title tail (with its glued difficulty) opening the run is what the
    // copy kept of the title: it is recorded as read and the recovered
    // title replaces it in the body.
    let mut tail = None;
    if let Some(first_line) = body.first_mut()
        && let Some(t) = crate::readers::tail_difficulty::find_tail(&first_line.text)
        && t.start == 0
    {
        tail = Some(first_line.text[..t.answer_start].to_string());
        first_line.text = first_line.text[t.answer_start..].to_string();
    }
    let title = twin.title.clone();
    RawQuestion {
        line_start: first.line + 1,
        line_end: last.line + 1,
        title_as_read: tail,
        title,
        section: twin.section.clone(),
        difficulty: twin.difficulty,
        body,
        indentation_kept: true,
        twin_of: Some((better_index, k)),
        markdown: false,
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readers;

    #[test]
    fn a_stripped_copy_takes_titles_and_indentation_from_its_twin() {
        let good = "Basics\n1\nWhat is a list in Python programming?Easy\nA list is a mutable ordered sequence of items you can change.\ndef f(x):\n    return x + 1\n2\nWhat is a tuple in Python programming?Medium\nA tuple is an immutable ordered sequence of items you cannot change.\nt = (1, 2)\n3\nWhat is a set?Hard\nA set holds unique items with fast membership tests for you.\ns = {1, 2}";
        let copy = "Python programming?EasyA list is a mutable ordered sequence of items you can change.\ndef f(x):\nreturn x + 1\ntuple in Python programming?MediumA tuple is an immutable ordered sequence of items you cannot change.\nt = (1, 2)\nset?HardA set holds unique items with fast membership tests for you.\ns = {1, 2}";
        let mut docs = vec![
            readers::read("good.txt", good),
            readers::read("copy.txt", copy),
        ];
        let twins = recover(&mut docs);
        assert_eq!(twins.len(), 1);
        assert_eq!((twins[0].better, twins[0].copy), (0, 1));
        let qs = &docs[1].questions;
        assert_eq!(qs.len(), 3);
        assert_eq!(
            qs[0].title.as_ref().unwrap(),
            &(
                "What is a list in Python programming?".to_string(),
                TitleKind::Full
            )
        );
        assert_eq!((qs[0].line_start, qs[0].line_end), (1, 3));
        assert_eq!(
            qs[0].body[0].text,
            "A list is a mutable ordered sequence of items you can change."
        );
        assert_eq!(qs[0].body[2].text, "    return x + 1");
        assert_eq!(qs[1].difficulty, Some(crate::model::Difficulty::Medium));
        assert_eq!(qs[1].section.as_deref(), Some("Basics"));
        assert_eq!(qs[2].title_as_read.as_deref(), Some("set?Hard"));
        assert_eq!(
            qs[2].body[0].text,
            "A set holds unique items with fast membership tests for you."
        );
        assert_eq!(qs[2].twin_of, Some((0, 2)));
    }

    #[test]
    fn documents_sharing_one_paragraph_keep_their_own_questions() {
        let shared = "Python's global interpreter lock lets one thread run bytecode at a time, so threads help with waiting on sockets and files but not with arithmetic; use processes or native extensions that release the lock for work that keeps the processor busy.";
        let a = format!(
            "Answer:\n{shared}\nAnswer:\nA list is a mutable sequence that grows as you append."
        );
        let b = format!(
            "Answer:\n{shared}\nAnswer:\nFastAPI builds web services from type hints and Pydantic."
        );
        let mut docs = vec![readers::read("a.txt", &a), readers::read("b.txt", &b)];
        let before: Vec<Vec<RawQuestion>> = docs.iter().map(|d| d.questions.clone()).collect();
        recover(&mut docs);
        for (doc, was) in docs.iter().zip(&before) {
            assert_eq!(&doc.questions, was, "{}", doc.path);
        }
    }

    #[test]
    fn unrelated_documents_are_not_twins() {
        let docs = vec![
            readers::read(
                "a.txt",
                "Answer:\nThe GIL is a lock around the interpreter state.\nAnswer:\nA list is mutable.\nAnswer:\nx",
            ),
            readers::read(
                "b.txt",
                "Answer:\nFastAPI builds APIs from type hints quickly.\nAnswer:\nDjango has an ORM.\nAnswer:\ny",
            ),
        ];
        assert!(find_twins(&docs).is_empty());
    }
}
