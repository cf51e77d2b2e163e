//! Site tools that searches offer (the finder, the site pages), crisis page first.
//!
//! Site tools are matched by phrases that editors write (`search:` in the finder file
//! and in pages' front matter): a tool is offered when the query holds every word of
//! one of its phrases or of its title (stemmed and typo-corrected like article
//! words).

use super::words::{Word, raw_words, stem};
use app::content::{Library, SearchTool};
use std::collections::BTreeSet;
use std::sync::Arc;
use tantivy::Index;

/// The page whose tool is always offered first.
const CRISIS_PAGE: &str = "crisis";

/// A site tool and the phrases that ask for it, as stems.
#[derive(Debug)]
struct Tool {
    offer: SearchTool,
    phrases: Vec<Vec<String>>,
}

/// The site tools of a library, and their words as written (for typo correction).
#[derive(Clone, Debug, Default)]
pub(super) struct Tools {
    tools: Arc<Vec<Tool>>,
    pub(super) words: Arc<BTreeSet<String>>,
}

impl Tools {
    /// The finder and the site pages, each with its title and `search:` phrases.
    pub(super) fn of(index: &Index, library: &Library) -> Self {
        // The crisis page first: when several tools match, it leads.
        let mut offers: Vec<(SearchTool, Vec<&String>)> = library
            .pages
            .get(CRISIS_PAGE)
            .map(page_tool)
            .into_iter()
            .collect();
        if let Some(f) = &library.finder {
            offers.push((
                SearchTool {
                    path: app::paths::PREFERENCES.to_string(),
                    title: f.title.clone(),
                    summary: f.summary.clone(),
                    crisis: false,
                },
                std::iter::once(&f.title).chain(&f.search).collect(),
            ));
        }
        offers.extend(
            library
                .pages
                .values()
                .filter(|p| p.name != CRISIS_PAGE)
                .map(page_tool),
        );
        let mut words = BTreeSet::new();
        let tools = offers
            .into_iter()
            .map(|(offer, phrases)| Tool {
                phrases: phrases
                    .into_iter()
                    .map(|phrase| {
                        let written = raw_words(index, phrase);
                        let stems = written.iter().map(|w| stem(index, w)).collect();
                        words.extend(written);
                        stems
                    })
                    .filter(|stems: &Vec<String>| !stems.is_empty())
                    .collect(),
                offer,
            })
            .collect();
        Self {
            tools: Arc::new(tools),
            words: Arc::new(words),
        }
    }

    /// The tools that `words` ask for: those with a phrase whose every stem is one of
    /// the query's; the crisis page first, then the more specific phrase.
    pub(super) fn asked(&self, words: &[Word]) -> Vec<SearchTool> {
        let stems: BTreeSet<&str> = words
            .iter()
            .flat_map(|w| w.stems.iter().map(String::as_str))
            .collect();
        let mut found: Vec<(bool, std::cmp::Reverse<usize>, usize, &Tool)> = self
            .tools
            .iter()
            .enumerate()
            .filter_map(|(i, tool)| {
                let longest = tool
                    .phrases
                    .iter()
                    .filter(|p| p.iter().all(|s| stems.contains(s.as_str())))
                    .map(Vec::len)
                    .max()?;
                Some((!tool.offer.crisis, std::cmp::Reverse(longest), i, tool))
            })
            .collect();
        found.sort_by_key(|(crisis_last, longest, i, _)| (*crisis_last, *longest, *i));
        found.into_iter().map(|(.., t)| t.offer.clone()).collect()
    }
}

fn page_tool(p: &app::content::Page) -> (SearchTool, Vec<&String>) {
    (
        SearchTool {
            path: format!("/{}", p.name),
            title: p.title.clone(),
            summary: p.summary.clone(),
            crisis: p.name == CRISIS_PAGE,
        },
        std::iter::once(&p.title).chain(&p.search).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::super::SearchIndex;
    use super::super::tests::{Fixture, index};

    /// A library with the fixture's articles, a crisis page, an about page and a
    /// finder, each with `search:` phrases.
    fn with_tools() -> Fixture {
        let Fixture(mut lib, _) = index();
        let page = |name: &str, title: &str, search: &[&str]| app::content::Page {
            name: name.into(),
            title: title.into(),
            summary: format!("{title}, in short."),
            updated: "2026-01-01".into(),
            html: String::new(),
            search: search.iter().map(|s| s.to_string()).collect(),
        };
        lib.pages.insert(
            "crisis".into(),
            page(
                "crisis",
                "Need help now",
                &["crisis", "suicide", "help now"],
            ),
        );
        lib.pages.insert(
            "about".into(),
            page("about", "About Pathways", &["who writes"]),
        );
        let finder: app::finder::PreferenceFinder = serde_norway::from_str(
            "kind: preference\ntitle: Find your preferences\nsummary: What you would like from therapy.\n\
             dimensions: []\napproaches: []\nquestions_to_ask: []\nitems: []\nbands: []\n\
             search: [which therapy, right for me, kind of therapy, choose, crisis of faith]\n",
        )
        .unwrap();
        lib.finder = Some(finder);
        let index = SearchIndex::build(&lib).unwrap();
        Fixture(lib, index)
    }

    fn tools(f: &Fixture, q: &str) -> Vec<String> {
        f.1.find(&f.0, q, 10)
            .tools
            .into_iter()
            .map(|t| t.path)
            .collect()
    }

    #[test]
    fn offers_the_finder_for_questions_about_choosing() {
        let f = with_tools();
        for q in [
            "which therapy is right for me",
            "What kind of therapy should I choose?",
            "is therapy right for me",
            "Find your preferences",
            // Typos and plurals are forgiven as in articles.
            "whcih therapies",
            "rihgt for me",
        ] {
            assert_eq!(tools(&f, q), ["/preferences"], "{q}");
        }
        // Articles still come after: the query's article results are unchanged.
        let found = f.1.find(&f.0, "which therapy is right for me", 10);
        assert_eq!(found.hits, f.search("which therapy is right for me", 10));
        // A word of a phrase alone is not enough; unrelated searches offer nothing.
        for q in ["therapy", "right", "family therapy", "anxiety", "", "me"] {
            assert!(tools(&f, q).is_empty(), "{q}");
        }
        let found = f.1.find(&f.0, "exposure", 10);
        assert!(found.tools.is_empty());
        assert_eq!(found.hits[0].slug, "exposure");
    }

    #[test]
    fn crisis_words_offer_the_crisis_page_first() {
        let f = with_tools();
        for q in [
            "crisis",
            "suicide",
            "suicidal thoughts crisis",
            "I need help now",
            "suicde",
            "HELP NOW",
        ] {
            assert_eq!(
                tools(&f, q).first().map(String::as_str),
                Some("/crisis"),
                "{q}"
            );
        }
        // Another tool's phrase matching too never puts the crisis page second.
        assert_eq!(tools(&f, "crisis of faith"), ["/crisis", "/preferences"]);
        // Its title asks for it too; other pages are offered by theirs.
        assert_eq!(tools(&f, "need help now"), ["/crisis"]);
        assert_eq!(tools(&f, "who writes this"), ["/about"]);
        let crisis = &f.1.find(&f.0, "suicide", 10).tools[0];
        assert!(crisis.crisis);
        assert_eq!(crisis.title, "Need help now");
    }

    #[test]
    fn tools_follow_content_edits() {
        let Fixture(lib, old) = with_tools();
        let mut next = lib.clone();
        if let Some(p) = next.pages.get_mut("about") {
            p.search = vec!["editorial policy".into()];
        }
        let new = old.update(&lib, &next).unwrap();
        assert_eq!(
            tools(&Fixture(next.clone(), new), "editorial policy"),
            ["/about"]
        );
        let new = old.update(&lib, &next).unwrap();
        assert!(new.find(&next, "who writes", 10).tools.is_empty());
    }
}
