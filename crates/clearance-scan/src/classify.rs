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

/// Is `name` (with its parent folder's name) a manifest Clearance reads?
pub fn is_manifest(rel_path: &str) -> bool {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    match name {
        "Cargo.toml" | "package.json" | "pyproject.toml" | "PKG-INFO" | "go.mod" | "composer.json" | "vcpkg.json"
        | "pom.xml" | "setup.cfg" => true,
        n if n.ends_with(".nuspec") || n.ends_with(".gemspec") => true,
        _ if crate::lockfile::is_lockfile(rel_path) => true,
        // METADATA is only a manifest inside a wheel's .dist-info folder.
        "METADATA" => parent_name(rel_path).is_some_and(|p| p.ends_with(".dist-info")),
        _ => false,
    }
}

fn parent_name(rel_path: &str) -> Option<&str> {
    let mut parts = rel_path.rsplit('/');
    parts.next();
    parts.next()
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
