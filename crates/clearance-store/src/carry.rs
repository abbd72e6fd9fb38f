//! Carry-over between releases: a new review takes the decisions of an earlier one — per
//! component by purl (or ecosystem, name and version), per file by content hash — each marked
//! as carried over, never silently made. A decision about a file whose content changed lapses,
//! visibly. And the difference between two reviews, component by component.

use std::collections::HashMap;

use rusqlite::params;
use serde::Serialize;

use crate::audit::append;
use crate::review::{Actor, derive_component, distribution_in};
use crate::{ComponentRow, Result, Review};

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct CarryReport {
    pub from: String,
    pub conclusions: usize,
    pub obligations: usize,
    pub false_positives: usize,
    pub annotations: usize,
    pub distribution: bool,
    pub lapsed: usize,
}

fn component_key(c: &ComponentRow) -> Option<String> {
    if let Some(p) = &c.purl {
        return Some(format!("purl:{p}"));
    }
    c.version.as_ref().map(|v| format!("nv:{}:{}:{v}", c.ecosystem.as_deref().unwrap_or(""), c.name))
}

/// (text, reviewer, when) of a decision or comment.
type Said = (String, String, String);

struct OldFinding {
    detector: String,
    expression: Option<String>,
    start_line: i64,
    end_line: i64,
    false_positive: Option<Said>,
    comments: Vec<Said>,
}

impl Review {
    /// Take the decisions of `old` (an earlier release's review) into this review.
    pub fn carry_over_from(&mut self, old: &Review, actor: &Actor) -> Result<CarryReport> {
        let from = old
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| old.path().display().to_string());
        let mut report = CarryReport { from: from.clone(), ..Default::default() };
        let old_components: HashMap<String, ComponentRow> =
            old.components()?.into_iter().filter_map(|c| component_key(&c).map(|k| (k, c))).collect();
        let new_components = self.components()?;
        let old_obligations = old.obligations(None)?;
        let old_annotations = annotations_of(old, "component")?;
        let old_files = old_file_decisions(old)?;
        let old_paths: HashMap<(String, String), String> =
            old.files(None)?.into_iter().map(|f| ((f.root.clone(), f.path.clone()), f.sha256.clone())).collect();
        let new_files = self.files(None)?;
        let new_findings = self.findings_brief()?;
        let mut findings_by_file: HashMap<i64, Vec<&crate::FindingBrief>> = HashMap::new();
        for f in &new_findings {
            findings_by_file.entry(f.file_id).or_default().push(f);
        }
        let old_modes = old.meta("distribution")?;

        let tx = self.write_tx()?;
        Review::frozen_guard_pub(&tx)?;
        let carried = |what: &str| format!("{from} ({what})");

        if let Some(modes) = old_modes
            && tx.query_row("SELECT count(*) FROM meta WHERE key = 'distribution'", [], |r| r.get::<_, i64>(0))? == 0
        {
            tx.execute("INSERT INTO meta (key, value) VALUES ('distribution', ?1)", [&modes])?;
            let after = serde_json::json!({"modes": modes.split(',').collect::<Vec<_>>()}).to_string();
            append(&tx, actor.at, actor.name, "carry-over", "distribution", None, Some(&after))?;
            report.distribution = true;
        }
        let modes = distribution_in(&tx)?;

        for c in &new_components {
            let Some(key) = component_key(c) else { continue };
            let Some(o) = old_components.get(&key) else { continue };
            let has: i64 =
                tx.query_row("SELECT count(*) FROM conclusions WHERE component_id = ?1", [c.id], |r| r.get(0))?;
            if has == 0
                && let Some(k) = old.conclusion(o.id)?
            {
                tx.execute(
                    "INSERT INTO conclusions (component_id, expression, status, comment, reviewer, decided_at, carried_from) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![c.id, k.expression, k.status, k.comment, k.reviewer, k.decided_at, carried(&key)],
                )?;
                let after = crate::review::state_json_pub(&tx, &format!("conclusion:{}", c.id))?;
                append(
                    &tx,
                    actor.at,
                    actor.name,
                    "carry-over",
                    &format!("conclusion:{}", c.id),
                    None,
                    after.as_deref(),
                )?;
                report.conclusions += 1;
                derive_component(&tx, actor, c.id, &modes)?;
                for ob in old_obligations.iter().filter(|x| x.component_id == o.id && x.reviewer.is_some()) {
                    let n = tx.execute(
                        "UPDATE obligations SET status = ?4, note = ?5, reviewer = ?6, decided_at = ?7, carried_from = ?8
                         WHERE component_id = ?1 AND license = ?2 AND key = ?3 AND reviewer IS NULL",
                        params![c.id, ob.license, ob.key, ob.status, ob.note, ob.reviewer, ob.decided_at, carried(&key)],
                    )?;
                    if n == 1 {
                        let id: i64 = tx.query_row(
                            "SELECT id FROM obligations WHERE component_id = ?1 AND license = ?2 AND key = ?3",
                            params![c.id, ob.license, ob.key],
                            |r| r.get(0),
                        )?;
                        let target = format!("obligation:{id}");
                        let after = crate::review::state_json_pub(&tx, &target)?;
                        append(&tx, actor.at, actor.name, "carry-over", &target, None, after.as_deref())?;
                        report.obligations += 1;
                    }
                }
            }
            for (comment, reviewer, at) in old_annotations.get(&o.id).into_iter().flatten() {
                insert_annotation(&tx, actor, "component", c.id, None, comment, reviewer, at, &carried(&key))?;
                report.annotations += 1;
            }
        }

        for f in &new_files {
            if let Some(old_findings) = old_files.get(&f.sha256) {
                for nf in findings_by_file.get(&f.id).into_iter().flatten() {
                    let Some(of) = old_findings.iter().find(|o| {
                        o.detector == nf.detector
                            && o.expression == nf.expression
                            && o.start_line == nf.start_line
                            && o.end_line == nf.end_line
                    }) else {
                        continue;
                    };
                    if let Some((reason, reviewer, at)) = &of.false_positive {
                        let has: i64 =
                            tx.query_row("SELECT count(*) FROM false_positives WHERE finding_id = ?1", [nf.id], |r| {
                                r.get(0)
                            })?;
                        if has == 0 {
                            tx.execute(
                                "INSERT INTO false_positives (finding_id, reason, reviewer, decided_at, file_sha256, carried_from) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                params![nf.id, reason, reviewer, at, f.sha256, carried(&format!("sha256 {}", &f.sha256[..12]))],
                            )?;
                            let target = format!("false-positive:{}", nf.id);
                            let after = crate::review::state_json_pub(&tx, &target)?;
                            append(&tx, actor.at, actor.name, "carry-over", &target, None, after.as_deref())?;
                            report.false_positives += 1;
                        }
                    }
                    for (comment, reviewer, at) in &of.comments {
                        insert_annotation(
                            &tx,
                            actor,
                            "finding",
                            nf.id,
                            Some(&f.sha256),
                            comment,
                            reviewer,
                            at,
                            &carried(&format!("sha256 {}", &f.sha256[..12])),
                        )?;
                        report.annotations += 1;
                    }
                }
            } else if let Some(old_sha) = old_paths.get(&(f.root.clone(), f.path.clone()))
                && let Some(decisions) = old_files.get(old_sha)
            {
                // Same path, new content: what was decided about the old content does not carry.
                for d in decisions.iter().filter(|d| d.false_positive.is_some() || !d.comments.is_empty()) {
                    let decision = serde_json::json!({
                        "finding": {"detector": d.detector, "expression": d.expression, "lines": [d.start_line, d.end_line]},
                        "false_positive": d.false_positive.as_ref().map(|(r, who, at)| serde_json::json!({"reason": r, "reviewer": who, "at": at})),
                        "comments": d.comments.iter().map(|(c, who, at)| serde_json::json!({"comment": c, "reviewer": who, "at": at})).collect::<Vec<_>>(),
                    });
                    tx.execute(
                        "INSERT INTO lapsed (kind, target, decision, reason, lapsed_at) VALUES ('finding-decision', ?1, ?2, ?3, ?4)",
                        params![format!("{}/{}", f.root, f.path), decision.to_string(), format!("the file changed since {from}"), actor.at],
                    )?;
                    report.lapsed += 1;
                }
            }
        }
        let after = serde_json::to_string(&report).unwrap_or_default();
        append(&tx, actor.at, actor.name, "carry-over", &format!("review:{from}"), None, Some(&after))?;
        tx.commit()?;
        Ok(report)
    }
}

#[allow(clippy::too_many_arguments)]
fn insert_annotation(
    tx: &rusqlite::Transaction,
    actor: &Actor,
    kind: &str,
    target_id: i64,
    sha: Option<&str>,
    comment: &str,
    reviewer: &str,
    at: &str,
    carried_from: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO annotations (target_kind, target_id, file_sha256, comment, reviewer, created_at, carried_from) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![kind, target_id, sha, comment, reviewer, at, carried_from],
    )?;
    let target = format!("annotation:{}", tx.last_insert_rowid());
    let after = crate::review::state_json_pub(tx, &target)?;
    append(tx, actor.at, actor.name, "carry-over", &target, None, after.as_deref())
}

fn annotations_of(review: &Review, kind: &str) -> Result<HashMap<i64, Vec<Said>>> {
    let mut stmt = review.conn().prepare(
        "SELECT target_id, comment, reviewer, created_at FROM annotations WHERE target_kind = ?1 ORDER BY id",
    )?;
    let mut out: HashMap<i64, Vec<Said>> = HashMap::new();
    for row in stmt.query_map([kind], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))? {
        let (id, c, who, at) = row?;
        out.entry(id).or_default().push((c, who, at));
    }
    Ok(out)
}

/// Decisions about findings in the old review, by the content hash of their file.
fn old_file_decisions(old: &Review) -> Result<HashMap<String, Vec<OldFinding>>> {
    let comments = annotations_of(old, "finding")?;
    let mut stmt = old.conn().prepare(
        "SELECT f.sha256, fi.id, fi.detector, fi.expression, fi.start_line, fi.end_line, fp.reason, fp.reviewer, fp.decided_at
         FROM findings fi JOIN files f ON f.id = fi.file_id LEFT JOIN false_positives fp ON fp.finding_id = fi.id
         WHERE fp.finding_id IS NOT NULL OR fi.id IN (SELECT target_id FROM annotations WHERE target_kind = 'finding')",
    )?;
    let mut out: HashMap<String, Vec<OldFinding>> = HashMap::new();
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, i64>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, Option<String>>(7)?,
            r.get::<_, Option<String>>(8)?,
        ))
    })?;
    for row in rows {
        let (sha, id, detector, expression, start_line, end_line, reason, reviewer, at) = row?;
        let false_positive = match (reason, reviewer, at) {
            (Some(r), Some(w), Some(a)) => Some((r, w, a)),
            _ => None,
        };
        out.entry(sha).or_default().push(OldFinding {
            detector,
            expression,
            start_line,
            end_line,
            false_positive,
            comments: comments.get(&id).cloned().unwrap_or_default(),
        });
    }
    Ok(out)
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ComponentChange {
    pub name: String,
    pub ecosystem: Option<String>,
    pub old_version: Option<String>,
    pub new_version: Option<String>,
    pub changes: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct ReviewDiff {
    pub added: Vec<ComponentChange>,
    pub removed: Vec<ComponentChange>,
    pub changed: Vec<ComponentChange>,
}

impl ReviewDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// Components added, removed and changed (version, declared, detected or concluded license)
/// from `old` to `new`. Components are matched by ecosystem and name; the roots with each other.
pub fn diff(old: &Review, new: &Review) -> Result<ReviewDiff> {
    let key = |c: &ComponentRow| {
        if c.is_root { "root".to_string() } else { format!("{}:{}", c.ecosystem.as_deref().unwrap_or(""), c.name) }
    };
    let concluded =
        |r: &Review, id: i64| -> Result<Option<String>> { Ok(r.conclusion(id)?.and_then(|c| c.expression)) };
    let olds = old.components()?;
    let news = new.components()?;
    let mut out = ReviewDiff::default();
    let change =
        |c: &ComponentRow, old_v: Option<String>, new_v: Option<String>, changes: Vec<String>| ComponentChange {
            name: c.name.clone(),
            ecosystem: c.ecosystem.clone(),
            old_version: old_v,
            new_version: new_v,
            changes,
        };
    for n in &news {
        match olds.iter().find(|o| key(o) == key(n)) {
            None => out.added.push(change(
                n,
                None,
                n.version.clone(),
                vec![format!("declared {}", n.declared_license.as_deref().unwrap_or("nothing"))],
            )),
            Some(o) => {
                let mut changes = Vec::new();
                if o.version != n.version {
                    changes.push(format!(
                        "version {} → {}",
                        o.version.as_deref().unwrap_or("-"),
                        n.version.as_deref().unwrap_or("-")
                    ));
                }
                if o.declared_license != n.declared_license {
                    changes.push(format!(
                        "declared license {} → {}",
                        o.declared_license.as_deref().unwrap_or("none"),
                        n.declared_license.as_deref().unwrap_or("none")
                    ));
                }
                if o.detected != n.detected {
                    let gone: Vec<_> = o.detected.iter().filter(|l| !n.detected.contains(l)).cloned().collect();
                    let new: Vec<_> = n.detected.iter().filter(|l| !o.detected.contains(l)).cloned().collect();
                    if !new.is_empty() {
                        changes.push(format!("newly detected: {}", new.join(", ")));
                    }
                    if !gone.is_empty() {
                        changes.push(format!("no longer detected: {}", gone.join(", ")));
                    }
                }
                let (oc, nc) = (concluded(old, o.id)?, concluded(new, n.id)?);
                if oc != nc {
                    changes.push(format!(
                        "concluded {} → {}",
                        oc.as_deref().unwrap_or("nothing"),
                        nc.as_deref().unwrap_or("nothing")
                    ));
                }
                if !changes.is_empty() {
                    out.changed.push(change(n, o.version.clone(), n.version.clone(), changes));
                }
            }
        }
    }
    for o in &olds {
        if !news.iter().any(|n| key(n) == key(o)) {
            out.removed.push(change(
                o,
                o.version.clone(),
                None,
                vec![format!("declared {}", o.declared_license.as_deref().unwrap_or("nothing"))],
            ));
        }
    }
    Ok(out)
}
