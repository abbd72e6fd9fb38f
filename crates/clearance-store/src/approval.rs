//! Release approval: what blocks it (components without an approved conclusion, open
//! obligations, open vulnerabilities the policy denies), approving (with the advisory snapshot it
//! was made against) and reopening, each audited; an approved review is frozen.

use clearance_licenses::Policy;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde_json::json;

use crate::audit::{AuditAction, append};
use crate::review::Actor;
use crate::{Result, Review, StoreError};

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ApprovalState {
    pub approved: bool,
    pub reviewer: Option<String>,
    pub at: Option<String>,
    pub reason: Option<String>,
    /// The hash of the advisory database snapshot the release was approved against.
    pub advisories: Option<String>,
}

/// Why a release cannot be approved yet.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Blockers {
    pub unconcluded: Vec<String>,
    pub open_obligations: Vec<String>,
    /// Open vulnerabilities the review's policy denies (`[vulnerabilities] deny`), each as
    /// "component: advisory (severity)".
    pub vulnerabilities: Vec<String>,
    /// Shipped components flagged "needs second review", each as "component: why (who flagged)".
    pub second_review: Vec<String>,
}

impl Blockers {
    pub fn is_empty(&self) -> bool {
        self.unconcluded.is_empty()
            && self.open_obligations.is_empty()
            && self.vulnerabilities.is_empty()
            && self.second_review.is_empty()
    }
}

impl Review {
    // ----- approval -----

    pub fn approval(&self) -> Result<ApprovalState> {
        Ok(match last_approval(&self.conn)? {
            Some(a) => ApprovalState {
                approved: a.approved,
                reviewer: Some(a.reviewer),
                at: Some(a.at),
                reason: a.reason,
                advisories: a.advisories.filter(|_| a.approved),
            },
            None => ApprovalState { approved: false, reviewer: None, at: None, reason: None, advisories: None },
        })
    }

    /// What stands between the review and approval.
    pub fn blockers(&self) -> Result<Blockers> {
        let mut stmt = self.conn.prepare(concat!(
            "SELECT c.name || CASE WHEN c.version IS NULL THEN '' ELSE ' ' || c.version END FROM components c
             LEFT JOIN conclusions k ON k.component_id = c.id
             WHERE (k.expression IS NULL OR k.status NOT IN ('approved')) AND ",
            shipped_sql!(),
            " ORDER BY lower(c.name)"
        ))?;
        let unconcluded = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare(concat!(
            "SELECT c.name || ': ' || o.license || ' ' || o.key || ' (' || o.status || ')' FROM obligations o JOIN components c ON c.id = o.component_id
             WHERE ",
            shipped_sql!(),
            " AND o.status NOT IN ",
            settled_sql!(),
            " ORDER BY lower(c.name), o.id"
        ))?;
        let open_obligations = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        // A policy that does not parse was refused when it was set; the default stands in.
        let policy = self.policy_text()?.and_then(|t| Policy::parse(&t).ok()).unwrap_or_default();
        let vulnerabilities = self.denied_vulnerabilities(&policy)?;
        let mut stmt = self.conn.prepare(concat!(
            "SELECT c.name || coalesce(' ' || c.version, '') || ': ' || coalesce(a.note, '') || ' (' || coalesce(a.flagged_by, '') || ')'
             FROM assignments a JOIN components c ON c.id = a.component_id WHERE a.second_review AND ",
            shipped_sql!(),
            " ORDER BY lower(c.name)"
        ))?;
        let second_review = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(Blockers { unconcluded, open_obligations, vulnerabilities, second_review })
    }

    /// The open vulnerabilities of shipped components that `policy` denies, as
    /// "component: advisory (severity)".
    pub fn denied_vulnerabilities(&self, policy: &Policy) -> Result<Vec<String>> {
        if policy.vulnerabilities_deny().is_none() {
            return Ok(Vec::new());
        }
        Ok(self
            .vulnerabilities()?
            .into_iter()
            .filter(|v| v.is_open() && v.shipped)
            .filter(|v| policy.denies_vulnerability(v.severity))
            .map(|v| {
                let state = v.triage.as_ref().map_or(String::new(), |t| format!(", {}", t.state));
                format!(
                    "{}: {} ({}{state})",
                    v.component,
                    v.advisory_id,
                    v.severity.map_or("severity unknown", |s| s.as_str())
                )
            })
            .collect())
    }

    /// Approve the release: every component concluded (and approved), every obligation
    /// fulfilled or not applicable — or an explicit override reason. Freezes the review.
    pub fn approve(&mut self, actor: &Actor, override_reason: Option<&str>) -> Result<ApprovalState> {
        let blockers = self.blockers()?;
        let override_reason = override_reason.map(str::trim).filter(|r| !r.is_empty());
        if !blockers.is_empty() && override_reason.is_none() {
            return Err(StoreError::NotReady(blockers));
        }
        // Four eyes is not a blocker an override lifts: it is who may approve.
        let policy = self.policy_text()?.and_then(|t| Policy::parse(&t).ok()).unwrap_or_default();
        if policy.four_eyes() {
            let reviewers = self.reviewers_of_release()?;
            let me = crate::reviewer_key(actor.name);
            if !reviewers.iter().any(|(who, _)| crate::reviewer_key(who) != me) {
                return Err(StoreError::FourEyes {
                    approver: actor.name.to_string(),
                    decisions: reviewers.iter().map(|(_, n)| n).sum(),
                });
            }
        }
        let before = self.state_of_json("approval")?;
        let tx = self.write_tx()?;
        Self::frozen_guard_pub(&tx)?;
        let reason = match override_reason {
            Some(r) if !blockers.is_empty() => Some(format!("override: {r}")),
            Some(r) => Some(r.to_string()),
            None => None,
        };
        // The advisory database snapshot the release was approved against, kept with it.
        let advisories: Option<String> = tx
            .query_row("SELECT value FROM meta WHERE key = 'advisories'", [], |r| r.get(0))
            .optional()?
            .and_then(|v: String| serde_json::from_str::<crate::AdvisorySnapshot>(&v).ok())
            .map(|s| s.hash);
        tx.execute(
            "INSERT INTO approvals (action, reviewer, at, reason, advisories) VALUES ('approve', ?1, ?2, ?3, ?4)",
            params![actor.name, actor.at, reason, advisories],
        )?;
        let after = approval_json(&tx)?;
        append(&tx, actor.at, actor.name, AuditAction::Approve, "approval", before.as_deref(), Some(&after))?;
        tx.commit()?;
        self.approval()
    }

    /// Who decided what the release ships: each reviewer of a conclusion or an obligation's
    /// sign-off of a shipped component (carried and library decisions count under whoever made
    /// them), with how many decisions.
    pub fn reviewers_of_release(&self) -> Result<Vec<(String, usize)>> {
        let sql = concat!(
            "SELECT reviewer, count(*) FROM (
                 SELECT k.reviewer FROM conclusions k JOIN components c ON c.id = k.component_id WHERE ",
            shipped_sql!(),
            " UNION ALL SELECT o.reviewer FROM obligations o JOIN components c ON c.id = o.component_id
                 WHERE o.reviewer IS NOT NULL AND ",
            shipped_sql!(),
            ") GROUP BY reviewer ORDER BY 2 DESC, 1"
        );
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Reopen an approved review for changes (reason required, logged).
    pub fn reopen(&mut self, actor: &Actor, reason: &str) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid("say why the review is reopened (--reason)".into()));
        }
        if !self.is_frozen()? {
            return Err(StoreError::Invalid("the review is not approved: there is nothing to reopen".into()));
        }
        let before = self.state_of_json("approval")?;
        let tx = self.write_tx()?;
        tx.execute(
            "INSERT INTO approvals (action, reviewer, at, reason) VALUES ('reopen', ?1, ?2, ?3)",
            params![actor.name, actor.at, reason],
        )?;
        let after = approval_json(&tx)?;
        append(&tx, actor.at, actor.name, AuditAction::Reopen, "approval", before.as_deref(), Some(&after))?;
        tx.commit()?;
        Ok(())
    }
}

/// The last approval or reopening, as recorded.
struct ApprovalRecord {
    event: i64,
    approved: bool,
    reviewer: String,
    at: String,
    reason: Option<String>,
    advisories: Option<String>,
}

fn last_approval(conn: &rusqlite::Connection) -> Result<Option<ApprovalRecord>> {
    Ok(conn
        .query_row(
            "SELECT id, action, reviewer, at, reason, advisories FROM approvals ORDER BY id DESC LIMIT 1",
            [],
            |r| {
                Ok(ApprovalRecord {
                    event: r.get(0)?,
                    approved: r.get::<_, String>(1)? == "approve",
                    reviewer: r.get(2)?,
                    at: r.get(3)?,
                    reason: r.get(4)?,
                    advisories: r.get(5)?,
                })
            },
        )
        .optional()?)
}

pub(crate) fn approval_json(conn: &rusqlite::Connection) -> Result<String> {
    Ok(match last_approval(conn)? {
        Some(a) => {
            let mut v = json!({"approved": a.approved, "event": a.event, "reviewer": a.reviewer, "at": a.at, "reason": a.reason});
            // Only approvals made against an advisory snapshot say so (older events verify as written).
            if let Some(hash) = a.advisories {
                v["advisories"] = json!(hash);
            }
            v.to_string()
        }
        None => json!({"approved": false}).to_string(),
    })
}
