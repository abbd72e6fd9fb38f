//! One decision for many components: every component a selection names (ticked rows, or the
//! components table's filter) is concluded, given a status, has an obligation signed off or a
//! license's findings marked false positive. Each change is the same store call a single
//! decision makes, so each is its own audit entry; what cannot be done for a component (no
//! suggestion, approving without a concluded license) is skipped and said, never guessed.

use std::path::Path;

use clearance_licenses::{Policy, Verdict};
use clearance_store::{
    Actor, Batch, ComponentFilter, ComponentRow, ComponentStatus, FindingFilter, ObligationStatus, Review,
};
use serde::{Deserialize, Serialize};

use crate::reviewer::Reviewer;
use crate::{AppError, Result, now};

/// Which components: ids (rows a reviewer ticked), the components table's filters, or both
/// (both must hold). `all` must be said to select every component.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ComponentSelection {
    pub ids: Vec<i64>,
    /// The components table's filter, as the table applies it.
    pub filter: ComponentFilter,
    /// Every component, when nothing else narrows the selection.
    pub all: bool,
}

impl ComponentSelection {
    fn narrows(&self) -> bool {
        !self.ids.is_empty() || self.filter.narrows()
    }
}

/// What to do to each selected component.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum BulkAction {
    /// Conclude the expression given, or (without one) each component's own suggestion.
    /// `only_clear`: only where the suggestion is clear — the manifest declares a license, the
    /// files' own statements (false positives aside) name nothing else, and the review's policy
    /// allows it; the others are skipped, each with the reason.
    Conclude {
        expression: Option<String>,
        status: Option<ComponentStatus>,
        comment: Option<String>,
        #[serde(default)]
        only_clear: bool,
    },
    /// Set the status, keeping the concluded license. Approving needs one.
    SetStatus { status: ComponentStatus, comment: Option<String> },
    /// Sign off the obligations with this key (of this license only, when given).
    SignOff { obligation: String, license: Option<String>, status: ObligationStatus, note: Option<String> },
    /// Mark the findings of a license false positive.
    FalsePositive { license: String, reason: String },
    /// Mark the components not shipped (not distributed), with the reason: no obligations, not
    /// in attribution, blocking nothing.
    NotShipped { reason: String },
    /// Assign the components to a reviewer ("Name <e-mail>"; None: to nobody).
    Assign { assignee: Option<String> },
    /// Raise the "needs second review" flag, with what to look at; or clear it (only a reviewer
    /// other than the one who raised it may).
    SecondReview { raise: bool, note: Option<String> },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BulkRequest {
    pub selection: ComponentSelection,
    pub action: BulkAction,
    /// Say what would change, change nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// What happened to one selected component.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BulkOutcome {
    pub component_id: i64,
    /// Name and version.
    pub component: String,
    /// False when it was skipped (or, in a dry run, would be).
    pub changed: bool,
    /// What was done, or why not.
    pub detail: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BulkReport {
    pub dry_run: bool,
    pub selected: usize,
    pub changed: usize,
    pub skipped: usize,
    pub outcomes: Vec<BulkOutcome>,
    /// The change can be undone (`undo_bulk`) until the next bulk action.
    pub undoable: bool,
}

/// The selected components, by name.
pub fn select(review: &Review, sel: &ComponentSelection) -> Result<Vec<ComponentRow>> {
    if !sel.narrows() && !sel.all {
        return Err(AppError::Invalid(
            "no components selected: give ids, a filter (search, status, ecosystem, license, category, clarity), or all"
                .into(),
        ));
    }
    let mut rows: std::collections::HashMap<i64, ComponentRow> =
        review.components()?.into_iter().map(|c| (c.id, c)).collect();
    // A ticked id the filters leave out is simply not selected; one that does not exist is an error.
    if let Some(id) = sel.ids.iter().find(|id| !rows.contains_key(id)) {
        return Err(AppError::Invalid(format!("there is no component {id} in this review")));
    }
    Ok(review
        .component_ids(&sel.filter)?
        .into_iter()
        .filter(|id| sel.ids.is_empty() || sel.ids.contains(id))
        .filter_map(|id| rows.remove(&id))
        .collect())
}

pub fn bulk(db: &Path, reviewer: &Reviewer, request: &BulkRequest) -> Result<BulkReport> {
    let mut review = Review::open(db)?;
    let components = select(&review, &request.selection)?;
    let action = checked(&review, &request.action)?;
    let name = reviewer.to_string();
    let at = now();
    let actor = Actor { name: &name, at: &at };
    let policy = match action {
        BulkAction::Conclude { only_clear: true, .. } => Some(crate::review::review_policy(db, None)?),
        _ => None,
    };
    let from = review.audit_head_id()?;
    let mut outcomes = Vec::with_capacity(components.len());
    for c in &components {
        let (changed, detail) = match policy.as_ref().map(|p| unclear(&review, c, p)).transpose()?.flatten() {
            Some(why) => (false, format!("not concluded: {why}")),
            None => apply(&mut review, &actor, c.id, &action, request.dry_run)?,
        };
        outcomes.push(BulkOutcome { component_id: c.id, component: c.label(), changed, detail });
    }
    let changed = outcomes.iter().filter(|o| o.changed).count();
    // What was changed can be undone until the next bulk action; false-positive marks are taken
    // back by unmarking them (`false-positive --undo`), so they replace nothing to undo.
    let mut undoable = false;
    if !request.dry_run && changed > 0 {
        let batch = match action {
            BulkAction::FalsePositive { .. } | BulkAction::Assign { .. } | BulkAction::SecondReview { .. } => None,
            _ => Some(Batch { from, to: review.audit_head_id()? }),
        };
        undoable = batch.is_some();
        review.remember_batch(batch.as_ref())?;
    }
    Ok(BulkReport {
        dry_run: request.dry_run,
        selected: outcomes.len(),
        changed,
        skipped: outcomes.len() - changed,
        outcomes,
        undoable,
    })
}

/// Undo the last bulk action: each decision it made is put back as it was, unless it has been
/// changed since (left as it is, and said). One audit entry ("undo") per decision put back.
pub fn undo_bulk(db: &Path, reviewer: &Reviewer) -> Result<BulkReport> {
    let mut review = Review::open(db)?;
    let Some(batch) = review.last_batch()? else {
        return Err(AppError::Invalid("there is no bulk action to undo".into()));
    };
    let name = reviewer.to_string();
    let at = now();
    let actor = Actor { name: &name, at: &at };
    let labels: std::collections::HashMap<i64, String> =
        review.components()?.into_iter().map(|c| (c.id, c.label())).collect();
    let mut outcomes = Vec::new();
    for event in review.batch_events(&batch)?.iter().rev() {
        let component_id = match event.target.split_once(':') {
            Some(("conclusion" | "exclusion", id)) => id.parse().unwrap_or(0),
            _ => event
                .after
                .as_deref()
                .and_then(|a| serde_json::from_str::<serde_json::Value>(a).ok())
                .and_then(|v| v.get("component_id").and_then(|c| c.as_i64()))
                .unwrap_or(0),
        };
        let changed = review.undo_event(&actor, event)?;
        let what = match event.target.split_once(':').map(|(kind, _)| kind) {
            Some("obligation") => "sign-off",
            Some("exclusion") => "not-shipped mark",
            _ => "conclusion",
        };
        outcomes.push(BulkOutcome {
            component_id,
            component: labels.get(&component_id).cloned().unwrap_or_default(),
            changed,
            detail: if changed {
                format!("{what} put back as it was")
            } else {
                format!("{what} changed since the bulk action: left as it is")
            },
        });
    }
    review.remember_batch(None)?;
    let changed = outcomes.iter().filter(|o| o.changed).count();
    Ok(BulkReport {
        dry_run: false,
        selected: outcomes.len(),
        changed,
        skipped: outcomes.len() - changed,
        outcomes,
        undoable: false,
    })
}

/// The action, refused before anything is written (or previewed) when a single decision of it
/// would be; a concluded expression in the store's canonical form.
fn checked(review: &Review, action: &BulkAction) -> Result<BulkAction> {
    match action {
        BulkAction::SignOff { status, note, .. }
            if status.needs_note() && note.as_deref().is_none_or(|n| n.trim().is_empty()) =>
        {
            Err(AppError::Invalid(format!("a note is required to mark obligations {status}")))
        }
        BulkAction::FalsePositive { reason, .. } if reason.trim().is_empty() => {
            Err(AppError::Invalid("a reason is required to mark findings false positive".into()))
        }
        BulkAction::SecondReview { raise: true, note } if note.as_deref().is_none_or(|n| n.trim().is_empty()) => {
            Err(AppError::Invalid("say what the second reviewer should look at (a note)".into()))
        }
        BulkAction::Assign { assignee: Some(a) } => {
            let who = crate::reviewer::Reviewer::parse(a)?;
            Ok(BulkAction::Assign { assignee: Some(who.to_string()) })
        }
        BulkAction::NotShipped { reason } if reason.trim().is_empty() => {
            Err(AppError::Invalid("a reason is required to mark components not shipped".into()))
        }
        BulkAction::Conclude { expression: Some(_), only_clear: true, .. } => Err(AppError::Invalid(
            "only-clear concludes each component's own suggestion; it takes no expression".into(),
        )),
        BulkAction::Conclude { expression: Some(e), status, comment, only_clear } => Ok(BulkAction::Conclude {
            expression: Some(review.validate_expression(e)?),
            status: *status,
            comment: comment.clone(),
            only_clear: *only_clear,
        }),
        _ => Ok(action.clone()),
    }
}

/// Why a component's suggestion is not clear enough to conclude without looking, or `None` when
/// it is: a declared license, confirmed by what its files say (and nothing else), that the
/// policy allows.
fn unclear(review: &Review, c: &ComponentRow, policy: &Policy) -> Result<Option<String>> {
    let Some(declared) = c.declared_license.as_deref() else {
        return Ok(Some("no declared license to confirm".into()));
    };
    if c.detected.is_empty() {
        return Ok(Some(format!("nothing in its files confirms the declared {declared}")));
    }
    let declared_ids = clearance_licenses::license_ids_in(declared);
    let other: Vec<&str> = c.detected.iter().filter(|d| !declared_ids.contains(d)).map(String::as_str).collect();
    if !other.is_empty() {
        return Ok(Some(format!("its files also say {} (declared {declared})", other.join(", "))));
    }
    let Some((suggestion, _)) = review.suggest(c.id)? else {
        return Ok(Some("nothing to suggest".into()));
    };
    let (verdict, why) = policy.judge_expression(&suggestion);
    if verdict != Verdict::Allow {
        return Ok(Some(format!(
            "the policy says {} for {suggestion}{}",
            verdict.as_str(),
            why.map(|w| format!(" ({w})")).unwrap_or_default()
        )));
    }
    Ok(None)
}

/// One component: (changed, what was done or why not).
fn apply(review: &mut Review, actor: &Actor, id: i64, action: &BulkAction, dry_run: bool) -> Result<(bool, String)> {
    match action {
        BulkAction::Conclude { expression, status, comment, .. } => {
            let expr = match expression {
                Some(e) => e.clone(),
                None => match review.suggest(id)? {
                    Some((e, _)) => e,
                    None => return Ok((false, "nothing to suggest: no declared or detected license".into())),
                },
            };
            if !dry_run {
                review.conclude(actor, id, Some(&expr), *status, comment.as_deref())?;
            }
            Ok((true, format!("concluded {expr}{}", status.map(|s| format!(", {}", s.as_str())).unwrap_or_default())))
        }
        BulkAction::SetStatus { status, comment } => {
            if *status == ComponentStatus::Approved && review.conclusion(id)?.and_then(|k| k.expression).is_none() {
                return Ok((false, "not approved: no license concluded".into()));
            }
            if !dry_run {
                review.conclude(actor, id, None, Some(*status), comment.as_deref())?;
            }
            Ok((true, format!("status {}", status.as_str())))
        }
        BulkAction::SignOff { obligation, license, status, note } => {
            let targets: Vec<i64> = review
                .obligations(Some(id))?
                .into_iter()
                .filter(|o| o.key == *obligation && license.as_ref().is_none_or(|l| o.license == *l))
                .map(|o| o.id)
                .collect();
            if targets.is_empty() {
                return Ok((false, format!("has no {obligation} obligation")));
            }
            if !dry_run {
                for o in &targets {
                    review.sign_off(actor, *o, *status, note.as_deref())?;
                }
            }
            Ok((true, format!("{} {obligation} obligation(s) {status}", targets.len())))
        }
        BulkAction::FalsePositive { license, reason } => {
            let findings =
                review.select_findings(&FindingFilter { license: Some(license), glob: None, component: Some(id) })?;
            if findings.is_empty() {
                return Ok((false, format!("has no {license} finding")));
            }
            if !dry_run {
                review.mark_false_positive(actor, &findings, reason)?;
            }
            Ok((true, format!("{} {license} finding(s) marked false positive", findings.len())))
        }
        BulkAction::Assign { assignee } => {
            let now = review.assignments()?.into_iter().find(|a| a.component_id == id).and_then(|a| a.assignee);
            if now.as_deref().map(clearance_store::reviewer_key)
                == assignee.as_deref().map(clearance_store::reviewer_key)
            {
                return Ok((false, format!("already assigned to {}", now.as_deref().unwrap_or("nobody"))));
            }
            if !dry_run {
                review.assign(actor, &[id], assignee.as_deref())?;
            }
            Ok((true, format!("assigned to {}", assignee.as_deref().unwrap_or("nobody"))))
        }
        BulkAction::SecondReview { raise, note } => {
            let flagged = review.assignments()?.into_iter().any(|a| a.component_id == id && a.second_review);
            if flagged == *raise {
                return Ok((false, if *raise { "already flagged for a second review" } else { "not flagged" }.into()));
            }
            if !dry_run {
                review.second_review(actor, &[id], *raise, note.as_deref())?;
            }
            Ok((
                true,
                if *raise { "flagged for a second review".into() } else { "second review done: flag cleared".into() },
            ))
        }
        BulkAction::NotShipped { reason } => {
            if let Some((why, _, _)) = review.exclusion(id)? {
                return Ok((false, format!("already not shipped: {why}")));
            }
            if !dry_run {
                review.exclude(actor, id, reason.trim())?;
            }
            Ok((true, format!("not shipped: {}", reason.trim())))
        }
    }
}
