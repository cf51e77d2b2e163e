//! The summary shared as a link whose answers live only in the URL's `#fragment`:
//! `https://…/summary#s1.<base64url of the answers' JSON>`. Browsers never send a
//! fragment to the server, and nothing of ours sends it either, so Pathways never
//! receives what a shared link holds.
//!
//! Pure and compiled on both sides; only [`shared_from_location`] reads the browser.
//! A link is read with the same checks as an imported answers file
//! ([`SavedAnswers::from_json_as`]): version, rating range, note length.

use crate::answers::SavedAnswers;
use crate::paths;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The fragment's version tag: a later format gets `s2.`, and this one keeps
/// reading `s1.` links.
pub const FRAGMENT_PREFIX: &str = "s1.";

/// Longest fragment read, in bytes: far above the largest real summary, it keeps a
/// hostile link from making the page decode megabytes.
pub const FRAGMENT_MAX: usize = 256 * 1024;

/// The fragment (without `#`) that carries `saved`.
pub fn encode(saved: &SavedAnswers) -> String {
    // The summary's answers and notes; the dated copies of the finder's answers stay
    // on this device (they are not part of the summary).
    let shared = SavedAnswers {
        snapshots: Vec::new(),
        ..saved.clone()
    };
    // Serialising string-keyed maps, strings and numbers cannot fail.
    let json = serde_json::to_string(&shared).unwrap_or_default();
    format!("{FRAGMENT_PREFIX}{}", URL_SAFE_NO_PAD.encode(json))
}

/// The link to the summary at `origin` (such as `https://example.org`) that
/// carries `saved` in its fragment.
pub fn link(origin: &str, saved: &SavedAnswers) -> String {
    format!(
        "{}{}#{}",
        origin.trim_end_matches('/'),
        paths::SUMMARY,
        encode(saved)
    )
}

/// Whether `fragment` (with or without its `#`) is meant to be a shared summary:
/// `s`, a version number, a dot. Other fragments (a heading's anchor) are not.
pub fn is_share_fragment(fragment: &str) -> bool {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment
        .strip_prefix('s')
        .and_then(|rest| rest.split_once('.'))
        .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Read the answers a shared link's fragment (with or without its `#`) carries.
/// The error is a reason in lower case, for a sentence such as "This link cannot
/// be opened: {reason}."
pub fn decode(fragment: &str) -> Result<SavedAnswers, String> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let Some(payload) = fragment.strip_prefix(FRAGMENT_PREFIX) else {
        return Err(if is_share_fragment(fragment) {
            let tag = fragment.split_once('.').map_or(fragment, |(tag, _)| tag);
            format!("it was made by another version of Pathways ({tag}); this site reads s1 links")
        } else {
            "it is not a Pathways summary link".into()
        });
    };
    if payload.len() > FRAGMENT_MAX {
        return Err("it is too long to be one Pathways made".into());
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| "it is damaged or incomplete (was all of it copied?)".to_string())?;
    let json = String::from_utf8(bytes)
        .map_err(|_| "it is damaged or incomplete (was all of it copied?)".to_string())?;
    SavedAnswers::from_json_as(&json, "link")
}

/// The shared summary in this page's address, if the address has one: `None` when
/// the fragment is not a shared summary (and always on the server, which never sees
/// fragments); otherwise its answers, or why they cannot be read.
pub fn shared_from_location() -> Option<Result<SavedAnswers, String>> {
    #[cfg(feature = "browser")]
    {
        let hash = web_sys::window()?.location().hash().ok()?;
        is_share_fragment(&hash).then(|| decode(&hash))
    }
    #[cfg(not(feature = "browser"))]
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{NOTE_MAX, SCHEMA_VERSION};
    use crate::finder_scoring::FinderAnswers;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn sample() -> SavedAnswers {
        let mut finder = FinderAnswers::default();
        finder.ratings.insert("who-chooses-topics".into(), 3);
        finder.ratings.insert("past-or-present".into(), -2);
        finder
            .choices
            .insert("format".into(), vec!["video".into(), "in-person".into()]);
        SavedAnswers {
            version: SCHEMA_VERSION,
            finder,
            reflections: BTreeMap::from([
                (
                    "you".into(),
                    "Música, ma sœur — 家族 😀\nand \"quotes\" & <b>".into(),
                ),
                ("goals".into(), "Sleep better.".into()),
            ]),
            snapshots: Vec::new(),
        }
    }

    /// The payload of a fragment made from raw JSON, as a tamperer would.
    fn fragment_of(json: &str) -> String {
        format!("{FRAGMENT_PREFIX}{}", URL_SAFE_NO_PAD.encode(json))
    }

    #[test]
    fn the_dated_copies_stay_on_the_device() {
        let mut saved = sample();
        saved.keep_snapshot("2026-11-26T10:00:00.000Z".into());
        let shared = decode(&encode(&saved)).unwrap();
        assert!(shared.snapshots.is_empty());
        assert_eq!(shared.finder, saved.finder);
        assert_eq!(shared.reflections, saved.reflections);
    }

    #[test]
    fn link_points_at_the_summary_with_the_answers_in_the_fragment() {
        let saved = sample();
        let url = link("https://pathways.example/", &saved);
        let (before, fragment) = url.split_once('#').unwrap();
        assert_eq!(before, "https://pathways.example/summary");
        assert!(fragment.starts_with("s1."), "{fragment}");
        // Only URL-safe characters: nothing for a browser or a messenger to escape,
        // and no second `#` or `?` that would move part of it out of the fragment.
        assert!(
            fragment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)),
            "{fragment}"
        );
        assert_eq!(decode(fragment).unwrap(), saved);
        assert_eq!(decode(&format!("#{fragment}")).unwrap(), saved);
    }

    #[test]
    fn unicode_notes_survive_exactly() {
        let saved = sample();
        let back = decode(&encode(&saved)).unwrap();
        assert_eq!(
            back.reflections["you"],
            "Música, ma sœur — 家族 😀\nand \"quotes\" & <b>"
        );
        let full = SavedAnswers {
            reflections: BTreeMap::from([("you".into(), "😀".repeat(NOTE_MAX))]),
            ..SavedAnswers::default()
        };
        assert_eq!(decode(&encode(&full)).unwrap(), full);
    }

    #[test]
    fn damaged_links_are_refused_with_the_reason() {
        let good = encode(&sample());
        // Cut short: base64 of a truncated JSON text, or base64 that cannot end there.
        for cut in [good.len() - 1, good.len() - 7, good.len() / 2] {
            let e = decode(&good[..cut]).unwrap_err();
            assert!(
                e.contains("damaged or incomplete") || e.contains("not a Pathways answers link"),
                "cut at {cut}: {e}"
            );
        }
        // A character a base64url text cannot hold.
        let e = decode(&format!("{good}!")).unwrap_err();
        assert!(e.contains("damaged or incomplete"), "{e}");
        // Valid base64 of bytes that are not UTF-8.
        let e = decode(&format!(
            "{FRAGMENT_PREFIX}{}",
            URL_SAFE_NO_PAD.encode([0xff, 0xfe])
        ))
        .unwrap_err();
        assert!(e.contains("damaged or incomplete"), "{e}");
        // Not JSON at all.
        let e = decode(&fragment_of("hello")).unwrap_err();
        assert!(e.starts_with("this is not a Pathways answers link"), "{e}");
    }

    #[test]
    fn tampered_answers_get_the_import_checks() {
        let e = decode(&fragment_of(
            r#"{"version":1,"finder":{"ratings":{"a":9}}}"#,
        ))
        .unwrap_err();
        assert_eq!(e, "a rating in this link is outside −3 … +3");
        let long = "x".repeat(NOTE_MAX + 1);
        let e = decode(&fragment_of(&format!(
            r#"{{"version":1,"reflections":{{"you":"{long}"}}}}"#
        )))
        .unwrap_err();
        assert_eq!(
            e,
            format!("a note in this link is longer than {NOTE_MAX} characters")
        );
        let e = decode(&fragment_of(r#"{"version":2}"#)).unwrap_err();
        assert_eq!(e, "this link has version 2, this site reads version 1");
        let e = decode(&format!("s1.{}", "A".repeat(FRAGMENT_MAX + 1))).unwrap_err();
        assert!(e.contains("too long"), "{e}");
    }

    #[test]
    fn other_versions_and_other_fragments() {
        let e = decode(&format!("s2.{}", &encode(&sample())[3..])).unwrap_err();
        assert_eq!(
            e,
            "it was made by another version of Pathways (s2); this site reads s1 links"
        );
        assert!(is_share_fragment("#s2.abc"));
        assert!(is_share_fragment("s1."));
        for anchor in ["", "#", "#notes-title", "#s", "#s.x", "#step-2", "#sx1.a"] {
            assert!(!is_share_fragment(anchor), "{anchor}");
        }
        assert_eq!(
            decode("#notes-title").unwrap_err(),
            "it is not a Pathways summary link"
        );
    }

    #[test]
    fn the_server_never_finds_a_shared_summary() {
        assert_eq!(shared_from_location(), None);
    }

    /// Every statement of the finder rated, practical wishes picked, and a few
    /// short notes: the link still fits in a QR code (at Medium, byte mode holds
    /// 2331 bytes; this link is about 1,900).
    #[test]
    fn a_full_finder_and_short_notes_fit_in_a_qr_code() {
        let ids = [
            "who-chooses-topics",
            "plan-or-flow",
            "between-sessions",
            "answers-or-guidance",
            "strong-feelings",
            "painful-memories",
            "show-feelings",
            "now-or-then",
            "repeating-patterns",
            "upbringing",
            "accept-or-question",
            "comfort-zone",
            "feedback",
            "safe-or-focused",
        ];
        let mut saved = SavedAnswers::default();
        for (i, id) in ids.iter().enumerate() {
            saved
                .finder
                .ratings
                .insert(id.to_string(), (i % 7) as i8 - 3);
        }
        for (q, picks) in [
            ("format", vec!["in-person", "video"]),
            ("setting", vec!["individual"]),
            ("hopes", vec!["skills-for-now", "face-fears"]),
            ("practical", vec!["short-term", "low-cost"]),
        ] {
            let picks = picks.into_iter().map(String::from).collect();
            saved.finder.choices.insert(q.into(), picks);
        }
        // Three notes of 300 characters.
        for id in ["you", "goals", "coping"] {
            saved
                .reflections
                .insert(id.into(), "a few words ".repeat(25));
        }
        let url = link("https://pathways.example", &saved);
        assert!((1800..2331).contains(&url.len()), "{}", url.len());
        assert!(crate::qr::svg(&url, "QR").is_ok());
    }

    fn answers() -> impl Strategy<Value = SavedAnswers> {
        let ratings = proptest::collection::btree_map("[a-z-]{1,20}", -3i8..=3, 0..12);
        let choices = proptest::collection::btree_map(
            "[a-z-]{1,20}",
            proptest::collection::vec(".{0,12}", 0..4),
            0..4,
        );
        let notes = proptest::collection::btree_map(".{0,12}", ".{0,200}", 0..6);
        (ratings, choices, notes).prop_map(|(ratings, choices, reflections)| SavedAnswers {
            version: SCHEMA_VERSION,
            finder: FinderAnswers { ratings, choices },
            reflections,
            snapshots: Vec::new(),
        })
    }

    proptest! {
        #[test]
        fn every_record_survives_the_round_trip(saved in answers()) {
            let url = link("http://127.0.0.1:3400", &saved);
            let fragment = url.split_once('#').unwrap().1;
            prop_assert_eq!(decode(fragment).unwrap(), saved);
        }
    }
}
