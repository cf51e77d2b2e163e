//! Response headers. Security headers come from tower-http layers (the same on every
//! response, errors and panics included). Caching follows one rule per request class:
//!
//! - **reader input** (every POST, `/search`, `/api/v1/search`): `no-store`, so what a
//!   reader typed never lands in a browser, proxy or CDN cache;
//! - **pages and API reads** that depend only on the content version: `public` with a
//!   strong ETag over the exact bytes (304 on a match), or the handler's own strong
//!   ETag when it sets one (the API's bundle: the content version). No page carries a
//!   per-request value (there is no nonce and no inline script), so a shared cache
//!   may keep them;
//! - **hashed bundles** under `/pkg/`: immutable for a year; other files an hour;
//! - **errors**: `no-store`.
//!
//! Pages requested without a query string are rendered once per content version and
//! then served from memory ([`PageCache`]).

use crate::AppState;
use app::content::SharedLibrary;
use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use headers::{ETag, HeaderMapExt, IfNoneMatch};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnFailure, TraceLayer};
use tracing::Span;

/// Largest page or JSON answer buffered for an ETag (the biggest page is ~40 KB).
const BODY_LIMIT: usize = 8 * 1024 * 1024;
/// Memory for rendered pages; when it is full, further pages are rendered per request.
const PAGE_CACHE_BYTES: usize = 64 * 1024 * 1024;

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Content can change at any time (editors, deploys); a minute of staleness, then a
/// cheap revalidation, and a stale copy while revalidating or if we are down.
pub const PAGE_CACHE: &str = "public, max-age=60, stale-while-revalidate=600, stale-if-error=86400";
const ASSET_CACHE: &str = "public, max-age=3600";
pub const NO_STORE: &str = "no-store";

/// One policy for every response: scripts only from our origin (the islands' bundle
/// and its bootstrap file), WebAssembly allowed to compile, no inline script or style.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const PERMISSIONS: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), \
     microphone=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()";

/// The security headers, as layers for the router.
pub fn security_layers() -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (HeaderName::from_static("permissions-policy"), PERMISSIONS),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            HeaderName::from_static("cross-origin-resource-policy"),
            "same-origin",
        ),
    ]
    .into_iter()
    .map(|(name, value)| SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value)))
    .collect()
}

/// Does this request carry what a reader typed or chose?
pub fn is_reader_input(method: &Method, path: &str) -> bool {
    !(method == Method::GET || method == Method::HEAD)
        || path == app::routes::paths::SEARCH
        || path == "/api/v1/search"
}

/// Pages rendered once per content version, by path.
#[derive(Clone, Default)]
pub struct PageCache(Arc<RwLock<Cached>>);

#[derive(Default)]
struct Cached {
    /// The library these pages were rendered from (held, so it cannot be mistaken
    /// for a newer one at the same address).
    library: Option<SharedLibrary>,
    pages: HashMap<String, Arc<Rendered>>,
    bytes: usize,
}

/// A finished response: its headers (with the ETag) and its exact bytes.
struct Rendered {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    etag: Option<ETag>,
}

impl Rendered {
    fn respond(&self, if_none_match: Option<&IfNoneMatch>) -> Response {
        let headers = self.headers.clone();
        if let (Some(etag), Some(inm)) = (&self.etag, if_none_match)
            && !inm.precondition_passes(etag)
        {
            return not_modified(headers);
        }
        let mut response = Response::new(Body::from(self.body.clone()));
        *response.status_mut() = self.status;
        *response.headers_mut() = headers;
        response
    }
}

/// 304 with the validator and caching headers of the full answer.
fn not_modified(mut headers: HeaderMap) -> Response {
    for name in [header::CONTENT_TYPE, header::CONTENT_LENGTH] {
        headers.remove(name);
    }
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::NOT_MODIFIED;
    *response.headers_mut() = headers;
    response
}

impl PageCache {
    fn get(&self, library: &SharedLibrary, path: &str) -> Option<Arc<Rendered>> {
        let cached = self.0.read().ok()?;
        let same = cached
            .library
            .as_ref()
            .is_some_and(|l| Arc::ptr_eq(l, library));
        same.then(|| cached.pages.get(path).cloned()).flatten()
    }

    fn put(&self, library: SharedLibrary, path: String, page: Arc<Rendered>) {
        let Ok(mut cached) = self.0.write() else {
            return;
        };
        if !cached
            .library
            .as_ref()
            .is_some_and(|l| Arc::ptr_eq(l, &library))
        {
            // New content: every page is rendered again, once.
            *cached = Cached {
                library: Some(library),
                ..Cached::default()
            };
        }
        let size = page.body.len() + path.len();
        if cached.bytes + size <= PAGE_CACHE_BYTES && !cached.pages.contains_key(&path) {
            cached.bytes += size;
            cached.pages.insert(path, page);
        }
    }

    /// How many pages are kept (tests).
    pub fn len(&self) -> usize {
        self.0.read().map(|c| c.pages.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn content_type_is(headers: &HeaderMap, prefixes: &[&str]) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| prefixes.iter().any(|p| v.starts_with(p)))
}

/// A strong validator: these exact bytes.
fn strong_etag(body: &[u8]) -> Option<ETag> {
    let mut hasher = DefaultHasher::new();
    hasher.write(body);
    format!("\"{:016x}{:08x}\"", hasher.finish(), body.len())
        .parse()
        .ok()
}

/// Caching, validators, the in-memory page cache, and the islands' loading tags.
pub async fn caching(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let reader_input = is_reader_input(&method, &path);
    let if_none_match = request.headers().typed_get::<IfNoneMatch>();
    // Pages without a query string depend only on the content version.
    let cache_key = (!reader_input && request.uri().query().is_none()).then(|| path.clone());
    let library = cache_key.as_ref().map(|_| state.store.current());
    if let (Some(key), Some(library)) = (&cache_key, &library)
        && let Some(page) = state.pages.get(library, key)
    {
        return page.respond(if_none_match.as_ref());
    }

    let response = next.run(request).await;
    // An answer that brings its own strong validator (the API's bundle, whose ETag is
    // the content version) is neither buffered nor hashed again: it may be larger
    // than `BODY_LIMIT`, and the handler already keeps its bytes per version.
    if !reader_input
        && response.status() == StatusCode::OK
        && let Some(etag) = response.headers().typed_get::<ETag>()
    {
        let (mut parts, body) = response.into_parts();
        parts
            .headers
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(PAGE_CACHE));
        if if_none_match
            .as_ref()
            .is_some_and(|inm| !inm.precondition_passes(&etag))
        {
            return not_modified(parts.headers);
        }
        return Response::from_parts(parts, body);
    }
    let (mut parts, body) = response.into_parts();
    let html = content_type_is(&parts.headers, &["text/html"]);
    let validated = content_type_is(
        &parts.headers,
        &["text/html", "application/json", "application/xml"],
    );
    if !validated {
        if reader_input || !parts.status.is_success() {
            parts
                .headers
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(NO_STORE));
        } else if !parts.headers.contains_key(header::CACHE_CONTROL) {
            let policy = if path.starts_with("/pkg/") {
                IMMUTABLE
            } else {
                ASSET_CACHE
            };
            parts
                .headers
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        }
        return Response::from_parts(parts, body);
    }

    let Ok(mut bytes) = to_bytes(body, BODY_LIMIT).await else {
        return crate::problem::problem_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Something went wrong",
            "This page could not be put together. Please try again in a moment.",
        );
    };
    if html {
        bytes = state.islands.finish_page(bytes);
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    if reader_input || parts.status != StatusCode::OK {
        parts
            .headers
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(NO_STORE));
        return Response::from_parts(parts, Body::from(bytes));
    }
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(PAGE_CACHE));
    let etag = strong_etag(&bytes);
    if let Some(etag) = &etag {
        parts.headers.typed_insert(etag.clone());
    }
    let rendered = Arc::new(Rendered {
        status: parts.status,
        headers: parts.headers,
        body: bytes,
        etag,
    });
    if let (Some(key), Some(library)) = (cache_key, library)
        && (method == Method::GET || method == Method::HEAD)
    {
        state.pages.put(library, key, rendered.clone());
    }
    rendered.respond(if_none_match.as_ref())
}

/// A panic while answering becomes a styled 500 page (the security headers are added
/// outside this layer, like on every response). The panic's text may quote a reader's
/// input, so only the fact is logged.
pub fn panic_response(_panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request panicked; answered 500");
    crate::problem::problem_page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong",
        "Something went wrong on our side while making this page. Nothing you entered was kept. Please try again, or go back.",
    )
}

/// An error from a layer or from axum itself (a timeout, a wrong method) comes without
/// a page of its own: it gets the site's problem page.
pub async fn error_pages(response: Response) -> Response {
    let status = response.status();
    if (status.is_client_error() || status.is_server_error())
        && !response.headers().contains_key(header::CONTENT_TYPE)
    {
        return status_page(status);
    }
    response
}

/// The problem page for an error that came without a page of its own.
fn status_page(status: StatusCode) -> Response {
    let (title, message) = match status {
        StatusCode::SERVICE_UNAVAILABLE | StatusCode::REQUEST_TIMEOUT => (
            "This took too long",
            "The server took too long to answer. Please try again in a moment.",
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            "This address cannot do that",
            "This page can be read, but not sent to. Go back and try the link again.",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "Too much to send",
            "What was sent is larger than this site accepts.",
        ),
        s if s.is_server_error() => (
            "Something went wrong",
            "Something went wrong on our side. Please try again in a moment.",
        ),
        _ => (
            "This request could not be read",
            "The address or what was sent is not one this site understands.",
        ),
    };
    crate::problem::problem_page(status, title, message)
}

/// The access log layer.
pub type AccessLog = TraceLayer<
    SharedClassifier<ServerErrorsAsFailures>,
    fn(&Request) -> Span,
    (),
    fn(&Response, Duration, &Span),
    (),
    (),
    DefaultOnFailure,
>;

/// Logs record problems, not readers. A line per request (method, path without the
/// query string, status, time) is written only at `debug` level (`RUST_LOG=debug`):
/// a log of every page read, with its time, would be a record of what someone read.
/// Server errors are logged at `error` level. Bodies, headers and query strings are
/// never logged.
pub fn trace_layer() -> AccessLog {
    TraceLayer::new_for_http()
        .make_span_with(access_span as fn(&Request) -> Span)
        .on_request(())
        .on_response(access_line as fn(&Response, Duration, &Span))
        .on_body_chunk(())
        .on_eos(())
        .on_failure(DefaultOnFailure::new().level(tracing::Level::ERROR))
}

fn access_span(request: &Request) -> Span {
    tracing::debug_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path()
    )
}

fn access_line(response: &Response, latency: Duration, _: &Span) {
    tracing::debug!(
        status = response.status().as_u16(),
        ms = latency.as_millis() as u64,
        "answered"
    );
}
