//! The listening loop: accept, serve HTTP/1.1 on each connection, stop cleanly on a signal.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::time::Duration;

use futures_util::stream::{FuturesUnordered, StreamExt};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;

use super::routes::Routes;
use super::{DevServerError, HttpServerOptions};
use crate::integration::Integration;
use crate::settings::Settings;

/// How long calls in flight may run on after Ctrl-C before the server exits anyway.
const GRACE: Duration = Duration::from_secs(10);

// Saying where it listens, and warning about a non-loopback address, is this command's output.
#[allow(clippy::print_stderr)]
pub(super) async fn serve<S: Settings>(
    integration: &Integration<S>,
    options: &HttpServerOptions,
) -> Result<(), DevServerError> {
    let address = resolve(options).await?;
    let listener = TcpListener::bind(address)
        .await
        .map_err(|source| DevServerError::Bind { address, source })?;
    let address = listener
        .local_addr()
        .map_err(|source| DevServerError::Bind { address, source })?;
    // Installed before the address is printed, so a Ctrl-C right after it is already ours.
    let mut stop = Stop::new().map_err(DevServerError::Start)?;
    let routes = Routes::new(integration, address).await;
    if !address.ip().is_loopback() {
        eprintln!(
            "warning: listening on {address}, which is not loopback: anyone who can reach it can \
             call the connector, and request envelopes carry credentials"
        );
    }
    eprintln!(
        "{} {}: listening on http://{address} (GET / lists the capabilities; Ctrl-C stops)",
        integration.app_id(),
        integration.version()
    );

    let graceful = GracefulShutdown::new();
    let mut connections = FuturesUnordered::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let routes = &routes;
                    let service = service_fn(move |request| async move {
                        Ok::<_, Infallible>(routes.answer(request).await)
                    });
                    let connection = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service);
                    connections.push(graceful.watch(connection));
                }
                // Out of file descriptors and the like: give the system a moment.
                Err(error) => {
                    eprintln!("warning: cannot accept a connection: {error}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
            Some(_) = connections.next(), if !connections.is_empty() => {}
            () = stop.recv() => break,
        }
    }
    drop(listener);
    eprintln!("stopping: finishing calls in flight");
    let drain = async { while connections.next().await.is_some() {} };
    let finished = tokio::time::timeout(GRACE, async {
        tokio::join!(graceful.shutdown(), drain);
    })
    .await;
    if finished.is_err() {
        eprintln!(
            "warning: calls still running after {} s were cut",
            GRACE.as_secs()
        );
    }
    eprintln!("stopped");
    Ok(())
}

/// The first address `--host` and `--port` resolve to.
async fn resolve(options: &HttpServerOptions) -> Result<SocketAddr, DevServerError> {
    let failed = |reason: String| DevServerError::Resolve {
        host: options.host.clone(),
        reason,
    };
    tokio::net::lookup_host((options.host.as_str(), options.port))
        .await
        .map_err(|error| failed(error.to_string()))?
        .next()
        .ok_or_else(|| failed("no address".to_owned()))
}

/// Ctrl-C (SIGINT) and, on Unix, SIGTERM.
struct Stop {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl Stop {
    #[cfg(unix)]
    fn new() -> std::io::Result<Self> {
        use tokio::signal::unix::{signal, SignalKind};
        Ok(Self {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
        })
    }

    #[cfg(not(unix))]
    fn new() -> std::io::Result<Self> {
        Ok(Self {})
    }

    #[cfg(unix)]
    async fn recv(&mut self) {
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
    }

    #[cfg(not(unix))]
    async fn recv(&mut self) {
        // Without a handler there is nothing to wait for: keep serving until the process ends.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}
