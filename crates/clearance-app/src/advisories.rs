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

fn data_dir() -> PathBuf {
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
}

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
                severity: m.severity,
                vector: m.vector,
            });
        }
    }
    let snapshot = AdvisorySnapshot { hash, records, newest, matched_at: crate::now() };
    r.record_vulnerabilities(&snapshot, &found)?;
    Ok(MatchReport { snapshot, checked, not_covered, vulnerabilities: r.vulnerabilities()? })
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
