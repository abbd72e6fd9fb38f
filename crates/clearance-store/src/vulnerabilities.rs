//! Known vulnerabilities as the last match against the machine's advisory database found them:
//! evidence, replaced whole by the next match, with the snapshot of the database it was made
//! against. (Triage decisions on them are another matter, and audited.)

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::{Result, Review};

/// Whether a component's version is affected by an advisory.
/// Ordered most certain first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Exposure {
    /// Its version is in the advisory's versions or ranges.
    Affected,
    /// It may be: its version is not known or cannot be read.
    Possibly,
    /// It cannot be decided offline (commit ranges only, an ecosystem without a version order).
    Undecidable,
}

stored_word!(Exposure, "exposure", {
    Affected => "affected",
    Possibly => "possibly",
    Undecidable => "undecidable",
});

/// Which advisory database a review was matched against, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AdvisorySnapshot {
    /// A hash of every record id and its `modified`: the same records, the same hash.
    pub hash: String,
    pub records: i64,
    /// The newest record's `modified`: how current the database was.
    pub newest: Option<String>,
    pub matched_at: String,
}

/// One advisory found for one component.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VulnerabilityRow {
    pub component_id: i64,
    /// Name and version.
    pub component: String,
    pub advisory_id: String,
    pub aliases: Vec<String>,
    pub summary: Option<String>,
    pub exposure: Exposure,
    /// Why it is only possibly affected, or cannot be decided offline.
    pub why: Option<String>,
    /// The advisory's `modified` when it was matched.
    pub modified: String,
    /// The highest CVSS base score the advisory gives (0–10), its severity (none, low, medium,
    /// high, critical) and the vector it comes from.
    pub score: Option<f64>,
    pub severity: Option<clearance_licenses::VulnerabilitySeverity>,
    pub vector: Option<String>,
    /// The reviewer's triage of it, when there is one (never set by a match).
    pub triage: Option<crate::Triage>,
    /// The component ships (not marked not shipped): what approval and the gate count.
    /// Read from the review, not stored with the match.
    pub shipped: bool,
}

impl VulnerabilityRow {
    /// Whether it still needs a decision before release: not triaged, or triaged as exploitable
    /// or in triage.
    pub fn is_open(&self) -> bool {
        self.triage.as_ref().is_none_or(|t| !t.state.settles())
    }
}

impl Review {
    /// Replace what the last match found with `found`, made against `snapshot` (each row's
    /// `component` label is not stored: it is read from the component). Refused when the review
    /// is approved: approval keeps the snapshot it was approved against. Triage the new match no
    /// longer supports (the advisory modified since, or no longer matching) lapses, in the name of
    /// `actor`. Returns how many triage decisions lapsed.
    pub fn record_vulnerabilities(
        &mut self,
        actor: &crate::Actor,
        snapshot: &AdvisorySnapshot,
        found: &[VulnerabilityRow],
    ) -> Result<usize> {
        let tx = self.write_tx()?;
        Self::frozen_guard_pub(&tx)?;
        tx.execute("DELETE FROM vulnerabilities", [])?;
        {
            let mut insert = tx.prepare(
                "INSERT OR REPLACE INTO vulnerabilities (component_id, advisory_id, aliases, summary, affects, why, modified, score, severity, vector)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for v in found {
                insert.execute(params![
                    v.component_id,
                    v.advisory_id,
                    serde_json::to_string(&v.aliases).expect("a list of strings"),
                    v.summary,
                    v.exposure,
                    v.why,
                    v.modified,
                    v.score,
                    v.severity.map(|s| s.as_str()),
                    v.vector
                ])?;
            }
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('advisories', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [serde_json::to_string(snapshot).expect("a snapshot as JSON")],
        )?;
        let lapsed = crate::vex::lapse_stale_triage(&tx, actor.name, actor.at)?;
        tx.commit()?;
        Ok(lapsed)
    }

    /// The snapshot of the advisory database the review was last matched against.
    pub fn advisory_snapshot(&self) -> Result<Option<AdvisorySnapshot>> {
        let v: Option<String> =
            self.conn.query_row("SELECT value FROM meta WHERE key = 'advisories'", [], |r| r.get(0)).optional()?;
        Ok(v.and_then(|v| serde_json::from_str(&v).ok()))
    }

    /// What the last match found, by component name and advisory id.
    pub fn vulnerabilities(&self) -> Result<Vec<VulnerabilityRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT v.component_id, c.name || coalesce(' ' || c.version, ''), v.advisory_id, v.aliases, v.summary, v.affects, v.why, v.modified,
                    v.score, v.severity, v.vector, {}, {}
             FROM vulnerabilities v JOIN components c ON c.id = v.component_id
             LEFT JOIN vex t ON t.purl = c.purl AND t.advisory_id = v.advisory_id
             ORDER BY c.name COLLATE NOCASE, c.version, v.advisory_id",
            crate::vex::triage_columns("t"),
            shipped_sql!()
        ))?;
        let rows = stmt.query_map([], |r| {
            let aliases: String = r.get(3)?;
            Ok(VulnerabilityRow {
                component_id: r.get(0)?,
                component: r.get(1)?,
                advisory_id: r.get(2)?,
                aliases: serde_json::from_str(&aliases).unwrap_or_default(),
                summary: r.get(4)?,
                exposure: r.get(5)?,
                why: r.get(6)?,
                modified: r.get(7)?,
                score: r.get(8)?,
                severity: r
                    .get::<_, Option<String>>(9)?
                    .and_then(|s| clearance_licenses::VulnerabilitySeverity::parse(&s)),
                vector: r.get(10)?,
                triage: crate::vex::triage_at(r, 11)?,
                shipped: r.get(21)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
