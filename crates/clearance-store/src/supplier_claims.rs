//! A reviewer's decisions on what a supplier's SBOM claims against what the scan found: a
//! package only one side names, a version or a license they state differently — accepted (the
//! difference is explained) or rejected (the supplier's statement is wrong), with a note, who
//! and when. Each is kept with both sides' words, so it applies only while they stay the same.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::audit::{AuditAction, append};
use crate::review::Actor;
use crate::{Result, Review, StoreError};

/// What a supplier's SBOM and the scan disagree on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum ClaimKind {
    /// The SBOM names a package the scan does not find.
    OnlyInSbom,
    /// The scan finds a package the SBOM omits.
    OnlyInScan,
    Version,
    License,
}

stored_word!(ClaimKind, "claim kind", {
    OnlyInSbom => "only-in-sbom",
    OnlyInScan => "only-in-scan",
    Version => "version",
    License => "license",
});

/// A reviewer's word on a disagreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum ClaimState {
    /// The difference is explained: nothing to correct.
    Accepted,
    /// The supplier's statement is wrong: to be corrected.
    Rejected,
}

stored_word!(ClaimState, "claim state", {
    Accepted => "accepted",
    Rejected => "rejected",
});

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClaimDecision {
    /// The package (its purl without version, or ecosystem/name).
    pub package: String,
    pub kind: ClaimKind,
    /// What the SBOM said, and what the scan found, when it was decided.
    pub claim: String,
    pub evidence: String,
    pub state: ClaimState,
    pub note: String,
    pub reviewer: String,
    pub decided_at: String,
}

fn target(kind: ClaimKind, package: &str) -> String {
    format!("supplier-claim:{} {package}", kind.as_str())
}

/// A claim decision as the audit log records it (the key, `KIND PACKAGE`, is in the target).
pub(crate) fn claim_json(conn: &rusqlite::Connection, key: &str) -> Result<Option<String>> {
    let Some((kind, package)) = key.split_once(' ') else { return Ok(None) };
    Ok(conn
        .query_row(
            "SELECT claim, evidence, state, note, reviewer, decided_at FROM supplier_claims WHERE kind = ?1 AND package = ?2",
            [kind, package],
            |r| {
                Ok(json!({"claim": r.get::<_, String>(0)?, "evidence": r.get::<_, String>(1)?, "state": r.get::<_, String>(2)?,
                    "note": r.get::<_, String>(3)?, "reviewer": r.get::<_, String>(4)?, "decided_at": r.get::<_, String>(5)?})
                .to_string())
            },
        )
        .optional()?)
}

/// The audit keys of every claim decision, for `current_decisions`.
pub(crate) const CLAIM_KEYS: &str = "SELECT kind || ' ' || package FROM supplier_claims";

impl Review {
    /// Decide a disagreement, kept with both sides' words (`claim`, `evidence`). A note is
    /// required.
    #[allow(clippy::too_many_arguments)]
    pub fn resolve_claim(
        &mut self,
        actor: &Actor,
        package: &str,
        kind: ClaimKind,
        claim: &str,
        evidence: &str,
        state: ClaimState,
        note: &str,
    ) -> Result<ClaimDecision> {
        let note = note.trim();
        if note.is_empty() {
            return Err(StoreError::Invalid("say why in a note: the supplier will read it".into()));
        }
        let key = target(kind, package);
        let before = claim_json(&self.conn, key.trim_start_matches("supplier-claim:"))?;
        let tx = self.write_tx()?;
        Self::frozen_guard_pub(&tx)?;
        tx.execute(
            "INSERT INTO supplier_claims (package, kind, claim, evidence, state, note, reviewer, decided_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(package, kind) DO UPDATE SET claim = excluded.claim, evidence = excluded.evidence,
               state = excluded.state, note = excluded.note, reviewer = excluded.reviewer, decided_at = excluded.decided_at",
            params![package, kind, claim, evidence, state, note, actor.name, actor.at],
        )?;
        let after = claim_json(&tx, key.trim_start_matches("supplier-claim:"))?;
        append(&tx, actor.at, actor.name, AuditAction::ResolveClaim, &key, before.as_deref(), after.as_deref())?;
        tx.commit()?;
        Ok(ClaimDecision {
            package: package.to_string(),
            kind,
            claim: claim.to_string(),
            evidence: evidence.to_string(),
            state,
            note: note.to_string(),
            reviewer: actor.name.to_string(),
            decided_at: actor.at.to_string(),
        })
    }

    /// Every claim decision the review holds.
    pub fn claim_decisions(&self) -> Result<Vec<ClaimDecision>> {
        let mut stmt = self.conn.prepare(
            "SELECT package, kind, claim, evidence, state, note, reviewer, decided_at FROM supplier_claims ORDER BY package, kind",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ClaimDecision {
                package: r.get(0)?,
                kind: r.get(1)?,
                claim: r.get(2)?,
                evidence: r.get(3)?,
                state: r.get(4)?,
                note: r.get(5)?,
                reviewer: r.get(6)?,
                decided_at: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
