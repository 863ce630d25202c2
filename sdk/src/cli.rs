//! The connector's command line (protocol §2): `<bin> info`, `<bin> <capability> --json ...`.
//!
//! stdout carries exactly one JSON document and a newline; diagnostics go to stderr. Exit
//! codes: 0 for `info` and every dispatched capability (error envelopes included), 1 for no
//! sub-command and failures outside a capability, 2 for usage errors.

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgGroup, ArgMatches, Command};

use crate::integration::{Integration, RegistryError};
use crate::settings::Settings;

/// Runs a connector from the process arguments. Use it as the whole of `main`:
///
/// ```no_run
/// # use connector_sdk::prelude::*;
/// # fn integration() -> Result<Integration, RegistryError> { Integration::builder("demo", "0.1.0").build() }
/// fn main() -> std::process::ExitCode {
///     connector_sdk::cli::run(integration())
/// }
/// ```
// The runner's diagnostics go to stderr, next to the one JSON document on stdout (§2).
#[allow(clippy::print_stderr)]
pub fn run<S: Settings>(integration: Result<Integration<S>, RegistryError>) -> ExitCode {
    init_logging();
    let integration = match integration {
        Ok(integration) => integration,
        Err(error) => {
            eprintln!("error: the connector is misconfigured: {error}");
            return ExitCode::from(1);
        }
    };
    run_with_args(&integration, std::env::args_os())
}

/// Runs a connector with explicit arguments (the first one is the program name).
// The runner's diagnostics go to stderr, next to the one JSON document on stdout (§2).
#[allow(clippy::print_stderr)]
pub fn run_with_args<S: Settings, I, T>(integration: &Integration<S>, args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let command = command(integration);
    let mut usage = command.clone();
    let matches = match command.try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(error) => {
            let code = error.exit_code();
            // Help and version go to stdout by design; everything else to stderr.
            let _ = error.print();
            return ExitCode::from(u8::try_from(code).unwrap_or(2));
        }
    };
    let Some((name, sub)) = matches.subcommand() else {
        eprintln!("No command passed in");
        eprintln!("{}", usage.render_usage());
        return ExitCode::from(1);
    };
    if name == "dev" {
        return dev(integration, sub);
    }
    match execute(integration, name, sub) {
        Ok(document) => match emit(&document, sub) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(1)
            }
        },
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

fn command<S: Settings>(integration: &Integration<S>) -> Command {
    let result_file = Arg::new("result-file-path")
        .long("result-file-path")
        .value_name("FILE.gz")
        .help("Write the gzip-compressed JSON document to FILE.gz instead of stdout");
    let proxy = [
        Arg::new("use-proxy")
            .long("use-proxy")
            .action(ArgAction::SetTrue)
            .help("Accepted for compatibility; ignored"),
        Arg::new("sip")
            .long("sip")
            .action(ArgAction::SetTrue)
            .hide(true),
    ];
    let mut command = Command::new(integration.app_id().to_owned())
        .version(integration.version().to_owned())
        .about(format!("Lumos connector '{}'", integration.app_id()))
        .subcommand(
            Command::new("info")
                .about("Describe the connector: capabilities, schemas, settings")
                .arg(result_file.clone())
                .args(proxy.clone()),
        )
        .subcommand(dev_command());
    for name in integration.capability_names() {
        command = command.subcommand(
            Command::new(name.to_owned())
                .about(format!("Run the {name} capability"))
                .arg(
                    Arg::new("json")
                        .long("json")
                        .value_name("JSON")
                        .help("The request envelope"),
                )
                .arg(
                    Arg::new("json-file")
                        .long("json-file")
                        .value_name("PATH")
                        .help("Read the request envelope from a file"),
                )
                .group(
                    ArgGroup::new("input")
                        .args(["json", "json-file"])
                        .required(true),
                )
                .arg(result_file.clone())
                .args(proxy.clone()),
        );
    }
    command
}

/// `dev http-server [--port 8000] [--host 127.0.0.1]`, listed whether or not the server is
/// built in, so that asking for it without the feature gets the way to turn it on.
fn dev_command() -> Command {
    Command::new("dev")
        .about("Development tools (never run by the platform)")
        .subcommand_required(true)
        .subcommand(
            Command::new("http-server")
                .about(
                    "Serve the capabilities over HTTP: POST /<capability> with the envelope as \
                     body, GET /openapi.json, GET / lists them (needs the `dev` feature)",
                )
                .arg(
                    Arg::new("port")
                        .long("port")
                        .short('p')
                        .value_name("PORT")
                        .value_parser(clap::value_parser!(u16))
                        .default_value("8000")
                        .help("The port to listen on; 0 picks a free one"),
                )
                .arg(
                    Arg::new("host")
                        .long("host")
                        .value_name("HOST")
                        .default_value("127.0.0.1")
                        .help(
                            "The address to listen on; anything but loopback exposes credentials",
                        ),
                ),
        )
}

/// Runs `dev <tool>`.
// The runner's diagnostics go to stderr.
#[allow(clippy::print_stderr)]
fn dev<S: Settings>(integration: &Integration<S>, sub: &ArgMatches) -> ExitCode {
    let Some(("http-server", server)) = sub.subcommand() else {
        eprintln!("error: unknown dev tool; try `dev http-server`");
        return ExitCode::from(2);
    };
    match http_server(integration, server) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

#[cfg(feature = "dev-server")]
fn http_server<S: Settings>(integration: &Integration<S>, args: &ArgMatches) -> Result<(), String> {
    let defaults = crate::dev::HttpServerOptions::default();
    let options = crate::dev::HttpServerOptions {
        host: args
            .get_one::<String>("host")
            .cloned()
            .unwrap_or(defaults.host),
        port: args
            .get_one::<u16>("port")
            .copied()
            .unwrap_or(defaults.port),
    };
    crate::dev::http_server(integration, &options).map_err(|error| error.to_string())
}

#[cfg(not(feature = "dev-server"))]
fn http_server<S: Settings>(_: &Integration<S>, _: &ArgMatches) -> Result<(), String> {
    Err("this connector was built without the development server (connector-sdk's \
         `dev-server` feature)\n\
         help: run it with its `dev` feature: `cargo run --features dev -- dev http-server`; a \
         crate without one adds `[features] dev = [\"connector-sdk/dev-server\"]` to its Cargo.toml"
        .to_owned())
}

/// Strips surrounding `"` and then `'` characters, as the reference does for paths.
fn strip_quotes(path: &str) -> &str {
    path.trim_matches('"').trim_matches('\'')
}

fn result_path(sub: &ArgMatches) -> Result<Option<String>, String> {
    match sub.get_one::<String>("result-file-path") {
        None => Ok(None),
        Some(path) => {
            let path = strip_quotes(path);
            if path.ends_with(".gz") {
                Ok(Some(path.to_owned()))
            } else {
                Err(format!("--result-file-path must end in .gz, got '{path}'"))
            }
        }
    }
}

fn execute<S: Settings>(
    integration: &Integration<S>,
    name: &str,
    sub: &ArgMatches,
) -> Result<String, String> {
    // Checked before any capability runs, as the protocol requires.
    result_path(sub)?;
    if name == "info" {
        return integration.info_json().map_err(|e| e.to_string());
    }
    let envelope = match (
        sub.get_one::<String>("json"),
        sub.get_one::<String>("json-file"),
    ) {
        (Some(json), _) => json.clone(),
        (None, Some(path)) => {
            let path = strip_quotes(path);
            std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read --json-file '{path}': {e}"))?
        }
        (None, None) => return Err("one of --json or --json-file is required".to_owned()),
    };
    Ok(integration.call_blocking(name, &envelope))
}

fn emit(document: &str, sub: &ArgMatches) -> Result<(), String> {
    match result_path(sub)? {
        Some(path) => {
            let file =
                std::fs::File::create(&path).map_err(|e| format!("cannot create '{path}': {e}"))?;
            let mut encoder = flate2::write::GzEncoder::new(file, flate2::Compression::default());
            encoder
                .write_all(document.as_bytes())
                .and_then(|()| encoder.finish().map(drop))
                .map_err(|e| format!("cannot write '{path}': {e}"))
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(document.as_bytes())
                .and_then(|()| stdout.write_all(b"\n"))
                .and_then(|()| stdout.flush())
                .map_err(|e| format!("cannot write to stdout: {e}"))
        }
    }
}

/// Diagnostics go to stderr; the level comes from `LUMOS_LOG_LEVEL` (default `ERROR`).
fn init_logging() {
    let level = match std::env::var("LUMOS_LOG_LEVEL")
        .unwrap_or_default()
        .to_ascii_uppercase()
        .as_str()
    {
        "TRACE" => tracing::Level::TRACE,
        "DEBUG" => tracing::Level::DEBUG,
        "INFO" => tracing::Level::INFO,
        "WARN" | "WARNING" => tracing::Level::WARN,
        _ => tracing::Level::ERROR,
    };
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(level)
        .with_ansi(false)
        .try_init();
}
