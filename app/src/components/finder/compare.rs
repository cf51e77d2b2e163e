#![cfg_attr(not(feature = "browser"), allow(dead_code, unused_imports))]
//! Retake and compare: dated copies of the finder's answers, kept on this device,
//! compared side by side with another copy or with the answers now. The table is
//! rendered by the server (`routes/preferences.rs`: a row per dimension carrying
//! its two poles, and one for the approaches); this fills its cells.

use crate::answers::Snapshot;
use crate::finder_scoring::{DimensionOutcome, FinderAnswers, FinderModel, Outcome};

/// A mean rating to show: "+2.5", "−1.0", "0.0" (a true minus sign). In tenths,
/// with integer formatting only (no float formatting code in the browser bundle).
pub fn signed(x: f64) -> String {
    let tenths = (x * 10.0).round() as i64;
    let sign = match tenths.signum() {
        1 => "+",
        -1 => "−",
        _ => "",
    };
    format!("{sign}{}", tenths_text(tenths.unsigned_abs()))
}

/// Tenths as a decimal: 25 → "2.5".
fn tenths_text(tenths: u64) -> String {
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Where a dimension stood: its mean and the pole it leans to, or "Not answered".
pub fn stood(dim: &DimensionOutcome, left: &str, right: &str) -> String {
    if dim.said.is_empty() {
        return "Not answered".into();
    }
    match dim.lean {
        0 => format!("{} (no clear lean)", signed(dim.mean)),
        l => format!(
            "{} (towards “{}”)",
            signed(dim.mean),
            if l < 0 { left } else { right }
        ),
    }
}

/// How far a dimension moved from `then` to `now`, and which way.
pub fn moved(then: f64, now: f64, left: &str, right: &str) -> String {
    let by = ((now - then) * 10.0).round() as i64;
    if by == 0 {
        return "No change".into();
    }
    format!(
        "{} towards “{}”",
        tenths_text(by.unsigned_abs()),
        if by < 0 { left } else { right }
    )
}

/// Which suggestions came and went, by name.
pub fn approaches_moved(then: &[String], now: &[String]) -> String {
    let new: Vec<&str> = now
        .iter()
        .filter(|a| !then.contains(a))
        .map(String::as_str)
        .collect();
    let gone: Vec<&str> = then
        .iter()
        .filter(|a| !now.contains(a))
        .map(String::as_str)
        .collect();
    match (new.is_empty(), gone.is_empty()) {
        (true, true) => "No change".into(),
        (false, true) => format!("New: {}.", new.join(", ")),
        (true, false) => format!("No longer: {}.", gone.join(", ")),
        (false, false) => format!("New: {}. No longer: {}.", new.join(", "), gone.join(", ")),
    }
}

/// The answers a select's value names: a kept copy (its index) or "now".
fn chosen<'a>(value: &str, kept: &'a [Snapshot], now: &'a FinderAnswers) -> &'a FinderAnswers {
    value
        .parse::<usize>()
        .ok()
        .and_then(|i| kept.get(i))
        .map_or(now, |s| &s.finder)
}

/// Fill the comparison under `root` for the copies chosen in its two selects
/// (`#compare-a` then, `#compare-b` now; by default the newest copy and now).
#[cfg(feature = "browser")]
pub fn fill(root: &web_sys::Element, model: &FinderModel, now: &FinderAnswers, kept: &[Snapshot]) {
    use leptos::prelude::document;
    use wasm_bindgen::JsCast;
    let select = |id: &str| {
        document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
    };
    let (Some(a), Some(b)) = (select("compare-a"), select("compare-b")) else {
        return;
    };
    // One option per kept copy, by date, then "now"; made again when copies change.
    if a.length() as usize != kept.len() + 1 {
        for (select, default) in [
            (&a, kept.len().saturating_sub(1).to_string()),
            (&b, "now".to_string()),
        ] {
            select.set_text_content(None);
            let options = kept
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    (
                        i.to_string(),
                        super::super::clock::date_words(Some(&s.taken), true),
                    )
                })
                .chain([("now".to_string(), "Now (this result)".to_string())]);
            for (value, label) in options {
                if let Ok(option) = document().create_element("option") {
                    let _ = option.set_attribute("value", &value);
                    option.set_text_content(Some(&label));
                    let _ = select.append_child(&option);
                }
            }
            select.set_value(&default);
        }
    }
    let then = model.outcome(chosen(&a.value(), kept, now));
    let now = model.outcome(chosen(&b.value(), kept, now));
    let set = |cell: &str, text: &str| {
        if let Ok(Some(el)) = root.query_selector(&format!("[data-cell=\"{cell}\"]")) {
            el.set_text_content(Some(text));
        }
    };
    for (d, (x, y)) in then.dimensions.iter().zip(&now.dimensions).enumerate() {
        let Ok(Some(row)) = root.query_selector(&format!("[data-row=\"{d}\"]")) else {
            continue;
        };
        let pole = |side: &str| row.get_attribute(side).unwrap_or_default();
        let (left, right) = (pole("data-left"), pole("data-right"));
        set(&format!("a{d}"), &stood(x, &left, &right));
        set(&format!("b{d}"), &stood(y, &left, &right));
        set(&format!("m{d}"), &moved(x.mean, y.mean, &left, &right));
    }
    let names = |o: &Outcome| -> Vec<String> {
        o.approaches
            .iter()
            .filter_map(|f| {
                root.query_selector(&format!("[data-o=\"f{}\"] h4", f.approach))
                    .ok()
                    .flatten()
            })
            .filter_map(|h| h.text_content())
            .collect()
    };
    let (x, y) = (names(&then), names(&now));
    let list = |v: &[String]| {
        if v.is_empty() {
            "None".to_string()
        } else {
            v.join(", ")
        }
    };
    set("fa", &list(&x));
    set("fb", &list(&y));
    set("fm", &approaches_moved(&x, &y));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_are_said_with_their_size_and_direction() {
        assert_eq!(signed(2.46), "+2.5");
        assert_eq!(signed(-3.0), "−3.0");
        assert_eq!(signed(0.01), "0.0");
        assert_eq!(moved(3.0, -3.0, "L", "R"), "6.0 towards “L”");
        assert_eq!(moved(-1.0, 0.5, "L", "R"), "1.5 towards “R”");
        assert_eq!(moved(1.0, 1.02, "L", "R"), "No change");
        let a = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(approaches_moved(&a(&["CBT"]), &a(&["CBT"])), "No change");
        assert_eq!(
            approaches_moved(&a(&["CBT", "DBT"]), &a(&["CBT", "Person-centred"])),
            "New: Person-centred. No longer: DBT."
        );
    }

    #[test]
    fn a_dimension_stands_somewhere_or_was_not_answered() {
        let dim = |mean: f64, lean: i8, said: bool| DimensionOutcome {
            mean,
            band: 1,
            lean,
            strongest: false,
            said: if said { vec![(0, 1)] } else { vec![] },
        };
        assert_eq!(stood(&dim(0.0, 0, false), "L", "R"), "Not answered");
        assert_eq!(stood(&dim(-2.0, -1, true), "L", "R"), "−2.0 (towards “L”)");
        assert_eq!(stood(&dim(0.5, 0, true), "L", "R"), "+0.5 (no clear lean)");
    }
}
