//! Whether an OSV record affects a package version: each ecosystem's own version order
//! (`versions.rs`), the record's `versions` list, and its `SEMVER`
//! and `ECOSYSTEM` ranges (`introduced`, `fixed`, `last_affected`, `limit`). What cannot be
//! decided offline is said, never dropped: `GIT`-only ranges, an ecosystem without a version
//! order here yet, a component whose version is not known.

use serde::Serialize;
use serde_json::Value;

use crate::versions::{Order, V, order_of, parse};

/// Whether a record affects a package version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "affects", content = "why", rename_all = "kebab-case")]
pub enum Affects {
    Yes,
    /// It may: the version is not known, or the record's versions cannot be read.
    Possibly(String),
    /// It cannot be decided offline (commit ranges, an ecosystem without a version order here).
    Undecidable(String),
}

/// A package as OSV names it: its ecosystem and its name (normalised for lookup by `key`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageRef {
    pub ecosystem: String,
    pub name: String,
    pub version: Option<String>,
}

/// The OSV ecosystem, name and version of a package URL; None for a type OSV does not cover.
pub fn from_purl(purl: &str) -> Option<PackageRef> {
    let rest = purl.strip_prefix("pkg:")?;
    let rest = rest.split(['#', '?']).next()?;
    let (path, version) = match rest.rsplit_once('@') {
        // `@` in a namespace (npm scopes) is percent-encoded in a purl; a bare one is the version.
        Some((p, v)) if !v.contains('/') => (p, Some(decode(v))),
        _ => (rest, None),
    };
    let (kind, name_path) = path.split_once('/')?;
    let parts: Vec<String> = name_path.split('/').filter(|s| !s.is_empty()).map(decode).collect();
    let (namespace, name) = match parts.split_last() {
        Some((name, ns)) => (ns.join("/"), name.clone()),
        None => return None,
    };
    let ecosystem = match kind.to_ascii_lowercase().as_str() {
        "cargo" => "crates.io",
        "pypi" => "PyPI",
        "npm" => "npm",
        "golang" => "Go",
        "maven" => "Maven",
        "nuget" => "NuGet",
        "gem" => "RubyGems",
        "composer" => "Packagist",
        // Debian's and Ubuntu's packages: the distribution is the purl's namespace.
        "deb" if namespace.eq_ignore_ascii_case("ubuntu") => "Ubuntu",
        "deb" => "Debian",
        "hex" => "Hex",
        "pub" => "Pub",
        _ => return None,
    };
    let name = match (ecosystem, namespace.is_empty()) {
        (_, true) | ("Debian" | "Ubuntu", _) => name,
        ("Maven", false) => format!("{namespace}:{name}"),
        (_, false) => format!("{namespace}/{name}"),
    };
    Some(PackageRef { ecosystem: ecosystem.to_string(), name, version: version.filter(|v| !v.is_empty()) })
}

/// A purl segment, percent-decoded (a malformed escape is kept as it is).
fn decode(s: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (bytes.get(i + 1).and_then(|&b| hex(b)), bytes.get(i + 2).and_then(|&b| hex(b)))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A package name as the ecosystem compares names: PyPI's normalised form (PEP 503), else as is.
pub fn key(ecosystem: &str, name: &str) -> String {
    if ecosystem == "PyPI" {
        let mut out = String::with_capacity(name.len());
        let mut sep = false;
        for c in name.chars() {
            if matches!(c, '-' | '_' | '.') {
                sep = true;
            } else {
                if sep && !out.is_empty() {
                    out.push('-');
                }
                sep = false;
                out.extend(c.to_lowercase());
            }
        }
        out
    } else {
        name.to_string()
    }
}

/// Whether `record` affects `version` of the package (`ecosystem`, `name` compared by `key`).
/// None when the record does not name the package, or is withdrawn.
pub fn affects(record: &Value, ecosystem: &str, name: &str, version: Option<&str>) -> Option<Affects> {
    if record.get("withdrawn").is_some_and(|w| !w.is_null()) {
        return None;
    }
    let wanted = key(ecosystem, name);
    let entries: Vec<&Value> = record
        .get("affected")?
        .as_array()?
        .iter()
        .filter(|a| {
            let p = &a["package"];
            p["ecosystem"].as_str().is_some_and(|e| base_ecosystem(e) == ecosystem)
                && p["name"].as_str().is_some_and(|n| key(ecosystem, n) == wanted)
        })
        .collect();
    if entries.is_empty() {
        return None;
    }
    let Some(version) = version else {
        return Some(Affects::Possibly("the component's version is not known".into()));
    };
    let mut undecided: Option<Affects> = None;
    for a in entries {
        match affected_entry(a, ecosystem, version) {
            Some(Affects::Yes) => return Some(Affects::Yes),
            Some(other) => {
                undecided.get_or_insert(other);
            }
            None => {}
        }
    }
    // In no entry's versions or ranges: not affected, unless an entry could not be decided.
    undecided
}

/// "Debian:12" is Debian; "PyPI" is PyPI.
fn base_ecosystem(e: &str) -> &str {
    e.split(':').next().unwrap_or(e)
}

/// One `affected` entry: Yes, Possibly or Undecidable, or None when it does not affect the version.
fn affected_entry(a: &Value, ecosystem: &str, version: &str) -> Option<Affects> {
    let listed = a["versions"].as_array().map(Vec::as_slice).unwrap_or_default();
    if listed.iter().any(|v| v.as_str() == Some(version)) {
        return Some(Affects::Yes);
    }
    let ranges = a["ranges"].as_array().map(Vec::as_slice).unwrap_or_default();
    let ordered: Vec<&Value> =
        ranges.iter().filter(|r| matches!(r["type"].as_str(), Some("SEMVER") | Some("ECOSYSTEM"))).collect();
    if ordered.is_empty() {
        // Commit ranges alone say nothing about a version; with a versions list, the list does.
        return (ranges.iter().any(|r| r["type"] == "GIT") && listed.is_empty())
            .then(|| Affects::Undecidable("the record gives only commit (GIT) ranges".into()));
    }
    for r in ordered {
        // A SEMVER range is SemVer whatever the ecosystem; an ECOSYSTEM range is the ecosystem's.
        let order = if r["type"] == "SEMVER" { Some(Order::SemVer) } else { order_of(ecosystem) };
        let Some(order) = order else {
            return Some(Affects::Undecidable(format!("no version order for {ecosystem}")));
        };
        let Some(v) = parse(order, version) else {
            return Some(Affects::Possibly(format!("the version '{version}' is not a {ecosystem} version")));
        };
        match in_range(r, order, &v) {
            Some(true) => return Some(Affects::Yes),
            Some(false) => {}
            None => return Some(Affects::Possibly("the record's range cannot be read".into())),
        }
    }
    None
}

/// Whether `v` falls in one range: events in version order, `introduced` opening, `fixed` and
/// `limit` closing before, `last_affected` closing after. None when an event cannot be read.
fn in_range(r: &Value, order: Order, v: &V) -> Option<bool> {
    let mut events: Vec<(V, &str)> = Vec::new();
    for e in r["events"].as_array()? {
        let (kind, at) = e.as_object()?.iter().next()?;
        events.push((parse(order, at.as_str()?)?, kind.as_str()));
    }
    events.sort_by(|a, b| a.0.cmp(&b.0));
    let mut affected = false;
    for (at, kind) in &events {
        match *kind {
            "introduced" if v >= at => affected = true,
            "fixed" | "limit" if v >= at => affected = false,
            "last_affected" if v > at => affected = false,
            _ => {}
        }
    }
    Some(affected)
}

/// The highest CVSS base score a record gives (its `severity` vectors, v2, v3.x or v4.0, and
/// RustSec's per-package `database_specific.cvss`): the score, its qualitative severity (none,
/// low, medium, high, critical) and the vector. None when it gives no readable vector.
pub fn severity_of(record: &Value) -> Option<(f64, String, String)> {
    let mut vectors: Vec<&str> = Vec::new();
    for s in record["severity"].as_array().map(Vec::as_slice).unwrap_or_default() {
        if s["type"].as_str().is_some_and(|t| t.starts_with("CVSS_"))
            && let Some(v) = s["score"].as_str()
        {
            vectors.push(v);
        }
    }
    for a in record["affected"].as_array().map(Vec::as_slice).unwrap_or_default() {
        if let Some(v) = a["database_specific"]["cvss"].as_str() {
            vectors.push(v);
        }
    }
    vectors
        .into_iter()
        .filter_map(|v| v.parse::<cvss::Cvss>().ok().map(|c| (c.score(), c.severity().to_string(), v.to_string())))
        .max_by(|a, b| a.0.total_cmp(&b.0))
}
