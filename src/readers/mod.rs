//! Readers: detect a document's layout from its text and split it into
//! [`RawQuestion`]s with exact line spans.
//!
//! A reader never decides how an answer is rendered or what a missing title
//! should be: it reports what the document says (title as read, section,
//! difficulty, the answer's lines) and where. Transforms do the rest.
//!
//! Layout detection looks only at the text, never at the file name: each
//! layout has a signature (see [`detect`]) and the strongest one wins.

use crate::error::Warning;
use crate::model::Difficulty;

pub mod answer_marker;
pub mod exercise;
pub mod marked;
pub mod numbered;
pub mod outline;
pub mod qa_table;
pub mod section_counts;
pub mod tail_difficulty;

/// The document layouts pyqconv recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// Bare section header lines; each question preceded by a line holding
    /// only its number; the title ends in a glued difficulty (`...?Hard`).
    NumberedDifficulty,
    /// No numbers or headers; surviving title tails end in a glued
    /// difficulty followed by the answer (`== and is?Easy# == : value`).
    TailDifficulty,
    /// Section header lines followed by `N questions` glued to the first
    /// question; title tails glued to answers with `?` or `.`.
    SectionCounts,
    /// Answers opened by a bare `Answer:` line, titles surviving as tails
    /// before it (`is vs ==Answer:`).
    AnswerMarkers,
    /// A study guide: chapters `N. Name`, topics `N.M Title`, and question
    /// containers under them.
    Outline,
    /// Ordinary Q&A files: a Markdown heading, a `Q:` / `Q1.` line or a
    /// numbered (bold) line per question.
    Marked,
    /// A document of one `| Question | Answer |` table (and text around
    /// it, which is no question): one question per row
    /// ([`qa_table::extract`]).
    QuestionTable,
    /// Programming exercises, each opened by a line holding only
    /// `Question N`, with a `Level N` line, a `Question:` statement and
    /// `Hints:` / `Solution:` parts ([`exercise`]).
    Exercises,
    /// Nothing recognised: the whole text is one question.
    Unstructured,
}

impl Layout {
    /// The kebab-case name shown in summaries and reports.
    pub fn name(self) -> &'static str {
        match self {
            Layout::NumberedDifficulty => "numbered-difficulty",
            Layout::TailDifficulty => "tail-difficulty",
            Layout::SectionCounts => "section-counts",
            Layout::AnswerMarkers => "answer-markers",
            Layout::Outline => "outline",
            Layout::Marked => "marked",
            Layout::QuestionTable => "question-table",
            Layout::Exercises => "exercises",
            Layout::Unstructured => "unstructured",
        }
    }
}

/// What kind of title a reader found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TitleKind {
    /// A whole question or task as written (`What is the GIL?`).
    Full,
    /// The surviving tail of a title (`is and == in Python?`): it needs
    /// completing into a question.
    Tail,
    /// A topic heading (`List Comprehensions vs Generator Expressions`):
    /// it needs turning into a question.
    Heading,
}

/// One line of a question's body: its 1-based line number and its text
/// (possibly only the part of the line after a title tail).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLine {
    /// 1-based line number in the document.
    pub line: usize,
    /// The text, without the line terminator.
    pub text: String,
}

impl BodyLine {
    /// Numbers `lines` from 1: a body as a reader would give it for a
    /// document made of just these lines (handy in tests and examples).
    pub fn numbered<S: AsRef<str>>(lines: &[S]) -> Vec<BodyLine> {
        lines
            .iter()
            .enumerate()
            .map(|(i, t)| BodyLine {
                line: i + 1,
                text: t.as_ref().to_string(),
            })
            .collect()
    }
}

/// A question as a reader found it, before any repair. `Default` gives an
/// untitled, empty question at line 0 for readers to fill in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawQuestion {
    /// First line of the question, 1-based.
    pub line_start: usize,
    /// Last line, 1-based inclusive (`line_start <= line_end`).
    pub line_end: usize,
    /// The title text as read, if any survived (a full title or a tail).
    pub title_as_read: Option<String>,
    /// The title text the reader settled on and its kind; `None` when the
    /// reader found no title (a transform writes one).
    pub title: Option<(String, TitleKind)>,
    /// Section from the document's own headers.
    pub section: Option<String>,
    /// Difficulty as the document states it.
    pub difficulty: Option<Difficulty>,
    /// The answer's lines, in order.
    pub body: Vec<BodyLine>,
    /// Whether code in the body kept its original indentation.
    pub indentation_kept: bool,
    /// The same question in a better copy of this document, as (document
    /// index, question index) into the slice given to
    /// [`crate::transforms::twins::recover`]; set only by that transform.
    pub twin_of: Option<(usize, usize)>,
    /// Whether the body is already Markdown (fenced code, lists) and is to
    /// be kept as written rather than rebuilt from flat lines.
    pub markdown: bool,
}

/// A count a document states for a section (`14 questions`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedCount {
    /// The section's name.
    pub section: String,
    /// The 1-based line of the section header.
    pub line: usize,
    /// How many questions the section says it holds.
    pub count: usize,
}

/// The result of reading one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The path as given (used in occurrences and messages).
    pub path: String,
    /// The detected layout.
    pub layout: Layout,
    /// Number of lines in the document.
    pub line_count: usize,
    /// The document's lines, without terminators (`lines[i]` is line `i + 1`).
    pub lines: Vec<String>,
    /// Questions in document order, with disjoint spans.
    pub questions: Vec<RawQuestion>,
    /// Findings worth telling the user.
    pub warnings: Vec<Warning>,
    /// Question counts the document states for its sections, in order.
    pub stated_counts: Vec<StatedCount>,
    /// Characters restored from wrong-code-page decoding before reading
    /// ([`crate::mojibake`]); 0 when the text showed no such damage.
    pub encoding_repairs: usize,
    /// The focus-areas header sections were taken from, as its 1-based
    /// line and the number of questions given a section
    /// ([`crate::transforms::sections`]); `None` when none was used.
    pub sections_from_header: Option<(usize, usize)>,
}

/// Splits `text` into lines without terminators, accepting `\n` and `\r\n`.
/// Line `i` of the result is document line `i + 1`.
pub fn lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect()
}

/// Detects the layout of `text` from its signals.
///
/// Each layout's signature is counted and the first one with enough hits
/// wins, most specific first: number lines followed by a title with a glued
/// difficulty (≥ 3); `N questions` lines after a bare heading (≥ 2);
/// `N.M Title` topic lines (≥ 3); bare `Answer:` lines (≥ 3); title tails
/// with a glued difficulty (≥ 3); marked questions (≥ 2, see
/// [`marked::detect_style`]); bare `Answer:` lines (≥ 2); a `| Question |
/// Answer |` table header. Otherwise [`Layout::Unstructured`].
pub fn detect(text: &str) -> Layout {
    let lines = lines(text);
    let numbered = lines
        .windows(2)
        .filter(|w| is_number_line(w[0]) && numbered::split_difficulty(w[1]).is_some())
        .count();
    if numbered >= 3 {
        return Layout::NumberedDifficulty;
    }
    let counts = lines
        .windows(2)
        .filter(|w| {
            crate::text::is_heading_like(w[0]) && section_counts::split_count(w[1]).is_some()
        })
        .count();
    if counts >= 2 {
        return Layout::SectionCounts;
    }
    let topics = lines
        .iter()
        .filter(|l| outline::parse_topic(l).is_some())
        .count();
    if topics >= 3 {
        return Layout::Outline;
    }
    let answers = lines
        .iter()
        .filter(|l| answer_marker::is_answer_marker(l))
        .count();
    if answers >= 3 {
        return Layout::AnswerMarkers;
    }
    let tails = lines
        .iter()
        .filter(|l| tail_difficulty::find_tail(l).is_some())
        .count();
    if tails >= 3 {
        return Layout::TailDifficulty;
    }
    if exercise::is_exercises(&lines) {
        return Layout::Exercises;
    }
    if marked::detect_style(&lines).is_some() {
        return Layout::Marked;
    }
    // Two answer markers in a text nothing else marks: the rest of its
    // questions lost theirs (boundaries are found without markers).
    if answers >= 2 {
        return Layout::AnswerMarkers;
    }
    if lines.iter().any(|l| qa_table::is_header(l)) {
        return Layout::QuestionTable;
    }
    Layout::Unstructured
}

/// Reads one document: detects its layout and runs that layout's reader.
///
/// `path` is only used to label occurrences and warnings.
pub fn read(path: &str, text: &str) -> Document {
    let layout = detect(text);
    let all = lines(text);
    let (mut questions, mut warnings) = match layout {
        Layout::NumberedDifficulty => numbered::read(path, &all),
        Layout::TailDifficulty => tail_difficulty::read(path, &all),
        Layout::SectionCounts => section_counts::read(path, &all),
        Layout::AnswerMarkers => answer_marker::read(path, &all),
        Layout::Outline => outline::read(path, &all),
        Layout::Marked => marked::read(path, &all),
        Layout::QuestionTable => (Vec::new(), Vec::new()),
        Layout::Exercises => exercise::read(path, &all),
        Layout::Unstructured => read_unstructured(&all),
    };
    qa_table::extract(&all, &mut questions);
    if let Some(last) = questions.last_mut() {
        drop_footer_heading(last);
    }
    if questions.is_empty() && !all.iter().all(|l| l.trim().is_empty()) {
        warnings.push(Warning::file(path, "no question found in this document"));
    }
    let stated_counts = if layout == Layout::SectionCounts {
        section_counts::stated_counts(&all)
    } else {
        Vec::new()
    };
    Document {
        stated_counts,
        encoding_repairs: 0,
        sections_from_header: None,
        path: path.to_string(),
        layout,
        line_count: all.len(),
        lines: all.iter().map(|l| l.to_string()).collect(),
        questions,
        warnings,
    }
}

/// Drops a heading that ends a scraped document's last answer: a
/// heading-like line ([`crate::text::is_heading_like`], `What to Study
/// Next`) set off by a blank line, with nothing after it in the document,
/// heads a part of the page the scrape lost (its footer), not the answer.
/// Markdown bodies are kept as written.
fn drop_footer_heading(q: &mut RawQuestion) {
    if q.markdown {
        return;
    }
    let n = q.body.len();
    let is_footer = n >= 3
        && crate::text::is_heading_like(&q.body[n - 1].text)
        && q.body[n - 2].text.trim().is_empty();
    if is_footer {
        q.body.pop();
        if let Some((_, last)) = trim_body(&mut q.body) {
            q.line_end = last.max(q.line_start);
        }
    }
}

/// Whether `line` holds only a question number (`12`).
pub fn is_number_line(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())
}

/// The fallback reader: every non-blank line belongs to one question.
fn read_unstructured(lines: &[&str]) -> (Vec<RawQuestion>, Vec<Warning>) {
    let body = body_lines(lines, 1, lines.len());
    if body.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let q = RawQuestion {
        line_start: body[0].line,
        line_end: body[body.len() - 1].line,
        body,
        indentation_kept: true,
        ..RawQuestion::default()
    };
    (vec![q], Vec::new())
}

/// The lines `from..=to` (1-based inclusive) as body lines; empty when
/// `from > to`. Lines past the end are ignored.
pub fn body_lines(lines: &[&str], from: usize, to: usize) -> Vec<BodyLine> {
    if from == 0 || from > to {
        return Vec::new();
    }
    (from..=to.min(lines.len()))
        .map(|n| BodyLine {
            line: n,
            text: lines[n - 1].to_string(),
        })
        .collect()
}

/// Trims blank lines from both ends of `body` and returns the span of what
/// is left, or `None` if nothing is.
pub fn trim_body(body: &mut Vec<BodyLine>) -> Option<(usize, usize)> {
    while body.last().is_some_and(|b| b.text.trim().is_empty()) {
        body.pop();
    }
    let lead = body.iter().take_while(|b| b.text.trim().is_empty()).count();
    body.drain(..lead);
    Some((body.first()?.line, body.last()?.line))
}

/// Where a title tail that a scraper glued to the answer ends.
///
/// Scrapers dropped the separator between a heading and the answer's first
/// sentence: `...results?== compares`, `...scoping rule.Python resolves`.
/// Returns the byte offset just after the `?` or `.` that closes the title,
/// when the text before it reads as a title (no code shape, a few words)
/// and the text after it starts a new sentence or code with no space.
///
/// ```
/// use pyqconv::readers::glued_title_end;
/// let line = "is and == in Python? When does is return surprising results?== compares value";
/// assert_eq!(glued_title_end(line), Some(60));
/// assert_eq!(glued_title_end("nonlocal, and the LEGB scoping rule.Python resolves names"), Some(36));
/// assert_eq!(glued_title_end("lock = asyncio.Lock()"), None);
/// // After a question, a sentence glued to an import block ends the title.
/// let mock = "unittest.mock and pytest-mock? Explain patch and side_effect.from unittest.mock import patch";
/// assert_eq!(glued_title_end(mock), Some(61));
/// // A dotted class name (`subprocess.Popen`) does not end the title.
/// let popen = "subprocess.run vs subprocess.Popen? How do you avoid deadlocks?subprocess.run starts";
/// assert_eq!(glued_title_end(popen), Some(63));
/// ```
pub fn glued_title_end(line: &str) -> Option<usize> {
    let t = line;
    if t.starts_with(['#', '|', ' ', '-', '•']) || t.len() < 4 {
        return None;
    }
    let bytes = t.as_bytes();
    let mut best = None;
    for (i, &b) in bytes.iter().enumerate() {
        if i > 300 {
            break;
        }
        if b != b'?' && b != b'.' {
            continue;
        }
        let Some(&next) = bytes.get(i + 1) else {
            break;
        };
        let prefix = &t[..i + 1];
        if prefix.contains(" = ")
            || prefix.matches('(').count() != prefix.matches(')').count()
            || prefix.matches('"').count() % 2 == 1
        {
            return None;
        }
        if b == b'?' {
            // `?` then a non-space: the answer begins here.
            if next == b' ' || next == b')' || next == b'"' || next == b'\'' || next == b'?' {
                continue;
            }
            if next.is_ascii_lowercase() && !t[i + 1..].starts_with(|c: char| c.is_alphabetic()) {
                continue;
            }
            if crate::text::word_count(prefix) >= 2 {
                best = Some(i + 1);
                break;
            }
        } else {
            // `.` then a capitalised plain word (`rule.Python`), not
            // `module.ClassName` or `obj.Method(`; or, after a question in
            // the title, code (`parameters.*args collects`).
            if i == 0
                || !bytes[i - 1].is_ascii_lowercase()
                || prefix.starts_with("from ")
                || prefix.starts_with("import ")
            {
                continue;
            }
            let code_follows = matches!(next, b'*' | b'_' | b'@')
                || ["from ", "import ", "class ", "def ", "async def ", "# "]
                    .iter()
                    .any(|k| t[i + 1..].starts_with(k));
            // Glued to code, the text before is a title when it asked a
            // question, or when it opens in lowercase: a tail, whose head
            // went with the lost line break (`conftest.py, plugins, and
            // markers.# pyproject.toml`), where an answer's sentence opens
            // capitalised.
            let words = crate::text::word_count(prefix);
            let tail = prefix.starts_with(|c: char| c.is_lowercase())
                && words >= 3
                && !matches!(next, b'*' | b'_' | b'@')
                && !crate::text::is_code_line(prefix);
            if code_follows && (prefix.contains("? ") && words >= 4 || tail) {
                best = Some(i + 1);
                break;
            }
            if !next.is_ascii_uppercase() {
                continue;
            }
            let word: String = t[i + 1..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let plain_word = word.len() >= 2
                && word.chars().skip(1).all(|c| c.is_ascii_lowercase())
                && !t[i + 1 + word.len()..].starts_with(['(', '.', '_', '[']);
            let prev_word = prefix[..i]
                .rsplit(|c: char| !c.is_alphanumeric() && c != '_')
                .next()
                .unwrap_or("");
            let prev_plain =
                prev_word.len() >= 3 && prev_word.chars().all(|c| c.is_ascii_lowercase());
            if plain_word
                && prev_plain
                && !crate::text::joins_dotted_name(t, i)
                && crate::text::word_count(prefix) >= 3
                && !prefix.contains('(')
            {
                best = Some(i + 1);
                break;
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_ending_the_last_answer_is_the_page_footer() {
        let mut q = RawQuestion {
            line_start: 1,
            line_end: 5,
            body: body_lines(
                &[
                    "Q?",
                    "Use a template method.",
                    "def generate(self): ...",
                    "",
                    "What to Study Next",
                ],
                2,
                5,
            ),
            ..RawQuestion::default()
        };
        drop_footer_heading(&mut q);
        assert_eq!(q.line_end, 3);
        assert_eq!(q.body.last().unwrap().text, "def generate(self): ...");
        // A last line that is a sentence stays.
        let mut q = RawQuestion {
            line_start: 1,
            line_end: 4,
            body: body_lines(
                &[
                    "Q?",
                    "Use a template method.",
                    "",
                    "It keeps steps in order.",
                ],
                2,
                4,
            ),
            ..RawQuestion::default()
        };
        drop_footer_heading(&mut q);
        assert_eq!(q.line_end, 4);
    }

    #[test]
    fn two_answer_markers_beside_a_question_table_keep_the_text_read() {
        let text = "Python questions\nsubprocess.run()?\nAnswer:\nIt runs a command and waits.\n\
            import subprocess\nsubprocess.run([\"ls\"], check=True)\n\
            csv files?\nAnswer:\nThe csv module reads rows.\nimport csv\n\
            | Question | Answer |\n|---|---|\n| What is os.walk? | A tree walker. |\n";
        assert_eq!(detect(text), Layout::AnswerMarkers);
        let doc = read("t.txt", text);
        assert_eq!(doc.questions.len(), 3);
        // Without the markers, the table is all the document marks.
        assert_eq!(
            detect("Intro.\n| Question | Answer |\n|---|---|\n| What is x? | X. |\n"),
            Layout::QuestionTable
        );
    }

    #[test]
    fn glued_title_cases() {
        assert_eq!(
            glued_title_end(
                "__dunder__ methods. How do you implement a custom container?Python's data model"
            ),
            Some(60)
        );
        assert_eq!(
            glued_title_end(
                "threading, multiprocessing, asyncio, or concurrent.futures? Compare them.Decision matrix:"
            ),
            Some(73)
        );
        assert_eq!(
            glued_title_end("self._listeners = weakref.WeakSet() # auto"),
            None
        );
        assert_eq!(
            glued_title_end("Zero-downtime index creation: Use migrations.AddIndex with"),
            None
        );
        assert_eq!(glued_title_end("re.compile(r\"a?b\")"), None);
        assert_eq!(glued_title_end("# Why?Because"), None);
        // A tail glued to the code it heads; an answer's own sentence,
        // capitalised, glued alike is no title.
        let tail = "conftest.py, plugins, and markers.# pyproject.toml";
        assert_eq!(glued_title_end(tail), Some(34));
        assert_eq!(&tail[..34], "conftest.py, plugins, and markers.");
        assert_eq!(
            glued_title_end("Use a context manager for files.# with open(path) as f:"),
            None
        );
        // Code is no tail, whatever it is glued to.
        assert_eq!(
            glued_title_end("def __init__(self): self._items = []"),
            None
        );
        assert_eq!(glued_title_end("if cls not in cls._instances:"), None);
        assert_eq!(
            glued_title_end("return self.run() # then self.# note"),
            None
        );
    }

    #[test]
    fn crlf_lines_lose_the_carriage_return() {
        assert_eq!(lines("a\r\nb\r\n"), vec!["a", "b"]);
    }
}
