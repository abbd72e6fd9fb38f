//! When decisions lapse. A decision pinned to evidence that changed or went (a false-positive
//! mark, a comment on a file or finding, a conclusion on a component no longer in the release)
//! is never deleted silently: it moves to `lapsed`, named by what it was on and why, and the
//! reviewer sees it.

use rusqlite::{OptionalExtension, Transaction, params};

use crate::Result;

/// Decisions pinned to a file's content (false positives, comments on its findings and on the
/// file) lapse when the content changes or the file goes: they move to `lapsed`, visibly.
pub(crate) fn lapse_file_decisions(tx: &Transaction, file_id: i64, path: &str, reason: &str, now: &str) -> Result<()> {
    let decided: Vec<i64> = tx
        .prepare_cached(
            "SELECT id FROM findings WHERE file_id = ?1 AND (id IN (SELECT finding_id FROM false_positives)
               OR id IN (SELECT target_id FROM annotations WHERE target_kind = 'finding'))",
        )?
        .query_map([file_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for finding_id in decided {
        lapse_finding_decisions(tx, finding_id, reason, now)?;
    }
    tx.prepare_cached(
        "INSERT INTO lapsed (kind, target, decision, reason, lapsed_at)
         SELECT 'comment', ?2, json_object('comment', comment, 'reviewer', reviewer, 'at', created_at, 'on', target_kind), ?3, ?4
         FROM annotations WHERE target_kind = 'file' AND target_id = ?1",
    )?
    .execute(params![file_id, path, reason, now])?;
    tx.prepare_cached("DELETE FROM annotations WHERE target_kind = 'file' AND target_id = ?1")?.execute([file_id])?;
    Ok(())
}

/// The decisions on one finding (its false-positive mark, comments on it) move to `lapsed`,
/// named by the file and what the finding said.
pub(crate) fn lapse_finding_decisions(tx: &Transaction, finding_id: i64, reason: &str, now: &str) -> Result<()> {
    let target: String = tx.query_row(
        "SELECT f.path || ': ' || fi.detector || ' ' || coalesce(fi.expression, '?') || ' lines ' || fi.start_line || '-' || fi.end_line
         FROM findings fi JOIN files f ON f.id = fi.file_id WHERE fi.id = ?1",
        [finding_id],
        |r| r.get(0),
    )?;
    tx.prepare_cached(
        "INSERT INTO lapsed (kind, target, decision, reason, lapsed_at)
         SELECT 'false-positive', ?2, json_object('false_positive', reason, 'reviewer', reviewer, 'at', decided_at), ?3, ?4
         FROM false_positives WHERE finding_id = ?1",
    )?
    .execute(params![finding_id, target, reason, now])?;
    tx.prepare_cached(
        "INSERT INTO lapsed (kind, target, decision, reason, lapsed_at)
         SELECT 'comment', ?2, json_object('comment', comment, 'reviewer', reviewer, 'at', created_at, 'on', target_kind), ?3, ?4
         FROM annotations WHERE target_kind = 'finding' AND target_id = ?1",
    )?
    .execute(params![finding_id, target, reason, now])?;
    tx.prepare_cached("DELETE FROM annotations WHERE target_kind = 'finding' AND target_id = ?1")?
        .execute([finding_id])?;
    Ok(())
}

/// A conclusion lapses during a scan, in the name of whoever started it.
pub(crate) fn lapse_conclusion(tx: &Transaction, component_id: i64, name: &str, reason: &str, now: &str) -> Result<()> {
    // Most components that go were never concluded (a registry's thousands of lockfile entries):
    // nothing lapses, and the statement that says so is prepared once.
    if !tx.prepare_cached("SELECT 1 FROM conclusions WHERE component_id = ?1")?.exists([component_id])? {
        return Ok(());
    }
    let actor: String = tx
        .query_row("SELECT value FROM meta WHERE key LIKE 'scan_actor:%' ORDER BY key DESC LIMIT 1", [], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    crate::evidence::lapse_conclusion(tx, component_id, name, reason, &actor, now)
}
