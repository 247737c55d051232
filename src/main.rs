//! The `citegraph` binary: parse arguments, run, report errors, set the exit status.

use std::process::ExitCode;

use clap::Parser;

use citegraph::cli::Cli;
use citegraph::{Config, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = Config::from_cli(cli).and_then(|config| {
        let mut stdout = std::io::stdout().lock();
        citegraph::run(&config, &mut stdout)
    });
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::PartialFailure) => ExitCode::FAILURE,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {}", citegraph::terminal::printable(format_args!("{err:#}")));
            ExitCode::FAILURE
        }
    }
}

/// `citegraph list | head` closing the pipe early is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|cause| cause.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
