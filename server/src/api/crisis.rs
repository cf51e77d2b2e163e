//! `GET /api/v1/crisis`: crisis lines per country for phone apps (also in the
//! bundle), with ready-made labels and `tel:`/`sms:` links so an app shows the
//! same buttons as `/crisis/{code}`.

use super::problem::{ApiProblem, Problem};
use super::read::{current, json};
use crate::AppState;
use app::crisis::{CrisisCountry, CrisisLine, CrisisLines, LineKind};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// Every country's crisis lines, and the emergency numbers shared across borders.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CrisisDirectory {
    /// Emergency numbers that work in many countries (112 across the EU).
    pub shared_emergency: Vec<SharedEmergencyEntry>,
    /// Countries in the order the site lists them.
    pub countries: Vec<CrisisCountryEntry>,
    /// A directory of helplines for countries not listed.
    pub elsewhere: ElsewhereEntry,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SharedEmergencyEntry {
    pub number: String,
    /// `tel:` link.
    pub href: String,
    /// Where it works.
    pub area: String,
    /// The official page that lists it.
    pub source: String,
    /// When a person last checked it, `YYYY-MM-DD`.
    pub checked: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ElsewhereEntry {
    pub name: String,
    pub url: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CrisisCountryEntry {
    /// ISO 3166-1 alpha-2, lower case; the site's page is `/crisis/{code}`.
    pub code: String,
    pub name: String,
    /// Emergency numbers, the main one first.
    pub emergency: Vec<String>,
    /// When a person last checked these numbers, `YYYY-MM-DD`.
    pub checked: String,
    pub lines: Vec<CrisisLineEntry>,
}

/// One way to reach one service.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CrisisLineEntry {
    pub name: String,
    /// `call`, `text` or `chat`.
    pub kind: String,
    /// As shown (`116 123`); empty for a chat.
    pub number: String,
    /// What to write in a text (`HOME`), if the service asks for a word.
    pub message: Option<String>,
    /// The button's label: "Call 116 123", "Text HOME to 741741", "Chat online".
    pub label: String,
    /// `tel:…`, `sms:…`, or the chat's https address.
    pub href: String,
    pub hours: String,
    /// Who it is for.
    pub who: String,
    /// The service's own page that lists this number.
    pub source: String,
}

impl From<&CrisisLine> for CrisisLineEntry {
    fn from(l: &CrisisLine) -> Self {
        Self {
            name: l.name.clone(),
            kind: match l.kind {
                LineKind::Call => "call",
                LineKind::Text => "text",
                LineKind::Chat => "chat",
            }
            .to_string(),
            number: l.number.clone(),
            message: l.message.clone(),
            label: l.label(),
            href: l.href(),
            hours: l.hours.clone(),
            who: l.who.clone(),
            source: l.source.clone(),
        }
    }
}

impl From<&CrisisCountry> for CrisisCountryEntry {
    fn from(c: &CrisisCountry) -> Self {
        Self {
            code: c.code.clone(),
            name: c.name.clone(),
            emergency: c.emergency.clone(),
            checked: c.checked.clone(),
            lines: c.lines.iter().map(CrisisLineEntry::from).collect(),
        }
    }
}

impl From<&CrisisLines> for CrisisDirectory {
    fn from(c: &CrisisLines) -> Self {
        Self {
            shared_emergency: c
                .shared_emergency
                .iter()
                .map(|s| SharedEmergencyEntry {
                    number: s.number.clone(),
                    href: format!("tel:{}", app::crisis::dial(&s.number)),
                    area: s.area.clone(),
                    source: s.source.clone(),
                    checked: s.checked.clone(),
                })
                .collect(),
            countries: c.countries.iter().map(CrisisCountryEntry::from).collect(),
            elsewhere: ElsewhereEntry {
                name: c.elsewhere.name.clone(),
                url: c.elsewhere.url.clone(),
            },
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CrisisResponse {
    pub content_version: String,
    pub crisis: CrisisDirectory,
}

/// Crisis lines per country, with the date each country's numbers were checked.
#[utoipa::path(get, path = "/api/v1/crisis", tag = "read",
    responses(
        (status = 200, description = "Crisis lines per country", body = CrisisResponse),
        (status = 404, description = "The content has no crisis lines", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn crisis(State(state): State<AppState>) -> Response {
    let (library, snap) = current(&state);
    let Some(crisis) = &library.crisis else {
        return ApiProblem::NotFound("crisis line list").into_response();
    };
    json(
        &snap.version,
        &CrisisResponse {
            content_version: snap.version.clone(),
            crisis: crisis.into(),
        },
    )
}
