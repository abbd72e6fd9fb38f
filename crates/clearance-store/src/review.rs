//! Review decisions: the product, the policy text, the distribution mode, conclusions and
//! LicenseRef texts, comments and false positives, exclusions, obligations and their sign-off.
//! Each runs in one transaction that also appends its audit event, refuses to run on an
//! approved (frozen) review, and records who and when. (Approval: `approval.rs`; the policy
//! gate: `policy_check.rs`; what the audit log records of each decision: `decision_state.rs`.)

use clearance_licenses::{Distribution, Policy};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::audit::{AuditAction, append};
use crate::decision_state::{
    annotation_json, conclusion_json, exclusion_json, false_positive_json, license_ref_json, obligation_json,
    state_json,
};
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

    /// Every component marked not shipped, with the reason: one query for what would otherwise
    /// be one `exclusion` per component.
    pub fn exclusions(&self) -> Result<std::collections::HashMap<i64, String>> {
        Ok(self
            .conn
            .prepare("SELECT component_id, reason FROM exclusions")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
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
