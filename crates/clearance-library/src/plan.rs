//! Looking a review up in the library: what applies (the same package on the same evidence, one
//! answer), what is only suggested (other evidence, another version, an exclusion elsewhere),
//! what conflicts (several answers for the same evidence) — and applying what applies.

use std::collections::HashMap;

use crate::db::{Row, Val};
use clearance_store::{
    Actor, AdoptReport, AdoptedConclusion, AdoptedFalsePositive, ComponentStatus, Conclusion, Evidence, Review,
    component_key,
};
use serde::Serialize;

use crate::{Library, LibraryEntry, Result, evidence_sha256};

pub(crate) const ENTRY_SELECT: &str = "SELECT d.key, d.expression, d.status, d.comment, d.reviewer, d.decided_at,
        CASE WHEN r.id IS NULL THEN NULL ELSE trim(r.product || ' ' || r.version) END, d.reason, d.evidence,
        d.evidence_sha256, r.audit_head
     FROM decisions d LEFT JOIN releases r ON r.id = d.release_id";

pub(crate) fn entry_of(r: &Row) -> LibraryEntry {
    LibraryEntry {
        key: r.t(0),
        expression: r.ot(1),
        status: r.t(2),
        comment: r.ot(3),
        reviewer: r.t(4),
        decided_at: r.t(5),
        release: r.ot(6),
        reason: r.ot(7),
        evidence: Evidence::from_json(&r.t(8)).unwrap_or_default(),
        evidence_sha256: r.t(9),
        audit_head: r.ot(10),
    }
}

/// Rows for many keys at once (`{sql}` ends in `IN ({})`), a few hundred keys a statement.
fn by_keys(conn: &mut crate::db::Conn, sql: &str, keys: &[String]) -> Result<Vec<Row>> {
    let mut out = Vec::new();
    let mut tx = conn.read()?;
    for chunk in keys.chunks(400) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("?{i}")).collect();
        let args: Vec<Val> = chunk.iter().map(Val::from).collect();
        out.extend(tx.query(&sql.replace("{}", &marks.join(", ")), &args)?);
    }
    Ok(out)
}

/// A component key without its version: `purl:pkg:cargo/serde@1.0.1` → `purl:pkg:cargo/serde`,
/// `nv:npm:left-pad:1.3.0` → `nv:npm:left-pad`; the product's key has no version already.
pub(crate) fn package_key(key: &str) -> String {
    if let Some(purl) = key.strip_prefix("purl:") {
        let base = purl.split(['?', '#']).next().unwrap_or(purl);
        return match base.rsplit_once('@') {
            Some((p, v)) if !v.contains('/') => format!("purl:{p}"),
            _ => key.to_string(),
        };
    }
    if key.starts_with("nv:") {
        return match key.rsplit_once(':') {
            Some((p, _)) => p.to_string(),
            None => key.to_string(),
        };
    }
    key.to_string()
}

/// A finding as the library knows it: detector, expression, the hash of its text.
type FindingKey = (String, Option<String>, String);
/// A false positive's reason, reviewer, time and release.
type Said = (String, String, String, String);

/// A decision that applies: the same package on the same evidence.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlannedConclusion {
    pub component_id: i64,
    pub component: String,
    pub entry: LibraryEntry,
}

/// What a suggestion would decide.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum SuggestionKind {
    /// The component's license and status.
    Conclusion,
    /// That the component does not ship.
    Exclusion,
}

/// A decision offered, never applied: why it does not simply apply is said.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LibrarySuggestion {
    pub component_id: i64,
    pub component: String,
    pub kind: SuggestionKind,
    pub entry: LibraryEntry,
    pub why: String,
}

/// Entries that disagree about the same package on the same evidence: shown side by side.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LibraryConflict {
    pub component_id: i64,
    pub component: String,
    pub entries: Vec<LibraryEntry>,
}

/// What the library has for a review.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LibraryPlan {
    pub apply: Vec<PlannedConclusion>,
    pub suggestions: Vec<LibrarySuggestion>,
    pub conflicts: Vec<LibraryConflict>,
    /// Findings whose text the library knows as a false positive (applied with the rest).
    pub false_positives: usize,
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    fps: Vec<AdoptedFalsePositive>,
}

impl Library {
    /// Look every component and finding of the review up.
    pub fn plan(&mut self, review: &Review) -> Result<LibraryPlan> {
        let mut plan = LibraryPlan::default();
        let evidence = review.evidence_now()?;
        let excluded = review.exclusions()?;
        let components = review.components()?;
        // What does not ship needs no conclusion: entries of bundled packages' development
        // lockfiles, lockfile entries a vendoring tree does not hold.
        let left_out = clearance_store::not_shipped(&components);
        let wanted: Vec<(clearance_store::ComponentRow, String)> = components
            .into_iter()
            .filter(|c| !left_out.contains(&c.id))
            .filter_map(|c| component_key(&c).map(|k| (c, k)))
            .collect();
        let keys: Vec<String> = wanted.iter().map(|(_, k)| k.clone()).collect();
        let packages: Vec<String> = {
            let mut p: Vec<String> = keys.iter().map(|k| package_key(k)).collect();
            p.sort();
            p.dedup();
            p
        };
        // Everything the library holds about these packages, in a few statements.
        let mut entries: HashMap<String, Vec<LibraryEntry>> = HashMap::new();
        let mut newest_of_package: HashMap<String, Vec<LibraryEntry>> = HashMap::new();
        for r in by_keys(
            self.conn(),
            &format!("{ENTRY_SELECT} WHERE d.package IN ({{}}) ORDER BY d.decided_at DESC, d.id DESC"),
            &packages,
        )? {
            let e = entry_of(&r);
            newest_of_package.entry(package_key(&e.key)).or_default().push(e.clone());
            entries.entry(e.key.clone()).or_default().push(e);
        }
        let mut exclusions: HashMap<String, LibraryEntry> = HashMap::new();
        for r in by_keys(
            self.conn(),
            "SELECT e.key, e.reason, e.reviewer, e.decided_at, trim(r.product || ' ' || r.version), r.audit_head
             FROM exclusions e JOIN releases r ON r.id = e.release_id WHERE e.key IN ({}) ORDER BY e.decided_at",
            &keys,
        )? {
            exclusions.insert(
                r.t(0),
                LibraryEntry {
                    key: r.t(0),
                    expression: None,
                    status: "excluded".into(),
                    comment: r.ot(1),
                    reviewer: r.t(2),
                    decided_at: r.t(3),
                    release: r.ot(4),
                    reason: None,
                    evidence: Evidence::default(),
                    evidence_sha256: String::new(),
                    audit_head: r.ot(5),
                },
            );
        }
        for (c, key) in wanted {
            let label = c.label();
            if !excluded.contains_key(&c.id)
                && let Some(e) = exclusions.get(&key)
            {
                let why = format!(
                    "not shipped in {}: whether it ships here is this product's question",
                    e.release.as_deref().unwrap_or("another release")
                );
                plan.suggestions.push(LibrarySuggestion {
                    component_id: c.id,
                    component: label.clone(),
                    kind: SuggestionKind::Exclusion,
                    entry: e.clone(),
                    why,
                });
            }
            if review.conclusion(c.id)?.is_some() {
                continue;
            }
            let now = evidence.get(&c.id).cloned().unwrap_or_default();
            let now_sha = evidence_sha256(&now);
            let none = Vec::new();
            let entries = entries.get(&key).unwrap_or(&none);
            let same: Vec<&LibraryEntry> = entries.iter().filter(|e| e.evidence_sha256 == now_sha).collect();
            let mut answers: Vec<(&Option<String>, &str)> =
                same.iter().map(|e| (&e.expression, e.status.as_str())).collect();
            answers.sort();
            answers.dedup();
            match answers.len() {
                1 => {
                    plan.apply.push(PlannedConclusion { component_id: c.id, component: label, entry: same[0].clone() })
                }
                n if n > 1 => {
                    // One entry per answer, the newest of each.
                    let mut seen: Vec<(&Option<String>, &str)> = Vec::new();
                    let mut shown = Vec::new();
                    for e in &same {
                        let a = (&e.expression, e.status.as_str());
                        if !seen.contains(&a) {
                            seen.push(a);
                            shown.push((*e).clone());
                        }
                    }
                    plan.conflicts.push(LibraryConflict { component_id: c.id, component: label, entries: shown });
                }
                _ => {
                    if let Some(e) = entries.first() {
                        let why = if e.evidence_sha256 == "unknown" {
                            format!(
                                "a curation ({}) made without evidence to compare",
                                e.reason.as_deref().unwrap_or("")
                            )
                        } else {
                            match e.evidence.change_to(&now) {
                                Some(change) => format!("the evidence differs: {change}"),
                                None => "the evidence differs".to_string(),
                            }
                        };
                        plan.suggestions.push(LibrarySuggestion {
                            component_id: c.id,
                            component: label,
                            kind: SuggestionKind::Conclusion,
                            entry: e.clone(),
                            why,
                        });
                    } else if let Some(e) =
                        newest_of_package.get(&package_key(&key)).and_then(|all| all.iter().find(|e| e.key != key))
                    {
                        let other = e.key.rsplit(['@', ':']).next().unwrap_or("").to_string();
                        plan.suggestions.push(LibrarySuggestion {
                            component_id: c.id,
                            component: label,
                            kind: SuggestionKind::Conclusion,
                            why: format!("decided for another version ({other}), not this one"),
                            entry: e.clone(),
                        });
                    }
                }
            }
        }
        // False positives by the text they are about.
        let mut known: HashMap<FindingKey, Said> = HashMap::new();
        for r in self.conn().query(
            "SELECT f.detector, f.expression, f.text_sha256, f.reason, f.reviewer, f.decided_at, trim(r.product || ' ' || r.version)
             FROM false_positives f JOIN releases r ON r.id = f.release_id ORDER BY f.decided_at",
            &[],
        )? {
            known.insert((r.t(0), r.ot(1), r.t(2)), (r.t(3), r.t(4), r.t(5), r.t(6))); // the newest wins
        }
        if !known.is_empty() {
            for f in review.finding_texts()? {
                if let Some((reason, reviewer, at, release)) =
                    known.get(&(f.detector.clone(), f.expression.clone(), f.text_sha256.clone()))
                {
                    let date = at.get(..10).unwrap_or(at);
                    plan.fps.push(AdoptedFalsePositive {
                        finding_id: f.finding_id,
                        reason: reason.clone(),
                        reviewer: reviewer.clone(),
                        decided_at: at.clone(),
                        from: format!("library: {release} ({reviewer}, {date})"),
                    });
                }
            }
        }
        plan.false_positives = plan.fps.len();
        Ok(plan)
    }

    /// Apply what the plan says applies (never its suggestions or conflicts), in one transaction
    /// of the review, each decision marked as coming from the library and audited.
    pub fn apply(&mut self, review: &mut Review, actor: &Actor, plan: &LibraryPlan) -> Result<AdoptReport> {
        let mut refs = Vec::new();
        let mut conclusions = Vec::new();
        for p in &plan.apply {
            let e = &p.entry;
            let Some(status) = ComponentStatus::parse(&e.status) else { continue };
            for id in e.expression.as_deref().unwrap_or("").split(|c: char| c.is_whitespace() || c == '(' || c == ')') {
                if id.starts_with("LicenseRef-")
                    && let Some((name, text)) = self.license_ref(id)?
                    && !refs.iter().any(|(r, _, _): &(String, String, String)| r == id)
                {
                    refs.push((id.to_string(), name, text));
                }
            }
            conclusions.push(AdoptedConclusion {
                component_id: p.component_id,
                conclusion: Conclusion {
                    component_id: p.component_id,
                    expression: e.expression.clone(),
                    status,
                    comment: e.comment.clone(),
                    reviewer: e.reviewer.clone(),
                    decided_at: e.decided_at.clone(),
                    carried_from: None,
                },
                from: e.provenance(),
            });
        }
        Ok(review.adopt(actor, &refs, &conclusions, &plan.fps)?)
    }
}
