//! The review file: one SQLite database per review (`*.clearance`). WAL journal, foreign keys,
//! versioned migrations, writes in batched transactions so a killed process loses at most the
//! batch in flight and never corrupts the file.

/// The obligation statuses that settle an obligation, as SQL's `IN (…)` list (the SQL side of
/// `ObligationStatus::is_settled`, checked against it by a test).
macro_rules! settled_sql {
    () => {
        "('fulfilled', 'not-applicable')"
    };
}

/// The component `c` is in the release: nobody (reviewer or scan) marked it not shipped. What
/// is left to do — conclusions, obligations, blockers — counts only these.
macro_rules! shipped_sql {
    () => {
        "NOT EXISTS (SELECT 1 FROM exclusions x WHERE x.component_id = c.id)"
    };
}

/// A store enum kept in the review file as a word: `ALL`, `as_str`, `parse`, `Display`, and
/// SQLite in and out — a word no Clearance writes is an error when read, not a value.
macro_rules! stored_word {
    ($t:ident, $what:literal, { $($v:ident => $w:literal),* $(,)? }) => {
        impl $t {
            pub const ALL: &'static [$t] = &[$($t::$v),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($t::$v => $w),*
                }
            }

            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|x| x.as_str() == s)
            }
        }

        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl rusqlite::types::ToSql for $t {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $t {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let s = v.as_str()?;
                Self::parse(s).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(format!("unknown {} '{s}'", $what).into())
                })
            }
        }
    };
}

mod approval;
mod assignment;
mod audit;
mod carry;
mod decision_state;
mod derived;
mod evidence;
mod folders;
mod lapse;
mod library_io;
mod policy_check;
mod query;
mod resolve;
mod review;
mod scan_end;
mod schema;
mod scope;
mod split;
mod supplier_claims;
mod table;
mod undo;
mod vex;
mod vulnerabilities;
mod writer;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

/// A column holding an engine enum as its word (its serde name, as Clearance wrote it): read
/// back as the enum. A word no Clearance writes is an error, not a value.
pub(crate) fn word<T: serde::de::DeserializeOwned>(r: &rusqlite::Row, i: usize) -> rusqlite::Result<T> {
    let s: String = r.get(i)?;
    serde_json::from_value(serde_json::Value::String(s.clone())).map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, format!("unknown value '{s}'").into())
    })
}

pub use approval::{ApprovalState, Blockers};
pub use assignment::{Assignment, reviewer_key};
pub use audit::{AuditAction, AuditEvent, BrokenLink};
pub use carry::{CarryReport, ComponentChange, ReviewDiff, diff};
/// The scan's words that the review's rows carry.
pub use clearance_scan::{Detector, FileKind, SkipReason};
pub use evidence::Evidence;
pub use folders::{FolderEntry, FolderFile, FolderView};
pub use library_io::{
    AdoptReport, AdoptedConclusion, AdoptedFalsePositive, FindingText, Publishable, PublishableComponent,
    PublishableFalsePositive, component_key, text_key,
};
pub use policy_check::{HitSource, PolicyHit};
pub use query::*;
pub use review::*;
pub use schema::CURRENT_VERSION;
pub use scope::{development_entries, development_entries_why, not_shipped};
pub use split::{MergeConflict, MergeReport, PartInfo};
pub use supplier_claims::{ClaimDecision, ClaimKind, ClaimState};
pub use table::*;
pub use undo::Batch;
pub use vex::{
    Triage, TriageCarried, TriageDecision, VexJustification, VexResponse, VexState, cyclonedx_word,
    package_of as purl_package,
};
pub use vulnerabilities::{AdvisorySnapshot, Exposure, VulnerabilityRow};
pub use writer::{ScanWriter, StoredPrior};

const APPLICATION_ID: i32 = 0x436c_7231; // "Clr1"

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("'{path}' is not a Clearance review file")]
    NotAReview { path: PathBuf },
    #[error("{}", damaged(path, detail))]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "'{path}' was written by a newer Clearance (review format {found}; this version reads up to {supported}): update Clearance to open it"
    )]
    TooNew { path: PathBuf, found: i64, supported: i64 },
    #[error("'{path}' does not exist: scan a folder into it first")]
    Missing { path: PathBuf },
    #[error("the review file is busy: another Clearance process is writing to it; try again when it has finished")]
    Busy,
    #[error("another scan of this review is running (process {0}); wait for it to finish or stop it")]
    ScanRunning(i64),
    #[error("review file error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("{0}")]
    Invalid(String),
    #[error("the review is approved and therefore frozen: reopen it first, with the reason")]
    Frozen,
    #[error("the release cannot be approved yet: {} component(s) without an approved conclusion, {} obligation(s) not fulfilled or not applicable, {} open vulnerability(ies) the policy denies, {} component(s) waiting for a second review (or approve anyway, with the reason for overriding)", .0.unconcluded.len(), .0.open_obligations.len(), .0.vulnerabilities.len(), .0.second_review.len())]
    NotReady(Blockers),
    /// The policy asks for four eyes and the approver made every decision there is.
    #[error(
        "the policy asks for four eyes: {approver} made every decision of this release ({decisions} conclusions and sign-offs); another reviewer must approve it, or review part of it first"
    )]
    FourEyes { approver: String, decisions: usize },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotAReview { path: PathBuf::new() },
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
                StoreError::Damaged { path: PathBuf::new(), detail: e.to_string() }
            }
            _ => StoreError::Sqlite(e),
        }
    }
}

fn damaged(path: &Path, detail: &str) -> String {
    let file =
        if path.as_os_str().is_empty() { "the review file".to_string() } else { format!("'{}'", path.display()) };
    format!(
        "{file} is damaged ({detail}): nothing can be read from it safely; open a backup copy of it, or scan the release again into a new review file"
    )
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open review file.
pub struct Review {
    conn: Connection,
    path: PathBuf,
}

impl Review {
    /// Open a review file, creating it when it does not exist.
    pub fn open_or_create(path: &Path) -> Result<Review> {
        Self::open_with(path, true)
    }

    /// Open an existing review file.
    pub fn open(path: &Path) -> Result<Review> {
        if !path.exists() {
            return Err(StoreError::Missing { path: path.to_path_buf() });
        }
        Self::open_with(path, false)
    }

    /// Open an existing review file and check it whole first (`PRAGMA quick_check`, which reads
    /// every page): a file damaged in the middle is refused with a sentence when it is opened,
    /// not discovered one view at a time. For opening a review to work in it (the desktop's
    /// Open); commands that read one thing rely on SQLite's own checks as they go.
    pub fn open_checked(path: &Path) -> Result<Review> {
        let review = Self::open(path)?;
        let problems = review.quick_check().map_err(|e| with_path(e, path))?;
        if problems != "ok" {
            let first = problems.lines().next().unwrap_or_default().to_string();
            return Err(StoreError::Damaged { path: path.to_path_buf(), detail: first });
        }
        Ok(review)
    }

    fn open_with(path: &Path, create: bool) -> Result<Review> {
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn = Connection::open_with_flags(path, flags).map_err(|e| annotate(e, path))?;
        // How long to wait for another writer before answering "busy" (tests shorten it).
        let wait = std::env::var("CLEARANCE_BUSY_TIMEOUT_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(5000);
        conn.busy_timeout(Duration::from_millis(wait))?;
        let mut review = Review { conn, path: path.to_path_buf() };
        review.prepare().map_err(|e| with_path(e, path))?;
        Ok(review)
    }

    fn prepare(&mut self) -> Result<()> {
        let app_id: i32 = self.conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let has_tables: i64 = self.conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        if app_id != APPLICATION_ID && (app_id != 0 || has_tables > 0) {
            return Err(StoreError::NotAReview { path: self.path.clone() });
        }
        if version > schema::CURRENT_VERSION {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: version,
                supported: schema::CURRENT_VERSION,
            });
        }
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        // NORMAL in WAL mode: a killed process loses nothing committed; only power loss may
        // lose the last transactions, never consistency.
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            if i + 1 == 4 {
                table::refresh_counts(&tx)?;
            }
            if i + 1 == 13 {
                table::refresh_clarity(&tx, None)?;
            }
            tx.commit()?;
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The raw connection, for tests that damage a review on purpose. Every other crate reads
    /// and writes through `Review`'s methods (the exports included), so the schema stays this
    /// crate's to change.
    #[doc(hidden)]
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// `PRAGMA quick_check`: "ok" or the problems SQLite found (the page-level checks of
    /// `integrity_check`, without comparing indexes with their tables).
    pub fn quick_check(&self) -> Result<String> {
        let mut stmt = self.conn.prepare("PRAGMA quick_check")?;
        let rows: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows.join("\n"))
    }

    /// `PRAGMA integrity_check`: "ok" or the problems SQLite found.
    pub fn integrity_check(&self) -> Result<String> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows.join("\n"))
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }
}

fn annotate(e: rusqlite::Error, path: &Path) -> StoreError {
    match with_path(StoreError::from(e), path) {
        StoreError::Sqlite(e) => StoreError::Invalid(format!("cannot open '{}': {e}", path.display())),
        other => other,
    }
}

/// An error about the file, naming it.
fn with_path(e: StoreError, path: &Path) -> StoreError {
    match e {
        StoreError::NotAReview { .. } => StoreError::NotAReview { path: path.to_path_buf() },
        StoreError::Damaged { detail, .. } => StoreError::Damaged { path: path.to_path_buf(), detail },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word kept in a review file is the same word the UI and the CLI's JSON show (serde's),
    /// and reads back as the value that wrote it — for every stored enum.
    #[test]
    fn stored_words_are_the_serde_words_and_read_back() {
        fn check<T>(all: &[T], word: fn(&T) -> &'static str, parse: fn(&str) -> Option<T>)
        where
            T: serde::Serialize + PartialEq + std::fmt::Debug,
        {
            for v in all {
                assert_eq!(serde_json::to_value(v).unwrap(), serde_json::Value::String(word(v).into()), "{v:?}");
                assert_eq!(parse(word(v)).as_ref(), Some(v));
            }
        }
        check(AuditAction::ALL, |v| v.as_str(), AuditAction::parse);
        check(LapsedKind::ALL, |v| v.as_str(), LapsedKind::parse);
        check(ComponentStatus::ALL, |v| v.as_str(), ComponentStatus::parse);
        check(ObligationStatus::ALL, |v| v.as_str(), ObligationStatus::parse);
        check(ComponentSource::ALL, |v| v.as_str(), ComponentSource::parse);
        check(AnnotationTarget::ALL, |v| v.as_str(), AnnotationTarget::parse);
        check(Exposure::ALL, |v| v.as_str(), Exposure::parse);
        check(VexState::ALL, |v| v.as_str(), VexState::parse);
        check(VexJustification::ALL, |v| v.as_str(), VexJustification::parse);
        check(VexResponse::ALL, |v| v.as_str(), VexResponse::parse);
        check(ClaimKind::ALL, |v| v.as_str(), ClaimKind::parse);
        check(ClaimState::ALL, |v| v.as_str(), ClaimState::parse);
        assert_eq!(AuditAction::parse("delete-everything"), None);
    }

    /// The desktop shows the engine's messages too: they say what is wrong and what to do, in
    /// words; the CLI adds its commands itself.
    #[test]
    fn the_engine_s_messages_name_no_command() {
        let errors = [
            StoreError::Missing { path: "r.clearance".into() },
            StoreError::Frozen,
            StoreError::NotReady(Blockers {
                unconcluded: vec!["a".into()],
                open_obligations: vec![],
                vulnerabilities: vec![],
                second_review: vec![],
            }),
            StoreError::FourEyes { approver: "Ada".into(), decisions: 3 },
            StoreError::ScanRunning(7),
            StoreError::Busy,
            StoreError::Damaged { path: "r.clearance".into(), detail: "database disk image is malformed".into() },
        ];
        for e in errors {
            let m = e.to_string();
            assert!(!m.contains("clearance ") && !m.contains("--"), "{m}");
        }
    }
}
