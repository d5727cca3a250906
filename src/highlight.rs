//! Syntax highlighting at build time, with syntect
//! (<https://docs.rs/syntect>, Sublime Text grammars).
//!
//! Cards must not run JavaScript to highlight code: AnkiDroid and AnkiMobile
//! render cards in web views where review-time scripts are slow or broken,
//! and a card must show the same on every device. So code is highlighted
//! once, when the deck is built: every token becomes a `<span>` whose
//! classes name its TextMate scopes, prefixed with [`CLASS_PREFIX`]
//! (`<span class="hl-keyword hl-control hl-flow hl-python">`), and the
//! colours live in the note type's CSS ([`stylesheet`]), so one card reads
//! well in light and night mode.
//!
//! Themes: [`LIGHT_THEME`] for light mode; [`NIGHT_THEME`] under Anki's
//! night-mode classes (`.nightMode` on desktop and AnkiMobile, `.night_mode`
//! on AnkiDroid) and under `@media (prefers-color-scheme: dark)`. Both ship
//! inside syntect.
//!
//! Languages: the fence's info string is looked up as a file extension in
//! syntect's default grammars (`python`, `py`, `bash`, `sh`, `sql`, `json`,
//! `yaml`, `html`, …); a language it has no grammar for (`toml`, `ini`,
//! `dockerfile`, `text`) is written escaped and unhighlighted.

use std::sync::LazyLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// Prefix of every highlighting class, so scope names (`string`,
/// `comment`) never collide with the card's own classes.
pub const CLASS_PREFIX: &str = "hl-";

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed {
    prefix: CLASS_PREFIX,
};

/// syntect theme used in light mode.
pub const LIGHT_THEME: &str = "InspiredGitHub";

/// syntect theme used in night mode.
pub const NIGHT_THEME: &str = "base16-ocean.dark";

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// The grammar for a fence's info string, if syntect has one.
fn syntax_for(language: &str) -> Option<&'static SyntaxReference> {
    let token = match language.trim().to_ascii_lowercase().as_str() {
        "" | "text" | "plain" | "plaintext" => return None,
        "python" | "python3" | "py" | "pycon" => "py",
        "bash" | "shell" | "sh" | "console" | "zsh" => "sh",
        other => return SYNTAXES.find_syntax_by_extension(other),
    };
    SYNTAXES.find_syntax_by_extension(token)
}

/// Highlights `code` written in `language` (a fence's info string) as HTML
/// for the inside of a `<code>` element: text HTML-escaped, tokens wrapped
/// in classed `<span>`s, line breaks kept.
///
/// Returns `None` when syntect has no grammar for `language` or fails on
/// the text; the caller then writes the code escaped and unhighlighted.
///
/// ```
/// let html = pyqconv::highlight::highlight("if x < 1:\n    pass\n", "python").unwrap();
/// assert!(html.contains(r#"<span class="hl-keyword hl-control"#));
/// assert!(html.contains("&lt;"));
/// assert!(pyqconv::highlight::highlight("a = 1\n", "toml").is_none());
/// ```
pub fn highlight(code: &str, language: &str) -> Option<String> {
    let syntax = syntax_for(language)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

/// The CSS for highlighted code: [`LIGHT_THEME`]'s colours, then
/// [`NIGHT_THEME`]'s under `.nightMode`, `.night_mode` and
/// `prefers-color-scheme: dark`. Only token colours and font styles are
/// kept; the code block's own background comes from the card's CSS.
///
/// The light rules never match in night mode: each selector excludes a
/// night-mode ancestor (`:not(:is(.nightMode,.night_mode) *)`) and the
/// block sits in `@media not all and (prefers-color-scheme: dark)`.
/// Without that, a light rule with more classes than the night rule for
/// the same token (`.hl-entity.hl-name.hl-function` against
/// `.nightMode .hl-entity`) wins by specificity and paints a dark colour
/// on the dark background.
///
/// # Panics
/// Never with syntect's bundled themes (they are checked by a unit test).
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let light = css_for_theme_with_class_style(&themes.themes[LIGHT_THEME], CLASS_STYLE)
        .expect("bundled light theme renders to CSS");
    let night = css_for_theme_with_class_style(&themes.themes[NIGHT_THEME], CLASS_STYLE)
        .expect("bundled night theme renders to CSS");
    let mut out = String::new();
    out.push_str("/* code: syntect ");
    out.push_str(LIGHT_THEME);
    out.push_str(" */\n");
    out.push_str("@media not all and (prefers-color-scheme: dark) {\n");
    out.push_str(&scoped(&light, |s| format!("{s}{NOT_IN_NIGHT_MODE}")));
    out.push_str("}\n");
    out.push_str("/* code in night mode: syntect ");
    out.push_str(NIGHT_THEME);
    out.push_str(" */\n");
    out.push_str(&scoped(&night, |s| {
        format!(".nightMode {s}, .night_mode {s}")
    }));
    out.push_str("@media (prefers-color-scheme: dark) {\n");
    out.push_str(&scoped(&night, str::to_string));
    out.push_str("}\n");
    out
}

/// Appended to every light-mode selector: the token has no night-mode
/// ancestor (Anki puts `.nightMode` or `.night_mode` on the card's body or
/// an element around it).
const NOT_IN_NIGHT_MODE: &str = ":not(:is(.nightMode,.night_mode) *)";

/// Rewrites syntect's CSS: comments dropped, the rule for the whole code
/// block (`.hl-code`, which sets a background) dropped, background colours
/// removed from token rules, and every selector rewritten by `scope`
/// (which may return a selector list).
fn scoped(css: &str, scope: impl Fn(&str) -> String) -> String {
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = match rest[start..].find("*/") {
            Some(end) => &rest[start + end + 2..],
            None => "",
        };
    }
    text.push_str(rest);

    let mut out = String::new();
    for rule in text.split('}') {
        let Some((selectors, body)) = rule.split_once('{') else {
            continue;
        };
        let selectors: Vec<&str> = selectors
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if selectors.is_empty() || selectors.contains(&".hl-code") {
            continue;
        }
        let body: Vec<&str> = body
            .split(';')
            .map(str::trim)
            .filter(|d| !d.is_empty() && !d.starts_with("background"))
            .collect();
        if body.is_empty() {
            continue;
        }
        let scoped: Vec<String> = selectors.iter().map(|s| scope(s)).collect();
        out.push_str(&scoped.join(", "));
        out.push_str(" { ");
        out.push_str(&body.join("; "));
        out.push_str("; }\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_keywords_strings_and_comments_get_classes() {
        let html = highlight("def f(x):\n    return 'a' # c\n", "python").unwrap();
        assert!(html.contains("hl-storage hl-type hl-function"), "{html}");
        assert!(html.contains("hl-string"), "{html}");
        assert!(html.contains("hl-comment"), "{html}");
        assert_eq!(html.matches('\n').count(), 2);
    }

    #[test]
    fn text_is_escaped() {
        let html = highlight("print('<b>' & x)\n", "py").unwrap();
        assert!(!html.contains("<b>"));
        assert!(html.contains("&lt;b&gt;"));
        assert!(html.contains("&amp;"));
    }

    #[test]
    fn shell_sql_and_json_have_grammars_others_do_not() {
        for lang in ["bash", "sh", "sql", "json", "yaml"] {
            assert!(highlight("x\n", lang).is_some(), "{lang}");
        }
        for lang in ["toml", "ini", "dockerfile", "text", "", "no-such-language"] {
            assert!(highlight("x\n", lang).is_none(), "{lang}");
        }
    }

    #[test]
    fn stylesheet_has_both_themes_scoped_and_no_backgrounds() {
        let css = stylesheet();
        assert!(css.contains(".hl-comment:not(:is(.nightMode,.night_mode) *)"));
        assert!(css.contains(".nightMode .hl-comment"));
        assert!(css.contains(".night_mode .hl-comment"));
        assert!(css.contains("@media (prefers-color-scheme: dark) {"));
        assert!(!css.contains("background"));
        assert!(!css.contains(".hl-code "));
        // Balanced braces: every rule closed.
        assert_eq!(css.matches('{').count(), css.matches('}').count());
    }

    #[test]
    fn scoped_rewrites_every_selector() {
        let css = "/* x */\n.hl-code { color: #111; background-color: #fff; }\n\
                   .hl-a, .hl-b { color: #222; }\n.hl-c { background-color: #000; }\n";
        assert_eq!(
            scoped(css, |s| format!(".n {s}, .m {s}")),
            ".n .hl-a, .m .hl-a, .n .hl-b, .m .hl-b { color: #222; }\n"
        );
    }

    /// Seen on a rendered card: `def count` was dark on dark in night
    /// mode, because the light rule `.hl-entity.hl-name.hl-function` is
    /// more specific than the night rule for the same token. Every light
    /// rule must therefore be unable to match in night mode.
    #[test]
    fn light_rules_cannot_match_in_night_mode() {
        let css = stylesheet();
        let (light, night) = css.split_once("/* code in night mode").unwrap();
        let light = light
            .split_once("@media not all and (prefers-color-scheme: dark) {\n")
            .expect("light rules inside a not-dark media query")
            .1;
        let mut rules = 0;
        for rule in light.lines().filter(|l| l.contains('{')) {
            let selectors = rule.split_once('{').unwrap().0;
            for selector in selectors.split(", ") {
                assert!(
                    selector.trim_end().ends_with(NOT_IN_NIGHT_MODE),
                    "{selector}"
                );
                rules += 1;
            }
        }
        assert!(rules > 10, "{light}");
        assert!(night.contains(".nightMode .hl-entity"), "{night}");
    }
}
