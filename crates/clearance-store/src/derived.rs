//! Findings the scan's end derives from several files at once — a DEP-5 `debian/copyright`
//! applied to the files it covers, a header's pointer read with the license file it points at.
//! They are recomputed on every scan (the evidence they come from may have changed), but a row
//! that is derived again the same way is the same finding: it keeps its id, so reviewers'
//! decisions on it (false positives, comments) stay. A finding no longer derived goes, and the
//! decisions on it lapse visibly, never silently.

use std::collections::HashMap;

use rusqlite::{Transaction, params};

use crate::Result;

/// One derived finding, as it should be now.
pub(crate) struct Derived {
    pub file_id: i64,
    pub expression: Option<String>,
    pub original: String,
    pub score: f64,
    pub start_line: i64,
    pub end_line: i64,
    pub matched_text: String,
    pub diagnostic: Option<String>,
    pub notes: Vec<String>,
}

/// Make the `detector`'s findings under the root exactly `wanted`, keeping the rows (and the
/// decisions on them) of findings that are derived again: same file, lines, text and license.
pub(crate) fn sync(tx: &Transaction, root_id: i64, detector: &str, wanted: Vec<Derived>, now: &str) -> Result<()> {
    type Key = (i64, i64, i64, String, Option<String>);
    let mut existing: HashMap<Key, i64> = HashMap::new();
    let rows: Vec<(i64, Key)> = tx
        .prepare(
            "SELECT fi.id, fi.file_id, fi.start_line, fi.end_line, coalesce(fi.original, ''), fi.expression
             FROM findings fi JOIN files f ON f.id = fi.file_id WHERE f.root_id = ?1 AND fi.detector = ?2",
        )?
        .query_map(params![root_id, detector], |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, key) in rows {
        existing.insert(key, id);
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO findings (file_id, detector, expression, original, score, start_line, end_line, matched_text, diagnostic, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut update = tx.prepare_cached(
        "UPDATE findings SET score = ?2, matched_text = ?3, diagnostic = ?4, notes = ?5 WHERE id = ?1",
    )?;
    let mut insert_license = tx.prepare_cached("INSERT INTO finding_licenses (finding_id, license) VALUES (?1, ?2)")?;
    for d in wanted {
        let notes = serde_json::to_string(&d.notes).unwrap_or_else(|_| "[]".into());
        let key = (d.file_id, d.start_line, d.end_line, d.original.clone(), d.expression.clone());
        if let Some(id) = existing.remove(&key) {
            update.execute(params![id, d.score, d.matched_text, d.diagnostic, notes])?;
            continue;
        }
        insert.execute(params![
            d.file_id,
            detector,
            d.expression,
            d.original,
            d.score,
            d.start_line,
            d.end_line,
            d.matched_text,
            d.diagnostic,
            notes
        ])?;
        let finding_id = tx.last_insert_rowid();
        for id in d.expression.as_deref().map(clearance_licenses::license_ids_in).unwrap_or_default() {
            insert_license.execute(params![finding_id, id])?;
        }
    }
    for id in existing.into_values() {
        crate::lapse::lapse_finding_decisions(
            tx,
            id,
            "the scan no longer derives this finding (the file it was read with changed or went)",
            now,
        )?;
        tx.execute("DELETE FROM findings WHERE id = ?1", [id])?;
    }
    Ok(())
}
