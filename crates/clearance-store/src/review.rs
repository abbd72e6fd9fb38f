//! Review actions: conclusions, annotations, false positives, distribution mode, obligation
//! sign-off, approval. Each runs in one transaction that also appends its audit event, refuses
//! to run on an approved (frozen) review, and records who and when.

use std::collections::HashMap;

use clearance_licenses::{Distribution, Policy, Severity, Verdict};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::audit::{AuditAction, append};
use crate::{Result, Review, StoreError};

/// Who does something, and when (RFC 3339). Passed in: the store never reads the clock.
#[derive(Debug, Clone)]
pub struct Actor<'a> {
    pub name: &'a str,
    pub at: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum ComponentStatus {
    Pending,
    Approved,
    Rejected,
    NeedsInfo,
}

stored_word!(ComponentStatus, "component status", {
    Pending => "pending",
    Approved => "approved",
    Rejected => "rejected",
    NeedsInfo => "needs-info",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum ObligationStatus {
    Open,
    Fulfilled,
    NotApplicable,
    Deferred,
    Escalated,
}

stored_word!(ObligationStatus, "obligation status", {
    Open => "open",
    Fulfilled => "fulfilled",
    NotApplicable => "not-applicable",
    Deferred => "deferred",
    Escalated => "escalated",
});

impl ObligationStatus {
    /// Statuses that need a note saying why.
    pub fn needs_note(self) -> bool {
        matches!(self, Self::NotApplicable | Self::Deferred | Self::Escalated)
    }
    /// Settled: met, or found not to apply. Every other status keeps the obligation open (it
    /// blocks approval, counts as open, and is listed as such in every export).
    pub fn is_settled(self) -> bool {
        matches!(self, Self::Fulfilled | Self::NotApplicable)
    }
}

/// Where a component was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ComponentSource {
    /// A package manifest in the tree (`Cargo.toml`, `package.json`, …).
    Manifest,
    /// An entry of a lockfile: what the release builds with, its files elsewhere or absent.
    Lockfile,
    /// A scanned folder without a manifest at its top.
    Folder,
    /// From an imported document (ScanCode JSON, an SBOM).
    Import,
}

stored_word!(ComponentSource, "component source", {
    Manifest => "manifest",
    Lockfile => "lockfile",
    Folder => "folder",
    Import => "import",
});

/// What a comment is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum AnnotationTarget {
    Component,
    /// Pinned to the file's content: it lapses when the file changes.
    File,
    /// Pinned to the content of the finding's file.
    Finding,
}

stored_word!(AnnotationTarget, "annotation target", {
    Component => "component",
    File => "file",
    Finding => "finding",
});

/// What the reviewer concluded about a component.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Conclusion {
    pub component_id: i64,
    pub expression: Option<String>,
    pub status: ComponentStatus,
    pub comment: Option<String>,
    pub reviewer: String,
    pub decided_at: String,
    pub carried_from: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ObligationRow {
    pub id: i64,
    pub component_id: i64,
    pub component: String,
    pub license: String,
    pub key: String,
    pub kind: clearance_licenses::ObligationKind,
    pub scope: clearance_licenses::Scope,
    pub summary: String,
    pub derivation: Option<String>,
    pub status: ObligationStatus,
    pub note: Option<String>,
    pub reviewer: Option<String>,
    pub decided_at: Option<String>,
    pub carried_from: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ApprovalState {
    pub approved: bool,
    pub reviewer: Option<String>,
    pub at: Option<String>,
    pub reason: Option<String>,
    /// The hash of the advisory database snapshot the release was approved against.
    pub advisories: Option<String>,
}

/// Why a release cannot be approved yet.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Blockers {
    pub unconcluded: Vec<String>,
    pub open_obligations: Vec<String>,
    /// Open vulnerabilities the review's policy denies (`[vulnerabilities] deny`), each as
    /// "component: advisory (severity)".
    pub vulnerabilities: Vec<String>,
}

impl Blockers {
    pub fn is_empty(&self) -> bool {
        self.unconcluded.is_empty() && self.open_obligations.is_empty() && self.vulnerabilities.is_empty()
    }
}

/// What kind of decision lapsed (the `lapsed` table's `kind`, written by the lapse passes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum LapsedKind {
    Conclusion,
    Obligation,
    FalsePositive,
    Comment,
    /// What an earlier release decided about a finding (false positive, comments) whose file
    /// has changed since.
    FindingDecision,
    /// A vulnerability's triage whose package version, or advisory, changed.
    Triage,
}

stored_word!(LapsedKind, "lapsed decision kind", {
    Conclusion => "conclusion",
    Obligation => "obligation",
    FalsePositive => "false-positive",
    Comment => "comment",
    FindingDecision => "finding-decision",
    Triage => "triage",
});

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LapsedRow {
    pub kind: LapsedKind,
    pub target: String,
    pub decision: String,
    pub reason: String,
    pub lapsed_at: String,
}

/// Which findings a bulk action applies to. Every filter given must match.
#[derive(Debug, Clone, Default)]
pub struct FindingFilter<'a> {
    /// A license id the finding's expression contains.
    pub license: Option<&'a str>,
    /// A path glob (`*` within a folder, `**` across folders), relative to the scanned root (or,
    /// with `component`, to the component's folder); a bare folder name means everything under it.
    pub glob: Option<&'a str>,
    pub component: Option<i64>,
}

/// A path glob as a regex: `*` and `?` within a folder, `**` across folders, a bare folder for
/// everything under it (unlike a DEP-5 pattern, `writer::dep5_pattern`, where `*` crosses folders).
fn path_pattern(glob: &str) -> std::result::Result<regex::Regex, StoreError> {
    let glob = glob.trim_end_matches('/');
    let mut re = String::from("^");
    let mut chars = glob.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                if chars.peek() == Some(&'/') {
                    chars.next();
                    re.push_str("(?:.*/)?");
                } else {
                    re.push_str(".*");
                }
            }
            '*' => re.push_str("[^/]*"),
            '?' => re.push_str("[^/]"),
            c => re.push_str(&regex::escape(&c.to_string())),
        }
    }
    // A folder matches everything below it.
    if !glob.contains('*') && !glob.contains('?') {
        re.push_str("(?:/.*)?");
    }
    re.push('$');
    regex::Regex::new(&re).map_err(|e| StoreError::Invalid(format!("bad glob '{glob}': {e}")))
}

impl Review {
    pub(crate) fn frozen_guard_pub(tx: &Transaction) -> Result<()> {
        Self::frozen_guard(tx)
    }

    fn frozen_guard(tx: &Transaction) -> Result<()> {
        let last: Option<String> =
            tx.query_row("SELECT action FROM approvals ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).optional()?;
        if last.as_deref() == Some("approve") {
            return Err(StoreError::Frozen);
        }
        Ok(())
    }

    /// Start a write transaction that takes the write lock at once, so a concurrent writer gets
    /// a clear "busy" instead of a failure half-way.
    pub(crate) fn write_tx(&mut self) -> Result<Transaction<'_>> {
        Ok(self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }

    pub fn is_frozen(&self) -> Result<bool> {
        Ok(self.approval()?.approved)
    }

    // ----- the product -----

    /// The product's name and version as the reviewer set them, if they did.
    pub fn product(&self) -> Result<Option<(String, Option<String>)>> {
        Ok(self.meta("product")?.and_then(|v| {
            let j: serde_json::Value = serde_json::from_str(&v).ok()?;
            Some((j["name"].as_str()?.to_string(), j["version"].as_str().map(str::to_string)))
        }))
    }

    /// Name the product this review is about (attribution files, the report and the SBOMs say
    /// it), rather than whatever manifest the scanned folder's top holds.
    pub fn set_product(&mut self, actor: &Actor, name: &str, version: Option<&str>) -> Result<()> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("the product needs a name".into()));
        }
        let version = version.map(str::trim).filter(|v| !v.is_empty());
        let before = self.state_of_json("product")?;
        let tx = self.write_tx()?;
        Self::frozen_guard(&tx)?;
        let value = json!({"name": name, "version": version}).to_string();
        tx.execute("INSERT INTO meta (key, value) VALUES ('product', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [&value])?;
        append(&tx, actor.at, actor.name, AuditAction::SetProduct, "product", before.as_deref(), Some(&value))?;
        tx.commit()?;
        Ok(())
    }

    // ----- the review's policy -----

    /// The policy file's text this review is checked against, if one was set.
    pub fn policy_text(&self) -> Result<Option<String>> {
        self.meta("policy")
    }

    /// Set the policy this review is checked against (the gate, the report, the desktop). The
    /// text must parse; it is kept whole, so the report can show what was applied.
    pub fn set_policy(&mut self, actor: &Actor, text: &str) -> Result<()> {
        Policy::parse(text).map_err(|e| StoreError::Invalid(format!("the policy is not valid: {e}")))?;
        let before = self.state_of_json("policy")?;
        let tx = self.write_tx()?;
        Self::frozen_guard(&tx)?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('policy', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [text],
        )?;
        let after = state_json(&tx, "policy")?;
        append(&tx, actor.at, actor.name, AuditAction::SetPolicy, "policy", before.as_deref(), after.as_deref())?;
        tx.commit()?;
        Ok(())
    }

    // ----- distribution mode -----

    pub fn distribution(&self) -> Result<Vec<Distribution>> {
        Ok(self
            .meta("distribution")?
            .map(|v| v.split(',').filter_map(Distribution::parse).collect())
            .unwrap_or_else(|| vec![Distribution::Binary]))
    }

    /// Set how the release is distributed; obligations are derived again.
    pub fn set_distribution(&mut self, actor: &Actor, modes: &[Distribution]) -> Result<()> {
        if modes.is_empty() {
            return Err(StoreError::Invalid("name at least one distribution mode: source, binary or saas".into()));
        }
        let before = self.state_of_json("distribution")?;
        let tx = self.write_tx()?;
        Self::frozen_guard(&tx)?;
        let mut m = modes.to_vec();
        m.sort();
        m.dedup();
        let value = m.iter().map(|d| d.as_str()).collect::<Vec<_>>().join(",");
        tx.execute("INSERT INTO meta (key, value) VALUES ('distribution', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [&value])?;
        let after = json!({"modes": m.iter().map(|d| d.as_str()).collect::<Vec<_>>()}).to_string();
        append(
            &tx,
            actor.at,
            actor.name,
            AuditAction::SetDistribution,
            "distribution",
            before.as_deref(),
            Some(&after),
        )?;
        derive_all(&tx, actor, &m)?;
        tx.commit()?;
        Ok(())
    }

    // ----- conclusions -----

    pub fn conclusion(&self, component_id: i64) -> Result<Option<Conclusion>> {
        Ok(self
            .conn
            .query_row(
                "SELECT component_id, expression, status, comment, reviewer, decided_at, carried_from FROM conclusions WHERE component_id = ?1",
                [component_id],
                |r| {
                    Ok(Conclusion {
                        component_id: r.get(0)?,
                        expression: r.get(1)?,
                        status: r.get(2)?,
                        comment: r.get(3)?,
                        reviewer: r.get(4)?,
                        decided_at: r.get(5)?,
                        carried_from: r.get(6)?,
                    })
                },
            )
            .optional()?)
    }

    /// Conclude a component's license and/or set its status and comment. The expression must
    /// be valid SPDX; a `LicenseRef-` needs its text recorded first.
    pub fn conclude(
        &mut self,
        actor: &Actor,
        component_id: i64,
        expression: Option<&str>,
        status: Option<ComponentStatus>,
        comment: Option<&str>,
    ) -> Result<Conclusion> {
        let canonical = match expression {
            Some(e) => Some(self.validate_expression(e)?),
            None => None,
        };
        self.component_exists(component_id)?;
        let target = format!("conclusion:{component_id}");
        let before = self.state_of_json(&target)?;
        let old = self.conclusion(component_id)?;
        let tx = self.write_tx()?;
        Self::frozen_guard(&tx)?;
        let expression = canonical.or(old.as_ref().and_then(|o| o.expression.clone()));
        let status = status.or(old.as_ref().map(|o| o.status)).unwrap_or(ComponentStatus::Pending);
        let comment = comment.map(str::to_string).or(old.as_ref().and_then(|o| o.comment.clone()));
        tx.execute(
            "INSERT INTO conclusions (component_id, expression, status, comment, reviewer, decided_at, carried_from) VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL)
             ON CONFLICT(component_id) DO UPDATE SET expression = excluded.expression, status = excluded.status, comment = excluded.comment,
               reviewer = excluded.reviewer, decided_at = excluded.decided_at, carried_from = NULL",
            params![component_id, expression, status, comment, actor.name, actor.at],
        )?;
        crate::evidence::record(&tx, component_id, None)?;
        let after = conclusion_json(&tx, component_id)?;
        append(&tx, actor.at, actor.name, AuditAction::Conclude, &target, before.as_deref(), after.as_deref())?;
        let modes = distribution_in(&tx)?;
        derive_component(&tx, actor, component_id, &modes)?;
        tx.commit()?;
        Ok(self.conclusion(component_id)?.expect("just written"))
    }

    fn component_exists(&self, id: i64) -> Result<()> {
        let n: i64 = self.conn.query_row("SELECT count(*) FROM components WHERE id = ?1", [id], |r| r.get(0))?;
        if n == 0 {
            return Err(StoreError::Invalid(format!("there is no component {id} in this review")));
        }
        Ok(())
    }

    /// Canonical form of a concluded expression, or why it is refused.
    pub fn validate_expression(&self, e: &str) -> Result<String> {
        let n = clearance_licenses::normalize(e).map_err(|err| StoreError::Invalid(err.to_string()))?;
        if spdx::Expression::parse(&n.expression).is_err() {
            return Err(StoreError::Invalid(format!("'{e}' uses deprecated SPDX ids; write it with current ids")));
        }
        for id in clearance_licenses::license_ids_in(&n.expression) {
            if id.starts_with("LicenseRef-") {
                let known: i64 =
                    self.conn.query_row("SELECT count(*) FROM license_refs WHERE id = ?1", [&id], |r| r.get(0))?;
                if known == 0 {
                    return Err(StoreError::Invalid(format!(
                        "{id} has no text in this review: add the license's text under that name first"
                    )));
                }
            }
        }
        Ok(n.expression)
    }

    /// Record the text of a license outside the SPDX list, as `LicenseRef-<name>`.
    pub fn add_license_ref(&mut self, actor: &Actor, name: &str, title: &str, text: &str) -> Result<String> {
        let name = name.trim_start_matches("LicenseRef-");
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.') {
            return Err(StoreError::Invalid(format!(
                "'{name}': a LicenseRef name uses letters, digits, '-' and '.' only"
            )));
        }
        if text.trim().is_empty() {
            return Err(StoreError::Invalid("the license text is empty".into()));
        }
        let id = format!("LicenseRef-{name}");
        let target = format!("license-ref:{id}");
        let before = self.state_of_json(&target)?;
        let tx = self.write_tx()?;
        Self::frozen_guard(&tx)?;
        tx.execute(
            "INSERT INTO license_refs (id, name, text, reviewer, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, text = excluded.text, reviewer = excluded.reviewer, created_at = excluded.created_at",
            params![id, title, text, actor.name, actor.at],
        )?;
        let after = license_ref_json(&tx, &id)?;
        append(&tx, actor.at, actor.name, AuditAction::AddLicenseRef, &target, before.as_deref(), after.as_deref())?;
        tx.commit()?;
        Ok(id)
    }

    /// What to conclude for a component: its declared license, or else what its files carry
    /// (false positives left out), and why.
    pub fn suggest(&self, component_id: i64) -> Result<Option<(String, String)>> {
        self.component_exists(component_id)?;
        let declared: Option<String> =
            self.conn
                .query_row("SELECT declared_license FROM components WHERE id = ?1", [component_id], |r| r.get(0))?;
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT fi.expression FROM findings fi JOIN files f ON f.id = fi.file_id
             WHERE f.component_id = ?1 AND fi.expression IS NOT NULL AND fi.detector != 'manifest'
               AND NOT EXISTS (SELECT 1 FROM false_positives fp WHERE fp.finding_id = fi.id) ORDER BY 1",
        )?;
        let detected: Vec<String> = stmt.query_map([component_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        if let Some(d) = declared {
            return Ok(Some((d, "declared by the component's manifest".into())));
        }
        if detected.is_empty() {
            return Ok(None);
        }
        let expr = clearance_licenses::join_expressions(&detected, "AND");
        Ok(Some((expr, format!("every license found in its files ({} distinct)", detected.len()))))
    }

    // ----- annotations and false positives -----

    /// Comment on a component, a file or a finding. Comments on files and findings are pinned
    /// to the file's content: when it changes, they lapse visibly.
    pub fn annotate(
        &mut self,
        actor: &Actor,
        target_kind: AnnotationTarget,
        target_id: i64,
        comment: &str,
    ) -> Result<i64> {
        if comment.trim().is_empty() {
            return Err(StoreError::Invalid("the comment is empty".into()));
        }
        let sha = match target_kind {
            AnnotationTarget::Component => {
                self.component_exists(target_id)?;
                None
            }
            AnnotationTarget::File => Some(self.file_sha(target_id)?),
            AnnotationTarget::Finding => Some(self.finding_file_sha(target_id)?),
        };
        let tx = self.write_tx()?;
        Self::frozen_guard(&tx)?;
        tx.execute(
            "INSERT INTO annotations (target_kind, target_id, file_sha256, comment, reviewer, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![target_kind, target_id, sha, comment, actor.name, actor.at],
        )?;
        let id = tx.last_insert_rowid();
        let target = format!("annotation:{id}");
        let after = annotation_json(&tx, id)?;
        append(&tx, actor.at, actor.name, AuditAction::Annotate, &target, None, after.as_deref())?;
        tx.commit()?;
        Ok(id)
    }

    fn file_sha(&self, file_id: i64) -> Result<String> {
        self.conn
            .query_row("SELECT sha256 FROM files WHERE id = ?1", [file_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::Invalid(format!("there is no file {file_id} in this review")))
    }

    fn finding_file_sha(&self, finding_id: i64) -> Result<String> {
        self.conn
            .query_row(
                "SELECT f.sha256 FROM findings fi JOIN files f ON f.id = fi.file_id WHERE fi.id = ?1",
                [finding_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::Invalid(format!("there is no finding {finding_id} in this review")))
    }

    /// Mark findings as false positives (reason required). Returns how many were marked.
    pub fn mark_false_positive(&mut self, actor: &Actor, finding_ids: &[i64], reason: &str) -> Result<usize> {
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid("say why these findings are false positives (--reason)".into()));
        }
        for id in finding_ids {
            self.finding_file_sha(*id)?;
        }
        let tx = self.write_tx()?;
        Self::frozen_guard(&tx)?;
        let mut n = 0;
        for &id in finding_ids {
            let target = format!("false-positive:{id}");
            let before = false_positive_json(&tx, id)?;
            let sha: String = tx.query_row(
                "SELECT f.sha256 FROM findings fi JOIN files f ON f.id = fi.file_id WHERE fi.id = ?1",
                [id],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO false_positives (finding_id, reason, reviewer, decided_at, file_sha256) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(finding_id) DO UPDATE SET reason = excluded.reason, reviewer = excluded.reviewer, decided_at = excluded.decided_at, carried_from = NULL",
                params![id, reason, actor.name, actor.at, sha],
            )?;
            let after = false_positive_json(&tx, id)?;
            append(
                &tx,
                actor.at,
                actor.name,
                AuditAction::MarkFalsePositive,
                &target,
                before.as_deref(),
                after.as_deref(),
            )?;
            n += 1;
        }
        crate::table::refresh_stats_of_findings(&tx, finding_ids)?;
        tx.commit()?;
        Ok(n)
    }

    /// Withdraw false-positive marks.
    pub fn unmark_false_positive(&mut self, actor: &Actor, finding_ids: &[i64]) -> Result<usize> {
        let tx = self.write_tx()?;
        Self::frozen_guard(&tx)?;
        let mut n = 0;
        for &id in finding_ids {
            let before = false_positive_json(&tx, id)?;
            if before.is_none() {
                continue;
            }
            tx.execute("DELETE FROM false_positives WHERE finding_id = ?1", [id])?;
            append(
                &tx,
                actor.at,
                actor.name,
                AuditAction::UnmarkFalsePositive,
                &format!("false-positive:{id}"),
                before.as_deref(),
                None,
            )?;
            n += 1;
        }
        crate::table::refresh_stats_of_findings(&tx, finding_ids)?;
        tx.commit()?;
        Ok(n)
    }

    /// Findings selected by a filter (for bulk actions).
    pub fn select_findings(&self, filter: &FindingFilter) -> Result<Vec<i64>> {
        let re = filter.glob.map(path_pattern).transpose()?;
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT fi.id, f.path FROM findings fi JOIN files f ON f.id = fi.file_id
             LEFT JOIN finding_licenses fl ON fl.finding_id = fi.id
             WHERE (?1 IS NULL OR fl.license = ?1) AND (?2 IS NULL OR f.component_id = ?2) ORDER BY fi.id",
        )?;
        let rows = stmt.query_map(params![filter.license, filter.component], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?;
        // With a component, a glob may also be written relative to the component's folder.
        let comp_dir: Option<String> = match filter.component {
            Some(c) => self.conn.query_row("SELECT dir FROM components WHERE id = ?1", [c], |r| r.get(0)).optional()?,
            None => None,
        };
        let mut out = Vec::new();
        for row in rows {
            let (id, path) = row?;
            let in_component = comp_dir
                .as_deref()
                .filter(|d| !d.is_empty())
                .and_then(|d| path.strip_prefix(d).and_then(|p| p.strip_prefix('/')));
            if re.as_ref().is_none_or(|re| re.is_match(&path) || in_component.is_some_and(|p| re.is_match(p))) {
                out.push(id);
            }
        }
        Ok(out)
    }

    // ----- exclusions -----

    /// Mark a component as not shipped (test-only code, build tooling, a vendored package's own
    /// development dependencies), with the reason kept: it leaves attribution files, has no
    /// obligations, blocks neither approval nor the policy gate, and is `scope: excluded` in
    /// CycloneDX.
    pub fn exclude(&mut self, actor: &Actor, component_id: i64, reason: &str) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid("say why the component is excluded (--reason)".into()));
        }
        self.component_exists(component_id)?;
        let target = format!("exclusion:{component_id}");
        let before = self.state_of_json(&target)?;
        let tx = self.write_tx()?;
        Self::frozen_guard(&tx)?;
        tx.execute(
            "INSERT INTO exclusions (component_id, reason, reviewer, decided_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(component_id) DO UPDATE SET reason = excluded.reason, reviewer = excluded.reviewer, decided_at = excluded.decided_at, carried_from = NULL, by_scan = 0",
            params![component_id, reason, actor.name, actor.at],
        )?;
        let after = exclusion_json(&tx, component_id)?;
        append(&tx, actor.at, actor.name, AuditAction::Exclude, &target, before.as_deref(), after.as_deref())?;
        tx.commit()?;
        Ok(())
    }

    /// Take a component back into the release.
    pub fn include(&mut self, actor: &Actor, component_id: i64) -> Result<()> {
        let target = format!("exclusion:{component_id}");
        let before = self.state_of_json(&target)?;
        if before.is_none() {
            return Ok(());
        }
        let tx = self.write_tx()?;
        Self::frozen_guard(&tx)?;
        tx.execute("DELETE FROM exclusions WHERE component_id = ?1", [component_id])?;
        append(&tx, actor.at, actor.name, AuditAction::Include, &target, before.as_deref(), None)?;
        tx.commit()?;
        Ok(())
    }

    /// Why a component is excluded from attribution, if it is.
    pub fn exclusion(&self, component_id: i64) -> Result<Option<(String, String, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT reason, reviewer, decided_at FROM exclusions WHERE component_id = ?1",
                [component_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?)
    }

    /// A reviewer's exclusion of a component, not one the scan made (those the next release's
    /// scan makes again for its own tree; carry-over leaves them behind).
    pub(crate) fn reviewer_exclusion(&self, component_id: i64) -> Result<Option<(String, String, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT reason, reviewer, decided_at FROM exclusions WHERE component_id = ?1 AND by_scan = 0",
                [component_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?)
    }

    /// The stored text of a license or notice file.
    pub fn file_text(&self, file_id: i64) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT text FROM file_texts WHERE file_id = ?1", [file_id], |r| r.get(0)).optional()?)
    }

    /// The text recorded for a `LicenseRef-…`.
    pub fn license_ref(&self, id: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .query_row("SELECT name, text FROM license_refs WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    // ----- obligations -----

    pub fn obligations(&self, component: Option<i64>) -> Result<Vec<ObligationRow>> {
        let mut stmt = self.conn.prepare(concat!(
            "SELECT o.id, o.component_id, c.name || CASE WHEN c.version IS NULL THEN '' ELSE ' ' || c.version END, o.license, o.key, o.kind,
                    o.scope, o.summary, o.derivation, o.status, o.note, o.reviewer, o.decided_at, o.carried_from
             FROM obligations o JOIN components c ON c.id = o.component_id
             WHERE (?1 IS NULL OR o.component_id = ?1) AND ",
            shipped_sql!(),
            " ORDER BY lower(c.name), c.id, o.license, o.id"
        ))?;
        let rows = stmt.query_map([component], |r| {
            Ok(ObligationRow {
                id: r.get(0)?,
                component_id: r.get(1)?,
                component: r.get(2)?,
                license: r.get(3)?,
                key: r.get(4)?,
                kind: crate::word(r, 5)?,
                scope: crate::word(r, 6)?,
                summary: r.get(7)?,
                derivation: r.get(8)?,
                status: r.get(9)?,
                note: r.get(10)?,
                reviewer: r.get(11)?,
                decided_at: r.get(12)?,
                carried_from: r.get(13)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sign off an obligation instance. Not-applicable, deferred and escalated need a note.
    pub fn sign_off(
        &mut self,
        actor: &Actor,
        obligation_id: i64,
        status: ObligationStatus,
        note: Option<&str>,
    ) -> Result<()> {
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        if status.needs_note() && note.is_none() {
            return Err(StoreError::Invalid(format!(
                "a note is required to mark an obligation {} (--note)",
                status.as_str()
            )));
        }
        let exists: i64 =
            self.conn.query_row("SELECT count(*) FROM obligations WHERE id = ?1", [obligation_id], |r| r.get(0))?;
        if exists == 0 {
            return Err(StoreError::Invalid(format!("there is no obligation {obligation_id}")));
        }
        let target = format!("obligation:{obligation_id}");
        let before = self.state_of_json(&target)?;
        let tx = self.write_tx()?;
        Self::frozen_guard(&tx)?;
        tx.execute(
            "UPDATE obligations SET status = ?2, note = ?3, reviewer = ?4, decided_at = ?5, carried_from = NULL WHERE id = ?1",
            params![obligation_id, status.as_str(), note, actor.name, actor.at],
        )?;
        let after = obligation_json(&tx, obligation_id)?;
        append(&tx, actor.at, actor.name, AuditAction::SignOff, &target, before.as_deref(), after.as_deref())?;
        tx.commit()?;
        Ok(())
    }

    // ----- approval -----

    pub fn approval(&self) -> Result<ApprovalState> {
        Ok(match last_approval(&self.conn)? {
            Some(a) => ApprovalState {
                approved: a.approved,
                reviewer: Some(a.reviewer),
                at: Some(a.at),
                reason: a.reason,
                advisories: a.advisories.filter(|_| a.approved),
            },
            None => ApprovalState { approved: false, reviewer: None, at: None, reason: None, advisories: None },
        })
    }

    /// What stands between the review and approval.
    pub fn blockers(&self) -> Result<Blockers> {
        let mut stmt = self.conn.prepare(concat!(
            "SELECT c.name || CASE WHEN c.version IS NULL THEN '' ELSE ' ' || c.version END FROM components c
             LEFT JOIN conclusions k ON k.component_id = c.id
             WHERE (k.expression IS NULL OR k.status NOT IN ('approved')) AND ",
            shipped_sql!(),
            " ORDER BY lower(c.name)"
        ))?;
        let unconcluded = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare(concat!(
            "SELECT c.name || ': ' || o.license || ' ' || o.key || ' (' || o.status || ')' FROM obligations o JOIN components c ON c.id = o.component_id
             WHERE ",
            shipped_sql!(),
            " AND o.status NOT IN ",
            settled_sql!(),
            " ORDER BY lower(c.name), o.id"
        ))?;
        let open_obligations = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        // A policy that does not parse was refused when it was set; the default stands in.
        let policy = self.policy_text()?.and_then(|t| Policy::parse(&t).ok()).unwrap_or_default();
        let vulnerabilities = self.denied_vulnerabilities(&policy)?;
        Ok(Blockers { unconcluded, open_obligations, vulnerabilities })
    }

    /// The open vulnerabilities of shipped components that `policy` denies, as
    /// "component: advisory (severity)".
    pub fn denied_vulnerabilities(&self, policy: &Policy) -> Result<Vec<String>> {
        if policy.vulnerabilities_deny().is_none() {
            return Ok(Vec::new());
        }
        Ok(self
            .vulnerabilities()?
            .into_iter()
            .filter(|v| v.is_open() && v.shipped)
            .filter(|v| policy.denies_vulnerability(v.severity))
            .map(|v| {
                let state = v.triage.as_ref().map_or(String::new(), |t| format!(", {}", t.state));
                format!(
                    "{}: {} ({}{state})",
                    v.component,
                    v.advisory_id,
                    v.severity.map_or("severity unknown", |s| s.as_str())
                )
            })
            .collect())
    }

    /// Approve the release: every component concluded (and approved), every obligation
    /// fulfilled or not applicable — or an explicit override reason. Freezes the review.
    pub fn approve(&mut self, actor: &Actor, override_reason: Option<&str>) -> Result<ApprovalState> {
        let blockers = self.blockers()?;
        let override_reason = override_reason.map(str::trim).filter(|r| !r.is_empty());
        if !blockers.is_empty() && override_reason.is_none() {
            return Err(StoreError::NotReady(blockers));
        }
        let before = self.state_of_json("approval")?;
        let tx = self.write_tx()?;
        Self::frozen_guard(&tx)?;
        let reason = match override_reason {
            Some(r) if !blockers.is_empty() => Some(format!("override: {r}")),
            Some(r) => Some(r.to_string()),
            None => None,
        };
        // The advisory database snapshot the release was approved against, kept with it.
        let advisories: Option<String> = tx
            .query_row("SELECT value FROM meta WHERE key = 'advisories'", [], |r| r.get(0))
            .optional()?
            .and_then(|v: String| serde_json::from_str::<crate::AdvisorySnapshot>(&v).ok())
            .map(|s| s.hash);
        tx.execute(
            "INSERT INTO approvals (action, reviewer, at, reason, advisories) VALUES ('approve', ?1, ?2, ?3, ?4)",
            params![actor.name, actor.at, reason, advisories],
        )?;
        let after = approval_json(&tx)?;
        append(&tx, actor.at, actor.name, AuditAction::Approve, "approval", before.as_deref(), Some(&after))?;
        tx.commit()?;
        self.approval()
    }

    /// Reopen an approved review for changes (reason required, logged).
    pub fn reopen(&mut self, actor: &Actor, reason: &str) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid("say why the review is reopened (--reason)".into()));
        }
        if !self.is_frozen()? {
            return Err(StoreError::Invalid("the review is not approved: there is nothing to reopen".into()));
        }
        let before = self.state_of_json("approval")?;
        let tx = self.write_tx()?;
        tx.execute(
            "INSERT INTO approvals (action, reviewer, at, reason) VALUES ('reopen', ?1, ?2, ?3)",
            params![actor.name, actor.at, reason],
        )?;
        let after = approval_json(&tx)?;
        append(&tx, actor.at, actor.name, AuditAction::Reopen, "approval", before.as_deref(), Some(&after))?;
        tx.commit()?;
        Ok(())
    }

    pub fn lapsed(&self) -> Result<Vec<LapsedRow>> {
        let mut stmt = self.conn.prepare("SELECT kind, target, decision, reason, lapsed_at FROM lapsed ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(LapsedRow {
                kind: r.get(0)?,
                target: r.get(1)?,
                decision: r.get(2)?,
                reason: r.get(3)?,
                lapsed_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    // ----- canonical state, for the audit log -----

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

pub(crate) fn state_json_pub(conn: &rusqlite::Connection, target: &str) -> Result<Option<String>> {
    state_json(conn, target)
}

fn state_json(conn: &rusqlite::Connection, target: &str) -> Result<Option<String>> {
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

fn conclusion_json(conn: &rusqlite::Connection, component_id: i64) -> Result<Option<String>> {
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

fn false_positive_json(conn: &rusqlite::Connection, finding_id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT reason, reviewer, decided_at, file_sha256, carried_from FROM false_positives WHERE finding_id = ?1", [finding_id], |r| {
            Ok(json!({"reason": r.get::<_, String>(0)?, "reviewer": r.get::<_, String>(1)?, "decided_at": r.get::<_, String>(2)?,
                "file_sha256": r.get::<_, String>(3)?, "carried_from": r.get::<_, Option<String>>(4)?})
            .to_string())
        })
        .optional()?)
}

fn annotation_json(conn: &rusqlite::Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT target_kind, target_id, file_sha256, comment, reviewer, created_at, carried_from FROM annotations WHERE id = ?1", [id], |r| {
            Ok(json!({"target_kind": r.get::<_, String>(0)?, "target_id": r.get::<_, i64>(1)?, "file_sha256": r.get::<_, Option<String>>(2)?,
                "comment": r.get::<_, String>(3)?, "reviewer": r.get::<_, String>(4)?, "created_at": r.get::<_, String>(5)?,
                "carried_from": r.get::<_, Option<String>>(6)?})
            .to_string())
        })
        .optional()?)
}

fn obligation_json(conn: &rusqlite::Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT component_id, license, key, status, note, reviewer, decided_at, carried_from FROM obligations WHERE id = ?1", [id], |r| {
            Ok(json!({"component_id": r.get::<_, i64>(0)?, "license": r.get::<_, String>(1)?, "key": r.get::<_, String>(2)?,
                "status": r.get::<_, String>(3)?, "note": r.get::<_, Option<String>>(4)?, "reviewer": r.get::<_, Option<String>>(5)?,
                "decided_at": r.get::<_, Option<String>>(6)?, "carried_from": r.get::<_, Option<String>>(7)?})
            .to_string())
        })
        .optional()?)
}

fn license_ref_json(conn: &rusqlite::Connection, id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT name, text, reviewer, created_at FROM license_refs WHERE id = ?1", [id], |r| {
            Ok(json!({"name": r.get::<_, String>(0)?, "text": r.get::<_, String>(1)?, "reviewer": r.get::<_, String>(2)?, "created_at": r.get::<_, String>(3)?}).to_string())
        })
        .optional()?)
}

/// The last approval or reopening, as recorded.
struct ApprovalRecord {
    event: i64,
    approved: bool,
    reviewer: String,
    at: String,
    reason: Option<String>,
    advisories: Option<String>,
}

fn last_approval(conn: &rusqlite::Connection) -> Result<Option<ApprovalRecord>> {
    Ok(conn
        .query_row(
            "SELECT id, action, reviewer, at, reason, advisories FROM approvals ORDER BY id DESC LIMIT 1",
            [],
            |r| {
                Ok(ApprovalRecord {
                    event: r.get(0)?,
                    approved: r.get::<_, String>(1)? == "approve",
                    reviewer: r.get(2)?,
                    at: r.get(3)?,
                    reason: r.get(4)?,
                    advisories: r.get(5)?,
                })
            },
        )
        .optional()?)
}

fn approval_json(conn: &rusqlite::Connection) -> Result<String> {
    Ok(match last_approval(conn)? {
        Some(a) => {
            let mut v = json!({"approved": a.approved, "event": a.event, "reviewer": a.reviewer, "at": a.at, "reason": a.reason});
            // Only approvals made against an advisory snapshot say so (older events verify as written).
            if let Some(hash) = a.advisories {
                v["advisories"] = json!(hash);
            }
            v.to_string()
        }
        None => json!({"approved": false}).to_string(),
    })
}

pub(crate) fn distribution_in(conn: &rusqlite::Connection) -> Result<Vec<Distribution>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = 'distribution'", [], |r| r.get::<_, String>(0))
        .optional()?
        .map(|v| v.split(',').filter_map(Distribution::parse).collect())
        .unwrap_or_else(|| vec![Distribution::Binary]))
}

fn derive_all(tx: &Transaction, actor: &Actor, modes: &[Distribution]) -> Result<()> {
    let ids: Vec<i64> =
        tx.prepare("SELECT id FROM components")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for id in ids {
        derive_component(tx, actor, id, modes)?;
    }
    Ok(())
}

/// Derive a component's obligation instances from its concluded license and the distribution
/// modes. Instances that still apply keep their sign-off; those that no longer apply are removed
/// (their sign-offs stay in the audit log); new ones start open.
pub(crate) fn derive_component(
    tx: &Transaction,
    actor: &Actor,
    component_id: i64,
    modes: &[Distribution],
) -> Result<()> {
    let expression: Option<String> = tx
        .query_row("SELECT expression FROM conclusions WHERE component_id = ?1", [component_id], |r| r.get(0))
        .optional()?
        .flatten();
    let mut wanted: Vec<(String, clearance_licenses::Obligation, Option<String>)> = Vec::new();
    if let Some(expr) = &expression {
        let (ids, note) = clearance_licenses::licenses_to_honour(expr, modes);
        for id in ids {
            for o in clearance_licenses::obligations_for(&id) {
                if o.triggered_by(modes) {
                    wanted.push((id.clone(), o, note.clone()));
                }
            }
        }
    }
    let existing: Vec<(i64, String, String, Option<String>)> = tx
        .prepare("SELECT id, license, key, reviewer FROM obligations WHERE component_id = ?1")?
        .query_map([component_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, license, key, reviewer) in &existing {
        if !wanted.iter().any(|(l, o, _)| l == license && o.key == key) {
            let target = format!("obligation:{id}");
            let before = obligation_json(tx, *id)?;
            tx.execute("DELETE FROM obligations WHERE id = ?1", [id])?;
            if reviewer.is_some() {
                append(tx, actor.at, actor.name, AuditAction::ObligationWithdrawn, &target, before.as_deref(), None)?;
            }
        }
    }
    for (license, o, note) in wanted {
        tx.execute(
            "INSERT INTO obligations (component_id, license, key, kind, scope, summary, derivation) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(component_id, license, key) DO UPDATE SET kind = excluded.kind, scope = excluded.scope, summary = excluded.summary, derivation = excluded.derivation",
            params![
                component_id,
                license,
                o.key,
                o.kind.as_str(),
                serde_json::to_value(o.scope).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
                o.summary,
                note
            ],
        )?;
    }
    Ok(())
}

/// Policy results over a review: each license in use (detected, not a false positive, or
/// concluded), its verdict, and where it is.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyHit {
    /// The expression judged: a concluded license, or a finding's expression as detected
    /// (judged whole: `A OR B` is allowed when one side is).
    pub license: String,
    pub verdict: Verdict,
    /// `ok` too for a detection an approved conclusion supersedes, or in a component not shipped.
    pub severity: Severity,
    pub reason: String,
    pub source: HitSource,
    pub component: String,
    /// For detected licenses: the first 20 files that carry it, in path order.
    pub files: Vec<String>,
    /// How many files carry it (all of them, not only those listed).
    pub file_count: usize,
    /// For a detection in a component whose approved conclusion does not cover it: that
    /// conclusion. The detection is "present, not concluded": shown, not blocking.
    pub superseded_by: Option<String>,
}

/// What a policy hit judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum HitSource {
    /// A component's concluded license.
    Concluded,
    /// A license found in files.
    Detected,
}

impl std::fmt::Display for HitSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            HitSource::Concluded => "concluded",
            HitSource::Detected => "detected",
        })
    }
}

impl Review {
    /// Evaluate a policy against every license in the review.
    ///
    /// A component's approved conclusion supersedes what was detected in its files: the
    /// conclusion is judged, and detections of other licenses are reported as present but not
    /// concluded, without a severity. Detections elsewhere are judged expression by expression.
    pub fn check_policy(&self, policy: &Policy) -> Result<Vec<PolicyHit>> {
        let mut hits = Vec::new();
        // Concluded licenses: judged as expressions (a choice is as good as its best option).
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.name || CASE WHEN c.version IS NULL THEN '' ELSE ' ' || c.version END, k.expression, k.status
             FROM conclusions k JOIN components c ON c.id = k.component_id WHERE k.expression IS NOT NULL ORDER BY lower(c.name), c.id",
        )?;
        let concluded: Vec<(i64, String, String, ComponentStatus)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // A component the release does not ship is shown, judged, and blocks nothing.
        let not_shipped: HashMap<i64, String> = self
            .conn
            .prepare("SELECT component_id, reason FROM exclusions")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let unshipped = |id: Option<i64>| id.and_then(|id| not_shipped.get(&id));
        let mut approved: HashMap<i64, (String, Vec<String>)> = HashMap::new();
        for (id, component, expr, status) in concluded {
            let (v, why) = policy.judge_expression(&expr);
            let mut reason = match why {
                Some(why) => format!("concluded license of {component} ({status}): {why}"),
                None => format!("concluded license of {component} ({status})"),
            };
            let mut severity = policy.severity(v);
            if let Some(excluded) = unshipped(Some(id)) {
                reason = blocks_nothing(&reason, excluded);
                severity = Severity::Ok;
            }
            if status == ComponentStatus::Approved {
                approved.insert(id, (expr.clone(), clearance_licenses::license_ids_in(&expr)));
            }
            hits.push(PolicyHit {
                license: expr,
                verdict: v,
                severity,
                reason,
                source: HitSource::Concluded,
                component,
                files: Vec::new(),
                file_count: 0,
                superseded_by: None,
            });
        }
        // Detected expressions, per component, false positives excluded.
        let mut stmt = self.conn.prepare(
            "SELECT fi.expression, f.component_id, c.name || CASE WHEN c.version IS NULL THEN '' ELSE ' ' || c.version END, r.name || '/' || f.path
             FROM findings fi JOIN files f ON f.id = fi.file_id
             JOIN roots r ON r.id = f.root_id LEFT JOIN components c ON c.id = f.component_id
             WHERE fi.expression IS NOT NULL AND NOT EXISTS (SELECT 1 FROM false_positives fp WHERE fp.finding_id = fi.id)
             ORDER BY fi.expression, lower(c.name), f.component_id, r.name, f.path",
        )?;
        let rows: Vec<(String, Option<i64>, Option<String>, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut index: HashMap<(String, Option<i64>), usize> = HashMap::new();
        let mut last_file: HashMap<usize, String> = HashMap::new();
        // A review repeats a few expressions over thousands of files: each is parsed once.
        let mut judged: HashMap<String, (Vec<String>, clearance_licenses::Verdict, String)> = HashMap::new();
        for (expression, component_id, component, file) in rows {
            let (ids, v, why) = judged
                .entry(expression.clone())
                .or_insert_with(|| {
                    let (v, why) = policy.judge_expression(&expression);
                    (clearance_licenses::license_ids_in(&expression), v, why.unwrap_or_default())
                })
                .clone();
            // A bare exception adds permissions; it licenses nothing by itself.
            if ids.is_empty() || ids.iter().all(|id| clearance_licenses::exception(id).is_some()) {
                continue;
            }
            let component = component.unwrap_or_else(|| "(no component)".into());
            match index.get(&(expression.clone(), component_id)) {
                Some(&i) => {
                    let h = &mut hits[i];
                    if last_file.get(&i) != Some(&file) {
                        h.file_count += 1;
                        if h.files.len() < 20 {
                            h.files.push(file.clone());
                        }
                        last_file.insert(i, file);
                    }
                }
                None => {
                    let conclusion = component_id.and_then(|id| approved.get(&id));
                    // Detections the approved conclusion covers need no line of their own.
                    if let Some((_, concluded_ids)) = conclusion
                        && ids.iter().all(|id| concluded_ids.contains(id))
                    {
                        continue;
                    }
                    let (severity, superseded_by, reason) = match conclusion {
                        Some((expr, _)) => (
                            Severity::Ok,
                            Some(expr.clone()),
                            format!("present, not concluded: the approved conclusion {expr} supersedes it ({why})"),
                        ),
                        None => match unshipped(component_id) {
                            Some(excluded) => (Severity::Ok, None, blocks_nothing(&why, excluded)),
                            None => (policy.severity(v), None, why),
                        },
                    };
                    index.insert((expression.clone(), component_id), hits.len());
                    last_file.insert(hits.len(), file.clone());
                    hits.push(PolicyHit {
                        license: expression,
                        verdict: v,
                        severity,
                        reason,
                        source: HitSource::Detected,
                        component,
                        files: vec![file],
                        file_count: 1,
                        superseded_by,
                    });
                }
            }
        }
        Ok(hits)
    }
}

/// A policy hit's reason for a component the release does not ship.
fn blocks_nothing(reason: &str, excluded: &str) -> String {
    format!("{reason}; excluded from the release, so it blocks nothing: {excluded}")
}

#[cfg(test)]
mod tests {
    use super::ObligationStatus;

    #[test]
    fn the_sql_and_the_enum_agree_on_what_settles_an_obligation() {
        let all = [
            ObligationStatus::Open,
            ObligationStatus::Fulfilled,
            ObligationStatus::NotApplicable,
            ObligationStatus::Deferred,
            ObligationStatus::Escalated,
        ];
        for s in all {
            assert_eq!(settled_sql!().contains(&format!("'{}'", s.as_str())), s.is_settled(), "{s}");
            assert_eq!(ObligationStatus::parse(s.as_str()), Some(s));
        }
    }
}
