//! License policy: which licenses and categories a release may contain. A TOML file:
//!
//! ```toml
//! [licenses]              # SPDX ids; these win over categories
//! allow  = ["MIT"]
//! review = ["MPL-2.0"]
//! deny   = ["AGPL-3.0-only"]
//!
//! [categories]            # public-domain, permissive, weak-copyleft, strong-copyleft,
//! allow  = ["permissive", "public-domain"]   # network-copyleft, source-available, unknown
//! review = ["weak-copyleft", "strong-copyleft", "unknown"]
//! deny   = ["network-copyleft", "source-available"]
//!
//! [severity]              # what `clearance check` makes of each verdict
//! review = "warning"      # "error" makes a license to review fail the check too
//!
//! [vulnerabilities]       # known vulnerabilities not triaged as settled, at or above this
//! deny = "high"           # severity (or of unknown severity), fail the check and block approval
//!
//! [approval]              # four eyes: the approver must not be the only reviewer of what is
//! four_eyes = true        # approved (a conclusion or sign-off by someone else is needed)
//! ```
//!
//! Anything the file does not mention is `review`. `Policy::default()` is the documented default
//! (the example above without the `[licenses]` lists).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::{Category, category_of};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Allow,
    Review,
    Deny,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Allow => "allow",
            Verdict::Review => "review",
            Verdict::Deny => "deny",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Ok,
    Warning,
    Error,
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("policy line {line}, column {column}: {message}")]
pub struct PolicyError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// A vulnerability's severity band (CVSS's qualitative rating), ordered least severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum VulnerabilitySeverity {
    None,
    Low,
    Medium,
    High,
    Critical,
}

impl VulnerabilitySeverity {
    pub const ALL: &[VulnerabilitySeverity] = &[Self::None, Self::Low, Self::Medium, Self::High, Self::Critical];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == s)
    }
}

#[derive(Debug, Clone)]
pub struct Policy {
    licenses: HashMap<String, Verdict>,
    categories: HashMap<Category, Verdict>,
    review_severity: Severity,
    /// Open vulnerabilities at or above this severity fail the check and block approval.
    vulnerabilities_deny: Option<VulnerabilitySeverity>,
    /// The approver must not be the only reviewer of what is approved.
    four_eyes: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLists {
    #[serde(default)]
    allow: Vec<toml::Spanned<String>>,
    #[serde(default)]
    review: Vec<toml::Spanned<String>>,
    #[serde(default)]
    deny: Vec<toml::Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSeverity {
    review: Option<toml::Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVulnerabilities {
    deny: Option<toml::Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawApproval {
    four_eyes: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    licenses: Option<RawLists>,
    categories: Option<RawLists>,
    severity: Option<RawSeverity>,
    vulnerabilities: Option<RawVulnerabilities>,
    approval: Option<RawApproval>,
}

/// The default policy as a policy file: where a reviewer starts when writing the review's own.
pub const DEFAULT_TEXT: &str = "# Licenses by SPDX id; these win over categories.
[licenses]
allow = []
review = []
deny = []

# public-domain, permissive, exception, weak-copyleft, strong-copyleft, network-copyleft,
# source-available, unknown. Anything not mentioned is to review.
[categories]
allow = [\"public-domain\", \"permissive\", \"exception\"]
review = [\"weak-copyleft\", \"strong-copyleft\", \"unknown\"]
deny = [\"network-copyleft\", \"source-available\"]

# What `clearance check` and approval make of a license to review: \"warning\" or \"error\".
[severity]
review = \"warning\"

# Known vulnerabilities (once the review is matched against an advisory database): those not
# triaged as not affected, resolved or false positive, at or above this severity (low, medium,
# high, critical) or of unknown severity, fail `clearance check` and block approval.
# [vulnerabilities]
# deny = \"high\"

# Four eyes: the approver must not be the only reviewer of what is approved (someone else must
# have made a conclusion or signed off an obligation).
# [approval]
# four_eyes = true
";

impl Default for Policy {
    fn default() -> Self {
        let mut categories = HashMap::new();
        for (c, v) in [
            (Category::PublicDomain, Verdict::Allow),
            (Category::Permissive, Verdict::Allow),
            (Category::Exception, Verdict::Allow),
            (Category::WeakCopyleft, Verdict::Review),
            (Category::StrongCopyleft, Verdict::Review),
            (Category::Unknown, Verdict::Review),
            (Category::NetworkCopyleft, Verdict::Deny),
            (Category::SourceAvailable, Verdict::Deny),
        ] {
            categories.insert(c, v);
        }
        Policy {
            licenses: HashMap::new(),
            categories,
            review_severity: Severity::Warning,
            vulnerabilities_deny: None,
            four_eyes: false,
        }
    }
}

/// Whether a policy may name `id`: a current SPDX license or exception id, or a `LicenseRef-`.
/// A deprecated id would never match what a scan reports (scans write current ids), so a policy
/// that denies `GPL-3.0` would deny nothing: it is refused with the ids to use.
fn policy_id(id: &str) -> Result<(), String> {
    if id.starts_with("LicenseRef-") {
        return Ok(());
    }
    let found = crate::license(id).or_else(|| crate::exception(id));
    // `LGPL-2.1+`: the deprecated spelling of "or later".
    if found.is_none()
        && let Some(base) = id.strip_suffix('+')
        && crate::license(base).is_some()
    {
        return Err(match current_ids_for(id) {
            Some(ids) => format!("'{id}' is a deprecated SPDX id that matches nothing Clearance reports; use {ids}"),
            None => format!("'{id}' is not an SPDX license id; write '{base}-or-later' or a LicenseRef-"),
        });
    }
    match found {
        Some((info, _)) if !info.deprecated => Ok(()),
        Some(_) => Err(match current_ids_for(id) {
            Some(ids) => format!("'{id}' is a deprecated SPDX id that matches nothing Clearance reports; use {ids}"),
            None => format!("'{id}' is a deprecated SPDX id that matches nothing Clearance reports"),
        }),
        None => {
            let lower = id.to_ascii_lowercase();
            let same_case = crate::licenses().chain(crate::exceptions()).find(|l| l.id.to_ascii_lowercase() == lower);
            Err(match same_case {
                Some(l) if !l.deprecated => {
                    format!("'{id}' is not an SPDX id; did you mean '{}'? (ids are case-sensitive)", l.id)
                }
                _ => format!("'{id}' is not an SPDX license id (ids are case-sensitive)"),
            })
        }
    }
}

/// The current ids that replace a deprecated one: `GPL-3.0` → `GPL-3.0-only` or
/// `GPL-3.0-or-later`; `GPL-2.0+` → `GPL-2.0-or-later`; `GPL-2.0-with-classpath-exception` →
/// `GPL-2.0-only WITH Classpath-exception-2.0`.
fn current_ids_for(id: &str) -> Option<String> {
    let is_current = |i: &str| crate::license(i).is_some_and(|(l, _)| !l.deprecated);
    if let Some(base) = id.strip_suffix('+') {
        let later = format!("{base}-or-later");
        return is_current(&later).then(|| format!("'{later}'"));
    }
    let (only, later) = (format!("{id}-only"), format!("{id}-or-later"));
    if is_current(&only) && is_current(&later) {
        return Some(format!("'{only}' or '{later}'"));
    }
    if let Ok(n) = crate::normalize(id)
        && n.expression != id
        && n.expression.split_whitespace().all(|w| w == "WITH" || is_current(w) || crate::exception(w).is_some())
    {
        return Some(format!("'{}'", n.expression));
    }
    None
}

fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |p| p + 1) + 1;
    (line, column)
}

impl Policy {
    /// Parse a policy file. Errors name the line and column.
    pub fn parse(text: &str) -> Result<Policy, PolicyError> {
        let raw: RawPolicy = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |s| position(text, s.start));
            PolicyError { line, column, message: e.message().to_string() }
        })?;
        let err = |span: std::ops::Range<usize>, message: String| {
            let (line, column) = position(text, span.start);
            PolicyError { line, column, message }
        };
        let mut policy = Policy {
            licenses: HashMap::new(),
            categories: HashMap::new(),
            review_severity: Severity::Warning,
            vulnerabilities_deny: None,
            four_eyes: raw.approval.as_ref().and_then(|a| a.four_eyes).unwrap_or(false),
        };
        if let Some(lists) = raw.licenses {
            for (verdict, items) in
                [(Verdict::Allow, lists.allow), (Verdict::Review, lists.review), (Verdict::Deny, lists.deny)]
            {
                for item in items {
                    let id = item.get_ref().trim().to_string();
                    if let Err(message) = policy_id(&id) {
                        return Err(err(item.span(), message));
                    }
                    if let Some(previous) = policy.licenses.insert(id.clone(), verdict)
                        && previous != verdict
                    {
                        return Err(err(
                            item.span(),
                            format!("'{id}' is listed under both {} and {}", previous.as_str(), verdict.as_str()),
                        ));
                    }
                }
            }
        }
        if let Some(lists) = raw.categories {
            for (verdict, items) in
                [(Verdict::Allow, lists.allow), (Verdict::Review, lists.review), (Verdict::Deny, lists.deny)]
            {
                for item in items {
                    let Some(c) = Category::parse(item.get_ref().trim()) else {
                        let names: Vec<_> = Category::ALL.iter().map(|c| c.as_str()).collect();
                        return Err(err(
                            item.span(),
                            format!("unknown category '{}'; use one of: {}", item.get_ref(), names.join(", ")),
                        ));
                    };
                    if let Some(previous) = policy.categories.insert(c, verdict)
                        && previous != verdict
                    {
                        return Err(err(
                            item.span(),
                            format!(
                                "category '{c}' is listed under both {} and {}",
                                previous.as_str(),
                                verdict.as_str()
                            ),
                        ));
                    }
                }
            }
        }
        if let Some(sev) = raw.severity.and_then(|s| s.review) {
            policy.review_severity = match sev.get_ref().as_str() {
                "warning" => Severity::Warning,
                "error" => Severity::Error,
                other => {
                    return Err(err(sev.span(), format!("severity must be \"warning\" or \"error\", not \"{other}\"")));
                }
            };
        }
        if let Some(deny) = raw.vulnerabilities.and_then(|v| v.deny) {
            match VulnerabilitySeverity::parse(deny.get_ref().trim()) {
                Some(VulnerabilitySeverity::None) | None => {
                    return Err(err(
                        deny.span(),
                        format!(
                            "vulnerabilities deny must be \"low\", \"medium\", \"high\" or \"critical\", not \"{}\"",
                            deny.get_ref()
                        ),
                    ));
                }
                Some(s) => policy.vulnerabilities_deny = Some(s),
            }
        }
        Ok(policy)
    }

    /// Whether approval needs a second pair of eyes: a decision by someone other than the approver.
    pub fn four_eyes(&self) -> bool {
        self.four_eyes
    }

    /// The severity at and above which open vulnerabilities are denied, if the policy says.
    pub fn vulnerabilities_deny(&self) -> Option<VulnerabilitySeverity> {
        self.vulnerabilities_deny
    }

    /// Whether an open vulnerability of `severity` (None when the advisory gives no score) is
    /// denied: at or above the policy's threshold, or of unknown severity — what cannot be shown
    /// to be below the line is not let through.
    pub fn denies_vulnerability(&self, severity: Option<VulnerabilitySeverity>) -> bool {
        match (self.vulnerabilities_deny, severity) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(line), Some(s)) => s >= line,
        }
    }

    /// The verdict for one license id (an exception counts as allowed: it only adds
    /// permissions), and why.
    pub fn verdict(&self, id: &str) -> (Verdict, String) {
        if let Some(v) = self.licenses.get(id) {
            return (*v, format!("{id} is listed under {}", v.as_str()));
        }
        let c = category_of(id);
        match self.categories.get(&c) {
            Some(v) => (*v, format!("{id} is {c}, listed under {}", v.as_str())),
            None => (Verdict::Review, format!("{id} ({c}) is not covered by the policy")),
        }
    }

    /// The verdict for an expression: a choice (OR) is as good as its best alternative, a
    /// combination (AND) as bad as its worst part; `A WITH exception` is judged as A. An
    /// expression that does not parse needs review.
    pub fn verdict_for_expression(&self, expression: &str) -> Verdict {
        self.judge_expression(expression).0
    }

    /// Why an expression gets its verdict: the reason of the term that decides it ("MIT is
    /// permissive, listed under allow"); None when it does not parse.
    pub fn explain_expression(&self, expression: &str) -> Option<String> {
        self.judge_expression(expression).1
    }

    /// The verdict and its reason in one parse.
    pub fn judge_expression(&self, expression: &str) -> (Verdict, Option<String>) {
        match self.judge(expression) {
            Some((v, why)) => (v, Some(why)),
            None => (Verdict::Review, None),
        }
    }

    fn judge(&self, expression: &str) -> Option<(Verdict, String)> {
        let expr = spdx::Expression::parse_mode(expression, spdx::ParseMode::LAX).ok()?;
        let mut stack: Vec<(Verdict, String)> = Vec::new();
        for node in expr.iter() {
            match node {
                spdx::expression::ExprNode::Req(req) => {
                    let id = match &req.req.license {
                        spdx::LicenseItem::Spdx { id, or_later } => {
                            // Deprecated GNU ids with `+` are judged as what they mean now.
                            let later = format!("{}-or-later", id.name.trim_end_matches("-only"));
                            if *or_later && crate::license(&later).is_some() { later } else { id.name.to_string() }
                        }
                        other => other.to_string(),
                    };
                    stack.push(self.verdict(&id));
                }
                spdx::expression::ExprNode::Op(op) => {
                    let (b, a) = (stack.pop()?, stack.pop()?);
                    // Ties keep the left side, so the reason names the first decisive term.
                    stack.push(match op {
                        spdx::expression::Operator::Or => {
                            if b.0 < a.0 {
                                b
                            } else {
                                a
                            }
                        }
                        spdx::expression::Operator::And => {
                            if b.0 > a.0 {
                                b
                            } else {
                                a
                            }
                        }
                    });
                }
            }
        }
        stack.pop()
    }

    pub fn severity(&self, verdict: Verdict) -> Severity {
        match verdict {
            Verdict::Allow => Severity::Ok,
            Verdict::Review => self.review_severity,
            Verdict::Deny => Severity::Error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_policy_written_out_is_the_default_policy() {
        let written = Policy::parse(DEFAULT_TEXT).unwrap();
        for id in [
            "MIT",
            "0BSD",
            "MPL-2.0",
            "GPL-2.0-only",
            "AGPL-3.0-only",
            "BUSL-1.1",
            "LicenseRef-x",
            "GPL-2.0-only WITH Classpath-exception-2.0",
        ] {
            assert_eq!(written.judge_expression(id).0, Policy::default().judge_expression(id).0, "{id}");
        }
        assert_eq!(written.severity(Verdict::Review), Policy::default().severity(Verdict::Review));
    }

    #[test]
    fn the_default_policy() {
        let p = Policy::default();
        assert_eq!(p.verdict("MIT").0, Verdict::Allow);
        assert_eq!(p.verdict("CC0-1.0").0, Verdict::Allow);
        assert_eq!(p.verdict("MPL-2.0").0, Verdict::Review);
        assert_eq!(p.verdict("GPL-2.0-or-later").0, Verdict::Review);
        assert_eq!(p.verdict("AGPL-3.0-only").0, Verdict::Deny);
        assert_eq!(p.verdict("BUSL-1.1").0, Verdict::Deny);
        assert_eq!(p.verdict("LicenseRef-acme").0, Verdict::Review);
        assert_eq!(p.severity(Verdict::Review), Severity::Warning);
    }

    #[test]
    fn licenses_win_over_categories_and_expressions_combine() {
        let p = Policy::parse(
            "[licenses]\ndeny = [\"GPL-3.0-only\"]\nallow = [\"MPL-2.0\"]\n[categories]\nallow = [\"permissive\"]\nreview = [\"strong-copyleft\"]\n[severity]\nreview = \"error\"\n",
        )
        .unwrap();
        assert_eq!(p.verdict("MPL-2.0").0, Verdict::Allow);
        assert_eq!(p.verdict("GPL-3.0-only").0, Verdict::Deny);
        assert_eq!(p.verdict("GPL-2.0-only").0, Verdict::Review);
        assert_eq!(p.verdict_for_expression("MIT OR GPL-3.0-only"), Verdict::Allow);
        assert_eq!(p.verdict_for_expression("MIT AND GPL-3.0-only"), Verdict::Deny);
        assert_eq!(p.verdict_for_expression("(MIT OR GPL-3.0-only) AND GPL-2.0-only"), Verdict::Review);
        assert_eq!(p.verdict_for_expression("Apache-2.0 WITH LLVM-exception"), Verdict::Allow);
        assert_eq!(p.severity(Verdict::Review), Severity::Error);
    }

    #[test]
    fn errors_point_at_the_line() {
        let e = Policy::parse("[licenses]\nallow = [\"MIT\",\n  \"mit-licence\"]\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 3), "{e}");
        assert!(e.message.contains("mit-licence"));
        let e = Policy::parse("[categories]\ndeny = [\"copyleft\"]\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("unknown category 'copyleft'"), "{e}");
        let e = Policy::parse("[licenses]\nallow = [\"MIT\"]\ndeny = [\"MIT\"]\n").unwrap_err();
        assert_eq!(e.line, 3);
        let e = Policy::parse("[licences]\nallow = []\n").unwrap_err();
        assert_eq!(e.line, 1, "{e}");
        let e = Policy::parse("[licenses]\nallow = [\"MIT\"\n").unwrap_err();
        assert!(e.line >= 2, "{e}");
    }

    #[test]
    fn deprecated_and_miscased_ids_are_refused_with_the_ids_to_use() {
        // `GPL-3.0` would deny nothing: scans report GPL-3.0-only or GPL-3.0-or-later.
        let e = Policy::parse("[licenses]\ndeny = [\"GPL-3.0\"]\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 9), "{e}");
        assert!(e.message.contains("deprecated"), "{e}");
        assert!(e.message.contains("'GPL-3.0-only' or 'GPL-3.0-or-later'"), "{e}");
        let e = Policy::parse("[licenses]\ndeny = [\"LGPL-2.1+\"]\n").unwrap_err();
        assert!(e.message.contains("'LGPL-2.1-or-later'"), "{e}");
        let e = Policy::parse("[licenses]\nallow = [\"apache-2.0\"]\n").unwrap_err();
        assert!(e.message.contains("did you mean 'Apache-2.0'"), "{e}");
        assert!(Policy::parse("[licenses]\nallow = [\"LicenseRef-acme\", \"Classpath-exception-2.0\"]\n").is_ok());
    }

    #[test]
    fn an_expression_is_judged_whole_and_says_which_term_decides() {
        let p = Policy::default();
        // zstd: a choice with a permissive side is allowed, not a GPL item to review.
        assert_eq!(p.verdict_for_expression("BSD-3-Clause OR GPL-2.0-only"), Verdict::Allow);
        assert_eq!(
            p.explain_expression("BSD-3-Clause OR GPL-2.0-only").as_deref(),
            Some("BSD-3-Clause is permissive, listed under allow")
        );
        assert_eq!(p.verdict_for_expression("MIT AND AGPL-3.0-only"), Verdict::Deny);
        assert!(p.explain_expression("MIT AND AGPL-3.0-only").unwrap().starts_with("AGPL-3.0-only"));
        assert_eq!(p.verdict_for_expression("not an expression ("), Verdict::Review);
        assert_eq!(p.explain_expression("not an expression ("), None);
    }
}
