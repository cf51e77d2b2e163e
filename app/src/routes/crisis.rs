//! `/crisis` (emergency numbers and a country picker) and `/crisis/{code}` (that
//! country's crisis lines), from `content/crisis-lines.yaml` and the general advice
//! of `content/pages/crisis.md`. Plain pages: every number is a link (`tel:`,
//! `sms:`) that works without script, and the picker is a list of links.

use super::PageMeta;
use crate::components::layout::set_status;
use crate::content::long_date;
use crate::content::{Page, use_library};
use crate::crisis::{CrisisCountry, CrisisLines, dial};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// One full-width tap target: the label on the button, who and when under it.
#[component]
fn NumberButton(label: String, href: String, detail: String) -> impl IntoView {
    view! {
        <li>
            <a class="crisis-number" href=href>{label}</a>
            <p class="crisis-detail">{detail}</p>
        </li>
    }
}

/// The emergency numbers, the shared ones (112) first, then each country's others
/// with the countries that use them.
fn emergency_numbers(lines: &CrisisLines) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = lines
        .shared_emergency
        .iter()
        .map(|s| (s.number.clone(), s.area.clone()))
        .collect();
    let shared: Vec<&str> = lines
        .shared_emergency
        .iter()
        .map(|s| s.number.as_str())
        .collect();
    let mut grouped: Vec<(String, Vec<String>)> = Vec::new();
    for c in &lines.countries {
        for n in c.emergency.iter().filter(|n| !shared.contains(&n.as_str())) {
            match grouped.iter_mut().find(|(number, _)| number == n) {
                Some((_, names)) => names.push(c.name.clone()),
                None => grouped.push((n.clone(), vec![c.name.clone()])),
            }
        }
    }
    out.extend(
        grouped
            .into_iter()
            .map(|(number, names)| (number, format!(", {}", and_list(&names)))),
    );
    out
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The list of countries, each a link to its page.
#[component]
fn CountryPicker(lines: CrisisLines) -> impl IntoView {
    let countries = lines
        .countries
        .iter()
        .map(|c| {
            view! {
                <li>
                    <a class="crisis-country" href=format!("/crisis/{}", c.code) data-crisis-country=c.code.clone()>
                        {c.name.clone()}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="crisis-countries">
            {countries}
            <li>
                <a class="crisis-country" href=lines.elsewhere.url.clone()>
                    "Another country: "{lines.elsewhere.name.clone()}
                </a>
            </li>
        </ul>
    }
}

/// The general advice of `pages/crisis.md`, if it is there.
fn advice(page: Option<Page>) -> impl IntoView {
    page.map(|p| view! { <div class="prose" inner_html=p.html></div> })
}

/// `/crisis`: emergency numbers, then the country picker, then the general advice.
#[component]
pub fn CrisisPage() -> impl IntoView {
    let lib = use_library();
    let page = lib.pages.get("crisis").cloned();
    let title = page
        .as_ref()
        .map_or_else(|| "Need help now".to_string(), |p| p.title.clone());
    let description = page.as_ref().map_or_else(
        || "Emergency numbers and crisis lines.".to_string(),
        |p| p.summary.clone(),
    );
    let body = match lib.crisis.clone() {
        Some(lines) => {
            let numbers = emergency_numbers(&lines)
                .into_iter()
                .map(|(number, area)| {
                    view! {
                        <NumberButton
                            label=format!("Call {number}")
                            href=format!("tel:{}", dial(&number))
                            detail=format!("Emergency services{}.", if area.starts_with(',') { area } else { format!(" {area}") })
                        />
                    }
                })
                .collect_view();
            view! {
                <section aria-labelledby="crisis-danger">
                    <h2 id="crisis-danger">"If you are in danger right now"</h2>
                    <p>
                        "If you or someone else is in immediate danger, or you have injured yourself, "
                        "call emergency services now."
                    </p>
                    <ul class="crisis-numbers">{numbers}</ul>
                </section>
                <section aria-labelledby="crisis-where">
                    <h2 id="crisis-where">"Someone to talk to, where you are"</h2>
                    <p>"Choose your country to see crisis lines you can call or text."</p>
                    <CountryPicker lines/>
                </section>
            }
            .into_any()
        }
        None => view! {
            <p>
                "If you are in danger, call your local emergency number now. "
                <a href="https://findahelpline.com">"findahelpline.com"</a>
                " lists crisis lines in many countries."
            </p>
        }
        .into_any(),
    };
    view! {
        <PageMeta title=title.clone() description/>
        <article class="article crisis">
            <h1>{title}</h1>
            {body}
            {advice(page)}
        </article>
    }
}

/// `/crisis/{code}`: one country's emergency numbers and crisis lines, with the
/// date they were checked; an unknown code is a 404 that lists the countries.
#[component]
pub fn CrisisCountryPage() -> impl IntoView {
    let code = use_params_map()
        .with_untracked(|p| p.get("code"))
        .unwrap_or_default();
    let lib = use_library();
    let page = lib.pages.get("crisis").cloned();
    let Some(lines) = lib.crisis.clone() else {
        return view! { <UnknownCountry lines=CrisisLines::default()/> }.into_any();
    };
    let Some(country) = lines.country(&code).cloned() else {
        return view! { <UnknownCountry lines/> }.into_any();
    };
    view! {
        <PageMeta
            title=format!("Crisis help: {}", country.name)
            description=format!(
                "Emergency numbers and crisis lines you can call or text in {}.",
                country.name
            )
        />
        <article class="article crisis">
            <h1 data-crisis-country=country.code.clone()>"Crisis help: "{country.name.clone()}</h1>
            <CountryLines country/>
            <p><a href="/crisis">"Choose another country"</a></p>
            {advice(page)}
        </article>
    }
    .into_any()
}

#[component]
fn CountryLines(country: CrisisCountry) -> impl IntoView {
    let emergency = country
        .emergency
        .iter()
        .map(|n| {
            view! {
                <NumberButton
                    label=format!("Call {n}")
                    href=format!("tel:{}", dial(n))
                    detail="Emergency services: ambulance, police, fire.".to_string()
                />
            }
        })
        .collect_view();
    let lines = country
        .lines
        .iter()
        .map(|l| {
            view! {
                <NumberButton
                    label=l.label()
                    href=l.href()
                    detail=format!("{}: for {}. {}.", l.name, l.who, l.hours)
                />
            }
        })
        .collect_view();
    let mut sources: Vec<&str> = country.lines.iter().map(|l| l.source.as_str()).collect();
    sources.dedup();
    let sources = sources
        .into_iter()
        .map(|s| {
            let (href, text) = (s.to_string(), s.to_string());
            view! { <li><a href=href>{text}</a></li> }
        })
        .collect_view();
    view! {
        <section aria-labelledby="crisis-danger">
            <h2 id="crisis-danger">"If you are in danger right now"</h2>
            <p>"Call emergency services, or go to the nearest hospital emergency department."</p>
            <ul class="crisis-numbers">{emergency}</ul>
        </section>
        <section aria-labelledby="crisis-talk">
            <h2 id="crisis-talk">"Someone to talk to"</h2>
            <ul class="crisis-numbers">{lines}</ul>
            <p class="crisis-checked" data-test="checked">
                "List last updated: "<time datetime=country.checked.clone()>{long_date(&country.checked)}</time>
            </p>
            <p class="meta">"Where these numbers come from:"</p>
            <ul class="crisis-sources meta">{sources}</ul>
        </section>
    }
}

/// 404: a code we have no lines for, with the countries we do have.
#[component]
fn UnknownCountry(lines: CrisisLines) -> impl IntoView {
    set_status(404);
    let has_countries = !lines.countries.is_empty();
    view! {
        <PageMeta
            title="No crisis lines for this country"
            description="This country is not listed on Pathways. Choose another, or find a helpline."
        />
        <article class="article crisis">
            <h1>"No crisis lines for this country here"</h1>
            <p>
                "If you are in danger, call your local emergency number now. "
                "We list crisis lines for these countries:"
            </p>
            {has_countries.then(|| view! { <CountryPicker lines/> })}
            <p>
                <a href="https://findahelpline.com">"findahelpline.com"</a>
                " lists crisis lines in many more countries."
            </p>
            <p><a href="/crisis">"Back to Need help now"</a></p>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crisis::{Elsewhere, SharedEmergency};

    fn country(code: &str, name: &str, emergency: &[&str]) -> CrisisCountry {
        CrisisCountry {
            code: code.into(),
            name: name.into(),
            emergency: emergency.iter().map(|s| s.to_string()).collect(),
            checked: "2026-11-25".into(),
            lines: Vec::new(),
        }
    }

    #[test]
    fn emergency_numbers_are_grouped_once_each() {
        let lines = CrisisLines {
            shared_emergency: vec![SharedEmergency {
                number: "112".into(),
                area: "across the EU".into(),
                source: "https://example.org".into(),
                checked: "2026-11-25".into(),
            }],
            countries: vec![
                country("us", "the United States", &["911"]),
                country("ca", "Canada", &["911"]),
                country("gb", "the United Kingdom", &["999", "112"]),
                country("ie", "Ireland", &["112", "999"]),
                country("au", "Australia", &["000"]),
            ],
            elsewhere: Elsewhere::default(),
        };
        assert_eq!(
            emergency_numbers(&lines),
            vec![
                ("112".to_string(), "across the EU".to_string()),
                ("911".into(), ", the United States and Canada".into()),
                ("999".into(), ", the United Kingdom and Ireland".into()),
                ("000".into(), ", Australia".into()),
            ]
        );
        assert_eq!(
            and_list(&["a".into(), "b".into(), "c".into()]),
            "a, b and c"
        );
    }
}
