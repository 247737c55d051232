//! Stage 2 (fetch): Ctrl-C. While a fetch runs, Ctrl-C says what was kept (every answer is cached
//! the moment it arrives) and that rerunning the command resumes from there; at any time it then
//! ends the process with status 130, as an interrupted command does.
//!
//! The handler lives on a thread of its own for the rest of the process, once a fetch has
//! started: a handler that tokio installs cannot be removed, so it must keep ending the process
//! after the fetch too, instead of swallowing Ctrl-C.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

use crate::wording::plural;

/// The exit status after Ctrl-C (128 + SIGINT, as shells report it).
pub const INTERRUPTED_EXIT: i32 = 130;

static WATCHER: OnceLock<()> = OnceLock::new();
/// The cache directory while a fetch runs.
static FETCHING: Mutex<Option<PathBuf>> = Mutex::new(None);
/// Answers cached by the running fetch.
static STORED: AtomicU64 = AtomicU64::new(0);

/// While alive, Ctrl-C reports the fetch writing to this cache directory.
#[derive(Debug)]
pub struct FetchGuard(());

impl FetchGuard {
    /// Marks a fetch into `cache_dir` as running (and starts the Ctrl-C watcher once).
    pub fn start(cache_dir: &Path) -> FetchGuard {
        watch();
        STORED.store(0, Ordering::SeqCst);
        *FETCHING.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(cache_dir.to_path_buf());
        FetchGuard(())
    }
}

impl Drop for FetchGuard {
    fn drop(&mut self) {
        *FETCHING.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    }
}

/// Counts one answer cached by the running fetch.
pub fn stored() {
    STORED.fetch_add(1, Ordering::SeqCst);
}

/// What Ctrl-C says during a fetch.
pub fn interrupted_message(stored: u64, cache_dir: &Path) -> String {
    format!(
        "interrupted (Ctrl-C): the {stored} {} fetched in this run {} kept in the cache directory {}; \
         run the same command again to resume from there",
        plural(stored, "answer"),
        if stored == 1 { "is" } else { "are" },
        cache_dir.display()
    )
}

fn watch() {
    WATCHER.get_or_init(|| {
        let spawned = std::thread::Builder::new().name("ctrl-c".to_owned()).spawn(|| {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return };
            // No handler could be installed: Ctrl-C keeps its default behaviour.
            if runtime.block_on(tokio::signal::ctrl_c()).is_err() {
                return;
            }
            let fetching = FETCHING.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
            if let Some(dir) = fetching {
                eprintln!("\n{}", interrupted_message(STORED.load(Ordering::SeqCst), &dir));
            }
            std::process::exit(INTERRUPTED_EXIT);
        });
        // Without the thread, Ctrl-C keeps its default behaviour.
        drop(spawned);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_says_what_was_kept_and_how_to_resume() {
        let text = interrupted_message(1, Path::new("cache"));
        assert!(text.contains("the 1 answer fetched in this run is kept in the cache directory cache"), "{text}");
        assert!(interrupted_message(3, Path::new("c")).contains("3 answers fetched in this run are kept"));
    }
}
