//! Review as a team: who is to review each component (its assignee: "my queue" is what is
//! assigned to me), and the "needs second review" flag — raised by one reviewer, cleared only by
//! another, and blocking approval while raised. Each change is audited like any decision.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde_json::json;

use crate::audit::{AuditAction, append};
use crate::review::Actor;
use crate::{Result, Review, StoreError};

/// A component's assignment and flag.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Assignment {
    pub component_id: i64,
    /// Who is to review it ("Name <e-mail>" as given).
    pub assignee: Option<String>,
    /// Raised: a second reviewer must look at it; approval waits until one clears it.
    pub second_review: bool,
    /// Who raised the flag, and why.
    pub flagged_by: Option<String>,
    pub note: Option<String>,
    pub reviewer: String,
    pub decided_at: String,
}

/// Who a reviewer is, to compare two of them: the e-mail of "Name <e-mail>", else the name, case
/// and spacing aside.
pub fn reviewer_key(reviewer: &str) -> String {
    match (reviewer.find('<'), reviewer.rfind('>')) {
        (Some(a), Some(b)) if b > a + 1 => reviewer[a + 1..b].trim().to_lowercase(),
        _ => reviewer.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase(),
    }
}

pub(crate) const ASSIGNMENT_KEYS: &str = "SELECT CAST(component_id AS TEXT) FROM assignments";

pub(crate) fn assignment_json(conn: &rusqlite::Connection, component_id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT assignee, second_review, flagged_by, note, reviewer, decided_at FROM assignments WHERE component_id = ?1",
            [component_id],
            |r| {
                Ok(json!({"assignee": r.get::<_, Option<String>>(0)?, "second_review": r.get::<_, bool>(1)?,
                    "flagged_by": r.get::<_, Option<String>>(2)?, "note": r.get::<_, Option<String>>(3)?,
                    "reviewer": r.get::<_, String>(4)?, "decided_at": r.get::<_, String>(5)?})
                .to_string())
            },
        )
        .optional()?)
}

impl Review {
    /// Assign components to a reviewer (None: to nobody). Returns how many changed.
    pub fn assign(&mut self, actor: &Actor, component_ids: &[i64], assignee: Option<&str>) -> Result<usize> {
        let assignee = assignee.map(str::trim).filter(|a| !a.is_empty());
        let tx = self.write_tx()?;
        Review::frozen_guard_pub(&tx)?;
        let mut n = 0;
        for &id in component_ids {
            let target = format!("assignment:{id}");
            let before = assignment_json(&tx, id)?;
            let (current, flagged): (Option<String>, bool) = tx
                .query_row("SELECT assignee, second_review FROM assignments WHERE component_id = ?1", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?
                .unwrap_or((None, false));
            if current.as_deref() == assignee {
                continue;
            }
            if assignee.is_none() && !flagged {
                tx.execute("DELETE FROM assignments WHERE component_id = ?1", [id])?;
            } else {
                tx.execute(
                    "INSERT INTO assignments (component_id, assignee, assignee_key, reviewer, decided_at) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT(component_id) DO UPDATE SET assignee = excluded.assignee, assignee_key = excluded.assignee_key,
                         reviewer = excluded.reviewer, decided_at = excluded.decided_at",
                    params![id, assignee, assignee.map(reviewer_key), actor.name, actor.at],
                )?;
            }
            let after = assignment_json(&tx, id)?;
            append(&tx, actor.at, actor.name, AuditAction::Assign, &target, before.as_deref(), after.as_deref())?;
            n += 1;
        }
        tx.commit()?;
        Ok(n)
    }

    /// Raise the "needs second review" flag (with why), or clear it — which only a reviewer other
    /// than the one who raised it may do. Returns how many changed.
    pub fn second_review(
        &mut self,
        actor: &Actor,
        component_ids: &[i64],
        raise: bool,
        note: Option<&str>,
    ) -> Result<usize> {
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        if raise && note.is_none() {
            return Err(StoreError::Invalid("say what the second reviewer should look at (--note)".into()));
        }
        let tx = self.write_tx()?;
        Review::frozen_guard_pub(&tx)?;
        let mut n = 0;
        for &id in component_ids {
            let target = format!("assignment:{id}");
            let before = assignment_json(&tx, id)?;
            let (flagged, by, assignee): (bool, Option<String>, Option<String>) = tx
                .query_row(
                    "SELECT second_review, flagged_by, assignee FROM assignments WHERE component_id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?
                .unwrap_or((false, None, None));
            if flagged == raise {
                continue;
            }
            if raise {
                tx.execute(
                    "INSERT INTO assignments (component_id, second_review, flagged_by, note, reviewer, decided_at) VALUES (?1, 1, ?2, ?3, ?2, ?4)
                     ON CONFLICT(component_id) DO UPDATE SET second_review = 1, flagged_by = excluded.flagged_by, note = excluded.note,
                         reviewer = excluded.reviewer, decided_at = excluded.decided_at",
                    params![id, actor.name, note, actor.at],
                )?;
            } else {
                if by.as_deref().is_some_and(|b| reviewer_key(b) == reviewer_key(actor.name)) {
                    let name: String = tx.query_row(
                        "SELECT name || coalesce(' ' || version, '') FROM components WHERE id = ?1",
                        [id],
                        |r| r.get(0),
                    )?;
                    return Err(StoreError::Invalid(format!(
                        "{name}: you raised its second-review flag; another reviewer must clear it"
                    )));
                }
                if assignee.is_none() {
                    tx.execute("DELETE FROM assignments WHERE component_id = ?1", [id])?;
                } else {
                    tx.execute(
                        "UPDATE assignments SET second_review = 0, flagged_by = NULL, note = ?2, reviewer = ?3, decided_at = ?4 WHERE component_id = ?1",
                        params![id, note, actor.name, actor.at],
                    )?;
                }
            }
            let after = assignment_json(&tx, id)?;
            append(&tx, actor.at, actor.name, AuditAction::SecondReview, &target, before.as_deref(), after.as_deref())?;
            n += 1;
        }
        tx.commit()?;
        Ok(n)
    }

    /// Every component's assignment and flag.
    pub fn assignments(&self) -> Result<Vec<Assignment>> {
        let mut stmt = self.conn.prepare(
            "SELECT component_id, assignee, second_review, flagged_by, note, reviewer, decided_at FROM assignments ORDER BY component_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Assignment {
                component_id: r.get(0)?,
                assignee: r.get(1)?,
                second_review: r.get(2)?,
                flagged_by: r.get(3)?,
                note: r.get(4)?,
                reviewer: r.get(5)?,
                decided_at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
