//! The organisation's memory. A **decision library** shared by every review of a machine (or a
//! team): an approved review publishes its decisions into it — conclusions keyed by the package
//! (purl, or ecosystem, name and version) *and* the evidence they were made on (the component's
//! license and notice files by hash, what its files state, its declared license), false positives
//! keyed by the text they are about, LicenseRef texts, exclusions with their reasons — each with
//! its provenance (product, release, reviewer, time, the review's audit head). A new review looks
//! every component up (`plan`): the same package on the same evidence takes the decision, marked
//! as coming from the library; the same package on other evidence, or another version, is only
//! suggested, with what differs said; disagreeing entries for the same evidence are a conflict,
//! shown side by side and applied never.
//!
//! And the **portfolio**: every release published, by product and version, with its approval
//! state, license mix, open obligations and vulnerabilities, and which packages it ships, so
//! `where_used` answers "which of our releases contain openssl < 3.0.7".
//!
//! The library is one SQLite file (WAL, every publish one transaction: a killed publish leaves
//! it as it was; concurrent publishers wait their turn). Review files stay where they are: they
//! are the per-release evidence an auditor keeps; the library holds what is reused.

mod plan;
mod portfolio;
mod schema;

pub use plan::{LibraryConflict, LibraryPlan, LibrarySuggestion, PlannedConclusion, SuggestionKind};
pub use portfolio::{ReleaseSummary, UsedIn, VersionConstraint, WhereUsedQuery};

use std::path::{Path, PathBuf};
use std::time::Duration;

use clearance_store::{Evidence, Publishable, Review};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("library database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error(transparent)]
    Store(#[from] clearance_store::StoreError),
    #[error("{path}: {reason}")]
    Io { path: PathBuf, reason: String },
    #[error("{path} is not a Clearance decision library")]
    NotALibrary { path: PathBuf },
    #[error(
        "{0}: PostgreSQL libraries are not supported by this build yet; use a library file (a path or sqlite:PATH)"
    )]
    Unsupported(String),
    #[error(
        "there is no decision library at {path} yet: publish an approved review into it first (`clearance library publish`)"
    )]
    NoLibrary { path: PathBuf },
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T> = std::result::Result<T, LibraryError>;

/// "ClLi": marks the file as a Clearance decision library.
const APPLICATION_ID: i32 = 0x436c_4c69;

/// Where a library is: a file, given as a path or `sqlite:PATH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    File(PathBuf),
}

impl Location {
    /// `sqlite:PATH` or a path; `postgres://…` is refused with a sentence.
    pub fn parse(s: &str) -> Result<Location> {
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            return Err(LibraryError::Unsupported(s.to_string()));
        }
        let path = s.strip_prefix("sqlite:").unwrap_or(s);
        if path.is_empty() {
            return Err(LibraryError::Invalid("the library's location is empty".into()));
        }
        Ok(Location::File(PathBuf::from(path)))
    }
}

pub struct Library {
    conn: Connection,
    path: PathBuf,
}

/// Who publishes, and when (RFC 3339).
#[derive(Debug, Clone, Copy)]
pub struct Publisher<'a> {
    pub name: &'a str,
    pub at: &'a str,
}

/// What a publish did.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PublishReport {
    pub product: String,
    pub version: String,
    pub approved: bool,
    /// The release was published before: its earlier entry was replaced.
    pub replaced: bool,
    /// Components the release ships.
    pub components: usize,
    pub conclusions: usize,
    pub false_positives: usize,
    pub exclusions: usize,
    pub license_refs: usize,
}

/// What the library holds.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LibraryStatus {
    pub location: String,
    pub releases: usize,
    pub approved_releases: usize,
    pub conclusions: usize,
    pub curations: usize,
    pub false_positives: usize,
    pub license_refs: usize,
    pub last_published: Option<String>,
}

/// One decision the library holds about a package, with where it came from.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LibraryEntry {
    pub key: String,
    pub expression: Option<String>,
    pub status: String,
    pub comment: Option<String>,
    pub reviewer: String,
    pub decided_at: String,
    /// "Product 1.0" for a published decision; None for a curation added by hand.
    pub release: Option<String>,
    /// A curation's reason.
    pub reason: Option<String>,
    /// The evidence it was made on.
    #[cfg_attr(feature = "ts", ts(skip))]
    pub evidence: Evidence,
    pub evidence_sha256: String,
    /// The review's audit head when it was published.
    pub audit_head: Option<String>,
}

impl LibraryEntry {
    /// "from the library (Product 1.0, Jane Doe, 2026-01-02)" — the provenance a review shows.
    pub fn provenance(&self) -> String {
        let date = self.decided_at.get(..10).unwrap_or(&self.decided_at);
        match &self.release {
            Some(r) => format!("library: {r} ({}, {date})", self.reviewer),
            None => format!("library: curation ({}, {date})", self.reviewer),
        }
    }
}

pub(crate) fn evidence_sha256(e: &Evidence) -> String {
    Sha256::digest(e.to_json().as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

impl Library {
    /// Open the library at `location`, creating it (and its folder) when missing.
    pub fn open(location: &Location) -> Result<Library> {
        let Location::File(path) = location;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| LibraryError::Io { path: dir.to_path_buf(), reason: e.to_string() })?;
        }
        let not_ours = || LibraryError::NotALibrary { path: path.clone() };
        let is_not_a_database = |e: &rusqlite::Error| e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase);
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(30))?;
        // Several processes may open a new library at once: the check and the migrations run
        // under the write lock, one process after the other, before anything about the file is
        // changed (another program's database is left as it was).
        schema::migrate(&mut conn, &not_ours).map_err(|e| match e {
            LibraryError::Sql(e) if is_not_a_database(&e) => not_ours(),
            e => e,
        })?;
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")?;
        let lib = Library { conn, path: path.clone() };
        Ok(lib)
    }

    /// Open a library that exists; reading never creates one.
    pub fn open_existing(location: &Location) -> Result<Library> {
        let Location::File(path) = location;
        if !path.is_file() {
            return Err(LibraryError::NoLibrary { path: path.clone() });
        }
        Library::open(location)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Publish a review: the release into the portfolio, and — when it is approved — its
    /// decisions into the library. Publishing a release again replaces what it published
    /// before; all of it is one transaction.
    pub fn publish(&mut self, review: &Review, review_path: &str, by: Publisher) -> Result<PublishReport> {
        let p = review.publishable()?;
        let (product, version) = match &p.product {
            Some((n, v)) => (n.clone(), v.clone().unwrap_or_default()),
            None => match p.components.iter().find(|c| c.key.starts_with("root:")) {
                Some(root) => (root.name.clone(), root.version.clone().unwrap_or_default()),
                None => {
                    return Err(LibraryError::Invalid(
                        "the review names no product: set it with `clearance review product NAME --version V` first"
                            .into(),
                    ));
                }
            },
        };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let replaced =
            tx.execute("DELETE FROM releases WHERE product = ?1 AND version = ?2", params![product, version])? > 0;
        let mix = license_mix(&p);
        let shipped = p.components.iter().filter(|c| c.shipped).count();
        tx.execute(
            "INSERT INTO releases (product, version, review, audit_head, approved, approved_by, approved_at, published_by,
                 published_at, components, open_obligations, open_vulnerabilities, license_mix)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                product,
                version,
                review_path,
                p.audit_head,
                p.approval.approved,
                p.approval.reviewer.as_deref().filter(|_| p.approval.approved),
                p.approval.at.as_deref().filter(|_| p.approval.approved),
                by.name,
                by.at,
                shipped as i64,
                p.open_obligations as i64,
                p.open_vulnerabilities.map(|n| n as i64),
                serde_json::to_string(&mix).unwrap_or_default(),
            ],
        )?;
        let release_id = tx.last_insert_rowid();
        let mut report = PublishReport {
            product,
            version,
            approved: p.approval.approved,
            replaced,
            components: shipped,
            conclusions: 0,
            false_positives: 0,
            exclusions: 0,
            license_refs: 0,
        };
        {
            let mut add = tx.prepare(
                "INSERT INTO release_components (release_id, key, purl, ecosystem, package, name, version, shipped, concluded, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for c in &p.components {
                let (ecosystem, package) = portfolio::package_of(c.purl.as_deref(), c.ecosystem.as_deref(), &c.name);
                add.execute(params![
                    release_id,
                    c.key,
                    c.purl,
                    ecosystem,
                    package,
                    c.name,
                    c.version,
                    c.shipped,
                    c.conclusion.as_ref().and_then(|k| k.expression.clone()),
                    c.conclusion.as_ref().map(|k| k.status.as_str()),
                ])?;
            }
        }
        // Only an approved release's decisions are for reuse: a draft's may still change.
        if p.approval.approved {
            let mut decision = tx.prepare(
                "INSERT INTO decisions (release_id, key, package, evidence, evidence_sha256, expression, status, comment, reviewer, decided_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            let mut exclusion = tx.prepare(
                "INSERT INTO exclusions (release_id, key, reason, reviewer, decided_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for c in &p.components {
                let package = plan::package_key(&c.key);
                if let Some(k) = &c.conclusion {
                    decision.execute(params![
                        release_id,
                        c.key,
                        package,
                        c.evidence.to_json(),
                        evidence_sha256(&c.evidence),
                        k.expression,
                        k.status.as_str(),
                        k.comment,
                        k.reviewer,
                        k.decided_at,
                    ])?;
                    report.conclusions += 1;
                }
                if let Some((reason, reviewer, at)) = &c.exclusion {
                    exclusion.execute(params![release_id, c.key, reason, reviewer, at])?;
                    report.exclusions += 1;
                }
            }
            let mut fp = tx.prepare(
                "INSERT INTO false_positives (release_id, detector, expression, text_sha256, reason, reviewer, decided_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for f in &p.false_positives {
                fp.execute(params![
                    release_id,
                    f.detector,
                    f.expression,
                    f.text_sha256,
                    f.reason,
                    f.reviewer,
                    f.decided_at
                ])?;
                report.false_positives += 1;
            }
            let mut lr = tx.prepare("INSERT INTO license_refs (release_id, id, name, text) VALUES (?1, ?2, ?3, ?4)")?;
            for (id, name, text) in &p.license_refs {
                lr.execute(params![release_id, id, name, text])?;
                report.license_refs += 1;
            }
        }
        tx.commit()?;
        Ok(report)
    }

    /// A curation added by hand: a package's license concluded with a reason, for every review
    /// that meets the package on the same evidence (`evidence`), or — with none — only ever
    /// suggested.
    pub fn curate(
        &mut self,
        purl: &str,
        expression: &str,
        reason: &str,
        evidence: Option<&Evidence>,
        by: Publisher,
    ) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(LibraryError::Invalid("a curation needs its reason (--reason)".into()));
        }
        if !purl.starts_with("pkg:") || !purl.contains('@') {
            return Err(LibraryError::Invalid(format!(
                "'{purl}' is not a package URL with a version (pkg:TYPE/NAME@VERSION)"
            )));
        }
        let key = format!("purl:{purl}");
        // Without evidence a curation can only be suggested: the empty evidence of no files.
        let e = evidence.cloned().unwrap_or_default();
        self.conn.execute(
            "INSERT INTO decisions (release_id, key, package, evidence, evidence_sha256, expression, status, comment, reviewer, decided_at, reason)
             VALUES (NULL, ?1, ?2, ?3, ?4, ?5, 'approved', NULL, ?6, ?7, ?8)",
            params![
                key,
                plan::package_key(&key),
                e.to_json(),
                if evidence.is_some() { evidence_sha256(&e) } else { "unknown".to_string() },
                expression,
                by.name,
                by.at,
                reason.trim()
            ],
        )?;
        Ok(())
    }

    pub fn status(&self) -> Result<LibraryStatus> {
        let count = |sql: &str| -> Result<usize> { Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as usize) };
        Ok(LibraryStatus {
            location: self.path.display().to_string(),
            releases: count("SELECT count(*) FROM releases")?,
            approved_releases: count("SELECT count(*) FROM releases WHERE approved")?,
            conclusions: count("SELECT count(*) FROM decisions WHERE release_id IS NOT NULL")?,
            curations: count("SELECT count(*) FROM decisions WHERE release_id IS NULL")?,
            false_positives: count("SELECT count(*) FROM false_positives")?,
            license_refs: count("SELECT count(DISTINCT id) FROM license_refs")?,
            last_published: self
                .conn
                .query_row("SELECT max(published_at) FROM releases", [], |r| r.get::<_, Option<String>>(0))?,
        })
    }

    /// Every decision the library holds about a package (`pkg:…@version`: that version; without
    /// a version: all of them), newest first.
    pub fn show(&self, purl: &str) -> Result<Vec<LibraryEntry>> {
        let key = format!("purl:{purl}");
        let by_version = purl.contains('@');
        let package = if by_version { plan::package_key(&key) } else { key.clone() };
        let sql = format!(
            "{} WHERE {} ORDER BY d.decided_at DESC, d.id DESC",
            plan::ENTRY_SELECT,
            if by_version { "d.key = ?1" } else { "d.package = ?1" }
        );
        let arg = if by_version { key } else { package };
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([arg], plan::entry_of)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The texts of LicenseRefs published, by id (the newest publish's).
    pub(crate) fn license_ref(&self, id: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT l.name, l.text FROM license_refs l JOIN releases r ON r.id = l.release_id
                 WHERE l.id = ?1 ORDER BY r.published_at DESC LIMIT 1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Shipped components by concluded license (or "unconcluded"), most first.
fn license_mix(p: &Publishable) -> Vec<(String, usize)> {
    let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for c in p.components.iter().filter(|c| c.shipped) {
        let e = c.conclusion.as_ref().and_then(|k| k.expression.clone()).unwrap_or_else(|| "unconcluded".into());
        *counts.entry(e).or_default() += 1;
    }
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}
