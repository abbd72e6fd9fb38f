//! A supplier's claims against the evidence: a review that holds a scan of a delivery and the
//! SBOM its supplier sent with it (`clearance import --from-cyclonedx|--from-spdx` into the same
//! review) compared package by package — what the SBOM names that the scan does not find, what
//! the scan finds that the SBOM omits, and versions and licenses that disagree.

use std::collections::BTreeMap;
use std::path::Path;

use clearance_store::{ComponentRow, ComponentSource, Review};
use serde::Serialize;

use crate::Result;

/// One package on one side.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SupplierEntry {
    pub component_id: i64,
    pub name: String,
    pub version: Option<String>,
    pub purl: Option<String>,
}

/// A package both sides name, on which they disagree.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Disagreement {
    pub name: String,
    /// What the SBOM says, and what the scan found.
    pub sbom: String,
    pub scan: String,
    /// The scanned component (where a reviewer decides).
    pub component_id: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SupplierDiff {
    /// The supplier documents the review holds (the files they were imported from).
    pub documents: Vec<String>,
    /// Packages both name with the same version.
    pub matched: usize,
    pub only_in_sbom: Vec<SupplierEntry>,
    pub only_in_scan: Vec<SupplierEntry>,
    pub versions_differ: Vec<Disagreement>,
    pub licenses_differ: Vec<Disagreement>,
}

/// How a package is known on both sides: its purl without version, qualifiers or subpath (type
/// and name lowercased; PyPI names in PEP 503 form), else its ecosystem and name.
fn package_key(c: &ComponentRow) -> String {
    if let Some(p) = c.purl.as_deref().and_then(|p| p.strip_prefix("pkg:")) {
        let p = p.split(['?', '#']).next().unwrap_or(p);
        let p = match p.rsplit_once('@') {
            Some((head, _)) if head.contains('/') => head,
            _ => p,
        };
        if let Some((kind, name)) = p.split_once('/') {
            let kind = kind.to_ascii_lowercase();
            let name = if kind == "pypi" {
                clearance_advisories::key("PyPI", name)
            } else if kind == "npm" || kind == "cargo" || kind == "gem" {
                name.to_string()
            } else {
                name.to_ascii_lowercase()
            };
            return format!("{kind}/{name}");
        }
    }
    format!("{}/{}", c.ecosystem.as_deref().unwrap_or("generic"), c.name.to_ascii_lowercase())
}

fn entry(c: &ComponentRow) -> SupplierEntry {
    SupplierEntry { component_id: c.id, name: c.name.clone(), version: c.version.clone(), purl: c.purl.clone() }
}

/// The license a side states for a package: the scan's declared license, else what its files
/// say; the SBOM's declared license.
fn scanned_license(c: &ComponentRow) -> Option<String> {
    c.declared_license.clone().or_else(|| (!c.detected.is_empty()).then(|| c.detected.join(" AND ")))
}

/// Compare the supplier documents imported into the review with what its scans found.
pub fn supplier_diff(db: &Path) -> Result<SupplierDiff> {
    let review = Review::open(db)?;
    let components = review.components()?;
    // Imported documents are roots keyed by their file and `#import`.
    let documents: Vec<String> = review
        .roots()?
        .into_iter()
        .filter_map(|(_, path, _)| path.strip_suffix("#import").map(str::to_string))
        .collect();
    // What the scan finds that ships: not excluded by a reviewer, and not a lockfile entry the
    // tree does not hold (another platform's optional package, a bundled package's dev tools).
    let left_out = clearance_export::not_shipped(&components);
    let mut sbom: BTreeMap<String, Vec<&ComponentRow>> = BTreeMap::new();
    let mut scan: BTreeMap<String, Vec<&ComponentRow>> = BTreeMap::new();
    for c in &components {
        // The products themselves are compared by the reviewer, not here.
        if c.is_root {
            continue;
        }
        match c.source {
            ComponentSource::Import => sbom.entry(package_key(c)).or_default().push(c),
            ComponentSource::Manifest | ComponentSource::Lockfile => {
                if !left_out.contains(&c.id) && review.exclusion(c.id)?.is_none() {
                    scan.entry(package_key(c)).or_default().push(c);
                }
            }
            ComponentSource::Folder => {}
        }
    }
    let mut out = SupplierDiff {
        documents,
        matched: 0,
        only_in_sbom: Vec::new(),
        only_in_scan: Vec::new(),
        versions_differ: Vec::new(),
        licenses_differ: Vec::new(),
    };
    for (key, claimed) in &sbom {
        let Some(found) = scan.get(key) else {
            out.only_in_sbom.extend(claimed.iter().map(|c| entry(c)));
            continue;
        };
        for c in claimed {
            match found.iter().find(|f| f.version == c.version) {
                Some(f) => {
                    out.matched += 1;
                    let (said, seen) = (c.declared_license.clone(), scanned_license(f));
                    if let (Some(said), Some(seen)) = (&said, &seen)
                        && said != seen
                    {
                        out.licenses_differ.push(Disagreement {
                            name: f.label(),
                            sbom: said.clone(),
                            scan: seen.clone(),
                            component_id: f.id,
                        });
                    }
                }
                None => {
                    let versions: Vec<String> =
                        found.iter().map(|f| f.version.clone().unwrap_or_else(|| "unknown".into())).collect();
                    out.versions_differ.push(Disagreement {
                        name: c.name.clone(),
                        sbom: c.version.clone().unwrap_or_else(|| "unknown".into()),
                        scan: versions.join(", "),
                        component_id: found[0].id,
                    });
                }
            }
        }
    }
    for (key, found) in &scan {
        if !sbom.contains_key(key) {
            out.only_in_scan.extend(found.iter().map(|c| entry(c)));
        }
    }
    Ok(out)
}
