//! Undoing text decoded with the wrong code page.
//!
//! A scraper that read UTF-8 bytes as windows-1253 (Greek) turns each
//! multi-byte character into Greek letters and punctuation; where the
//! continuation bytes were dropped on the way, only the lead byte's letter
//! is left: `β` (0xE2) for any character from U+2000 to U+2FFF (dashes,
//! arrows, box drawing), `Γ` (0xC3) for `×`, `Β` (0xC2) before `²`.
//!
//! Repair, per line, without changing the number of lines:
//! 1. Where the bytes survived (`Β²`), the run is encoded back to
//!    windows-1253 with `encoding_rs` and decoded as UTF-8 (`²`).
//! 2. Where only a lead byte's letter is left, the lost character is chosen
//!    from its context: `5β10` → en dash; `Local β Enclosing β Global` (a
//!    chain of short items) → arrows; `βββ main.py` lines of a directory
//!    tree → box drawing (`├──`, `└──`, `│`); `2β4Γ` → `×`; any other `β`
//!    → em dash.
//!
//! A document is repaired only when it shows the damage (see
//! [`is_damaged`]) and holds no real Greek words, so text that is fine is
//! never touched.

use encoding_rs::WINDOWS_1253;

/// Letters windows-1253 shows for UTF-8 lead bytes whose continuation bytes
/// are often lost: `Β` 0xC2, `Γ` 0xC3, `β` 0xE2.
const LEAD_LETTERS: [char; 3] = ['Β', 'Γ', 'β'];

/// Whether `c` is a Greek letter.
fn is_greek(c: char) -> bool {
    ('\u{0370}'..='\u{03FF}').contains(&c)
}

/// Whether `text` shows windows-1253 damage: at least two lead-byte
/// letters standing alone among Latin text (`equality β calls`, `5β10Γ`,
/// `O(nΒ²)`), and no Greek word (two or more Greek letters in a row other
/// than the lead letters).
pub fn is_damaged(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut marks = 0;
    for (i, &c) in chars.iter().enumerate() {
        if !is_greek(c) {
            continue;
        }
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        if !LEAD_LETTERS.contains(&c) && is_greek(next) && !LEAD_LETTERS.contains(&next) {
            return false;
        }
        if LEAD_LETTERS.contains(&c) {
            let prev = if i == 0 { ' ' } else { chars[i - 1] };
            let alone = |x: char| !is_greek(x) || LEAD_LETTERS.contains(&x);
            if alone(prev) && alone(next) {
                marks += 1;
            }
        }
    }
    marks >= 2
}

/// The repaired text and how many characters were restored, or `None` when
/// `text` shows no damage (see the module docs).
///
/// ```
/// let fixed = pyqconv::mojibake::repair("5β10Γ faster\nequality β calls __eq__\nO(nΒ²)").unwrap();
/// assert_eq!(fixed.0, "5–10× faster\nequality — calls __eq__\nO(n²)");
/// ```
pub fn repair(text: &str) -> Option<(String, usize)> {
    if !is_damaged(text) {
        return None;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let tree = tree_lines(&lines);
    let mut count = 0;
    let out: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(k, line)| match &tree[k] {
            Some(fixed) => {
                count += line.chars().filter(|c| *c == 'β').count();
                fixed.clone()
            }
            None => {
                let (fixed, n) = repair_line(line);
                count += n;
                fixed
            }
        })
        .collect();
    Some((out.join("\n"), count))
}

/// Decodes `Β²`-style runs whose bytes survived: a lead letter followed by
/// characters windows-1253 gives to UTF-8 continuation bytes.
fn decode_runs(line: &str) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut n = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if LEAD_LETTERS.contains(&c) {
            let want = if c == 'β' { 2 } else { 1 };
            let run: String = chars[i..(i + 1 + want).min(chars.len())].iter().collect();
            let (bytes, _, unmappable) = WINDOWS_1253.encode(&run);
            if !unmappable
                && bytes.len() == want + 1
                && let Ok(decoded) = std::str::from_utf8(&bytes)
            {
                out.push_str(decoded);
                n += 1;
                i += want + 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    (out, n)
}

/// Repairs one line that is not part of a directory tree.
fn repair_line(line: &str) -> (String, usize) {
    let (line, mut n) = decode_runs(line);
    if !line.contains(LEAD_LETTERS) {
        return (line, n);
    }
    let chars: Vec<char> = line.chars().collect();
    // A chain `A β B β C` of short items reads as arrows: a spaced mark
    // whose neighbouring mark is at most three words away.
    let marks: Vec<usize> = (1..chars.len().saturating_sub(1))
        .filter(|&i| chars[i] == 'β' && chars[i - 1] == ' ' && chars[i + 1] == ' ')
        .collect();
    let words_between = |a: usize, b: usize| {
        chars[a + 1..b]
            .iter()
            .collect::<String>()
            .split_whitespace()
            .count()
    };
    let arrows: Vec<usize> = marks
        .iter()
        .enumerate()
        .filter(|&(k, &i)| {
            k > 0 && words_between(marks[k - 1], i) <= 3
                || marks.get(k + 1).is_some_and(|&j| words_between(i, j) <= 3)
        })
        .map(|(_, &i)| i)
        .collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i == 0 { ' ' } else { chars[i - 1] };
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        let replacement = match c {
            'β' if prev.is_ascii_digit() && next.is_ascii_digit() => '–',
            'β' if arrows.contains(&i) => '→',
            'β' => '—',
            'Γ' if prev.is_ascii_digit() || prev == '~' => '×',
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push(replacement);
        n += 1;
    }
    (out, n)
}

/// The lines of directory trees drawn with box characters that lost their
/// bytes (`# βββ main.py`, `# β βββ config.py`), redrawn: each entry's
/// branch is `├──`, or `└──` when no later sibling follows; each level
/// above is `│` while that level continues, else blank. The scraper also
/// collapsed the blanks that indented the last entry's children, so those
/// read one level up; the drawing stays a readable tree.
fn tree_lines(lines: &[&str]) -> Vec<Option<String>> {
    // (prefix before the tree, depth, rest) of each tree line.
    let parse = |line: &str| -> Option<(String, usize, String)> {
        let at = line.find("βββ")?;
        let (head, tail) = line.split_at(at);
        let mut prefix = head.to_string();
        let mut depth = 0;
        while let Some(p) = prefix.strip_suffix("β ") {
            prefix = p.to_string();
            depth += 1;
        }
        if prefix.contains('β') {
            return None;
        }
        let rest = tail.trim_start_matches('β').trim_start().to_string();
        Some((prefix, depth, rest))
    };
    let parsed: Vec<Option<(String, usize, String)>> = lines.iter().map(|l| parse(l)).collect();
    let mut out = vec![None; lines.len()];
    for k in 0..lines.len() {
        let Some((prefix, depth, rest)) = &parsed[k] else {
            continue;
        };
        // Whether a later sibling at `d` follows before the tree leaves `d`.
        let continues = |d: usize| {
            parsed[k + 1..]
                .iter()
                .map_while(|p| p.as_ref())
                .map(|(_, e, _)| *e)
                .take_while(|&e| e >= d)
                .any(|e| e == d)
        };
        let mut s = prefix.clone();
        for d in 0..*depth {
            s.push_str(if continues(d) { "│   " } else { "    " });
        }
        s.push_str(if continues(*depth) {
            "├── "
        } else {
            "└── "
        });
        s.push_str(rest);
        out[k] = Some(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        // Two marks so that the document counts as damaged.
        let text = format!("{s}\nequality β calls\nidentity β checks");
        repair(&text).unwrap().0.lines().next().unwrap().to_string()
    }

    #[test]
    fn a_range_between_digits_is_an_en_dash() {
        assert_eq!(fix("often 5β10 times"), "often 5–10 times");
    }

    #[test]
    fn a_lost_multiplication_sign_after_a_number() {
        assert_eq!(fix("5β10Γ faster; ~4Γ less"), "5–10× faster; ~4× less");
    }

    #[test]
    fn a_chain_of_short_items_is_arrows() {
        assert_eq!(
            fix("Order: Local β Enclosing β Global β Built-in."),
            "Order: Local → Enclosing → Global → Built-in."
        );
    }

    #[test]
    fn a_lone_mark_between_words_is_an_em_dash() {
        assert_eq!(
            fix("== compares value equality β calls __eq__"),
            "== compares value equality — calls __eq__"
        );
    }

    #[test]
    fn surviving_bytes_are_decoded_with_the_code_page() {
        assert_eq!(fix("O(nΒ²) allocations"), "O(n²) allocations");
    }

    #[test]
    fn directory_trees_are_redrawn() {
        let text = "# βββ main.py\n# βββ core/\n# β βββ config.py\n# β βββ db.py\n# βββ shared/\n# βββ deps.py\nx β y";
        let fixed = repair(text).unwrap().0;
        assert_eq!(
            fixed,
            "# ├── main.py\n# ├── core/\n# │   ├── config.py\n# │   └── db.py\n# ├── shared/\n# └── deps.py\nx — y"
        );
    }

    #[test]
    fn text_without_damage_or_with_greek_words_is_untouched() {
        assert!(repair("no damage here, just text").is_none());
        assert!(repair("one β alone").is_none());
        assert!(repair("λόγος and β-reduction β and Γ").is_none());
    }
}
