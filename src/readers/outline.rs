//! Reader for [`Layout::Outline`](super::Layout::Outline): a study guide
//! with chapters `N. Name` and topics `N.M Title` whose bodies are mostly
//! code.
//!
//! Each topic is a question (its heading becomes the title). A topic whose
//! body is a list of questions is a container, not a question:
//! - lone `-` lines, each followed by a question line answered by `- `
//!   bullets (conceptual questions);
//! - `# N. Task` comment lines, each opening a coding task.
//!
//! Each entry of a container is a question of its own. A bare heading line
//! followed by a pipe table after the last topic (a reference card) and
//! anything after it end the questions; those lines stay unclaimed.

use super::{BodyLine, RawQuestion, TitleKind, trim_body};
use crate::error::Warning;
use crate::text::is_heading_like;

/// Parses a topic heading `N.M Title` into `(N, M, Title)`.
///
/// ```
/// use pyqconv::readers::outline::parse_topic;
/// assert_eq!(parse_topic("1.1 List Comprehensions vs Generator Expressions"),
///            Some((1, 1, "List Comprehensions vs Generator Expressions")));
/// assert_eq!(parse_topic("5.2 contextlib Utilities"), Some((5, 2, "contextlib Utilities")));
/// assert_eq!(parse_topic("3.14 * r * r"), None);
/// ```
pub fn parse_topic(line: &str) -> Option<(u32, u32, &str)> {
    let (number, title) = line.split_once(' ')?;
    let (a, b) = number.split_once('.')?;
    let a: u32 = a.parse().ok()?;
    let b: u32 = b.parse().ok()?;
    let title = title.trim();
    let ok = title.starts_with(|c: char| c.is_alphabetic())
        && !title.contains(" = ")
        && !title.ends_with(['.', ',', ';'])
        && title.len() <= 90
        && crate::text::word_count(title) >= 1;
    ok.then_some((a, b, title))
}

/// Parses a chapter heading `N. Name` into `(N, Name)`.
pub fn parse_chapter(line: &str) -> Option<(u32, &str)> {
    let (number, title) = line.split_once(". ")?;
    let n: u32 = number.parse().ok()?;
    let title = title.trim();
    let heading = is_heading_like(title)
        || title.starts_with(|c: char| c.is_uppercase()) && !title.ends_with('.');
    (heading && title.len() <= 60).then_some((n, title))
}

/// A `# N. Task` line opening a coding task: returns the task text.
pub fn parse_task(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("# ")?;
    let (number, task) = rest.split_once(". ")?;
    number.parse::<u32>().ok()?;
    let task = task.trim();
    (crate::text::word_count(task) >= 2).then_some(task)
}

/// Reads an outline document. `lines[i]` is document line `i + 1`.
pub fn read(_path: &str, lines: &[&str]) -> (Vec<RawQuestion>, Vec<Warning>) {
    // Segments: (heading index, title, chapter name) for each topic.
    let mut topics: Vec<(usize, String, Option<String>)> = Vec::new();
    let mut chapter: Option<String> = None;
    let mut boundaries: Vec<usize> = Vec::new(); // every line index that closes a topic
    let seen_topic = |topics: &Vec<(usize, String, Option<String>)>| !topics.is_empty();
    for (i, &line) in lines.iter().enumerate() {
        if let Some((_, _, title)) = parse_topic(line) {
            topics.push((i, title.to_string(), chapter.clone()));
            boundaries.push(i);
        } else if let Some((_, name)) = parse_chapter(line)
            && lines
                .get(i + 1)
                .is_some_and(|next| parse_topic(next).is_some())
        {
            chapter = Some(name.to_string());
            boundaries.push(i);
        } else if seen_topic(&topics)
            && is_heading_like(line)
            && lines
                .get(i + 1)
                .is_some_and(|next| crate::text::is_table_line(next))
        {
            // A reference card after the topics: it closes the last topic.
            boundaries.push(i);
        }
    }
    let mut questions = Vec::new();
    for (heading, title, section) in &topics {
        let end = boundaries
            .iter()
            .copied()
            .find(|&b| b > *heading)
            .unwrap_or(lines.len()); // exclusive
        let body: Vec<BodyLine> = ((heading + 1)..end)
            .map(|i| BodyLine {
                line: i + 1,
                text: lines[i].to_string(),
            })
            .collect();
        if let Some(mut entries) = split_container(&body, section) {
            questions.append(&mut entries);
            continue;
        }
        let mut body = body;
        let span_end = trim_body(&mut body).map(|(_, e)| e).unwrap_or(heading + 1);
        questions.push(RawQuestion {
            line_start: heading + 1,
            line_end: span_end,
            title_as_read: Some(title.clone()),
            title: Some((title.clone(), TitleKind::Heading)),
            section: section.clone(),
            body,
            ..RawQuestion::default()
        });
    }
    (questions, Vec::new())
}

/// Splits a container topic's body into its questions, or `None` when the
/// body is an ordinary answer (fewer than two entries).
fn split_container(body: &[BodyLine], section: &Option<String>) -> Option<Vec<RawQuestion>> {
    let dashes: Vec<usize> = (0..body.len())
        .filter(|&k| body[k].text.trim() == "-")
        .collect();
    let tasks: Vec<usize> = (0..body.len())
        .filter(|&k| parse_task(&body[k].text).is_some())
        .collect();
    let (starts, conceptual) = if dashes.len() >= 2 {
        (dashes, true)
    } else if tasks.len() >= 2 {
        (tasks, false)
    } else {
        return None;
    };
    // A container opens with its first entry; numbered comments further
    // down an answer's code (`# 1. Synchronous programs: set a flag`)
    // are steps of that answer.
    let first_text = body.iter().position(|b| !b.text.trim().is_empty());
    if first_text != starts.first().copied() {
        return None;
    }
    let mut out = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(body.len());
        let mut glued_items: Vec<BodyLine> = Vec::new();
        let (title, first_answer) = if conceptual {
            // Title: the lines after `-` up to the first `- ` bullet.
            let mut t = s + 1;
            let mut parts = Vec::new();
            while t < end && !crate::text::is_bullet_line(&body[t].text) && parts.len() < 2 {
                parts.push(body[t].text.trim().to_string());
                if body[t].text.trim_end().ends_with('?') {
                    t += 1;
                    break;
                }
                t += 1;
            }
            // A title that did not end with `?` keeps only its first line;
            // a glued second line belongs to the answer.
            if parts.len() == 2 && !parts[1].ends_with('?') {
                t -= 1;
                parts.pop();
            }
            let mut title = parts.join(" ");
            // `Explain the difference between` + `__new__and__init____new__creates ...`:
            // the title's code and the answer's glued items share a line.
            let dangling = title
                .split_whitespace()
                .last()
                .is_some_and(|w| crate::text::DANGLING_WORDS.contains(&w));
            if dangling
                && t < end
                && let Some((phrase, items)) = crate::text::split_glued_code(body[t].text.trim())
            {
                title = format!("{title} {phrase}");
                glued_items = items
                    .into_iter()
                    .map(|item| BodyLine {
                        line: body[t].line,
                        text: format!("- {item}"),
                    })
                    .collect();
                t += 1;
            }
            (title, t)
        } else {
            (
                parse_task(&body[s].text).unwrap_or_default().to_string(),
                s + 1,
            )
        };
        let mut answer: Vec<BodyLine> = glued_items;
        answer.extend_from_slice(&body[first_answer.min(end)..end]);
        let span_end = trim_body(&mut answer)
            .map(|(_, e)| e)
            .unwrap_or(body[s].line);
        if title.is_empty() && answer.is_empty() {
            continue;
        }
        out.push(RawQuestion {
            line_start: body[s].line,
            line_end: span_end.max(body[s].line),
            title_as_read: (!title.is_empty()).then(|| title.clone()),
            title: (!title.is_empty()).then_some((title, TitleKind::Full)),
            section: section.clone(),
            body: answer,
            ..RawQuestion::default()
        });
    }
    (out.len() >= 2).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_comments_inside_an_answer_are_its_steps() {
        let text = "Guide\nTable of Contents\n- Processes\n1. Processes\n1.1 Signal Handling\nimport signal\n# 1. Synchronous programs: set a flag\nflag = False\n# 2. asyncio programs: register with the loop\nloop.add_signal_handler(signal.SIGTERM, stop.set)\n1.2 Subprocess Basics\nimport subprocess\nsubprocess.run([\"ls\"])";
        let lines = super::super::lines(text);
        let (qs, _) = read("g.txt", &lines);
        assert_eq!(qs.len(), 2);
        assert_eq!((qs[0].line_start, qs[0].line_end), (5, 10));
        assert_eq!(qs[0].title.as_ref().unwrap().0, "Signal Handling");
    }

    #[test]
    fn topics_chapters_and_containers() {
        let text = "Guide\nTable of Contents\n- Syntax\n1. Syntax\n1.1 Walrus Operator\nif (n := len(a)) > 1:\nprint(n)\n2. Questions\n2.1 Conceptual Questions\n-\nWhat is the GIL?\n- A mutex\n-\nExplain memory management\n- Refcounting\n2.2 Coding Questions\n# 1. Implement a LRU Cache\nclass LRU: pass\n# 2. Flatten nested dictionary\ndef flatten(d): ...\nQuick Reference Card\n| A | B |\n|---|---|\nAuthor Name";
        let lines = super::super::lines(text);
        let (qs, _) = read("t.txt", &lines);
        let titles: Vec<&str> = qs
            .iter()
            .map(|q| q.title.as_ref().unwrap().0.as_str())
            .collect();
        assert_eq!(
            titles,
            [
                "Walrus Operator",
                "What is the GIL?",
                "Explain memory management",
                "Implement a LRU Cache",
                "Flatten nested dictionary"
            ]
        );
        assert_eq!(qs[0].section.as_deref(), Some("Syntax"));
        assert_eq!((qs[0].line_start, qs[0].line_end), (5, 7));
        assert_eq!(qs[1].section.as_deref(), Some("Questions"));
        assert_eq!((qs[1].line_start, qs[1].line_end), (10, 12));
        assert_eq!((qs[4].line_start, qs[4].line_end), (19, 20));
    }
}
