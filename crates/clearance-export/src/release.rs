//! The release as every export sees it, loaded once from the review: its components with their
//! conclusions and exclusions, which of them ship, their files, the license findings that stand
//! (a reviewer's false positives are taken out here, once, for every format), copyright
//! statements, obligations, dependency edges, the product, the policy the review is judged
//! by, and the known vulnerabilities with their triage. The exports are functions of a `Release` and an `ExportContext`; what they print in full
//! (a file's text, a `LicenseRef`'s text) is read through it when needed, not held in memory.

use std::collections::{HashMap, HashSet};

use clearance_licenses::Policy;
use clearance_store::{
    AdvisorySnapshot, ComponentRow, Conclusion, CopyrightRow, FileRow, FindingBrief, ObligationRow, Review, ScanInfo,
    VulnerabilityRow,
};

use crate::ExportError;

/// A reviewer's (or the scan's) reason a component does not ship: reason, who, when.
pub type Exclusion = (String, String, String);

pub struct Release<'r> {
    review: &'r Review,
    /// What the exports are about (see `product_of`).
    pub product: String,
    pub product_version: Option<String>,
    /// The scan the files come from (none in a review made only by import).
    pub scan: Option<ScanInfo>,
    /// More than one folder was scanned: file names carry their root.
    pub multi_root: bool,
    /// Every component, in the review's order.
    pub components: Vec<ComponentRow>,
    /// Components that are not part of what ships by the tree's own shape (a bundled package's
    /// development lockfile entries; lockfile entries a vendoring tree does not hold).
    pub left_out: HashSet<i64>,
    conclusions: HashMap<i64, Conclusion>,
    exclusions: HashMap<i64, Exclusion>,
    /// Every scanned file, in the review's order.
    pub files: Vec<FileRow>,
    /// The license findings of each file that stand: false positives are not here.
    findings: HashMap<i64, Vec<FindingBrief>>,
    copyrights: HashMap<i64, Vec<CopyrightRow>>,
    pub obligations: Vec<ObligationRow>,
    /// What lockfiles say depends on what (component ids).
    pub edges: Vec<(i64, i64)>,
    /// The policy the review is judged by (its own, else the default).
    pub policy: Policy,
    /// Known vulnerabilities as the review's last match found them, each with its triage.
    pub vulnerabilities: Vec<VulnerabilityRow>,
    /// The advisory database snapshot that match was made against (None: never matched).
    pub advisories: Option<AdvisorySnapshot>,
}

impl<'r> Release<'r> {
    /// Load the release; a review without components has nothing to export.
    pub fn load(review: &'r Review, policy: Policy) -> Result<Release<'r>, ExportError> {
        let components = review.components()?;
        if components.is_empty() {
            return Err(ExportError::Empty);
        }
        let scan = review.latest_scan()?;
        let (product, product_version) = product_of(review, &components)?;
        let mut conclusions = HashMap::new();
        let mut exclusions = HashMap::new();
        for c in &components {
            if let Some(k) = review.conclusion(c.id)? {
                conclusions.insert(c.id, k);
            }
            if let Some(x) = review.exclusion(c.id)? {
                exclusions.insert(c.id, x);
            }
        }
        let mut findings: HashMap<i64, Vec<FindingBrief>> = HashMap::new();
        for f in review.findings_brief()?.into_iter().filter(|f| !f.false_positive) {
            findings.entry(f.file_id).or_default().push(f);
        }
        let mut copyrights: HashMap<i64, Vec<CopyrightRow>> = HashMap::new();
        for c in review.copyrights(None)? {
            copyrights.entry(c.file_id).or_default().push(c);
        }
        Ok(Release {
            review,
            product,
            product_version,
            scan,
            multi_root: review.roots()?.len() > 1,
            left_out: clearance_store::not_shipped(&components),
            conclusions,
            exclusions,
            files: review.files(None)?,
            findings,
            copyrights,
            obligations: review.obligations(None)?,
            edges: review.dependency_edges()?,
            policy,
            vulnerabilities: review.vulnerabilities()?,
            advisories: review.advisory_snapshot()?,
            components,
        })
    }

    /// The review the release was loaded from: for what only one export reads (the report's
    /// audit log and approvals).
    pub fn review(&self) -> &'r Review {
        self.review
    }

    pub fn conclusion(&self, component: i64) -> Option<&Conclusion> {
        self.conclusions.get(&component)
    }

    /// The concluded expression, if there is one.
    pub fn concluded(&self, component: i64) -> Option<&str> {
        self.conclusion(component).and_then(|k| k.expression.as_deref())
    }

    pub fn exclusion(&self, component: i64) -> Option<&Exclusion> {
        self.exclusions.get(&component)
    }

    /// The components that ship by the tree's shape (a reviewer's exclusions are still among
    /// them, said as such by each format).
    pub fn shipped(&self) -> impl Iterator<Item = &ComponentRow> {
        self.components.iter().filter(|c| !self.left_out.contains(&c.id))
    }

    /// A file's license findings that stand (false positives taken out).
    pub fn findings_of(&self, file: i64) -> &[FindingBrief] {
        self.findings.get(&file).map_or(&[], Vec::as_slice)
    }

    /// A file's copyright statements, as found.
    pub fn copyrights_of(&self, file: i64) -> &[CopyrightRow] {
        self.copyrights.get(&file).map_or(&[], Vec::as_slice)
    }

    /// A file's text as it is on disk now (None when it is gone or not text).
    pub fn file_text(&self, file: i64) -> Result<Option<String>, ExportError> {
        Ok(self.review.file_text(file)?)
    }

    /// A `LicenseRef-` the review recorded: its name and text.
    pub fn license_ref(&self, id: &str) -> Result<Option<(String, String)>, ExportError> {
        Ok(self.review.license_ref(id)?)
    }
}

/// The product an attribution file, report or SBOM is about: what the reviewer set (`clearance
/// review product NAME VERSION`), else the root component when the review has exactly one
/// scanned folder, else the review file's name.
pub fn product_of(review: &Review, components: &[ComponentRow]) -> Result<(String, Option<String>), ExportError> {
    if let Some((name, version)) = review.product()? {
        return Ok((name, version));
    }
    let roots: Vec<&ComponentRow> = components.iter().filter(|c| c.is_root).collect();
    if let [r] = roots.as_slice() {
        return Ok((r.name.clone(), r.version.clone()));
    }
    let stem = review.path().file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "release".into());
    Ok((stem, None))
}
