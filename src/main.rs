//! The `sayso` binary: parse the command line, run, map errors to exit codes
//! (0 success, 1 error, 2 bad usage: clap exits with 2 by itself).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = sayso::cli::Cli::parse();
    match sayso::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // `sayso list | head`: the reader has what it wanted.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // Not `eprintln!`: it panics when stderr is gone (a terminal that
            // hung up), and the error is worth no more than the exit code then.
            let _ = writeln!(
                std::io::stderr(),
                "sayso: {}",
                sayso::cli::error_message(&e)
            );
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
