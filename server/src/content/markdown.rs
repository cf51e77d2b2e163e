//! Markdown to sanitised HTML, once per file at load time: heading anchors, a table
//! of contents, links to other articles by slug, plain text for search and counting.

use app::content::TocEntry;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::collections::HashSet;
use std::sync::LazyLock;

/// The result of rendering one Markdown body.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub text: String,
    pub words: usize,
    /// Links to other articles by bare slug: (slug, byte offset in the body).
    pub article_links: Vec<(String, usize)>,
    /// Byte offsets of level-1 headings (`#` or `===`), which bodies must not have.
    pub h1_offsets: Vec<usize>,
}

/// Finds glossary terms in text: one automaton for all terms, built once per load.
#[derive(Debug)]
pub struct GlossaryMatcher {
    automaton: Option<aho_corasick::AhoCorasick>,
    /// Anchor id per pattern.
    ids: Vec<String>,
}

impl GlossaryMatcher {
    /// Terms shorter than three characters are not linked (too many false hits).
    pub fn new(terms: &[(String, String)]) -> Self {
        let terms: Vec<&(String, String)> = terms.iter().filter(|(t, _)| t.len() >= 3).collect();
        let automaton = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(terms.iter().map(|(t, _)| t.as_str()))
            .ok();
        Self {
            automaton,
            ids: terms.iter().map(|(_, id)| id.clone()).collect(),
        }
    }

    pub fn empty() -> Self {
        Self {
            automaton: None,
            ids: Vec::new(),
        }
    }

    /// The first whole-word match in `text` of a term not yet linked: (range, pattern).
    fn first(&self, text: &str, linked: &[bool]) -> Option<(usize, usize, usize)> {
        let automaton = self.automaton.as_ref()?;
        automaton.find_iter(text).find_map(|m| {
            let (start, end, p) = (m.start(), m.end(), m.pattern().as_usize());
            let before_ok = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            (before_ok && after_ok && !linked[p]).then_some((start, end, p))
        })
    }
}

/// Reading speed used for the reading time.
const WORDS_PER_MINUTE: usize = 200;

pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}

/// Lower-case, ASCII letters and digits joined by single hyphens.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(c);
        } else {
            pending_hyphen = true;
        }
    }
    out
}

/// Is this link target a bare article slug (`cbt`, `person-centred-therapy`)?
pub fn is_bare_slug(target: &str) -> bool {
    !target.is_empty()
        && target
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Render a Markdown body. Bare-slug links become `/articles/<slug>`; their slugs
/// are reported so the whole-tree check can find dead ones.
pub fn render(body: &str) -> Rendered {
    render_with_glossary(body, &GlossaryMatcher::empty())
}

/// As [`render`], and link the first mention of each glossary term (term, anchor id)
/// to `/glossary#id`, outside headings and links.
pub fn render_with_glossary(body: &str, glossary: &GlossaryMatcher) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH;
    let mut events: Vec<Event> = Vec::new();
    let mut rendered = Rendered::default();
    let mut used_ids: HashSet<String> = HashSet::new();
    // While inside a heading: its level, and where its events start.
    let mut heading: Option<(HeadingLevel, usize)> = None;
    let mut in_link = 0usize;
    let mut linked = vec![false; glossary.ids.len()];

    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                if level == HeadingLevel::H1 {
                    rendered.h1_offsets.push(range.start);
                }
                heading = Some((level, events.len()));
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes: vec![],
                    attrs: vec![],
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((_, start)) = heading.take() {
                    let title: String = events[start + 1..]
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let base = match slugify(&title) {
                        s if s.is_empty() => "section".to_string(),
                        s => s,
                    };
                    let mut id = base.clone();
                    let mut n = 2;
                    while !used_ids.insert(id.clone()) {
                        id = format!("{base}-{n}");
                        n += 1;
                    }
                    if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                        rendered.toc.push(TocEntry {
                            level: level as u8,
                            id: id.clone(),
                            title: title.trim().to_string(),
                        });
                    }
                    events[start] = Event::Start(Tag::Heading {
                        level,
                        id: Some(CowStr::from(id)),
                        classes: vec![],
                        attrs: vec![],
                    });
                }
                events.push(Event::End(TagEnd::Heading(level)));
                // In the plain text a heading ends like a sentence, so that a search
                // snippet does not run it into the paragraph after it.
                if !rendered.text.trim_end().ends_with(['.', '!', '?', ':']) {
                    rendered.text.push('.');
                }
                rendered.text.push(' ');
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = if is_bare_slug(&dest_url) {
                    rendered
                        .article_links
                        .push((dest_url.to_string(), range.start));
                    CowStr::from(format!("/articles/{dest_url}"))
                } else {
                    dest_url
                };
                in_link += 1;
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                in_link = in_link.saturating_sub(1);
                events.push(Event::End(TagEnd::Link));
            }
            Event::Text(t) => {
                // No space after inline text: "[CBT](cbt)." stays "CBT." in the plain
                // text. Spaces come from line breaks and the ends of blocks (below).
                rendered.text.push_str(&t);
                if heading.is_some() || in_link > 0 {
                    events.push(Event::Text(t));
                    continue;
                }
                // Link the earliest glossary term in this text, once per article.
                match glossary.first(&t, &linked) {
                    Some((start, end, p)) => {
                        linked[p] = true;
                        events.push(Event::Text(CowStr::from(t[..start].to_string())));
                        events.push(Event::Start(Tag::Link {
                            link_type: pulldown_cmark::LinkType::Inline,
                            dest_url: CowStr::from(format!("/glossary#{}", glossary.ids[p])),
                            title: CowStr::from(""),
                            id: CowStr::from(""),
                        }));
                        events.push(Event::Text(CowStr::from(t[start..end].to_string())));
                        events.push(Event::End(TagEnd::Link));
                        events.push(Event::Text(CowStr::from(t[end..].to_string())));
                    }
                    None => events.push(Event::Text(t)),
                }
            }
            Event::Code(t) => {
                rendered.text.push_str(&t);
                events.push(Event::Code(t));
            }
            Event::SoftBreak | Event::HardBreak => {
                rendered.text.push(' ');
                events.push(event);
            }
            // A wide table scrolls sideways inside a region that keyboard users can
            // focus and scroll, named after the section it is in (WCAG 2.1.1, axe
            // `scrollable-region-focusable`).
            Event::Start(Tag::Table(alignments)) => {
                let name = rendered
                    .toc
                    .last()
                    .map_or_else(|| "Table".to_string(), |h| format!("Table: {}", h.title));
                events.push(Event::Html(CowStr::from(format!(
                    r#"<div class="table-scroll" role="region" tabindex="0" aria-label="{}">"#,
                    html_escape::encode_double_quoted_attribute(&name)
                ))));
                events.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                rendered.text.push(' ');
                events.push(Event::End(TagEnd::Table));
                events.push(Event::Html(CowStr::from("</div>")));
            }
            Event::End(end) => {
                if !matches!(
                    end,
                    TagEnd::Emphasis
                        | TagEnd::Strong
                        | TagEnd::Strikethrough
                        | TagEnd::Link
                        | TagEnd::Image
                        | TagEnd::Superscript
                        | TagEnd::Subscript
                ) {
                    rendered.text.push(' ');
                }
                events.push(Event::End(end));
            }
            // Raw HTML is dropped here and would be cleaned below anyway.
            Event::Html(_) | Event::InlineHtml(_) => {}
            other => events.push(other),
        }
    }
    rendered.words = rendered.text.split_whitespace().count();
    rendered.text.shrink_to_fit();
    let mut raw = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut raw, events.into_iter());
    rendered.html = sanitize(&raw);
    rendered.html.shrink_to_fit();
    rendered
}

/// Clean HTML against an allow-list (ammonia): no scripts, styles, frames or handlers.
pub fn sanitize(html: &str) -> String {
    static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
        let mut b = ammonia::Builder::default();
        b.add_tags(["input"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("h1", ["id"])
            .add_tag_attributes("h2", ["id"])
            .add_tag_attributes("h3", ["id"])
            .add_tag_attributes("h4", ["id"])
            .add_tag_attributes("h5", ["id"])
            .add_tag_attributes("h6", ["id"])
            // role, tabindex and aria-label only ever come from our own table wrapper:
            // raw HTML in the Markdown is dropped before this.
            .add_tag_attributes("div", ["class", "id", "role", "tabindex", "aria-label"])
            .add_tag_attributes("sup", ["class", "id"])
            .add_tag_attributes("li", ["id"])
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("th", ["style"])
            .add_url_schemes(["tel", "sms"])
            .id_prefix(None)
            .link_rel(Some("noopener noreferrer"));
        b
    });
    CLEANER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_makes_clean_ids() {
        assert_eq!(
            slugify("What happens in a session?"),
            "what-happens-in-a-session"
        );
        assert_eq!(slugify("  CBT & ACT  "), "cbt-act");
        assert_eq!(slugify("Person-centred"), "person-centred");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn headings_get_ids_and_toc() {
        let r = render("## One\n\ntext\n\n### Two `x`\n\n## One\n");
        assert_eq!(r.toc.len(), 3);
        assert_eq!(r.toc[1].id, "two-x");
        assert_eq!(r.toc[2].id, "one-2");
        assert!(r.html.contains(r#"<h2 id="one">One</h2>"#), "{}", r.html);
    }

    #[test]
    fn plain_text_reads_like_the_page() {
        let r = render(
            "Read [CBT](cbt). Then\nmore `code`.\n\n## Kinds of exposure\n\nReal-life **exposure**: facing.\n\n- one\n- two\n",
        );
        let text = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(
            text,
            "Read CBT. Then more code. Kinds of exposure. Real-life exposure: facing. one two"
        );
        assert_eq!(r.words, 13);
    }

    #[test]
    fn script_is_removed() {
        let r = render(
            "Hi <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n<iframe src=//evil></iframe>",
        );
        assert!(!r.html.contains("script"), "{}", r.html);
        assert!(!r.html.contains("onerror"), "{}", r.html);
        assert!(!r.html.contains("iframe"), "{}", r.html);
        let r = render("[x](javascript:alert(1))");
        assert!(!r.html.contains("javascript"), "{}", r.html);
        // Only our own table wrapper may carry role, tabindex and aria-label.
        let r = render(r#"<div role="button" tabindex="0" aria-label="x">a</div>"#);
        assert!(
            !r.html.contains("role=") && !r.html.contains("tabindex"),
            "{}",
            r.html
        );
    }

    #[test]
    fn slug_links_are_rewritten_and_reported() {
        let r = render("See [CBT](cbt) and [out](https://example.org).");
        assert!(r.html.contains(r#"href="/articles/cbt""#), "{}", r.html);
        assert_eq!(r.article_links, vec![("cbt".to_string(), 4)]);
    }

    #[test]
    fn gfm_features_render() {
        let r = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\nNote[^1].\n\n[^1]: A footnote.\n",
        );
        assert!(r.html.contains("<table>"), "{}", r.html);
        assert!(
            r.html.contains(
                r#"<div class="table-scroll" role="region" tabindex="0" aria-label="Table"#
            ),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"type="checkbox""#), "{}", r.html);
        assert!(r.html.contains("footnote-definition"), "{}", r.html);
    }

    #[test]
    fn glossary_terms_are_linked_once() {
        let terms =
            GlossaryMatcher::new(&[("alliance".to_string(), "therapeutic-alliance".to_string())]);
        let r = render_with_glossary(
            "## Alliance\n\nThe alliance matters. The alliance again. [alliance](cbt)",
            &terms,
        );
        assert_eq!(
            r.html.matches("/glossary#therapeutic-alliance").count(),
            1,
            "{}",
            r.html
        );
        assert!(
            r.html.contains(r#"<h2 id="alliance">Alliance</h2>"#),
            "{}",
            r.html
        );
        let r = render_with_glossary("Dalliances are not alliances.", &terms);
        assert!(
            !r.html.contains("/glossary"),
            "whole words only: {}",
            r.html
        );
    }

    #[test]
    fn reading_time_rounds_up() {
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(200), 1);
        assert_eq!(reading_minutes(201), 2);
    }
}
