//! Review use cases: each opens the review file, does one thing as one reviewer, and returns
//! what the caller shows. The CLI and the desktop shell call these.

use std::path::{Path, PathBuf};

use clearance_licenses::{Distribution, Policy, Severity};
use clearance_store::{Actor, AnnotationRow, ComponentLink, ComponentRow, Review};
pub use clearance_store::{
    AnnotationTarget, ApprovalState, AuditEvent, Blockers, BrokenLink, CarryReport, ComponentStatus, Conclusion,
    FindingFilter, LapsedRow, ObligationRow, ObligationStatus, PolicyHit, ReviewDiff,
};
use serde::Serialize;

use crate::reviewer::Reviewer;
use crate::{AppError, Result, now};

fn act<T>(db: &Path, reviewer: &Reviewer, f: impl FnOnce(&mut Review, &Actor) -> Result<T>) -> Result<T> {
    let mut review = Review::open(db)?;
    let name = reviewer.to_string();
    let at = now();
    f(&mut review, &Actor { name: &name, at: &at })
}

/// Every component a spec names: an id, a name (all its versions), or `name@version`.
pub fn find_components(review: &Review, spec: &str) -> Result<Vec<ComponentRow>> {
    if let Ok(id) = spec.parse::<i64>()
        && let Some(c) = review.component(id)?
    {
        return Ok(vec![c]);
    }
    let (name, version) = match spec.rsplit_once('@') {
        Some((n, v)) if !n.is_empty() => (n, Some(v)),
        _ => (spec, None),
    };
    let mut found = review.components_named(name)?;
    found.retain(|c| version.is_none_or(|v| c.version.as_deref() == Some(v)));
    Ok(found)
}

/// The one component a spec names (id, name, or `name@version`).
pub fn find_component(review: &Review, spec: &str) -> Result<ComponentRow> {
    let matches = find_components(review, spec)?;
    match matches.as_slice() {
        [one] => Ok(one.clone()),
        [] => {
            Err(AppError::Invalid(format!("no component '{spec}' in this review (see `clearance review components`)")))
        }
        many => Err(AppError::Invalid(format!(
            "'{spec}' names {} components; use name@version or the id ({})",
            many.len(),
            many.iter().map(|c| c.id.to_string()).collect::<Vec<_>>().join(", ")
        ))),
    }
}

/// A component with what the reviewer decided about it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ComponentView {
    #[serde(flatten)]
    pub component: ComponentRow,
    pub conclusion: Option<Conclusion>,
    pub suggestion: Option<Suggestion>,
    /// Open obligations (none for a component the release does not ship).
    pub open_obligations: usize,
    /// Why the release does not ship it (a reviewer's or the scan's exclusion), if it does not.
    pub not_shipped: Option<String>,
    /// How clear its licensing is from its own evidence (0-100), and what that evidence lacks.
    pub clarity: u8,
    pub clarity_gaps: Vec<clearance_store::ClarityGap>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Suggestion {
    pub expression: String,
    pub reason: String,
}

pub fn components(db: &Path) -> Result<Vec<ComponentView>> {
    let review = Review::open(db)?;
    let obligations = review.obligations(None)?;
    let mut clarities = review.clarities()?;
    let mut out = Vec::new();
    for c in review.components()? {
        let open = obligations.iter().filter(|o| o.component_id == c.id && !o.status.is_settled()).count();
        let (clarity, clarity_gaps) = clarities.remove(&c.id).unwrap_or_default();
        out.push(ComponentView {
            clarity,
            clarity_gaps,
            conclusion: review.conclusion(c.id)?,
            suggestion: review.suggest(c.id)?.map(|(expression, reason)| Suggestion { expression, reason }),
            open_obligations: open,
            not_shipped: review.exclusion(c.id)?.map(|(reason, _, _)| reason),
            component: c,
        });
    }
    Ok(out)
}

/// Everything about one component: its files of interest and their findings (with
/// false-positive marks), its conclusion and suggestion, comments, exclusion, obligations.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ComponentDetail {
    pub component: ComponentView,
    /// Files with findings or copyrights, and license, notice and manifest files (at most
    /// `DETAIL_FILES`), in path order.
    pub files: Vec<FileView>,
    /// All files of the component, shown or not.
    pub file_count: i64,
    pub comments: Vec<AnnotationRow>,
    /// Why it is left out of attribution files, by whom, when.
    pub excluded: Option<(String, String, String)>,
    pub obligations: Vec<ObligationRow>,
    /// What its lockfiles say it depends on, and what depends on it.
    pub depends_on: Vec<ComponentLink>,
    pub used_by: Vec<ComponentLink>,
    /// Known vulnerabilities the review's last match found in it, with their triage.
    pub vulnerabilities: Vec<clearance_store::VulnerabilityRow>,
}

/// The most files a component's detail lists.
pub const DETAIL_FILES: u32 = 2000;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileView {
    pub id: i64,
    pub path: String,
    pub kind: clearance_store::FileKind,
    pub findings: Vec<FindingView>,
    pub copyrights: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FindingView {
    pub id: i64,
    pub detector: clearance_store::Detector,
    pub expression: Option<String>,
    pub score: f64,
    pub lines: (i64, i64),
    pub false_positive: Option<String>,
}

pub fn component_detail(db: &Path, spec: &str) -> Result<ComponentDetail> {
    let review = Review::open(db)?;
    let c = find_component(&review, spec)?;
    let (rows, file_count) = review.files_of_interest(c.id, DETAIL_FILES)?;
    let mut files = Vec::new();
    for f in rows {
        let fps = review.false_positive_reasons(f.id)?;
        let findings = review
            .findings(Some(f.id))?
            .into_iter()
            .map(|x| FindingView {
                false_positive: fps.iter().find(|(id, _)| *id == x.id).map(|(_, r)| r.clone()),
                id: x.id,
                detector: x.detector,
                expression: x.expression,
                score: x.score,
                lines: (x.start_line, x.end_line),
            })
            .collect();
        let copyrights = review.copyrights(Some(f.id))?.into_iter().map(|c| c.statement).collect();
        files.push(FileView { id: f.id, path: f.path, kind: f.kind, findings, copyrights });
    }
    let obligations = review.obligations(Some(c.id))?;
    let open = obligations.iter().filter(|o| !o.status.is_settled()).count();
    let (depends_on, used_by) = review.component_links(c.id)?;
    let excluded = review.exclusion(c.id)?;
    let (clarity, clarity_gaps) = review.clarities()?.remove(&c.id).unwrap_or_default();
    let mut vulnerabilities = review.vulnerabilities()?;
    vulnerabilities.retain(|v| v.component_id == c.id);
    Ok(ComponentDetail {
        depends_on,
        used_by,
        vulnerabilities,
        comments: review.annotations_on(AnnotationTarget::Component, c.id)?,
        component: ComponentView {
            clarity,
            clarity_gaps,
            conclusion: review.conclusion(c.id)?,
            suggestion: review.suggest(c.id)?.map(|(expression, reason)| Suggestion { expression, reason }),
            open_obligations: open,
            not_shipped: excluded.as_ref().map(|(reason, _, _)| reason.clone()),
            component: c,
        },
        excluded,
        files,
        file_count,
        obligations,
    })
}

/// Conclude a component. With `use_suggestion`, the suggested expression is taken (and the
/// comment says so) when no expression is given.
pub fn conclude(
    db: &Path,
    reviewer: &Reviewer,
    spec: &str,
    expression: Option<&str>,
    use_suggestion: bool,
    status: Option<ComponentStatus>,
    comment: Option<&str>,
) -> Result<Conclusion> {
    act(db, reviewer, |review, actor| {
        let c = find_component(review, spec)?;
        let suggested = if expression.is_none() && use_suggestion { review.suggest(c.id)? } else { None };
        if expression.is_none() && use_suggestion && suggested.is_none() {
            return Err(AppError::Invalid(format!("there is nothing to suggest for {}: give --license", c.name)));
        }
        let expr = expression.map(str::to_string).or(suggested.as_ref().map(|s| s.0.clone()));
        Ok(review.conclude(actor, c.id, expr.as_deref(), status, comment)?)
    })
}

/// A conclusion as the desktop's editor sends it: an empty expression or comment is none.
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConcludeRequest {
    pub component: i64,
    pub expression: Option<String>,
    pub status: Option<ComponentStatus>,
    pub comment: Option<String>,
}

/// Conclude as the editor asks, and answer the component as it now stands.
pub fn conclude_request(db: &Path, reviewer: &Reviewer, request: &ConcludeRequest) -> Result<ComponentDetail> {
    let expression = request.expression.as_deref().map(str::trim).filter(|e| !e.is_empty());
    let comment = request.comment.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let spec = request.component.to_string();
    conclude(db, reviewer, &spec, expression, false, request.status, comment)?;
    component_detail(db, &spec)
}

pub fn add_license_ref(db: &Path, reviewer: &Reviewer, name: &str, title: &str, text: &str) -> Result<String> {
    act(db, reviewer, |review, actor| Ok(review.add_license_ref(actor, name, title, text)?))
}

pub fn annotate(
    db: &Path,
    reviewer: &Reviewer,
    target_kind: AnnotationTarget,
    target: &str,
    comment: &str,
) -> Result<i64> {
    act(db, reviewer, |review, actor| {
        let id = match target_kind {
            AnnotationTarget::Component => find_component(review, target)?.id,
            AnnotationTarget::File => match target.parse::<i64>() {
                Ok(id) => id,
                Err(_) => find_file(review, target)?,
            },
            AnnotationTarget::Finding => {
                target.parse::<i64>().map_err(|_| AppError::Invalid(format!("'{target}' is not a finding id")))?
            }
        };
        Ok(review.annotate(actor, target_kind, id, comment)?)
    })
}

/// A file by its path in the tree, with or without the scanned folder's name in front
/// ("src/main.rs" or "sample-release/src/main.rs").
fn find_file(review: &Review, path: &str) -> Result<i64> {
    let path = path.trim_start_matches("./");
    let hits: Vec<_> = review
        .files(None)?
        .into_iter()
        .filter(|f| f.path == path || format!("{}/{}", f.root, f.path) == path)
        .collect();
    match hits.as_slice() {
        [f] => Ok(f.id),
        [] => Err(AppError::Invalid(format!(
            "no file '{path}' in this review: give its path as the scan recorded it, or its id (see `clearance review show COMPONENT`)"
        ))),
        many => Err(AppError::Invalid(format!(
            "'{path}' is in {} scanned folders; write it with the folder's name in front: {}",
            many.len(),
            many.iter().map(|f| format!("{}/{}", f.root, f.path)).collect::<Vec<_>>().join(", ")
        ))),
    }
}

/// Which findings a bulk action takes: ids, plus those a filter selects. A component named
/// without a version means every version of it.
#[derive(Debug, Clone, Default)]
pub struct FindingSelection<'a> {
    pub ids: &'a [i64],
    pub license: Option<&'a str>,
    pub glob: Option<&'a str>,
    pub component: Option<&'a str>,
}

/// Every finding in a folder marked false positive at once (vendored test data, examples):
/// those under `request.path` (`root-name/relative/folder`) not marked yet. Answers how many.
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FolderMark {
    pub path: String,
    pub reason: String,
}

pub fn folder_false_positive(db: &Path, reviewer: &Reviewer, request: &FolderMark) -> Result<usize> {
    if request.reason.trim().is_empty() {
        return Err(AppError::Invalid("say why the folder's findings are false positives".into()));
    }
    act(db, reviewer, |review, actor| {
        let ids = review.findings_under(&request.path)?;
        if ids.is_empty() {
            return Ok(0);
        }
        Ok(review.mark_false_positive(actor, &ids, request.reason.trim())?)
    })
}

/// Mark findings false positive (or withdraw the marks), in one transaction.
pub fn false_positive(
    db: &Path,
    reviewer: &Reviewer,
    sel: &FindingSelection,
    reason: &str,
    undo: bool,
) -> Result<usize> {
    act(db, reviewer, |review, actor| {
        let mut all = sel.ids.to_vec();
        let components: Vec<Option<i64>> = match sel.component {
            Some(spec) => {
                let found = find_components(review, spec)?;
                if found.is_empty() {
                    return Err(AppError::Invalid(format!("no component '{spec}' in this review")));
                }
                found.into_iter().map(|c| Some(c.id)).collect()
            }
            None => vec![None],
        };
        if sel.license.is_some() || sel.glob.is_some() || sel.component.is_some() {
            for component in components {
                all.extend(review.select_findings(&FindingFilter {
                    license: sel.license,
                    glob: sel.glob,
                    component,
                })?);
            }
        }
        all.sort();
        all.dedup();
        if all.is_empty() {
            return Err(AppError::Invalid(
                "no finding selected: give finding ids, or --license / --path / --component".into(),
            ));
        }
        Ok(if undo {
            review.unmark_false_positive(actor, &all)?
        } else {
            review.mark_false_positive(actor, &all, reason)?
        })
    })
}

/// Leave a component out of attribution files (reason kept), or take it back in.
pub fn exclude(db: &Path, reviewer: &Reviewer, spec: &str, reason: &str, undo: bool) -> Result<()> {
    act(db, reviewer, |review, actor| {
        let c = find_component(review, spec)?;
        if undo {
            review.include(actor, c.id)?;
        } else {
            review.exclude(actor, c.id, reason)?;
        }
        Ok(())
    })
}

/// Every component whose folder is at or below `request.path` (`root-name/relative/folder`)
/// marked not shipped with one reason (build tooling, tests, examples) — one audited exclusion
/// each; those already excluded are left as they are. Answers how many were marked. Files in
/// the folder that belong to a component above it are not a component of their own: that
/// component stays.
pub fn folder_not_shipped(db: &Path, reviewer: &Reviewer, request: &FolderMark) -> Result<usize> {
    let reason = request.reason.trim();
    if reason.is_empty() {
        return Err(AppError::Invalid("say why the folder is not shipped".into()));
    }
    let folder = request.path.trim_matches('/');
    if folder.is_empty() {
        return Err(AppError::Invalid("name a folder: not the whole review".into()));
    }
    act(db, reviewer, |review, actor| {
        let mut n = 0;
        for c in review.components()? {
            let at = if c.dir.is_empty() { c.root.clone() } else { format!("{}/{}", c.root, c.dir) };
            let inside = at == folder || at.starts_with(&format!("{folder}/"));
            if inside && review.exclusion(c.id)?.is_none() {
                review.exclude(actor, c.id, reason)?;
                n += 1;
            }
        }
        Ok(n)
    })
}

pub fn set_product(db: &Path, reviewer: &Reviewer, name: &str, version: Option<&str>) -> Result<()> {
    act(db, reviewer, |review, actor| Ok(review.set_product(actor, name, version)?))
}

pub fn set_distribution(db: &Path, reviewer: &Reviewer, modes: &[Distribution]) -> Result<()> {
    act(db, reviewer, |review, actor| Ok(review.set_distribution(actor, modes)?))
}

pub fn obligations(db: &Path, component: Option<&str>) -> Result<Vec<ObligationRow>> {
    let review = Review::open(db)?;
    let id = component.map(|c| find_component(&review, c)).transpose()?.map(|c| c.id);
    Ok(review.obligations(id)?)
}

pub fn sign_off(
    db: &Path,
    reviewer: &Reviewer,
    obligation: i64,
    status: ObligationStatus,
    note: Option<&str>,
) -> Result<()> {
    act(db, reviewer, |review, actor| Ok(review.sign_off(actor, obligation, status, note)?))
}

pub fn approve(db: &Path, reviewer: &Reviewer, override_reason: Option<&str>) -> Result<ApprovalState> {
    act(db, reviewer, |review, actor| Ok(review.approve(actor, override_reason)?))
}

pub fn reopen(db: &Path, reviewer: &Reviewer, reason: &str) -> Result<()> {
    act(db, reviewer, |review, actor| Ok(review.reopen(actor, reason)?))
}

/// Where a review stands.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Status {
    pub distribution: Vec<Distribution>,
    pub approval: ApprovalState,
    pub blockers: Blockers,
    /// Components the release ships (the ones to conclude).
    pub components: usize,
    pub concluded: usize,
    /// Components marked not shipped (by a reviewer, or the scan for a vendored package's own
    /// lockfile entries).
    pub not_shipped: usize,
    pub carried_over: usize,
    pub obligations: usize,
    pub obligations_done: usize,
    pub lapsed: Vec<LapsedRow>,
}

pub fn status(db: &Path) -> Result<Status> {
    let review = Review::open(db)?;
    let (components, concluded, carried, not_shipped) = review.conclusion_counts()?;
    let obligations = review.obligations(None)?;
    Ok(Status {
        distribution: review.distribution()?,
        approval: review.approval()?,
        blockers: review.blockers()?,
        components: components as usize,
        concluded: concluded as usize,
        not_shipped: not_shipped as usize,
        carried_over: carried as usize,
        obligations: obligations.len(),
        obligations_done: obligations.iter().filter(|o| o.status.is_settled()).count(),
        lapsed: review.lapsed()?,
    })
}

/// Load a policy file, or the default policy.
/// The policy a review is checked against: the file given, else the one set on the review
/// (`clearance review policy FILE`), else the default policy.
pub fn review_policy(db: &Path, path: Option<&Path>) -> Result<Policy> {
    if path.is_some() {
        return load_policy(path);
    }
    match Review::open(db)?.policy_text()? {
        Some(text) => Policy::parse(&text).map_err(|e| AppError::Policy(format!("the review's policy: {e}"))),
        None => Ok(Policy::default()),
    }
}

/// The policy as a reviewer edits it: the review's own text, or the default written out.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyText {
    pub text: String,
    /// The review has a policy of its own (else `text` is the default, not yet saved).
    pub own: bool,
}

pub fn policy_text(db: &Path) -> Result<PolicyText> {
    Ok(match Review::open(db)?.policy_text()? {
        Some(text) => PolicyText { text, own: true },
        None => PolicyText { text: clearance_licenses::DEFAULT_POLICY.to_string(), own: false },
    })
}

/// Set the review's policy from its text, as the desktop's editor sends it: checked first (an
/// error names the line and column), saved and audited.
pub fn set_policy_text(db: &Path, reviewer: &Reviewer, text: &str) -> Result<()> {
    save_policy(db, reviewer, text, "the policy")
}

/// Check a policy's text (an error names `origin`, the line and the column), then save it.
fn save_policy(db: &Path, reviewer: &Reviewer, text: &str, origin: &str) -> Result<()> {
    Policy::parse(text).map_err(|e| AppError::Policy(format!("{origin}: {e}")))?;
    act(db, reviewer, |review, actor| Ok(review.set_policy(actor, text)?))
}

/// Set the review's policy from a file (checked first).
pub fn set_policy(db: &Path, reviewer: &Reviewer, path: &Path) -> Result<()> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| AppError::Path { path: path.to_path_buf(), reason: e.to_string() })?;
    save_policy(db, reviewer, &text, &path.display().to_string())
}

pub fn load_policy(path: Option<&Path>) -> Result<Policy> {
    match path {
        None => Ok(Policy::default()),
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| AppError::Path { path: p.to_path_buf(), reason: e.to_string() })?;
            Policy::parse(&text).map_err(|e| AppError::Policy(format!("{}: {e}", p.display())))
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckReport {
    pub errors: usize,
    pub warnings: usize,
    pub hits: Vec<PolicyHit>,
    /// Open vulnerabilities the policy denies (`[vulnerabilities] deny`), each an error:
    /// "component: advisory (severity)".
    pub vulnerabilities: Vec<String>,
}

/// The CI gate: every license in the review (concluded, or detected and not a false positive)
/// against a policy.
pub fn check(db: &Path, policy: &Policy) -> Result<CheckReport> {
    let review = Review::open(db)?;
    let hits = review.check_policy(policy)?;
    let vulnerabilities = review.denied_vulnerabilities(policy)?;
    Ok(CheckReport {
        errors: hits.iter().filter(|h| h.severity == Severity::Error).count() + vulnerabilities.len(),
        warnings: hits.iter().filter(|h| h.severity == Severity::Warning).count(),
        hits,
        vulnerabilities,
    })
}

pub fn audit_log(db: &Path) -> Result<Vec<AuditEvent>> {
    Ok(Review::open(db)?.audit_events(None)?)
}

pub fn audit_verify(db: &Path) -> Result<Option<BrokenLink>> {
    Ok(Review::open(db)?.verify_audit()?)
}

pub fn carry_over(db: &Path, reviewer: &Reviewer, from: &Path) -> Result<CarryReport> {
    let old = Review::open(from)?;
    act(db, reviewer, |review, actor| Ok(review.carry_over_from(&old, actor)?))
}

pub fn diff(old: &Path, new: &Path) -> Result<ReviewDiff> {
    Ok(clearance_store::diff(&Review::open(old)?, &Review::open(new)?)?)
}

/// What changed since an earlier review (`earlier`) in the one open (`db`): the desktop's
/// release diff. Comparing a review with itself is refused, not answered with "no change".
pub fn changes_since(db: &Path, earlier: &Path) -> Result<ReviewDiff> {
    let same = match (db.canonicalize(), earlier.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(AppError::Invalid("that is the review open now: choose the review of an earlier release".into()));
    }
    diff(earlier, db)
}

// ----- the desktop's decisions, one request each -----

/// A comment on a component, a file or a finding.
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CommentRequest {
    pub target: AnnotationTarget,
    pub id: i64,
    pub text: String,
}

/// Comment; answers the comment's id.
pub fn comment(db: &Path, reviewer: &Reviewer, request: &CommentRequest) -> Result<i64> {
    annotate(db, reviewer, request.target, &request.id.to_string(), &request.text)
}

/// Findings marked false positive (with the reason), or the marks taken back (`undo`).
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FalsePositiveRequest {
    pub findings: Vec<i64>,
    pub reason: String,
    pub undo: bool,
}

/// Mark (or unmark) the findings; answers how many changed.
pub fn false_positive_request(db: &Path, reviewer: &Reviewer, request: &FalsePositiveRequest) -> Result<usize> {
    if !request.undo && request.reason.trim().is_empty() {
        return Err(AppError::Invalid("say why the finding is a false positive".into()));
    }
    let selection = FindingSelection { ids: &request.findings, ..Default::default() };
    false_positive(db, reviewer, &selection, &request.reason, request.undo)
}

/// A component marked not shipped (with the reason), or taken back in (`undo`).
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExcludeRequest {
    pub component: i64,
    pub reason: String,
    pub undo: bool,
}

pub fn exclude_request(db: &Path, reviewer: &Reviewer, request: &ExcludeRequest) -> Result<()> {
    exclude(db, reviewer, &request.component.to_string(), &request.reason, request.undo)
}

/// An obligation signed off: its status and a note (an empty note is none).
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignOffRequest {
    pub obligation: i64,
    pub status: ObligationStatus,
    pub note: Option<String>,
}

pub fn sign_off_request(db: &Path, reviewer: &Reviewer, request: &SignOffRequest) -> Result<()> {
    let note = request.note.as_deref().filter(|n| !n.trim().is_empty());
    sign_off(db, reviewer, request.obligation, request.status, note)
}

/// The product as attribution files and SBOMs name it.
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProductRequest {
    pub name: String,
    pub version: Option<String>,
}

pub fn set_product_request(db: &Path, reviewer: &Reviewer, request: &ProductRequest) -> Result<()> {
    set_product(db, reviewer, &request.name, request.version.as_deref())
}

/// Approval, with the reason for overriding what still blocks it (an empty reason is none).
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ApproveRequest {
    pub override_reason: Option<String>,
}

pub fn approve_request(db: &Path, reviewer: &Reviewer, request: &ApproveRequest) -> Result<ApprovalState> {
    approve(db, reviewer, request.override_reason.as_deref().filter(|r| !r.trim().is_empty()))
}

/// Every obligation of what the release ships (the desktop's Obligations view).
pub fn release_obligations(db: &Path) -> Result<Vec<ObligationRow>> {
    obligations(db, None)
}

/// The audit log, and whether its hash chain and every decision verify.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditView {
    pub events: Vec<AuditEvent>,
    pub intact: bool,
    pub broken: Option<String>,
}

pub fn audit_view(db: &Path) -> Result<AuditView> {
    let events = audit_log(db)?;
    let broken = audit_verify(db)?.map(|b| match b.event_id {
        Some(id) => format!("event {id}: {}", b.problem),
        None => b.problem,
    });
    Ok(AuditView { events, intact: broken.is_none(), broken })
}

/// One part of a split review.
#[derive(Debug, Clone, Serialize)]
pub struct SplitPart {
    pub path: PathBuf,
    /// Whose part it is: the reviewer the components are assigned to, or "part N".
    pub label: String,
    pub components: usize,
}

/// Split the review into parts for several reviewers: by assignee (one part per reviewer the
/// shipped components are assigned to, and one for the unassigned), else into `parts` parts of
/// about equal size in name order. Each part is a whole copy of the review next to it.
pub fn split(db: &Path, reviewer: &Reviewer, parts: usize, by_assignee: bool) -> Result<Vec<SplitPart>> {
    let mut review = Review::open(db)?;
    let comps = review.components()?;
    let left_out = clearance_store::not_shipped(&comps);
    let excluded = review.exclusions()?;
    let mut shipped: Vec<&clearance_store::ComponentRow> =
        comps.iter().filter(|c| !left_out.contains(&c.id) && !excluded.contains_key(&c.id)).collect();
    shipped.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.version.cmp(&b.version)));
    let mut groups: Vec<(String, Vec<i64>)> = Vec::new();
    if by_assignee {
        let assigned: std::collections::HashMap<i64, String> =
            review.assignments()?.into_iter().filter_map(|a| a.assignee.map(|who| (a.component_id, who))).collect();
        if assigned.is_empty() {
            return Err(AppError::Invalid(
                "no component is assigned: assign them first, or split into --parts N".into(),
            ));
        }
        for c in &shipped {
            let who = assigned.get(&c.id).cloned().unwrap_or_else(|| "unassigned".into());
            let key = clearance_store::reviewer_key(&who);
            match groups.iter_mut().find(|(w, _)| clearance_store::reviewer_key(w) == key) {
                Some((_, ids)) => ids.push(c.id),
                None => groups.push((who, vec![c.id])),
            }
        }
    } else {
        if !(2..=50).contains(&parts) {
            return Err(AppError::Invalid("split into 2 to 50 parts (--parts N)".into()));
        }
        let per = shipped.len().div_ceil(parts).max(1);
        for (i, chunk) in shipped.chunks(per).enumerate() {
            groups.push((format!("part {}", i + 1), chunk.iter().map(|c| c.id).collect()));
        }
    }
    if groups.len() < 2 {
        return Err(AppError::Invalid("there is only one part's worth of components: nothing to split".into()));
    }
    let stem = db.file_stem().map_or_else(|| "review".to_string(), |s| s.to_string_lossy().into_owned());
    let dir = db.parent().unwrap_or_else(|| Path::new("."));
    let paths: Vec<PathBuf> = (1..=groups.len()).map(|i| dir.join(format!("{stem}.part{i}.clearance"))).collect();
    let name = reviewer.to_string();
    let at = crate::now();
    let plan: Vec<(&Path, Vec<i64>)> =
        paths.iter().zip(&groups).map(|(p, (_, ids))| (p.as_path(), ids.clone())).collect();
    review.split_into(&clearance_store::Actor { name: &name, at: &at }, &plan)?;
    Ok(paths
        .into_iter()
        .zip(groups)
        .map(|(path, (label, ids))| SplitPart { path, label, components: ids.len() })
        .collect())
}

/// Merge parts back: every decision taken, conflicts listed (not applied).
pub fn merge(db: &Path, reviewer: &Reviewer, parts: &[PathBuf]) -> Result<clearance_store::MergeReport> {
    let refs: Vec<&Path> = parts.iter().map(PathBuf::as_path).collect();
    act(db, reviewer, |review, actor| Ok(review.merge_from(actor, &refs)?))
}
