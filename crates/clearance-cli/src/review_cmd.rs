//! The review verbs: argument structs and printing over `clearance_app::review`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use clearance_app::AppError;
use clearance_app::review::{self as app, AnnotationTarget, ComponentStatus, ObligationStatus};
use clearance_app::reviewer::Reviewer;
use clearance_licenses::{Category, Distribution, Severity, Verdict};
use clearance_store::{Clarity, ComponentFilter, StatusFilter};

use crate::print_json;

#[derive(Args)]
pub struct Common {
    /// The review file.
    #[arg(long, value_name = "REVIEW.clearance", global = true)]
    db: Option<PathBuf>,
    /// Who is acting: "Name <email>" (default: CLEARANCE_REVIEWER, then `clearance config reviewer`).
    #[arg(long, value_name = "NAME <EMAIL>", global = true)]
    reviewer: Option<String>,
    /// Print JSON for scripts.
    #[arg(long, global = true)]
    json: bool,
}

impl Common {
    fn db(&self) -> Result<PathBuf, AppError> {
        self.db.clone().ok_or_else(|| AppError::Invalid("which review? give --db REVIEW.clearance".into()))
    }
    fn who(&self) -> Result<Reviewer, AppError> {
        Reviewer::resolve(self.reviewer.as_deref())
    }
}

#[derive(Args)]
pub struct ReviewArgs {
    #[command(flatten)]
    common: Common,
    #[command(subcommand)]
    action: ReviewAction,
}

#[derive(Subcommand)]
enum ReviewAction {
    /// List components with their conclusions, suggestions and open obligations.
    Components,
    /// One component: its files, findings (with ids), conclusion and obligations.
    Show {
        /// Component id, name, or name@version.
        component: String,
    },
    /// Conclude a component's license (SPDX expression) and/or set its status and comment.
    Conclude {
        component: String,
        #[command(flatten)]
        decision: Decision,
    },
    /// Comment on a component, a file or a finding.
    Comment {
        #[arg(long, conflicts_with_all = ["file", "finding"])]
        component: Option<String>,
        /// A file: its id or its path.
        #[arg(long, conflicts_with = "finding", value_name = "ID|PATH")]
        file: Option<String>,
        #[arg(long)]
        finding: Option<i64>,
        /// The comment.
        text: String,
    },
    /// Mark findings as false positives: by id, or in bulk by license, path glob or component.
    FalsePositive {
        /// Finding ids.
        findings: Vec<i64>,
        /// Every finding of this license id…
        #[arg(long)]
        license: Option<String>,
        /// …in files matching this glob (or under this folder)…
        #[arg(long, value_name = "GLOB")]
        path: Option<String>,
        /// …of this component.
        #[arg(long)]
        component: Option<String>,
        /// Why (required).
        #[arg(long, default_value = "")]
        reason: String,
        /// Withdraw the marks instead.
        #[arg(long)]
        undo: bool,
    },
    /// Mark a component not shipped (test-only, build tooling), with the reason kept: no
    /// obligations, not in attribution, blocks neither approval nor the gate. Alias: not-shipped.
    #[command(alias = "not-shipped")]
    Exclude {
        component: String,
        #[arg(long, default_value = "")]
        reason: String,
        /// Take it back in.
        #[arg(long)]
        undo: bool,
    },
    /// Record the text of a license outside the SPDX list as LicenseRef-NAME.
    LicenseRef {
        name: String,
        /// File holding the license text.
        #[arg(long, value_name = "FILE")]
        text: PathBuf,
        /// A human-readable title.
        #[arg(long)]
        title: Option<String>,
    },
    /// How the release is distributed: source, binary, saas (one or more, comma-separated).
    Mode { modes: String },
    /// Set the policy this review is checked against (check, the report, the desktop).
    Policy {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Name the product and its version (attribution files, the report and SBOMs say them).
    Product { name: String, version: Option<String> },
    /// Take the decisions of an earlier release's review (marked as carried over).
    CarryOver {
        #[arg(long, value_name = "OLD.clearance")]
        from: PathBuf,
    },
    /// Share the release out: copy the review into parts for several reviewers (by assignee,
    /// or N parts in name order), next to it as REVIEW.partN.clearance; merge them back later.
    Split {
        /// One part per reviewer the components are assigned to (and one for the unassigned).
        #[arg(long, conflicts_with = "parts")]
        by_assignee: bool,
        /// How many parts, of about equal size.
        #[arg(long, value_name = "N")]
        parts: Option<usize>,
    },
    /// Merge parts back: every decision made in them since the split is taken, with an audit
    /// event, and their audit events are kept; a decision the parts (or this review) left in
    /// different states is listed, not applied (exit 1).
    Merge {
        #[arg(required = true, value_name = "PART.clearance")]
        parts: Vec<PathBuf>,
    },
    /// Where the review stands: approval, blockers, lapsed decisions.
    Status,
    /// One decision for every component selected by ids or filters (one audit entry each).
    Bulk {
        #[command(flatten)]
        select: BulkSelect,
        #[command(subcommand)]
        action: BulkVerb,
    },
    /// Undo the last bulk action: each decision put back as it was, unless changed since.
    UndoBulk,
    /// Decide a disagreement between a supplier's SBOM and the scan (`clearance diff --supplier`):
    /// accepted (the difference is explained) or rejected (the supplier's statement is wrong).
    Claim {
        /// The package: its name as the diff shows it, or its package key.
        package: String,
        #[arg(long, value_enum)]
        kind: clearance_store::ClaimKind,
        #[arg(long, value_enum)]
        state: clearance_store::ClaimState,
        /// Why (required).
        #[arg(long)]
        note: String,
    },
    /// Copyright holders across the release, the most widespread first.
    Holders {
        /// Words that must appear in the holder or the statement.
        #[arg(long, default_value = "")]
        search: String,
    },
}

/// A conclusion: a license or the suggestion, a status, a comment.
#[derive(Args)]
struct Decision {
    /// The concluded license, e.g. "MIT OR Apache-2.0".
    #[arg(long, value_name = "SPDX-EXPRESSION")]
    license: Option<String>,
    /// Take the suggested license (declared, else detected) when --license is not given.
    #[arg(long)]
    suggested: bool,
    #[arg(long, value_enum)]
    status: Option<ComponentStatus>,
    #[arg(long)]
    comment: Option<String>,
}

fn category(s: &str) -> Result<Category, String> {
    Category::parse(s).ok_or_else(|| {
        let all: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
        format!("'{s}' is not a category: {}", all.join(", "))
    })
}

#[derive(Args)]
struct BulkSelect {
    /// A component id (repeatable).
    #[arg(long = "id", value_name = "ID")]
    ids: Vec<i64>,
    /// Words that must all appear in the name, purl or a license.
    #[arg(long, default_value = "")]
    search: String,
    /// A status (excluded: not shipped). pending, unconcluded and open-obligations count shipped
    /// components only.
    #[arg(long = "where-status", value_enum, value_name = "STATUS")]
    status: Option<StatusFilter>,
    /// An ecosystem (cargo, npm, pypi, ...) or none.
    #[arg(long, default_value = "")]
    ecosystem: String,
    /// A license id in the declared, detected or concluded license.
    #[arg(long = "where-license", default_value = "", value_name = "ID")]
    license: String,
    /// A license category: public-domain, permissive, weak-copyleft, strong-copyleft,
    /// network-copyleft, source-available, exception, unknown.
    #[arg(long = "where-category", value_parser = category, value_name = "CATEGORY")]
    category: Option<Category>,
    /// What needs a reviewer's eye: declared and detected disagree, copyleft, no license text, no license.
    #[arg(long = "where-clarity", value_enum, value_name = "CLARITY")]
    clarity: Option<Clarity>,
    /// Only components whose license clarity score (0-100: a declared license 30, its texts in
    /// the files 25, files agreeing with it 25, a copyright statement 20) is at least N; 80 is
    /// "clear".
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=100))]
    clarity_at_least: Option<u8>,
    /// Only components whose clarity score is below N.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=101))]
    clarity_below: Option<u8>,
    /// Only components assigned to this reviewer ("Name <e-mail>", or `me`), or `none`.
    #[arg(long, default_value = "", value_name = "WHO")]
    assignee: String,
    /// Every component (needed when nothing else selects).
    #[arg(long)]
    all: bool,
    /// Say what would change; change nothing.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Subcommand)]
enum BulkVerb {
    /// Conclude the license given, or each component's suggestion (--suggested).
    Conclude {
        #[command(flatten)]
        decision: Decision,
        /// Only where the suggestion is clear: a declared license that the files confirm (and
        /// nothing else they say) and the review's policy allows; the others are skipped, said why.
        #[arg(long, requires = "suggested")]
        only_clear: bool,
    },
    /// Set the status, keeping each concluded license (approving skips unconcluded components).
    Status {
        #[arg(value_enum)]
        status: ComponentStatus,
        #[arg(long)]
        comment: Option<String>,
    },
    /// Sign off the obligation with this key in every selected component.
    SignOff {
        /// The obligation's key, e.g. include-license-text (see `clearance obligations list`).
        obligation: String,
        #[arg(long, value_enum)]
        status: ObligationStatus,
        /// Only the obligation of this license.
        #[arg(long)]
        license: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Mark every finding of a license false positive.
    FalsePositive {
        #[arg(long)]
        license: String,
        #[arg(long)]
        reason: String,
    },
    /// Assign the components to a reviewer ("Name <e-mail>"), or to nobody (`none`).
    Assign {
        #[arg(value_name = "NAME <EMAIL>|none")]
        assignee: String,
    },
    /// Flag the components "needs second review" (with what to look at; approval waits), or
    /// clear the flag (--clear: only a reviewer other than the one who raised it).
    SecondReview {
        #[arg(long)]
        clear: bool,
        #[arg(long)]
        note: Option<String>,
    },
    /// Mark the components not shipped (not distributed): no obligations, not in attribution.
    NotShipped {
        /// Why (required).
        #[arg(long)]
        reason: String,
    },
}

/// A bulk action's report: one line per component, then the counts.
fn print_bulk(report: &clearance_app::bulk::BulkReport, json: bool) {
    if json {
        print_json(report);
        return;
    }
    for o in &report.outcomes {
        println!(
            "  {:>5}  {:<32} {}{}",
            o.component_id,
            o.component,
            if o.changed { "" } else { "skipped: " },
            o.detail
        );
    }
    println!(
        "{} {} of {} selected component(s); {} skipped.",
        if report.dry_run { "Would change" } else { "Changed" },
        report.changed,
        report.selected,
        report.skipped
    );
}

pub fn review(a: ReviewArgs) -> Result<ExitCode, AppError> {
    let c = &a.common;
    let db = c.db()?;
    match a.action {
        ReviewAction::Components => {
            let comps = app::components(&db)?;
            if c.json {
                print_json(&comps);
            } else {
                println!(
                    "{:>4}  {:<28} {:<10} {:<28} {:<11} {:>4} {:>8}",
                    "id", "component", "version", "concluded", "status", "open", "clarity"
                );
                for v in comps {
                    let k = v.conclusion.as_ref();
                    let concluded = k.and_then(|k| k.expression.clone()).map_or_else(
                        || format!("(suggest: {})", v.suggestion.as_ref().map_or("-", |s| s.expression.as_str())),
                        |e| if k.is_some_and(|k| k.carried_from.is_some()) { format!("{e} [carried]") } else { e },
                    );
                    println!(
                        "{:>4}  {:<28} {:<10} {:<28} {:<11} {:>4} {:>8}",
                        v.component.id,
                        v.component.name,
                        v.component.version.as_deref().unwrap_or("-"),
                        concluded,
                        if v.not_shipped.is_some() {
                            "not shipped"
                        } else {
                            k.map_or("pending", |k| k.status.as_str())
                        },
                        v.open_obligations,
                        v.clarity
                    );
                }
            }
        }
        ReviewAction::Show { component } => {
            let d = app::component_detail(&db, &component)?;
            if c.json {
                print_json(&d);
            } else {
                let comp = &d.component.component;
                println!("{} {} (id {})", comp.name, comp.version.as_deref().unwrap_or(""), comp.id);
                println!("  purl:      {}", comp.purl.as_deref().unwrap_or("-"));
                println!(
                    "  declared:  {}",
                    comp.declared_license.as_deref().or(comp.declared_original.as_deref()).unwrap_or("-")
                );
                println!(
                    "  detected:  {}",
                    if comp.detected.is_empty() { "-".into() } else { comp.detected.join(", ") }
                );
                match &d.component.conclusion {
                    Some(k) => println!(
                        "  concluded: {} [{}] by {} at {}{}",
                        k.expression.as_deref().unwrap_or("-"),
                        k.status,
                        k.reviewer,
                        k.decided_at,
                        k.carried_from.as_ref().map(|f| format!(" — carried over from {f}")).unwrap_or_default()
                    ),
                    None => println!("  concluded: nothing yet"),
                }
                if let Some(s) = &d.component.suggestion {
                    println!("  suggested: {} ({})", s.expression, s.reason);
                }
                if let Some((reason, by, at)) = &d.excluded {
                    println!("  not shipped (marked by {by} at {at}): {reason}");
                }
                for k in &d.comments {
                    println!("  comment by {} at {}: {}", k.reviewer, k.created_at, k.comment);
                }
                println!(
                    "\nFiles with findings, copyrights or license texts ({} of {} files):",
                    d.files.len(),
                    d.file_count
                );
                for f in &d.files {
                    println!("  file {:>5}  {} [{}]", f.id, f.path, f.kind);
                    for x in &f.findings {
                        println!(
                            "      finding {:>5}  {:<17} {:<28} {:.2}  lines {}-{}{}",
                            x.id,
                            x.detector,
                            x.expression.as_deref().unwrap_or("?"),
                            x.score,
                            x.lines.0,
                            x.lines.1,
                            x.false_positive.as_ref().map(|r| format!("  [false positive: {r}]")).unwrap_or_default()
                        );
                    }
                }
                print_obligations(&d.obligations);
            }
        }
        ReviewAction::Conclude { component, decision: Decision { license, suggested, status, comment } } => {
            if license.is_none() && !suggested && status.is_none() && comment.is_none() {
                return Err(AppError::Invalid(
                    "nothing to conclude: give --license, --suggested, --status or --comment".into(),
                ));
            }
            let k =
                app::conclude(&db, &c.who()?, &component, license.as_deref(), suggested, status, comment.as_deref())?;
            if c.json {
                print_json(&k);
            } else {
                // What was written is not always what is recorded: say when it was read otherwise.
                if let Some(written) = license.as_deref()
                    && let Ok(n) = clearance_licenses::normalize(written)
                    && n.expression != written.trim()
                {
                    let why = if n.notes.is_empty() { String::new() } else { format!(" ({})", n.notes.join("; ")) };
                    println!("Read '{}' as '{}'{why}", written.trim(), n.expression);
                }
                println!("Concluded {}: {} [{}]", component, k.expression.as_deref().unwrap_or("-"), k.status);
            }
        }
        ReviewAction::Comment { component, file, finding, text } => {
            let (kind, target) = match (component, file, finding) {
                (Some(c), _, _) => (AnnotationTarget::Component, c),
                (_, Some(f), _) => (AnnotationTarget::File, f),
                (_, _, Some(f)) => (AnnotationTarget::Finding, f.to_string()),
                _ => return Err(AppError::Invalid("comment on what? give --component, --file or --finding".into())),
            };
            let id = app::annotate(&db, &c.who()?, kind, &target, &text)?;
            if c.json {
                print_json(&serde_json::json!({"annotation": id}))
            } else {
                println!("Comment {id} added to {kind} {target}")
            }
        }
        ReviewAction::FalsePositive { findings, license, path, component, reason, undo } => {
            let sel = app::FindingSelection {
                ids: &findings,
                license: license.as_deref(),
                glob: path.as_deref(),
                component: component.as_deref(),
            };
            let n = app::false_positive(&db, &c.who()?, &sel, &reason, undo)?;
            if c.json {
                print_json(&serde_json::json!({"findings": n}))
            } else {
                println!("{} {n} finding(s)", if undo { "Unmarked" } else { "Marked false positive:" })
            }
        }
        ReviewAction::Exclude { component, reason, undo } => {
            app::exclude(&db, &c.who()?, &component, &reason, undo)?;
            println!("{component} {}", if undo { "is in the release again" } else { "is marked not shipped" });
        }
        ReviewAction::LicenseRef { name, text, title } => {
            let body = std::fs::read_to_string(&text)
                .map_err(|e| AppError::Path { path: text.clone(), reason: e.to_string() })?;
            let id = app::add_license_ref(&db, &c.who()?, &name, title.as_deref().unwrap_or(&name), &body)?;
            println!("Recorded {id}");
        }
        ReviewAction::Mode { modes } => {
            let parsed: Vec<Distribution> = modes
                .split(',')
                .map(|m| {
                    Distribution::parse(m.trim()).ok_or_else(|| {
                        AppError::Invalid(format!("unknown distribution mode '{m}': use source, binary or saas"))
                    })
                })
                .collect::<Result<_, _>>()?;
            app::set_distribution(&db, &c.who()?, &parsed)?;
            println!("Distribution: {modes}; obligations derived again");
        }
        ReviewAction::Policy { file } => {
            app::set_policy(&db, &c.who()?, &file)?;
            println!("The review is checked against {} from now on", file.display());
        }
        ReviewAction::Product { name, version } => {
            app::set_product(&db, &c.who()?, &name, version.as_deref())?;
            println!("Product: {name}{}", version.map(|v| format!(" {v}")).unwrap_or_default());
        }
        ReviewAction::Claim { package, kind, state, note } => {
            let request = clearance_app::supplier::ClaimRequest { package, kind, state, note };
            let k = clearance_app::supplier::resolve_claim(&db, &c.who()?, &request)?;
            if c.json {
                print_json(&k);
            } else {
                println!("{} {}: {} — {}", k.kind, k.package, k.state, k.note);
            }
        }
        ReviewAction::Split { by_assignee, parts } => {
            if !by_assignee && parts.is_none() {
                return Err(AppError::Invalid("say how to split: --by-assignee or --parts N".into()));
            }
            let made = app::split(&db, &c.who()?, parts.unwrap_or(0), by_assignee)?;
            if c.json {
                print_json(&made);
            } else {
                for p in &made {
                    println!("{}: {} components ({})", p.path.display(), p.components, p.label);
                }
                println!("Each part is a whole copy of the review; merge them back with `clearance review merge`.");
            }
        }
        ReviewAction::Merge { parts } => {
            let r = app::merge(&db, &c.who()?, &parts)?;
            if c.json {
                print_json(&r);
            } else {
                println!(
                    "Merged {} part(s): {} decision(s) taken, {} of their audit events kept",
                    r.parts, r.merged, r.events_kept
                );
                for k in &r.conflicts {
                    println!(
                        "CONFLICT {}{}",
                        k.target,
                        k.component.as_deref().map(|c| format!(" ({c})")).unwrap_or_default()
                    );
                    for (side, state) in &k.sides {
                        println!("  {side}: {state}");
                    }
                }
            }
            if !r.conflicts.is_empty() {
                return Ok(ExitCode::from(1));
            }
        }
        ReviewAction::CarryOver { from } => {
            let r = app::carry_over(&db, &c.who()?, &from)?;
            if c.json {
                print_json(&r);
            } else {
                println!(
                    "Carried over from {}: {} conclusions, {} obligation sign-offs, {} false positives, {} comments, {} exclusions, {} license texts{}",
                    r.from,
                    r.conclusions,
                    r.obligations,
                    r.false_positives,
                    r.annotations,
                    r.exclusions,
                    r.license_refs,
                    if r.distribution { ", the distribution mode" } else { "" },
                );
                println!(
                    "Lapsed: {} conclusions (their evidence changed), {} decisions on findings (their files changed)",
                    r.lapsed_conclusions.len(),
                    r.lapsed
                );
                for l in &r.lapsed_conclusions {
                    println!("  {l}");
                }
                if r.triage > 0 || !r.lapsed_triage.is_empty() {
                    println!(
                        "Vulnerability triage: {} carried, {} lapsed (the package's version changed)",
                        r.triage,
                        r.lapsed_triage.len()
                    );
                    for l in &r.lapsed_triage {
                        println!("  {l}");
                    }
                }
            }
        }
        ReviewAction::Bulk { select, action } => {
            use clearance_app::bulk::{BulkAction, BulkRequest, ComponentSelection};
            let action = match action {
                BulkVerb::Conclude { decision: Decision { license, suggested, status, comment }, only_clear } => {
                    if license.is_none() && !suggested {
                        return Err(AppError::Invalid(
                            "what to conclude? give --license, or --suggested for each component's suggestion".into(),
                        ));
                    }
                    BulkAction::Conclude { expression: license, status, comment, only_clear }
                }
                BulkVerb::Status { status, comment } => BulkAction::SetStatus { status, comment },
                BulkVerb::SignOff { obligation, status, license, note } => {
                    BulkAction::SignOff { obligation, license, status, note }
                }
                BulkVerb::FalsePositive { license, reason } => BulkAction::FalsePositive { license, reason },
                BulkVerb::NotShipped { reason } => BulkAction::NotShipped { reason },
                BulkVerb::Assign { assignee } => {
                    BulkAction::Assign { assignee: Some(assignee).filter(|a| !a.eq_ignore_ascii_case("none")) }
                }
                BulkVerb::SecondReview { clear, note } => BulkAction::SecondReview { raise: !clear, note },
            };
            let request = BulkRequest {
                selection: ComponentSelection {
                    ids: select.ids,
                    filter: ComponentFilter {
                        search: select.search,
                        status: select.status,
                        ecosystem: select.ecosystem,
                        license: select.license,
                        category: select.category,
                        clarity: select.clarity,
                        clarity_at_least: select.clarity_at_least,
                        clarity_below: select.clarity_below,
                        assignee: match select.assignee.as_str() {
                            "me" => Reviewer::resolve(c.reviewer.as_deref())?.to_string(),
                            other => other.to_string(),
                        },
                    },
                    all: select.all,
                },
                action,
                dry_run: select.dry_run,
            };
            let report = clearance_app::bulk::bulk(&db, &c.who()?, &request)?;
            print_bulk(&report, c.json);
            if report.undoable && !c.json {
                println!("Undo with: clearance review undo-bulk");
            }
        }
        ReviewAction::Holders { search } => {
            let rows = clearance_app::browse::holders(&db, &search)?;
            if c.json {
                print_json(&rows);
            } else {
                for r in &rows {
                    let names: Vec<String> = r.components.iter().map(|l| l.name.clone()).collect();
                    let more = r.component_count as usize - names.len();
                    let more = if more > 0 { format!(" and {more} more") } else { String::new() };
                    println!(
                        "{:<40} {:>4} statements, {:>4} files  {}{more}",
                        r.holder,
                        r.statements,
                        r.files,
                        names.join(", ")
                    );
                }
            }
        }
        ReviewAction::UndoBulk => {
            let report = clearance_app::bulk::undo_bulk(&db, &c.who()?)?;
            print_bulk(&report, c.json);
        }
        ReviewAction::Status => {
            let s = app::status(&db)?;
            if c.json {
                print_json(&s);
            } else {
                println!("Distribution: {}", s.distribution.iter().map(|d| d.as_str()).collect::<Vec<_>>().join(", "));
                match (&s.approval.approved, &s.approval.reviewer) {
                    (true, Some(who)) => println!(
                        "Approved by {who} at {}{}",
                        s.approval.at.as_deref().unwrap_or(""),
                        s.approval.reason.as_ref().map(|r| format!(" ({r})")).unwrap_or_default()
                    ),
                    _ => println!("Not approved"),
                }
                println!(
                    "Components: {} concluded of {} shipped ({} carried over; {} not shipped)",
                    s.concluded, s.components, s.carried_over, s.not_shipped
                );
                println!("Obligations: {} of {} fulfilled or not applicable", s.obligations_done, s.obligations);
                if !s.blockers.is_empty() {
                    println!("Blocking approval:");
                    for b in &s.blockers.unconcluded {
                        println!("  component without an approved conclusion: {b}");
                    }
                    for b in &s.blockers.open_obligations {
                        println!("  obligation: {b}");
                    }
                    for b in &s.blockers.vulnerabilities {
                        println!("  vulnerability the policy denies: {b}");
                    }
                }
                if !s.lapsed.is_empty() {
                    println!("Lapsed decisions ({}):", s.lapsed.len());
                    for l in &s.lapsed {
                        println!("  {} {}: {} — {}", l.kind, l.target, l.decision, l.reason);
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_obligations(list: &[app::ObligationRow]) {
    println!("\nObligations ({}):", list.len());
    for o in list {
        println!(
            "  {:>5}  {:<11} {:<24} {:<18} {:<22} {}{}",
            o.id,
            o.status,
            o.component,
            o.license,
            o.key,
            o.summary,
            match (&o.reviewer, &o.note) {
                (Some(who), Some(n)) => format!(" — {who}: {n}"),
                (Some(who), None) => format!(" — {who}"),
                _ => String::new(),
            }
        );
        if let Some(d) = &o.derivation {
            println!("         ({d})");
        }
    }
}

#[derive(Args)]
pub struct ObligationsArgs {
    #[command(flatten)]
    common: Common,
    #[command(subcommand)]
    action: ObligationsAction,
}

#[derive(Subcommand)]
enum ObligationsAction {
    /// List obligation instances.
    List {
        #[arg(long)]
        component: Option<String>,
        /// Only those not yet fulfilled or not applicable.
        #[arg(long)]
        open: bool,
    },
    /// Sign off an obligation: fulfilled, not-applicable, deferred, escalated (or open again).
    SignOff {
        id: i64,
        #[arg(long, value_enum)]
        status: ObligationStatus,
        /// Required for not-applicable, deferred and escalated.
        #[arg(long)]
        note: Option<String>,
    },
}

pub fn obligations(a: ObligationsArgs) -> Result<ExitCode, AppError> {
    let c = &a.common;
    let db = c.db()?;
    match a.action {
        ObligationsAction::List { component, open } => {
            let mut list = app::obligations(&db, component.as_deref())?;
            if open {
                list.retain(|o| !o.status.is_settled());
            }
            if c.json { print_json(&list) } else { print_obligations(&list) }
        }
        ObligationsAction::SignOff { id, status, note } => {
            app::sign_off(&db, &c.who()?, id, status, note.as_deref())?;
            println!("Obligation {id}: {status}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
pub struct ApproveArgs {
    #[command(flatten)]
    common: Common,
    /// Approve although components or obligations are still open, for this reason.
    #[arg(long = "override", value_name = "REASON")]
    override_reason: Option<String>,
}

pub fn approve(a: ApproveArgs) -> Result<ExitCode, AppError> {
    let c = &a.common;
    if a.override_reason.as_deref().is_some_and(|r| r.trim().is_empty()) {
        return Err(AppError::Invalid(
            "--override needs a reason: say why the release is approved with items open".into(),
        ));
    }
    match app::approve(&c.db()?, &c.who()?, a.override_reason.as_deref()) {
        Ok(s) => {
            if c.json {
                print_json(&s)
            } else {
                println!(
                    "Approved by {}; the review is frozen until reopened",
                    s.reviewer.as_deref().unwrap_or_default()
                );
                if let Some(hash) = &s.advisories {
                    println!("Known vulnerabilities as of advisory snapshot {}", &hash[..hash.len().min(12)]);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(AppError::Store(clearance_store::StoreError::NotReady(b))) => {
            let e = AppError::Store(clearance_store::StoreError::NotReady(b.clone()));
            eprintln!("clearance: {e}");
            for u in b.unconcluded.iter().take(20) {
                eprintln!("  component without an approved conclusion: {u}");
            }
            for o in b.open_obligations.iter().take(20) {
                eprintln!("  obligation: {o}");
            }
            for v in b.vulnerabilities.iter().take(20) {
                eprintln!("  vulnerability the policy denies: {v} (triage it: `clearance advisories triage`)");
            }
            eprintln!("  `clearance approve --override REASON` approves anyway, with the reason recorded");
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(e),
    }
}

#[derive(Args)]
pub struct ReopenArgs {
    #[command(flatten)]
    common: Common,
    #[arg(long)]
    reason: String,
}

pub fn reopen(a: ReopenArgs) -> Result<ExitCode, AppError> {
    app::reopen(&a.common.db()?, &a.common.who()?, &a.reason)?;
    println!("Reopened: the review can be changed again");
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    common: Common,
    /// Policy file (TOML); without it the review's policy (`review policy FILE`), else the
    /// default policy (docs/POLICY.md).
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Instead: which fields an SBOM standard requires that the release's SBOMs would lack, per
    /// component (ntia: NTIA's minimum elements; bsi: BSI TR-03183-2). Exit 1 when any.
    #[arg(long, value_enum, conflicts_with = "policy")]
    profile: Option<clearance_app::profile::Profile>,
}

pub fn check(a: CheckArgs) -> Result<ExitCode, AppError> {
    let c = &a.common;
    if let Some(profile) = a.profile {
        let email = c.who().ok().and_then(|r| r.email);
        let r = clearance_app::profile::sbom_profile(&c.db()?, profile, email.as_deref())?;
        if c.json {
            print_json(&r);
        } else {
            for d in &r.document {
                println!("document lacks {d}");
            }
            for g in &r.components {
                println!("{} lacks {}", g.component, g.missing.join(", "));
            }
            println!(
                "{} of {} shipped components lack a required field{}",
                r.components.len(),
                r.checked,
                if r.document.is_empty() { "" } else { "; the document lacks some too" }
            );
        }
        return Ok(if r.conformant() { ExitCode::SUCCESS } else { ExitCode::from(1) });
    }
    let policy = app::review_policy(&c.db()?, a.policy.as_deref())?;
    let report = app::check(&c.db()?, &policy)?;
    if c.json {
        print_json(&report);
    } else {
        let list = |h: &clearance_store::PolicyHit| {
            for f in h.files.iter().take(5) {
                println!("          {f}");
            }
            if h.file_count > 5 {
                println!("          … and {} more files", h.file_count - 5);
            }
        };
        for h in report.hits.iter().filter(|h| h.severity != Severity::Ok) {
            let label = if h.severity == Severity::Error { "DENIED" } else { "review" };
            println!("{label:<7} {} ({}) in {} — {}", h.license, h.source, h.component, h.reason);
            list(h);
        }
        let present: Vec<_> =
            report.hits.iter().filter(|h| h.superseded_by.is_some() && h.verdict != Verdict::Allow).collect();
        if !present.is_empty() {
            println!("Present, not concluded (the component's approved conclusion supersedes them):");
            for h in present {
                println!(
                    "present {} (detected, {}) in {} — concluded {}",
                    h.license,
                    h.verdict,
                    h.component,
                    h.superseded_by.as_deref().unwrap_or_default()
                );
                list(h);
            }
        }
        for v in &report.vulnerabilities {
            println!("DENIED  vulnerability {v} — open, at or above the policy's [vulnerabilities] deny");
        }
        println!("{} denied, {} to review", report.errors, report.warnings);
    }
    Ok(if report.errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

#[derive(Args)]
pub struct AuditArgs {
    #[command(flatten)]
    common: Common,
    #[command(subcommand)]
    action: AuditAction,
}

#[derive(Subcommand)]
enum AuditAction {
    /// Every event, oldest first.
    Log,
    /// Check the hash chain and that every decision matches its last logged event.
    Verify,
}

pub fn audit(a: AuditArgs) -> Result<ExitCode, AppError> {
    let c = &a.common;
    let db = c.db()?;
    match a.action {
        AuditAction::Log => {
            let events = app::audit_log(&db)?;
            if c.json {
                print_json(&events);
            } else {
                for e in events {
                    println!("{:>5} {} {:<28} {:<20} {}", e.id, e.at, e.actor, e.action, e.target);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        AuditAction::Verify => match app::audit_verify(&db)? {
            None => {
                println!("The audit log verifies: every event is intact and every decision matches it.");
                Ok(ExitCode::SUCCESS)
            }
            Some(b) => {
                match b.event_id {
                    Some(id) => eprintln!("clearance: the audit log is broken at event {id}: {}", b.problem),
                    None => eprintln!("clearance: the audit log is broken: {}", b.problem),
                }
                Ok(ExitCode::from(1))
            }
        },
    }
}

#[derive(Args)]
pub struct DiffArgs {
    /// The earlier release's review.
    #[arg(required_unless_present = "supplier")]
    old: Option<PathBuf>,
    /// The later release's review.
    #[arg(required_unless_present = "supplier")]
    new: Option<PathBuf>,
    /// Instead: compare the supplier SBOMs imported into this review with what its scan found.
    #[arg(long, value_name = "REVIEW.clearance", conflicts_with_all = ["old", "new"])]
    supplier: Option<PathBuf>,
    #[arg(long)]
    json: bool,
}

pub fn diff(a: DiffArgs) -> Result<ExitCode, AppError> {
    if let Some(db) = &a.supplier {
        return supplier_diff(db, a.json);
    }
    let (Some(old), Some(new)) = (&a.old, &a.new) else {
        return Err(AppError::Invalid("give two reviews to compare, or --supplier REVIEW".into()));
    };
    let d = app::diff(old, new)?;
    if a.json {
        print_json(&d);
    } else {
        let v = |x: &Option<String>| x.clone().unwrap_or_else(|| "-".into());
        for c in &d.added {
            println!("added    {} {} — {}", c.name, v(&c.new_version), c.changes.join("; "));
        }
        for c in &d.removed {
            println!("removed  {} {} — {}", c.name, v(&c.old_version), c.changes.join("; "));
        }
        for c in &d.changed {
            println!("changed  {} — {}", c.name, c.changes.join("; "));
        }
        if d.is_empty() {
            println!("No component changed.");
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    action: ConfigAction,
}

#[derive(Subcommand)]
enum ConfigAction {
    /// Set this machine's reviewer (recorded on every decision).
    Reviewer {
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: Option<String>,
    },
    /// Show the reviewer that commands will record.
    Show,
}

pub fn config(a: ConfigArgs) -> Result<ExitCode, AppError> {
    match a.action {
        ConfigAction::Reviewer { name, email } => {
            let r = Reviewer::parse(&match &email {
                Some(e) => format!("{name} <{e}>"),
                None => name,
            })?;
            let path = r.save()?;
            println!("Reviewer: {r} (saved in {})", path.display());
        }
        ConfigAction::Show => println!("Reviewer: {}", Reviewer::resolve(None)?),
    }
    Ok(ExitCode::SUCCESS)
}

/// A supplier's SBOM against the scan of the same delivery; exit 1 while a disagreement is
/// undecided.
fn supplier_diff(db: &std::path::Path, json: bool) -> Result<ExitCode, AppError> {
    let d = clearance_app::supplier::supplier_diff(db)?;
    if d.documents.is_empty() {
        return Err(AppError::Invalid(
            "the review holds no supplier SBOM: import one with `clearance import --from-cyclonedx FILE` or `--from-spdx FILE`"
                .into(),
        ));
    }
    if json {
        print_json(&d);
    } else {
        for x in d.all() {
            let what = match x.kind {
                clearance_store::ClaimKind::OnlyInSbom => format!("only in the SBOM   {}", x.name),
                clearance_store::ClaimKind::OnlyInScan => format!("only in the scan   {}", x.name),
                clearance_store::ClaimKind::Version => {
                    format!("version differs    {}: the SBOM says {}, the scan found {}", x.name, x.sbom, x.scan)
                }
                clearance_store::ClaimKind::License => {
                    format!("license differs    {}: the SBOM says {}, the scan found {}", x.name, x.sbom, x.scan)
                }
            };
            match &x.decision {
                Some(k) => println!("{what} — {} by {}: {}", k.state, k.reviewer, k.note),
                None => println!("{what}"),
            }
        }
        for k in &d.stale {
            println!(
                "no longer applies: {} {} was {} ({}), decided when the SBOM said {} and the scan {}",
                k.kind, k.package, k.state, k.note, k.claim, k.evidence
            );
        }
        println!(
            "{} matched; {} only in the SBOM, {} only in the scan, {} version(s) and {} license(s) differ, {} undecided ({})",
            d.matched,
            d.only_in_sbom.len(),
            d.only_in_scan.len(),
            d.versions_differ.len(),
            d.licenses_differ.len(),
            d.open(),
            d.documents.join(", ")
        );
    }
    Ok(if d.open() == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
