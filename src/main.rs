//! The `sayso` binary: parse the command line, run, map errors to exit codes
//! (0 success, 1 error, 2 bad usage: clap exits with 2 by itself).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = sayso::cli::Cli::parse();
    match sayso::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sayso: {e:#}");
            ExitCode::FAILURE
        }
    }
}
