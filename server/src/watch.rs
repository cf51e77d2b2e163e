//! Live reload of content. A thread reloads the library after every change under the
//! content root (debounced), follows the root when it is replaced (a symlink flip or a
//! rename swap), and keeps serving and watching when a reload panics.

use crate::content::store::ContentStore;
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long the tree must be quiet before a reload (an editor's save settles).
const QUIET: Duration = Duration::from_millis(150);
/// Reload at the latest this long after the first change, even if changes go on.
const MAX_DELAY: Duration = Duration::from_secs(1);
/// How often the root is checked for replacement without any event (a safety net).
const CHECK_EVERY: Duration = Duration::from_secs(2);

/// Give the previous library's memory back to the system after a swap (glibc keeps
/// freed pages otherwise). Unchanged articles are shared between the two libraries;
/// what is freed is the old search index, the old derived indexes and edited articles.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory at the top of glibc's heaps.
    unsafe {
        libc::malloc_trim(0);
    }
}

enum Message {
    Event(notify::Result<Event>),
    Stop,
}

/// The running watcher: keep it alive for as long as changes should be picked up.
/// Dropping it stops the thread (after a reload in progress).
pub struct Watcher {
    tx: Sender<Message>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.tx.send(Message::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Arm a watcher on `store`'s root, then load the content for the first time, logging
/// every problem. Armed first, so an edit made while the first load runs is not lost:
/// its event waits in the channel and causes a reload once that load is done.
pub fn arm_and_load(store: &ContentStore) -> Option<Watcher> {
    let watcher = spawn(store.clone());
    let started = Instant::now();
    let errors = store.reload();
    for e in &errors {
        tracing::warn!("content problem: {e}");
    }
    let library = store.current();
    tracing::info!(
        "content loaded in {}ms: {} articles, {} quizzes, {} problem(s)",
        started.elapsed().as_millis(),
        library.articles.len(),
        library.quizzes.len(),
        errors.len()
    );
    watcher
}

/// Watch `store`'s root and reload on every change. The watches are in place when
/// this returns.
pub fn spawn(store: ContentStore) -> Option<Watcher> {
    let (tx, rx) = mpsc::channel();
    let events = tx.clone();
    let notify = notify::recommended_watcher(move |event: notify::Result<Event>| {
        // Reading the files while loading raises access events: they change nothing,
        // and reloading on them would loop.
        if !matches!(&event, Ok(e) if matches!(e.kind, EventKind::Access(_))) {
            let _ = events.send(Message::Event(event));
        }
    });
    let notify = match notify {
        Ok(n) => n,
        Err(e) => {
            tracing::warn!("content watcher not started: {e}");
            return None;
        }
    };
    let mut state = State {
        root: store.root().to_path_buf(),
        store,
        notify,
        entry: None,
        armed: None,
        failing: false,
    };
    state.watch_parent();
    state.rearm();
    let thread = std::thread::Builder::new()
        .name("content-watch".into())
        .spawn(move || state.run(rx));
    match thread {
        Ok(thread) => Some(Watcher {
            tx,
            thread: Some(thread),
        }),
        Err(e) => {
            tracing::warn!("content watcher not started: {e}");
            None
        }
    }
}

/// What the root is now: the folder it leads to, and that folder's device and inode
/// (a rename swap keeps the path and changes the inode).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Identity {
    canonical: PathBuf,
    dev: u64,
    ino: u64,
}

fn identity(root: &Path) -> Option<Identity> {
    let canonical = std::fs::canonicalize(root).ok()?;
    let meta = std::fs::metadata(&canonical).ok()?;
    if !meta.is_dir() {
        return None;
    }
    #[cfg(unix)]
    let (dev, ino) = {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino())
    };
    #[cfg(not(unix))]
    let (dev, ino) = (0, 0);
    Some(Identity {
        canonical,
        dev,
        ino,
    })
}

struct State {
    store: ContentStore,
    notify: RecommendedWatcher,
    /// The root as configured (it may be a symbolic link).
    root: PathBuf,
    /// The root's entry in its (canonical) parent folder, which is watched
    /// non-recursively to see the root being replaced.
    entry: Option<PathBuf>,
    /// What the recursive watch is on; None when the root is missing or unwatchable.
    armed: Option<Identity>,
    /// Arming failed last time (warn once, not on every check).
    failing: bool,
}

impl State {
    fn watch_parent(&mut self) {
        let Some(name) = self.root.file_name() else {
            return; // `.` or `/`: only the periodic check sees a replacement
        };
        let parent = match self.root.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let Ok(parent) = std::fs::canonicalize(parent) else {
            return;
        };
        match self.notify.watch(&parent, RecursiveMode::NonRecursive) {
            Ok(()) => self.entry = Some(parent.join(name)),
            Err(e) => tracing::warn!("cannot watch {}: {e}", parent.display()),
        }
    }

    /// Point the recursive watch at what the root is now. True when that changed
    /// (the library must then be reloaded).
    fn rearm(&mut self) -> bool {
        let now = identity(&self.root);
        if now == self.armed {
            return false;
        }
        let root = self.root.display();
        if let Some(old) = self.armed.take() {
            // Already gone when notify saw the folder go; nothing to do then.
            let _ = self.notify.unwatch(&old.canonical);
            match &now {
                Some(id) => tracing::info!(
                    "content root {root} was replaced: now {}",
                    id.canonical.display()
                ),
                None => tracing::warn!("content root {root} is gone"),
            }
        }
        if let Some(id) = &now {
            if let Err(e) = self.notify.watch(&id.canonical, RecursiveMode::Recursive) {
                if !self.failing {
                    tracing::warn!("cannot watch {}: {e}", id.canonical.display());
                }
                self.failing = true;
                return true; // retried (and reloaded) at the next check
            }
            if self.failing {
                tracing::info!("watching {} again", id.canonical.display());
            }
            self.failing = false;
        }
        self.armed = now;
        true
    }

    /// Whether `event` may have changed what the root holds.
    fn concerns_content(&self, event: &notify::Result<Event>) -> bool {
        let event = match event {
            Ok(event) => event,
            Err(e) => {
                tracing::warn!("content watcher: {e}");
                return true;
            }
        };
        event.need_rescan()
            || event.paths.is_empty()
            || event.paths.iter().any(|p| {
                self.armed
                    .as_ref()
                    .is_some_and(|a| p.starts_with(&a.canonical))
                    || self.entry.as_deref() == Some(p.as_path())
            })
    }

    fn run(mut self, rx: Receiver<Message>) {
        loop {
            let changed = match rx.recv_timeout(CHECK_EVERY) {
                Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                Err(RecvTimeoutError::Timeout) => false,
                Ok(Message::Event(event)) => {
                    let mut changed = self.concerns_content(&event);
                    let deadline = Instant::now() + MAX_DELAY;
                    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
                        match rx.recv_timeout(QUIET.min(left)) {
                            Ok(Message::Event(event)) => changed |= self.concerns_content(&event),
                            Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                            Err(RecvTimeoutError::Timeout) => break,
                        }
                    }
                    changed
                }
            };
            // Checked on every wake-up and every CHECK_EVERY: cheap, and it catches a
            // replacement whose events were missed.
            if self.rearm() || changed {
                reload(&self.store);
            }
        }
    }
}

/// Reload and log. A panic is caught: the last good library stays, watching goes on.
fn reload(store: &ContentStore) {
    let started = Instant::now();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| store.reload())) {
        Ok(errors) => {
            release_freed_memory();
            for e in &errors {
                tracing::warn!("content problem: {e}");
            }
            tracing::info!(
                "content reloaded in {}ms: {} articles, {} problem(s)",
                started.elapsed().as_millis(),
                store.current().articles.len(),
                errors.len()
            );
        }
        Err(panic) => {
            let cause = panic
                .downcast_ref::<&str>()
                .copied()
                .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
                .unwrap_or("no message");
            tracing::error!(
                "content reload panicked ({cause}); still serving the last good library and \
                 watching for changes"
            );
        }
    }
}
