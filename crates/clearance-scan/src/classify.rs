//! What kind of file is this? Decided from the name first, then from the first bytes.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    /// A file that holds license text: LICENSE, COPYING, UNLICENSE, `LICENSES/*`, …
    License,
    /// NOTICE, AUTHORS, COPYRIGHT, CREDITS, PATENTS.
    Notice,
    /// A package manifest Clearance reads components from.
    Manifest,
    /// Source code and other text.
    Source,
    /// Binary content: hashed, not searched.
    Binary,
}

impl std::fmt::Display for FileKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FileKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::License => "license",
            FileKind::Notice => "notice",
            FileKind::Manifest => "manifest",
            FileKind::Source => "source",
            FileKind::Binary => "binary",
        }
    }

    pub fn parse(s: &str) -> Option<FileKind> {
        [FileKind::License, FileKind::Notice, FileKind::Manifest, FileKind::Source, FileKind::Binary]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

const LICENSE_STEMS: &[&str] = &["license", "licence", "copying", "unlicense", "mit-license", "legal"];
const NOTICE_STEMS: &[&str] = &["notice", "notices", "authors", "copyright", "copyrights", "credits", "patents"];
const TEXT_EXTENSIONS: &[&str] = &["", "txt", "md", "markdown", "rst", "html", "htm", "adoc", "org", "text"];

/// Is this file (by its path) a manifest or lockfile Clearance reads components from?
pub fn is_manifest(rel_path: &str) -> bool {
    crate::manifest::manifest_format(rel_path).is_some_and(|m| m.is_manifest_file)
        || crate::lockfile::is_lockfile(rel_path)
}

/// Classify a file by its path (relative, `/`-separated) and its first bytes.
pub fn classify(rel_path: &str, head: &[u8]) -> FileKind {
    if looks_binary(head) {
        return FileKind::Binary;
    }
    if is_manifest(rel_path) {
        return FileKind::Manifest;
    }
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path).to_ascii_lowercase();
    // REUSE puts one license text per file in LICENSES/<SPDX-ID>.txt (the Linux kernel in
    // LICENSES/preferred/, LICENSES/exceptions/, …).
    if rel_path.starts_with("LICENSES/") || rel_path.contains("/LICENSES/") {
        return FileKind::License;
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s, e),
        _ => (name.as_str(), ""),
    };
    let text_like = TEXT_EXTENSIONS.contains(&ext) || LICENSE_STEMS.contains(&ext);
    let stem_matches = |stems: &[&str]| {
        stems.iter().any(|s| {
            stem == *s
                || stem.starts_with(&format!("{s}-"))
                || stem.starts_with(&format!("{s}_"))
                || stem.starts_with(&format!("{s}."))
        })
    };
    // LICENSE, LICENSE.txt, LICENSE-MIT, LICENSE.APACHE, COPYING.LIB, foo.LICENSE,
    // LICENSE.BSD-3-Clause (zstd's)
    if (text_like || ext.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        && stem_matches(LICENSE_STEMS)
        && !is_code_extension(ext)
    {
        return FileKind::License;
    }
    if ext == "license" || ext == "licence" {
        return FileKind::License;
    }
    if (text_like || !is_code_extension(ext)) && stem_matches(NOTICE_STEMS) {
        return FileKind::Notice;
    }
    FileKind::Source
}

fn is_code_extension(ext: &str) -> bool {
    matches!(
        ext,
        "rs" | "py"
            | "js"
            | "ts"
            | "c"
            | "h"
            | "cc"
            | "cpp"
            | "hpp"
            | "go"
            | "java"
            | "rb"
            | "php"
            | "cs"
            | "swift"
            | "kt"
            | "json"
            | "toml"
            | "yaml"
            | "yml"
            | "xml"
            | "sh"
            | "pl"
            | "pm"
            | "mjs"
            | "cjs"
            | "jsx"
            | "tsx"
            | "vue"
            | "svelte"
            | "scala"
            | "lua"
            | "css"
            | "scss"
    )
}

/// NUL bytes in the first block mean binary, unless the block is UTF-16 text (BOM).
pub(crate) fn looks_binary(head: &[u8]) -> bool {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    memchr::memchr(0, &head[..head.len().min(8192)]).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let t = b"text";
        for p in [
            "LICENSE",
            "LICENSE.txt",
            "LICENSE-MIT",
            "LICENSE.APACHE",
            "LICENSE.BSD-3-Clause",
            "COPYING",
            "COPYING.LIB",
            "licence.md",
            "UNLICENSE",
            "LICENSES/MIT.txt",
            "LICENSES/preferred/GPL-2.0",
            "vendor/x/LICENSE-APACHE",
            "MIT-LICENSE.txt",
            "foo.LICENSE",
        ] {
            assert_eq!(classify(p, t), FileKind::License, "{p}");
        }
        for p in ["NOTICE", "NOTICE.txt", "AUTHORS", "COPYRIGHT", "CREDITS.md", "PATENTS"] {
            assert_eq!(classify(p, t), FileKind::Notice, "{p}");
        }
        for p in [
            "Cargo.toml",
            "a/package.json",
            "pyproject.toml",
            "PKG-INFO",
            "x/foo-1.0.dist-info/METADATA",
            "go.mod",
            "composer.json",
            "vcpkg.json",
        ] {
            assert_eq!(classify(p, t), FileKind::Manifest, "{p}");
        }
        for p in [
            "src/text/licenses/MIT",
            "src/license.rs",
            "license_check.py",
            "METADATA",
            "README.md",
            "main.c",
            "notice.js",
        ] {
            assert_eq!(classify(p, t), FileKind::Source, "{p}");
        }
    }

    #[test]
    fn content_decides_binary() {
        assert_eq!(classify("LICENSE", b"\x7fELF\x00\x00"), FileKind::Binary);
        assert_eq!(classify("a.txt", b"\xff\xfeM\x00I\x00T\x00"), FileKind::Source);
    }
}

#[cfg(test)]
mod registry {
    use super::*;
    use crate::{LOCKFILES, MANIFESTS, is_lockfile, lockfile_format, manifest_format, parse_lockfile, parse_manifest};

    /// A path each manifest format is found at.
    fn example(title: &str) -> String {
        match title {
            "a wheel's .dist-info/METADATA" => "site-packages/foo-1.0.dist-info/METADATA".into(),
            "*.nuspec" => "pkg/Foo.nuspec".into(),
            "*.gemspec" => "gems/foo.gemspec".into(),
            other => format!("pkg/{other}"),
        }
    }

    #[test]
    fn every_manifest_format_is_classified_and_parsed_from_one_list() {
        for m in MANIFESTS {
            let path = example(m.title);
            assert!(std::ptr::eq(manifest_format(&path).unwrap(), m), "{path} is read as {}", m.title);
            assert_eq!(classify(&path, b"x") == FileKind::Manifest, m.is_manifest_file, "{path}");
            // Garbage is a sentence or nothing, never a panic.
            let _ = parse_manifest(&path, "\u{0}{{[ not a manifest");
        }
        // The parent folder decides for METADATA; the path for debian/copyright.
        assert!(!is_manifest("docs/METADATA"));
        assert_eq!(classify("pkg/debian/copyright", b"Format: x"), FileKind::Notice);
        assert!(manifest_format("pkg/debian/copyright").is_some());
    }

    #[test]
    fn every_lockfile_format_is_classified_parsed_and_has_a_family() {
        for f in LOCKFILES {
            for name in f.names {
                for path in [name.to_string(), format!("sub/{name}")] {
                    assert!(is_lockfile(&path), "{path}");
                    assert!(std::ptr::eq(lockfile_format(&path).unwrap(), f), "{path}");
                    assert_eq!(classify(&path, b"x"), FileKind::Manifest, "{path}");
                    let _ = parse_lockfile(&path, "\u{0}{{[ not a lockfile");
                }
            }
            assert!(!f.family.is_empty());
        }
        // Path-bound formats only where their path says.
        assert!(!is_lockfile("modules.txt") && !is_lockfile("docs/status"));
        // One build, several formats: npm's lockfiles are one family.
        let family = |p: &str| lockfile_format(p).unwrap().family;
        assert_eq!(family("yarn.lock"), family("package-lock.json"));
        assert_eq!(family("uv.lock"), family("Pipfile.lock"));
        assert_ne!(family("Cargo.lock"), family("yarn.lock"));
    }
}
