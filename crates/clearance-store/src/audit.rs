//! The audit log: every scan and review action, appended with actor, time, target, and the
//! state before and after, each event hashed together with the previous event's hash. The head
//! hash is also kept in `meta`, so removing the last events is detected too.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{Result, Review};

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What an audit event records. Kept in the log as its word (the word is part of the event's
/// hash, so a word once written never changes); a word no Clearance writes is an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum AuditAction {
    Scan,
    Conclude,
    SignOff,
    Annotate,
    MarkFalsePositive,
    UnmarkFalsePositive,
    Exclude,
    Include,
    AddLicenseRef,
    SetProduct,
    SetPolicy,
    SetDistribution,
    Approve,
    Reopen,
    CarryOver,
    Lapse,
    ObligationWithdrawn,
    Undo,
    Triage,
    ResolveClaim,
    Assign,
    SecondReview,
    Split,
    Merge,
}

stored_word!(AuditAction, "audit action", {
    Scan => "scan",
    Conclude => "conclude",
    SignOff => "sign-off",
    Annotate => "annotate",
    MarkFalsePositive => "mark-false-positive",
    UnmarkFalsePositive => "unmark-false-positive",
    Exclude => "exclude",
    Include => "include",
    AddLicenseRef => "add-license-ref",
    SetProduct => "set-product",
    SetPolicy => "set-policy",
    SetDistribution => "set-distribution",
    Approve => "approve",
    Reopen => "reopen",
    CarryOver => "carry-over",
    Lapse => "lapse",
    ObligationWithdrawn => "obligation-withdrawn",
    Undo => "undo",
    Triage => "triage",
    ResolveClaim => "resolve-claim",
    Assign => "assign",
    SecondReview => "second-review",
    Split => "split",
    Merge => "merge",
});

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditEvent {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: AuditAction,
    pub target: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub hash: String,
}

/// Where verification found the log broken.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BrokenLink {
    /// The first event that does not verify (None: the log's end was cut off).
    pub event_id: Option<i64>,
    pub problem: String,
}

fn event_hash(
    prev: &str,
    at: &str,
    actor: &str,
    action: &str,
    target: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> String {
    let mut h = Sha256::new();
    for part in [prev, at, actor, action, target, before.unwrap_or("\u{0}"), after.unwrap_or("\u{0}")] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Append an event inside the caller's transaction.
pub(crate) fn append(
    conn: &Connection,
    at: &str,
    actor: &str,
    action: AuditAction,
    target: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> Result<()> {
    let prev: String = conn
        .query_row("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string());
    let hash = event_hash(&prev, at, actor, action.as_str(), target, before, after);
    conn.execute(
        "INSERT INTO audit_log (at, actor, action, target, before, after, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![at, actor, action, target, before, after, prev, hash],
    )?;
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('audit_head', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [&hash],
    )?;
    Ok(())
}

/// An `AuditEvent` from the columns `id, at, actor, action, target, before, after, hash`.
fn event_row(r: &rusqlite::Row) -> rusqlite::Result<AuditEvent> {
    Ok(AuditEvent {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        target: r.get(4)?,
        before: r.get(5)?,
        after: r.get(6)?,
        hash: r.get(7)?,
    })
}

impl Review {
    /// The audit log, oldest first, optionally only the events about one target.
    pub fn audit_events(&self, target: Option<&str>) -> Result<Vec<AuditEvent>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, at, actor, action, target, before, after, hash FROM audit_log WHERE ?1 IS NULL OR target = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([target], event_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The events after `from`, up to and including `to`, oldest first.
    pub fn audit_events_between(&self, from: i64, to: i64) -> Result<Vec<AuditEvent>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, at, actor, action, target, before, after, hash FROM audit_log WHERE id > ?1 AND id <= ?2 ORDER BY id",
        )?;
        let rows = stmt.query_map([from, to], event_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The audit events of merged parts (`review merge`) are kept verbatim: each part's chain
    /// must still link from the review's own event it was split at, hash by hash.
    fn verify_merged_chains(&self) -> Result<Option<BrokenLink>> {
        let mut stmt = self.conn.prepare(
            "SELECT part, id, at, actor, action, target, before, after, prev_hash, hash FROM merged_events ORDER BY rowid",
        )?;
        let mut rows = stmt.query([])?;
        let mut last: std::collections::HashMap<String, String> = std::collections::HashMap::new();
        while let Some(r) = rows.next()? {
            let (part, id): (String, i64) = (r.get(0)?, r.get(1)?);
            let (at, actor, action, target): (String, String, String, String) =
                (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
            let (before, after): (Option<String>, Option<String>) = (r.get(6)?, r.get(7)?);
            let (prev_hash, hash): (String, String) = (r.get(8)?, r.get(9)?);
            let follows = last.get(&part) == Some(&prev_hash)
                || self.conn.query_row("SELECT count(*) FROM audit_log WHERE hash = ?1", [&prev_hash], |r| {
                    r.get::<_, i64>(0)
                })? > 0;
            let broken = |problem: &str| {
                Some(BrokenLink { event_id: None, problem: format!("merged part {part}, its event {id}: {problem}") })
            };
            if !follows {
                return Ok(broken("its link to the part's previous event is broken"));
            }
            if event_hash(&prev_hash, &at, &actor, &action, &target, before.as_deref(), after.as_deref()) != hash {
                return Ok(broken("its content does not match its hash (the event was changed)"));
            }
            last.insert(part, hash);
        }
        Ok(None)
    }

    /// Check the chain and that every decision in the review is the one its last logged event
    /// recorded. `Ok(None)` when everything verifies.
    pub fn verify_audit(&self) -> Result<Option<BrokenLink>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, at, actor, action, target, before, after, prev_hash, hash FROM audit_log ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut prev = GENESIS.to_string();
        let mut latest: std::collections::HashMap<String, Option<String>> = std::collections::HashMap::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let (at, actor, action, target): (String, String, String, String) =
                (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
            let (before, after): (Option<String>, Option<String>) = (r.get(5)?, r.get(6)?);
            let (prev_hash, hash): (String, String) = (r.get(7)?, r.get(8)?);
            if prev_hash != prev {
                return Ok(Some(BrokenLink {
                    event_id: Some(id),
                    problem: "its link to the previous event is broken (an event was removed or inserted)".into(),
                }));
            }
            if event_hash(&prev, &at, &actor, &action, &target, before.as_deref(), after.as_deref()) != hash {
                return Ok(Some(BrokenLink {
                    event_id: Some(id),
                    problem: "its content does not match its hash (the event was changed)".into(),
                }));
            }
            latest.insert(target, after);
            prev = hash;
        }
        if let Some(broken) = self.verify_merged_chains()? {
            return Ok(Some(broken));
        }
        let head = self.meta("audit_head")?;
        if head.as_deref().unwrap_or(GENESIS) != prev {
            return Ok(Some(BrokenLink {
                event_id: None,
                problem: "the log ends before its recorded head (events at the end were removed)".into(),
            }));
        }
        // Every decision the review holds must be what its last logged event recorded.
        for (target, now) in self.current_decisions()? {
            match latest.get(&target) {
                Some(Some(after)) if *after == now => {}
                Some(_) => {
                    let last =
                        self.conn.query_row("SELECT max(id) FROM audit_log WHERE target = ?1", [&target], |r| {
                            r.get::<_, i64>(0)
                        })?;
                    return Ok(Some(BrokenLink {
                        event_id: Some(last),
                        problem: format!(
                            "{target} differs from what its last logged event recorded (changed outside Clearance)"
                        ),
                    }));
                }
                None => {
                    return Ok(Some(BrokenLink {
                        event_id: None,
                        problem: format!("{target} has no logged event (written outside Clearance)"),
                    }));
                }
            }
        }
        Ok(None)
    }
}
