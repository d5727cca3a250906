//! Anki CSV writer: a text file Anki's importer (File → Import, Anki 2.1.55
//! and later) reads without asking anything, into the same notes as the
//! package.
//!
//! The file starts with Anki's file headers (Anki manual, "Importing → Text
//! files → File headers"), then one record per question:
//!
//! (`⇥` marks a tab)
//!
//! ```text
//! #separator:tab
//! #html:true
//! #notetype:pyqconv Python Interview
//! #guid column:1
//! #deck column:2
//! #tags column:9
//! #columns:GUID⇥Deck⇥Question⇥Answer⇥Section⇥Difficulty⇥Source⇥ID⇥Tags
//! q0123…⇥Python Interview::Core Python⇥What is …?⇥<p>…</p>⇥Core Python⇥Easy⇥input/x.txt:3-9⇥q0123…⇥difficulty::easy …
//! ```
//!
//! - Fields are the package's fields, byte for byte
//!   ([`crate::writers::apkg::note_fields`]), tags its tags
//!   ([`crate::writers::apkg::note_tags`], space-separated), the deck its
//!   subdeck ([`crate::writers::apkg::deck_name`]) and the GUID its GUID:
//!   importing this file after the package (or the other way round) updates
//!   the same notes and adds none.
//! - Records are tab-separated, quoted by the csv crate only where needed
//!   (a field holding a tab, a quote or a line break), lines end with `\n`,
//!   UTF-8 without a byte-order mark.
//! - Text is written as the model holds it: no formula guard — Anki is not a
//!   spreadsheet, and a guard would change the fields.
//! - The note type must exist in the collection: import the `.apkg` once
//!   (it brings the note type, its templates and CSS); later updates can
//!   come from either file.

use crate::model::Deck;
use crate::writers::apkg::{NOTE_TYPE_NAME, deck_name, note_fields, note_tags};

/// The column names, in order (written in the `#columns:` header).
pub const COLUMNS: [&str; 9] = [
    "GUID",
    "Deck",
    "Question",
    "Answer",
    "Section",
    "Difficulty",
    "Source",
    "ID",
    "Tags",
];

/// Renders `deck` as an Anki CSV file (see the module docs).
///
/// # Errors
/// The csv crate's message if encoding fails; writing to memory does not
/// fail in practice.
pub fn render(deck: &Deck) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    out.extend_from_slice(b"#separator:tab\n#html:true\n");
    out.extend_from_slice(format!("#notetype:{NOTE_TYPE_NAME}\n").as_bytes());
    let column = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap_or(0) + 1;
    out.extend_from_slice(
        format!(
            "#guid column:{}\n#deck column:{}\n#tags column:{}\n#columns:{}\n",
            column("GUID"),
            column("Deck"),
            column("Tags"),
            COLUMNS.join("\t")
        )
        .as_bytes(),
    );
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .quote_style(csv::QuoteStyle::Necessary)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    for question in &deck.questions {
        let [title, answer, section, difficulty, source, id] = note_fields(question);
        let record = [
            question.id.clone(),
            deck_name(&deck.deck, question),
            title,
            answer,
            section,
            difficulty,
            source,
            id,
            note_tags(question).join(" "),
        ];
        writer.write_record(&record).map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.error().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Difficulty, Occurrence, Question, TitleOrigin};

    fn question() -> Question {
        Question {
            id: "q1".into(),
            title: "Is `=` \"assignment\"?".into(),
            title_origin: TitleOrigin::Original,
            answer_markdown: "=x\n\n```python\nif a:\n\tb = 1\n```\n".into(),
            section: Some("Core Python".into()),
            difficulty: Some(Difficulty::Easy),
            tags: vec!["difficulty::easy".into(), "section::Core_Python".into()],
            sources: vec![Occurrence {
                path: "input/a.txt".into(),
                line_start: 3,
                line_end: 9,
                title: None,
                section: None,
                difficulty: None,
                id: None,
            }],
        }
    }

    #[test]
    fn headers_then_records_with_the_package_fields() {
        let mut deck = Deck::new("Python Interview");
        deck.questions.push(question());
        let text = String::from_utf8(render(&deck).unwrap()).unwrap();
        let (headers, body) = text.split_at(text.find("\nq1").unwrap() + 1);
        assert_eq!(
            headers,
            "#separator:tab\n#html:true\n#notetype:pyqconv Python Interview\n\
             #guid column:1\n#deck column:2\n#tags column:9\n\
             #columns:GUID\tDeck\tQuestion\tAnswer\tSection\tDifficulty\tSource\tID\tTags\n"
        );
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b'\t')
            .has_headers(false)
            .from_reader(body.as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), 1);
        let record = &records[0];
        let fields = note_fields(&question());
        assert_eq!(&record[0], "q1");
        assert_eq!(&record[1], "Python Interview::Core Python");
        for (i, field) in fields.iter().enumerate() {
            assert_eq!(&record[2 + i], field.as_str());
        }
        assert_eq!(&record[8], "difficulty::easy section::Core_Python");
        // The answer holds a tab and line breaks: it is quoted, not guarded.
        assert!(body.contains("\"<p>=x</p>"));
        assert!(!body.contains("'="));
    }

    #[test]
    fn empty_deck_is_headers_only() {
        let text = String::from_utf8(render(&Deck::new("D")).unwrap()).unwrap();
        assert_eq!(text.lines().count(), 7);
        assert!(text.lines().all(|l| l.starts_with('#')));
    }
}
