//! [`HttpClient`]: a `reqwest::Client` with base URL, credentials, timeouts, retries of
//! throttled answers, optional rate limiting and protocol-conform errors.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tokio::time::Instant;

use super::error_hook::{ErrorMapper, UpstreamFailure};
use super::paths::{parse_base_url, resolve};
use super::rate_limit::{check_expired, check_wait, unix_now, wait_too_long, CallScope, Limiter};
use super::{Auth, HttpResponse, RateLimitConfig, RequestOptions, RetryPolicy};
use crate::error::render::display_url;
use crate::error::{ConnectorError, ConnectorResult};
use crate::models::{RateLimitOverrideMode, RateLimitSnapshot};
use crate::secret::Secret;

/// Default time to establish a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time for a whole request, from connecting to the end of the body.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// An HTTP client for one upstream API. Cloning is cheap (the connection pool is shared).
///
/// Every method returns [`ConnectorResult`]: failing statuses, transport failures and bad JSON
/// become the protocol's errors (§5.5.1, §5.6), with messages that never contain query
/// strings or secrets.
///
/// ```no_run
/// # async fn demo() -> connector_sdk::error::ConnectorResult<()> {
/// use connector_sdk::http::{Auth, HttpClient};
/// let client = HttpClient::builder()
///     .app("my-app", "1.0.0")
///     .base_url("https://api.example.com/v2")
///     .auth(Auth::bearer("token"))
///     .build()?;
/// let me: serde_json::Value = client.get_json("/me", &[]).await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct HttpClient {
    inner: Arc<Inner>,
}

struct Inner {
    client: reqwest::Client,
    base_url: Option<Url>,
    auth: Auth,
    map_http_status: bool,
    error_mapper: Option<ErrorMapper>,
    retry: RetryPolicy,
    user_agent: String,
    connect_timeout: Duration,
    timeout: Duration,
    default_header_names: Vec<String>,
    /// Present when the builder was given limits and the mode is not `bypass`.
    limiter: Option<Mutex<Limiter>>,
    /// The capability call the client was built in, if any.
    scope: Option<Arc<CallScope>>,
}

impl HttpClient {
    /// A builder with the defaults: no base URL, no credentials, connect timeout 10 s, total
    /// timeout 30 s, status mapping on, [`RetryPolicy::default`], redirects not followed.
    pub fn builder() -> HttpClientBuilder {
        HttpClientBuilder::default()
    }

    /// The absolute URL for `path` (joined to the base URL unless it is an absolute URL).
    ///
    /// # Errors
    ///
    /// `internal_error` for a relative path without a base URL, `invalid_value` for a URL
    /// that does not parse.
    pub fn url(&self, path: &str) -> ConnectorResult<Url> {
        resolve(self.inner.base_url.as_ref(), path)
    }

    /// The underlying `reqwest::Client`, for what this type does not cover. Requests made
    /// with it get neither credentials nor error conversion (`?` still converts its errors).
    pub fn reqwest_client(&self) -> &reqwest::Client {
        &self.inner.client
    }

    /// `GET path?query` and parse the JSON answer.
    ///
    /// # Errors
    ///
    /// As [`HttpClient::send`]; an answer that is not `T` as JSON is `invalid_response`.
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> ConnectorResult<T> {
        let options = RequestOptions::new().query_pairs(query);
        self.send(Method::GET, path, options).await?.json()
    }

    /// `POST path` with a JSON body and parse the JSON answer.
    ///
    /// A `2xx` answer without a body (`204 No Content`, or `200` with an empty body) reads as
    /// JSON `null`: ask for `T = ()` (or `serde_json::Value`, `Option<_>`) when the API may
    /// answer so; a `T` that cannot be `null` makes it `invalid_response`.
    ///
    /// # Errors
    ///
    /// As [`HttpClient::send`]; an answer that is not `T` as JSON is `invalid_response`.
    pub async fn post_json<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> ConnectorResult<T> {
        self.send_json(Method::POST, path, body).await
    }

    /// `PUT path` with a JSON body and parse the JSON answer.
    ///
    /// A `2xx` answer without a body (`204 No Content`, or `200` with an empty body) reads as
    /// JSON `null`: ask for `T = ()` (or `serde_json::Value`, `Option<_>`) when the API may
    /// answer so; a `T` that cannot be `null` makes it `invalid_response`.
    ///
    /// # Errors
    ///
    /// As [`HttpClient::send`]; an answer that is not `T` as JSON is `invalid_response`.
    pub async fn put_json<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> ConnectorResult<T> {
        self.send_json(Method::PUT, path, body).await
    }

    /// `PATCH path` with a JSON body and parse the JSON answer.
    ///
    /// A `2xx` answer without a body (`204 No Content`, or `200` with an empty body) reads as
    /// JSON `null`: ask for `T = ()` (or `serde_json::Value`, `Option<_>`) when the API may
    /// answer so; a `T` that cannot be `null` makes it `invalid_response`.
    ///
    /// # Errors
    ///
    /// As [`HttpClient::send`]; an answer that is not `T` as JSON is `invalid_response`.
    pub async fn patch_json<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> ConnectorResult<T> {
        self.send_json(Method::PATCH, path, body).await
    }

    /// `DELETE path`, ignoring the answer's body: `204 No Content`, `200` with or without a
    /// body and any other `2xx` are all success.
    ///
    /// # Errors
    ///
    /// As [`HttpClient::send`].
    pub async fn delete(&self, path: &str) -> ConnectorResult<()> {
        self.send(Method::DELETE, path, RequestOptions::new())
            .await
            .map(drop)
    }

    async fn send_json<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &B,
    ) -> ConnectorResult<T> {
        let options = RequestOptions::new().json(body);
        self.send(method, path, options).await?.json()
    }

    /// Sends a request and reads the whole answer.
    ///
    /// `429` and `503` answers are retried as the [`RetryPolicy`] allows. A failing status is
    /// an error ([`ConnectorError::from_http_status`], or the unmapped variant when
    /// [`HttpClientBuilder::map_http_status`] is off) unless
    /// [`RequestOptions::allow_error_status`] is set.
    ///
    /// With [`HttpClientBuilder::rate_limit`], each attempt first waits for the limiter's slot.
    /// Inside a capability call, a wait (for the limiter or before a retry) that would pass the
    /// caller's deadline (`rate_limit.max_execution_time`) fails at once with
    /// `budget_exhausted`.
    ///
    /// # Errors
    ///
    /// A path that does not resolve ([`HttpClient::url`]), a transport failure
    /// ([`ConnectorError::from_transport`]), a failing status (see above) and
    /// `budget_exhausted`.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        options: RequestOptions,
    ) -> ConnectorResult<HttpResponse> {
        let url = self.url(path)?;
        let shown_url = display_url(url.as_str());
        // A client shared across calls reports to the call it is used in.
        let scope = self.inner.scope.clone().or_else(CallScope::current);
        let deadline = scope.as_ref().and_then(|scope| scope.deadline());
        let mut retry = 0;
        loop {
            let waited = self.wait_for_slot(deadline).await?;
            let started = Instant::now();
            let result = self.send_once(&method, &url, &options).await;
            let response = match result {
                Ok(response) => response,
                Err(error) => {
                    self.publish(scope.as_deref());
                    tracing::debug!(
                        method = %method,
                        url = %shown_url,
                        error_code = %error.code,
                        elapsed_ms = started.elapsed().as_millis() as u64,
                        "upstream request failed"
                    );
                    return Err(error);
                }
            };
            let status = response.status();
            let throttled = RetryPolicy::retries_status(status.as_u16());
            self.with_limiter(|limiter| {
                limiter.observe(response.headers(), Instant::now(), unix_now());
                if !throttled && waited.is_zero() {
                    limiter.relaxed();
                }
            });
            let retries = self
                .with_limiter(|limiter| limiter.retries())
                .unwrap_or(true);
            let wait = if throttled && retries {
                self.inner
                    .retry
                    .wait_before(retry, response.retry_after_seconds())
            } else {
                None
            };
            tracing::debug!(
                method = %method,
                url = %shown_url,
                status = status.as_u16(),
                elapsed_ms = started.elapsed().as_millis() as u64,
                retry_in_ms = wait.map(|w| w.as_millis() as u64),
                "upstream response"
            );
            if let Some(wait) = wait {
                self.with_limiter(|limiter| limiter.throttled(wait));
                self.publish(scope.as_deref());
                check_wait(deadline, Instant::now(), wait)?;
                tokio::time::sleep(wait).await;
                retry += 1;
                continue;
            }
            self.publish(scope.as_deref());
            if status.is_success() || options.allows_error_status() {
                return Ok(response);
            }
            return Err(response.error());
        }
    }

    /// The rate limiter's state, when the client has one; the runtime reports it in the
    /// envelope's `rate_limit` member under [`RateLimitConfig::config_id`].
    pub fn rate_limit_state(&self) -> Option<(String, RateLimitSnapshot)> {
        self.with_limiter(|limiter| {
            (
                limiter.config().config_id().to_owned(),
                limiter.snapshot(Instant::now()),
            )
        })
    }

    /// Waits for the rate limiter's next slot (returns the wait), or fails with
    /// `budget_exhausted` when the caller's deadline has passed or would pass first.
    async fn wait_for_slot(&self, deadline: Option<Instant>) -> ConnectorResult<Duration> {
        let reservation = self.with_limiter(|limiter| {
            let now = Instant::now();
            check_expired(deadline, now)?;
            limiter.reserve(now, deadline).map_err(wait_too_long)
        });
        let wait = match reservation {
            Some(reservation) => reservation?,
            None => return Ok(Duration::ZERO),
        };
        if !wait.is_zero() {
            tracing::debug!(
                wait_ms = wait.as_millis() as u64,
                "waiting for the rate limit"
            );
            tokio::time::sleep(wait).await;
        }
        Ok(wait)
    }

    /// Runs `f` on the limiter, if any. The lock is never held across an await.
    fn with_limiter<T>(&self, f: impl FnOnce(&mut Limiter) -> T) -> Option<T> {
        let limiter = self.inner.limiter.as_ref()?;
        let mut limiter = limiter.lock().unwrap_or_else(PoisonError::into_inner);
        Some(f(&mut limiter))
    }

    /// Hands the limiter's state to the call's scope, for the envelope.
    fn publish(&self, scope: Option<&CallScope>) {
        if let (Some(scope), Some((config_id, state))) = (scope, self.rate_limit_state()) {
            scope.publish(&config_id, state);
        }
    }

    /// One attempt: send and read the whole body.
    async fn send_once(
        &self,
        method: &Method,
        url: &Url,
        options: &RequestOptions,
    ) -> ConnectorResult<HttpResponse> {
        let request = self.inner.client.request(method.clone(), url.clone());
        let request = options.apply(request, &self.inner.auth)?;
        let response = request.send().await?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await?.to_vec();
        Ok(HttpResponse::new(
            status,
            headers,
            url.clone(),
            body,
            self.inner.map_http_status,
            self.inner.error_mapper.clone(),
        ))
    }
}

impl fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("HttpClient")
            .field(
                "base_url",
                &inner.base_url.as_ref().map(|u| display_url(u.as_str())),
            )
            .field("auth", &inner.auth)
            .field("default_headers", &inner.default_header_names)
            .field("user_agent", &inner.user_agent)
            .field("connect_timeout", &inner.connect_timeout)
            .field("timeout", &inner.timeout)
            .field("map_http_status", &inner.map_http_status)
            .field("retry", &inner.retry)
            .field(
                "rate_limit",
                &self.with_limiter(|limiter| limiter.config().config_id().to_owned()),
            )
            .finish()
    }
}

/// Configures an [`HttpClient`]; see [`HttpClient::builder`] for the defaults.
/// `Debug` never shows header values, credentials or the base URL's userinfo.
#[derive(Clone)]
pub struct HttpClientBuilder {
    base_url: Option<(String, String)>,
    auth: Auth,
    headers: Vec<(String, Secret)>,
    connect_timeout: Duration,
    timeout: Duration,
    read_timeout: Option<Duration>,
    user_agent: String,
    map_http_status: bool,
    error_mapper: Option<ErrorMapper>,
    retry: RetryPolicy,
    follow_redirects: bool,
    rate_limit: Option<RateLimitConfig>,
}

impl Default for HttpClientBuilder {
    fn default() -> Self {
        Self {
            base_url: None,
            auth: Auth::None,
            headers: Vec::new(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            read_timeout: None,
            user_agent: format!("connector-sdk/{}", env!("CARGO_PKG_VERSION")),
            map_http_status: true,
            error_mapper: None,
            retry: RetryPolicy::default(),
            follow_redirects: false,
            rate_limit: None,
        }
    }
}

impl HttpClientBuilder {
    /// The base URL, read from the setting `base_url`. Checked by [`Self::build`].
    pub fn base_url(self, url: impl Into<String>) -> Self {
        self.base_url_from_setting("base_url", url)
    }

    /// The base URL, read from the setting named `setting`: a bad value is an
    /// `invalid_value` error (`InvalidConfigurationError`) that names the setting.
    pub fn base_url_from_setting(
        mut self,
        setting: impl Into<String>,
        url: impl Into<String>,
    ) -> Self {
        self.base_url = Some((setting.into(), url.into()));
        self
    }

    /// Credentials for every request.
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = auth;
        self
    }

    /// A header sent with every request. Values are treated as sensitive (never printed),
    /// since default headers often carry keys.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), Secret::new(value.into())));
        self
    }

    /// Time allowed to establish a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Time allowed for a whole request, connection to last body byte (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Longest pause between two reads of an answer (default: none, only the total timeout).
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = Some(timeout);
        self
    }

    /// Sets the user agent to `<app_id>/<version> connector-sdk`.
    pub fn app(mut self, app_id: &str, version: &str) -> Self {
        self.user_agent = format!("{app_id}/{version} connector-sdk");
        self
    }

    /// Sets the whole user agent.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Whether failing statuses are mapped to error codes (§5.5.1; default true). When off,
    /// they stay `internal_error` with `status_code` and message kept, like a reference
    /// connector without the HTTP status handler (quirk Q12).
    pub fn map_http_status(mut self, enabled: bool) -> Self {
        self.map_http_status = enabled;
        self
    }

    /// The app's own mapping of failing answers to errors (code and message from the API's
    /// error body), consulted before the status mapping; `None` keeps the default error.
    /// Applies to [`HttpClient::send`], the JSON helpers and [`HttpResponse::error`]; see
    /// [`UpstreamFailure`] for what it sees, what the runtime adds, and an example.
    pub fn error_mapper(
        mut self,
        map: impl Fn(&UpstreamFailure<'_>) -> Option<ConnectorError> + Send + Sync + 'static,
    ) -> Self {
        self.error_mapper = Some(ErrorMapper::new(map));
        self
    }

    /// How `429` and `503` answers are retried (default [`RetryPolicy::default`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The API's rate limits: the client then waits instead of exceeding them, follows the
    /// caller's `rate_limit` request info (mode, last known state, deadline) and reports its
    /// state in the envelope's `rate_limit` member (protocol §3.5, §4.3).
    ///
    /// Build the client inside the capability handler, as a connector does per request: the
    /// caller's info is read at build time. Under mode `bypass` there is no limiter. Waits
    /// (for the window or before a retry) that would pass the caller's deadline fail at once
    /// with `budget_exhausted`; in mode `enforce_no_retry` throttled answers are not retried.
    pub fn rate_limit(mut self, config: RateLimitConfig) -> Self {
        self.rate_limit = Some(config);
        self
    }

    /// Whether redirects are followed (default false, like the reference's client; a
    /// redirect answer is then an `invalid_response` error). When followed, reqwest drops
    /// credentials on a redirect to another host.
    pub fn follow_redirects(mut self, follow: bool) -> Self {
        self.follow_redirects = follow;
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// `invalid_value` for a bad base URL and the illegal-header `bad_request` for a header or
    /// user agent that cannot be sent.
    pub fn build(self) -> ConnectorResult<HttpClient> {
        let base_url = self
            .base_url
            .as_ref()
            .map(|(setting, value)| parse_base_url(setting, value))
            .transpose()?;
        let mut headers = HeaderMap::new();
        for (name, value) in &self.headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| ConnectorError::illegal_header())?;
            let mut value = HeaderValue::from_str(value.expose())
                .map_err(|_| ConnectorError::illegal_header())?;
            value.set_sensitive(true);
            headers.append(name, value);
        }
        let user_agent = HeaderValue::from_str(&self.user_agent)
            .map_err(|_| ConnectorError::illegal_header())?;
        let redirect = if self.follow_redirects {
            reqwest::redirect::Policy::default()
        } else {
            reqwest::redirect::Policy::none()
        };
        let mut builder = reqwest::Client::builder()
            .user_agent(user_agent)
            .default_headers(headers)
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .redirect(redirect);
        if let Some(read_timeout) = self.read_timeout {
            builder = builder.read_timeout(read_timeout);
        }
        let client = builder.build()?;
        let error_mapper = self.error_mapper.map(|mapper| mapper.redacting(&self.auth));
        let scope = CallScope::current();
        let limiter = self.rate_limit.clone().and_then(|config| {
            let mode = CallScope::mode_for(scope.as_deref(), &config);
            if mode == RateLimitOverrideMode::Bypass {
                return None;
            }
            let now = Instant::now();
            let seed = scope
                .as_ref()
                .and_then(|scope| scope.last_known_state(config.config_id()));
            let mut limiter = Limiter::new(config, mode, now, unix_now());
            if let Some(state) = seed {
                limiter.seed(&state, now);
            }
            Some(Mutex::new(limiter))
        });
        Ok(HttpClient {
            inner: Arc::new(Inner {
                client,
                base_url,
                auth: self.auth,
                map_http_status: self.map_http_status,
                error_mapper,
                retry: self.retry,
                user_agent: self.user_agent,
                connect_timeout: self.connect_timeout,
                timeout: self.timeout,
                default_header_names: self.headers.into_iter().map(|(name, _)| name).collect(),
                limiter,
                scope,
            }),
        })
    }
}

impl fmt::Debug for HttpClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpClientBuilder")
            .field(
                "base_url",
                &self
                    .base_url
                    .as_ref()
                    .map(|(setting, value)| (setting, display_url(value))),
            )
            .field("auth", &self.auth)
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(name, _)| name)
                    .collect::<Vec<_>>(),
            )
            .field("user_agent", &self.user_agent)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("read_timeout", &self.read_timeout)
            .field("map_http_status", &self.map_http_status)
            .field("retry", &self.retry)
            .field("follow_redirects", &self.follow_redirects)
            .field("rate_limit", &self.rate_limit)
            .finish()
    }
}
