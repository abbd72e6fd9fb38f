//! What a conclusion was made on, and what happens when that changes. A component's evidence is
//! its license and notice files (by content hash, path relative to the component), the license
//! expressions its files' findings state (false positives included: what the scan saw, not what
//! reviewers decided about it) and its declared license. A conclusion records the evidence of
//! the moment it was made; when a re-scan or the next release shows other evidence, the
//! conclusion lapses — with its status and its obligations' sign-offs — into `lapsed`, with the
//! change named ("LICENSE-MIT changed; newly detected: JSON"), and the audit log says so.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::Result;
use crate::audit::{AuditAction, append};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// License and notice files: path (relative to the component's folder) → SHA-256.
    pub files: BTreeMap<String, String>,
    /// Every license expression the component's findings state.
    pub licenses: BTreeSet<String>,
    pub declared: Option<String>,
}

impl Evidence {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(s: &str) -> Option<Evidence> {
        serde_json::from_str(s).ok()
    }

    /// What changed from `self` (the evidence a decision was made on) to `now`, in words; None
    /// when nothing did.
    pub fn change_to(&self, now: &Evidence) -> Option<String> {
        let mut said = Vec::new();
        let short = |h: &str| h.chars().take(12).collect::<String>();
        for (path, sha) in &self.files {
            match now.files.get(path) {
                Some(s) if s == sha => {}
                Some(s) => said.push(format!("{path} changed (sha256 {} → {})", short(sha), short(s))),
                None => said.push(format!("{path} is gone")),
            }
        }
        for path in now.files.keys().filter(|p| !self.files.contains_key(*p)) {
            said.push(format!("{path} was added"));
        }
        let new: Vec<&str> = now.licenses.difference(&self.licenses).map(String::as_str).collect();
        if !new.is_empty() {
            said.push(format!("newly detected: {}", new.join(", ")));
        }
        let gone: Vec<&str> = self.licenses.difference(&now.licenses).map(String::as_str).collect();
        if !gone.is_empty() {
            said.push(format!("no longer detected: {}", gone.join(", ")));
        }
        if self.declared != now.declared {
            said.push(format!(
                "declared license {} → {}",
                self.declared.as_deref().unwrap_or("none"),
                now.declared.as_deref().unwrap_or("none")
            ));
        }
        if !self.files.is_empty() && now.files.is_empty() && now.licenses.is_empty() {
            said.push("the component has no files in this release".into());
        }
        (!said.is_empty()).then(|| said.join("; "))
    }
}

/// The evidence of every component in one pass over the review, or of one component (its own
/// rows only, by index: a conclusion records it as it is made).
pub(crate) fn evidence_of(conn: &Connection, one: Option<i64>) -> Result<HashMap<i64, Evidence>> {
    let mut out: HashMap<i64, Evidence> = HashMap::new();
    let mut dirs: HashMap<i64, String> = HashMap::new();
    // One component's rows by index; `?1 IS NULL OR x = ?1` would read every row for each.
    let only = |all: &'static str, one_sql: &'static str| if one.is_some() { one_sql } else { all };
    let mut stmt = conn.prepare(only(
        "SELECT id, dir, declared_license FROM components WHERE ?1 IS NULL",
        "SELECT id, dir, declared_license FROM components WHERE id = ?1",
    ))?;
    for row in
        stmt.query_map([one], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)))?
    {
        let (id, dir, declared) = row?;
        out.insert(id, Evidence { declared, ..Default::default() });
        dirs.insert(id, dir);
    }
    let mut stmt = conn.prepare(only(
        "SELECT component_id, path, sha256 FROM files
         WHERE component_id IS NOT NULL AND ?1 IS NULL AND kind IN ('license', 'notice')",
        "SELECT component_id, path, sha256 FROM files WHERE component_id = ?1 AND kind IN ('license', 'notice')",
    ))?;
    for row in stmt.query_map([one], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))? {
        let (id, path, sha) = row?;
        if let (Some(e), Some(dir)) = (out.get_mut(&id), dirs.get(&id)) {
            let rel =
                if dir.is_empty() { path.as_str() } else { path.strip_prefix(&format!("{dir}/")).unwrap_or(&path) };
            e.files.insert(rel.to_string(), sha);
        }
    }
    let mut stmt = conn.prepare(only(
        "SELECT DISTINCT f.component_id, fi.expression FROM findings fi JOIN files f ON f.id = fi.file_id
         WHERE f.component_id IS NOT NULL AND ?1 IS NULL AND fi.expression IS NOT NULL",
        "SELECT DISTINCT f.component_id, fi.expression FROM files f JOIN findings fi ON fi.file_id = f.id
         WHERE f.component_id = ?1 AND fi.expression IS NOT NULL",
    ))?;
    for row in stmt.query_map([one], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, expression) = row?;
        if let Some(e) = out.get_mut(&id) {
            e.licenses.insert(expression);
        }
    }
    Ok(out)
}

/// Record on a conclusion the evidence it stands on: `known` when the caller has it already.
pub(crate) fn record(tx: &Transaction, component_id: i64, known: Option<&Evidence>) -> Result<()> {
    let e = match known {
        Some(e) => e.clone(),
        None => evidence_of(tx, Some(component_id))?.remove(&component_id).unwrap_or_default(),
    };
    tx.execute("UPDATE conclusions SET evidence = ?2 WHERE component_id = ?1", params![component_id, e.to_json()])?;
    Ok(())
}

/// Conclusions made before evidence was recorded (older review files) take the evidence of
/// the moment before a scan changes anything: what they were made on, as near as is known.
pub(crate) fn adopt_missing(tx: &Transaction) -> Result<()> {
    let ids: Vec<i64> = tx
        .prepare("SELECT component_id FROM conclusions WHERE evidence IS NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if ids.is_empty() {
        return Ok(());
    }
    let all = evidence_of(tx, None)?;
    for id in ids {
        let e = all.get(&id).cloned().unwrap_or_default();
        tx.execute("UPDATE conclusions SET evidence = ?2 WHERE component_id = ?1", params![id, e.to_json()])?;
    }
    Ok(())
}

/// After a scan: every conclusion whose component's evidence changed lapses, visibly.
/// Returns how many did.
pub(crate) fn lapse_changed(tx: &Transaction, actor: &str, now: &str) -> Result<usize> {
    let recorded: Vec<(i64, String, Option<String>)> = tx
        .prepare(
            "SELECT k.component_id, c.name || ' ' || coalesce(c.version, ''), k.evidence
             FROM conclusions k JOIN components c ON c.id = k.component_id WHERE k.evidence IS NOT NULL",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if recorded.is_empty() {
        return Ok(0);
    }
    let current = evidence_of(tx, None)?;
    let mut n = 0;
    for (id, name, was) in recorded {
        let Some(was) = was.as_deref().and_then(Evidence::from_json) else { continue };
        let now_evidence = current.get(&id).cloned().unwrap_or_default();
        if let Some(change) = was.change_to(&now_evidence) {
            lapse_conclusion(tx, id, &name, &format!("its evidence changed: {change}"), actor, now)?;
            n += 1;
        }
    }
    Ok(n)
}

/// A conclusion lapses: it moves to `lapsed` (with its status), and so do the sign-offs of
/// its obligations, which become open again; the obligations are derived anew (none, without a
/// conclusion). Each step is in the audit log.
pub(crate) fn lapse_conclusion(
    tx: &Transaction,
    component_id: i64,
    name: &str,
    reason: &str,
    actor: &str,
    now: &str,
) -> Result<()> {
    let target = format!("conclusion:{component_id}");
    let Some(before) = crate::decision_state::state_json(tx, &target)? else { return Ok(()) };
    let signed: Vec<(i64, String)> = tx
        .prepare(
            "SELECT id, license || ' ' || key || ': ' || status || coalesce(' (' || note || ')', '') || ' by ' || reviewer || ' at ' || decided_at
             FROM obligations WHERE component_id = ?1 AND reviewer IS NOT NULL ORDER BY id",
        )?
        .query_map([component_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    tx.execute(
        "INSERT INTO lapsed (kind, target, decision, reason, lapsed_at)
         SELECT 'conclusion', ?2, json_object('expression', expression, 'status', status, 'reviewer', reviewer, 'at', decided_at), ?3, ?4
         FROM conclusions WHERE component_id = ?1",
        params![component_id, name.trim(), reason, now],
    )?;
    tx.execute("DELETE FROM conclusions WHERE component_id = ?1", [component_id])?;
    append(tx, now, actor, AuditAction::Lapse, &target, Some(&before), None)?;
    for (id, said) in signed {
        let target = format!("obligation:{id}");
        let before = crate::decision_state::state_json(tx, &target)?;
        tx.execute(
            "INSERT INTO lapsed (kind, target, decision, reason, lapsed_at) VALUES ('obligation', ?1, ?2, ?3, ?4)",
            params![name.trim(), said, format!("its component's conclusion lapsed: {reason}"), now],
        )?;
        tx.execute("DELETE FROM obligations WHERE id = ?1", [id])?;
        append(tx, now, actor, AuditAction::Lapse, &target, before.as_deref(), None)?;
    }
    // Without a conclusion, no obligations are derived; open ones go too.
    tx.execute("DELETE FROM obligations WHERE component_id = ?1", [component_id])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(files: &[(&str, &str)], licenses: &[&str], declared: Option<&str>) -> Evidence {
        Evidence {
            files: files.iter().map(|(p, h)| (p.to_string(), h.to_string())).collect(),
            licenses: licenses.iter().map(|l| l.to_string()).collect(),
            declared: declared.map(str::to_string),
        }
    }

    #[test]
    fn a_change_is_said_in_words() {
        let was = ev(
            &[("LICENSE-MIT", "aaaa"), ("LICENSE-APACHE", "bbbb")],
            &["MIT", "Apache-2.0"],
            Some("MIT OR Apache-2.0"),
        );
        assert_eq!(was.change_to(&was.clone()), None);
        let now = ev(
            &[("LICENSE-MIT", "cccc"), ("LICENSE-APACHE", "bbbb")],
            &["JSON", "Apache-2.0"],
            Some("MIT OR Apache-2.0"),
        );
        assert_eq!(
            was.change_to(&now).as_deref(),
            Some("LICENSE-MIT changed (sha256 aaaa → cccc); newly detected: JSON; no longer detected: MIT")
        );
        // A package deleted from the tree that a lockfile still lists.
        let ghost = ev(&[], &[], Some("MIT OR Apache-2.0"));
        let said = was.change_to(&ghost).unwrap();
        assert!(said.contains("LICENSE-MIT is gone") && said.contains("no files in this release"), "{said}");
        let declared = ev(&[("LICENSE-MIT", "aaaa"), ("LICENSE-APACHE", "bbbb")], &["MIT", "Apache-2.0"], Some("MIT"));
        assert_eq!(was.change_to(&declared).as_deref(), Some("declared license MIT OR Apache-2.0 → MIT"));
    }
}
