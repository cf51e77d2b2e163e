//! Finding and reading the files of `content/` (walkdir): sorted, following symbolic
//! links without looping, skipping editor backups and hidden folders.

use crate::content::error::ContentError;
use std::path::{Path, PathBuf};

const PERMISSIONS: &str = "check its permissions: the server must be able to read everything \
                           under the content folder";

/// `path` relative to `root` (itself when outside it), as messages show it.
pub(super) fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The file name without its extension: an article's slug, a quiz's id.
pub(super) fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// The text of `path`, which must be UTF-8.
pub(super) fn read(path: &Path, root: &Path) -> Result<String, Vec<ContentError>> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let bytes = std::fs::read(path).map_err(|e| {
        vec![ContentError::new(
            rel,
            0,
            0,
            format!("cannot read the file: {e}"),
        )]
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
        vec![
            ContentError::new(rel, line, 0, "the file is not valid UTF-8 text")
                .hint("save the file as UTF-8"),
        ]
    })
}

/// Files with extension `ext` under `root/folder`, recursively, sorted. Symbolic links
/// are followed, but a link that loops back is reported and skipped, not walked
/// forever. A folder that cannot be read, or a missing `required` one, is an error
/// that sets `unreadable`: the caller then keeps its last good library.
pub(super) fn files(
    root: &Path,
    folder: &str,
    ext: &str,
    required: bool,
    errors: &mut Vec<ContentError>,
    unreadable: &mut bool,
) -> Vec<PathBuf> {
    let dir = root.join(folder);
    if !folder_readable(&dir, folder, ext, required, errors, unreadable) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let walk = walkdir::WalkDir::new(&dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            // Editor swap and backup files, and hidden folders such as `.git`.
            e.depth() == 0 || !(name.starts_with('.') || name.ends_with('~'))
        });
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                walk_error(root, folder, &e, errors, unreadable);
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let path = entry.into_path();
        if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        } else if path
            .extension()
            .is_some_and(|e| e == "yml" || e == "markdown")
        {
            errors.push(
                ContentError::new(relative(root, &path), 0, 0, "this file is ignored")
                    .hint(format!("rename it to end in `.{ext}`")),
            );
        }
    }
    out.sort();
    out
}

/// Whether `dir` is a folder to walk; if not, the error (a missing folder is one only
/// when `required`).
fn folder_readable(
    dir: &Path,
    folder: &str,
    ext: &str,
    required: bool,
    errors: &mut Vec<ContentError>,
    unreadable: &mut bool,
) -> bool {
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => true,
        Ok(_) => {
            errors.push(
                ContentError::new(folder, 0, 0, format!("`{folder}` is not a folder"))
                    .hint(format!("`{folder}` must be a folder of `.{ext}` files")),
            );
            *unreadable |= required;
            false
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if required {
                errors.push(
                    ContentError::new(folder, 0, 0, format!("the `{folder}` folder is missing"))
                        .hint(format!(
                            "restore `{folder}/` in the content folder (or point \
                             PATHWAYS_CONTENT_DIR at the right folder); until then the \
                             last good version of the site is served"
                        )),
                );
                *unreadable = true;
            }
            false
        }
        Err(e) => {
            errors.push(
                ContentError::new(folder, 0, 0, format!("cannot read the folder: {e}"))
                    .hint(PERMISSIONS),
            );
            *unreadable = true;
            false
        }
    }
}

/// An entry the walk could not take: a loop, a dangling link, or an unreadable one.
fn walk_error(
    root: &Path,
    folder: &str,
    e: &walkdir::Error,
    errors: &mut Vec<ContentError>,
    unreadable: &mut bool,
) {
    let rel = |p: &Path| relative(root, p);
    let path = e.path().map_or_else(|| PathBuf::from(folder), rel);
    if let Some(ancestor) = e.loop_ancestor() {
        let target = match rel(ancestor) {
            p if p.as_os_str().is_empty() => "the content folder".to_string(),
            p => format!("`{}`", p.display()),
        };
        errors.push(
            ContentError::new(
                path,
                0,
                0,
                format!("a symbolic link loops back to {target}; it is skipped"),
            )
            .hint("remove the link, or point it outside the content folder"),
        );
    } else if e
        .io_error()
        .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
    {
        // A dangling link is an error; a file deleted during the walk is
        // simply gone (its deletion triggers another reload).
        if e.path().and_then(|p| p.symlink_metadata().ok()).is_some() {
            errors.push(
                ContentError::new(path, 0, 0, "a symbolic link that points nowhere")
                    .hint("remove the link or point it at an existing file"),
            );
        }
    } else {
        let cause = e
            .io_error()
            .map_or_else(|| e.to_string(), ToString::to_string);
        errors
            .push(ContentError::new(path, 0, 0, format!("cannot read: {cause}")).hint(PERMISSIONS));
        *unreadable = true;
    }
}
