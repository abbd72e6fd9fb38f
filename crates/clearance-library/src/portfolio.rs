//! The portfolio: every published release, and where a package is used across them.

use std::cmp::Ordering;

use serde::Serialize;

use crate::{Library, LibraryError, Result};

/// OSV's ecosystem and the package's comparable name, from its purl (or its manifest's ecosystem
/// and name when it has none): the where-used index.
pub(crate) fn package_of(purl: Option<&str>, ecosystem: Option<&str>, name: &str) -> (Option<String>, String) {
    // Without a purl, the manifest's ecosystem is the purl type ("cargo", "npm", "pypi", ...).
    let made = ecosystem.map(|e| format!("pkg:{e}/{name}"));
    if let Some(p) = purl.or(made.as_deref()).and_then(clearance_advisories::from_purl) {
        let key = clearance_advisories::key(&p.ecosystem, &p.name);
        return (Some(p.ecosystem.clone()), format!("{}:{key}", p.ecosystem));
    }
    (None, format!("{}:{name}", ecosystem.unwrap_or("")))
}

/// One release of the portfolio.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReleaseSummary {
    pub product: String,
    pub version: String,
    pub approved: bool,
    pub approved_by: Option<String>,
    pub approved_at: Option<String>,
    pub published_by: String,
    pub published_at: String,
    /// Shipped components.
    pub components: usize,
    pub open_obligations: usize,
    /// None: the review was never matched against advisories.
    pub open_vulnerabilities: Option<usize>,
    /// Shipped components by concluded license, most first.
    pub license_mix: Vec<(String, usize)>,
    pub review: String,
}

/// One version bound of a where-used query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionConstraint {
    Lt(String),
    Le(String),
    Gt(String),
    Ge(String),
    Eq(String),
}

/// `pkg:TYPE/NAME` (every version), `pkg:TYPE/NAME@1.2.3` (that one) or
/// `pkg:TYPE/NAME@<1.2.3`, `@>=1.0,<2.0` (a range, each bound in the ecosystem's order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhereUsedQuery {
    pub ecosystem: String,
    pub package: String,
    pub constraints: Vec<VersionConstraint>,
}

impl WhereUsedQuery {
    pub fn parse(q: &str) -> Result<WhereUsedQuery> {
        let bad = |why: &str| {
            LibraryError::Invalid(format!(
                "'{q}' {why}: write a package URL, e.g. pkg:cargo/openssl, pkg:cargo/openssl@0.10.54 or pkg:cargo/openssl@<0.10.55"
            ))
        };
        let rest = q.trim().strip_prefix("pkg:").ok_or_else(|| bad("is not a package URL"))?;
        let (path, versions) = match rest.find('@') {
            // npm scopes are written %40 in a purl; a bare @ after the first character is the version
            Some(i) if i > 0 => (&rest[..i], Some(&rest[i + 1..])),
            _ => (rest, None),
        };
        let p = clearance_advisories::from_purl(&format!("pkg:{path}"))
            .ok_or_else(|| bad("names no package type Clearance knows"))?;
        let mut constraints = Vec::new();
        for part in versions.unwrap_or("").split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let c = if let Some(v) = part.strip_prefix("<=") {
                VersionConstraint::Le(v.trim().into())
            } else if let Some(v) = part.strip_prefix(">=") {
                VersionConstraint::Ge(v.trim().into())
            } else if let Some(v) = part.strip_prefix('<') {
                VersionConstraint::Lt(v.trim().into())
            } else if let Some(v) = part.strip_prefix('>') {
                VersionConstraint::Gt(v.trim().into())
            } else {
                VersionConstraint::Eq(part.strip_prefix('=').unwrap_or(part).trim().into())
            };
            constraints.push(c);
        }
        if versions.is_some() && constraints.is_empty() {
            return Err(bad("has an empty version"));
        }
        let package = format!("{}:{}", p.ecosystem, clearance_advisories::key(&p.ecosystem, &p.name));
        Ok(WhereUsedQuery { ecosystem: p.ecosystem, package, constraints })
    }

    /// Whether a version meets every bound; a version the ecosystem's order cannot read meets
    /// only an exact bound it equals (and is reported as unreadable otherwise).
    fn admits(&self, version: &str) -> Option<bool> {
        let mut ok = true;
        for c in &self.constraints {
            let (bound, want): (&str, &[Ordering]) = match c {
                VersionConstraint::Lt(b) => (b, &[Ordering::Less]),
                VersionConstraint::Le(b) => (b, &[Ordering::Less, Ordering::Equal]),
                VersionConstraint::Gt(b) => (b, &[Ordering::Greater]),
                VersionConstraint::Ge(b) => (b, &[Ordering::Greater, Ordering::Equal]),
                VersionConstraint::Eq(b) => {
                    if version == b {
                        continue;
                    }
                    (b, &[Ordering::Equal])
                }
            };
            let ord = clearance_advisories::compare_versions(&self.ecosystem, version, bound)?;
            ok &= want.contains(&ord);
        }
        Some(ok)
    }
}

/// A release that holds the package.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UsedIn {
    pub product: String,
    pub release: String,
    pub approved: bool,
    pub name: String,
    pub version: Option<String>,
    pub purl: Option<String>,
    pub shipped: bool,
    pub concluded: Option<String>,
    /// The version could not be read in the ecosystem's order, so the range could not be
    /// decided: listed, said, never dropped.
    pub unreadable_version: bool,
}

impl Library {
    /// Every published release, by product, newest release first.
    pub fn portfolio(&mut self) -> Result<Vec<ReleaseSummary>> {
        let rows = self.conn().query(
            "SELECT product, version, approved, approved_by, approved_at, published_by, published_at, components,
                    open_obligations, open_vulnerabilities, license_mix, review
             FROM releases ORDER BY product, published_at DESC, version DESC",
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|r| ReleaseSummary {
                product: r.t(0),
                version: r.t(1),
                approved: r.b(2),
                approved_by: r.ot(3),
                approved_at: r.ot(4),
                published_by: r.t(5),
                published_at: r.t(6),
                components: r.i(7) as usize,
                open_obligations: r.i(8) as usize,
                open_vulnerabilities: r.oi(9).map(|n| n as usize),
                license_mix: serde_json::from_str(&r.t(10)).unwrap_or_default(),
                review: r.t(11),
            })
            .collect())
    }

    /// Which releases hold a package (in a version range).
    pub fn where_used(&mut self, q: &WhereUsedQuery) -> Result<Vec<UsedIn>> {
        let rows = self.conn().query(
            "SELECT r.product, trim(r.product || ' ' || r.version), r.approved, c.name, c.version, c.purl, c.shipped, c.concluded
             FROM release_components c JOIN releases r ON r.id = c.release_id
             WHERE c.package = ?1 ORDER BY r.product, r.published_at DESC, c.version",
            &[q.package.as_str().into()],
        )?;
        let mut out = Vec::new();
        for r in rows {
            let mut u = UsedIn {
                product: r.t(0),
                release: r.t(1),
                approved: r.b(2),
                name: r.t(3),
                version: r.ot(4),
                purl: r.ot(5),
                shipped: r.b(6),
                concluded: r.ot(7),
                unreadable_version: false,
            };
            if q.constraints.is_empty() {
                out.push(u);
                continue;
            }
            match u.version.as_deref().map(|v| q.admits(v)) {
                Some(Some(true)) => out.push(u),
                Some(Some(false)) => {}
                Some(None) | None => {
                    u.unreadable_version = true;
                    out.push(u);
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_read_packages_and_ranges() {
        let q = WhereUsedQuery::parse("pkg:cargo/openssl@<0.10.55").unwrap();
        assert_eq!(q.ecosystem, "crates.io");
        assert_eq!(q.constraints, vec![VersionConstraint::Lt("0.10.55".into())]);
        assert_eq!(q.admits("0.10.54"), Some(true));
        assert_eq!(q.admits("0.10.55"), Some(false));
        assert_eq!(q.admits("0.9.0"), Some(true), "numerically, not as text");
        let q = WhereUsedQuery::parse("pkg:cargo/memchr@<3").unwrap();
        assert_eq!(q.admits("2.8.3"), Some(true), "a bound written short is read as 3.0.0");
        let q = WhereUsedQuery::parse("pkg:pypi/Django@>=3.2,<4.0").unwrap();
        assert_eq!(q.package, "PyPI:django", "PyPI names compare normalised");
        assert_eq!(q.admits("3.2.10"), Some(true));
        assert_eq!(q.admits("4.0rc1"), Some(true), "PEP 440 orders a release candidate before its release");
        assert_eq!(q.admits("4.0.1"), Some(false));
        let any = WhereUsedQuery::parse("pkg:npm/%40scope/pkg").unwrap();
        assert!(any.constraints.is_empty());
        assert_eq!(WhereUsedQuery::parse("pkg:npm/left-pad@1.3.0").unwrap().admits("1.3.0"), Some(true));
        assert!(WhereUsedQuery::parse("openssl").is_err());
        assert!(WhereUsedQuery::parse("pkg:cargo/openssl@").is_err());
        assert_eq!(WhereUsedQuery::parse("pkg:cargo/x@<1.0").unwrap().admits("not-a-version"), None);
        // A component without a purl is found by its manifest's ecosystem and name.
        assert_eq!(
            package_of(None, Some("cargo"), "tinyjson").1,
            WhereUsedQuery::parse("pkg:cargo/tinyjson").unwrap().package
        );
    }
}
