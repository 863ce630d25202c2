//! `<connector> dev http-server`: the connector served over HTTP for development (feature
//! `dev-server`).
//!
//! `POST /<capability>` with the request envelope as body answers exactly what the CLI prints
//! for that envelope (status 200, error envelopes included, as the reference's server does);
//! `GET /openapi.json` is `app_info`'s OpenAPI document; `GET /` lists the capabilities with a
//! curl line each. Unknown paths get 404, other methods 405, bodies over 1 MB 413. Ctrl-C
//! (SIGINT, or SIGTERM) stops accepting, lets calls in flight finish and exits.
//!
//! The platform never runs this: it runs one process per call. The server is for poking a
//! connector from curl, a browser or an OpenAPI client while writing it, so it listens on
//! loopback unless told otherwise, and warns when told otherwise: envelopes carry credentials.

mod routes;
mod server;

use std::net::SocketAddr;

use crate::integration::Integration;
use crate::settings::Settings;

/// Where the development server listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpServerOptions {
    /// Host name or IP address; `127.0.0.1` by default.
    pub host: String,
    /// TCP port; `0` picks a free one (the address printed on stderr says which).
    pub port: u16,
}

impl Default for HttpServerOptions {
    fn default() -> Self {
        Self {
            host: DEFAULT_HOST.to_owned(),
            port: DEFAULT_PORT,
        }
    }
}

/// The default `--host`.
pub const DEFAULT_HOST: &str = "127.0.0.1";
/// The default `--port`, the reference's.
pub const DEFAULT_PORT: u16 = 8000;
/// The largest request body accepted, in bytes (1 MiB).
pub const BODY_LIMIT: usize = 1024 * 1024;

/// Why the development server could not run.
#[derive(Debug, thiserror::Error)]
pub enum DevServerError {
    /// The async runtime or the signal handler could not start.
    #[error("cannot start the development server: {0}")]
    Start(#[source] std::io::Error),
    /// `--host` resolved to no address.
    #[error(
        "cannot resolve --host '{host}': {reason}\nhelp: pass an IP address such as 127.0.0.1"
    )]
    Resolve {
        /// The host asked for.
        host: String,
        /// What the resolver said.
        reason: String,
    },
    /// The address is taken or not ours.
    #[error(
        "cannot listen on {address}: {source}\nhelp: pick another port with --port (0 picks a free one)"
    )]
    Bind {
        /// The address asked for.
        address: SocketAddr,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
}

/// Serves `integration` over HTTP until Ctrl-C. The address it listens on, and a warning when it
/// is not loopback, go to stderr.
///
/// # Errors
///
/// [`DevServerError`] when the runtime cannot start, the host does not resolve or the address
/// cannot be bound. Failures of single requests are answered, never returned.
pub fn http_server<S: Settings>(
    integration: &Integration<S>,
    options: &HttpServerOptions,
) -> Result<(), DevServerError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(DevServerError::Start)?;
    runtime.block_on(server::serve(integration, options))
}
