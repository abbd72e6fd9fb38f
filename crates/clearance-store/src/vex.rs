//! Triage of known vulnerabilities (VEX): a reviewer's decision about one advisory in one
//! package version (its purl) — CycloneDX's analysis words (state, justification, responses),
//! a note, who and when. Audited; carried to the next release by purl and advisory id; lapsing,
//! visibly, when the version changes, the advisory is modified or no longer matches.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::audit::{AuditAction, append};
use crate::review::Actor;
use crate::{Result, Review, StoreError};

/// Where a vulnerability stands for a component (CycloneDX `analysis.state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum VexState {
    /// The component is affected and the vulnerability can be exploited in the release.
    Exploitable,
    /// Being looked at.
    InTriage,
    /// The release is not affected (with a justification).
    NotAffected,
    /// Fixed in the release (patched, or the vulnerable code removed).
    Resolved,
    /// The advisory does not apply to this component at all.
    FalsePositive,
}

stored_word!(VexState, "triage state", {
    Exploitable => "exploitable",
    InTriage => "in-triage",
    NotAffected => "not-affected",
    Resolved => "resolved",
    FalsePositive => "false-positive",
});

impl VexState {
    /// Whether the vulnerability needs nothing more before release: not affected, resolved, or a
    /// false positive. Exploitable and in triage stay open (approval lists them).
    pub fn settles(self) -> bool {
        matches!(self, VexState::NotAffected | VexState::Resolved | VexState::FalsePositive)
    }

    /// CycloneDX's word (`analysis.state`).
    pub fn cyclonedx(self) -> &'static str {
        match self {
            VexState::Exploitable => "exploitable",
            VexState::InTriage => "in_triage",
            VexState::NotAffected => "not_affected",
            VexState::Resolved => "resolved",
            VexState::FalsePositive => "false_positive",
        }
    }
}

/// Why a release is not affected (CycloneDX `analysis.justification`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum VexJustification {
    CodeNotPresent,
    CodeNotReachable,
    RequiresConfiguration,
    RequiresDependency,
    RequiresEnvironment,
    ProtectedByCompiler,
    ProtectedAtRuntime,
    ProtectedAtPerimeter,
    ProtectedByMitigatingControl,
}

stored_word!(VexJustification, "triage justification", {
    CodeNotPresent => "code-not-present",
    CodeNotReachable => "code-not-reachable",
    RequiresConfiguration => "requires-configuration",
    RequiresDependency => "requires-dependency",
    RequiresEnvironment => "requires-environment",
    ProtectedByCompiler => "protected-by-compiler",
    ProtectedAtRuntime => "protected-at-runtime",
    ProtectedAtPerimeter => "protected-at-perimeter",
    ProtectedByMitigatingControl => "protected-by-mitigating-control",
});

/// What is done about it (CycloneDX `analysis.response`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum VexResponse {
    CanNotFix,
    WillNotFix,
    Update,
    Rollback,
    WorkaroundAvailable,
}

stored_word!(VexResponse, "triage response", {
    CanNotFix => "can-not-fix",
    WillNotFix => "will-not-fix",
    Update => "update",
    Rollback => "rollback",
    WorkaroundAvailable => "workaround-available",
});

/// CycloneDX's spelling of a word of ours: snake case.
pub fn cyclonedx_word(word: &str) -> String {
    word.replace('-', "_")
}

/// A reviewer's triage of one advisory in one package version.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Triage {
    pub purl: String,
    pub advisory_id: String,
    pub state: VexState,
    pub justification: Option<VexJustification>,
    pub responses: Vec<VexResponse>,
    pub note: String,
    pub reviewer: String,
    pub decided_at: String,
    /// The advisory's `modified` the decision was made on: a later modification lapses it.
    pub modified: String,
    /// The earlier review it was carried from.
    pub carried_from: Option<String>,
}

/// What a reviewer decides about one vulnerability of one component.
#[derive(Debug, Clone, Copy)]
pub struct TriageDecision<'a> {
    pub state: VexState,
    pub justification: Option<VexJustification>,
    pub responses: &'a [VexResponse],
    pub note: &'a str,
}

/// The audit target of a triage: the advisory and the package version.
fn target(advisory_id: &str, purl: &str) -> String {
    format!("vex:{advisory_id} {purl}")
}

/// A purl without its version (and qualifiers, subpath) — the package across releases — and the
/// version.
pub fn package_of(purl: &str) -> (&str, Option<&str>) {
    let end = purl.find(['?', '#']).unwrap_or(purl.len());
    let head = &purl[..end];
    match head.rsplit_once('@') {
        // `pkg:npm/%40scope/name@1.0`: the scope's `@` is percent-encoded, the version's is not.
        Some((name, version)) if name.contains('/') => (name, Some(version)),
        _ => (head, None),
    }
}

const TRIAGE_COLUMNS: &str =
    "purl, advisory_id, state, justification, responses, note, reviewer, decided_at, modified, carried_from";

fn triage_row(r: &rusqlite::Row, at: usize) -> rusqlite::Result<Triage> {
    let responses: String = r.get(at + 4)?;
    Ok(Triage {
        purl: r.get(at)?,
        advisory_id: r.get(at + 1)?,
        state: r.get(at + 2)?,
        justification: r.get(at + 3)?,
        responses: serde_json::from_str(&responses).unwrap_or_default(),
        note: r.get(at + 5)?,
        reviewer: r.get(at + 6)?,
        decided_at: r.get(at + 7)?,
        modified: r.get(at + 8)?,
        carried_from: r.get(at + 9)?,
    })
}

/// The columns of a triage read by `triage_row`, prefixed for a join.
pub(crate) fn triage_columns(alias: &str) -> String {
    TRIAGE_COLUMNS.split(", ").map(|c| format!("{alias}.{c}")).collect::<Vec<_>>().join(", ")
}

pub(crate) fn triage_at(r: &rusqlite::Row, at: usize) -> rusqlite::Result<Option<Triage>> {
    if r.get::<_, Option<String>>(at)?.is_none() {
        return Ok(None);
    }
    triage_row(r, at).map(Some)
}

/// A triage as the audit log records it (the key, `ADVISORY PURL`, is in the target).
pub(crate) fn vex_json(conn: &rusqlite::Connection, key: &str) -> Result<Option<String>> {
    let Some((advisory, purl)) = key.split_once(' ') else { return Ok(None) };
    let t = conn
        .query_row(
            &format!("SELECT {TRIAGE_COLUMNS} FROM vex WHERE advisory_id = ?1 AND purl = ?2"),
            [advisory, purl],
            |r| triage_row(r, 0),
        )
        .optional()?;
    Ok(t.map(|t| {
        json!({"state": t.state, "justification": t.justification, "responses": t.responses, "note": t.note,
            "reviewer": t.reviewer, "decided_at": t.decided_at, "modified": t.modified, "carried_from": t.carried_from})
        .to_string()
    }))
}

/// The audit keys of every triage, for `current_decisions`.
pub(crate) const VEX_KEYS: &str = "SELECT advisory_id || ' ' || purl FROM vex";

impl Review {
    /// Triage a vulnerability the last match found in a component (`advisory` is its id or one of
    /// its aliases). Every state needs a note; `not-affected` needs a justification and only it
    /// takes one.
    pub fn triage(
        &mut self,
        actor: &Actor,
        component_id: i64,
        advisory: &str,
        decision: &TriageDecision,
    ) -> Result<Triage> {
        let note = decision.note.trim();
        if note.is_empty() {
            return Err(StoreError::Invalid("say why in a note: a triage is a statement others rely on".into()));
        }
        match (decision.state, decision.justification) {
            (VexState::NotAffected, None) => {
                return Err(StoreError::Invalid(
                    "say why the release is not affected: a justification is required (code-not-present, code-not-reachable, …)"
                        .into(),
                ));
            }
            (state, Some(_)) if state != VexState::NotAffected => {
                return Err(StoreError::Invalid(format!(
                    "a justification says why a release is not affected; it does not go with {state}"
                )));
            }
            _ => {}
        }
        let found: Option<(String, String, Option<String>, String)> = self
            .conn
            .query_row(
                "SELECT v.advisory_id, v.modified, c.purl, c.name || coalesce(' ' || c.version, '')
                 FROM vulnerabilities v JOIN components c ON c.id = v.component_id
                 WHERE v.component_id = ?1 AND (v.advisory_id = ?2 OR EXISTS (SELECT 1 FROM json_each(v.aliases) WHERE value = ?2))",
                params![component_id, advisory],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((advisory_id, modified, Some(purl), _)) = found else {
            let component: Option<String> = self
                .conn
                .query_row(
                    "SELECT name || coalesce(' ' || version, '') FROM components WHERE id = ?1",
                    [component_id],
                    |r| r.get(0),
                )
                .optional()?;
            return Err(StoreError::Invalid(match component {
                None => format!("there is no component {component_id}"),
                Some(c) => format!(
                    "{advisory} is not among the vulnerabilities the last match found in {c} (match the review against the advisory database first)"
                ),
            }));
        };
        let key = target(&advisory_id, &purl);
        let before = vex_json(&self.conn, key.trim_start_matches("vex:"))?;
        let tx = self.write_tx()?;
        Self::frozen_guard_pub(&tx)?;
        let responses = serde_json::to_string(decision.responses).expect("a list of words");
        tx.execute(
            "INSERT INTO vex (purl, advisory_id, state, justification, responses, note, reviewer, decided_at, modified, carried_from)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, NULL)
             ON CONFLICT(purl, advisory_id) DO UPDATE SET state = excluded.state, justification = excluded.justification,
               responses = excluded.responses, note = excluded.note, reviewer = excluded.reviewer,
               decided_at = excluded.decided_at, modified = excluded.modified, carried_from = NULL",
            params![purl, advisory_id, decision.state, decision.justification, responses, note, actor.name, actor.at, modified],
        )?;
        let after = vex_json(&tx, key.trim_start_matches("vex:"))?;
        append(&tx, actor.at, actor.name, AuditAction::Triage, &key, before.as_deref(), after.as_deref())?;
        tx.commit()?;
        Ok(Triage {
            purl,
            advisory_id,
            state: decision.state,
            justification: decision.justification,
            responses: decision.responses.to_vec(),
            note: note.to_string(),
            reviewer: actor.name.to_string(),
            decided_at: actor.at.to_string(),
            modified,
            carried_from: None,
        })
    }

    /// Every triage the review holds, by advisory and package.
    pub fn triages(&self) -> Result<Vec<Triage>> {
        let mut stmt = self.conn.prepare(&format!("SELECT {TRIAGE_COLUMNS} FROM vex ORDER BY advisory_id, purl"))?;
        let rows = stmt.query_map([], |r| triage_row(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Triage that no longer stands lapses, visibly (a `lapsed` row and an audit event): its package
/// version is no longer in the release (the version changed, or the component went), or — once
/// the review has been matched — the advisory was modified since, or no longer matches it.
/// Returns how many lapsed.
pub(crate) fn lapse_stale_triage(tx: &Transaction, actor: &str, now: &str) -> Result<usize> {
    let matched = tx.query_row("SELECT count(*) FROM meta WHERE key = 'advisories'", [], |r| r.get::<_, i64>(0))? > 0;
    let rows: Vec<(Triage, bool, Option<String>)> = tx
        .prepare(&format!(
            "SELECT {TRIAGE_COLUMNS},
                    EXISTS (SELECT 1 FROM components c WHERE c.purl = vex.purl),
                    (SELECT max(v.modified) FROM vulnerabilities v JOIN components c ON c.id = v.component_id
                     WHERE c.purl = vex.purl AND v.advisory_id = vex.advisory_id)
             FROM vex"
        ))?
        .query_map([], |r| Ok((triage_row(r, 0)?, r.get(10)?, r.get(11)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut lapsed = 0;
    for (t, present, modified_now) in rows {
        let reason = if !present {
            let (package, _) = package_of(&t.purl);
            let other: Option<String> = tx
                .query_row(
                    "SELECT purl FROM components WHERE substr(purl, 1, length(?1) + 1) = ?1 || '@' ORDER BY purl LIMIT 1",
                    [package],
                    |r| r.get(0),
                )
                .optional()?;
            match other.as_deref().map(package_of) {
                Some((_, Some(v))) => format!("the component's version changed to {v}"),
                _ => "the component is no longer in the release".to_string(),
            }
        } else if !matched {
            continue;
        } else {
            match modified_now {
                None => "the advisory no longer matches this version (withdrawn, or its ranges changed)".to_string(),
                Some(m) if m != t.modified => format!("the advisory was modified since ({} → {m})", t.modified),
                Some(_) => continue,
            }
        };
        lapse(tx, &t, &reason, actor, now)?;
        lapsed += 1;
    }
    Ok(lapsed)
}

fn lapse(tx: &Transaction, t: &Triage, reason: &str, actor: &str, now: &str) -> Result<()> {
    let key = target(&t.advisory_id, &t.purl);
    let before = vex_json(tx, key.trim_start_matches("vex:"))?;
    tx.execute(
        "INSERT INTO lapsed (kind, target, decision, reason, lapsed_at) VALUES ('triage', ?1, ?2, ?3, ?4)",
        params![format!("{} in {}", t.advisory_id, t.purl), before, reason, now],
    )?;
    tx.execute("DELETE FROM vex WHERE purl = ?1 AND advisory_id = ?2", params![t.purl, t.advisory_id])?;
    append(tx, now, actor, AuditAction::Lapse, &key, before.as_deref(), None)?;
    Ok(())
}

/// What carrying triage over from an earlier review did.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct TriageCarried {
    pub carried: usize,
    /// Triage of a package whose version changed since, in words (lapsed, not carried).
    pub lapsed: Vec<String>,
}

/// Take the triage of an earlier review (`old`) for every package version this release still
/// has; triage of a package whose version changed lapses, visibly. What the advisory database says
/// now is checked when this review is (or was) matched: `lapse_stale_triage`.
pub(crate) fn carry_triage(tx: &Transaction, old: &Review, from: &str, actor: &Actor) -> Result<TriageCarried> {
    let mut out = TriageCarried::default();
    let has_table: i64 =
        old.conn().query_row("SELECT count(*) FROM sqlite_master WHERE name = 'vex'", [], |r| r.get(0))?;
    if has_table == 0 {
        return Ok(out);
    }
    for t in old.triages()? {
        let here: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM components WHERE purl = ?1)", [&t.purl], |r| r.get(0))?;
        let key = target(&t.advisory_id, &t.purl);
        if here {
            let n = tx.execute(
                "INSERT INTO vex (purl, advisory_id, state, justification, responses, note, reviewer, decided_at, modified, carried_from)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT(purl, advisory_id) DO NOTHING",
                params![
                    t.purl,
                    t.advisory_id,
                    t.state,
                    t.justification,
                    serde_json::to_string(&t.responses).expect("a list of words"),
                    t.note,
                    t.reviewer,
                    t.decided_at,
                    t.modified,
                    format!("{from} ({})", t.purl)
                ],
            )?;
            if n == 1 {
                let after = vex_json(tx, key.trim_start_matches("vex:"))?;
                append(tx, actor.at, actor.name, AuditAction::CarryOver, &key, None, after.as_deref())?;
                out.carried += 1;
            }
            continue;
        }
        let (package, old_version) = package_of(&t.purl);
        let now: Option<String> = tx
            .query_row(
                "SELECT purl FROM components WHERE substr(purl, 1, length(?1) + 1) = ?1 || '@' ORDER BY purl LIMIT 1",
                [package],
                |r| r.get(0),
            )
            .optional()?;
        let Some((_, Some(new_version))) = now.as_deref().map(package_of) else { continue };
        let what = format!("{} in {}", t.advisory_id, t.purl);
        let reason = format!("the version changed since {from}: {} → {new_version}", old_version.unwrap_or("unknown"));
        let said: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM lapsed WHERE kind = 'triage' AND target = ?1 AND reason = ?2)",
            params![what, reason],
            |r| r.get(0),
        )?;
        if !said {
            let decision = json!({"state": t.state, "justification": t.justification, "responses": t.responses,
                "note": t.note, "reviewer": t.reviewer, "decided_at": t.decided_at, "modified": t.modified})
            .to_string();
            tx.execute(
                "INSERT INTO lapsed (kind, target, decision, reason, lapsed_at) VALUES ('triage', ?1, ?2, ?3, ?4)",
                params![what, decision, reason, actor.at],
            )?;
        }
        out.lapsed.push(format!("{what}: {reason}"));
    }
    lapse_stale_triage(tx, actor.name, actor.at)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::package_of;

    #[test]
    fn a_purl_s_package_is_it_without_version_qualifiers_or_subpath() {
        assert_eq!(package_of("pkg:cargo/time@0.3.1"), ("pkg:cargo/time", Some("0.3.1")));
        assert_eq!(package_of("pkg:npm/%40babel/core@7.0.0?x=1#lib"), ("pkg:npm/%40babel/core", Some("7.0.0")));
        assert_eq!(package_of("pkg:pypi/django"), ("pkg:pypi/django", None));
    }
}
