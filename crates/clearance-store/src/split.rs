//! A release shared out as parts and merged back. Splitting copies the review file whole into
//! each part (the same evidence, the same ids), recording in the part which components are its
//! reviewer's and the audit head it was split at. Merging takes from each part what its reviewer
//! decided after that head — each decision's final state, keyed so the parts can be compared —
//! and applies it to the review with an audit event saying which part it came from; the part's
//! own events are kept verbatim beside the review's chain. A decision two parts (or a part and
//! the review itself, since the split) left in different states is a conflict: shown, never
//! overwritten.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde_json::Value;

use crate::audit::{AuditAction, append};
use crate::review::{Actor, derive_component, distribution_in};
use crate::{Result, Review, StoreError};

/// What one part of a split review is.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct PartInfo {
    /// The review it was split from, as its path was given.
    pub of: String,
    pub index: usize,
    pub parts: usize,
    /// The audit event the review was split at: (id, hash).
    pub head_id: i64,
    pub head_hash: String,
    /// The components given to this part's reviewer.
    pub components: Vec<i64>,
    /// Names this split: the review's own split event carries it too, so a part is merged only
    /// into the review it was split from (not into another with the same history).
    pub token: String,
}

/// A decision the parts (or a part and the review) left in different states.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MergeConflict {
    pub target: String,
    /// The component it concerns, as "name version", when it concerns one.
    pub component: Option<String>,
    /// Each side's state: ("review" or the part's file name, canonical JSON or "none").
    pub sides: Vec<(String, String)>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct MergeReport {
    pub parts: usize,
    /// Decisions taken from the parts.
    pub merged: usize,
    /// Part events kept verbatim beside the review's chain.
    pub events_kept: usize,
    pub conflicts: Vec<MergeConflict>,
}

const PART_KEY: &str = "part";

fn head(conn: &rusqlite::Connection) -> Result<(i64, String)> {
    Ok(conn
        .query_row("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, String::new())))
}

/// The key under which the parts' decisions are compared. Obligations and comments get new row
/// ids in each copy, so they are known by what they are about.
fn merge_key(target: &str, state: Option<&Value>) -> String {
    let (kind, _) = target.split_once(':').unwrap_or((target, ""));
    match (kind, state) {
        ("obligation", Some(s)) => format!("obligation:{}:{}:{}", s["component_id"], s["license"], s["key"]),
        ("annotation", Some(s)) => {
            format!(
                "annotation:{}:{}:{}:{}:{}",
                s["target_kind"], s["target_id"], s["reviewer"], s["created_at"], s["comment"]
            )
        }
        _ => target.to_string(),
    }
}

impl Review {
    /// The part this review is, if it is one.
    pub fn part_info(&self) -> Result<Option<PartInfo>> {
        Ok(self.meta(PART_KEY)?.and_then(|v| serde_json::from_str(&v).ok()))
    }

    /// Split the review into parts, one file per entry with the components given to it.
    pub fn split_into(&mut self, actor: &Actor, parts: &[(&Path, Vec<i64>)]) -> Result<()> {
        if self.is_frozen()? {
            return Err(StoreError::Frozen);
        }
        if parts.len() < 2 {
            return Err(StoreError::Invalid("a split needs at least two parts".into()));
        }
        let (head_id, head_hash) = head(&self.conn)?;
        let of = self.path().display().to_string();
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let token: String = {
            use sha2::Digest;
            let seed = format!("{of}|{head_hash}|{nanos}|{}", std::process::id());
            sha2::Sha256::digest(seed.as_bytes()).iter().take(16).map(|b| format!("{b:02x}")).collect()
        };
        for (index, (path, components)) in parts.iter().enumerate() {
            if path.exists() {
                return Err(StoreError::Invalid(format!("{} exists already: choose another name", path.display())));
            }
            // A consistent copy of the whole review, written-ahead pages included.
            self.conn.execute("VACUUM INTO ?1", [path.to_string_lossy()])?;
            let info = PartInfo {
                of: of.clone(),
                index: index + 1,
                parts: parts.len(),
                head_id,
                head_hash: head_hash.clone(),
                components: components.clone(),
                token: token.clone(),
            };
            let mut part = Review::open(path)?;
            let json = serde_json::to_string(&info).expect("a part as JSON");
            let tx = part.write_tx()?;
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![PART_KEY, json],
            )?;
            append(&tx, actor.at, actor.name, AuditAction::Split, "review:part", None, Some(&json))?;
            tx.commit()?;
        }
        let record = serde_json::json!({
            "parts": parts.iter().map(|(p, c)| serde_json::json!({"path": p.display().to_string(), "components": c.len()})).collect::<Vec<_>>(),
            "head_id": head_id,
            "token": token,
        })
        .to_string();
        let tx = self.write_tx()?;
        append(&tx, actor.at, actor.name, AuditAction::Split, "review:split", None, Some(&record))?;
        tx.commit()?;
        Ok(())
    }

    /// Merge parts split from this review back into it.
    pub fn merge_from(&mut self, actor: &Actor, parts: &[&Path]) -> Result<MergeReport> {
        if self.is_frozen()? {
            return Err(StoreError::Frozen);
        }
        let mut report = MergeReport { parts: parts.len(), ..Default::default() };
        // Each decision a part made since the split, by merge key: (the part's target, the
        // part's name, its final state, its state at the split).
        let mut finals: BTreeMap<String, Vec<Side>> = BTreeMap::new();
        let mut kept: Vec<(String, crate::AuditEvent, String)> = Vec::new();
        for path in parts {
            let name =
                path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            let part = Review::open(path)?;
            let Some(info) = part.part_info()? else {
                return Err(StoreError::Invalid(format!("{name} is not a part of a split review")));
            };
            let hash_at = |conn: &rusqlite::Connection| -> Result<Option<String>> {
                Ok(conn
                    .query_row("SELECT hash FROM audit_log WHERE id = ?1", [info.head_id], |r| r.get(0))
                    .optional()?)
            };
            let split_here: i64 = self.conn.query_row(
                "SELECT count(*) FROM audit_log WHERE action = 'split' AND target = 'review:split' AND json_extract(after, '$.token') = ?1",
                [&info.token],
                |r| r.get(0),
            )?;
            if split_here == 0
                || hash_at(&self.conn)?.as_deref() != Some(info.head_hash.as_str())
                || hash_at(&part.conn)?.as_deref() != Some(info.head_hash.as_str())
            {
                return Err(StoreError::Invalid(format!(
                    "{name} was not split from this review (their audit chains differ)"
                )));
            }
            if let Some(broken) = part.verify_audit()? {
                let at = broken.event_id.map_or_else(|| "its end".to_string(), |id| format!("event {id}"));
                return Err(StoreError::Invalid(format!(
                    "{name}: its audit log does not verify ({at}: {}); nothing is merged",
                    broken.problem
                )));
            }
            let events = part.audit_events_between(info.head_id, i64::MAX)?;
            let mut seen = std::collections::BTreeSet::new();
            for e in &events {
                if e.target.starts_with("review:") || e.target == "approval" || !seen.insert(e.target.clone()) {
                    continue;
                }
                let state = part.state_of_json(&e.target)?;
                // A removed obligation or comment is known by what it was.
                let about =
                    state.as_deref().or(e.before.as_deref()).and_then(|s| serde_json::from_str::<Value>(s).ok());
                finals.entry(merge_key(&e.target, about.as_ref())).or_default().push(Side {
                    target: e.target.clone(),
                    part: name.clone(),
                    state,
                    at_split: e.before.clone(),
                });
            }
            for e in events {
                let prev: String =
                    part.conn.query_row("SELECT prev_hash FROM audit_log WHERE id = ?1", [e.id], |r| r.get(0))?;
                kept.push((name.clone(), e, prev));
            }
        }

        let tx = self.write_tx()?;
        let modes = distribution_in(&tx)?;
        let mut order: Vec<(&String, &Vec<Side>)> = finals.iter().collect();
        // Conclusions first: they derive the obligations whose sign-offs follow.
        order.sort_by_key(|(k, _)| !k.starts_with("conclusion:"));
        for (key, sides) in order {
            let ours_target =
                local_target(&tx, &sides[0].target, sides[0].state.as_deref().or(sides[0].at_split.as_deref()))?;
            let ours = match &ours_target {
                Some(t) => crate::decision_state::state_json(&tx, t)?,
                None => None,
            };
            let mut wanted: Vec<&Option<String>> = sides.iter().map(|s| &s.state).collect();
            wanted.dedup();
            // The review's own state moved since the split to something no part asks for.
            let moved_here = ours != sides[0].at_split && wanted.iter().all(|w| **w != ours);
            let conflict = |tx: &rusqlite::Transaction| -> Result<MergeConflict> {
                let mut all = vec![("review".to_string(), ours.clone().unwrap_or_else(|| "none".into()))];
                all.extend(sides.iter().map(|s| (s.part.clone(), s.state.clone().unwrap_or_else(|| "none".into()))));
                Ok(MergeConflict { target: key.clone(), component: component_of(tx, key)?, sides: all })
            };
            if wanted.len() > 1 || moved_here {
                report.conflicts.push(conflict(&tx)?);
                continue;
            }
            let wanted = wanted[0].clone();
            if wanted == ours {
                continue;
            }
            let target = ours_target.unwrap_or_else(|| sides[0].target.clone());
            if apply_state(&tx, actor, &target, wanted.as_deref(), &modes)? {
                let after = match local_target(&tx, &target, wanted.as_deref())? {
                    Some(t) => crate::decision_state::state_json(&tx, &t)?,
                    None => None,
                };
                let logged = local_target(&tx, &target, wanted.as_deref())?.unwrap_or(target);
                append(&tx, actor.at, actor.name, AuditAction::Merge, &logged, ours.as_deref(), after.as_deref())?;
                report.merged += 1;
            } else {
                // Not taken (a sign-off of an obligation the review does not have, a kind merging
                // does not take): listed, so nothing a part decided goes missing unsaid.
                report.conflicts.push(conflict(&tx)?);
            }
        }
        for (part, e, prev_hash) in &kept {
            tx.execute(
                "INSERT INTO merged_events (part, id, at, actor, action, target, before, after, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![part, e.id, e.at, e.actor, e.action.as_str(), e.target, e.before, e.after, prev_hash, e.hash],
            )?;
            report.events_kept += 1;
        }
        let summary = serde_json::to_string(&report).unwrap_or_default();
        append(&tx, actor.at, actor.name, AuditAction::Merge, "review:merge", None, Some(&summary))?;
        crate::table::refresh_component_stats(&tx)?;
        tx.commit()?;
        Ok(report)
    }
}

/// One part's word on a decision.
struct Side {
    target: String,
    part: String,
    state: Option<String>,
    at_split: Option<String>,
}

/// The review's own target for a part's: the same for decisions keyed by component, finding or
/// id; for an obligation, the review's row for the same component, license and key; for a
/// comment, the review's row with the same words, author and time (None: it has none).
fn local_target(tx: &rusqlite::Transaction, target: &str, state: Option<&str>) -> Result<Option<String>> {
    let (kind, _) = target.split_once(':').unwrap_or((target, ""));
    let v: Option<Value> = state.and_then(|j| serde_json::from_str(j).ok());
    match (kind, v) {
        ("obligation", Some(v)) => Ok(tx
            .query_row(
                "SELECT id FROM obligations WHERE component_id = ?1 AND license = ?2 AND key = ?3",
                params![v["component_id"].as_i64(), s(&v, "license"), s(&v, "key")],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
            .map(|id| format!("obligation:{id}"))),
        ("annotation", Some(v)) => Ok(tx
            .query_row(
                "SELECT id FROM annotations WHERE target_kind = ?1 AND target_id = ?2 AND comment = ?3 AND reviewer = ?4 AND created_at = ?5",
                params![s(&v, "target_kind"), v["target_id"].as_i64(), s(&v, "comment"), s(&v, "reviewer"), s(&v, "created_at")],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
            .map(|id| format!("annotation:{id}"))),
        ("obligation" | "annotation", None) => Ok(None),
        _ => Ok(Some(target.to_string())),
    }
}

/// The component a merge key concerns, as "name version".
fn component_of(tx: &rusqlite::Transaction, key: &str) -> Result<Option<String>> {
    let mut parts = key.split(':');
    let kind = parts.next().unwrap_or("");
    let id: Option<i64> = match kind {
        "conclusion" | "exclusion" | "assignment" | "obligation" => parts.next().and_then(|p| p.parse().ok()),
        _ => None,
    };
    match id {
        Some(id) => Ok(tx
            .query_row("SELECT name || coalesce(' ' || version, '') FROM components WHERE id = ?1", [id], |r| r.get(0))
            .optional()?),
        None => Ok(None),
    }
}

fn s(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(|x| x.as_str()).map(str::to_string)
}

/// Make the review's decision at `target` what `state` (canonical JSON, or None: no decision)
/// says. Returns false for a kind merging does not take (it is then left to the reviewer).
fn apply_state(
    tx: &rusqlite::Transaction,
    actor: &Actor,
    target: &str,
    state: Option<&str>,
    modes: &[clearance_licenses::Distribution],
) -> Result<bool> {
    let (kind, key) = target.split_once(':').unwrap_or((target, ""));
    let id = key.parse::<i64>().unwrap_or(-1);
    let v: Option<Value> = state.and_then(|j| serde_json::from_str(j).ok());
    match (kind, v) {
        ("conclusion", None) => {
            tx.execute("DELETE FROM conclusions WHERE component_id = ?1", [id])?;
            derive_component(tx, actor, id, modes)?;
        }
        ("conclusion", Some(v)) => {
            tx.execute(
                "INSERT INTO conclusions (component_id, expression, status, comment, reviewer, decided_at, carried_from)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(component_id) DO UPDATE SET expression = excluded.expression, status = excluded.status,
                     comment = excluded.comment, reviewer = excluded.reviewer, decided_at = excluded.decided_at,
                     carried_from = excluded.carried_from",
                params![id, s(&v, "expression"), s(&v, "status"), s(&v, "comment"), s(&v, "reviewer"), s(&v, "decided_at"), s(&v, "carried_from")],
            )?;
            crate::evidence::record(tx, id, None)?;
            derive_component(tx, actor, id, modes)?;
        }
        ("false-positive", None) => {
            tx.execute("DELETE FROM false_positives WHERE finding_id = ?1", [id])?;
        }
        ("false-positive", Some(v)) => {
            tx.execute(
                "INSERT OR REPLACE INTO false_positives (finding_id, reason, reviewer, decided_at, file_sha256, carried_from)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, s(&v, "reason"), s(&v, "reviewer"), s(&v, "decided_at"), s(&v, "file_sha256"), s(&v, "carried_from")],
            )?;
        }
        ("exclusion", None) => {
            tx.execute("DELETE FROM exclusions WHERE component_id = ?1", [id])?;
            derive_component(tx, actor, id, modes)?;
        }
        ("exclusion", Some(v)) => {
            tx.execute(
                "INSERT OR REPLACE INTO exclusions (component_id, reason, reviewer, decided_at, carried_from, by_scan)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    id,
                    s(&v, "reason"),
                    s(&v, "reviewer"),
                    s(&v, "decided_at"),
                    s(&v, "carried_from"),
                    v["by_scan"].as_bool().unwrap_or(false)
                ],
            )?;
        }
        ("assignment", None) => {
            tx.execute("DELETE FROM assignments WHERE component_id = ?1", [id])?;
        }
        ("assignment", Some(v)) => {
            let assignee = s(&v, "assignee");
            tx.execute(
                "INSERT OR REPLACE INTO assignments (component_id, assignee, assignee_key, second_review, flagged_by, note, reviewer, decided_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![id, assignee, assignee.as_deref().map(crate::reviewer_key), v["second_review"].as_bool().unwrap_or(false),
                    s(&v, "flagged_by"), s(&v, "note"), s(&v, "reviewer"), s(&v, "decided_at")],
            )?;
        }
        ("obligation", Some(v)) => {
            // The obligation as the review derived it from the (merged) conclusion.
            let n = tx.execute(
                "UPDATE obligations SET status = ?4, note = ?5, reviewer = ?6, decided_at = ?7, carried_from = ?8
                 WHERE component_id = ?1 AND license = ?2 AND key = ?3",
                params![
                    v["component_id"].as_i64(),
                    s(&v, "license"),
                    s(&v, "key"),
                    s(&v, "status"),
                    s(&v, "note"),
                    s(&v, "reviewer"),
                    s(&v, "decided_at"),
                    s(&v, "carried_from")
                ],
            )?;
            return Ok(n == 1);
        }
        ("annotation", Some(v)) => {
            tx.execute(
                "INSERT INTO annotations (target_kind, target_id, file_sha256, comment, reviewer, created_at, carried_from)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![s(&v, "target_kind"), v["target_id"].as_i64(), s(&v, "file_sha256"), s(&v, "comment"), s(&v, "reviewer"), s(&v, "created_at"), s(&v, "carried_from")],
            )?;
        }
        ("license-ref", Some(v)) => {
            tx.execute(
                "INSERT OR REPLACE INTO license_refs (id, name, text, reviewer, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![key, s(&v, "name"), s(&v, "text"), s(&v, "reviewer"), s(&v, "created_at")],
            )?;
        }
        _ => return Ok(false),
    }
    Ok(true)
}
