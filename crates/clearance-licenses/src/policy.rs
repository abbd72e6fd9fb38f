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
//! ```
//!
//! Anything the file does not mention is `review`. `Policy::default()` is the documented default
//! (the example above without the `[licenses]` lists).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::{Category, category_of};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Ok,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("policy line {line}, column {column}: {message}")]
pub struct PolicyError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct Policy {
    licenses: HashMap<String, Verdict>,
    categories: HashMap<Category, Verdict>,
    review_severity: Severity,
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
struct RawPolicy {
    licenses: Option<RawLists>,
    categories: Option<RawLists>,
    severity: Option<RawSeverity>,
}

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
        Policy { licenses: HashMap::new(), categories, review_severity: Severity::Warning }
    }
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
        let mut policy =
            Policy { licenses: HashMap::new(), categories: HashMap::new(), review_severity: Severity::Warning };
        if let Some(lists) = raw.licenses {
            for (verdict, items) in
                [(Verdict::Allow, lists.allow), (Verdict::Review, lists.review), (Verdict::Deny, lists.deny)]
            {
                for item in items {
                    let id = item.get_ref().trim().to_string();
                    let known = crate::license(&id).is_some()
                        || crate::exception(&id).is_some()
                        || id.starts_with("LicenseRef-");
                    if !known {
                        return Err(err(
                            item.span(),
                            format!("'{id}' is not an SPDX license id (ids are case-sensitive)"),
                        ));
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
        Ok(policy)
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
    /// combination (AND) as bad as its worst part; `A WITH exception` is judged as A.
    pub fn verdict_for_expression(&self, expression: &str) -> Verdict {
        let Ok(expr) = spdx::Expression::parse_mode(expression, spdx::ParseMode::LAX) else {
            return Verdict::Review;
        };
        let mut stack: Vec<Verdict> = Vec::new();
        for node in expr.iter() {
            match node {
                spdx::expression::ExprNode::Req(req) => {
                    let id = match &req.req.license {
                        spdx::LicenseItem::Spdx { id, .. } => id.name.to_string(),
                        other => other.to_string(),
                    };
                    stack.push(self.verdict(&id).0);
                }
                spdx::expression::ExprNode::Op(op) => {
                    let (Some(b), Some(a)) = (stack.pop(), stack.pop()) else { return Verdict::Review };
                    stack.push(match op {
                        spdx::expression::Operator::Or => a.min(b),
                        spdx::expression::Operator::And => a.max(b),
                    });
                }
            }
        }
        stack.pop().unwrap_or(Verdict::Review)
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
}
