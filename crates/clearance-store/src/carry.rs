//! Carry-over between releases: a new review takes the decisions of an earlier one — per
//! component by purl (or ecosystem, name and version), per file by content hash — each marked
//! as carried over, never silently made. A decision about a file whose content changed lapses,
//! visibly. And the difference between two reviews, component by component.

use std::collections::HashMap;

use rusqlite::params;
use serde::Serialize;

use crate::audit::{AuditAction, append};
use crate::library_io::component_key;
use crate::review::{Actor, derive_component, distribution_in};
use crate::{ComponentRow, Result, Review};

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct CarryReport {
    pub from: String,
    pub conclusions: usize,
    pub obligations: usize,
    pub false_positives: usize,
    pub annotations: usize,
    pub exclusions: usize,
    pub license_refs: usize,
    pub distribution: bool,
    /// Decisions on findings whose file changed.
    pub lapsed: usize,
    /// Conclusions not carried because their component's evidence changed (its license files,
    /// what is detected in it, its declared license), each with the change in words.
    pub lapsed_conclusions: Vec<String>,
    /// Vulnerability triage carried (by package version and advisory).
    pub triage: usize,
    /// Triage not carried because the package's version changed, in words.
    pub lapsed_triage: Vec<String>,
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
        // The evidence each old conclusion was made on (recorded, or for files written before
        // Clearance recorded it, the old review's own state), against this release's.
        let old_recorded: HashMap<i64, Option<String>> = old
            .conn()
            .prepare("SELECT component_id, evidence FROM conclusions")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let old_state = crate::evidence::evidence_of(old.conn(), None)?;
        let new_state = crate::evidence::evidence_of(self.conn(), None)?;
        let old_refs: Vec<(String, String, String, String, String)> = old
            .conn()
            // Texts from the LicenseDB are registered by the scans that need them.
            .prepare("SELECT id, name, text, reviewer, created_at FROM license_refs WHERE id NOT LIKE 'LicenseRef-scancode-%' ORDER BY id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<rusqlite::Result<_>>()?;

        let tx = self.write_tx()?;
        Review::frozen_guard_pub(&tx)?;
        let carried = |what: &str| format!("{from} ({what})");

        if let Some(modes) = old_modes
            && tx.query_row("SELECT count(*) FROM meta WHERE key = 'distribution'", [], |r| r.get::<_, i64>(0))? == 0
        {
            tx.execute("INSERT INTO meta (key, value) VALUES ('distribution', ?1)", [&modes])?;
            let after = serde_json::json!({"modes": modes.split(',').collect::<Vec<_>>()}).to_string();
            append(&tx, actor.at, actor.name, AuditAction::CarryOver, "distribution", None, Some(&after))?;
            report.distribution = true;
        }
        let modes = distribution_in(&tx)?;

        // Texts of licenses outside the SPDX list, before the conclusions that name them.
        for (id, name, text, reviewer, at) in &old_refs {
            if take_license_ref(&tx, actor, id, name, text, (reviewer, at))? {
                report.license_refs += 1;
            }
        }

        for c in &new_components {
            let Some(key) = component_key(c) else { continue };
            let Some(o) = old_components.get(&key) else { continue };
            if let Some((reason, reviewer, at)) = old.reviewer_exclusion(o.id)? {
                let n = tx.execute(
                    "INSERT INTO exclusions (component_id, reason, reviewer, decided_at, carried_from) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT(component_id) DO NOTHING",
                    params![c.id, reason, reviewer, at, carried(&key)],
                )?;
                if n == 1 {
                    let target = format!("exclusion:{}", c.id);
                    let after = crate::decision_state::state_json(&tx, &target)?;
                    append(&tx, actor.at, actor.name, AuditAction::CarryOver, &target, None, after.as_deref())?;
                    report.exclusions += 1;
                }
            }
            let has: i64 =
                tx.query_row("SELECT count(*) FROM conclusions WHERE component_id = ?1", [c.id], |r| r.get(0))?;
            let old_conclusion = if has == 0 { old.conclusion(o.id)? } else { None };
            let now = new_state.get(&c.id).cloned().unwrap_or_default();
            let change = old_conclusion.as_ref().and_then(|_| {
                let was = old_recorded
                    .get(&o.id)
                    .cloned()
                    .flatten()
                    .and_then(|j| crate::Evidence::from_json(&j))
                    .or_else(|| old_state.get(&o.id).cloned())
                    .unwrap_or_default();
                was.change_to(&now)
            });
            if let Some(k) = &old_conclusion
                && let Some(change) = &change
            {
                // The evidence the decision was made on is not what this release holds: the
                // conclusion, its status and its obligations' sign-offs stay behind, visibly.
                let name = format!("{} {}", c.name, c.version.as_deref().unwrap_or(""));
                let reason = format!("its evidence changed since {from}: {change}");
                let decision = serde_json::json!({
                    "expression": k.expression, "status": k.status, "reviewer": k.reviewer, "at": k.decided_at,
                    "sign_offs": old_obligations.iter().filter(|x| x.component_id == o.id && x.reviewer.is_some())
                        .map(|x| format!("{} {}: {}", x.license, x.key, x.status)).collect::<Vec<_>>(),
                });
                // Said once: a second carry-over from the same review finds it lapsed already.
                let said: i64 = tx.query_row(
                    "SELECT count(*) FROM lapsed WHERE kind = 'conclusion' AND target = ?1 AND reason = ?2",
                    params![name.trim(), reason],
                    |r| r.get(0),
                )?;
                if said == 0 {
                    tx.execute(
                        "INSERT INTO lapsed (kind, target, decision, reason, lapsed_at) VALUES ('conclusion', ?1, ?2, ?3, ?4)",
                        params![name.trim(), decision.to_string(), reason, actor.at],
                    )?;
                    append(
                        &tx,
                        actor.at,
                        actor.name,
                        AuditAction::Lapse,
                        &format!("conclusion:{}", c.id),
                        Some(&decision.to_string()),
                        None,
                    )?;
                }
                report.lapsed_conclusions.push(format!("{}: {change}", name.trim()));
            } else if let Some(k) = old_conclusion {
                tx.execute(
                    "INSERT INTO conclusions (component_id, expression, status, comment, reviewer, decided_at, carried_from) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![c.id, k.expression, k.status, k.comment, k.reviewer, k.decided_at, carried(&key)],
                )?;
                let after = crate::decision_state::state_json(&tx, &format!("conclusion:{}", c.id))?;
                append(
                    &tx,
                    actor.at,
                    actor.name,
                    AuditAction::CarryOver,
                    &format!("conclusion:{}", c.id),
                    None,
                    after.as_deref(),
                )?;
                crate::evidence::record(&tx, c.id, Some(&now))?;
                report.conclusions += 1;
                derive_component(&tx, actor, c.id, &modes)?;
                for ob in old_obligations.iter().filter(|x| x.component_id == o.id && x.reviewer.is_some()) {
                    let n = tx.execute(
                        "UPDATE obligations SET status = ?4, note = ?5, reviewer = ?6, decided_at = ?7, carried_from = ?8
                         WHERE component_id = ?1 AND license = ?2 AND key = ?3 AND reviewer IS NULL",
                        params![c.id, ob.license, ob.key, ob.status.as_str(), ob.note, ob.reviewer, ob.decided_at, carried(&key)],
                    )?;
                    if n == 1 {
                        let id: i64 = tx.query_row(
                            "SELECT id FROM obligations WHERE component_id = ?1 AND license = ?2 AND key = ?3",
                            params![c.id, ob.license, ob.key],
                            |r| r.get(0),
                        )?;
                        let target = format!("obligation:{id}");
                        let after = crate::decision_state::state_json(&tx, &target)?;
                        append(&tx, actor.at, actor.name, AuditAction::CarryOver, &target, None, after.as_deref())?;
                        report.obligations += 1;
                    }
                }
            }
            for (comment, reviewer, at) in old_annotations.get(&o.id).into_iter().flatten() {
                if insert_annotation(&tx, actor, "component", c.id, None, comment, reviewer, at, &carried(&key))? {
                    report.annotations += 1;
                }
            }
        }

        for f in &new_files {
            if let Some(old_findings) = old_files.get(&f.sha256) {
                for nf in findings_by_file.get(&f.id).into_iter().flatten() {
                    let Some(of) = old_findings.iter().find(|o| {
                        o.detector == nf.detector.as_str()
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
                            let after = crate::decision_state::state_json(&tx, &target)?;
                            append(&tx, actor.at, actor.name, AuditAction::CarryOver, &target, None, after.as_deref())?;
                            report.false_positives += 1;
                        }
                    }
                    for (comment, reviewer, at) in &of.comments {
                        let carried_from = carried(&format!("sha256 {}", &f.sha256[..12]));
                        if insert_annotation(
                            &tx,
                            actor,
                            "finding",
                            nf.id,
                            Some(&f.sha256),
                            comment,
                            reviewer,
                            at,
                            &carried_from,
                        )? {
                            report.annotations += 1;
                        }
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
        let triage = crate::vex::carry_triage(&tx, old, &from, actor)?;
        report.triage = triage.carried;
        report.lapsed_triage = triage.lapsed;
        let after = serde_json::to_string(&report).unwrap_or_default();
        append(&tx, actor.at, actor.name, AuditAction::CarryOver, &format!("review:{from}"), None, Some(&after))?;
        // Carried false positives are no longer evidence in the table.
        crate::table::refresh_component_stats(&tx)?;
        tx.commit()?;
        Ok(report)
    }
}

/// Record a LicenseRef's text another review (or the library) holds, unless this review has one
/// by that id: audited as carried over. True when it was recorded.
pub(crate) fn take_license_ref(
    tx: &rusqlite::Transaction,
    actor: &Actor,
    id: &str,
    name: &str,
    text: &str,
    (reviewer, at): (&str, &str),
) -> Result<bool> {
    let n = tx.execute(
        "INSERT INTO license_refs (id, name, text, reviewer, created_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(id) DO NOTHING",
        params![id, name, text, reviewer, at],
    )?;
    if n == 1 {
        let target = format!("license-ref:{id}");
        let after = crate::decision_state::state_json(tx, &target)?;
        append(tx, actor.at, actor.name, AuditAction::CarryOver, &target, None, after.as_deref())?;
    }
    Ok(n == 1)
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
) -> Result<bool> {
    // A comment carries once: a second carry-over (or one from a review that already carried
    // it) finds the same words by the same reviewer at the same time.
    let there: i64 = tx.query_row(
        "SELECT count(*) FROM annotations WHERE target_kind = ?1 AND target_id = ?2 AND comment = ?3 AND reviewer = ?4 AND created_at = ?5",
        params![kind, target_id, comment, reviewer, at],
        |r| r.get(0),
    )?;
    if there > 0 {
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO annotations (target_kind, target_id, file_sha256, comment, reviewer, created_at, carried_from) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![kind, target_id, sha, comment, reviewer, at, carried_from],
    )?;
    let target = format!("annotation:{}", tx.last_insert_rowid());
    let after = crate::decision_state::state_json(tx, &target)?;
    append(tx, actor.at, actor.name, AuditAction::CarryOver, &target, None, after.as_deref())?;
    Ok(true)
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ComponentChange {
    /// The component in the newer review (none for one that was removed).
    pub id: Option<i64>,
    pub name: String,
    pub ecosystem: Option<String>,
    pub old_version: Option<String>,
    pub new_version: Option<String>,
    pub changes: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

/// Components added, removed and changed from `old` to `new`.
///
/// Components are paired by purl (which names the version), then — for a new version of a
/// package, or one without a purl — by ecosystem and name at the same place in the tree (the
/// manifest's folder with versions taken out, so `vendor/aes-0.8.3` pairs with
/// `vendor/aes-0.8.4`), then by ecosystem and name when exactly one of each is left; the roots
/// pair with each other. A package whose files are gone but that a lockfile still lists is
/// removed from what ships. For a pair, the changes are said: version, declared, detected and
/// concluded license, and the license and notice files that changed, came or went.
pub fn diff(old: &Review, new: &Review) -> Result<ReviewDiff> {
    // A bundled package's own development lockfile is not part of the release.
    let olds = old.components()?;
    let dev = crate::development_entries(&olds);
    let olds: Vec<ComponentRow> = olds.into_iter().filter(|c| !dev.contains(&c.id)).collect();
    let news = new.components()?;
    let dev = crate::development_entries(&news);
    let news: Vec<ComponentRow> = news.into_iter().filter(|c| !dev.contains(&c.id)).collect();
    let old_evidence = crate::evidence::evidence_of(old.conn(), None)?;
    let new_evidence = crate::evidence::evidence_of(new.conn(), None)?;
    let concluded =
        |r: &Review, id: i64| -> Result<Option<String>> { Ok(r.conclusion(id)?.and_then(|c| c.expression)) };
    let shipped = |c: &ComponentRow| c.is_root || c.files > 0 || c.source != crate::ComponentSource::Lockfile;
    let name_key = |c: &ComponentRow| format!("{}:{}", c.ecosystem.as_deref().unwrap_or(""), c.name);
    // The place of a component in its tree, versions left out.
    let place = |c: &ComponentRow| {
        let dir = c.dir.split('/').map(|seg| strip_version(seg, c.version.as_deref())).collect::<Vec<_>>().join("/");
        format!("{}|{}", name_key(c), dir)
    };

    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut old_taken = vec![false; olds.len()];
    let mut new_taken = vec![false; news.len()];
    let mut pair_by = |key: &dyn Fn(&ComponentRow) -> Option<String>, unique: bool| {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, o) in olds.iter().enumerate() {
            if !old_taken[i]
                && let Some(k) = key(o)
            {
                by_key.entry(k).or_default().push(i);
            }
        }
        let mut news_by_key: HashMap<String, usize> = HashMap::new();
        for (j, n) in news.iter().enumerate() {
            if !new_taken[j]
                && let Some(k) = key(n)
            {
                *news_by_key.entry(k).or_default() += 1;
            }
        }
        for (j, n) in news.iter().enumerate() {
            if new_taken[j] {
                continue;
            }
            let Some(k) = key(n) else { continue };
            let Some(candidates) = by_key.get_mut(&k) else { continue };
            if unique && (candidates.len() != 1 || news_by_key.get(&k) != Some(&1)) {
                continue;
            }
            if let Some(pos) = candidates.iter().position(|&i| !old_taken[i]) {
                let i = candidates.remove(pos);
                old_taken[i] = true;
                new_taken[j] = true;
                pairs.push((i, j));
            }
        }
    };
    pair_by(&|c: &ComponentRow| c.is_root.then(|| format!("root:{}", c.root)), false);
    pair_by(&|c: &ComponentRow| c.is_root.then(|| "root".to_string()), true);
    pair_by(&|c: &ComponentRow| c.purl.clone().map(|p| format!("purl:{p}")), false);
    pair_by(&|c: &ComponentRow| (!c.is_root).then(|| place(c)), false);
    pair_by(&|c: &ComponentRow| (!c.is_root).then(|| name_key(c)), true);

    let mut out = ReviewDiff::default();
    let change =
        |c: &ComponentRow, old_v: Option<String>, new_v: Option<String>, changes: Vec<String>| ComponentChange {
            id: None,
            name: c.name.clone(),
            ecosystem: c.ecosystem.clone(),
            old_version: old_v,
            new_version: new_v,
            changes,
        };
    pairs.sort_by_key(|&(_, j)| j);
    for (i, j) in pairs {
        let (o, n) = (&olds[i], &news[j]);
        if shipped(o) && !shipped(n) {
            out.removed.push(change(
                o,
                o.version.clone(),
                None,
                vec![format!("its files are gone from the tree; only a lockfile still lists it ({})", n.dir_or_root())],
            ));
            continue;
        }
        if !shipped(o) && shipped(n) {
            out.added.push(ComponentChange {
                id: Some(n.id),
                ..change(
                    n,
                    None,
                    n.version.clone(),
                    vec!["its files are in the tree now (a lockfile listed it before)".into()],
                )
            });
            continue;
        }
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
        if o.version == n.version {
            let (a, b) = (
                old_evidence.get(&o.id).cloned().unwrap_or_default(),
                new_evidence.get(&n.id).cloned().unwrap_or_default(),
            );
            for (path, sha) in &a.files {
                match b.files.get(path) {
                    Some(s) if s == sha => {}
                    Some(_) => changes.push(format!("{path} changed")),
                    None => changes.push(format!("{path} is gone")),
                }
            }
            for path in b.files.keys().filter(|p| !a.files.contains_key(*p)) {
                changes.push(format!("{path} was added"));
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
            out.changed
                .push(ComponentChange { id: Some(n.id), ..change(n, o.version.clone(), n.version.clone(), changes) });
        }
    }
    for (j, n) in news.iter().enumerate() {
        if !new_taken[j] {
            out.added.push(ComponentChange {
                id: Some(n.id),
                ..change(
                    n,
                    None,
                    n.version.clone(),
                    vec![format!("declared {}", n.declared_license.as_deref().unwrap_or("nothing"))],
                )
            });
        }
    }
    for (i, o) in olds.iter().enumerate() {
        if !old_taken[i] {
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

/// A folder name with the component's version taken out: `aes-0.8.3` → `aes`, `v1.2` → ``.
fn strip_version(segment: &str, version: Option<&str>) -> String {
    let Some(v) = version.filter(|v| !v.is_empty()) else { return segment.to_string() };
    match segment.find(v) {
        Some(at) => {
            let (head, tail) = (&segment[..at], &segment[at + v.len()..]);
            format!("{}{}", head.trim_end_matches(['-', '_', '@', 'v']), tail)
        }
        None => segment.to_string(),
    }
}

impl ComponentRow {
    fn dir_or_root(&self) -> String {
        if self.dir.is_empty() { self.root.clone() } else { format!("{}/{}", self.root, self.dir) }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn versions_come_out_of_folder_names() {
        assert_eq!(super::strip_version("aes-0.8.3", Some("0.8.3")), "aes");
        assert_eq!(super::strip_version("oddlib-0.9.0", Some("0.9.0")), "oddlib");
        assert_eq!(super::strip_version("tinyjson", Some("0.8.1")), "tinyjson");
        assert_eq!(super::strip_version("left-pad@1.3.0", Some("1.3.0")), "left-pad");
    }
}
