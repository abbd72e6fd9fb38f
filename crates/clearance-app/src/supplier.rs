//! A supplier's claims against the evidence: a review that holds a scan of a delivery and the
//! SBOM its supplier sent with it (`clearance import --from-cyclonedx|--from-spdx` into the same
//! review) compared package by package — what the SBOM names that the scan does not find, what
//! the scan finds that the SBOM omits, and versions and licenses that disagree.

use std::collections::BTreeMap;
use std::path::Path;

use clearance_store::{ClaimDecision, ClaimKind, ClaimState, ComponentRow, ComponentSource, Review};
use serde::Serialize;

use crate::Result;

/// One disagreement between a supplier's SBOM and the scan, with the reviewer's decision on it
/// when one was made on the same words.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Disagreement {
    pub kind: ClaimKind,
    /// The package both sides are about (purl without version, or ecosystem/name).
    pub package: String,
    /// Name (and version, where one side names one).
    pub name: String,
    /// What the SBOM says, and what the scan found ("-" for nothing).
    pub sbom: String,
    pub scan: String,
    /// The component it concerns (the scanned one where there is one).
    pub component_id: i64,
    pub decision: Option<ClaimDecision>,
}

impl Disagreement {
    /// Still to be decided: no decision on these words.
    pub fn is_open(&self) -> bool {
        self.decision.is_none()
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SupplierDiff {
    /// The supplier documents the review holds (the files they were imported from).
    pub documents: Vec<String>,
    /// Packages both name with the same version.
    pub matched: usize,
    pub only_in_sbom: Vec<Disagreement>,
    pub only_in_scan: Vec<Disagreement>,
    pub versions_differ: Vec<Disagreement>,
    pub licenses_differ: Vec<Disagreement>,
    /// Decisions made on words that have changed since (either side now says otherwise).
    pub stale: Vec<ClaimDecision>,
}

impl SupplierDiff {
    pub fn all(&self) -> impl Iterator<Item = &Disagreement> {
        self.only_in_sbom.iter().chain(&self.only_in_scan).chain(&self.versions_differ).chain(&self.licenses_differ)
    }

    /// Disagreements no reviewer has decided.
    pub fn open(&self) -> usize {
        self.all().filter(|d| d.is_open()).count()
    }
}

/// How a package is known on both sides: its purl without version, qualifiers or subpath (type
/// and name lowercased; PyPI names in PEP 503 form), else its ecosystem and name.
fn package_key(c: &ComponentRow) -> String {
    let package = c.purl.as_deref().and_then(|p| clearance_store::purl_package(p).0.strip_prefix("pkg:"));
    if let Some((kind, name)) = package.and_then(|p| p.split_once('/')) {
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
    format!("{}/{}", c.ecosystem.as_deref().unwrap_or("generic"), c.name.to_ascii_lowercase())
}

/// A package only one side names.
fn one_sided(kind: ClaimKind, key: &str, c: &ComponentRow) -> Disagreement {
    let version = c.version.clone().unwrap_or_else(|| "-".into());
    let (sbom, scan) = if kind == ClaimKind::OnlyInSbom { (version, "-".into()) } else { ("-".into(), version) };
    Disagreement { kind, package: key.to_string(), name: c.label(), sbom, scan, component_id: c.id, decision: None }
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
    let excluded = review.exclusions()?;
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
                if !left_out.contains(&c.id) && !excluded.contains_key(&c.id) {
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
        stale: Vec::new(),
    };
    for (key, claimed) in &sbom {
        let Some(found) = scan.get(key) else {
            out.only_in_sbom.extend(claimed.iter().map(|c| one_sided(ClaimKind::OnlyInSbom, key, c)));
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
                            kind: ClaimKind::License,
                            package: key.clone(),
                            name: f.label(),
                            sbom: said.clone(),
                            scan: seen.clone(),
                            component_id: f.id,
                            decision: None,
                        });
                    }
                }
                None => {
                    let versions: Vec<String> =
                        found.iter().map(|f| f.version.clone().unwrap_or_else(|| "unknown".into())).collect();
                    out.versions_differ.push(Disagreement {
                        kind: ClaimKind::Version,
                        package: key.clone(),
                        name: c.name.clone(),
                        sbom: c.version.clone().unwrap_or_else(|| "unknown".into()),
                        scan: versions.join(", "),
                        component_id: found[0].id,
                        decision: None,
                    });
                }
            }
        }
    }
    for (key, found) in &scan {
        if !sbom.contains_key(key) {
            out.only_in_scan.extend(found.iter().map(|c| one_sided(ClaimKind::OnlyInScan, key, c)));
        }
    }
    // The reviewers' decisions, where they were made on the words both sides say now.
    let mut decisions = review.claim_decisions()?;
    for list in [&mut out.only_in_sbom, &mut out.only_in_scan, &mut out.versions_differ, &mut out.licenses_differ] {
        for d in list.iter_mut() {
            if let Some(i) = decisions
                .iter()
                .position(|x| x.package == d.package && x.kind == d.kind && x.claim == d.sbom && x.evidence == d.scan)
            {
                d.decision = Some(decisions.remove(i));
            }
        }
    }
    out.stale = decisions;
    Ok(out)
}

/// A reviewer's decision on one disagreement, as the CLI and the desktop send it.
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClaimRequest {
    /// The package: its name as the diff shows it, or the package key.
    pub package: String,
    pub kind: ClaimKind,
    pub state: ClaimState,
    pub note: String,
}

/// Decide one disagreement the supplier diff shows now (its words are kept with the decision).
pub fn resolve_claim(db: &Path, reviewer: &crate::reviewer::Reviewer, request: &ClaimRequest) -> Result<ClaimDecision> {
    let diff = supplier_diff(db)?;
    let wanted = request.package.to_ascii_lowercase();
    let matches: Vec<&Disagreement> = diff
        .all()
        .filter(|d| d.kind == request.kind)
        .filter(|d| {
            d.package == request.package
                || d.name.to_ascii_lowercase() == wanted
                || d.name.split(' ').next().is_some_and(|n| n.to_ascii_lowercase() == wanted)
        })
        .collect();
    let d = match matches.as_slice() {
        [one] => *one,
        [] => {
            return Err(crate::AppError::Invalid(format!(
                "the supplier diff shows no {} disagreement about '{}'",
                request.kind, request.package
            )));
        }
        more => {
            return Err(crate::AppError::Invalid(format!(
                "'{}' names {} packages: give one of {}",
                request.package,
                more.len(),
                more.iter().map(|d| d.package.as_str()).collect::<Vec<_>>().join(", ")
            )));
        }
    };
    let name = reviewer.to_string();
    let at = crate::now();
    let mut review = Review::open(db)?;
    Ok(review.resolve_claim(
        &clearance_store::Actor { name: &name, at: &at },
        &d.package,
        d.kind,
        &d.sbom,
        &d.scan,
        request.state,
        &request.note,
    )?)
}

/// Import a supplier's SBOM (CycloneDX JSON, or SPDX: 2.3 JSON or tag-value, 3.0.1 JSON-LD, told
/// apart by their content) into the review of the delivery's scan, and answer the comparison.
pub fn import_sbom(db: &Path, file: &Path) -> Result<SupplierDiff> {
    // The first 64 KiB say which it is; `import` reads the rest (and refuses what is too large).
    use std::io::Read;
    let unreadable = |e: std::io::Error| crate::AppError::Path { path: file.to_path_buf(), reason: e.to_string() };
    let mut head = Vec::new();
    std::fs::File::open(file).map_err(unreadable)?.take(64 * 1024).read_to_end(&mut head).map_err(unreadable)?;
    let text = String::from_utf8_lossy(&head);
    let source =
        if text.contains("\"bomFormat\"") { crate::ImportSource::CycloneDx } else { crate::ImportSource::Spdx };
    crate::import(db, source, file)?;
    supplier_diff(db)
}
