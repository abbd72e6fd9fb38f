//! What a review gives the organisation's decision library, and taking decisions from it: the
//! review file's side of `clearance-library`. Components are known across releases by the key
//! carry-over uses (purl, or ecosystem, name and version; the product by its name); a
//! conclusion travels with the evidence it was made on, a false positive with the text it was
//! made about.

use rusqlite::params;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::audit::{AuditAction, append};
use crate::review::{Actor, derive_component, distribution_in};
use crate::{ApprovalState, ComponentRow, Conclusion, Evidence, Result, Review};

/// A component as the library keeps it.
#[derive(Debug, Clone, Serialize)]
pub struct PublishableComponent {
    pub key: String,
    pub purl: Option<String>,
    pub ecosystem: Option<String>,
    pub name: String,
    pub version: Option<String>,
    /// Neither excluded nor left out (a bundled package's development lockfile entry, a
    /// lockfile entry a vendoring tree does not hold): it ships with the release.
    pub shipped: bool,
    pub conclusion: Option<Conclusion>,
    /// What the conclusion was made on (as recorded with it), else what the review holds now.
    pub evidence: Evidence,
    /// A reviewer's exclusion: (reason, reviewer, when).
    pub exclusion: Option<(String, String, String)>,
}

/// A false positive, keyed by what it is about rather than where it is.
#[derive(Debug, Clone, Serialize)]
pub struct PublishableFalsePositive {
    pub detector: String,
    pub expression: Option<String>,
    /// SHA-256 of the matched text, its whitespace collapsed.
    pub text_sha256: String,
    pub reason: String,
    pub reviewer: String,
    pub decided_at: String,
}

/// Everything a review gives the library, read in one pass.
#[derive(Debug, Clone, Serialize)]
pub struct Publishable {
    pub product: Option<(String, Option<String>)>,
    /// The hash of the last audit event: which state of the review was published.
    pub audit_head: String,
    pub approval: ApprovalState,
    pub components: Vec<PublishableComponent>,
    pub false_positives: Vec<PublishableFalsePositive>,
    /// LicenseRefs the reviewers recorded: (id, name, text).
    pub license_refs: Vec<(String, String, String)>,
    pub open_obligations: usize,
    /// Open vulnerabilities of shipped components; None when the review was never matched.
    pub open_vulnerabilities: Option<usize>,
}

/// The key under which a finding's text is known: whitespace does not make it another text.
pub fn text_key(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    hex(&Sha256::digest(collapsed.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A decision the library holds, to be taken into this review for one component.
#[derive(Debug, Clone)]
pub struct AdoptedConclusion {
    pub component_id: i64,
    pub conclusion: Conclusion,
    /// "library: Product 1.0 (reviewer, date)".
    pub from: String,
}

/// A false positive the library holds for a text this review's findings match.
#[derive(Debug, Clone, PartialEq)]
pub struct AdoptedFalsePositive {
    pub finding_id: i64,
    pub reason: String,
    pub reviewer: String,
    pub decided_at: String,
    pub from: String,
}

/// What taking decisions from the library did.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AdoptReport {
    pub conclusions: usize,
    pub false_positives: usize,
    pub license_refs: usize,
}

/// A finding of this review as the library can recognise it.
#[derive(Debug, Clone)]
pub struct FindingText {
    pub finding_id: i64,
    pub component_id: Option<i64>,
    pub detector: String,
    pub expression: Option<String>,
    pub text_sha256: String,
}

impl Review {
    /// Everything this review gives the decision library.
    pub fn publishable(&self) -> Result<Publishable> {
        let recorded: std::collections::HashMap<i64, Option<String>> = self
            .conn
            .prepare("SELECT component_id, evidence FROM conclusions")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let now = crate::evidence::evidence_of(&self.conn, None)?;
        let excluded = self.exclusions()?;
        let all = self.components()?;
        let left_out = crate::not_shipped(&all);
        let mut components = Vec::new();
        for c in all {
            let Some(key) = component_key(&c) else { continue };
            let conclusion = self.conclusion(c.id)?;
            let evidence = recorded
                .get(&c.id)
                .cloned()
                .flatten()
                .and_then(|j| Evidence::from_json(&j))
                .or_else(|| now.get(&c.id).cloned())
                .unwrap_or_default();
            components.push(PublishableComponent {
                key,
                purl: c.purl.clone(),
                ecosystem: c.ecosystem.clone(),
                name: c.name.clone(),
                version: c.version.clone(),
                shipped: !excluded.contains_key(&c.id) && !left_out.contains(&c.id),
                conclusion,
                evidence,
                exclusion: self.reviewer_exclusion(c.id)?,
            });
        }
        let false_positives = self
            .conn
            .prepare(
                "SELECT f.detector, f.expression, f.matched_text, p.reason, p.reviewer, p.decided_at
                 FROM false_positives p JOIN findings f ON f.id = p.finding_id ORDER BY p.finding_id",
            )?
            .query_map([], |r| {
                Ok(PublishableFalsePositive {
                    detector: r.get(0)?,
                    expression: r.get(1)?,
                    text_sha256: text_key(&r.get::<_, String>(2)?),
                    reason: r.get(3)?,
                    reviewer: r.get(4)?,
                    decided_at: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let license_refs = self
            .conn
            .prepare("SELECT id, name, text FROM license_refs WHERE id NOT LIKE 'LicenseRef-scancode-%' ORDER BY id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let audit_head: String = self.conn.query_row(
            "SELECT coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '')",
            [],
            |r| r.get(0),
        )?;
        let open_obligations = self.blockers()?.open_obligations.len();
        let open_vulnerabilities = match self.advisory_snapshot()? {
            None => None,
            Some(_) => Some(self.vulnerabilities()?.iter().filter(|v| v.shipped && v.is_open()).count()),
        };
        Ok(Publishable {
            product: self.product()?,
            audit_head,
            approval: self.approval()?,
            components,
            false_positives,
            license_refs,
            open_obligations,
            open_vulnerabilities,
        })
    }

    /// Every finding of the review with the key of its text.
    pub fn finding_texts(&self) -> Result<Vec<FindingText>> {
        Ok(self
            .conn
            .prepare(
                "SELECT fi.id, f.component_id, fi.detector, fi.expression, fi.matched_text
                 FROM findings fi JOIN files f ON f.id = fi.file_id ORDER BY fi.id",
            )?
            .query_map([], |r| {
                Ok(FindingText {
                    finding_id: r.get(0)?,
                    component_id: r.get(1)?,
                    detector: r.get(2)?,
                    expression: r.get(3)?,
                    text_sha256: text_key(&r.get::<_, String>(4)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The evidence every component stands on now, by component id.
    pub fn evidence_now(&self) -> Result<std::collections::HashMap<i64, Evidence>> {
        crate::evidence::evidence_of(&self.conn, None)
    }

    /// Take decisions from the library, in one transaction: LicenseRef texts first (the
    /// conclusions may name them), then conclusions (with their obligations derived) and false
    /// positives — each only where the review has none of its own, each marked with
    /// where it came from and written to the audit log.
    pub fn adopt(
        &mut self,
        actor: &Actor,
        license_refs: &[(String, String, String)],
        conclusions: &[AdoptedConclusion],
        false_positives: &[AdoptedFalsePositive],
    ) -> Result<AdoptReport> {
        let mut report = AdoptReport::default();
        let tx = self.write_tx()?;
        Review::frozen_guard_pub(&tx)?;
        for (id, name, text) in license_refs {
            if crate::carry::take_license_ref(&tx, actor, id, name, text, (actor.name, actor.at))? {
                report.license_refs += 1;
            }
        }
        let modes = distribution_in(&tx)?;
        // The evidence every conclusion is recorded with, read in one pass.
        let evidence =
            if conclusions.is_empty() { Default::default() } else { crate::evidence::evidence_of(&tx, None)? };
        for a in conclusions {
            let k = &a.conclusion;
            let n = tx.execute(
                "INSERT INTO conclusions (component_id, expression, status, comment, reviewer, decided_at, carried_from)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(component_id) DO NOTHING",
                params![a.component_id, k.expression, k.status, k.comment, k.reviewer, k.decided_at, a.from],
            )?;
            if n == 0 {
                continue;
            }
            let target = format!("conclusion:{}", a.component_id);
            let after = crate::decision_state::state_json(&tx, &target)?;
            append(&tx, actor.at, actor.name, AuditAction::CarryOver, &target, None, after.as_deref())?;
            crate::evidence::record(
                &tx,
                a.component_id,
                Some(&evidence.get(&a.component_id).cloned().unwrap_or_default()),
            )?;
            derive_component(&tx, actor, a.component_id, &modes)?;
            report.conclusions += 1;
        }
        for f in false_positives {
            let n = tx.execute(
                "INSERT INTO false_positives (finding_id, reason, reviewer, decided_at, file_sha256, carried_from)
                 SELECT ?1, ?2, ?3, ?4, files.sha256, ?5 FROM findings JOIN files ON files.id = findings.file_id
                 WHERE findings.id = ?1 AND NOT EXISTS (SELECT 1 FROM false_positives WHERE finding_id = ?1)",
                params![f.finding_id, f.reason, f.reviewer, f.decided_at, f.from],
            )?;
            if n == 1 {
                let target = format!("false-positive:{}", f.finding_id);
                let after = crate::decision_state::state_json(&tx, &target)?;
                append(&tx, actor.at, actor.name, AuditAction::CarryOver, &target, None, after.as_deref())?;
                report.false_positives += 1;
            }
        }
        if report != AdoptReport::default() {
            let after = serde_json::to_string(&report).unwrap_or_default();
            append(&tx, actor.at, actor.name, AuditAction::CarryOver, "review:library", None, Some(&after))?;
            crate::table::refresh_component_stats(&tx)?;
        }
        tx.commit()?;
        Ok(report)
    }
}

/// How a component is known across releases: the product itself (a scanned folder's root
/// component) by its name, whatever its version; any other by purl (which names the version),
/// or ecosystem, name and version. None when it has no version to know it by.
pub fn component_key(c: &ComponentRow) -> Option<String> {
    if c.is_root {
        return Some(format!("root:{}:{}", c.ecosystem.as_deref().unwrap_or(""), c.name));
    }
    if let Some(p) = &c.purl {
        return Some(format!("purl:{p}"));
    }
    c.version.as_ref().map(|v| format!("nv:{}:{}:{v}", c.ecosystem.as_deref().unwrap_or(""), c.name))
}
