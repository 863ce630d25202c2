//! The `connector-new` binary: parse, run, print any error once.

use std::process::ExitCode;

use clap::Parser;
use connector_new::{cli::Cli, report};

fn main() -> ExitCode {
    // Usage errors exit with clap's code 2 inside parse().
    let cli = Cli::parse();
    match connector_new::run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            report::error(&error, cli.json);
            ExitCode::FAILURE
        }
    }
}
