//! Known vulnerabilities, offline. The OSV project publishes every ecosystem's advisories as
//! `<ECOSYSTEM>/all.zip`, one OSV JSON record per file; a user downloads the zips on a connected
//! machine and imports them here, into one SQLite database shared by all reviews of the machine.
//!
//! Import is streamed, one record at a time, each at most `MAX_RECORD_BYTES`; a source (a zip, a
//! folder, a file) is imported in one transaction, so a damaged archive leaves the database as it
//! was; a record that is not OSV is skipped and said; a record already held is replaced only by a
//! later `modified`.

mod matching;
mod versions;

pub use matching::{Affects, PackageRef, affects, from_purl, key, severity_of};

/// Two versions of one OSV ecosystem ("crates.io", "PyPI", "Maven", ...) in that ecosystem's
/// order; None when the ecosystem's order is unknown or either is not a version of it.
pub fn compare_versions(ecosystem: &str, a: &str, b: &str) -> Option<std::cmp::Ordering> {
    let order = versions::order_of(ecosystem)?;
    Some(versions::parse(order, a)?.cmp(&versions::parse(order, b)?))
}

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// "ClAd": marks the file as Clearance's advisory database.
const APPLICATION_ID: i32 = 0x436c_4164;
const SCHEMA_VERSION: i32 = 1;
/// The largest record read (the biggest real ones are a few hundred KiB).
pub const MAX_RECORD_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum AdvisoryError {
    #[error("'{path}' is not Clearance's advisory database")]
    NotADatabase { path: PathBuf },
    #[error("'{path}': {reason}")]
    Io { path: PathBuf, reason: String },
    #[error("the advisory database: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

pub type Result<T, E = AdvisoryError> = std::result::Result<T, E>;

/// The advisory database: one file, shared by every review of the machine.
pub struct AdvisoryDb {
    conn: Connection,
    path: PathBuf,
}

/// What one import did, source by source.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct ImportReport {
    pub sources: Vec<SourceReport>,
}

impl ImportReport {
    pub fn added(&self) -> usize {
        self.sources.iter().map(|s| s.added).sum()
    }
    pub fn updated(&self) -> usize {
        self.sources.iter().map(|s| s.updated).sum()
    }
    /// True when a source could not be imported at all.
    pub fn failed(&self) -> bool {
        self.sources.iter().any(|s| s.failed.is_some())
    }
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct SourceReport {
    pub path: String,
    /// Records not held before.
    pub added: usize,
    /// Records replaced by a later `modified`.
    pub updated: usize,
    /// Records held already, as recent or more.
    pub unchanged: usize,
    /// Entries that are not OSV records, each with why.
    pub skipped: Vec<Skipped>,
    /// Why nothing of this source was imported (a damaged archive, an unreadable file).
    pub failed: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Skipped {
    pub entry: String,
    pub reason: String,
}

/// What the database holds, ecosystem by ecosystem.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Status {
    pub path: String,
    pub records: i64,
    pub ecosystems: Vec<EcosystemStatus>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EcosystemStatus {
    pub ecosystem: String,
    pub records: i64,
    /// Of those, withdrawn (kept, never matched).
    pub withdrawn: i64,
    /// The newest `modified` among its records: how current the data is.
    pub newest: String,
    /// Days from `newest` to now.
    pub age_days: i64,
}

/// A record that affects a package version (or may).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Match {
    pub id: String,
    /// The same vulnerability's ids elsewhere (CVE, GHSA, …).
    pub aliases: Vec<String>,
    pub summary: Option<String>,
    pub modified: String,
    /// The highest CVSS base score the record gives, its severity and the vector.
    pub score: Option<f64>,
    pub severity: Option<String>,
    pub vector: Option<String>,
    #[serde(flatten)]
    pub affects: Affects,
}

/// Matches that are one vulnerability (an id of one is an id or alias of the other) merged.
fn merge_aliases(matches: Vec<Match>) -> Vec<Match> {
    let rank = |a: &Affects| match a {
        Affects::Yes => 0,
        Affects::Possibly(_) => 1,
        Affects::Undecidable(_) => 2,
    };
    let mut out: Vec<Match> = Vec::with_capacity(matches.len());
    for m in matches {
        let names = |x: &Match| std::iter::once(x.id.clone()).chain(x.aliases.iter().cloned()).collect::<Vec<_>>();
        let mine = names(&m);
        match out.iter_mut().find(|o| names(o).iter().any(|n| mine.contains(n))) {
            Some(o) => {
                for n in mine {
                    if n != o.id && !o.aliases.contains(&n) {
                        o.aliases.push(n);
                    }
                }
                if rank(&m.affects) < rank(&o.affects) {
                    o.affects = m.affects;
                }
                if o.summary.is_none() {
                    o.summary = m.summary;
                }
                // The highest score any of its records gives.
                if m.score.unwrap_or(-1.0) > o.score.unwrap_or(-1.0) {
                    (o.score, o.severity, o.vector) = (m.score, m.severity, m.vector);
                }
                o.modified = o.modified.clone().max(m.modified);
            }
            None => out.push(m),
        }
    }
    out
}

fn first_line(text: &str) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    if line.chars().count() > 160 {
        format!("{}…", line.chars().take(160).collect::<String>())
    } else {
        line.to_string()
    }
}

/// The parts of an OSV record the database indexes; the record itself is kept whole.
#[derive(Debug, Deserialize)]
struct Record {
    id: String,
    modified: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    withdrawn: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    affected: Vec<Affected>,
}

#[derive(Debug, Deserialize)]
struct Affected {
    #[serde(default)]
    package: Option<Package>,
}

#[derive(Debug, Deserialize)]
struct Package {
    ecosystem: String,
    name: String,
}

impl AdvisoryDb {
    /// Open the database at `path`, creating it (and its folder) when missing.
    pub fn open(path: &Path) -> Result<AdvisoryDb> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| AdvisoryError::Io { path: dir.to_path_buf(), reason: e.to_string() })?;
        }
        let not_ours = || AdvisoryError::NotADatabase { path: path.to_path_buf() };
        let conn = Connection::open(path)?;
        let id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(|_| not_ours())?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        if id != APPLICATION_ID && (id != 0 || tables > 0) {
            return Err(not_ours());
        }
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA foreign_keys = ON;
             CREATE TABLE IF NOT EXISTS records (
                 id TEXT PRIMARY KEY,
                 modified TEXT NOT NULL,
                 published TEXT,
                 withdrawn TEXT,
                 aliases TEXT NOT NULL,
                 summary TEXT,
                 record TEXT NOT NULL
             );
             CREATE TABLE IF NOT EXISTS affected (
                 record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
                 ecosystem TEXT NOT NULL,
                 name TEXT NOT NULL,
                 -- the name as the ecosystem compares names (PyPI's normalised form)
                 key TEXT NOT NULL
             );
             CREATE INDEX IF NOT EXISTS affected_package ON affected (ecosystem, key);
             CREATE INDEX IF NOT EXISTS affected_record ON affected (record_id);",
        )?;
        conn.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION};"
        ))?;
        Ok(AdvisoryDb { conn, path: path.to_path_buf() })
    }

    /// Import OSV dumps: zips as the OSV project publishes them, folders of records (and of
    /// zips), single record files. Each source is one transaction.
    pub fn import(&mut self, sources: &[PathBuf]) -> Result<ImportReport> {
        let mut report = ImportReport::default();
        for source in sources {
            let mut r = SourceReport { path: source.display().to_string(), ..Default::default() };
            let tx = self.conn.transaction()?;
            match import_source(&tx, source, &mut r) {
                Ok(()) => tx.commit()?,
                Err(Failure::Source(why)) => {
                    drop(tx);
                    r = SourceReport { path: r.path, failed: Some(why), ..Default::default() };
                }
                Err(Failure::Db(e)) => return Err(e.into()),
            }
            report.sources.push(r);
        }
        Ok(report)
    }

    /// Records and how current they are, by ecosystem (`now` for their age).
    pub fn status(&self, now: OffsetDateTime) -> Result<Status> {
        let mut stmt = self.conn.prepare(
            "SELECT a.ecosystem, count(DISTINCT r.id), count(DISTINCT CASE WHEN r.withdrawn IS NOT NULL THEN r.id END), max(r.modified)
             FROM affected a JOIN records r ON r.id = a.record_id GROUP BY a.ecosystem ORDER BY a.ecosystem",
        )?;
        let ecosystems = stmt
            .query_map([], |r| {
                let newest: String = r.get(3)?;
                let age_days = OffsetDateTime::parse(&newest, &Rfc3339).map(|t| (now - t).whole_days()).unwrap_or(0);
                Ok(EcosystemStatus { ecosystem: r.get(0)?, records: r.get(1)?, withdrawn: r.get(2)?, newest, age_days })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let records = self.conn.query_row("SELECT count(*) FROM records", [], |r| r.get(0))?;
        Ok(Status { path: self.path.display().to_string(), records, ecosystems })
    }

    /// The ids of the records that name a package (its ecosystem as OSV spells it; its name
    /// compared as the ecosystem compares names).
    pub fn records_for(&self, ecosystem: &str, name: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT record_id FROM affected WHERE ecosystem = ?1 AND key = ?2 ORDER BY record_id",
        )?;
        let ids = stmt.query_map([ecosystem, &key(ecosystem, name)], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// The records that affect a package version (or may, or cannot be decided offline), withdrawn
    /// records left out. Records of one vulnerability (one names the other among its aliases:
    /// RUSTSEC and GHSA, PYSEC and CVE) are one match, under the first id by name, the most
    /// certain answer kept.
    pub fn matches(&self, package: &PackageRef) -> Result<Vec<Match>> {
        Ok(merge_aliases(self.each_match(package)?))
    }

    fn each_match(&self, package: &PackageRef) -> Result<Vec<Match>> {
        // The package's records, whole, in one query.
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT r.id, r.record FROM affected a JOIN records r ON r.id = a.record_id
             WHERE a.ecosystem = ?1 AND a.key = ?2 ORDER BY r.id",
        )?;
        let records: Vec<(String, String)> = stmt
            .query_map([&package.ecosystem, &key(&package.ecosystem, &package.name)], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for (id, text) in records {
            let Ok(record) = serde_json::from_str::<serde_json::Value>(&text) else { continue };
            if let Some(affects) = affects(&record, &package.ecosystem, &package.name, package.version.as_deref()) {
                let text = |k: &str| record[k].as_str().map(str::to_string);
                let cvss = severity_of(&record);
                out.push(Match {
                    score: cvss.as_ref().map(|c| c.0),
                    severity: cvss.as_ref().map(|c| c.1.clone()),
                    vector: cvss.map(|c| c.2),
                    aliases: record["aliases"]
                        .as_array()
                        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
                        .unwrap_or_default(),
                    summary: text("summary").or_else(|| text("details").map(|d| first_line(&d))),
                    modified: text("modified").unwrap_or_default(),
                    id,
                    affects,
                });
            }
        }
        Ok(out)
    }

    /// What the database holds, as one hash of every record id and its `modified` (the same
    /// records, the same hash), with the record count and the newest `modified`.
    pub fn snapshot(&self) -> Result<(String, i64, Option<String>)> {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        let mut n = 0i64;
        let mut stmt = self.conn.prepare("SELECT id, modified FROM records ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, modified): (String, String) = (r.get(0)?, r.get(1)?);
            h.update(id.as_bytes());
            h.update([0]);
            h.update(modified.as_bytes());
            h.update([0]);
            n += 1;
        }
        let newest: Option<String> = self.conn.query_row("SELECT max(modified) FROM records", [], |r| r.get(0))?;
        let hash = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        Ok((hash, n, newest))
    }

    /// A record as imported, whole.
    pub fn record(&self, id: &str) -> Result<Option<serde_json::Value>> {
        let text: Option<String> =
            self.conn.query_row("SELECT record FROM records WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
    }
}

enum Failure {
    /// The source cannot be imported: nothing of it is.
    Source(String),
    Db(rusqlite::Error),
}

impl From<rusqlite::Error> for Failure {
    fn from(e: rusqlite::Error) -> Self {
        Failure::Db(e)
    }
}

fn import_source(tx: &Transaction, source: &Path, r: &mut SourceReport) -> Result<(), Failure> {
    let meta = std::fs::metadata(source).map_err(|e| Failure::Source(format!("cannot read it: {e}")))?;
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = Vec::new();
        collect_files(source, &mut entries).map_err(|e| Failure::Source(format!("cannot read the folder: {e}")))?;
        entries.sort();
        for path in entries {
            let name = path.strip_prefix(source).unwrap_or(&path).display().to_string();
            if is_zip(&path) {
                import_zip(tx, &path, &name, r)?;
            } else if has_extension(&path, "json") {
                let file = File::open(&path).map_err(|e| Failure::Source(format!("{name}: {e}")))?;
                import_entry(tx, &name, file, r)?;
            }
        }
        Ok(())
    } else if is_zip(source) {
        import_zip(tx, source, "", r)
    } else {
        let file = File::open(source).map_err(|e| Failure::Source(format!("cannot read it: {e}")))?;
        let name = source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        import_entry(tx, &name, file, r)
    }
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let t = e.file_type()?;
        if t.is_dir() {
            collect_files(&e.path(), out)?;
        } else if t.is_file() {
            out.push(e.path());
        }
    }
    Ok(())
}

fn has_extension(p: &Path, ext: &str) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

fn is_zip(p: &Path) -> bool {
    has_extension(p, "zip")
}

/// Every record of a zip, or (damaged) none of them: an entry that cannot be read fails the
/// whole archive.
fn import_zip(tx: &Transaction, path: &Path, shown: &str, r: &mut SourceReport) -> Result<(), Failure> {
    let label = |entry: &str| if shown.is_empty() { entry.to_string() } else { format!("{shown}!{entry}") };
    let file = File::open(path).map_err(|e| Failure::Source(format!("{}cannot read it: {e}", prefix(shown))))?;
    let mut zip = zip::ZipArchive::new(file)
        .map_err(|e| Failure::Source(format!("{}not a zip archive, or a damaged one: {e}", prefix(shown))))?;
    for i in 0..zip.len() {
        let entry = zip
            .by_index(i)
            .map_err(|e| Failure::Source(format!("{}damaged archive (entry {i}): {e}", prefix(shown))))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().to_string();
        if !name.to_ascii_lowercase().ends_with(".json") {
            r.skipped.push(Skipped { entry: label(&name), reason: "not a .json record".into() });
            continue;
        }
        import_entry(tx, &label(&name), entry, r)?;
    }
    Ok(())
}

fn prefix(shown: &str) -> String {
    if shown.is_empty() { String::new() } else { format!("{shown}: ") }
}

/// One record: read (at most `MAX_RECORD_BYTES`), checked, and added or updated.
fn import_entry(tx: &Transaction, name: &str, reader: impl Read, r: &mut SourceReport) -> Result<(), Failure> {
    let mut bytes = Vec::new();
    let read = reader.take(MAX_RECORD_BYTES + 1).read_to_end(&mut bytes);
    if let Err(e) = read {
        // A record whose compressed data is damaged: the archive is.
        return Err(Failure::Source(format!("{name}: cannot be read: {e}")));
    }
    let skip = |r: &mut SourceReport, reason: String| {
        r.skipped.push(Skipped { entry: name.to_string(), reason });
        Ok(())
    };
    if bytes.len() as u64 > MAX_RECORD_BYTES {
        return skip(r, format!("larger than {} MiB", MAX_RECORD_BYTES / 1024 / 1024));
    }
    let Ok(text) = String::from_utf8(bytes) else { return skip(r, "not UTF-8 text".into()) };
    let record: Record = match serde_json::from_str(&text) {
        Ok(rec) => rec,
        Err(e) => return skip(r, format!("not an OSV record: {e}")),
    };
    if record.id.trim().is_empty() {
        return skip(r, "not an OSV record: its id is empty".into());
    }
    let Ok(modified) = OffsetDateTime::parse(&record.modified, &Rfc3339) else {
        return skip(r, format!("not an OSV record: 'modified' is not a time: {}", record.modified));
    };
    let held: Option<String> =
        tx.query_row("SELECT modified FROM records WHERE id = ?1", [&record.id], |row| row.get(0)).optional()?;
    match held.as_deref().map(|h| OffsetDateTime::parse(h, &Rfc3339)) {
        Some(Ok(h)) if h >= modified => {
            r.unchanged += 1;
            return Ok(());
        }
        Some(_) => r.updated += 1,
        None => r.added += 1,
    }
    tx.execute("DELETE FROM records WHERE id = ?1", [&record.id])?;
    tx.execute(
        "INSERT INTO records (id, modified, published, withdrawn, aliases, summary, record) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            record.id,
            record.modified,
            record.published,
            record.withdrawn,
            serde_json::to_string(&record.aliases).unwrap_or_else(|_| "[]".into()),
            record.summary,
            text
        ],
    )?;
    // Each package once per record (a record may list one package in several entries).
    let packages: BTreeMap<(&str, &str), ()> = record
        .affected
        .iter()
        .filter_map(|a| a.package.as_ref())
        .map(|p| ((p.ecosystem.as_str(), p.name.as_str()), ()))
        .collect();
    let mut insert =
        tx.prepare_cached("INSERT INTO affected (record_id, ecosystem, name, key) VALUES (?1, ?2, ?3, ?4)")?;
    for (ecosystem, package) in packages.keys() {
        // "Debian:12" is looked up as Debian.
        let base = ecosystem.split(':').next().unwrap_or(ecosystem);
        insert.execute(params![record.id, base, package, key(base, package)])?;
    }
    Ok(())
}
