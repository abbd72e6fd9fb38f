//! Exports from a review file. The review is loaded once as a `Release` (components, what ships,
//! conclusions, exclusions, findings with false positives taken out, copyrights, obligations,
//! the policy); every export is a function of a `Release` and an `ExportContext` (time, tool
//! version), so outputs are reproducible and testable, and every format applies a reviewer's
//! decisions the same way.

mod attribution;
mod cyclonedx;
mod release;
mod render;
mod report;
mod spdx3;
mod spdx_json;
mod spdx_tv;
mod vex;

pub use attribution::{Attribution, attribution};
pub use clearance_store::not_shipped;
pub use cyclonedx::{CycloneDxBom, cyclonedx_json};
pub use release::{Exclusion, Release, product_of};
pub use render::{NOTICE_HTML, NOTICE_MD, NOTICE_TXT, REPORT_HTML, render};
pub use report::{Report, report, report_csv};
pub use spdx_json::{SpdxDocument, spdx_json};
pub use spdx_tv::to_tag_value;
pub use spdx3::spdx3_json;
pub use vex::openvex;

/// The CycloneDX specification versions Clearance writes: 1.7, the current one, by default; 1.6
/// for consumers that do not read 1.7 yet (the BOM is the same: 1.7 only adds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum CycloneDxVersion {
    #[serde(rename = "1.6")]
    #[cfg_attr(feature = "clap", value(name = "1.6"))]
    V1_6,
    #[default]
    #[serde(rename = "1.7")]
    #[cfg_attr(feature = "clap", value(name = "1.7"))]
    V1_7,
}

impl CycloneDxVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            CycloneDxVersion::V1_6 => "1.6",
            CycloneDxVersion::V1_7 => "1.7",
        }
    }
}

/// What an export needs besides the review: given, never read from the clock inside.
#[derive(Debug, Clone, Default)]
pub struct ExportContext {
    /// RFC 3339 UTC timestamp, seconds precision ("2026-11-25T10:00:00Z").
    pub created: String,
    pub tool_version: String,
    /// The CycloneDX version the BOM is written in.
    pub cyclonedx: CycloneDxVersion,
    /// The SPDX license list the SBOM's consumer knows, when older than Clearance's: ids it
    /// lacks are written as `LicenseRef-…` with their texts (SPDX and CycloneDX exports).
    pub license_list: Option<clearance_licenses::ListVersion>,
}

impl ExportContext {
    /// The rewriter for the consumer's license list; `None` when it holds every id.
    pub(crate) fn list_target(&self) -> Result<Option<clearance_licenses::ListTarget>, ExportError> {
        match self.license_list {
            None => Ok(None),
            Some(v) => clearance_licenses::ListTarget::new(v).map_err(|e| ExportError::Invalid(e.to_string())),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] clearance_store::StoreError),
    #[error("the review holds no scan yet: scan a folder first")]
    Empty,
    #[error("template error: {0}")]
    Template(String),
    /// The review cannot give what the format needs (said in words).
    #[error("{0}")]
    Invalid(String),
}
