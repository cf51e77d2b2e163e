//! Review dates: an article whose `next_review` date has passed is due for review.
//! `check` warns, and fails with `--strict`.

use app::content::Library;
use server::content::error::ContentError;
use time::Date;
use time::macros::format_description;

/// An article past its review date.
#[derive(Clone, Debug, PartialEq)]
pub struct Due {
    pub slug: String,
    pub next_review: Date,
    pub today: Date,
}

impl Due {
    pub fn error(&self) -> ContentError {
        let days = (self.today - self.next_review).whole_days();
        ContentError::new(
            format!("articles/{}.md", self.slug),
            0,
            0,
            format!(
                "review was due on {} ({days} day{} ago)",
                self.next_review,
                if days == 1 { "" } else { "s" }
            ),
        )
        .hint(
            "check the article against its sources and current guidance, then set `reviewed:` \
             to today and `next_review:` to a year from now",
        )
    }
}

/// Today's date (UTC).
pub fn today() -> Date {
    time::OffsetDateTime::now_utc().date()
}

/// `YYYY-MM-DD` as a date.
pub fn parse(s: &str) -> Option<Date> {
    Date::parse(s.trim(), format_description!("[year]-[month]-[day]")).ok()
}

/// The articles whose next review is before `today`, by slug. (The loader has
/// already rejected a missing or malformed date.)
pub fn past_due(lib: &Library, today: Date) -> Vec<Due> {
    lib.articles
        .values()
        .filter_map(|a| {
            let next = parse(&a.next_review)?;
            (next < today).then(|| Due {
                slug: a.slug.clone(),
                next_review: next,
                today,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::content::Article;
    use std::path::Path;
    use std::sync::Arc;

    fn article(slug: &str, next: &str) -> Arc<Article> {
        Arc::new(Article {
            slug: slug.into(),
            title: slug.into(),
            summary: String::new(),
            paradigm: None,
            tags: vec![],
            updated: "2026-01-01".into(),
            reviewed: "2026-01-01".into(),
            next_review: next.into(),
            sources: vec![],
            order: 1,
            html: String::new(),
            toc: vec![],
            words: 0,
            reading_minutes: 1,
            text: String::new(),
        })
    }

    #[test]
    fn only_reviews_before_today_are_due() {
        let mut lib = Library::default();
        for (s, n) in [
            ("a", "2026-11-24"),
            ("b", "2026-11-25"),
            ("c", "2027-01-01"),
        ] {
            lib.articles.insert(s.into(), article(s, n));
        }
        let today = parse("2026-11-25").unwrap();
        let due = past_due(&lib, today);
        assert_eq!(
            due.len(),
            1,
            "due on the day itself is not yet past: {due:?}"
        );
        assert_eq!(due[0].slug, "a");
        let e = due[0].error();
        assert_eq!(e.path, Path::new("articles/a.md"));
        assert!(e.message.contains("2026-11-24 (1 day ago)"), "{e}");
        assert!(e.hint.is_some());
    }

    #[test]
    fn dates_parse_strictly() {
        assert!(parse("2026-02-29").is_none());
        assert!(parse("2026-2-01").is_none());
        assert_eq!(parse("2028-02-29").map(|d| d.day()), Some(29));
    }
}
