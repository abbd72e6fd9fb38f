//! SBOM profiles: which fields a standard requires that the release's SBOMs would lack, per
//! component and for the document — NTIA's minimum elements (2021) and Germany's BSI
//! TR-03183-2 (the SBOM guideline the EU Cyber Resilience Act is read against). A source review
//! knows what manifests and lockfiles say; what only a build knows (the deployable's file name,
//! its SHA-512, whether it is executable, an archive, structured) is said as missing, never
//! invented.

use std::path::Path;

use clearance_store::Review;
use serde::Serialize;

use crate::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum Profile {
    /// NTIA's SBOM minimum elements (2021).
    Ntia,
    /// BSI TR-03183-2 (version 2).
    Bsi,
}

#[derive(Debug, Clone, Serialize)]
pub struct ComponentGaps {
    pub component: String,
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProfileReport {
    pub profile: Profile,
    /// What the document as a whole lacks.
    pub document: Vec<String>,
    /// Shipped components that lack something, with what.
    pub components: Vec<ComponentGaps>,
    /// Shipped components checked.
    pub checked: usize,
}

impl ProfileReport {
    pub fn conformant(&self) -> bool {
        self.document.is_empty() && self.components.is_empty()
    }
}

/// What the release's SBOMs would lack under `profile`.
pub fn sbom_profile(db: &Path, profile: Profile, reviewer_email: Option<&str>) -> Result<ProfileReport> {
    let review = Review::open(db)?;
    let components = review.components()?;
    let left_out = clearance_export::not_shipped(&components);
    let excluded = review.exclusions()?;
    let mut out = ProfileReport { profile, document: Vec::new(), components: Vec::new(), checked: 0 };
    if profile == Profile::Bsi && reviewer_email.is_none() {
        out.document.push(
            "the SBOM creator's e-mail or URL (say who you are with an e-mail: `clearance config reviewer`)".into(),
        );
    }
    for c in &components {
        if left_out.contains(&c.id) || excluded.contains_key(&c.id) {
            continue;
        }
        out.checked += 1;
        let mut missing = Vec::new();
        if c.version.is_none() {
            missing.push("version".to_string());
        }
        match profile {
            Profile::Ntia => {
                if c.supplier.is_none() {
                    missing.push("supplier (its manifest names nobody)".into());
                }
                if c.purl.is_none() {
                    missing.push("a unique identifier (purl)".into());
                }
            }
            Profile::Bsi => {
                if c.supplier.is_none() && c.homepage.is_none() {
                    missing.push("creator (its manifest names no author and no homepage)".into());
                } else if !c.homepage.as_deref().is_some_and(|h| h.starts_with("http")) {
                    missing.push("the creator's e-mail or URL".into());
                }
                let concluded = review.conclusion(c.id)?.and_then(|k| k.expression);
                if concluded.is_none() {
                    missing.push("distribution licence (a reviewer's conclusion)".into());
                }
                // What only a build knows.
                for field in [
                    "the deployable's file name",
                    "the deployable's SHA-512",
                    "executable property",
                    "archive property",
                    "structured property",
                ] {
                    missing.push(field.into());
                }
            }
        }
        if !missing.is_empty() {
            out.components.push(ComponentGaps { component: c.label(), missing });
        }
    }
    Ok(out)
}
