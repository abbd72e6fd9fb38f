//! The scan: a parallel walk that never follows symlinks, then parallel detection, with results
//! handed to the caller's sink on the calling thread (so the caller can write them in batches).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::archive::archive_kind;
use crate::classify::{FileKind, classify, looks_binary};
use crate::detect::detect_text;
use crate::model::{Event, FileReport, ScanOptions, SkipReason, Skipped};
use crate::text::decode;

/// What an earlier scan recorded about a path, so unchanged files are not detected again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriorFile {
    pub size: u64,
    pub mtime: i64,
    pub sha256: String,
    pub sha1: String,
}

/// Earlier results, looked up by root index and relative path.
pub trait Prior: Sync {
    fn get(&self, root: usize, path: &str) -> Option<PriorFile>;
}

impl Prior for () {
    fn get(&self, _: usize, _: &str) -> Option<PriorFile> {
        None
    }
}

/// Progress of a scan. Called from worker threads: implementations must be cheap and `Sync`.
pub trait Reporter: Sync {
    /// The walk is done; this many files will be looked at.
    fn started(&self, _total_files: u64) {}
    /// One more file is done.
    fn file_done(&self, _path: &str, _bytes: u64) {}
    /// A file or folder was not read, and why (`reason` is a `SkipReason` code).
    fn skipped(&self, _path: &str, _reason: crate::SkipReason, _detail: &str) {}
}

pub struct SilentReporter;
impl Reporter for SilentReporter {}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct ScanStats {
    pub files: u64,
    pub bytes: u64,
    /// Files unchanged since an earlier scan, whose findings were kept rather than re-detected.
    pub reused: u64,
    pub skipped: u64,
    pub cancelled: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("cannot scan '{path}': {reason}")]
    Root { path: PathBuf, reason: String },
    #[error("the scan stopped because its results could not be saved: {0}")]
    Sink(String),
}

struct Entry {
    root: usize,
    path: PathBuf,
    rel: String,
}

/// Scan `roots`. Every file found becomes an `Event::File` (or `Event::Skipped` with a reason);
/// events reach `sink` on the calling thread in no particular order. Setting `cancel` stops the
/// scan soon after; what was already handed to the sink stays valid.
pub fn scan<E: std::fmt::Display>(
    roots: &[PathBuf],
    opts: &ScanOptions,
    prior: &dyn Prior,
    cancel: &AtomicBool,
    reporter: &dyn Reporter,
    mut sink: impl FnMut(Event) -> Result<(), E>,
) -> Result<ScanStats, ScanError> {
    for r in roots {
        let meta = fs::metadata(r).map_err(|e| ScanError::Root { path: r.clone(), reason: e.to_string() })?;
        if !meta.is_dir() && !meta.is_file() {
            return Err(ScanError::Root { path: r.clone(), reason: "not a folder or a file".into() });
        }
    }
    let threads =
        if opts.threads == 0 { std::thread::available_parallelism().map_or(2, |n| n.get()) } else { opts.threads };
    // The rule index (a quarter of a second to load) loads while the folders are walked.
    std::thread::spawn(|| {
        clearance_licenses::rules::RuleIndex::shared();
    });
    let skipped_walk = Mutex::new(Vec::new());
    let entries = Mutex::new(Vec::new());
    for (i, root) in roots.iter().enumerate() {
        walk_root(i, root, threads, &entries, &skipped_walk);
    }
    let mut entries = entries.into_inner().expect("walk threads finished");
    entries.sort_by(|a, b| (a.root, &a.rel).cmp(&(b.root, &b.rel)));
    let mut stats = ScanStats::default();
    reporter.started(entries.len() as u64);
    for s in skipped_walk.into_inner().expect("walk threads finished") {
        stats.skipped += 1;
        reporter.skipped(&s.path, s.reason, &s.detail);
        sink(Event::Skipped(s)).map_err(|e| ScanError::Sink(e.to_string()))?;
    }

    let stop = AtomicBool::new(false);
    let bytes = AtomicU64::new(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| ScanError::Sink(format!("cannot start worker threads: {e}")))?;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Event>(256);
    let mut sink_error = None;
    std::thread::scope(|s| {
        s.spawn(|| {
            pool.install(|| {
                entries.par_iter().for_each_with(tx, |tx, entry| {
                    if cancel.load(Ordering::Relaxed) || stop.load(Ordering::Relaxed) {
                        return;
                    }
                    // Progress counts the entries of the walk; an archive's members ride along.
                    for (i, ev) in process(entry, opts, prior).into_iter().enumerate() {
                        match &ev {
                            Event::File(f) => {
                                bytes.fetch_add(f.size, Ordering::Relaxed);
                                if i == 0 {
                                    reporter.file_done(&f.path, f.size);
                                }
                            }
                            Event::Skipped(s) if i == 0 => reporter.skipped(&s.path, s.reason, &s.detail),
                            Event::Skipped(_) => {}
                        }
                        if tx.send(ev).is_err() {
                            stop.store(true, Ordering::Relaxed);
                            return;
                        }
                    }
                });
            });
        });
        for ev in rx {
            if sink_error.is_some() {
                continue; // drain so the workers can finish
            }
            match &ev {
                Event::File(f) => {
                    stats.files += 1;
                    if f.reused {
                        stats.reused += 1;
                    }
                }
                Event::Skipped(_) => stats.skipped += 1,
            }
            if let Err(e) = sink(ev) {
                sink_error = Some(e.to_string());
                stop.store(true, Ordering::Relaxed);
            }
        }
    });
    if let Some(e) = sink_error {
        return Err(ScanError::Sink(e));
    }
    stats.bytes = bytes.load(Ordering::Relaxed);
    stats.cancelled = cancel.load(Ordering::Relaxed);
    Ok(stats)
}

const VCS_DIRS: &[&str] = &[".git", ".hg", ".svn", ".bzr", "_darcs", ".jj"];

fn walk_root(index: usize, root: &Path, threads: usize, entries: &Mutex<Vec<Entry>>, skipped: &Mutex<Vec<Skipped>>) {
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .hidden(false)
        .follow_links(false)
        .threads(threads)
        .filter_entry(|e| {
            !(e.depth() > 0
                && e.file_type().is_some_and(|t| t.is_dir())
                && VCS_DIRS.iter().any(|v| e.file_name() == *v))
        })
        .build_parallel();
    walker.run(|| {
        Box::new(|res| {
            match res {
                Ok(e) => {
                    let rel = rel_path(root, e.path());
                    match e.file_type() {
                        Some(t) if t.is_dir() => {}
                        Some(t) if t.is_file() => {
                            entries.lock().expect("walk lock").push(Entry { root: index, path: e.into_path(), rel })
                        }
                        Some(t) if t.is_symlink() => {
                            let target =
                                fs::read_link(e.path()).map(|t| display_path(t.as_os_str())).unwrap_or_default();
                            skipped.lock().expect("walk lock").push(Skipped {
                                root: index,
                                path: rel,
                                reason: SkipReason::Symlink,
                                detail: format!("symbolic link to '{target}' (links are not followed)"),
                            });
                        }
                        _ => skipped.lock().expect("walk lock").push(Skipped {
                            root: index,
                            path: rel,
                            reason: SkipReason::SpecialFile,
                            detail: "not a regular file (FIFO, socket or device)".into(),
                        }),
                    }
                }
                Err(err) => {
                    let path = walk_error_path(&err).map(|p| rel_path(root, &p)).unwrap_or_default();
                    let reason = if err.io_error().is_some_and(|e| e.kind() == std::io::ErrorKind::PermissionDenied) {
                        SkipReason::Unreadable
                    } else {
                        SkipReason::WalkError
                    };
                    skipped.lock().expect("walk lock").push(Skipped {
                        root: index,
                        path,
                        reason,
                        detail: err.to_string(),
                    });
                }
            }
            ignore::WalkState::Continue
        })
    });
}

fn walk_error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } => walk_error_path(err),
        ignore::Error::WithLineNumber { err, .. } => walk_error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

/// A path relative to its root, `/`-separated, as text: bytes that are not UTF-8 and control
/// characters are written `\xNN`, so every name is storable and displayable.
pub(crate) fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let rel = if rel.as_os_str().is_empty() { Path::new(path.file_name().unwrap_or(path.as_os_str())) } else { rel };
    let parts: Vec<String> = rel.components().map(|c| display_path(c.as_os_str())).collect();
    parts.join("/")
}

fn display_path(s: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in s.as_bytes().utf8_chunks() {
            for c in chunk.valid().chars() {
                if c.is_control() {
                    out.push_str(&format!("\\x{:02X}", c as u32));
                } else {
                    out.push(c);
                }
            }
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        s.to_string_lossy().into_owned()
    }
}

fn process(entry: &Entry, opts: &ScanOptions, prior: &dyn Prior) -> Vec<Event> {
    let skipped = |reason, detail: String| {
        vec![Event::Skipped(Skipped { root: entry.root, path: entry.rel.clone(), reason, detail })]
    };
    let meta = match fs::symlink_metadata(&entry.path) {
        Ok(m) => m,
        Err(e) => return skipped(SkipReason::Unreadable, e.to_string()),
    };
    let size = meta.len();
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos().min(i64::MAX as u128) as i64);
    if opts.archives
        && let Some(kind) = archive_kind(&entry.rel)
    {
        if size > opts.max_archive_size {
            return skipped(
                SkipReason::TooLarge,
                format!("an archive of {size} bytes; the limit for archives is {} bytes", opts.max_archive_size),
            );
        }
        return process_archive(entry, kind, size, mtime, opts, prior);
    }
    if size > opts.max_file_size {
        return skipped(SkipReason::TooLarge, format!("{size} bytes; the limit is {} bytes", opts.max_file_size));
    }
    let earlier = prior.get(entry.root, &entry.rel);
    if let Some(p) = &earlier
        && p.size == size
        && p.mtime == mtime
        && mtime != 0
    {
        let kind = classify(&entry.rel, b"");
        return vec![Event::File(Box::new(FileReport {
            reused: true,
            ..identity(entry.root, &entry.rel, size, mtime, p.sha256.clone(), p.sha1.clone(), kind)
        }))];
    }
    let bytes = match read_capped(&entry.path, opts.max_file_size) {
        Ok(b) => b,
        Err(e) => return skipped(SkipReason::Unreadable, e.to_string()),
    };
    vec![analyse(entry.root, &entry.rel, mtime, &bytes, earlier.as_ref(), opts)]
}

fn identity(
    root: usize,
    path: &str,
    size: u64,
    mtime: i64,
    sha256: String,
    sha1: String,
    kind: FileKind,
) -> FileReport {
    FileReport {
        root,
        path: path.to_string(),
        size,
        mtime,
        sha256,
        sha1,
        kind,
        reused: false,
        findings: Vec::new(),
        copyrights: Vec::new(),
        component: None,
        dependencies: Vec::new(),
        relations: Vec::new(),
        note: None,
        text: None,
    }
}

/// Hash, classify and run the detectors on a file's bytes (a file of the tree or an archive
/// member). A file whose content the store already has is reported as reused.
fn analyse(
    root: usize,
    path: &str,
    mtime: i64,
    bytes: &[u8],
    earlier: Option<&PriorFile>,
    opts: &ScanOptions,
) -> Event {
    let size = bytes.len() as u64;
    let sha256 = hex(&Sha256::digest(bytes));
    let sha1 = hex(&sha1::Sha1::digest(bytes));
    if earlier.is_some_and(|p| p.sha256 == sha256) {
        // The store keeps the earlier kind and findings of a reused file.
        let kind = classify(path, b"");
        return Event::File(Box::new(FileReport {
            reused: true,
            ..identity(root, path, size, mtime, sha256, sha1, kind)
        }));
    }
    let head = &bytes[..bytes.len().min(8192)];
    let kind = classify(path, head);
    let mut report = identity(root, path, size, mtime, sha256, sha1, kind);
    if kind == FileKind::Binary || looks_binary(head) {
        report.note = Some("binary content: hashed, not searched".into());
        return Event::File(Box::new(report));
    }
    let (text, decode_note) = decode(bytes);
    let d = detect_text(path, kind, &text, opts);
    if matches!(kind, FileKind::License | FileKind::Notice) && text.len() <= 1 << 20 {
        report.text = Some(text.clone());
    }
    report.findings = d.findings;
    report.copyrights = d.copyrights;
    report.component = d.component;
    report.dependencies = d.dependencies;
    report.relations = d.relations;
    report.note = match (decode_note, d.note) {
        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
        (a, b) => a.or(b),
    };
    Event::File(Box::new(report))
}

/// An archive: the archive file itself (hashed), then each member scanned in memory, then
/// anything that stopped the expansion, recorded against the archive.
fn process_archive(
    entry: &Entry,
    kind: crate::archive::ArchiveKind,
    size: u64,
    mtime: i64,
    opts: &ScanOptions,
    prior: &dyn Prior,
) -> Vec<Event> {
    let skipped =
        |path: String, reason, detail: String| Event::Skipped(Skipped { root: entry.root, path, reason, detail });
    let (sha256, sha1) = match hash_file(&entry.path) {
        Ok(h) => h,
        Err(e) => return vec![skipped(entry.rel.clone(), SkipReason::Unreadable, e.to_string())],
    };
    let mut archive = identity(entry.root, &entry.rel, size, mtime, sha256, sha1, FileKind::Binary);
    let file = match fs::File::open(&entry.path) {
        Ok(f) => std::io::BufReader::new(f),
        Err(e) => return vec![skipped(entry.rel.clone(), SkipReason::Unreadable, e.to_string())],
    };
    let mut events = Vec::new();
    let (mut members, mut skips) = (0u64, 0u64);
    let outcome =
        crate::archive::expand(&entry.rel, kind, file, size, opts.archive_limits, opts.max_file_size, &mut |item| {
            match item {
                crate::archive::Item::Member { path, bytes } => {
                    members += 1;
                    let earlier = prior.get(entry.root, &path);
                    events.push(analyse(entry.root, &path, 0, &bytes, earlier.as_ref(), opts));
                }
                crate::archive::Item::Skip { path, reason, detail } => {
                    skips += 1;
                    events.push(skipped(path, reason, detail));
                }
            }
        });
    archive.note = Some(format!("archive: {members} members scanned, {skips} skipped"));
    if let Err(e) = outcome {
        let (reason, detail) = (e.reason(), e.to_string());
        archive.note = Some(format!("archive: {members} members scanned, then stopped: {detail}"));
        events.push(skipped(format!("{}!/", entry.rel), reason, detail));
    }
    events.insert(0, Event::File(Box::new(archive)));
    events
}

fn hash_file(path: &Path) -> std::io::Result<(String, String)> {
    let mut f = fs::File::open(path)?;
    let (mut a, mut b) = (Sha256::new(), sha1::Sha1::new());
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        a.update(&buf[..n]);
        b.update(&buf[..n]);
    }
    Ok((hex(&a.finalize()), hex(&b.finalize())))
}

fn read_capped(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    let f = fs::File::open(path)?;
    let mut buf = Vec::new();
    f.take(max).read_to_end(&mut buf)?;
    Ok(buf)
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}
