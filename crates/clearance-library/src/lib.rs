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

mod db;
mod plan;
mod portfolio;
mod schema;
#[doc(hidden)]
pub mod testing;

pub use plan::{LibraryConflict, LibraryPlan, LibrarySuggestion, PlannedConclusion, SuggestionKind};
pub use portfolio::{ReleaseSummary, UsedIn, VersionConstraint, WhereUsedQuery};

use std::path::{Path, PathBuf};
use std::time::Duration;

use clearance_store::{Evidence, Publishable, Review};
use rusqlite::Connection;
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
    /// The library's PostgreSQL server refused or failed.
    #[error("library server: {0}")]
    Server(String),
    /// Another publisher got in the way: the transaction is run again.
    #[error("library server: {0}")]
    Retry(String),
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

/// Where a library is: a file (a path or `sqlite:PATH`), or a team's PostgreSQL database
/// (`postgres://user@host/db`, `postgresql:///db?host=/run/postgresql`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    File(PathBuf),
    Postgres(String),
}

impl Location {
    pub fn parse(s: &str) -> Result<Location> {
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            return Ok(Location::Postgres(s.to_string()));
        }
        let path = s.strip_prefix("sqlite:").unwrap_or(s);
        if path.is_empty() {
            return Err(LibraryError::Invalid("the library's location is empty".into()));
        }
        Ok(Location::File(PathBuf::from(path)))
    }
}

pub struct Library {
    conn: db::Conn,
    /// What to call it: the file's path, or the server's URL without its password.
    name: String,
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
    /// Open the library at `location`, creating it (and its folder, or its tables) when missing.
    pub fn open(location: &Location) -> Result<Library> {
        match location {
            Location::File(path) => Library::open_file(path),
            Location::Postgres(url) => {
                let mut conn = db::Conn::open_postgres(url)?;
                schema::migrate_postgres(&mut conn)?;
                Ok(Library { conn, name: without_password(url) })
            }
        }
    }

    fn open_file(path: &Path) -> Result<Library> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| LibraryError::Io { path: dir.to_path_buf(), reason: e.to_string() })?;
        }
        let not_ours = || LibraryError::NotALibrary { path: path.to_path_buf() };
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
        Ok(Library { conn: db::Conn::Sqlite(conn), name: path.display().to_string() })
    }

    /// Open a library that exists; reading never creates one (a server's tables are made on
    /// first use by whoever reaches it).
    pub fn open_existing(location: &Location) -> Result<Library> {
        if let Location::File(path) = location
            && !path.is_file()
        {
            return Err(LibraryError::NoLibrary { path: path.clone() });
        }
        Library::open(location)
    }

    /// The library's file, or its server's URL (without a password).
    pub fn name(&self) -> &str {
        &self.name
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
        let mix = serde_json::to_string(&license_mix(&p)).unwrap_or_default();
        let shipped = p.components.iter().filter(|c| c.shipped).count();
        self.conn.with_write(|tx| {
            let replaced = tx.exec("DELETE FROM releases WHERE product = ?1 AND version = ?2", &[(&product).into(), (&version).into()])? > 0;
            let approved = p.approval.approved;
            let rows = tx.query(
                "INSERT INTO releases (product, version, review, audit_head, approved, approved_by, approved_at, published_by,
                     published_at, components, open_obligations, open_vulnerabilities, license_mix)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id",
                &[
                    (&product).into(),
                    (&version).into(),
                    review_path.into(),
                    (&p.audit_head).into(),
                    approved.into(),
                    p.approval.reviewer.as_deref().filter(|_| approved).into(),
                    p.approval.at.as_deref().filter(|_| approved).into(),
                    by.name.into(),
                    by.at.into(),
                    shipped.into(),
                    p.open_obligations.into(),
                    p.open_vulnerabilities.map(|n| n as i64).into(),
                    (&mix).into(),
                ],
            )?;
            let release_id = rows.first().map(|r| r.i(0)).unwrap_or_default();
            let mut report = PublishReport {
                product: product.clone(),
                version: version.clone(),
                approved,
                replaced,
                components: shipped,
                conclusions: 0,
                false_positives: 0,
                exclusions: 0,
                license_refs: 0,
            };
            let rows: Vec<Vec<db::Val>> = p
                .components
                .iter()
                .map(|c| {
                    let (ecosystem, package) = portfolio::package_of(c.purl.as_deref(), c.ecosystem.as_deref(), &c.name);
                    vec![
                        release_id.into(),
                        (&c.key).into(),
                        (&c.purl).into(),
                        ecosystem.into(),
                        package.into(),
                        (&c.name).into(),
                        (&c.version).into(),
                        c.shipped.into(),
                        c.conclusion.as_ref().and_then(|k| k.expression.clone()).into(),
                        c.conclusion.as_ref().map(|k| k.status.as_str()).into(),
                    ]
                })
                .collect();
            tx.insert_many(
                "release_components (release_id, key, purl, ecosystem, package, name, version, shipped, concluded, status)",
                &rows,
            )?;
            // Only an approved release's decisions are for reuse: a draft's may still change.
            if approved {
                let mut decisions = Vec::new();
                for c in &p.components {
                    if let Some(k) = &c.conclusion {
                        decisions.push(vec![
                            release_id.into(),
                            (&c.key).into(),
                            plan::package_key(&c.key).into(),
                            c.evidence.to_json().into(),
                            evidence_sha256(&c.evidence).into(),
                            (&k.expression).into(),
                            k.status.as_str().into(),
                            (&k.comment).into(),
                            (&k.reviewer).into(),
                            (&k.decided_at).into(),
                        ]);
                    }
                    if let Some((reason, reviewer, at)) = &c.exclusion {
                        tx.exec(
                            "INSERT INTO exclusions (release_id, key, reason, reviewer, decided_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                            &[release_id.into(), (&c.key).into(), reason.into(), reviewer.into(), at.into()],
                        )?;
                        report.exclusions += 1;
                    }
                }
                report.conclusions = decisions.len();
                tx.insert_many(
                    "decisions (release_id, key, package, evidence, evidence_sha256, expression, status, comment, reviewer, decided_at)",
                    &decisions,
                )?;
                for f in &p.false_positives {
                    tx.exec(
                        "INSERT INTO false_positives (release_id, detector, expression, text_sha256, reason, reviewer, decided_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        &[
                            release_id.into(),
                            (&f.detector).into(),
                            (&f.expression).into(),
                            (&f.text_sha256).into(),
                            (&f.reason).into(),
                            (&f.reviewer).into(),
                            (&f.decided_at).into(),
                        ],
                    )?;
                    report.false_positives += 1;
                }
                for (id, name, text) in &p.license_refs {
                    tx.exec(
                        "INSERT INTO license_refs (release_id, id, name, text) VALUES (?1, ?2, ?3, ?4)",
                        &[release_id.into(), id.into(), name.into(), text.into()],
                    )?;
                    report.license_refs += 1;
                }
            }
            Ok(report)
        })
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
        let sha = if evidence.is_some() { evidence_sha256(&e) } else { "unknown".to_string() };
        self.conn.with_write(|tx| {
            tx.exec(
                "INSERT INTO decisions (release_id, key, package, evidence, evidence_sha256, expression, status, comment, reviewer, decided_at, reason)
                 VALUES (NULL, ?1, ?2, ?3, ?4, ?5, 'approved', NULL, ?6, ?7, ?8)",
                &[
                    (&key).into(),
                    plan::package_key(&key).into(),
                    e.to_json().into(),
                    (&sha).into(),
                    expression.into(),
                    by.name.into(),
                    by.at.into(),
                    reason.trim().into(),
                ],
            )?;
            Ok(())
        })
    }

    pub fn status(&mut self) -> Result<LibraryStatus> {
        let rows = self.conn.query(
            "SELECT (SELECT count(*) FROM releases), (SELECT count(*) FROM releases WHERE approved <> 0),
                    (SELECT count(*) FROM decisions WHERE release_id IS NOT NULL),
                    (SELECT count(*) FROM decisions WHERE release_id IS NULL),
                    (SELECT count(*) FROM false_positives), (SELECT count(DISTINCT id) FROM license_refs),
                    (SELECT max(published_at) FROM releases)",
            &[],
        )?;
        let r = &rows[0];
        Ok(LibraryStatus {
            location: self.name.clone(),
            releases: r.i(0) as usize,
            approved_releases: r.i(1) as usize,
            conclusions: r.i(2) as usize,
            curations: r.i(3) as usize,
            false_positives: r.i(4) as usize,
            license_refs: r.i(5) as usize,
            last_published: r.ot(6),
        })
    }

    /// Every decision the library holds about a package (`pkg:…@version`: that version; without
    /// a version: all of them), newest first.
    pub fn show(&mut self, purl: &str) -> Result<Vec<LibraryEntry>> {
        let key = format!("purl:{purl}");
        let by_version = purl.contains('@');
        let sql = format!(
            "{} WHERE {} ORDER BY d.decided_at DESC, d.id DESC",
            plan::ENTRY_SELECT,
            if by_version { "d.key = ?1" } else { "d.package = ?1" }
        );
        Ok(self.conn.query(&sql, &[key.into()])?.iter().map(plan::entry_of).collect())
    }

    /// The text of a LicenseRef as published (the newest publish's).
    pub(crate) fn license_ref(&mut self, id: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .query(
                "SELECT l.name, l.text FROM license_refs l JOIN releases r ON r.id = l.release_id
                 WHERE l.id = ?1 ORDER BY r.published_at DESC LIMIT 1",
                &[id.into()],
            )?
            .first()
            .map(|r| (r.t(0), r.t(1))))
    }

    pub(crate) fn conn(&mut self) -> &mut db::Conn {
        &mut self.conn
    }
}

/// A server URL as it may be shown: its password left out.
fn without_password(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
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
