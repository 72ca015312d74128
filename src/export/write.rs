//! Writing outputs safely. A target is checked before any work ([`Target`]):
//! never an input, inside an input folder or holding one, never a link; an
//! existing one only with `--force`, and then only a file or a bimtek
//! package. Everything goes to a temporary path beside the target, created
//! new under a random name and locked while written, and is moved into
//! place at the end only if the target is still what was checked, so a
//! failure (or Ctrl-C, or a full disk) never leaves a half package and two
//! runs never both win; what a killed run left is removed by the next.
//! How a package's entries are laid out is `archive`'s.

use super::archive::{Entry, folder, is_zip, zip};
use crate::diag::{OrTrouble, Say, Trouble};
use anyhow::{Result, bail};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The folder `target` is written in.
pub fn folder_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The start of the names of `target`'s temporary outputs: hidden, beside
/// it, so that the next run writing the same target finds what a killed
/// run left.
fn temp_prefix(target: &Path) -> Result<String> {
    let name = target.file_name().ok_or_else(|| {
        let t = target.display();
        Trouble::say(Say::NotAFileName, &[("t", &t)])
    })?;
    Ok(format!(".{}.bimtek-tmp-", name.to_string_lossy()))
}

/// Who a file is (device and inode) and when it last changed (its inode's
/// change time), to tell whether a path still names what was checked: an
/// inode number freed and given again has a new change time, unless both
/// fall in the same tick of the file system's clock (a few milliseconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ident {
    inode: (u64, u64),
    changed: (i64, i64),
}

impl Ident {
    fn of(meta: &fs::Metadata) -> Ident {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Ident {
                inode: (meta.dev(), meta.ino()),
                changed: (meta.ctime(), meta.ctime_nsec()),
            }
        }
        #[cfg(not(unix))]
        {
            let when = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i64);
            Ident {
                inode: (meta.len(), 0),
                changed: (when, 0),
            }
        }
    }
}

/// What a target was when it was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    Nothing,
    File(Ident),
    /// A folder whose manifest says bimtek wrote it.
    Package(Ident),
}

/// An output path, checked before any work: not an input, not inside an
/// input folder being read, not holding an input, not a link; an existing
/// one only with `--force`, and then only a file or a bimtek package. What
/// it was is kept, and the finished output is moved into place only if the
/// path still names that: an absent target is claimed without replacing
/// anything (two runs writing the same new target: one wins, the other
/// fails), a present one is swapped only while it is the file or package
/// that was checked.
#[derive(Debug)]
pub struct Target {
    path: PathBuf,
    found: Found,
}

fn refusal(key: Say, args: &[(&str, &dyn std::fmt::Display)]) -> anyhow::Error {
    Trouble::say(key, args).into()
}

impl Target {
    /// Check `path` as an output of a run that reads `inputs` (files or
    /// folders: the inputs, evidence folders, baselines, a template file).
    pub fn check(path: &Path, force: bool, inputs: &[PathBuf]) -> Result<Target> {
        let t = path.display();
        temp_prefix(path)?;
        let parent = folder_of(path);
        if !parent.is_dir() {
            let p = parent.display();
            return Err(refusal(Say::FolderMissing, &[("p", &p)]));
        }
        overlap(path, inputs)?;
        let found = match fs::symlink_metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Found::Nothing,
            Err(e) => {
                return Err(refusal(Say::CannotBeChecked, &[("t", &t), ("e", &e)]));
            }
            Ok(meta) => {
                if meta.file_type().is_symlink() {
                    return Err(refusal(Say::IsASymlink, &[("t", &t)]));
                }
                if !force {
                    return Err(refusal(Say::AlreadyExists, &[("t", &t)]));
                }
                if meta.is_file() {
                    Found::File(Ident::of(&meta))
                } else if meta.is_dir() && crate::load::marker::is_package(path) {
                    Found::Package(Ident::of(&meta))
                } else if meta.is_dir() {
                    return Err(refusal(Say::NotAPackage, &[("t", &t)]));
                } else {
                    return Err(refusal(Say::NotARegularFile, &[("t", &t)]));
                }
            }
        };
        Ok(Target {
            path: path.to_path_buf(),
            found,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Write one file.
    pub fn file(&self, bytes: &[u8]) -> Result<()> {
        let mut temp = Temp::new(&self.path, false)?;
        let result = (|| -> io::Result<()> {
            let f = temp.file.as_mut().expect("a temporary file");
            f.write_all(bytes)?;
            f.sync_all()
        })();
        result.or_trouble(|| cannot_write(&self.path))?;
        self.commit(&mut temp)
    }

    /// Write a package as a folder or, when the target ends in `.zip`, a
    /// zip archive. Entries are written sorted by name.
    pub fn package(&self, entries: &mut [Entry]) -> Result<()> {
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        for w in entries.windows(2) {
            if w[0].name == w[1].name {
                bail!("internal: two package entries named {}", w[0].name);
            }
        }
        let as_zip = is_zip(&self.path);
        let mut temp = Temp::new(&self.path, !as_zip)?;
        let result = if as_zip {
            let f = temp.file.take().expect("a temporary file");
            zip(f, entries)
        } else {
            folder(&temp.path, entries)
        };
        result.or_trouble(|| cannot_write(&self.path))?;
        self.commit(&mut temp)
    }

    /// Move the finished output into place: claim an absent target without
    /// replacing anything, or swap out the file or package that was checked.
    fn commit(&self, temp: &mut Temp) -> Result<()> {
        let t = self.path.display();
        let changed = || refusal(Say::ChangedWhileWorking, &[("t", &t)]);
        match self.found {
            Found::Nothing => match claim(&temp.path, &self.path, temp.is_dir) {
                Ok(()) => {
                    temp.kept = true;
                    Ok(())
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    Err(refusal(Say::CreatedWhileWorking, &[("t", &t)]))
                }
                Err(e) => Err(e).or_trouble(|| cannot_move(&self.path)),
            },
            Found::File(id) | Found::Package(id) => {
                let kind_ok = |meta: &fs::Metadata| match self.found {
                    Found::Package(_) => meta.is_dir(),
                    _ => meta.is_file(),
                };
                let still = |meta: &fs::Metadata| kind_ok(meta) && Ident::of(meta) == id;
                if !fs::symlink_metadata(&self.path).is_ok_and(|m| still(&m)) {
                    return Err(changed());
                }
                match exchange(&temp.path, &self.path) {
                    Ok(true) => {
                        // The old output now sits at the temporary path,
                        // removed when `temp` goes; unless it was not what
                        // was checked (the swap itself changes its change
                        // time): then it is put back.
                        if fs::symlink_metadata(&temp.path)
                            .is_ok_and(|m| kind_ok(&m) && Ident::of(&m).inode == id.inode)
                        {
                            return Ok(());
                        }
                        let _ = exchange(&temp.path, &self.path);
                        Err(changed())
                    }
                    Ok(false) => {
                        // No atomic swap here: move the checked target
                        // aside, the output in, and remove the old one.
                        let aside = Temp::name(&self.path)?;
                        fs::rename(&self.path, &aside).or_trouble(|| cannot_move(&self.path))?;
                        if let Err(e) = fs::rename(&temp.path, &self.path) {
                            let _ = fs::rename(&aside, &self.path);
                            return Err(e).or_trouble(|| cannot_move(&self.path));
                        }
                        temp.kept = true;
                        remove(&aside);
                        Ok(())
                    }
                    Err(e) if e.kind() == io::ErrorKind::NotFound => Err(changed()),
                    Err(e) => Err(e).or_trouble(|| cannot_move(&self.path)),
                }
            }
        }
    }
}

/// `path` as it will be named once written: the real path of its folder
/// and its own name (a link at the path itself is not followed).
fn resolved_target(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let folder = folder_of(path).canonicalize().ok()?;
    Some(folder.join(name))
}

/// Refuse `path` as a file bimtek writes when it is one of `inputs`, lies
/// inside an input folder, or holds an input (the history database too).
pub fn refuse_input(path: &Path, inputs: &[PathBuf]) -> Result<()> {
    overlap(path, inputs)
}

/// Refuse a target that is an input, lies inside an input folder, or holds
/// an input (with `--force` it would be replaced).
fn overlap(path: &Path, inputs: &[PathBuf]) -> Result<()> {
    let Some(target) = resolved_target(path) else {
        return Ok(());
    };
    let target_meta = fs::symlink_metadata(path).ok();
    let t = path.display();
    for input in inputs {
        let Ok(real) = input.canonicalize() else {
            continue;
        };
        let i = input.display();
        // The same file under another name (a hard link) counts too.
        let same_file = || {
            target_meta
                .as_ref()
                .zip(fs::metadata(input).ok())
                .is_some_and(|(a, b)| a.is_file() && b.is_file() && Ident::of(a) == Ident::of(&b))
        };
        if target == real || same_file() {
            return Err(refusal(Say::IsAnInput, &[("t", &t)]));
        }
        if real.is_dir() && target.starts_with(&real) {
            return Err(refusal(Say::InsideAnInput, &[("t", &t), ("i", &i)]));
        }
        if real.starts_with(&target) {
            return Err(refusal(Say::ContainsAnInput, &[("t", &t), ("i", &i)]));
        }
    }
    Ok(())
}

fn cannot_write(path: &Path) -> Trouble {
    let p = path.display();
    Trouble::say(Say::CannotBeWritten, &[("p", &p)])
}

fn cannot_move(path: &Path) -> Trouble {
    let t = path.display();
    Trouble::say(Say::CannotMoveOutput, &[("t", &t)])
}

/// Remove a file or folder, never following a link.
fn remove(path: &Path) {
    let _ = match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(_) => return,
    };
}

/// A temporary output beside its target: created exclusively under a
/// random name (never through a link planted there), locked while this run
/// writes it, removed when dropped unless it was moved into place.
struct Temp {
    path: PathBuf,
    is_dir: bool,
    /// The file written (for a file), else the folder's handle; it holds
    /// the lock.
    file: Option<File>,
    _lock: Option<File>,
    kept: bool,
}

impl Temp {
    /// A fresh temporary name beside `target`.
    fn name(target: &Path) -> Result<PathBuf> {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u32(std::process::id());
        if let Ok(d) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            h.write_u128(d.as_nanos());
        }
        Ok(folder_of(target).join(format!("{}{:016x}", temp_prefix(target)?, h.finish())))
    }

    fn new(target: &Path, is_dir: bool) -> Result<Temp> {
        clean_stale(target);
        let mut tries = 0;
        loop {
            let path = Temp::name(target)?;
            let made = if is_dir {
                fs::create_dir(&path).and_then(|_| File::open(&path).map(|d| (None, d)))
            } else {
                fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&path)
                    .and_then(|f| f.try_clone().map(|lock| (Some(f), lock)))
            };
            match made {
                Ok((file, lock)) => {
                    lock_exclusive(&lock);
                    return Ok(Temp {
                        path,
                        is_dir,
                        file,
                        _lock: Some(lock),
                        kept: false,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 8 => tries += 1,
                Err(e) => return Err(e).or_trouble(|| cannot_write(&path)),
            }
        }
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        self.file = None;
        if !self.kept {
            remove(&self.path);
        }
    }
}

/// Hold an advisory lock on a temporary output while this run writes it:
/// the next run tells a killed run's leftovers (unlocked) from a live
/// run's work (locked).
#[cfg(unix)]
fn lock_exclusive(f: &File) {
    let _ = rustix::fs::flock(f, rustix::fs::FlockOperation::NonBlockingLockExclusive);
}

#[cfg(not(unix))]
fn lock_exclusive(_: &File) {}

/// Whether nobody holds the lock on a temporary output.
#[cfg(unix)]
fn abandoned(path: &Path) -> bool {
    use rustix::fs::{FlockOperation, Mode, OFlags};
    // Opened without following a link or waiting on a pipe put there since.
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    rustix::fs::open(path, flags, Mode::empty())
        .is_ok_and(|fd| rustix::fs::flock(&fd, FlockOperation::NonBlockingLockExclusive).is_ok())
}

/// Elsewhere a file in use cannot be removed, and a folder is left alone.
#[cfg(not(unix))]
fn abandoned(path: &Path) -> bool {
    path.is_file()
}

/// Remove what killed runs left beside `target`: temporary outputs that no
/// live run holds locked.
fn clean_stale(target: &Path) {
    let Ok(prefix) = temp_prefix(target) else {
        return;
    };
    let Ok(list) = fs::read_dir(folder_of(target)) else {
        return;
    };
    for e in list.flatten() {
        if !e.file_name().to_string_lossy().starts_with(&prefix) {
            continue;
        }
        let path = e.path();
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            // Never one of ours: a link planted under our name.
            let _ = fs::remove_file(&path);
        } else if (meta.is_file() || meta.is_dir()) && abandoned(&path) {
            remove(&path);
        }
    }
}

/// Move `from` to the absent path `to`, failing with `AlreadyExists` when
/// something is there, without a moment where one could be replaced.
fn claim(from: &Path, to: &Path, is_dir: bool) -> io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(()),
            // A file system without the flag: the portable way below.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(e.into()),
        }
    }
    if is_dir {
        // A folder cannot be hard-linked: check, then rename (a short window).
        if fs::symlink_metadata(to).is_ok() {
            return Err(io::ErrorKind::AlreadyExists.into());
        }
        fs::rename(from, to)
    } else {
        // link() never replaces; the temporary name goes with `Temp`.
        match fs::hard_link(from, to) {
            Ok(()) => {
                let _ = fs::remove_file(from);
                Ok(())
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
            // A file system without hard links (FAT): check, then rename.
            Err(_) if fs::symlink_metadata(to).is_ok() => Err(io::ErrorKind::AlreadyExists.into()),
            Err(_) => fs::rename(from, to),
        }
    }
}

/// Swap `a` and `b` atomically; `Ok(false)` where the system cannot.
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => Ok(true),
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => Ok(false),
            Err(e) => Err(e.into()),
        }
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        let _ = (a, b);
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::archive::Source;

    fn file(target: &Path, bytes: &[u8], force: bool) -> Result<()> {
        Target::check(target, force, &[])?.file(bytes)
    }

    fn package(target: &Path, entries: &mut [Entry], force: bool) -> Result<()> {
        Target::check(target, force, &[])?.package(entries)
    }

    #[test]
    fn refuses_existing_targets_and_links() {
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("a.txt");
        file(&t, b"1", false).unwrap();
        assert!(file(&t, b"2", false).is_err());
        file(&t, b"2", true).unwrap();
        assert_eq!(fs::read(&t).unwrap(), b"2");
        #[cfg(unix)]
        {
            let link = dir.path().join("l.txt");
            std::os::unix::fs::symlink("/tmp/elsewhere.txt", &link).unwrap();
            assert!(file(&link, b"x", true).is_err());
        }
        // Nothing temporary is left behind.
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(
            names
                .iter()
                .all(|n| !n.to_string_lossy().contains("bimtek-tmp")),
            "{names:?}"
        );
    }

    fn one_entry() -> Vec<Entry> {
        vec![Entry {
            name: "manifest.json".into(),
            source: Source::Bytes(br#"{"tool": {"name": "bimtek"}}"#.to_vec()),
        }]
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn force_replaces_a_file_or_a_package_and_no_other_folder() {
        let dir = tempfile::tempdir().unwrap();
        let own = dir.path().join("catatan");
        fs::create_dir(&own).unwrap();
        fs::write(own.join("penting.txt"), "jangan hapus").unwrap();
        let err = package(&own, &mut one_entry(), true).unwrap_err();
        assert!(format!("{err:#}").contains("bukan paket bimtek"), "{err:#}");
        assert_eq!(fs::read(own.join("penting.txt")).unwrap(), b"jangan hapus");
        // A package bimtek wrote is replaced, whole.
        let pkg = dir.path().join("paket");
        package(&pkg, &mut one_entry(), false).unwrap();
        fs::write(pkg.join("lama.txt"), "x").unwrap();
        package(&pkg, &mut one_entry(), true).unwrap();
        assert_eq!(names_in(&pkg), ["manifest.json"]);
        // A file is replaced by a file or a folder.
        let f = dir.path().join("hasil");
        fs::write(&f, "lama").unwrap();
        package(&f, &mut one_entry(), true).unwrap();
        assert!(f.join("manifest.json").is_file());
        assert_eq!(names_in(dir.path()), ["catatan", "hasil", "paket"]);
    }

    #[test]
    fn an_output_never_touches_an_input() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        fs::create_dir_all(data.join("opd")).unwrap();
        let input = data.join("opd/inovasi.csv");
        fs::write(&input, "isi").unwrap();
        let inputs = [data.clone()];
        for (target, why) in [
            (data.clone(), "adalah masukan"),
            (input.clone(), "di dalam folder masukan"),
            (data.join("hasil.xlsx"), "di dalam folder masukan"),
            (dir.path().to_path_buf(), "berisi masukan"),
        ] {
            let err = Target::check(&target, true, &inputs).unwrap_err();
            assert!(format!("{err:#}").contains(why), "{target:?}: {err:#}");
        }
        // A single input file: the file itself, and a hard link to it.
        let err = Target::check(&input, true, std::slice::from_ref(&input)).unwrap_err();
        assert!(format!("{err:#}").contains("adalah masukan"), "{err:#}");
        let link = dir.path().join("tautan-keras.csv");
        fs::hard_link(&input, &link).unwrap();
        let err = Target::check(&link, true, std::slice::from_ref(&input)).unwrap_err();
        assert!(format!("{err:#}").contains("adalah masukan"), "{err:#}");
        // Beside a single input file is fine.
        Target::check(
            &dir.path().join("hasil.csv"),
            false,
            std::slice::from_ref(&input),
        )
        .unwrap();
        assert_eq!(fs::read(&input).unwrap(), b"isi");
    }

    #[test]
    fn a_target_is_replaced_only_while_it_is_what_was_checked() {
        let dir = tempfile::tempdir().unwrap();
        // Absent when checked, created meanwhile: refused, left alone.
        let t = dir.path().join("a.csv");
        let target = Target::check(&t, false, &[]).unwrap();
        fs::write(&t, "milik proses lain").unwrap();
        let err = target.file(b"baru").unwrap_err();
        assert!(format!("{err:#}").contains("proses lain"), "{err:#}");
        assert_eq!(fs::read(&t).unwrap(), b"milik proses lain");
        // A file when checked, another file meanwhile (even with --force).
        // (The old one is kept, so that its inode number is not given to
        // the new one within the same tick of the file system's clock.)
        let target = Target::check(&t, true, &[]).unwrap();
        fs::rename(&t, dir.path().join("lama.csv")).unwrap();
        fs::write(&t, "lain lagi").unwrap();
        assert!(target.file(b"baru").is_err());
        assert_eq!(fs::read(&t).unwrap(), b"lain lagi");
        // A package when checked, a folder of someone else's meanwhile.
        let p = dir.path().join("paket");
        package(&p, &mut one_entry(), false).unwrap();
        let target = Target::check(&p, true, &[]).unwrap();
        fs::rename(&p, dir.path().join("paket-lama")).unwrap();
        fs::create_dir(&p).unwrap();
        fs::write(p.join("penting.txt"), "x").unwrap();
        assert!(target.package(&mut one_entry()).is_err());
        assert_eq!(names_in(&p), ["penting.txt"]);
        // Nothing temporary is left behind.
        assert_eq!(
            names_in(dir.path()),
            ["a.csv", "lama.csv", "paket", "paket-lama"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn temporary_files_are_new_and_a_killed_runs_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("a.csv");
        let victim = dir.path().join("korban.txt");
        fs::write(&victim, "korban").unwrap();
        // A link planted under a temporary name, and what a killed run left.
        let planted = dir.path().join(".a.csv.bimtek-tmp-0000000000000001");
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        let left = dir.path().join(".a.csv.bimtek-tmp-12345");
        fs::write(&left, "sisa").unwrap();
        let left_dir = dir.path().join(".a.csv.bimtek-tmp-67890");
        fs::create_dir(&left_dir).unwrap();
        fs::write(left_dir.join("x"), "sisa").unwrap();
        // A live run's temporary output is locked: it stays.
        let live = dir.path().join(".a.csv.bimtek-tmp-live");
        let held = File::create(&live).unwrap();
        lock_exclusive(&held);
        file(&t, b"hasil", false).unwrap();
        assert_eq!(fs::read(&t).unwrap(), b"hasil");
        assert_eq!(fs::read(&victim).unwrap(), b"korban");
        assert_eq!(
            names_in(dir.path()),
            [".a.csv.bimtek-tmp-live", "a.csv", "korban.txt"]
        );
        drop(held);
    }
}
