//! The `connector-new` binary: parse, run, print any error once.

use std::process::ExitCode;

use clap::Parser;
use connector_new::cli::Cli;

fn main() -> ExitCode {
    // Usage errors exit with clap's code 2 inside parse().
    let cli = Cli::parse();
    match connector_new::run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // When even the error cannot be printed (stdout and stderr closed), nothing is left
            // to tell: the exit code still says the run failed.
            let _unprintable = connector_new::print_error(&error, cli.json_output());
            ExitCode::FAILURE
        }
    }
}
