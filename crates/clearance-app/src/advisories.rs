//! Known vulnerabilities offline: the machine's advisory database (OSV dumps imported by the
//! user), shared by every review, in the app's data folder unless another is named.

use std::path::{Path, PathBuf};

use clearance_advisories::{AdvisoryDb, ImportReport, Status};

use crate::Result;

/// The desktop app's identifier: its data folder is `$XDG_DATA_HOME/<identifier>`.
const APP_ID: &str = "dev.clearance.app";

/// Where the advisory database lives by default: the app's data folder (`CLEARANCE_DATA_DIR`,
/// else `$XDG_DATA_HOME/dev.clearance.app`, else `~/.local/share/dev.clearance.app`) — the same
/// one the desktop app uses, so the CLI and the app share it.
pub fn default_path() -> PathBuf {
    data_dir().join("advisories.sqlite")
}

pub(crate) fn data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("CLEARANCE_DATA_DIR") {
        return d.into();
    }
    let base = std::env::var_os("XDG_DATA_HOME").map(PathBuf::from).filter(|p| p.is_absolute()).unwrap_or_else(|| {
        std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(".")).join(".local/share")
    });
    base.join(APP_ID)
}

/// Import OSV dumps (zips, folders, record files) into the database at `db`.
pub fn import(db: &Path, sources: &[PathBuf]) -> Result<ImportReport> {
    Ok(AdvisoryDb::open(db)?.import(sources)?)
}

/// What the database at `db` holds, and how old it is.
pub fn status(db: &Path) -> Result<Status> {
    Ok(AdvisoryDb::open(db)?.status(time::OffsetDateTime::now_utc())?)
}

/// What matching a review against the advisory database found.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MatchReport {
    pub snapshot: clearance_store::AdvisorySnapshot,
    /// Components with a package URL, checked.
    pub checked: usize,
    /// Components whose package URL names an ecosystem OSV does not cover, or none.
    pub not_covered: usize,
    pub vulnerabilities: Vec<clearance_store::VulnerabilityRow>,
    /// Triage decisions this match no longer supports (advisory modified, no longer matching),
    /// lapsed visibly.
    pub lapsed: usize,
}

/// Who the audit log names for what a match does on its own (triage lapsing).
const MATCHER: &str = "clearance (advisory match)";

/// Match every component of the review at `review` that has a package URL against the
/// advisory database at `db`, and record what was found (replacing the last match) with the
/// database's snapshot. Refused for an approved review: it keeps the snapshot it was approved on.
pub fn match_review(db: &Path, review: &Path) -> Result<MatchReport> {
    use clearance_store::{AdvisorySnapshot, Exposure, VulnerabilityRow};
    let advisories = AdvisoryDb::open(db)?;
    let mut r = clearance_store::Review::open(review)?;
    let (hash, records, newest) = advisories.snapshot()?;
    let mut found = Vec::new();
    let (mut checked, mut not_covered) = (0, 0);
    for c in r.components()? {
        let Some(package) = c.purl.as_deref().and_then(clearance_advisories::from_purl) else {
            not_covered += 1;
            continue;
        };
        checked += 1;
        for m in advisories.matches(&package)? {
            let (exposure, why) = match m.affects {
                clearance_advisories::Affects::Yes => (Exposure::Affected, None),
                clearance_advisories::Affects::Possibly(w) => (Exposure::Possibly, Some(w)),
                clearance_advisories::Affects::Undecidable(w) => (Exposure::Undecidable, Some(w)),
            };
            found.push(VulnerabilityRow {
                component_id: c.id,
                component: c.label(),
                advisory_id: m.id,
                aliases: m.aliases,
                summary: m.summary,
                exposure,
                why: why.filter(|w| !w.is_empty()),
                modified: m.modified,
                score: m.score,
                severity: m.severity.as_deref().and_then(clearance_licenses::VulnerabilitySeverity::parse),
                vector: m.vector,
                triage: None,
                shipped: true,
            });
        }
    }
    let snapshot = AdvisorySnapshot { hash, records, newest, matched_at: crate::now() };
    let actor = clearance_store::Actor { name: MATCHER, at: &snapshot.matched_at };
    let lapsed = r.record_vulnerabilities(&actor, &snapshot, &found)?;
    Ok(MatchReport { snapshot, checked, not_covered, vulnerabilities: r.vulnerabilities()?, lapsed })
}

/// What the match a scan runs on its own found (when the machine has an advisory database).
#[derive(Debug, Clone, serde::Serialize)]
pub struct AfterScan {
    pub database: PathBuf,
    /// Vulnerabilities found, and how many of them certainly affect their component.
    pub found: usize,
    pub affected: usize,
    pub lapsed: usize,
    /// Why the match could not run (the scan itself stands).
    pub error: Option<String>,
}

/// Match a freshly scanned review against the machine's advisory database, when there is one.
pub fn match_after_scan(review: &Path) -> Option<AfterScan> {
    let database = default_path();
    if !database.is_file() {
        return None;
    }
    Some(match match_review(&database, review) {
        Ok(m) => AfterScan {
            database,
            found: m.vulnerabilities.len(),
            affected: m.vulnerabilities.iter().filter(|v| v.exposure == clearance_store::Exposure::Affected).count(),
            lapsed: m.lapsed,
            error: None,
        },
        Err(e) => AfterScan { database, found: 0, affected: 0, lapsed: 0, error: Some(e.to_string()) },
    })
}

/// Record a reviewer's triage of a vulnerability found in a component (named by id, name or
/// `name@version`; the advisory by id or alias).
pub fn triage(
    review: &Path,
    reviewer: &crate::reviewer::Reviewer,
    component: &str,
    advisory: &str,
    decision: &clearance_store::TriageDecision,
) -> Result<clearance_store::Triage> {
    let mut r = clearance_store::Review::open(review)?;
    let c = crate::review::find_component(&r, component)?;
    let name = reviewer.to_string();
    let at = crate::now();
    Ok(r.triage(&clearance_store::Actor { name: &name, at: &at }, c.id, advisory, decision)?)
}

/// What the review's last match found, and the snapshot it was made against.
pub fn list(
    review: &Path,
) -> Result<(Option<clearance_store::AdvisorySnapshot>, Vec<clearance_store::VulnerabilityRow>)> {
    let r = clearance_store::Review::open(review)?;
    Ok((r.advisory_snapshot()?, r.vulnerabilities()?))
}

/// The review's known vulnerabilities as the desktop shows them: the last match's findings and
/// the snapshot of the advisory database it was made against (none before a first match).
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VulnerabilityList {
    pub snapshot: Option<clearance_store::AdvisorySnapshot>,
    pub rows: Vec<clearance_store::VulnerabilityRow>,
}

/// The review's known vulnerabilities (the desktop's view of `list`).
pub fn vulnerabilities(review: &Path) -> Result<VulnerabilityList> {
    let (snapshot, rows) = list(review)?;
    Ok(VulnerabilityList { snapshot, rows })
}

/// A reviewer's triage as the desktop sends it.
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TriageRequest {
    pub component_id: i64,
    /// The advisory's id (or one of its aliases).
    pub advisory_id: String,
    pub state: clearance_store::VexState,
    pub justification: Option<clearance_store::VexJustification>,
    pub responses: Vec<clearance_store::VexResponse>,
    pub note: String,
}

/// Record a triage (the desktop's `triage`).
pub fn triage_request(
    review: &Path,
    reviewer: &crate::reviewer::Reviewer,
    request: &TriageRequest,
) -> Result<clearance_store::Triage> {
    let decision = clearance_store::TriageDecision {
        state: request.state,
        justification: request.justification,
        responses: &request.responses,
        note: &request.note,
    };
    triage(review, reviewer, &request.component_id.to_string(), &request.advisory_id, &decision)
}

/// Match the review against the machine's advisory database (the desktop's "Match now").
pub fn match_default(review: &Path) -> Result<VulnerabilityList> {
    let database = default_path();
    if !database.is_file() {
        return Err(crate::AppError::Invalid(
            "this machine has no advisory database yet: import the OSV project's dumps (ECOSYSTEM/all.zip) first"
                .into(),
        ));
    }
    match_review(&database, review)?;
    vulnerabilities(review)
}

/// What importing dumps into the machine's database did, in sentences, and whether the open
/// review was matched against it afterwards.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AdvisoryImport {
    /// One sentence per source: what was added and updated, or why it was not imported.
    pub sources: Vec<String>,
    /// A source could not be imported at all.
    pub failed: bool,
    /// Records the database holds now.
    pub records: i64,
    /// The open review was matched against the database.
    pub matched: bool,
}

/// Import dumps into the machine's database and, when a review is open, match it.
pub fn import_and_match(review: Option<&Path>, sources: &[PathBuf]) -> Result<AdvisoryImport> {
    let database = default_path();
    if let Some(dir) = database.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| crate::AppError::Path { path: dir.to_path_buf(), reason: e.to_string() })?;
    }
    let report = import(&database, sources)?;
    let sentences = report
        .sources
        .iter()
        .map(|s| {
            let name = Path::new(&s.path).file_name().map_or(s.path.clone(), |n| n.to_string_lossy().into_owned());
            match &s.failed {
                Some(why) => format!("{name}: not imported — {why}"),
                None => format!(
                    "{name}: {} added, {} updated, {} unchanged{}",
                    s.added,
                    s.updated,
                    s.unchanged,
                    if s.skipped.is_empty() { String::new() } else { format!(", {} skipped", s.skipped.len()) }
                ),
            }
        })
        .collect();
    let records = status(&database)?.records;
    let matched = match review {
        Some(r) => {
            match_review(&database, r)?;
            true
        }
        None => false,
    };
    Ok(AdvisoryImport { sources: sentences, failed: report.failed(), records, matched })
}
