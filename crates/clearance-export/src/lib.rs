//! Exports from a review file. Every export is a pure function of the review's contents and an
//! `ExportContext` (time, tool version), so outputs are reproducible and testable.

mod attribution;
mod cyclonedx;
mod render;
mod report;
mod spdx_json;
mod spdx_tv;

pub use attribution::{Attribution, attribution, not_shipped, product_of};
pub use cyclonedx::{CycloneDxBom, cyclonedx_json};
pub use render::{NOTICE_HTML, NOTICE_MD, NOTICE_TXT, REPORT_HTML, render};
pub use report::{Report, report, report_csv};
pub use spdx_json::{SpdxDocument, spdx_json};
pub use spdx_tv::to_tag_value;

/// What an export needs besides the review: given, never read from the clock inside.
#[derive(Debug, Clone)]
pub struct ExportContext {
    /// RFC 3339 UTC timestamp, seconds precision ("2026-11-25T10:00:00Z").
    pub created: String,
    pub tool_version: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] clearance_store::StoreError),
    #[error("the review holds no scan yet: scan a folder first")]
    Empty,
    #[error("template error: {0}")]
    Template(String),
}
