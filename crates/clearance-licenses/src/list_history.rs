//! Which SPDX license list each id first appeared on, so that a document can be written for a
//! consumer on an older list: ids that list does not hold are written as `LicenseRef-<id>`
//! with their full texts, which every SPDX consumer accepts.
//!
//! The data (`list-history/list-history.tsv`) is read from the `spdx` crate's releases, each
//! generated from one version of the SPDX License List; an id added between two of the lists
//! read is dated to the later one, so a target between them rewrites it — never the reverse.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use crate::catalog::{exception, license, spdx_list_version};

const HISTORY: &str = include_str!("../list-history/list-history.tsv");

/// A version of the SPDX License List, major.minor ("3.27").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ListVersion {
    pub major: u16,
    pub minor: u16,
}

impl fmt::Display for ListVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListVersionError {
    #[error("“{0}” is not a license list version: write it as major.minor, e.g. 3.27")]
    Malformed(String),
    #[error(
        "Clearance knows which ids the SPDX license lists hold from {oldest} on; {asked} is older. Ask for {oldest} or later."
    )]
    TooOld { asked: ListVersion, oldest: ListVersion },
    #[error(
        "Clearance knows the SPDX license lists up to {embedded}; {asked} is newer. A consumer on a newer list accepts every id Clearance writes: leave the option out."
    )]
    TooNew { asked: ListVersion, embedded: ListVersion },
}

impl FromStr for ListVersion {
    type Err = ListVersionError;

    /// "3.27" or "3.27.0" (the patch level names the same list of ids).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ListVersionError::Malformed(s.to_string());
        let mut parts = s.trim().split('.');
        let major = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let minor = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        match parts.next() {
            None => {}
            Some(p) if p.parse::<u16>().is_ok() && parts.next().is_none() => {}
            Some(_) => return Err(bad()),
        }
        Ok(ListVersion { major, minor })
    }
}

struct History {
    oldest: ListVersion,
    first: HashMap<&'static str, ListVersion>,
}

fn history() -> &'static History {
    static H: OnceLock<History> = OnceLock::new();
    H.get_or_init(|| {
        let mut first = HashMap::new();
        let mut oldest = None;
        for line in HISTORY.lines() {
            if let Some(read) = line.strip_prefix("# SPDX license list versions read: ") {
                oldest = read.split(' ').next().and_then(|v| v.parse().ok());
                continue;
            }
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            if let (Some(id), Some(_kind), Some(v)) = (cols.next(), cols.next(), cols.next())
                && let Ok(v) = v.parse()
            {
                first.insert(id, v);
            }
        }
        History { oldest: oldest.expect("list-history.tsv names the lists it was read from"), first }
    })
}

/// The license list this build embeds.
pub fn embedded_list_version() -> ListVersion {
    spdx_list_version().parse().expect("the spdx crate names its list as major.minor.patch")
}

/// The first SPDX license list (of those read) that holds this license or exception id.
pub fn first_list_version(id: &str) -> Option<ListVersion> {
    history().first.get(id).copied()
}

/// One id (or license-with-exception) an older list does not hold, as written for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DowngradedLicense {
    /// `LicenseRef-<id>`, `LicenseRef-<license>-WITH-<exception>`.
    pub license_ref: String,
    /// What it stands for on the newer list: "BSD-3-Clause-Tso", "GPL-2.0-only WITH x-exception".
    pub spdx: String,
    /// The license's full name.
    pub name: String,
    /// The full text (license, then exception).
    pub text: String,
    /// The newest list among its ids: the first that holds all of it.
    pub added_in: ListVersion,
}

/// Rewrites license expressions for a consumer on an older SPDX license list, remembering each
/// id it had to rewrite so the document can carry their texts.
#[derive(Debug, Clone)]
pub struct ListTarget {
    version: ListVersion,
    rewritten: BTreeMap<String, DowngradedLicense>,
}

impl ListTarget {
    /// A target list; refused (with a sentence) when Clearance cannot know what it holds, or it
    /// is the embedded list or newer (nothing to rewrite — `None`).
    pub fn new(version: ListVersion) -> Result<Option<ListTarget>, ListVersionError> {
        let oldest = history().oldest;
        if version < oldest {
            return Err(ListVersionError::TooOld { asked: version, oldest });
        }
        let embedded = embedded_list_version();
        if version > embedded {
            return Err(ListVersionError::TooNew { asked: version, embedded });
        }
        if version == embedded {
            return Ok(None);
        }
        Ok(Some(ListTarget { version, rewritten: BTreeMap::new() }))
    }

    pub fn version(&self) -> ListVersion {
        self.version
    }

    /// Whether the target list holds this id (LicenseRefs and ids this build does not know are
    /// left as they are: they are not the list's to hold).
    fn holds(&self, id: &str) -> bool {
        first_list_version(id.trim_end_matches('+')).is_none_or(|v| v <= self.version)
    }

    /// The expression with every id the target list lacks written as a LicenseRef; the same
    /// string when it needs nothing.
    pub fn rewrite(&mut self, expression: &str) -> String {
        let tokens = tokens(expression);
        let mut out: Vec<String> = Vec::with_capacity(tokens.len());
        let mut changed = false;
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            if matches!(t, "(" | ")") || is_operator(t) {
                out.push(t.to_string());
                i += 1;
                continue;
            }
            let with = tokens.get(i + 1).is_some_and(|w| w.eq_ignore_ascii_case("WITH"));
            let exception_id = if with { tokens.get(i + 2).copied() } else { None };
            if let Some(exc) = exception_id {
                if self.holds(t) && self.holds(exc) {
                    out.extend([t.to_string(), tokens[i + 1].to_string(), exc.to_string()]);
                } else {
                    out.push(self.note_with(t, exc));
                    changed = true;
                }
                i += 3;
                continue;
            }
            if self.holds(t) {
                out.push(t.to_string());
            } else {
                out.push(self.note_license(t));
                changed = true;
            }
            i += 1;
        }
        if !changed {
            return expression.to_string();
        }
        join(&out)
    }

    fn note_license(&mut self, id: &str) -> String {
        let (base, or_later) = match id.strip_suffix('+') {
            Some(b) => (b, true),
            None => (id, false),
        };
        let license_ref = format!("LicenseRef-{base}{}", if or_later { "-or-later" } else { "" });
        let entry = self.rewritten.entry(license_ref.clone()).or_insert_with(|| {
            let (name, text) =
                license(base).map_or((base.to_string(), String::new()), |(i, t)| (i.name.to_string(), t.to_string()));
            DowngradedLicense {
                license_ref: license_ref.clone(),
                spdx: id.to_string(),
                name: if or_later { format!("{name}, or any later version") } else { name },
                text,
                added_in: first_list_version(base).unwrap_or(self.version),
            }
        });
        entry.license_ref.clone()
    }

    fn note_with(&mut self, id: &str, exc: &str) -> String {
        let base = id.strip_prefix("LicenseRef-").unwrap_or(id);
        let license_ref = format!("LicenseRef-{}-WITH-{exc}", base.replace('+', "-or-later"));
        let target = self.version;
        let entry = self.rewritten.entry(license_ref.clone()).or_insert_with(|| {
            let license_text = match license(id.trim_end_matches('+')) {
                Some((_, t)) => t.to_string(),
                None => format!("The text of {id} is given in this document under that id."),
            };
            let exception_text = exception(exc).map(|(_, t)| t.to_string()).unwrap_or_default();
            let name = license(id.trim_end_matches('+')).map_or(id.to_string(), |(i, _)| i.name.to_string());
            let added = [first_list_version(id.trim_end_matches('+')), first_list_version(exc)]
                .into_iter()
                .flatten()
                .max()
                .unwrap_or(target);
            DowngradedLicense {
                license_ref: license_ref.clone(),
                spdx: format!("{id} WITH {exc}"),
                name: format!("{name} with {exc}"),
                text: format!("{license_text}\n\n{exception_text}").trim().to_string(),
                added_in: added,
            }
        });
        entry.license_ref.clone()
    }

    /// Every id rewritten so far, by LicenseRef.
    pub fn rewritten(&self) -> impl Iterator<Item = &DowngradedLicense> {
        self.rewritten.values()
    }

    /// The rewrite of one LicenseRef this target made, if it made it.
    pub fn downgraded(&self, license_ref: &str) -> Option<&DowngradedLicense> {
        self.rewritten.get(license_ref)
    }
}

fn is_operator(t: &str) -> bool {
    t.eq_ignore_ascii_case("AND") || t.eq_ignore_ascii_case("OR")
}

fn tokens(expression: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for word in expression.split_whitespace() {
        let mut rest = word;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('(') {
                out.push("(");
                rest = r;
                continue;
            }
            let end = rest.find(['(', ')']).unwrap_or(rest.len());
            if end == 0 {
                out.push(&rest[..1]);
                rest = &rest[1..];
            } else {
                out.push(&rest[..end]);
                rest = &rest[end..];
            }
        }
    }
    out
}

fn join(tokens: &[String]) -> String {
    let mut s = String::new();
    for t in tokens {
        if !s.is_empty() && !s.ends_with('(') && t != ")" {
            s.push(' ');
        }
        s.push_str(t);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> ListVersion {
        s.parse().unwrap()
    }

    #[test]
    fn every_id_of_the_embedded_list_is_dated() {
        // When the spdx crate is upgraded, list-history.tsv must be regenerated (extract.py):
        // an undated id would pass to an older list unchanged.
        let undated: Vec<&str> = crate::licenses()
            .map(|l| l.id)
            .chain(crate::exceptions().map(|e| e.id))
            .filter(|id| first_list_version(id).is_none())
            .collect();
        assert!(undated.is_empty(), "ids with no list version: {undated:?}");
        assert_eq!(
            history().first.values().max().copied(),
            Some(embedded_list_version()),
            "the history reaches the embedded list"
        );
    }

    #[test]
    fn ids_are_dated_to_the_list_that_added_them() {
        assert_eq!(first_list_version("MIT"), Some(v("3.7")));
        assert_eq!(first_list_version("BSD-3-Clause-Tso"), Some(v("3.28")));
        assert_eq!(first_list_version("Bugroff"), Some(v("3.29")));
        assert_eq!(first_list_version("kvirc-openssl-exception"), Some(v("3.28")));
        assert_eq!(first_list_version("LicenseRef-x"), None);
    }

    #[test]
    fn versions_parse_and_order_numerically() {
        assert!(v("3.9") < v("3.27"));
        assert_eq!(v("3.27.0"), v("3.27"));
        assert!(matches!("3".parse::<ListVersion>(), Err(ListVersionError::Malformed(_))));
        assert!(matches!("3.x".parse::<ListVersion>(), Err(ListVersionError::Malformed(_))));
        assert!(matches!("3.27.0.1".parse::<ListVersion>(), Err(ListVersionError::Malformed(_))));
    }

    #[test]
    fn targets_clearance_cannot_know_are_refused_and_the_embedded_one_is_a_no_op() {
        let e = ListTarget::new(v("3.6")).unwrap_err();
        assert!(e.to_string().contains("from 3.7 on"), "{e}");
        assert!(matches!(ListTarget::new(v("9.0")), Err(ListVersionError::TooNew { .. })));
        assert!(ListTarget::new(embedded_list_version()).unwrap().is_none());
    }

    #[test]
    fn newer_ids_become_license_refs_with_their_texts() {
        let mut t = ListTarget::new(v("3.27")).unwrap().unwrap();
        assert_eq!(t.rewrite("MIT OR Apache-2.0"), "MIT OR Apache-2.0", "nothing to do, same string");
        assert_eq!(
            t.rewrite("(MIT AND BSD-3-Clause-Tso) OR Bugroff"),
            "(MIT AND LicenseRef-BSD-3-Clause-Tso) OR LicenseRef-Bugroff"
        );
        let tso = t.downgraded("LicenseRef-BSD-3-Clause-Tso").unwrap();
        assert_eq!(tso.spdx, "BSD-3-Clause-Tso");
        assert_eq!(tso.added_in, v("3.28"));
        assert!(tso.text.contains("Redistribution and use"), "the full text travels with it");
        assert_eq!(t.rewritten().count(), 2);
        // On 3.28 only the 3.29 id is rewritten.
        let mut t = ListTarget::new(v("3.28")).unwrap().unwrap();
        assert_eq!(t.rewrite("BSD-3-Clause-Tso OR Bugroff"), "BSD-3-Clause-Tso OR LicenseRef-Bugroff");
    }

    #[test]
    fn a_newer_exception_takes_its_license_with_it() {
        let mut t = ListTarget::new(v("3.27")).unwrap().unwrap();
        let out = t.rewrite("GPL-2.0-or-later WITH kvirc-openssl-exception AND MIT");
        assert_eq!(out, "LicenseRef-GPL-2.0-or-later-WITH-kvirc-openssl-exception AND MIT");
        let d = t.downgraded("LicenseRef-GPL-2.0-or-later-WITH-kvirc-openssl-exception").unwrap();
        assert!(d.text.contains("GNU GENERAL PUBLIC LICENSE") && d.text.contains("KVIrc"), "both texts");
        // An old license with an old exception is left alone.
        assert_eq!(t.rewrite("GPL-2.0-only WITH Classpath-exception-2.0"), "GPL-2.0-only WITH Classpath-exception-2.0");
    }
}
