//! What a scan produces.

use serde::{Deserialize, Serialize};

use crate::FileKind;

/// Which detector produced a finding: shown to reviewers so they can judge the evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Detector {
    /// A `SPDX-License-Identifier:` tag.
    SpdxTag,
    /// A full license text (license files, or a whole license inside a comment).
    LicenseText,
    /// A standard license notice in a file header ("Licensed under the Apache License, …").
    LicenseNotice,
    /// A mention of a license by name or URL ("released under the MIT license").
    LicenseReference,
    /// The license a package manifest declares.
    Manifest,
    /// A file's license as a DEP-5 `debian/copyright` states it for the file's path.
    DebianCopyright,
    /// A header's pointer to another file ("see COPYING") or to a family of licenses
    /// ("License: BSD"), read with the package's license file it points to.
    ResolvedReference,
}

impl std::fmt::Display for Detector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Detector {
    pub fn as_str(self) -> &'static str {
        match self {
            Detector::SpdxTag => "spdx-tag",
            Detector::LicenseText => "license-text",
            Detector::LicenseNotice => "license-notice",
            Detector::LicenseReference => "license-reference",
            Detector::Manifest => "manifest",
            Detector::DebianCopyright => "debian-copyright",
            Detector::ResolvedReference => "resolved-reference",
        }
    }

    pub fn parse(s: &str) -> Option<Detector> {
        [
            Detector::SpdxTag,
            Detector::LicenseText,
            Detector::LicenseNotice,
            Detector::LicenseReference,
            Detector::Manifest,
            Detector::DebianCopyright,
            Detector::ResolvedReference,
        ]
        .into_iter()
        .find(|d| d.as_str() == s)
    }
}

/// One piece of license evidence in one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub detector: Detector,
    /// Canonical SPDX expression, or `None` when the evidence could not be read as one
    /// (then `diagnostic` says why and `original` holds the text).
    pub expression: Option<String>,
    /// The text as written (tag value, manifest string), when it differs from a matched text.
    pub original: Option<String>,
    /// 0..1; below 0.9 is low confidence and shown as such.
    pub score: f32,
    /// 1-based inclusive line range.
    pub start_line: u32,
    pub end_line: u32,
    /// The matched text (capped), for display and highlighting.
    pub matched_text: String,
    /// A stable kebab-case code when something about this finding needs a reviewer's eye:
    /// `invalid-spdx-expression`, `low-confidence`, `ambiguous-text`, `unrecognised-license`,
    /// `imprecise-license-name`, `license-in-other-file` (a header pointing at a license file),
    /// `unlisted-license` (a license text not on the SPDX list, kept as `LicenseRef-clearance-…`).
    pub diagnostic: Option<String>,
    /// Explanations: alternatives with identical texts, normalisations applied.
    pub notes: Vec<String>,
}

/// A copyright statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Copyright {
    /// The statement as found, whitespace collapsed.
    pub statement: String,
    /// Who holds it, normalised ("Foo Inc."), or empty when the statement names nobody.
    pub holder: String,
    /// The years as written ("2019-2021, 2023"), if any.
    pub years: Option<String>,
    pub start_line: u32,
    pub end_line: u32,
}

/// A package a manifest declares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComponentDecl {
    /// `cargo`, `npm`, `pypi` (purl types).
    pub ecosystem: String,
    pub name: String,
    pub version: Option<String>,
    pub purl: Option<String>,
    /// Canonical SPDX expression of the declared license, when it could be read.
    pub declared_license: Option<String>,
    /// The declared license as written.
    pub declared_original: Option<String>,
    pub homepage: Option<String>,
    /// Who the manifest says makes the package (its author, publisher or maintainer), as
    /// written: SBOMs' supplier. None when it does not say.
    #[serde(default)]
    pub supplier: Option<String>,
}

/// Everything detected in one file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileReport {
    /// Index into the roots given to the scan.
    pub root: usize,
    /// Path relative to its root, `/`-separated; bytes that are not UTF-8 are written `\xNN`.
    pub path: String,
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch (so a same-size edit within one
    /// second is still seen as a change).
    pub mtime: i64,
    /// Hex SHA-256 of the content.
    pub sha256: String,
    /// Hex SHA-1, which SPDX 2.3 requires for every file.
    pub sha1: String,
    pub kind: FileKind,
    /// True when the file is unchanged since a previous scan and detection was not repeated:
    /// the caller keeps the earlier findings.
    pub reused: bool,
    pub findings: Vec<Finding>,
    pub copyrights: Vec<Copyright>,
    pub component: Option<ComponentDecl>,
    /// Third-party components a lockfile lists (they own no files of the tree).
    #[serde(default)]
    pub dependencies: Vec<ComponentDecl>,
    /// Which package depends on which (purls), where a lockfile says so.
    #[serde(default)]
    pub relations: Vec<(String, String)>,
    /// The whole text of license and notice files (for attribution files), up to 1 MiB.
    pub text: Option<String>,
    /// Something the reviewer should know about the file itself (malformed manifest, binary,
    /// decoded from UTF-16, …).
    pub note: Option<String>,
}

/// Stable reason codes for what a scan could not look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    Symlink,
    SpecialFile,
    TooLarge,
    Unreadable,
    WalkError,
    /// An archive member whose name is absolute or climbs out ('..').
    UnsafePath,
    /// An archive (or nested archive) over a limit: size, members, ratio, depth.
    ArchiveLimit,
    /// An archive that is damaged, truncated or not what its name says.
    ArchiveError,
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl SkipReason {
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Symlink => "symlink",
            SkipReason::SpecialFile => "special-file",
            SkipReason::TooLarge => "too-large",
            SkipReason::Unreadable => "unreadable",
            SkipReason::WalkError => "walk-error",
            SkipReason::UnsafePath => "unsafe-path",
            SkipReason::ArchiveLimit => "archive-limit",
            SkipReason::ArchiveError => "archive-error",
        }
    }
}

/// An entry the scan did not read, and why.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Skipped {
    pub root: usize,
    pub path: String,
    pub reason: SkipReason,
    pub detail: String,
}

/// What the scan sends to its sink, one at a time, from a single thread.
#[derive(Debug, Clone)]
pub enum Event {
    File(Box<FileReport>),
    Skipped(Skipped),
}

/// Settings that change what a scan finds; recorded with every scan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScanOptions {
    /// Files larger than this are skipped with reason `too-large`.
    pub max_file_size: u64,
    /// Minimum matcher score for a full-text license match.
    pub text_threshold: f32,
    /// How many leading lines of a source file are searched for a license header.
    pub header_lines: usize,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Open archives (.zip, .jar, .tar.gz, .crate, .whl, .deb, ...) and scan their members.
    pub archives: bool,
    /// Archives larger than this are skipped unread.
    pub max_archive_size: u64,
    pub archive_limits: crate::archive::ArchiveLimits,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            max_file_size: 32 * 1024 * 1024,
            text_threshold: 0.8,
            header_lines: 150,
            threads: 0,
            archives: true,
            max_archive_size: 1 << 30,
            archive_limits: crate::archive::ArchiveLimits::default(),
        }
    }
}
