//! Detection: walk the folders of a release, classify every file, and find license texts,
//! license notices and references, `SPDX-License-Identifier` tags, copyright statements and
//! package manifests. Pure: no database. Results stream to a sink the caller provides, so the
//! caller decides how to store them; work runs in parallel and can be cancelled.

mod archive;
mod classify;
mod copyright;
mod detect;
pub mod ecosystems;
mod licensedb;
mod lockfile;
mod manifest;
mod model;
mod notice;
mod spdx_tag;
mod text;
mod walk;

pub use archive::{
    ArchiveKind, ArchiveLimits, Item as ArchiveItem, Stop as ArchiveStop, archive_kind, expand as expand_archive,
};
pub use classify::{FileKind, classify};
pub use copyright::extract_copyrights;
pub use detect::{FILE_REFERENCE_CODE, UNLISTED_PREFIX, detect_text};
pub use lockfile::{LOCKFILES, LockfileFormat, is_lockfile, lockfile_format, parse_lockfile, parse_relations};
pub use manifest::{MANIFESTS, ManifestFormat, manifest_format, parse_manifest};
pub use model::*;
pub use walk::{Prior, PriorFile, Reporter, ScanError, ScanStats, SilentReporter, scan};

/// Bumped whenever what the detectors find in a given text changes, so that a re-scan reads
/// unchanged files again instead of keeping what an older Clearance found in them.
pub const DETECTION_REVISION: u32 = 7;

/// What found a scan's findings: Clearance's version, the detection revision and the rule data.
pub fn detection_id() -> String {
    format!(
        "clearance {} detection {DETECTION_REVISION} rules {}",
        env!("CARGO_PKG_VERSION"),
        clearance_licenses::rules::SOURCE
    )
}
