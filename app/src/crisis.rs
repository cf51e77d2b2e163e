//! Crisis lines per country, read from `content/crisis-lines.yaml`: the numbers the
//! `/crisis` pages show as tap targets and the API serves to phone apps.

use serde::{Deserialize, Serialize};

/// Every country's crisis lines, and the emergency numbers that work across borders.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CrisisLines {
    /// Emergency numbers that are not one country's (112 across the EU).
    pub shared_emergency: Vec<SharedEmergency>,
    /// Countries in the order the picker lists them.
    pub countries: Vec<CrisisCountry>,
    /// A directory of helplines for countries not listed.
    pub elsewhere: Elsewhere,
}

impl CrisisLines {
    /// The country with this lower-case ISO 3166-1 alpha-2 code.
    pub fn country(&self, code: &str) -> Option<&CrisisCountry> {
        self.countries.iter().find(|c| c.code == code)
    }
}

/// An emergency number shared by many countries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SharedEmergency {
    /// As it is dialled and shown, e.g. `112`.
    pub number: String,
    /// Where it works, e.g. "across the European Union and in many other countries".
    pub area: String,
    /// The official page that says so.
    pub source: String,
    /// When a person last checked it against the source, `YYYY-MM-DD`.
    pub checked: String,
}

/// Where to look for countries we do not list.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Elsewhere {
    pub name: String,
    pub url: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CrisisCountry {
    /// ISO 3166-1 alpha-2, lower case (`gb`, `us`): the page is `/crisis/{code}`.
    pub code: String,
    pub name: String,
    /// Emergency numbers (police, ambulance, fire), the main one first.
    pub emergency: Vec<String>,
    /// When a person last checked these numbers against their sources, `YYYY-MM-DD`.
    pub checked: String,
    pub lines: Vec<CrisisLine>,
}

/// One way to reach one service: a call, a text or a chat.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CrisisLine {
    pub name: String,
    pub kind: LineKind,
    /// As shown, e.g. `116 123`; empty for a chat.
    pub number: String,
    /// What to write in a text, e.g. `HOME` (the label says "Text HOME to 741741").
    pub message: Option<String>,
    /// The chat's web address; only for a chat.
    pub url: Option<String>,
    pub hours: String,
    /// Who it is for, as a phrase: "anyone in the UK or Ireland who is struggling".
    pub who: String,
    /// The service's own page that lists this number.
    pub source: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LineKind {
    Call,
    Text,
    Chat,
}

impl CrisisLine {
    /// The button's label: "Call 116 123", "Text 988", "Text HOME to 741741",
    /// "Chat online".
    pub fn label(&self) -> String {
        match (self.kind, &self.message) {
            (LineKind::Call, _) => format!("Call {}", self.number),
            (LineKind::Text, Some(m)) => format!("Text {m} to {}", self.number),
            (LineKind::Text, None) => format!("Text {}", self.number),
            (LineKind::Chat, _) => "Chat online".to_string(),
        }
    }

    /// The link: `tel:116123`, `sms:988`, or the chat's address.
    pub fn href(&self) -> String {
        match self.kind {
            LineKind::Call => format!("tel:{}", dial(&self.number)),
            LineKind::Text => format!("sms:{}", dial(&self.number)),
            LineKind::Chat => self.url.clone().unwrap_or_default(),
        }
    }
}

/// The digits (and a leading `+`) of a number as shown: `116 123` → `116123`.
pub fn dial(number: &str) -> String {
    number
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(kind: LineKind, number: &str, message: Option<&str>) -> CrisisLine {
        CrisisLine {
            name: "n".into(),
            kind,
            number: number.into(),
            message: message.map(String::from),
            url: (kind == LineKind::Chat).then(|| "https://example.org/chat".into()),
            hours: "h".into(),
            who: "w".into(),
            source: "https://example.org".into(),
        }
    }

    #[test]
    fn labels_and_links() {
        let call = line(LineKind::Call, "116 123", None);
        assert_eq!(call.label(), "Call 116 123");
        assert_eq!(call.href(), "tel:116123");
        let text = line(LineKind::Text, "9-8-8", None);
        assert_eq!(text.label(), "Text 9-8-8");
        assert_eq!(text.href(), "sms:988");
        let keyword = line(LineKind::Text, "741741", Some("HOME"));
        assert_eq!(keyword.label(), "Text HOME to 741741");
        assert_eq!(keyword.href(), "sms:741741");
        let chat = line(LineKind::Chat, "", None);
        assert_eq!(chat.label(), "Chat online");
        assert_eq!(chat.href(), "https://example.org/chat");
        assert_eq!(dial("+353 1 234"), "+3531234");
    }
}
