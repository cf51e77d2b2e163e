//! Site pages (`pages/*.md`): front matter and a rendered body.

use super::fields::check_updated;
use super::walk::{read, relative, stem};
use super::yaml::{split_front_matter, yaml};
use crate::content::error::ContentError;
use crate::content::markdown;
use app::content::Page;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Front matter of a site page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PageFront {
    title: String,
    summary: String,
    updated: String,
    /// Searches that offer this page above the articles.
    #[serde(default)]
    search: Vec<String>,
}

/// This load's pages.
#[derive(Debug, Default)]
pub(super) struct Pages {
    pub parsed: Vec<Page>,
    /// Names of files with problems (they fall back to their previous version).
    pub failed: BTreeSet<String>,
}

/// Every page file, in file order.
pub(super) fn load_all(root: &Path, files: Vec<PathBuf>, errors: &mut Vec<ContentError>) -> Pages {
    let mut out = Pages::default();
    for path in files {
        let name = stem(&path);
        match read(&path, root).and_then(|src| parse_page(&relative(root, &path), &name, &src)) {
            Ok(p) => out.parsed.push(p),
            Err(mut e) => {
                out.failed.insert(name);
                errors.append(&mut e);
            }
        }
    }
    out
}

fn parse_page(path: &Path, name: &str, src: &str) -> Result<Page, Vec<ContentError>> {
    let fm = split_front_matter(path, src).map_err(|e| vec![e])?;
    let front: PageFront = yaml(path, fm.yaml, fm.yaml_line).map_err(|e| vec![e])?;
    check_updated(path, fm.yaml, fm.yaml_line, &front.updated)?;
    Ok(Page {
        name: name.to_string(),
        title: front.title,
        summary: front.summary,
        updated: front.updated,
        html: markdown::render(fm.body).html,
        search: front.search,
    })
}
