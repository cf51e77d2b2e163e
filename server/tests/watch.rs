//! Live reload: every edit is seen (even one that keeps the file's size and time), the
//! watcher follows a replaced content root, a missing `articles/` keeps the last good
//! library, and a panicking reload does not stop the watching.
#![cfg(unix)]

mod support;

use server::content::store::ContentStore;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use support::copy_tree;

/// Generous for a loaded two-core machine; a passing test waits ~0.2 s.
const DEADLINE: Duration = Duration::from_secs(10);

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid")
}

/// Poll until `cond` holds; fail with `what` after the deadline.
fn wait_for(what: &str, cond: impl Fn() -> bool) {
    let start = Instant::now();
    while !cond() {
        assert!(start.elapsed() < DEADLINE, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn title(store: &ContentStore, slug: &str) -> Option<String> {
    store.current().articles.get(slug).map(|a| a.title.clone())
}

fn article(root: &Path, slug: &str) -> PathBuf {
    root.join(format!("articles/{slug}.md"))
}

/// Replace the title of the article in `path`, keeping the file's length.
fn retitle(path: &Path, new: &str) {
    let text = fs::read_to_string(path).unwrap();
    let line = text.lines().find(|l| l.starts_with("title: ")).unwrap();
    let old = &line["title: ".len()..];
    assert_eq!(old.len(), new.len(), "{old} / {new}");
    fs::write(path, text.replacen(line, &format!("title: {new}"), 1)).unwrap();
}

fn open(root: &Path) -> (ContentStore, server::watch::Watcher) {
    let (store, watcher) = server::open_content(root.to_str().unwrap());
    assert!(store.problems().is_empty(), "{:?}", store.problems());
    (store, watcher.expect("the watcher starts"))
}

#[test]
fn an_edit_of_the_same_length_and_time_is_seen() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("content");
    copy_tree(&fixture(), &root);
    let (store, _watcher) = open(&root);
    let old = title(&store, "cbt").unwrap();
    let new: String = old.chars().rev().collect();
    assert_ne!(old, new);

    let path = root.join("articles/cbt.md");
    let before = fs::metadata(&path).unwrap();
    retitle(&article(&root, "cbt"), &new);
    // Same size, and the modification time put back: nothing but the text differs.
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(before.modified().unwrap())
        .unwrap();
    let after = fs::metadata(&path).unwrap();
    assert_eq!(
        (before.len(), before.modified().unwrap()),
        (after.len(), after.modified().unwrap())
    );
    wait_for("the same-length edit", || {
        title(&store, "cbt").as_deref() == Some(&new)
    });
}

#[test]
fn the_watcher_follows_a_symlink_flip() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = dir.path().join("releases/v1");
    let v2 = dir.path().join("releases/v2");
    copy_tree(&fixture(), &v1);
    copy_tree(&fixture(), &v2);
    let root = dir.path().join("content");
    std::os::unix::fs::symlink(&v1, &root).unwrap();
    let (store, _watcher) = open(&root);
    let old = title(&store, "cbt").unwrap();
    let flipped: String = old.to_uppercase();
    assert_eq!(old.len(), flipped.len());
    retitle(&article(&v2, "cbt"), &flipped);

    // `ln -sfn releases/v2 content`, atomically: a new link renamed over the old.
    let tmp = dir.path().join("content.tmp");
    std::os::unix::fs::symlink(&v2, &tmp).unwrap();
    fs::rename(&tmp, &root).unwrap();
    wait_for("the flipped tree", || {
        title(&store, "cbt").as_deref() == Some(&flipped)
    });

    // Edits in the new tree are seen (only there: an event from the old tree would
    // cause a reload too, which would hide a watch left on the old tree).
    let edited: String = flipped.chars().rev().collect();
    retitle(&article(&root, "cbt"), &edited);
    wait_for("an edit in the new tree", || {
        title(&store, "cbt").as_deref() == Some(&edited)
    });
}

#[test]
fn the_watcher_follows_a_rename_swap() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("content");
    let next = dir.path().join("content.new");
    copy_tree(&fixture(), &root);
    copy_tree(&fixture(), &next);
    let (store, _watcher) = open(&root);
    let old = title(&store, "cbt").unwrap();
    let swapped = old.to_uppercase();
    retitle(&article(&next, "cbt"), &swapped);

    // `mv content content.old && mv content.new content`
    fs::rename(&root, dir.path().join("content.old")).unwrap();
    fs::rename(&next, &root).unwrap();
    wait_for("the swapped-in tree", || {
        title(&store, "cbt").as_deref() == Some(&swapped)
    });

    // Later edits in the new tree are seen.
    let edited: String = swapped.chars().rev().collect();
    retitle(&article(&root, "cbt"), &edited);
    wait_for("an edit in the swapped-in tree", || {
        title(&store, "cbt").as_deref() == Some(&edited)
    });
}

#[test]
fn a_missing_articles_folder_keeps_the_last_good_library() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("content");
    copy_tree(&fixture(), &root);
    let (store, _watcher) = open(&root);
    let before = store.current();
    assert!(!before.articles.is_empty());

    // Moved away in one step (a deploy script's `mv`, or a slip in a file manager).
    let away = dir.path().join("articles-away");
    fs::rename(root.join("articles"), &away).unwrap();
    wait_for("a problem naming the folder", || {
        store
            .problems()
            .iter()
            .any(|p| p.starts_with("articles: ") && p.contains("missing"))
    });
    let problem = store.problems().join("\n");
    assert!(problem.contains("hint: "), "{problem}");
    assert_eq!(store.current().articles, before.articles, "{problem}");
    assert_eq!(store.current().glossary, before.glossary);

    // Back, with an edit: served again, and the problem is gone.
    let new = title(&store, "cbt").unwrap().to_uppercase();
    retitle(&away.join("cbt.md"), &new);
    fs::rename(&away, root.join("articles")).unwrap();
    wait_for("the articles back, edited", || {
        title(&store, "cbt").as_deref() == Some(&new)
    });
    assert!(store.problems().is_empty(), "{:?}", store.problems());
}

#[test]
fn a_panicking_reload_does_not_stop_the_watcher() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("content");
    copy_tree(&fixture(), &root);
    let (store, _watcher) = open(&root);
    let old = title(&store, "cbt").unwrap();

    let panicked = Arc::new(AtomicBool::new(false));
    store.before_next_swap({
        let panicked = panicked.clone();
        move || {
            panicked.store(true, Ordering::SeqCst);
            panic!("injected: the next reload panics");
        }
    });
    let first = old.to_uppercase();
    retitle(&article(&root, "cbt"), &first);
    wait_for("the panicking reload", || panicked.load(Ordering::SeqCst));
    // It panicked before its swap: the last good library is still served.
    assert_eq!(title(&store, "cbt"), Some(old.clone()));

    let second: String = old.chars().rev().collect();
    retitle(&article(&root, "cbt"), &second);
    wait_for("the next edit after the panic", || {
        title(&store, "cbt").as_deref() == Some(&second)
    });
}

/// The watcher is armed before the first load: a file edited after that load read it,
/// before the load's result is served, is reloaded rather than lost.
#[test]
fn an_edit_during_the_first_load_is_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("content");
    copy_tree(&fixture(), &root);
    let path = article(&root, "cbt");
    let text = fs::read_to_string(&path).unwrap();
    let line = text.lines().find(|l| l.starts_with("title: ")).unwrap();
    let new = line["title: ".len()..].to_uppercase();

    let store = ContentStore::unloaded(&root);
    let edited = Arc::new(AtomicBool::new(false));
    store.before_next_swap({
        let (path, new, edited) = (path.clone(), new.clone(), edited.clone());
        move || {
            retitle(&path, &new);
            edited.store(true, Ordering::SeqCst);
        }
    });
    let _watcher = server::watch::arm_and_load(&store).expect("the watcher starts");
    assert!(
        edited.load(Ordering::SeqCst),
        "the edit was made inside the first load"
    );
    wait_for("the edit made during the first load", || {
        title(&store, "cbt").as_deref() == Some(&new)
    });
}
