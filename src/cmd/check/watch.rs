//! `check --watch`: the check again whenever an input changes.

use crate::diag::{Say, Trouble};
use crate::report;
use crate::settings::CheckSettings;
use anyhow::Result;
use std::path::PathBuf;

/// Re-run `once` whenever a file under the inputs or evidence folders is
/// created, changed or removed. Events are debounced (Excel saves a
/// workbook as several writes and renames), lock and temporary files are
/// ignored, and a run on a half-written file just reports it until the next
/// event. Runs until interrupted.
pub fn watch_loop(
    s: &CheckSettings,
    ignore: &[PathBuf],
    mut once: impl FnMut() -> Result<()>,
) -> Result<u8> {
    use notify::{EventKind, RecursiveMode, Watcher};
    use std::sync::mpsc;
    use std::time::Duration;
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(e) = res {
            let _ = tx.send(e);
        }
    })?;
    for p in &super::read_paths(s) {
        watcher.watch(p, RecursiveMode::Recursive).map_err(|e| {
            let p = report::visible(&p.to_string_lossy()).into_owned();
            Trouble::say(Say::CannotBeWatched, &[("p", &p), ("e", &e)])
        })?;
    }
    // Our own outputs, by absolute path: on the first run the output does
    // not exist yet, and the events name it as the watched folder does.
    let ignored: Vec<PathBuf> = ignore.iter().map(|p| absolute(p)).collect();
    let relevant = |e: &notify::Event| {
        matches!(
            e.kind,
            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
        ) && e.paths.iter().any(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let temp = name.starts_with("~$")
                || name.starts_with(".~lock")
                || name.contains(".bimtek-tmp-")
                || name.ends_with(".tmp")
                || name.ends_with('~');
            let own = ignored.contains(&absolute(p));
            !temp && !own
        })
    };
    loop {
        once()?;
        report::watching(s.lang);
        // Wait for a change that matters, then for a quiet moment.
        loop {
            match rx.recv() {
                Ok(e) if relevant(&e) => break,
                Ok(_) => continue,
                Err(_) => return Ok(crate::EXIT_OK),
            }
        }
        loop {
            match rx.recv_timeout(Duration::from_millis(400)) {
                Ok(_) => continue,
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(crate::EXIT_OK),
            }
        }
    }
}

/// `p` made absolute through its folder, whether or not it exists yet.
fn absolute(p: &std::path::Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    let dir = p
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    match (dir.canonicalize(), p.file_name()) {
        (Ok(d), Some(name)) => d.join(name),
        _ => p.to_path_buf(),
    }
}
