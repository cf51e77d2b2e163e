//! `glossary.yaml`: terms, linked from articles where they first appear.

use super::Optional;
use super::fields::{checked, unique};
use super::yaml::yaml_file;
use crate::content::error::ContentError;
use crate::content::markdown::slugify;
use app::content::Library;
use app::glossary::GlossaryFile;
use std::path::{Path, PathBuf};

/// The parsed glossary with its path and text, for whole-tree messages.
#[derive(Debug)]
pub(super) struct Glossary {
    pub path: PathBuf,
    pub src: String,
    pub file: GlossaryFile,
}

/// The file parsed: each term gets its id, terms are unique and sorted.
pub(super) fn parse_glossary(path: &Path, src: &str) -> Result<Glossary, Vec<ContentError>> {
    let mut g: GlossaryFile = yaml_file(path, src)?;
    let mut errs = Vec::new();
    for t in &mut g.terms {
        t.id = slugify(&t.term);
    }
    let terms = g.terms.iter().map(|t| t.term.as_str());
    unique(path, src, terms, "term", &mut errs);
    g.terms.sort_by_key(|t| t.term.to_lowercase());
    let glossary = Glossary {
        path: path.to_path_buf(),
        src: src.to_string(),
        file: g,
    };
    checked(glossary, errs)
}

/// (term, id) of the glossary articles link to: this load's, else the previous one.
pub(super) fn terms(
    glossary: &Optional<Glossary>,
    previous: Option<&Library>,
) -> Vec<(String, String)> {
    let pairs = |terms: &[app::glossary::GlossaryTerm]| {
        terms
            .iter()
            .map(|t| (t.term.clone(), t.id.clone()))
            .collect()
    };
    glossary
        .value
        .as_ref()
        .map(|g| pairs(&g.file.terms))
        .or_else(|| previous.map(|p| pairs(&p.glossary)))
        .unwrap_or_default()
}
