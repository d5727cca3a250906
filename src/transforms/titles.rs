//! Titles for questions whose heading did not survive: written from the
//! answer itself (`generated`), so that no card leaves with an empty front.
//!
//! First pass: a defining sentence (`X is ...`) gives `What is X?`; any
//! other opening sentence or code comment gives an `Explain ...` task.

use crate::readers::BodyLine;
use crate::text::is_code_line;

/// Longest generated title, in characters, before it is cut at a word.
pub const MAX_TITLE_CHARS: usize = 110;

/// Writes a title for an answer that has none.
///
/// Looks at the first prose line (else the first code comment) and returns
/// a question or a task; never empty (falls back to
/// `Explain the following code.`).
///
/// ```
/// use pyqconv::readers::BodyLine;
/// use pyqconv::transforms::titles::generate;
/// let body = vec![BodyLine { line: 3, text: "The GIL is a mutex in CPython that ...".into() }];
/// assert_eq!(generate(&body), "What is the GIL?");
/// ```
pub fn generate(body: &[BodyLine]) -> String {
    let first = body.iter().map(|b| b.text.trim()).find(|t| !t.is_empty());
    if let Some(comment) = first.and_then(|t| t.strip_prefix('#')).map(str::trim)
        && comment.chars().any(char::is_alphabetic)
    {
        return format!("Explain: {}", cut(comment.trim_end_matches(['.', ':'])));
    }
    let is_prose = |t: &str| !t.is_empty() && !is_code_line(t) && !t.starts_with('|') && t.chars().any(char::is_alphabetic);
    let texts: Vec<&str> = body.iter().map(|b| b.text.trim()).collect();
    if let Some(k) = texts.iter().position(|t| is_prose(t)) {
        // Scrapers wrapped long sentences: join lines until one ends a sentence.
        let mut line = texts[k].to_string();
        for next in &texts[k + 1..] {
            if line.ends_with(['.', '?', '!', ':']) || !is_prose(next) {
                break;
            }
            line.push(' ');
            line.push_str(next);
        }
        let sentence = first_sentence(&line);
        if let Some(q) = definition_question(sentence) {
            return q;
        }
        let sentence = sentence.trim_end_matches(['.', ':', ';', ',']).trim();
        if !sentence.is_empty() {
            return format!("Explain: {}", cut(sentence));
        }
    }
    let comment = body
        .iter()
        .map(|b| b.text.trim())
        .find_map(|t| t.strip_prefix('#').map(str::trim).filter(|c| c.chars().any(char::is_alphabetic)));
    match comment {
        Some(c) => format!("Explain: {}", cut(c.trim_end_matches(['.', ':']))),
        None => "Explain the following code.".to_string(),
    }
}

/// The first sentence of `line`: up to the first `. ` / `? ` / `! `.
fn first_sentence(line: &str) -> &str {
    let mut end = line.len();
    for pat in [". ", "? ", "! ", " — ", " β "] {
        if let Some(i) = line.find(pat) {
            end = end.min(i + pat.trim_end().len());
        }
    }
    line[..end].trim()
}

/// `X is a ...` / `X are ...` → `What is X?` / `What are X?` when X is a
/// short noun phrase.
fn definition_question(sentence: &str) -> Option<String> {
    for verb in [" is ", " are "] {
        let Some(i) = sentence.find(verb) else { continue };
        let subject = sentence[..i].trim();
        let words = subject.split_whitespace().count();
        let lower_start = subject.starts_with(|c: char| c.is_lowercase()) && !subject.contains(['_', '.', '(']);
        if (1..=6).contains(&words)
            && !subject.contains([',', ':', ';'])
            && !lower_start
            && !matches!(subject.to_lowercase().as_str(), "it" | "this" | "that" | "there" | "these" | "they" | "here")
        {
            let subject = if subject.starts_with("The ") { format!("the {}", &subject[4..]) } else { subject.to_string() };
            return Some(format!("What {} {subject}?", verb.trim()));
        }
        break;
    }
    None
}

/// Cuts `s` to at most [`MAX_TITLE_CHARS`] characters at a word boundary,
/// adding `…` when cut.
fn cut(s: &str) -> String {
    if s.chars().count() <= MAX_TITLE_CHARS {
        return s.to_string();
    }
    let mut out = String::new();
    for word in s.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > MAX_TITLE_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(lines: &[&str]) -> Vec<BodyLine> {
        lines.iter().enumerate().map(|(i, t)| BodyLine { line: i + 1, text: t.to_string() }).collect()
    }

    #[test]
    fn definitions_become_what_questions() {
        assert_eq!(generate(&b(&["Python is a high-level, interpreted language."])), "What is Python?");
        assert_eq!(generate(&b(&["Type hints are annotations only."])), "What are Type hints?");
    }

    #[test]
    fn other_openings_become_explain_tasks() {
        assert_eq!(
            generate(&b(&["import copy", "A Django request goes through a well-defined pipeline:"])),
            "Explain: A Django request goes through a well-defined pipeline"
        );
        assert_eq!(generate(&b(&["# timeit β micro-benchmarks", "import timeit"])), "Explain: timeit β micro-benchmarks");
        assert_eq!(generate(&b(&["x = 1"])), "Explain the following code.");
    }
}
