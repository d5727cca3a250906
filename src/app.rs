//! The application layer: the only module that touches the file system.
//!
//! Finds the documents, reads them (rayon over files), runs the readers and
//! transforms, renders every requested format in memory, and only then
//! writes each file through a temporary file in the output folder that is
//! renamed into place — a failed run leaves no half-written file.

use crate::cli::{Cli, file_stem};
use crate::error::{Error, Warning};
use crate::model::Deck;
use crate::readers::{self, Document};
use crate::transforms;
use crate::transforms::dedup;
use crate::transforms::identity::{self, IdsFile};
use crate::writers::{self, Format, apkg};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One input document, as read from disk.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as found (relative paths stay relative).
    pub path: PathBuf,
    /// The text, decoded as UTF-8 (invalid bytes replaced, with a warning).
    pub text: String,
}

/// What a run did, for the summary on stderr.
#[derive(Debug)]
pub struct Outcome {
    /// Every document read, in path order.
    pub documents: Vec<Document>,
    /// The deck written.
    pub deck: Deck,
    /// Files written, in format order.
    pub written: Vec<PathBuf>,
    /// Every warning, sorted by file and line.
    pub warnings: Vec<Warning>,
}

/// Lists the documents named by `inputs`: files as given, folders expanded
/// to the `.txt`, `.md`, `.markdown`, `.rst` and `.org` files below them ([`DOCUMENT_EXTENSIONS`]), sorted by path; duplicates
/// removed.
///
/// # Errors
/// [`Error::MissingInput`] for a path that does not exist,
/// [`Error::NoDocuments`] when nothing is found, [`Error::Io`] when a folder
/// cannot be listed.
pub fn find_documents(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut found = Vec::new();
    for input in inputs {
        if input.is_file() {
            found.push(input.clone());
        } else if input.is_dir() {
            let before = found.len();
            walk(input, &mut found)?;
            if found.len() == before {
                return Err(Error::NoDocuments(input.clone()));
            }
        } else {
            return Err(Error::MissingInput(input.clone()));
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
}

/// Extensions of the files a folder's documents are taken from: plain
/// text, Markdown, reStructuredText and Org-mode.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "rst", "org"];

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        action: "listing folder",
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io)?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            DOCUMENT_EXTENSIONS
                .iter()
                .any(|d| e.eq_ignore_ascii_case(d))
        }) {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads one document and decodes it: by its byte-order mark when it has
/// one (UTF-8, UTF-16LE, UTF-16BE; the mark dropped), as UTF-8 when it is
/// valid UTF-8, else in the legacy encoding Mozilla's detector
/// ([`chardetng`], the one Firefox uses for unlabelled pages) guesses,
/// with a warning naming the encoding and the first line UTF-8 could not
/// read. Bytes the chosen encoding cannot map become U+FFFD.
///
/// # Errors
/// [`Error::Io`] when the file cannot be read.
pub fn read_source(path: &Path) -> Result<(Source, Option<Warning>), Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        action: "reading",
        source,
    })?;
    let (text, warning) = decode(&display(path), &bytes);
    Ok((
        Source {
            path: path.to_path_buf(),
            text,
        },
        warning,
    ))
}

/// The text of a document's `bytes` (see [`read_source`]), and a warning
/// when it was not UTF-8; `shown` names the document in the warning.
pub fn decode(shown: &str, bytes: &[u8]) -> (String, Option<Warning>) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), None);
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => (t.to_string(), None),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
            let (text, _, unmapped) = encoding.decode(bytes);
            let lost = if unmapped {
                "; bytes it cannot map are replaced with U+FFFD"
            } else {
                ""
            };
            let w = Warning::at(
                shown,
                line,
                format!(
                    "not valid UTF-8 from this line; read as {}, the encoding its bytes suggest{lost} (save the file as UTF-8 to be sure)",
                    encoding.name()
                ),
            );
            (text.into_owned(), Some(w))
        }
    }
}

/// A path as shown in occurrences and messages, with `/` separators.
pub fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Reads one document's text (`path` as shown in messages) into its
/// questions: text decoded with a wrong code page repaired
/// ([`crate::mojibake`]), the layout's reader, then every boundary its text
/// supports ([`transforms::boundaries::segment`]) and sections from a
/// focus-areas header ([`transforms::sections`]). Warnings land in the
/// document.
pub fn read_document(path: &str, text: &str) -> Document {
    let repaired = crate::mojibake::repair(text);
    let text = repaired.as_ref().map_or(text, |(t, _)| t.as_str());
    let mut doc = readers::read(path, text);
    doc.encoding_repairs = repaired.map_or(0, |(_, n)| n);
    let placed = transforms::boundaries::segment(&mut doc);
    doc.warnings.extend(placed);
    transforms::sections::assign(&mut doc);
    let unparsed = code_warnings(&doc);
    doc.warnings.extend(unparsed);
    doc
}

/// A warning for each Python block of `doc`'s answers that no
/// re-indentation made parse ([`transforms::indentation`]): the block is
/// kept as found, and the user should look at the document's code there.
fn code_warnings(doc: &Document) -> Vec<Warning> {
    doc.questions
        .iter()
        .filter(|q| !q.markdown)
        .flat_map(|q| transforms::answer::blocks(&q.body, q.indentation_kept))
        .filter_map(|block| match block {
            transforms::answer::Block::Code {
                language: "python",
                parses: Some(false),
                source_lines,
                ..
            } => {
                let first = *source_lines.first()?;
                let last = *source_lines.last()?;
                Some(Warning::at(
                    &doc.path,
                    first,
                    format!(
                        "the Python code at lines {first}-{last} does not parse, also with its indentation rebuilt; \
                         it is kept as found (check the code in the document)"
                    ),
                ))
            }
            _ => None,
        })
        .collect()
}

/// Runs the whole job for `cli`: read, convert, render, write.
///
/// # Errors
/// Any [`Error`]; on error no output file has been replaced or created.
pub fn run(cli: &Cli) -> Result<Outcome, Error> {
    let paths = find_documents(&cli.inputs)?;
    let overrides = read_overrides(cli)?;
    let progress = progress_bar(cli, paths.len() as u64);
    let read: Vec<Result<(Document, Option<Warning>), Error>> = paths
        .par_iter()
        .map(|path| {
            let (source, warning) = read_source(path)?;
            let doc = read_document(&display(&source.path), &source.text);
            progress.inc(1);
            Ok((doc, warning))
        })
        .collect();
    progress.finish_and_clear();
    let mut documents = Vec::with_capacity(read.len());
    let mut warnings = Vec::new();
    for result in read {
        let (doc, warning) = result?;
        warnings.extend(warning);
        warnings.extend(doc.warnings.iter().cloned());
        documents.push(doc);
    }
    warnings.sort();
    if cli.strict && !warnings.is_empty() {
        return Err(Error::Strict(warnings.len()));
    }
    transforms::twins::recover(&mut documents);
    let mut deck = transforms::build_deck(&cli.deck, &documents, !cli.no_dedup);
    let (overrides_file, overrides) = overrides.unzip();
    let options = dedup::Options {
        threshold: cli.similarity,
        merge: !cli.no_dedup,
        overrides: overrides.unwrap_or_default(),
    };
    let mut found = dedup::run(std::mem::take(&mut deck.questions), &options);
    if let Some(path) = overrides_file {
        for id in &found.clustering.stale_ids {
            warnings.push(Warning::file(
                &display(&path),
                format!("no question has the id {id} any more; remove it from the file or use an id from the report"),
            ));
        }
        warnings.sort();
    }
    deck.questions = std::mem::take(&mut found.questions);
    let stem = file_stem(&cli.deck);

    // Identity across builds: the ids file next to the outputs.
    let ids_path = cli.output.join(format!("{stem}.ids.json"));
    let previous = match read_ids(&ids_path) {
        Ok(previous) => previous,
        Err(warning) => {
            warnings.push(warning);
            None
        }
    };
    let top = deck.deck.clone();
    let assigned = identity::assign(
        &deck,
        previous.as_ref(),
        build_time(),
        &|q| apkg::note_fingerprint(&top, q),
        &apkg::note_type_fingerprint(),
    );
    let deck = assigned.deck;
    let formats = cli.formats();
    if formats.contains(&Format::Xlsx) {
        warnings.extend(xlsx_cut_warnings(&deck));
        warnings.sort();
    }
    let mut options = writer_options(cli);
    options.anki = apkg::Stamps {
        notes: assigned.modified,
        note_type: Some(assigned.note_type_modified),
    };
    let mut written = write_outputs(&deck, &formats, &options, &cli.output, &stem)?;
    let ids = serde_json::to_vec_pretty(&assigned.ids).map_err(|e| Error::Writer {
        path: ids_path.clone(),
        format: "ids",
        message: e.to_string(),
    })?;
    write_atomically(&ids_path, &ids)?;
    if cli.report {
        let mut report = crate::report::render(&documents, &deck, &found.before, &warnings);
        report.push_str(&crate::report::duplicates(&found));
        let path = cli.output.join(format!("{stem}.report.md"));
        write_atomically(&path, report.as_bytes())?;
        written.push(path);
    }
    Ok(Outcome {
        documents,
        deck,
        written,
        warnings,
    })
}

/// The overrides file of this run: `--overrides`, else `pyqconv.toml` in
/// the first input folder when it exists.
pub fn overrides_path(cli: &Cli) -> Option<PathBuf> {
    if let Some(path) = &cli.overrides {
        return Some(path.clone());
    }
    let dir = cli.inputs.iter().find(|p| p.is_dir())?;
    let path = dir.join("pyqconv.toml");
    path.is_file().then_some(path)
}

/// Reads the overrides file ([`overrides_path`]), if there is one.
///
/// # Errors
/// [`Error::Io`] when a file named by `--overrides` cannot be read,
/// [`Error::Overrides`] when it is not a valid overrides file.
pub fn read_overrides(cli: &Cli) -> Result<Option<(PathBuf, dedup::Overrides)>, Error> {
    let Some(path) = overrides_path(cli) else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
        path: path.clone(),
        action: "reading the overrides file",
        source,
    })?;
    let overrides = dedup::Overrides::parse(&text).map_err(|message| Error::Overrides {
        path: path.clone(),
        message: message.trim().replace('\n', " "),
    })?;
    Ok(Some((path, overrides)))
}

/// Reads the ids file a previous build left at `path`
/// ([`identity::IdsFile`]). `Ok(None)` when there is none.
///
/// # Errors
/// A [`Warning`] naming the file when it cannot be read or parsed, or has
/// another version; the build then starts afresh (notes keep ids derived
/// from their titles) and overwrites it.
pub fn read_ids(path: &Path) -> Result<Option<IdsFile>, Warning> {
    let shown = display(path);
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Warning::file(
                &shown,
                format!("cannot read the ids file ({e}); notes get ids from their titles"),
            ));
        }
    };
    match serde_json::from_str::<IdsFile>(&text) {
        Ok(ids) if ids.version == identity::IDS_FILE_VERSION => Ok(Some(ids)),
        Ok(ids) => Err(Warning::file(
            &shown,
            format!(
                "ids file version {} is not {}; notes get ids from their titles",
                ids.version,
                identity::IDS_FILE_VERSION
            ),
        )),
        Err(e) => Err(Warning::file(
            &shown,
            format!(
                "the ids file is not valid ({e}); notes get ids from their titles and \
                 re-imported notes may be duplicated — restore the file from a backup to avoid it"
            ),
        )),
    }
}

/// The build time in seconds since the Unix epoch: `SOURCE_DATE_EPOCH`
/// when set to an integer (the Reproducible Builds convention,
/// <https://reproducible-builds.org/specs/source-date-epoch/>), else the
/// system clock.
pub fn build_time() -> i64 {
    if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
    {
        return epoch;
    }
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The writers' settings asked for on the command line (the Anki
/// modification times are not: [`run`] sets them from the ids file).
pub fn writer_options(cli: &Cli) -> writers::Options {
    writers::Options {
        csv: writers::csv::Options {
            delimiter: cli.delimiter,
            bom: cli.bom,
            formula_guard: !cli.no_formula_guard,
        },
        anki: apkg::Stamps::default(),
    }
}

/// A warning for each workbook cell cut to Excel's cell limit
/// ([`writers::xlsx::cut_cells`]), placed at the question's first source.
fn xlsx_cut_warnings(deck: &Deck) -> Vec<Warning> {
    writers::xlsx::cut_cells(deck)
        .into_iter()
        .filter_map(|cut| {
            let question = deck.questions.get(cut.question)?;
            let source = question.sources.first()?;
            Some(Warning::at(
                &source.path,
                source.line_start,
                format!(
                    "the {} of question {} is {} characters long, over Excel's limit of {}; \
                     cell {}!{} of the workbook is cut and ends with \"{}\" (CSV and JSON keep it whole)",
                    cut.column.to_lowercase(),
                    question.id,
                    cut.length,
                    writers::xlsx::CELL_LIMIT,
                    cut.sheet,
                    cut.cell,
                    writers::xlsx::TRUNCATION_MARKER,
                ),
            ))
        })
        .collect()
}

fn progress_bar(cli: &Cli, len: u64) -> indicatif::ProgressBar {
    if cli.quiet {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} reading {pos}/{len} documents {wide_bar}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// Renders `deck` in every format of `formats` with `options`, then writes
/// each to `dir/<stem>.<ext>` atomically (temporary file in `dir`, then
/// rename). Rendering happens before any write, so an encoding failure
/// writes nothing.
///
/// # Errors
/// [`Error::Writer`] when a format cannot be rendered; [`Error::Io`] when
/// the folder cannot be created or a file cannot be written.
pub fn write_outputs(
    deck: &Deck,
    formats: &[Format],
    options: &writers::Options,
    dir: &Path,
    stem: &str,
) -> Result<Vec<PathBuf>, Error> {
    let rendered: Vec<(PathBuf, Vec<u8>)> = formats
        .par_iter()
        .map(|&format| {
            let path = dir.join(format!("{stem}.{}", format.extension()));
            let bytes = format
                .render_with(deck, options)
                .map_err(|message| Error::Writer {
                    path: path.clone(),
                    format: format.name(),
                    message,
                })?;
            Ok((path, bytes))
        })
        .collect::<Result<_, Error>>()?;
    let mut written = Vec::new();
    for (path, bytes) in rendered {
        write_atomically(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

/// Writes `bytes` to `path` through a temporary file in the same folder
/// that is renamed into place, so `path` is never half-written; the
/// folder is created if missing.
///
/// # Errors
/// [`Error::Io`] when the folder cannot be created or the file written.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        action: "creating folder",
        source,
    })?;
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        action: "writing",
        source,
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".pyqconv-")
        .suffix(".partial")
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    // Temporary files are private (0600); the output is an ordinary
    // document anyone may read.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(io)?;
    }
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn documents_decode_by_mark_then_utf8_then_the_detected_encoding() {
        // UTF-8 with and without its mark.
        assert_eq!(
            decode("d", "Q: Café?".as_bytes()),
            ("Q: Café?".into(), None)
        );
        assert_eq!(decode("d", b"\xEF\xBB\xBFQ: x?").0, "Q: x?");
        // UTF-16 by its mark, either byte order.
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "Q: What is a list?"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        assert_eq!(decode("d", &le), ("Q: What is a list?".into(), None));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Q: é?".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode("d", &be).0, "Q: é?");
        // Windows-1252 curly quotes, dash and accents, with a warning at
        // the first line UTF-8 cannot read.
        let (text, warning) = decode(
            "d.txt",
            b"Q: Plain?\nA: Yes.\nQ: What is a caf\xe9 \x93string\x94?\nA: Text \x96 a str.\n",
        );
        assert_eq!(
            text,
            "Q: Plain?\nA: Yes.\nQ: What is a café “string”?\nA: Text – a str.\n"
        );
        let message = warning.expect("a warning").to_string();
        assert!(message.contains("d.txt:3"), "{message}");
        assert!(message.contains("windows-1252"), "{message}");
    }
}
