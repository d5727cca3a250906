//! The `pyqconv` command: parses arguments, runs the library, prints a
//! summary on stderr, and maps errors to exit codes.

use clap::Parser;
use pyqconv::app;
use pyqconv::cli::Cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match app::run(&cli) {
        Ok(outcome) => {
            if !cli.quiet {
                for doc in &outcome.documents {
                    eprintln!(
                        "read {}: {} layout, {} questions",
                        doc.path,
                        doc.layout.name(),
                        doc.questions.len()
                    );
                }
                if cli.verbose {
                    for w in &outcome.warnings {
                        eprintln!("warning: {w}");
                    }
                } else if !outcome.warnings.is_empty() {
                    eprintln!(
                        "{} warning(s); run with -v to see them",
                        outcome.warnings.len()
                    );
                }
                for path in &outcome.written {
                    eprintln!(
                        "wrote {} ({} questions)",
                        path.display(),
                        outcome.deck.questions.len()
                    );
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(1))
        }
    }
}
