//! The other layouts, each read from a small hand-written fixture in
//! `tests/fixtures/` with no configuration. Expected titles, sections and
//! spans were written from reading the fixtures.

use pyqconv::readers::{self, Layout};
use std::path::Path;

fn read(name: &str) -> readers::Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let text = std::fs::read_to_string(path).unwrap();
    readers::read(name, &text)
}

fn titles(doc: &readers::Document) -> Vec<String> {
    pyqconv::transforms::questions_of(doc)
        .into_iter()
        .map(|q| q.title)
        .collect()
}

#[test]
fn markdown_headings_with_sections_toc_anchors_and_an_unanswered_heading() {
    let doc = read("markdown-headings.md");
    assert_eq!(doc.layout, Layout::Marked);
    assert_eq!(
        titles(&doc),
        [
            "What is a list?",
            "What is a tuple?",
            "How does the GIL affect threads?"
        ]
    );
    let sections: Vec<Option<&str>> = doc.questions.iter().map(|q| q.section.as_deref()).collect();
    assert_eq!(sections, [Some("Basics"), Some("Basics"), Some("Advanced")]);
    assert_eq!(
        (doc.questions[0].line_start, doc.questions[0].line_end),
        (9, 17)
    );
    // The heading with no answer is left out and reported.
    assert_eq!(doc.warnings.len(), 1);
    assert_eq!(doc.warnings[0].line, Some(22));
    let q = pyqconv::transforms::questions_of(&doc);
    assert!(
        q[0].answer_markdown
            .contains("```python\nxs = [1, 2]\n# a comment inside code")
    );
    assert!(!q[0].answer_markdown.contains("<a id"));
    assert!(q[1].answer_markdown.contains("immutable & hashable"));
}

#[test]
fn markdown_q_number_headings_with_bold_answer_markers() {
    let doc = read("markdown-q-answer.md");
    assert_eq!(doc.layout, Layout::Marked);
    assert_eq!(
        titles(&doc),
        [
            "What is PEP 8?",
            "Explain list comprehensions.",
            "What does `*args` collect?"
        ]
    );
    let q = pyqconv::transforms::questions_of(&doc);
    assert_eq!(q[0].answer_markdown, "PEP 8 is Python's style guide.\n");
    assert!(q[1].answer_markdown.starts_with("They build a list"));
    assert!(
        q.iter().all(|q| q.section.is_none()),
        "the document title is not a section"
    );
}

fn spans(doc: &readers::Document) -> Vec<(usize, usize)> {
    doc.questions
        .iter()
        .map(|q| (q.line_start, q.line_end))
        .collect()
}

fn sections(doc: &readers::Document) -> Vec<Option<String>> {
    doc.questions.iter().map(|q| q.section.clone()).collect()
}

/// Reads fixture `name`, checks that it is read as [`Layout::Marked`]
/// with exactly `expected_titles` over `expected_spans` (1-based
/// inclusive line spans), and returns the document and its questions.
fn read_marked(
    name: &str,
    expected_titles: &[&str],
    expected_spans: &[(usize, usize)],
) -> (readers::Document, Vec<pyqconv::model::Question>) {
    let doc = read(name);
    assert_eq!(doc.layout, Layout::Marked, "{name}");
    assert_eq!(titles(&doc), expected_titles, "{name}");
    assert_eq!(spans(&doc), expected_spans, "{name}");
    let questions = pyqconv::transforms::questions_of(&doc);
    (doc, questions)
}

#[test]
fn collapsible_details_with_the_question_in_the_summary() {
    let doc = read("details-summary.md");
    assert_eq!(doc.layout, Layout::Marked);
    assert_eq!(
        titles(&doc),
        [
            "What is a virtual environment?",
            "What is pip?",
            "What is a wheel?"
        ]
    );
    // Each answer ends at its `</details>`; the markup is no answer text.
    assert_eq!(spans(&doc), [(6, 8), (13, 19), (25, 26)]);
    assert!(
        doc.questions
            .iter()
            .all(|q| q.body.iter().all(|b| !b.text.contains("details>")))
    );
    assert_eq!(
        sections(&doc),
        [
            Some("Packaging".to_string()),
            Some("Packaging".to_string()),
            Some("Builds".to_string())
        ]
    );
}

#[test]
fn an_answer_wrapped_in_details_under_a_question_heading() {
    let doc = read("heading-details-answer.md");
    assert_eq!(doc.layout, Layout::Marked);
    assert_eq!(titles(&doc), ["What is a generator?", "What is a closure?"]);
    assert_eq!(
        doc.questions[0]
            .body
            .iter()
            .map(|b| b.text.as_str())
            .filter(|t| !t.trim().is_empty())
            .collect::<Vec<_>>(),
        ["A function that yields values lazily."]
    );
}

#[test]
fn markdown_topic_headings_become_questions() {
    let doc = read("topic-headings.md");
    assert_eq!(doc.layout, Layout::Marked);
    assert_eq!(
        titles(&doc),
        [
            "What are list comprehensions?",
            "What is the GIL?",
            "What are decorators?"
        ]
    );
    assert_eq!(spans(&doc), [(5, 12), (14, 16), (20, 22)]);
    assert_eq!(
        sections(&doc),
        [
            Some("Core".to_string()),
            Some("Core".to_string()),
            Some("Functions".to_string())
        ]
    );
    let questions = pyqconv::transforms::questions_of(&doc);
    assert!(
        questions
            .iter()
            .all(|q| q.title_origin == pyqconv::model::TitleOrigin::Repaired)
    );
}

#[test]
fn paragraphs_opening_with_a_bare_question_line() {
    let doc = read("question-lines.txt");
    assert_eq!(doc.layout, Layout::Marked);
    assert_eq!(
        titles(&doc),
        [
            "What is Python?",
            "What is PEP 8?",
            "How do you copy a list?",
            "Why are tuples hashable?"
        ]
    );
    // A question inside an answer's later paragraph opens nothing: the
    // line before it is prose, not a blank.
    assert_eq!(spans(&doc), [(1, 2), (4, 5), (7, 9), (11, 16)]);
}

#[test]
fn question_and_answer_labels_spelled_out() {
    let doc = read("question-answer-words.txt");
    assert_eq!(doc.layout, Layout::Marked);
    assert_eq!(
        titles(&doc),
        [
            "What is the difference between a tuple and a list?",
            "What does the with statement do?",
            "Explain *args and **kwargs."
        ]
    );
    let spans: Vec<(usize, usize)> = doc
        .questions
        .iter()
        .map(|q| (q.line_start, q.line_end))
        .collect();
    // `Questions about ...` is prose, no label: it stays in the last answer.
    assert_eq!(spans, [(1, 2), (4, 6), (8, 14)]);
    assert_eq!(
        doc.questions[1].body[0].text,
        "It calls __enter__ and __exit__ on a context manager, so resources"
    );
}

#[test]
fn q_and_a_pairs_with_windows_line_endings() {
    let doc = read("qa-pairs.txt");
    assert_eq!(doc.layout, Layout::Marked);
    assert_eq!(
        titles(&doc),
        [
            "What is a decorator?",
            "What is a generator?",
            "What is a closure?"
        ]
    );
    assert_eq!(
        (doc.questions[1].line_start, doc.questions[1].line_end),
        (4, 6)
    );
    assert!(
        doc.questions
            .iter()
            .all(|q| q.body.iter().all(|b| !b.text.contains('\r')))
    );
    assert_eq!(
        doc.questions[0].body[0].text,
        "A callable that takes a function and returns a wrapped one."
    );
}

#[test]
fn numbered_q_with_ans_plain_text() {
    let doc = read("q-ans.txt");
    assert_eq!(
        titles(&doc),
        [
            "What is pip?",
            "What is a virtual environment?",
            "What is __init__.py for?"
        ]
    );
    let q = pyqconv::transforms::questions_of(&doc);
    assert!(
        q[1].answer_markdown
            .contains("```bash\npython -m venv .venv\n```"),
        "{}",
        q[1].answer_markdown
    );
    assert_eq!(q[0].answer_markdown, "The package installer for Python.\n");
}

#[test]
fn numbered_bold_questions_answered_by_bullets() {
    let doc = read("bold-numbered.md");
    assert_eq!(
        titles(&doc),
        [
            "What is a generator?",
            "What is the iterator protocol?",
            "When should you use a generator expression?"
        ]
    );
    assert_eq!(
        doc.questions[0].section.as_deref(),
        Some("Generators and iterators")
    );
    let q = pyqconv::transforms::questions_of(&doc);
    assert!(
        q[1].answer_markdown
            .starts_with("- `__iter__` returns the iterator.\n- `__next__`")
    );
}

#[test]
fn numbered_questions_with_what_how_example() {
    let doc = read("what-how.txt");
    assert_eq!(
        titles(&doc),
        ["What is a context manager?", "What is monkey patching?"]
    );
    let q = pyqconv::transforms::questions_of(&doc);
    assert!(q[0].answer_markdown.starts_with("What: An object"));
    assert!(
        q[0].answer_markdown
            .contains("```python\nwith open(\"data.txt\") as f:")
    );
    assert_eq!(
        (doc.questions[1].line_start, doc.questions[1].line_end),
        (7, 12)
    );
}

#[test]
fn a_checklist_of_questions_with_answers_indented_under_them() {
    let doc = read("checklist.md");
    assert_eq!(doc.layout, Layout::Marked);
    assert_eq!(
        titles(&doc),
        [
            "What is the difference between a list and a tuple?",
            "How do you copy a nested list?",
            "What does `*args` collect?",
            "What is a closure?"
        ]
    );
    // The table of contents heads nothing: it is no section, and no
    // question is made of it.
    assert_eq!(
        sections(&doc),
        [
            Some("Basics".to_string()),
            Some("Basics".to_string()),
            Some("Functions".to_string()),
            Some("Functions".to_string())
        ]
    );
    assert_eq!(spans(&doc), [(12, 19), (21, 30), (36, 38), (40, 45)]);
    let q = pyqconv::transforms::questions_of(&doc);
    // Code indented under the item keeps its own indentation.
    assert!(q[1].answer_markdown.contains(
        "```python\nimport copy\n\ndef clone(grid):\n    return copy.deepcopy(grid)\n```"
    ));
    assert!(
        q[3].answer_markdown.ends_with(
            "- the inner function reads them later;\n- `nonlocal` lets it rebind them.\n"
        )
    );
    // "Back to top" links are navigation, not answer.
    assert!(q.iter().all(|q| !q.answer_markdown.contains("Back to top")));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn bold_bullet_questions_with_answers_under_them() {
    let (_, q) = read_marked(
        "bullet-questions.md",
        &[
            "What is a generator?",
            "What is `__slots__` for?",
            "Why is `is` not `==`?",
        ],
        &[(3, 9), (10, 11), (12, 13)],
    );
    assert_eq!(
        q[0].answer_markdown,
        "A function that yields values lazily.\n```python\ndef count(n):\n    for i in range(n):\n        yield i\n```\n"
    );
}

#[test]
fn numbered_bold_questions_with_paragraphs_and_code_indented_under_them() {
    let doc = read("indented-list.md");
    assert_eq!(
        titles(&doc),
        [
            "What is a context manager?",
            "How do you read a file line by line?",
            "What does `enumerate` return?"
        ]
    );
    assert_eq!(spans(&doc), [(3, 15), (17, 23), (25, 27)]);
    let q = pyqconv::transforms::questions_of(&doc);
    assert!(q[0].answer_markdown.contains(
        "```python\nclass Timer:\n    def __enter__(self):\n        self.start = time.perf_counter()\n"
    ));
    // Code indented four spaces past the item's text is a code block,
    // fenced with its language.
    assert_eq!(
        q[1].answer_markdown,
        "Iterate over the file object:\n\n```python\nwith open(\"data.txt\") as f:\n    for line in f:\n        print(line.rstrip())\n```\n"
    );
}

#[test]
fn setext_headings_mark_questions_and_their_underlines_are_no_answer() {
    let (_, q) = read_marked(
        "setext.md",
        &[
            "What is a decorator?",
            "What is the GIL?",
            "What is a metaclass?",
        ],
        &[(4, 14), (16, 19), (21, 24)],
    );
    assert!(q[0].answer_markdown.starts_with("A function that takes"));
    assert!(q.iter().all(|q| !q.answer_markdown.contains("---")));
    assert!(
        q.iter().all(|q| q.section.is_none()),
        "the underlined document title is not a section"
    );
}

#[test]
fn html_heading_elements_mark_questions_with_their_code_spans() {
    let (_, q) = read_marked(
        "html-headings.md",
        &[
            "What is a list comprehension?",
            "What is the difference between `is` and `==`?",
            "What does `yield` do?",
        ],
        &[(5, 11), (13, 15), (17, 26)],
    );
    assert!(q[0].answer_markdown.contains("```python\nsquares = "));
    assert!(q.iter().all(|q| !q.answer_markdown.contains("<h")));
    assert!(
        q.iter().all(|q| q.section.is_none()),
        "the centred document title is not a section"
    );
}

#[test]
fn numbered_q_and_a_markers_with_code_in_plain_text() {
    let (_, q) = read_marked(
        "numbered-q-a.txt",
        &[
            "What is PEP 8?",
            "What are *args and **kwargs?",
            "What is a lambda?",
        ],
        &[(3, 4), (6, 9), (11, 12)],
    );
    assert_eq!(
        q[0].answer_markdown.trim(),
        "The style guide for Python code."
    );
    // `**kwargs` is Python, not bold: the file is plain text and its code
    // is fenced with its indentation.
    assert_eq!(
        q[1].answer_markdown,
        "They collect extra positional and keyword arguments.\n\n```python\ndef f(*args, **kwargs):\n    return args, kwargs\n```\n"
    );
    assert!(q.iter().all(|q| !q.answer_markdown.contains("A1)")));
}

#[test]
fn restructured_text_sections_and_literal_blocks() {
    let (doc, q) = read_marked(
        "restructured.rst",
        &[
            "What is a generator?",
            "What is a decorator?",
            "What is the GIL?",
        ],
        &[(9, 16), (18, 29), (34, 37)],
    );
    assert_eq!(
        sections(&doc),
        [
            Some("Basics".to_string()),
            Some("Basics".to_string()),
            Some("Concurrency".to_string())
        ]
    );
    // `For example::` keeps one colon; its indented block is fenced.
    assert!(q[0].answer_markdown.contains(
        "For example:\n\n```python\ndef count_up(n):\n    for i in range(n):\n        yield i\n```"
    ));
    // The directive and its option give way to a fence of its language.
    assert!(q[1].answer_markdown.contains("```python\ndef shout(f):\n"));
    assert!(q.iter().all(|q| !q.answer_markdown.contains("code-block")
        && !q.answer_markdown.contains(":linenos:")
        && !q.answer_markdown.contains("~~~")));
}

#[test]
fn numbered_questions_answered_in_block_quotes() {
    let (_, q) = read_marked(
        "quoted-answers.md",
        &[
            "What is a generator?",
            "What is a decorator?",
            "What is the GIL?",
        ],
        &[(3, 5), (7, 14), (16, 18)],
    );
    assert_eq!(
        q[1].answer_markdown,
        "A callable that takes a function and returns another.\n\n```python\n@cache\ndef f(): ...\n```\n"
    );
    assert!(q.iter().all(|q| !q.answer_markdown.contains('>')));
}

#[test]
fn org_mode_headlines_and_source_blocks() {
    let (doc, q) = read_marked(
        "org-mode.org",
        &[
            "What is a list comprehension?",
            "What is a dict comprehension?",
            "What is a metaclass?",
        ],
        &[(5, 9), (10, 11), (13, 18)],
    );
    assert_eq!(
        sections(&doc),
        [
            Some("Basics".to_string()),
            Some("Basics".to_string()),
            Some("Advanced".to_string())
        ]
    );
    assert!(
        q[0].answer_markdown
            .contains("```python\nsquares = [x * x for x in range(10)]\n```")
    );
    assert!(q[1].answer_markdown.contains("`{k: v for k, v in pairs}`"));
    assert!(
        q[2].answer_markdown
            .contains("```python\nclass Meta(type):\n    pass\n```")
    );
    assert!(q.iter().all(|q| !q.answer_markdown.contains("#+")));
}

#[test]
fn bold_lines_that_are_questions_open_paragraphs_of_answer() {
    let (_, q) = read_marked(
        "bold-question-lines.md",
        &[
            "What is the difference between a list and a tuple?",
            "What does `*args` and `**kwargs` mean?",
            "How is memory managed in Python?",
            "What is a lambda function?",
        ],
        &[(5, 13), (15, 25), (27, 30), (32, 39)],
    );
    assert!(
        q[0].answer_markdown
            .starts_with("Lists are mutable, tuples are immutable.")
    );
    assert!(
        q[1].answer_markdown
            .contains("```python\ndef f(*args, **kwargs):\n    print(args, kwargs)\n")
    );
    assert!(q.iter().all(|q| q.section.is_none()));
}

#[test]
fn headings_that_only_label_the_question_on_the_next_line() {
    let doc = read("question-label-headings.md");
    assert_eq!(
        titles(&doc),
        [
            "What is the output of the following code?",
            "How do you reverse a string in Python?",
            "What is the difference between `is` and `==`?",
            "What is a generator?",
            "Explain the `with` statement."
        ]
    );
    assert_eq!(
        sections(&doc),
        [
            Some("Basics".to_string()),
            Some("Basics".to_string()),
            Some("Basics".to_string()),
            Some("Intermediate".to_string()),
            Some("Intermediate".to_string())
        ]
    );
    // A question spans its label heading to its answer's last line.
    assert_eq!(spans(&doc)[0], (5, 15));
    assert_eq!(spans(&doc)[3], (35, 47));
    let q = pyqconv::transforms::questions_of(&doc);
    assert!(
        q[0].answer_markdown
            .starts_with("```python\nx = [1, 2, 3]\n")
    );
    assert!(!q[0].answer_markdown.contains("What is the output"));
}

#[test]
fn answer_subheadings_open_the_answer_and_deeper_headings_stay_in_it() {
    let doc = read("answer-subheadings.md");
    assert_eq!(
        titles(&doc),
        [
            "What are Python namespaces?",
            "What is the difference between deep and shallow copy?",
            "What is `__init__`?",
            "What is slicing?"
        ]
    );
    assert_eq!(spans(&doc), [(3, 8), (10, 24), (26, 38), (40, 44)]);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    let q = pyqconv::transforms::questions_of(&doc);
    assert!(q[0].answer_markdown.starts_with("A namespace is a mapping"));
    assert!(q.iter().all(|q| !q.answer_markdown.contains("Answer")));
    // `#### Example` is part of question 3's answer.
    assert!(
        q[2].answer_markdown
            .contains("#### Example\n\n```python\nclass Dog:\n    def __init__(self, name):")
    );
}

#[test]
fn numbered_topic_and_task_headings_among_question_headings() {
    let doc = read("colon-headings.md");
    assert_eq!(
        titles(&doc),
        [
            "Explain list comprehensions.",
            "What is the difference between local and global variables?",
            "Write a program to check if a number is prime.",
            "Explain inheritance in Python.",
            "What is method overriding?"
        ]
    );
    assert_eq!(
        sections(&doc),
        [
            Some("Part 1: Basics".to_string()),
            Some("Part 1: Basics".to_string()),
            Some("Part 1: Basics".to_string()),
            Some("Part 2: OOP".to_string()),
            Some("Part 2: OOP".to_string())
        ]
    );
    assert_eq!(spans(&doc)[1], (13, 16));
}

#[test]
fn difficulty_labels_leave_the_title_for_the_difficulty() {
    use pyqconv::model::Difficulty::{Easy, Hard, Medium};
    let doc = read("difficulty-labels.md");
    assert_eq!(
        titles(&doc),
        [
            "What is PEP 8?",
            "What are Python's built-in data types?",
            "What is a decorator?",
            "How does the GIL affect multithreading?",
            "What is monkey patching?",
            "What is a list?",
            "What is a tuple?",
            "What is a metaclass?"
        ]
    );
    let difficulties: Vec<_> = doc.questions.iter().map(|q| q.difficulty).collect();
    assert_eq!(
        difficulties,
        [
            Some(Easy),
            Some(Easy),
            Some(Medium),
            Some(Hard),
            Some(Medium),
            Some(Easy),
            Some(Medium),
            Some(Hard)
        ]
    );
}

#[test]
fn a_markdown_question_table_with_text_around_it() {
    let doc = read("question-table.md");
    assert_eq!(doc.layout, Layout::QuestionTable);
    assert_eq!(
        titles(&doc),
        [
            "What is the difference between `list` and `tuple`?",
            "What does `len()` return for a dict?",
            "How do you swap two variables?",
            "What is `None`?",
            "What does the `pass` statement do?"
        ]
    );
    // The header and its rule open the first row's span; the heading,
    // the lead-in and the closing line are no question.
    assert_eq!(spans(&doc), [(5, 7), (8, 8), (9, 9), (10, 10), (11, 11)]);
    let q = pyqconv::transforms::questions_of(&doc);
    // Cells are inline Markdown: code spans stay code.
    assert_eq!(q[2].answer_markdown, "`a, b = b, a`\n");
    assert!(q[3].answer_markdown.contains("its type is `NoneType`."));
}

#[test]
fn numbered_question_tables_under_level_headings() {
    use pyqconv::model::Difficulty::{Easy, Hard};
    let (doc, q) = read_marked(
        "numbered-question-tables.md",
        &[
            "What is a tuple?",
            "What does `a | b` do for sets?",
            "What is the GIL?",
            "How do you use `asyncio.gather`?",
        ],
        // Each header and its rule open its table's first row; the table
        // of contents and the headings over the tables are no question.
        &[(12, 14), (15, 15), (21, 23), (24, 24)],
    );
    assert_eq!(
        sections(&doc),
        [
            Some("Easy Questions".to_string()),
            Some("Easy Questions".to_string()),
            Some("Hard Questions".to_string()),
            Some("Hard Questions".to_string())
        ]
    );
    let difficulty: Vec<_> = doc.questions.iter().map(|q| q.difficulty).collect();
    assert_eq!(difficulty, [Some(Easy), Some(Easy), Some(Hard), Some(Hard)]);
    // The number column is no part of the answer; cells are inline
    // Markdown and an escaped pipe is a pipe.
    assert_eq!(
        q[0].answer_markdown,
        "An immutable sequence, e.g. `(1, 2)`.\n"
    );
    assert_eq!(
        q[3].answer_markdown,
        "`await asyncio.gather(f(), g())` runs both concurrently.\n"
    );
}

#[test]
fn markdown_headings_over_numbered_questions_with_unfenced_code() {
    let (doc, q) = read_marked(
        "what-how-unfenced.md",
        &[
            "What are decorators in Python?",
            "What is the difference between generators and iterators?",
        ],
        &[(3, 13), (15, 22)],
    );
    assert_eq!(
        sections(&doc),
        [Some("Python".to_string()), Some("Python".to_string())]
    );
    // No fence anywhere: the code at the margin is found and fenced with
    // its indentation, and dunder names are code, not bold.
    assert!(
        q[0].answer_markdown
            .contains("Example:\n\n```python\ndef log(func):\n    def wrapper(*args):\n")
    );
    assert!(
        q[1].answer_markdown
            .contains("implements `__iter__()` and `__next__()`.")
    );
}

#[test]
fn programming_exercises_with_levels_hints_and_solutions() {
    use pyqconv::model::Difficulty::{Easy, Hard, Medium};
    let doc = read("exercises.txt");
    assert_eq!(doc.layout, Layout::Exercises);
    assert_eq!(
        titles(&doc),
        [
            "Write a program which prints the squares of the numbers 1 to n.",
            "Define a class with a method that returns its name in upper case.",
            "Write a generator which yields the numbers between 0 and n that are divisible by 7.",
        ]
    );
    // Each exercise from its `Question N` line to its solution's last
    // line; the level description and the separators are no question.
    assert_eq!(spans(&doc), [(8, 22), (26, 38), (42, 53)]);
    let difficulty: Vec<_> = doc.questions.iter().map(|q| q.difficulty).collect();
    assert_eq!(difficulty, [Some(Easy), Some(Medium), Some(Hard)]);
    let q = pyqconv::transforms::questions_of(&doc);
    // The worked example and the hints stay in the answer; the solution
    // is fenced with its indentation.
    assert!(
        q[0].answer_markdown
            .starts_with("Suppose the following input is supplied to the program:")
    );
    assert!(q[0].answer_markdown.contains(
        "Solution:\n\n```python\nn = int(input())\nfor i in range(1, n + 1):\n    print(i * i)\n```"
    ));
    assert!(q[1].answer_markdown.contains("\n\n    def shout(self):\n"));
    assert!(q.iter().all(|q| !q.answer_markdown.contains("#---")));
}

/// A fixture read as the CLI reads it: the layout's reader, then the
/// transforms that place boundaries nothing marks.
fn read_placed(name: &str) -> readers::Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let text = std::fs::read_to_string(path).unwrap();
    pyqconv::app::read_document(name, &text)
}

fn starts(doc: &readers::Document) -> Vec<usize> {
    doc.questions.iter().map(|q| q.line_start).collect()
}

#[test]
fn tail_difficulty_answers_opening_in_lowercase_code_or_names() {
    let doc = read_placed("tail-difficulty-lowercase.txt");
    assert_eq!(doc.layout, Layout::TailDifficulty);
    // `?Mediumstr holds`, `?Hardpickle serialises`, `?Mediumimport json`,
    // `?Easyimport argparse` each start a question; 68 lost its title.
    assert_eq!(starts(&doc), [1, 13, 27, 40, 54, 68, 80, 97]);
    assert_eq!(
        doc.questions[2].difficulty,
        Some(pyqconv::model::Difficulty::Medium)
    );
    assert_eq!(
        doc.questions[3].difficulty,
        Some(pyqconv::model::Difficulty::Hard)
    );
}

#[test]
fn two_answer_markers_and_a_question_table() {
    let doc = read_placed("answer-markers-two.txt");
    assert_eq!(doc.layout, Layout::AnswerMarkers);
    assert_eq!(doc.questions.len(), 10);
    // The one-word `signal` title (64) is found though its answer opens
    // with `signal.signal()`; the table's header opens its first row (83).
    assert_eq!(starts(&doc), [5, 22, 36, 49, 64, 78, 83, 89, 92, 96]);
}
