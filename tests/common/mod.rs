//! Helpers shared by the integration tests: reading the documents of
//! `input/` ([`read_input`], [`input_paths`]), and checking `.apkg` files
//! with Anki's own engine.
//!
//! [`anki_python`] makes (once) a virtual environment at `target/anki-venv`
//! holding the PyPI package `anki` ([`ANKI_VERSION`]); [`check_apkg`] runs
//! `tests/anki/check_apkg.py` with it and returns its JSON report. Nothing is
//! ever skipped: when the environment cannot be made, the test fails and
//! says why.
#![allow(dead_code)] // each test binary uses a different subset

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The `anki` release the checker runs (PyPI version string). Pinned so a
/// new Anki release cannot change test results unannounced; bump it
/// deliberately (the venv is rebuilt when the installed version differs).
pub const ANKI_VERSION: &str = "26.9.3";

/// How long to wait for another process that is building the venv.
const LOCK_WAIT: Duration = Duration::from_secs(20 * 60);

/// The crate's root folder.
pub fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The documents of `input/`, as paths relative to the crate
/// (`input/<name>`), found the way the CLI finds them
/// ([`pyqconv::app::find_documents`]), so a document added there is
/// checked too.
pub fn input_paths() -> Vec<String> {
    let found = pyqconv::app::find_documents(&[manifest_dir().join("input")])
        .expect("input/ holds documents");
    found
        .iter()
        .map(|p| {
            let name = p.file_name().expect("a file").to_string_lossy();
            format!("input/{name}")
        })
        .collect()
}

/// The document at `rel` (relative to the crate) read as the CLI reads it,
/// with its text.
pub fn read_input(rel: &str) -> (pyqconv::readers::Document, String) {
    let (source, _) = pyqconv::app::read_source(&manifest_dir().join(rel)).expect("input document");
    (pyqconv::app::read_document(rel, &source.text), source.text)
}

/// The Python interpreter of `target/anki-venv`, with `anki` installed.
///
/// Creates the venv on first use (`python3 -m venv`, then `pip install
/// anki==ANKI_VERSION`), which needs PyPI and takes a minute or two; later
/// calls, in this process or others, reuse it. Creation is serialised across
/// processes by the lock folder `target/anki-venv.lock`, and within this
/// process by a `OnceLock`.
///
/// # Panics
/// When the venv cannot be created or `anki` cannot be installed, with the
/// command's output.
pub fn anki_python() -> PathBuf {
    static PYTHON: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match PYTHON.get_or_init(ensure_venv) {
        Ok(python) => python.clone(),
        Err(message) => panic!("cannot set up Anki for the tests: {message}"),
    }
}

fn ensure_venv() -> Result<PathBuf, String> {
    let target = manifest_dir().join("target");
    let venv = target.join("anki-venv");
    let python = venv.join("bin").join("python");
    if has_anki(&python) {
        return Ok(python);
    }
    fs::create_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
    let _lock = DirLock::acquire(&target.join("anki-venv.lock"))?;
    if has_anki(&python) {
        return Ok(python); // another process made it while we waited
    }
    eprintln!(
        "setting up {} with anki=={ANKI_VERSION} (needs PyPI, takes a minute)",
        venv.display()
    );
    if venv.exists() {
        fs::remove_dir_all(&venv).map_err(|e| format!("removing {}: {e}", venv.display()))?;
    }
    run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    run(Command::new(&python).args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        &format!("anki=={ANKI_VERSION}"),
    ]))?;
    if has_anki(&python) {
        Ok(python)
    } else {
        Err(format!(
            "{} still cannot import anki {ANKI_VERSION} after installing it",
            python.display()
        ))
    }
}

/// True when `python` runs and imports `anki` at [`ANKI_VERSION`].
fn has_anki(python: &Path) -> bool {
    let check = format!(
        "import importlib.metadata as m, anki.collection, sys; \
         sys.exit(m.version('anki') != '{ANKI_VERSION}')"
    );
    python.exists()
        && Command::new(python)
            .args(["-c", &check])
            .output()
            .is_ok_and(|o| o.status.success())
}

fn run(command: &mut Command) -> Result<Output, String> {
    let output = command
        .output()
        .map_err(|e| format!("could not run {command:?}: {e}"))?;
    if output.status.success() {
        Ok(output)
    } else {
        Err(format!(
            "{command:?} failed ({}):\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// A lock held while a folder exists: `create_dir` is atomic, so only one
/// process succeeds; the folder is removed on drop (also when panicking).
struct DirLock(PathBuf);

impl DirLock {
    fn acquire(path: &Path) -> Result<DirLock, String> {
        let start = Instant::now();
        loop {
            match fs::create_dir(path) {
                Ok(()) => return Ok(DirLock(path.to_path_buf())),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    if start.elapsed() > LOCK_WAIT {
                        return Err(format!(
                            "{} still exists after {} s; if no other test run is \
                             creating the Anki venv, remove it",
                            path.display(),
                            LOCK_WAIT.as_secs()
                        ));
                    }
                    std::thread::sleep(Duration::from_millis(500));
                }
                Err(e) => return Err(format!("{}: {e}", path.display())),
            }
        }
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        let _ = fs::remove_dir(&self.0);
    }
}

/// Runs `tests/anki/check_apkg.py --render` on `packages` (imported in
/// order into one fresh collection), with `--model model` when given, and
/// returns its JSON report (format: the script's docstring).
///
/// # Panics
/// When the script exits non-zero (an import failed, or `--model` found
/// mismatches, listed in the message) or prints no valid JSON.
pub fn check_apkg(packages: &[&Path], model: Option<&Path>) -> serde_json::Value {
    let steps: Vec<&std::ffi::OsStr> = packages.iter().map(|p| p.as_os_str()).collect();
    check_steps(&steps, model)
}

/// Runs `tests/anki/check_apkg.py` over `steps` (files to import — `.apkg`
/// or Anki CSV — and `review:GUID` to answer a card) with `--render`, and
/// `--model` when given; returns its JSON report. Panics with the script's
/// stderr when it fails.
pub fn check_steps(steps: &[&std::ffi::OsStr], model: Option<&Path>) -> serde_json::Value {
    let packages = steps;
    let python = anki_python();
    let script = manifest_dir().join("tests/anki/check_apkg.py");
    let mut command = Command::new(&python);
    command.arg(&script).arg("--render");
    if let Some(model) = model {
        command.arg("--model").arg(model);
    }
    command.args(packages);
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("could not run {command:?}: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "check_apkg.py failed ({}) on {packages:?}:\n{stderr}",
        output.status
    );
    serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("check_apkg.py printed no JSON ({e}):\n{stdout}\n{stderr}"))
}
