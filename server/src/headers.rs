//! Response headers: security baseline, caching (immutable hashed assets, ETag and
//! a short max-age for pages, no-store for answers), and a privacy-safe access log.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use headers::{ETag, HeaderMapExt, IfNoneMatch};
use std::hash::{DefaultHasher, Hasher};

/// Pages larger than this are not buffered for an ETag (none is near it).
const PAGE_LIMIT: usize = 4 * 1024 * 1024;
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const PAGE_CACHE: &str = "public, max-age=60";
const ASSET_CACHE: &str = "public, max-age=3600";
const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
const PERMISSIONS: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), \
     microphone=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()";

pub async fn caching_and_security(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let is_pkg = request.uri().path().starts_with("/pkg/");
    let if_none_match = request.headers().typed_get::<IfNoneMatch>();
    let response = next.run(request).await;
    let (mut parts, body) = response.into_parts();
    set_security_headers(&mut parts.headers);
    parts.headers.remove(header::SET_COOKIE);

    // Pages and API answers get validators; files get long or medium caching.
    let is_html = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.starts_with("text/html")
                || v.starts_with("application/json")
                || v.starts_with("application/xml")
        });
    if !is_html {
        if parts.status.is_success() && !parts.headers.contains_key(header::CACHE_CONTROL) {
            let policy = if is_pkg { IMMUTABLE } else { ASSET_CACHE };
            parts
                .headers
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        }
        return Response::from_parts(parts, body);
    }
    if method != Method::GET
        || parts.status != StatusCode::OK
        || parts.headers.contains_key(header::CACHE_CONTROL)
    {
        parts
            .headers
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-cache"));
        return Response::from_parts(parts, body);
    }
    let Ok(bytes) = to_bytes(body, PAGE_LIMIT).await else {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "The page could not be rendered.",
        )
            .into_response();
    };
    let etag = page_etag(&parts.headers, &bytes);
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(PAGE_CACHE));
    if let Some(etag) = etag {
        let unchanged = if_none_match.is_some_and(|inm| !inm.precondition_passes(&etag));
        parts.headers.typed_insert(etag);
        if unchanged {
            // The browser keeps its copy and the CSP (with the nonce) that came with it.
            parts.status = StatusCode::NOT_MODIFIED;
            parts.headers.remove(header::CONTENT_SECURITY_POLICY);
            parts.headers.remove(header::CONTENT_TYPE);
            parts.headers.remove(header::CONTENT_LENGTH);
            return Response::from_parts(parts, Body::empty());
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A weak validator over the page with its per-response nonce taken out, so the
/// same content gives the same ETag.
fn page_etag(headers: &HeaderMap, body: &[u8]) -> Option<ETag> {
    let nonce = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .and_then(|csp| csp.split("'nonce-").nth(1))
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or("");
    let mut hasher = DefaultHasher::new();
    let text = String::from_utf8_lossy(body);
    if nonce.is_empty() {
        hasher.write(text.as_bytes());
    } else {
        for piece in text.split(nonce) {
            hasher.write(piece.as_bytes());
            hasher.write_u8(0);
        }
    }
    format!("W/\"{:016x}\"", hasher.finish()).parse().ok()
}

fn set_security_headers(headers: &mut HeaderMap) {
    let defaults: [(header::HeaderName, &'static str); 5] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::HeaderName::from_static("permissions-policy"),
            PERMISSIONS,
        ),
        (header::CONTENT_SECURITY_POLICY, DEFAULT_CSP),
    ];
    for (name, value) in defaults {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    headers.insert(
        header::HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
}

/// One line per request: method, path (never the query string), status, time.
pub async fn access_log(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let started = std::time::Instant::now();
    let response = next.run(request).await;
    tracing::info!(
        "{method} {path} {} {}ms",
        response.status().as_u16(),
        started.elapsed().as_millis()
    );
    response
}
