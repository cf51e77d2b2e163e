//! What the integration tests share: the router over the bundled content, requests,
//! and copying a content tree into a temporary folder.
#![allow(dead_code)] // each test binary uses its own part of this

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use server::content::store::ContentStore;
use std::path::Path;
use tower::ServiceExt;

pub fn options() -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("pathways")
        .site_root("target/site")
        .build()
}

/// The bundled content, which must load without a problem.
pub fn content() -> ContentStore {
    let (store, errors) = ContentStore::open(concat!(env!("CARGO_MANIFEST_DIR"), "/../content"));
    assert!(errors.is_empty(), "{errors:?}");
    store
}

/// The whole site over the bundled content.
pub fn app() -> Router {
    server::router(options(), content())
}

pub async fn send(app: &Router, req: Request<Body>) -> (StatusCode, HeaderMap, String) {
    let res = app.clone().oneshot(req).await.expect("response");
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.expect("body").to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

pub fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

pub fn post_form(path: &str, form: &str) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form.to_string()))
        .unwrap()
}

/// Copy a content tree (for tests that edit it).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
