//! The keys that mark the parts of a result page (`data-k`, `data-o`), made in one
//! place for the server that renders them and the island that switches them.

use super::DimensionOutcome;

/// The result as a whole.
pub const RESULT: &str = "result";
/// "Your answers do not point to particular approaches."
pub const NO_FIT: &str = "nofit";
/// The approaches that may fit.
pub const FITS: &str = "fits";
/// The practical wishes.
pub const PRACTICAL: &str = "wishes";
/// The island runs (JavaScript is on).
pub const SCRIPT: &str = "js";
/// No island runs (yet): what is for readers without JavaScript.
pub const NO_SCRIPT: &str = "nojs";

/// The keys of the finder's form at step `current` (from 0) of `total`: that
/// step, and the steps already seen, summed up (`done`, `d{j}`), with a heading
/// for part of them or all.
pub fn steps(current: usize, total: usize) -> Vec<String> {
    let mut on = vec![step(current)];
    if current > 0 {
        on.push("done".into());
        on.push(
            if current >= total {
                "done-all"
            } else {
                "done-some"
            }
            .into(),
        );
    }
    on.extend((0..current.min(total)).map(|j| format!("d{j}")));
    on
}
/// The summing up of step `j`, among the steps already seen.
pub fn done(j: usize) -> String {
    format!("d{j}")
}
/// Step `i` of the form is the one shown (from 0).
pub fn step(i: usize) -> String {
    format!("s{i}")
}
/// Statement `k` was rated `r`.
pub fn rated(k: usize, r: i8) -> String {
    format!("r{k}:{r}")
}
/// The summing up of dimension `d`: unanswered, no lean, or a band's pole.
pub fn overall(d: usize, dim: &DimensionOutcome) -> String {
    if dim.said.is_empty() {
        format!("o{d}:x")
    } else {
        overall_for(d, dim.lean, dim.band)
    }
}
/// The summing up of dimension `d` for a lean (−1, 0, 1) in band `band`.
pub fn overall_for(d: usize, lean: i8, band: usize) -> String {
    match lean {
        0 => format!("o{d}:n"),
        l => format!("o{d}:{}{band}", if l < 0 { 'L' } else { 'R' }),
    }
}
/// The summing up of dimension `d` when nothing in it was answered.
pub fn unanswered(d: usize) -> String {
    format!("o{d}:x")
}
/// Dimension `d` is a strong preference.
pub fn strongest(d: usize) -> String {
    format!("g{d}")
}
/// Approach `a` is suggested.
pub fn approach(a: usize) -> String {
    format!("f{a}")
}
/// Answer place `p` is a reason for approach `a`.
pub fn why(a: usize, p: usize) -> String {
    format!("w{a}.{p}")
}
/// Question to ask `q`.
pub fn question(q: usize) -> String {
    format!("q{q}")
}
/// Practical question `c` has picks.
pub fn choice(c: usize) -> String {
    format!("c{c}")
}
/// Option `o` of practical question `c` was picked.
pub fn option(c: usize, o: usize) -> String {
    format!("p{c}.{o}")
}
