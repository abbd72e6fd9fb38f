//! The policy gate over a review: every license in use — concluded (an approved conclusion
//! supersedes what its component's files say) or detected and not a false positive — judged by
//! a policy, with where it is.

use std::collections::HashMap;

use clearance_licenses::{Policy, Severity, Verdict};
use serde::Serialize;

use crate::{ComponentStatus, Result, Review};

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
        let not_shipped = self.exclusions()?;
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
