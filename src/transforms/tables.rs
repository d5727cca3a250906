//! Tables as scrapers leave them, rebuilt as GitHub-flavoured Markdown
//! tables (GFM spec, "Tables (extension)").
//!
//! Two damages are repaired:
//!
//! - **Wrapped rows.** A pipe row whose last cell held line breaks arrives
//!   as `| pip | Package installer |`, then the cell's lines, then a line
//!   holding only `|`. The lines up to that `|` become the row's next cell.
//! - **Glued cells.** A table whose cell separators vanished arrives as
//!   lines like `ModelBest forGIL impact` / `threadingI/O-bound
//!   tasksReleased during I/O`. Cells are cut where a lower-case letter or
//!   closing bracket meets an upper-case letter with no space between, or,
//!   failing that, inside a comma-separated word that is two Python
//!   built-in names run together (`boollist`). Lines are taken as such a
//!   table only when a short header and at least two following lines all
//!   cut into the same number of cells.

use crate::text::BUILTIN_TYPES;

/// The cells of a pipe-table line: `| a | b |` → `["a", "b"]`.
pub fn pipe_cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(|c| c.trim().to_string()).collect()
}

/// The most lines one wrapped table row may take.
const MAX_WRAPPED_ROW: usize = 12;

/// How many of `lines` the pipe table starting at `lines[0]` spans: its
/// pipe rows, and the lines of wrapped rows (lines that a lone `|` closes
/// within twelve lines, before any other pipe row). 0 when
/// `lines[0]` is no pipe row.
///
/// ```
/// use pyqconv::transforms::tables::table_len;
/// assert_eq!(table_len(&["| a | b |", "|---|---|", "| x |", "wrapped", "|", "after"]), 5);
/// assert_eq!(table_len(&["| a | b |", "prose"]), 1);
/// ```
pub fn table_len(lines: &[&str]) -> usize {
    let mut end = 0;
    while end < lines.len() {
        let t = lines[end].trim();
        let wrapped = end > 0
            && !t.starts_with('|')
            && lines[end..lines.len().min(end + MAX_WRAPPED_ROW)]
                .iter()
                .map(|l| l.trim())
                .find(|l| l.starts_with('|'))
                == Some("|");
        if !(t.starts_with('|') || wrapped) {
            break;
        }
        end += 1;
    }
    end
}

/// Whether `line` is a GFM delimiter row (`|---|:---:|`).
fn is_delimiter_row(line: &str) -> bool {
    let cells = pipe_cells(line);
    !cells.is_empty()
        && cells.iter().all(|c| {
            let c = c.trim_matches(':');
            !c.is_empty() && c.chars().all(|ch| ch == '-')
        })
}

/// Rows of a pipe table from its lines, wrapped rows joined: lines that
/// are not pipe rows, after a row and up to a line holding only `|`,
/// become one more cell of that row (joined with spaces; code lines as
/// inline code). Returns the header, then the body rows, without the
/// delimiter row. `is_code` tells which continuation lines are code.
pub fn join_wrapped_rows(lines: &[&str], is_code: impl Fn(&str) -> bool) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    for line in lines {
        let t = line.trim();
        if t == "|" {
            if let Some(row) = rows.last_mut()
                && !pending.is_empty()
            {
                row.push(pending.join(" "));
            }
            pending.clear();
        } else if t.starts_with('|') {
            if !pending.is_empty()
                && let Some(row) = rows.last_mut()
            {
                row.push(pending.join(" "));
                pending.clear();
            }
            if !is_delimiter_row(t) {
                rows.push(pipe_cells(t));
            }
        } else if !t.is_empty() {
            let (text, comma) = match t.strip_suffix(',') {
                Some(c) => (c, ","),
                None => (t, ""),
            };
            pending.push(if is_code(text) {
                format!("`{}`{comma}", text.replace('`', "'"))
            } else {
                t.to_string()
            });
        }
    }
    if let Some(row) = rows.last_mut()
        && !pending.is_empty()
    {
        row.push(pending.join(" "));
    }
    rows
}

/// A GFM table from a header and rows: every row padded (or cut) to the
/// header's width, `|` inside cells escaped.
///
/// ```
/// use pyqconv::transforms::tables::to_gfm;
/// let rows = vec![vec!["A".to_string(), "B".to_string()], vec!["1".to_string()]];
/// assert_eq!(to_gfm(&rows), "| A | B |\n| --- | --- |\n| 1 |  |");
/// ```
pub fn to_gfm(rows: &[Vec<String>]) -> String {
    let Some(header) = rows.first() else {
        return String::new();
    };
    let width = header.len().max(1);
    let line = |cells: &[String]| {
        let mut out = String::from("|");
        for k in 0..width {
            let cell = cells.get(k).map_or("", String::as_str).replace('|', "\\|");
            out.push(' ');
            out.push_str(&cell);
            out.push_str(" |");
        }
        out
    };
    let mut out = vec![line(header), format!("|{}", " --- |".repeat(width))];
    out.extend(rows[1..].iter().map(|r| line(r)));
    out.join("\n")
}

/// Cuts a glued line where a cell ends: a lower-case letter, digit or
/// closing bracket directly followed by an upper-case letter
/// (`threadingI/O-bound`, `(thousands)Single`).
fn cut_at_case(line: &str) -> Vec<String> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut cells = Vec::new();
    let mut start = 0;
    for w in chars.windows(2) {
        let ((_, a), (j, b)) = (w[0], w[1]);
        if (a.is_lowercase() || a == ')') && b.is_uppercase() {
            cells.push(line[start..j].trim().to_string());
            start = j;
        }
    }
    cells.push(line[start..].trim().to_string());
    cells
}

/// Cuts a glued comma-separated list where a word is two built-in names
/// run together: `int, boollist, dict` → `["int, bool", "list, dict"]`.
fn cut_at_builtin(line: &str) -> Option<Vec<String>> {
    let words: Vec<&str> = line.split(", ").collect();
    for (k, word) in words.iter().enumerate() {
        for (split, _) in word.char_indices().skip(1) {
            let (a, b) = word.split_at(split);
            if BUILTIN_TYPES.contains(&a) && BUILTIN_TYPES.contains(&b) {
                let mut left = words[..k].to_vec();
                left.push(a);
                let mut right = vec![b];
                right.extend(&words[k + 1..]);
                return Some(vec![left.join(", "), right.join(", ")]);
            }
        }
    }
    None
}

/// The cells of a glued row, if it cuts into exactly `width` cells.
fn glued_cells(line: &str, width: usize) -> Option<Vec<String>> {
    let cells = cut_at_case(line);
    if cells.len() == width && cells.iter().all(|c| !c.is_empty()) {
        return Some(cells);
    }
    if width == 2 {
        return cut_at_builtin(line);
    }
    None
}

/// A table whose cell separators were lost, at the start of `lines`:
/// returns how many lines it spans and its rows (header first), or `None`.
///
/// The header must cut into 2 to 6 cells of at most three words each, with
/// no sentence punctuation, and at least two following lines must cut
/// into as many cells.
///
/// ```
/// use pyqconv::transforms::tables::glued_table;
/// let lines = ["ModelBest forGIL impact", "threadingI/O-bound tasksReleased during I/O",
///     "multiprocessingCPU-bound tasksBypassed", "Then prose follows."];
/// let (n, rows) = glued_table(&lines).unwrap();
/// assert_eq!(n, 3);
/// assert_eq!(rows[0], ["Model", "Best for", "GIL impact"]);
/// assert_eq!(rows[1], ["threading", "I/O-bound tasks", "Released during I/O"]);
/// ```
pub fn glued_table(lines: &[&str]) -> Option<(usize, Vec<Vec<String>>)> {
    let header = lines.first()?.trim();
    if header.contains(['.', ',', ':', '?', '!', '(', '=', '#', '`', '|']) {
        return None;
    }
    let head = cut_at_case(header);
    if !(2..=6).contains(&head.len()) || head.iter().any(|c| c.split_whitespace().count() > 3) {
        return None;
    }
    let mut rows = vec![head.clone()];
    for line in &lines[1..] {
        match glued_cells(line.trim(), head.len()) {
            Some(cells) => rows.push(cells),
            None => break,
        }
    }
    (rows.len() >= 3).then_some((rows.len(), rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_rows_take_their_lines_as_a_cell() {
        let lines = [
            "| Tool | Purpose | Key Commands |",
            "|---|---|---|",
            "| venv | Built-in virtual env |",
            "python -m venv .venv,",
            "source .venv/bin/activate",
            "|",
            "| poetry | Packaging | poetry add flask |",
        ];
        let rows = join_wrapped_rows(&lines, |l| {
            l.starts_with("python") || l.starts_with("source")
        });
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[1],
            [
                "venv",
                "Built-in virtual env",
                "`python -m venv .venv`, `source .venv/bin/activate`"
            ]
        );
        assert_eq!(rows[2], ["poetry", "Packaging", "poetry add flask"]);
    }

    #[test]
    fn glued_lists_with_non_ascii_letters_do_not_panic() {
        assert_eq!(cut_at_builtin("—class Product:"), None);
        assert_eq!(cut_at_builtin("class Pro–duct:, Ã©int"), None);
        assert_eq!(
            cut_at_builtin("β, intbool"),
            Some(vec!["β, int".to_string(), "bool".to_string()])
        );
    }

    #[test]
    fn glued_two_column_table_with_builtin_names() {
        let lines = [
            "ImmutableMutable",
            "int, float, complex, boollist, dict, set, bytearray",
            "str, bytes, tuple, frozensetCustom class instances (by default)",
            "# Immutable: reassignment creates a new object",
        ];
        let (n, rows) = glued_table(&lines).unwrap();
        assert_eq!(n, 3);
        assert_eq!(rows[0], ["Immutable", "Mutable"]);
        assert_eq!(
            rows[1],
            ["int, float, complex, bool", "list, dict, set, bytearray"]
        );
        assert_eq!(
            rows[2],
            [
                "str, bytes, tuple, frozenset",
                "Custom class instances (by default)"
            ]
        );
    }

    #[test]
    fn prose_is_not_a_glued_table() {
        assert!(glued_table(&["Use ProcessPoolExecutor for CPU work.", "a", "b"]).is_none());
        assert!(glued_table(&["Key concepts", "asyncio.run()", "await x"]).is_none());
        assert!(glued_table(&["ThreadPoolExecutor", "one line only"]).is_none());
    }
}
