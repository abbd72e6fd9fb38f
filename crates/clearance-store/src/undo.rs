//! Undoing a batch of decisions (a bulk action): the audit log already holds what each decision
//! was before, so a batch is remembered as the range of audit events it appended, and undone by
//! putting each decision back as its event's `before` recorded it — only where the decision is
//! still what the batch made it (a later change by anyone is left alone, and said).

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::audit::{AuditAction, append};
use crate::review::{Actor, derive_component, distribution_in};
use crate::{AuditEvent, Result, Review, StoreError};

/// The last batch of decisions, as the review remembers it for undo: its audit events, after
/// `from` up to and including `to` (who made them and when is in the events).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    pub from: i64,
    pub to: i64,
}

/// Actions a batch's events may hold that undo puts back.
const UNDOABLE: &[AuditAction] = &[AuditAction::Conclude, AuditAction::SignOff, AuditAction::Exclude];

impl Review {
    /// The id of the last audit event (0 for none): where a batch starts.
    pub fn audit_head_id(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT coalesce(max(id), 0) FROM audit_log", [], |r| r.get(0))?)
    }

    /// Remember a batch for undo (replacing the last one), or forget it.
    pub fn remember_batch(&mut self, batch: Option<&Batch>) -> Result<()> {
        match batch {
            Some(b) => self.conn.execute(
                "INSERT INTO meta (key, value) VALUES ('last_batch', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [serde_json::to_string(b).expect("a batch as JSON")],
            )?,
            None => self.conn.execute("DELETE FROM meta WHERE key = 'last_batch'", [])?,
        };
        Ok(())
    }

    /// The last batch of decisions, if it can still be undone.
    pub fn last_batch(&self) -> Result<Option<Batch>> {
        let v: Option<String> =
            self.conn.query_row("SELECT value FROM meta WHERE key = 'last_batch'", [], |r| r.get(0)).optional()?;
        Ok(v.and_then(|v| serde_json::from_str(&v).ok()))
    }

    /// The batch's events that undo puts back, in the order they were made.
    pub fn batch_events(&self, b: &Batch) -> Result<Vec<AuditEvent>> {
        Ok(self.audit_events_between(b.from, b.to)?.into_iter().filter(|e| UNDOABLE.contains(&e.action)).collect())
    }

    /// Put one decision back as `event` found it. `Ok(false)` when the decision is no longer
    /// what the event made it (changed since): it is left as it is. Audited as "undo".
    pub fn undo_event(&mut self, actor: &Actor, event: &AuditEvent) -> Result<bool> {
        let target = event.target.as_str();
        let now = self.state_of_json(target)?;
        if now != event.after {
            return Ok(false);
        }
        let before: Option<Value> =
            event.before.as_deref().map(serde_json::from_str).transpose().map_err(|e| {
                StoreError::Invalid(format!("the audit event {} holds no readable state: {e}", event.id))
            })?;
        let (kind, key) = target.split_once(':').unwrap_or((target, ""));
        let id: i64 = key.parse().map_err(|_| StoreError::Invalid(format!("cannot undo {target}")))?;
        let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        let tx = self.write_tx()?;
        Self::frozen_guard_pub(&tx)?;
        match (kind, &before) {
            ("conclusion", None) => {
                tx.execute("DELETE FROM conclusions WHERE component_id = ?1", [id])?;
            }
            ("conclusion", Some(b)) => {
                tx.execute(
                    "INSERT INTO conclusions (component_id, expression, status, comment, reviewer, decided_at, carried_from) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT(component_id) DO UPDATE SET expression = excluded.expression, status = excluded.status, comment = excluded.comment,
                       reviewer = excluded.reviewer, decided_at = excluded.decided_at, carried_from = excluded.carried_from",
                    params![
                        id,
                        text(b, "expression"),
                        text(b, "status"),
                        text(b, "comment"),
                        text(b, "reviewer"),
                        text(b, "decided_at"),
                        text(b, "carried_from")
                    ],
                )?;
                crate::evidence::record(&tx, id, None)?;
            }
            ("obligation", Some(b)) => {
                tx.execute(
                    "UPDATE obligations SET status = ?2, note = ?3, reviewer = ?4, decided_at = ?5, carried_from = ?6 WHERE id = ?1",
                    params![
                        id,
                        text(b, "status"),
                        text(b, "note"),
                        text(b, "reviewer"),
                        text(b, "decided_at"),
                        text(b, "carried_from")
                    ],
                )?;
            }
            ("exclusion", None) => {
                tx.execute("DELETE FROM exclusions WHERE component_id = ?1", [id])?;
            }
            ("exclusion", Some(b)) => {
                tx.execute(
                    "INSERT INTO exclusions (component_id, reason, reviewer, decided_at, carried_from, by_scan) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT(component_id) DO UPDATE SET reason = excluded.reason, reviewer = excluded.reviewer,
                       decided_at = excluded.decided_at, carried_from = excluded.carried_from, by_scan = excluded.by_scan",
                    params![
                        id,
                        text(b, "reason"),
                        text(b, "reviewer"),
                        text(b, "decided_at"),
                        text(b, "carried_from"),
                        b.get("by_scan").and_then(Value::as_bool).unwrap_or(false)
                    ],
                )?;
            }
            _ => return Err(StoreError::Invalid(format!("cannot undo {target}"))),
        }
        let after = crate::decision_state::state_json(&tx, target)?;
        append(&tx, actor.at, actor.name, AuditAction::Undo, target, now.as_deref(), after.as_deref())?;
        if kind == "conclusion" {
            let modes = distribution_in(&tx)?;
            derive_component(&tx, actor, id, &modes)?;
        }
        tx.commit()?;
        Ok(true)
    }
}
