//! A complete, styled page for answers that are not the page asked for: a form that
//! could not be read (4xx) or a server fault (5xx). It carries the site header with
//! the crisis link, loads only our stylesheet (no inline script or style, which the
//! CSP forbids), is never cached, and echoes nothing the reader sent except the
//! notes handed back by [`Extra::read_only_text`]. Every piece of text is
//! HTML-escaped with `html_escape`. Nothing here panics: a catch-panic layer uses it.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::LeptosOptions;
use std::fmt::Write;
use std::sync::OnceLock;

/// The stylesheet's address, computed once by [`init`].
static STYLESHEET: OnceLock<String> = OnceLock::new();
/// Used only when [`init`] was never called: the unhashed name from `Cargo.toml`'s
/// `[workspace.metadata.leptos]` (`name = "pathways"`, `site-pkg-dir = "pkg"`).
const FALLBACK_STYLESHEET: &str = "/pkg/pathways.css";
/// The page's own policy: our stylesheet and icon only; no script at all.
const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// Work out the stylesheet's address the way `leptos_meta::HashedStylesheet` does:
/// `/{site_pkg_dir}/{output_name}[.{hash}].css`, the hash read from the `css:` line
/// of the hash file beside the running executable when `hash_files` is on. Call it
/// once when the router is built; later calls keep the first answer. Never panics:
/// an unreadable hash file gives the unhashed name.
pub fn init(options: &LeptosOptions) {
    STYLESHEET.get_or_init(|| stylesheet_href(options));
}

fn stylesheet_href(options: &LeptosOptions) -> String {
    format!(
        "/{}/{}.css",
        options.site_pkg_dir.trim_matches('/'),
        crate::islands::bundle_name(options, "css")
    )
}

fn stylesheet() -> &'static str {
    STYLESHEET.get().map_or(FALLBACK_STYLESHEET, String::as_str)
}

/// Text between tags (also inside `<textarea>`): `&`, `<`, `>` escaped.
fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    html_escape::encode_text(text)
}

/// A double-quoted attribute value: `&`, `<`, `>`, `"` escaped.
fn attr(text: &str) -> std::borrow::Cow<'_, str> {
    html_escape::encode_double_quoted_attribute(text)
}

/// Where the page's "back" link goes. `href` must be a path on this site (it is
/// replaced by `/` otherwise); both parts are escaped.
#[derive(Clone, Copy, Debug)]
pub struct Back<'a> {
    pub href: &'a str,
    pub label: &'a str,
}

impl Back<'static> {
    /// The default: the home page.
    pub const HOME: Back<'static> = Back {
        href: "/",
        label: "Go to the home page",
    };
}

/// Extra content below the message, built only from escaped pieces.
#[derive(Clone, Debug, Default)]
pub struct Extra {
    html: String,
    textareas: usize,
}

impl Extra {
    pub fn new() -> Self {
        Self::default()
    }

    /// A paragraph of plain text.
    pub fn paragraph(mut self, text: &str) -> Self {
        let _ = write!(self.html, "<p>{}</p>", escape(text));
        self
    }

    /// A labelled, read-only text area holding `text` (for handing a reader's own
    /// words back so they can copy them).
    pub fn read_only_text(mut self, label: &str, text: &str) -> Self {
        self.textareas = self.textareas.saturating_add(1);
        let id = format!("returned-{}", self.textareas);
        // The newline after the start tag is dropped by HTML parsers, so a note that
        // starts with a line break keeps it.
        let _ = write!(
            self.html,
            "<div class=\"reflection\"><label for=\"{id}\">{}</label>\
             <textarea id=\"{id}\" rows=\"8\" readonly>\n{}</textarea></div>",
            escape(label),
            escape(text)
        );
        self
    }
}

/// A page outside Leptos (problem pages, the API page): the site's head, header with
/// the crisis link, and footer around `main` (HTML, escaped by the caller). `title`
/// is text; `indexed` says whether search engines may list the page.
pub(crate) fn plain_page(title: &str, indexed: bool, main_class: &str, main: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head>\
<meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta name=\"color-scheme\" content=\"light dark\">\
<meta name=\"theme-color\" content=\"#2f5d50\">\
{robots}\
<title>{title} · Pathways</title>\
<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\
<link rel=\"stylesheet\" href=\"{css}\">\
</head><body>\
<a class=\"skip-link\" href=\"#main\">Skip to content</a>\
<header class=\"site-header\"><div class=\"wrap header-row\">\
<a class=\"brand\" href=\"/\">Pathways</a>\
<div class=\"header-actions\">\
<a class=\"crisis-link\" href=\"/crisis\">Need help now?</a>\
<a class=\"leave-link\" href=\"{leave}\" rel=\"noreferrer\">Leave this site</a>\
</div>\
</div></header>\
<main id=\"main\" class=\"{main_class}\" tabindex=\"-1\">{main}</main>\
<footer class=\"site-footer\"><div class=\"wrap\">\
<p>Pathways is education about therapy. It is not a diagnosis, and not treatment.</p>\
<p class=\"footer-links\"><a href=\"/about\">About</a><a href=\"/privacy\">Privacy: we keep nothing</a>\
<a href=\"/crisis\">Crisis help</a></p>\
</div></footer>\
</body></html>\n",
        // A plain link here: these pages run no script.
        leave = app::components::layout::LEAVE_URL,
        robots = if indexed {
            ""
        } else {
            "<meta name=\"robots\" content=\"noindex\">"
        },
        title = escape(title),
        css = attr(stylesheet()),
        main_class = attr(main_class),
    )
}

/// A styled problem page with `status`, a heading `title` and the `message`, and a
/// link to the home page.
pub fn problem_page(status: StatusCode, title: &str, message: &str) -> Response {
    problem_page_with(status, title, message, Back::HOME, &Extra::default())
}

/// [`problem_page`] with a chosen back link and extra escaped content.
pub fn problem_page_with(
    status: StatusCode,
    title: &str,
    message: &str,
    back: Back<'_>,
    extra: &Extra,
) -> Response {
    let href = if back.href.starts_with('/') && !back.href.starts_with("//") {
        back.href
    } else {
        "/"
    };
    let main = format!(
        "<h1>{title}</h1>\
<p class=\"lead\" data-test=\"problem-reason\">{message}</p>\
{extra}\
<p><a class=\"button secondary\" href=\"{href}\">{label}</a></p>\
<p class=\"notice\">If you are in danger or crisis, <a href=\"/crisis\">get help now</a>.</p>",
        title = escape(title),
        message = escape(message),
        extra = extra.html,
        href = attr(href),
        label = escape(back.label),
    );
    let html = plain_page(title, false, "wrap problem", &main);
    (
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CSP),
            ),
        ],
        html,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(response: Response) -> String {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let bytes = rt
            .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[test]
    fn page_is_complete_escaped_and_uncached() {
        let r = problem_page(StatusCode::BAD_REQUEST, "<b>T</b>", "a & <script>");
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        assert_eq!(r.headers()[header::CACHE_CONTROL], "no-store");
        assert_eq!(
            r.headers()[header::CONTENT_TYPE],
            "text/html; charset=utf-8"
        );
        let csp = r.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(csp.contains("style-src 'self'") && !csp.contains("unsafe-inline"));
        let html = body(r);
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("&lt;b&gt;T&lt;/b&gt;"));
        assert!(html.contains("a &amp; &lt;script&gt;"));
        assert!(!html.contains("<script") && !html.contains("<style") && !html.contains("style="));
        assert!(html.contains(r#"<a href="/crisis">"#) || html.contains(r#"href="/crisis""#));
        assert!(html.contains(r#"<link rel="stylesheet" href=""#));
        assert!(html.contains(r#"<a class="brand" href="/">"#));
        // Leave quickly works here too, as a plain link (these pages run no script).
        assert!(html.contains(&format!(
            r#"<a class="leave-link" href="{}" rel="noreferrer">Leave this site</a>"#,
            app::components::layout::LEAVE_URL
        )));
    }

    #[test]
    fn extra_and_back_link_are_escaped() {
        let extra = Extra::new()
            .paragraph("copy <this>")
            .read_only_text("A \"label\"", "</textarea><script>x</script>");
        let html = body(problem_page_with(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Too long",
            "m",
            Back {
                href: "//evil.example",
                label: "back",
            },
            &extra,
        ));
        assert!(html.contains("copy &lt;this&gt;"));
        assert!(html.contains("&lt;/textarea&gt;&lt;script&gt;x"));
        assert!(html.contains("readonly"));
        assert!(html.contains("A \"label\""));
        assert!(!html.contains("evil.example"), "only local back links");
        assert_eq!(html.matches("</textarea>").count(), 1);
    }

    #[test]
    fn stylesheet_follows_the_hash_setting() {
        let options = LeptosOptions::builder()
            .output_name("pathways")
            .site_pkg_dir("pkg")
            .build();
        assert_eq!(stylesheet_href(&options), "/pkg/pathways.css");
        // No hash file beside the test binary: the unhashed name, no panic.
        let hashed = LeptosOptions::builder()
            .output_name("pathways")
            .site_pkg_dir("pkg")
            .hash_files(true)
            .hash_file("no-such-hash-file.txt".into())
            .build();
        assert_eq!(stylesheet_href(&hashed), "/pkg/pathways.css");
    }
}
