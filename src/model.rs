//! The normalized question model every reader produces and every writer reads.
//!
//! Readers turn a raw document into [`Question`]s; transforms take a
//! [`Deck`] and return one; writers only read it. Nothing here does I/O.
//!
//! The JSON form of [`Deck`] (`{"schema_version": 1, "questions": [...]}`) is
//! a public interface documented in the README: field names are stable.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Version of the JSON schema written by [`crate::writers::json`].
pub const SCHEMA_VERSION: u32 = 1;

/// How a question's title (the card's front) was obtained.
///
/// Ordered from most to least trustworthy; a merge prefers the smaller one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TitleOrigin {
    /// The title as the document wrote it.
    Original,
    /// Completed from a surviving fragment (a title tail glued to the
    /// answer) or rewritten as a question from a topic heading.
    Repaired,
    /// Taken from another source that asks the same question.
    Recovered,
    /// Written from the answer itself because no title survived.
    Generated,
}

impl TitleOrigin {
    /// The lowercase name used in JSON, tags and reports (`original`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            TitleOrigin::Original => "original",
            TitleOrigin::Repaired => "repaired",
            TitleOrigin::Recovered => "recovered",
            TitleOrigin::Generated => "generated",
        }
    }
}

impl fmt::Display for TitleOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A question's difficulty as a source states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    /// Core syntax and built-ins.
    Easy,
    /// Patterns, OOP, standard library.
    Medium,
    /// Internals, concurrency, system design.
    Hard,
}

impl Difficulty {
    /// The lowercase name used in JSON and tags (`easy`, `medium`, `hard`).
    pub fn as_str(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        }
    }

    /// The capitalised label shown on cards and in spreadsheets (`Easy`, ...).
    pub fn label(self) -> &'static str {
        match self {
            Difficulty::Easy => "Easy",
            Difficulty::Medium => "Medium",
            Difficulty::Hard => "Hard",
        }
    }

    /// Parses `Easy` / `medium` / `HARD` (any case); `None` for anything else.
    pub fn parse(word: &str) -> Option<Difficulty> {
        match word.trim().to_ascii_lowercase().as_str() {
            "easy" => Some(Difficulty::Easy),
            "medium" => Some(Difficulty::Medium),
            "hard" => Some(Difficulty::Hard),
            _ => None,
        }
    }
}

impl Difficulty {
    /// The difficulty a section heading names when it names nothing but a
    /// level (`Easy Questions`, `Beginner`, `🟡 Intermediate Level`,
    /// `Advanced Python Interview Questions`): its words, less `questions`,
    /// `level`, `python`, `interview` and symbols, are one level word.
    /// `beginner`, `junior` and `easy` read as easy; `intermediate` and
    /// `medium` as medium; `advanced`, `expert`, `senior` and `hard` as
    /// hard. A topic beside the level (`Advanced Python Syntax`) gives
    /// `None`: the heading names a topic. Several level words must agree
    /// (`HARD QUESTION (Senior-Level)`).
    ///
    /// ```
    /// use pyqconv::model::Difficulty;
    /// assert_eq!(Difficulty::of_level_heading("Easy Questions"), Some(Difficulty::Easy));
    /// assert_eq!(Difficulty::of_level_heading("Intermediate Level"), Some(Difficulty::Medium));
    /// assert_eq!(Difficulty::of_level_heading("🔥 HARD QUESTION (Senior-Level)"), Some(Difficulty::Hard));
    /// assert_eq!(Difficulty::of_level_heading("Junior to Senior"), None);
    /// assert_eq!(Difficulty::of_level_heading("Advanced Python Syntax"), None);
    /// assert_eq!(Difficulty::of_level_heading("Functions"), None);
    /// ```
    pub fn of_level_heading(heading: &str) -> Option<Difficulty> {
        let words: Vec<String> = heading
            .split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .filter(|w| !w.is_empty())
            .filter(|w| {
                !matches!(
                    w.as_str(),
                    "questions" | "question" | "level" | "levels" | "python" | "interview"
                )
            })
            .collect();
        let level = |word: &str| match word {
            "easy" | "beginner" | "beginners" | "junior" | "entry" => Some(Difficulty::Easy),
            "medium" | "intermediate" => Some(Difficulty::Medium),
            "hard" | "advanced" | "expert" | "senior" => Some(Difficulty::Hard),
            _ => None,
        };
        // Every word left names the same level (`HARD QUESTION
        // (Senior-Level)`).
        let first = level(words.first()?)?;
        words
            .iter()
            .all(|w| level(w) == Some(first))
            .then_some(first)
    }
}

impl fmt::Display for Difficulty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One place a question was found: a file and a line span in it.
///
/// Line numbers are 1-based and inclusive: a question on lines 10 to 24 has
/// `line_start == 10` and `line_end == 24`, and `line_start <= line_end`.
/// `title`, `section` and `difficulty` are what *this* source said, before
/// any repair or merge (`None` where the source said nothing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    /// The document's path as given on the command line (`input/x.txt`).
    pub path: String,
    /// First line of the question, 1-based.
    pub line_start: usize,
    /// Last line of the question, 1-based, inclusive.
    pub line_end: usize,
    /// The title text as read from this source, if any survived.
    pub title: Option<String>,
    /// The section this source put the question in.
    pub section: Option<String>,
    /// The difficulty this source stated.
    pub difficulty: Option<Difficulty>,
    /// The id of the question as read from this source, before merging
    /// (see [`crate::transforms::ids`]): what an overrides file names and
    /// what keeps a note's GUID when the question leading a merged note
    /// changes. `None` in JSON written before the field existed.
    #[serde(default)]
    pub id: Option<String>,
}

impl Occurrence {
    /// `path:line_start-line_end` (or `path:line` for a one-line span), as
    /// shown on cards and in reports.
    pub fn location(&self) -> String {
        if self.line_start == self.line_end {
            format!("{}:{}", self.path, self.line_start)
        } else {
            format!("{}:{}-{}", self.path, self.line_start, self.line_end)
        }
    }
}

/// One normalized interview question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Stable identity: the same question in the same document gets the same
    /// id on every run (see [`crate::transforms::ids`]).
    pub id: String,
    /// The card's front: a question or a task, never empty.
    pub title: String,
    /// How `title` was obtained.
    pub title_origin: TitleOrigin,
    /// The answer as CommonMark: prose, lists, pipe tables and fenced code
    /// blocks that name their language.
    pub answer_markdown: String,
    /// The section (subdeck) the question belongs to, if any source gave one.
    pub section: Option<String>,
    /// The difficulty, if any source stated one; never invented.
    pub difficulty: Option<Difficulty>,
    /// Tags without spaces, sorted and unique.
    pub tags: Vec<String>,
    /// Every occurrence, in input order; never empty.
    pub sources: Vec<Occurrence>,
}

impl Question {
    /// Every occurrence as `file:line` or `file:start-end` (see
    /// [`Occurrence::location`]), joined by `separator`.
    pub fn locations(&self, separator: &str) -> String {
        self.sources
            .iter()
            .map(Occurrence::location)
            .collect::<Vec<_>>()
            .join(separator)
    }
}

/// The whole converted collection: what writers read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deck {
    /// Always [`SCHEMA_VERSION`] when written.
    pub schema_version: u32,
    /// The deck's name (`Python Interview`).
    pub deck: String,
    /// Questions in a stable order: by first source path, then first line.
    pub questions: Vec<Question>,
}

impl Deck {
    /// An empty deck with the given name.
    pub fn new(name: impl Into<String>) -> Deck {
        Deck {
            schema_version: SCHEMA_VERSION,
            deck: name.into(),
            questions: Vec::new(),
        }
    }
}
