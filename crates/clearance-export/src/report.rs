//! The review report, for auditors: each component's conclusion with reviewer and time,
//! comments, obligations with their sign-off, policy results, and the approval.

use clearance_licenses::{Severity, Verdict};
use clearance_store::{AnnotationTarget, ComponentStatus};
use serde::Serialize;

use crate::{ExportContext, ExportError, Release};

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub product: String,
    pub version: Option<String>,
    pub created: String,
    pub tool: String,
    pub distribution: Vec<String>,
    pub approved: bool,
    pub approval: Option<String>,
    pub audit_verified: bool,
    pub audit_problem: Option<String>,
    pub components: Vec<ReportComponent>,
    pub policy: Vec<ReportPolicy>,
    /// Where the policy came from: "the review's policy" or "the default policy".
    pub policy_source: String,
    pub counts: Counts,
    pub false_positives: Vec<ReportFalsePositive>,
    pub lapsed: Vec<clearance_store::LapsedRow>,
    pub audit: Vec<ReportEvent>,
    /// Known vulnerabilities (the review's last match) with their triage; None: never matched.
    pub vulnerabilities: Option<ReportVulnerabilities>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportVulnerabilities {
    /// "2026-12-06T10:00:00Z against 3,867 advisories (newest 2026-08-21…, snapshot 3f2a…)".
    pub matched: String,
    /// Open (not triaged as settled) of shipped components.
    pub open: usize,
    /// Open ones the review's policy denies.
    pub denied: Vec<String>,
    pub rows: Vec<ReportVulnerability>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportVulnerability {
    pub component: String,
    pub advisory: String,
    pub aliases: String,
    pub summary: String,
    /// "critical 9.8", or "unknown".
    pub severity: String,
    pub exposure: String,
    /// "not-affected (code-not-reachable) — note — reviewer at time", or "open".
    pub triage: String,
    pub open: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportFalsePositive {
    pub file: String,
    pub finding: String,
    pub reason: String,
    pub reviewer: String,
    pub at: String,
    pub carried_from: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportEvent {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: clearance_store::AuditAction,
    pub target: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    /// Components that ship (lockfile entries whose files are not in the tree are left out).
    pub components: usize,
    pub not_shipped: usize,
    pub concluded: usize,
    pub obligations: usize,
    pub obligations_done: usize,
    pub denied: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportComponent {
    pub name: String,
    pub version: Option<String>,
    pub purl: Option<String>,
    pub declared: Option<String>,
    pub detected: Vec<String>,
    pub concluded: Option<String>,
    /// The reviewer's reason for the conclusion, as they wrote it.
    pub rationale: Option<String>,
    pub status: ComponentStatus,
    pub reviewer: Option<String>,
    pub decided_at: Option<String>,
    pub carried_from: Option<String>,
    pub excluded: Option<String>,
    pub comments: Vec<String>,
    pub obligations: Vec<ReportObligation>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportObligation {
    pub license: String,
    pub obligation: String,
    pub summary: String,
    pub status: String,
    pub note: Option<String>,
    pub reviewer: Option<String>,
    pub decided_at: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportPolicy {
    pub license: String,
    pub verdict: String,
    pub source: String,
    pub component: String,
    pub reason: String,
}

/// The review report: every component that ships with its decisions, the policy's verdicts
/// under the review's own policy, approvals, false positives, lapsed decisions and the audit log.
pub fn report(release: &Release, ctx: &ExportContext) -> Result<Report, ExportError> {
    let review = release.review();
    let all = &release.components;
    let left_out = &release.left_out;
    let obligations = &release.obligations;
    let mut components = Vec::new();
    for c in release.shipped() {
        let k = release.conclusion(c.id);
        let comments: Vec<String> = review
            .annotations_on(AnnotationTarget::Component, c.id)?
            .into_iter()
            .map(|a| format!("{} ({}): {}", a.reviewer, a.created_at, a.comment))
            .collect();
        components.push(ReportComponent {
            name: c.name.clone(),
            version: c.version.clone(),
            purl: c.purl.clone(),
            declared: c.declared_license.clone().or(c.declared_original.clone()),
            detected: c.detected.clone(),
            concluded: k.and_then(|k| k.expression.clone()),
            rationale: k.and_then(|k| k.comment.clone()),
            status: k.map_or(ComponentStatus::Pending, |k| k.status),
            reviewer: k.map(|k| k.reviewer.clone()),
            decided_at: k.map(|k| k.decided_at.clone()),
            carried_from: k.and_then(|k| k.carried_from.clone()),
            excluded: release.exclusion(c.id).map(|(r, _, _)| r.clone()),
            comments,
            obligations: obligations
                .iter()
                .filter(|o| o.component_id == c.id)
                .map(|o| ReportObligation {
                    license: o.license.clone(),
                    obligation: o.key.clone(),
                    summary: o.summary.clone(),
                    status: o.status.to_string(),
                    note: o.note.clone(),
                    reviewer: o.reviewer.clone(),
                    decided_at: o.decided_at.clone(),
                })
                .collect(),
        });
    }
    let hits = review.check_policy(&release.policy)?;
    let approval = review.approval()?;
    let broken = review.verify_audit()?;
    let false_positives: Vec<ReportFalsePositive> = review
        .false_positive_marks()?
        .into_iter()
        .map(|m| ReportFalsePositive {
            file: m.file,
            finding: format!(
                "{} {} lines {}-{}",
                m.detector,
                m.expression.as_deref().unwrap_or("?"),
                m.start_line,
                m.end_line
            ),
            reason: m.reason,
            reviewer: m.reviewer,
            at: m.decided_at,
            carried_from: m.carried_from,
        })
        .collect();
    // Targets by name, not database id: "conclusion of tinyjson 0.8.1", not "conclusion:2".
    let names: std::collections::HashMap<i64, String> = all
        .iter()
        .map(|c| (c.id, format!("{}{}", c.name, c.version.as_ref().map(|v| format!(" {v}")).unwrap_or_default())))
        .collect();
    let obligation_names: std::collections::HashMap<i64, String> = obligations
        .iter()
        .map(|o| {
            (o.id, format!("{} {} of {}", o.license, o.key, names.get(&o.component_id).cloned().unwrap_or_default()))
        })
        .collect();
    let audit: Vec<ReportEvent> = review
        .audit_events(None)?
        .into_iter()
        .map(|e| {
            let target = match e.target.split_once(':') {
                Some((kind @ ("conclusion" | "exclusion"), id)) => id
                    .parse::<i64>()
                    .ok()
                    .and_then(|i| names.get(&i))
                    .map_or(e.target.clone(), |n| format!("{kind} of {n}")),
                Some(("obligation", id)) => id
                    .parse::<i64>()
                    .ok()
                    .and_then(|i| obligation_names.get(&i))
                    .map_or(e.target.clone(), |n| format!("obligation {n}")),
                Some(("vex", key)) => match key.split_once(' ') {
                    Some((advisory, purl)) => format!("triage of {advisory} in {purl}"),
                    None => e.target.clone(),
                },
                _ => e.target.clone(),
            };
            ReportEvent { id: e.id, at: e.at, actor: e.actor, action: e.action, target }
        })
        .collect();
    let vulnerabilities = match &release.advisories {
        None => None,
        Some(s) => {
            let shipped: std::collections::HashSet<i64> =
                release.shipped().filter(|c| release.exclusion(c.id).is_none()).map(|c| c.id).collect();
            let rows: Vec<ReportVulnerability> = release
                .vulnerabilities
                .iter()
                .filter(|v| shipped.contains(&v.component_id))
                .map(|v| ReportVulnerability {
                    component: v.component.clone(),
                    advisory: v.advisory_id.clone(),
                    aliases: v.aliases.join(", "),
                    summary: v.summary.clone().unwrap_or_default(),
                    severity: match (v.severity.map(|s| s.as_str()), v.score) {
                        (Some(sev), Some(score)) => format!("{sev} {score:.1}"),
                        _ => "unknown".into(),
                    },
                    exposure: match &v.why {
                        Some(why) => format!("{}: {why}", v.exposure),
                        None => v.exposure.to_string(),
                    },
                    triage: v.triage.as_ref().map_or("open: not triaged".into(), |t| {
                        let mut words = t.state.to_string();
                        if let Some(j) = t.justification {
                            words.push_str(&format!(" ({j})"));
                        }
                        if !t.responses.is_empty() {
                            let r: Vec<&str> = t.responses.iter().map(|r| r.as_str()).collect();
                            words.push_str(&format!("; response: {}", r.join(", ")));
                        }
                        let carried =
                            t.carried_from.as_ref().map(|f| format!(", carried over from {f}")).unwrap_or_default();
                        format!("{words} — {} — {} at {}{carried}", t.note, t.reviewer, t.decided_at)
                    }),
                    open: v.is_open(),
                })
                .collect();
            Some(ReportVulnerabilities {
                matched: format!(
                    "{} against {} advisories (newest {}; snapshot {})",
                    s.matched_at,
                    s.records,
                    s.newest.as_deref().unwrap_or("-"),
                    &s.hash[..s.hash.len().min(12)]
                ),
                open: rows.iter().filter(|r| r.open).count(),
                denied: review.denied_vulnerabilities(&release.policy)?,
                rows,
            })
        }
    };
    let policy_source = if review.policy_text()?.is_some() {
        "the review's policy".to_string()
    } else {
        "the default policy".to_string()
    };
    Ok(Report {
        product: release.product.clone(),
        version: release.product_version.clone(),
        created: ctx.created.clone(),
        tool: format!("Clearance {}", ctx.tool_version),
        distribution: review.distribution()?.iter().map(|d| d.as_str().to_string()).collect(),
        approved: approval.approved,
        approval: approval.reviewer.map(|r| {
            format!(
                "{} by {r} at {}{}",
                if approval.approved { "approved" } else { "reopened" },
                approval.at.unwrap_or_default(),
                approval.reason.map(|x| format!(" ({x})")).unwrap_or_default()
            )
        }),
        audit_verified: broken.is_none(),
        audit_problem: broken
            .map(|b| format!("{}{}", b.event_id.map(|i| format!("event {i}: ")).unwrap_or_default(), b.problem)),
        counts: Counts {
            components: components.len(),
            concluded: components.iter().filter(|c| c.concluded.is_some()).count(),
            obligations: obligations.len(),
            obligations_done: obligations.iter().filter(|o| o.status.is_settled()).count(),
            denied: hits.iter().filter(|h| h.severity == Severity::Error).count(),
            not_shipped: left_out.len(),
        },
        policy_source,
        false_positives,
        lapsed: review.lapsed()?,
        audit,
        vulnerabilities,
        policy: hits
            .into_iter()
            .filter(|h| h.severity != Severity::Ok || h.superseded_by.is_some() && h.verdict != Verdict::Allow)
            .map(|h| ReportPolicy {
                license: h.license,
                verdict: if h.superseded_by.is_some() {
                    format!("present, not concluded ({})", h.verdict)
                } else {
                    h.verdict.to_string()
                },
                source: h.source.to_string(),
                component: h.component,
                reason: h.reason,
            })
            .collect(),
        components,
    })
}

fn csv_field(s: &str) -> String {
    // Cells starting with = + - @ (or a tab or carriage return before one) are neutralised:
    // spreadsheets would run them as formulas.
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

/// One row per obligation (a component without obligations gets one row).
pub fn report_csv(r: &Report) -> String {
    let header = [
        "component",
        "version",
        "purl",
        "declared",
        "detected",
        "concluded",
        "status",
        "reviewer",
        "decided_at",
        "carried_from",
        "excluded",
        "comments",
        "obligation_license",
        "obligation",
        "obligation_status",
        "obligation_note",
        "obligation_reviewer",
        "obligation_decided_at",
    ];
    let mut out = header.join(",");
    out.push('\n');
    let o = |x: &Option<String>| x.clone().unwrap_or_default();
    for c in &r.components {
        let base = vec![
            c.name.clone(),
            o(&c.version),
            o(&c.purl),
            o(&c.declared),
            c.detected.join(" "),
            o(&c.concluded),
            c.status.to_string(),
            o(&c.reviewer),
            o(&c.decided_at),
            o(&c.carried_from),
            o(&c.excluded),
            c.comments.join(" | "),
        ];
        let rows: Vec<Vec<String>> = if c.obligations.is_empty() {
            vec![vec![String::new(); 6]]
        } else {
            c.obligations
                .iter()
                .map(|ob| {
                    vec![
                        ob.license.clone(),
                        ob.obligation.clone(),
                        ob.status.clone(),
                        o(&ob.note),
                        o(&ob.reviewer),
                        o(&ob.decided_at),
                    ]
                })
                .collect()
        };
        for tail in rows {
            let cells: Vec<String> = base.iter().chain(tail.iter()).map(|x| csv_field(x)).collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn a_csv_cell_is_quoted_when_it_must_be_and_never_runs_as_a_formula() {
        assert_eq!(csv_field("MIT"), "MIT");
        assert_eq!(csv_field("MIT, Apache-2.0"), "\"MIT, Apache-2.0\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        for evil in ["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)", "\t=1", "\r=1"] {
            assert!(csv_field(evil).trim_start_matches('"').starts_with('\''), "{evil:?} -> {}", csv_field(evil));
        }
    }
}
