//! Every decision's canonical state, as the audit log records it before and after each change:
//! `verify_audit` compares what the review holds now (`current_decisions`) with what its last
//! logged event recorded, so a decision changed outside Clearance is caught.

use rusqlite::OptionalExtension;
use serde_json::json;

use crate::approval::approval_json;
use crate::{Result, Review};

impl Review {
    pub(crate) fn state_of_json(&self, target: &str) -> Result<Option<String>> {
        state_json(&self.conn, target)
    }

    /// Every decision held by the review, as (audit target, canonical JSON).
    pub(crate) fn current_decisions(&self) -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        let collect = |sql: &str, prefix: &str, out: &mut Vec<(String, String)>| -> Result<()> {
            let mut stmt = self.conn.prepare(sql)?;
            let keys: Vec<String> = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<_>>()?;
            for k in keys {
                let target = format!("{prefix}:{k}");
                if let Some(j) = state_json(&self.conn, &target)? {
                    out.push((target, j));
                }
            }
            Ok(())
        };
        collect("SELECT CAST(component_id AS TEXT) FROM conclusions", "conclusion", &mut out)?;
        collect("SELECT CAST(finding_id AS TEXT) FROM false_positives", "false-positive", &mut out)?;
        collect("SELECT CAST(id AS TEXT) FROM annotations", "annotation", &mut out)?;
        collect("SELECT CAST(id AS TEXT) FROM obligations WHERE reviewer IS NOT NULL", "obligation", &mut out)?;
        collect("SELECT id FROM license_refs", "license-ref", &mut out)?;
        collect("SELECT CAST(component_id AS TEXT) FROM exclusions", "exclusion", &mut out)?;
        collect(crate::vex::VEX_KEYS, "vex", &mut out)?;
        collect(crate::supplier_claims::CLAIM_KEYS, "supplier-claim", &mut out)?;
        collect(crate::assignment::ASSIGNMENT_KEYS, "assignment", &mut out)?;
        if let Some(j) = state_json(&self.conn, "distribution")? {
            out.push(("distribution".into(), j));
        }
        for target in ["product", "policy"] {
            if let Some(j) = state_json(&self.conn, target)? {
                out.push((target.into(), j));
            }
        }
        let approvals: i64 = self.conn.query_row("SELECT count(*) FROM approvals", [], |r| r.get(0))?;
        if approvals > 0 {
            out.push(("approval".into(), approval_json(&self.conn)?));
        }
        Ok(out)
    }
}

pub(crate) fn state_json(conn: &rusqlite::Connection, target: &str) -> Result<Option<String>> {
    let (kind, key) = target.split_once(':').unwrap_or((target, ""));
    let id = key.parse::<i64>().unwrap_or(-1);
    match kind {
        "conclusion" => conclusion_json(conn, id),
        "false-positive" => false_positive_json(conn, id),
        "annotation" => annotation_json(conn, id),
        "obligation" => obligation_json(conn, id),
        "license-ref" => license_ref_json(conn, key),
        "distribution" => Ok(conn
            .query_row("SELECT value FROM meta WHERE key = 'distribution'", [], |r| r.get::<_, String>(0))
            .optional()?
            .map(|v| json!({"modes": v.split(',').collect::<Vec<_>>()}).to_string())),
        "approval" => Ok(Some(approval_json(conn)?)),
        "policy" => Ok(conn
            .query_row("SELECT value FROM meta WHERE key = 'policy'", [], |r| r.get::<_, String>(0))
            .optional()?
            .map(|v| json!({"policy": v}).to_string())),
        "product" => Ok(conn
            .query_row("SELECT value FROM meta WHERE key = 'product'", [], |r| r.get::<_, String>(0))
            .optional()?),
        "exclusion" => exclusion_json(conn, id),
        "vex" => crate::vex::vex_json(conn, key),
        "supplier-claim" => crate::supplier_claims::claim_json(conn, key),
        "assignment" => crate::assignment::assignment_json(conn, id),
        _ => Ok(None),
    }
}

pub(crate) fn exclusion_json(conn: &rusqlite::Connection, component_id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT reason, reviewer, decided_at, carried_from, by_scan FROM exclusions WHERE component_id = ?1", [component_id], |r| {
            let mut v = json!({"reason": r.get::<_, String>(0)?, "reviewer": r.get::<_, String>(1)?, "decided_at": r.get::<_, String>(2)?,
                "carried_from": r.get::<_, Option<String>>(3)?});
            if r.get::<_, bool>(4)? {
                v["by_scan"] = json!(true);
            }
            Ok(v
            .to_string())
        })
        .optional()?)
}

pub(crate) fn conclusion_json(conn: &rusqlite::Connection, component_id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT expression, status, comment, reviewer, decided_at, carried_from FROM conclusions WHERE component_id = ?1",
            [component_id],
            |r| {
                Ok(json!({"expression": r.get::<_, Option<String>>(0)?, "status": r.get::<_, String>(1)?, "comment": r.get::<_, Option<String>>(2)?,
                    "reviewer": r.get::<_, String>(3)?, "decided_at": r.get::<_, String>(4)?, "carried_from": r.get::<_, Option<String>>(5)?})
                .to_string())
            },
        )
        .optional()?)
}

pub(crate) fn false_positive_json(conn: &rusqlite::Connection, finding_id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT reason, reviewer, decided_at, file_sha256, carried_from FROM false_positives WHERE finding_id = ?1", [finding_id], |r| {
            Ok(json!({"reason": r.get::<_, String>(0)?, "reviewer": r.get::<_, String>(1)?, "decided_at": r.get::<_, String>(2)?,
                "file_sha256": r.get::<_, String>(3)?, "carried_from": r.get::<_, Option<String>>(4)?})
            .to_string())
        })
        .optional()?)
}

pub(crate) fn annotation_json(conn: &rusqlite::Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT target_kind, target_id, file_sha256, comment, reviewer, created_at, carried_from FROM annotations WHERE id = ?1", [id], |r| {
            Ok(json!({"target_kind": r.get::<_, String>(0)?, "target_id": r.get::<_, i64>(1)?, "file_sha256": r.get::<_, Option<String>>(2)?,
                "comment": r.get::<_, String>(3)?, "reviewer": r.get::<_, String>(4)?, "created_at": r.get::<_, String>(5)?,
                "carried_from": r.get::<_, Option<String>>(6)?})
            .to_string())
        })
        .optional()?)
}

pub(crate) fn obligation_json(conn: &rusqlite::Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT component_id, license, key, status, note, reviewer, decided_at, carried_from FROM obligations WHERE id = ?1", [id], |r| {
            Ok(json!({"component_id": r.get::<_, i64>(0)?, "license": r.get::<_, String>(1)?, "key": r.get::<_, String>(2)?,
                "status": r.get::<_, String>(3)?, "note": r.get::<_, Option<String>>(4)?, "reviewer": r.get::<_, Option<String>>(5)?,
                "decided_at": r.get::<_, Option<String>>(6)?, "carried_from": r.get::<_, Option<String>>(7)?})
            .to_string())
        })
        .optional()?)
}

pub(crate) fn license_ref_json(conn: &rusqlite::Connection, id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT name, text, reviewer, created_at FROM license_refs WHERE id = ?1", [id], |r| {
            Ok(json!({"name": r.get::<_, String>(0)?, "text": r.get::<_, String>(1)?, "reviewer": r.get::<_, String>(2)?, "created_at": r.get::<_, String>(3)?}).to_string())
        })
        .optional()?)
}
