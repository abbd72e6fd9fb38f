//! SPDX documents (from suppliers, or Clearance's own exports) — 2.3 JSON, 2.3 tag-value and
//! 3.0.1 JSON-LD, the latter two read into the 2.3 JSON shape first (`spdx_tv.rs`,
//! `spdx3.rs`): files with checksums, licenses and copyrights; packages with purl, supplier and
//! declared license, placed at the common folder of the files they CONTAIN; what the document
//! DESCRIBES as the root; DEPENDS_ON edges.

use std::collections::HashMap;

use clearance_scan::{ComponentDecl, Detector, Event, FileReport, classify};
use serde_json::Value;

use crate::{ImportError, Imported, common_dir, copyright_of, finding};

fn s<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(|x| x.as_str()).filter(|x| !x.is_empty())
}

fn special(v: &str) -> bool {
    matches!(v, "NOASSERTION" | "NONE")
}

/// An SPDX document in any form Clearance reads: 2.3 JSON, 2.3 tag-value, 3.0.1 JSON-LD.
pub fn from_spdx(text: &str) -> Result<Imported, ImportError> {
    let trimmed = text.trim_start();
    if !trimmed.starts_with('{') {
        if trimmed.starts_with("SPDXVersion:") || trimmed.lines().any(|l| l.starts_with("SPDXVersion:")) {
            return from_spdx_json(crate::spdx_tv::to_json(text)?, "SPDX 2.3 tag-value document");
        }
        return Err(ImportError::Format(
            "not an SPDX document: neither JSON nor tag-value (no SPDXVersion: line)".into(),
        ));
    }
    let doc: Value = serde_json::from_str(text)?;
    if doc.get("@graph").is_some() {
        return from_spdx_json(crate::spdx3::to_json(&doc)?, "SPDX 3.0.1 document");
    }
    from_spdx_json(doc, "SPDX document")
}

fn from_spdx_json(doc: Value, what: &str) -> Result<Imported, ImportError> {
    let version = s(&doc, "spdxVersion").unwrap_or("");
    if !version.starts_with("SPDX-2.") {
        return Err(ImportError::Format(format!(
            "not an SPDX 2.x or 3.0 document (spdxVersion is '{version}', and no @graph)"
        )));
    }
    let creators: Vec<&str> =
        doc["creationInfo"]["creators"].as_array().into_iter().flatten().filter_map(|c| c.as_str()).collect();
    let tool = format!("{what} by {}", if creators.is_empty() { "unknown".to_string() } else { creators.join(", ") });
    let mut events = Vec::new();
    let mut warnings = Vec::new();
    let mut path_of: HashMap<&str, String> = HashMap::new();
    for f in doc["files"].as_array().into_iter().flatten() {
        let Some(name) = s(f, "fileName") else {
            warnings.push("a file without fileName was skipped".into());
            continue;
        };
        let path = name.trim_start_matches("./").to_string();
        if let Some(id) = s(f, "SPDXID") {
            path_of.insert(id, path.clone());
        }
        let checksum = |alg: &str| {
            f["checksums"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|c| s(c, "algorithm") == Some(alg))
                .and_then(|c| s(c, "checksumValue"))
                .map(str::to_lowercase)
        };
        let mut findings = Vec::new();
        for l in
            f["licenseInfoInFiles"].as_array().into_iter().flatten().filter_map(|x| x.as_str()).filter(|x| !special(x))
        {
            findings.push(finding(
                Detector::LicenseReference,
                l,
                1.0,
                (1, 1),
                l,
                "imported from an SPDX document (licenseInfoInFiles)",
            ));
        }
        if let Some(c) = s(f, "licenseConcluded").filter(|c| !special(c)) {
            findings.push(finding(
                Detector::LicenseReference,
                c,
                1.0,
                (1, 1),
                c,
                "imported from an SPDX document (licenseConcluded of the file)",
            ));
        }
        let copyrights = s(f, "copyrightText")
            .filter(|c| !special(c))
            .map(|c| c.lines().filter(|l| !l.trim().is_empty()).map(|l| copyright_of(l, 1, 1)).collect())
            .unwrap_or_default();
        events.push(Event::File(Box::new(FileReport {
            root: 0,
            kind: classify(&path, b""),
            path,
            size: 0,
            mtime: 0,
            sha256: checksum("SHA256").unwrap_or_default(),
            sha1: checksum("SHA1").unwrap_or_default(),
            reused: false,
            findings,
            copyrights,
            component: None,
            dependencies: Vec::new(),
            relations: Vec::new(),
            note: Some("imported from an SPDX document".into()),
            text: None,
        })));
    }
    // Which files each package contains.
    let mut contains: HashMap<&str, Vec<&str>> = HashMap::new();
    for r in doc["relationships"].as_array().into_iter().flatten() {
        if s(r, "relationshipType") == Some("CONTAINS")
            && let (Some(a), Some(b)) = (s(r, "spdxElementId"), s(r, "relatedSpdxElement"))
        {
            contains.entry(a).or_default().push(b);
        }
    }
    // What the document describes is the review's root component.
    let described: Vec<&str> = doc["relationships"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| s(r, "relationshipType") == Some("DESCRIBES") && s(r, "spdxElementId") == Some("SPDXRef-DOCUMENT"))
        .filter_map(|r| s(r, "relatedSpdxElement"))
        .collect();
    let mut components = Vec::new();
    let mut purl_of: HashMap<&str, String> = HashMap::new();
    for p in doc["packages"].as_array().into_iter().flatten() {
        let Some(name) = s(p, "name") else { continue };
        let id = s(p, "SPDXID").unwrap_or(name);
        let files: Vec<&String> = contains.get(id).into_iter().flatten().filter_map(|f| path_of.get(f)).collect();
        let dir = common_dir(&files);
        let purl = p["externalRefs"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|r| s(r, "referenceType") == Some("purl"))
            .and_then(|r| s(r, "referenceLocator"))
            .map(str::to_string);
        if let Some(u) = &purl {
            purl_of.insert(id, u.clone());
        }
        let declared_raw = s(p, "licenseDeclared").filter(|d| !special(d));
        let ecosystem =
            purl.as_deref().and_then(|u| u.strip_prefix("pkg:")).and_then(|u| u.split('/').next()).unwrap_or("generic");
        components.push((
            dir,
            if described.len() == 1 && described[0] == id { format!("root:spdx:{id}") } else { format!("spdx:{id}") },
            ComponentDecl {
                ecosystem: ecosystem.to_string(),
                name: name.to_string(),
                version: s(p, "versionInfo").map(str::to_string),
                purl,
                declared_license: declared_raw
                    .and_then(|d| clearance_licenses::normalize(d).ok())
                    .map(|n| n.expression),
                declared_original: declared_raw.map(str::to_string),
                homepage: s(p, "homepage").filter(|h| !special(h)).map(str::to_string),
                // "Organization: Acme (ops@acme.example)", "Person: …": the name as written.
                supplier: s(p, "supplier")
                    .filter(|x| !special(x))
                    .map(|x| x.split_once(':').map_or(x, |(_, name)| name).trim().to_string()),
            },
        ));
    }
    // What depends on what, as the document states it (DEPENDS_ON, and DEPENDENCY_OF turned
    // around), between packages with a purl: kept on a file standing for the document.
    let mut relations = Vec::new();
    for r in doc["relationships"].as_array().into_iter().flatten() {
        let (Some(a), Some(b)) = (s(r, "spdxElementId"), s(r, "relatedSpdxElement")) else { continue };
        let (from, to) = match s(r, "relationshipType") {
            Some("DEPENDS_ON") => (a, b),
            Some("DEPENDENCY_OF") => (b, a),
            _ => continue,
        };
        if let (Some(x), Some(y)) = (purl_of.get(from), purl_of.get(to))
            && x != y
        {
            relations.push((x.clone(), y.clone()));
        }
    }
    if !relations.is_empty() {
        events.push(crate::file_event(
            ".clearance-import/document.spdx.json",
            String::new(),
            String::new(),
            relations,
            "the dependency edges the SPDX document states",
        ));
    }
    let root_name = s(&doc, "name").unwrap_or("spdx-document").to_string();
    Ok(Imported { tool, root_name, events, components, warnings })
}
