//! SPDX 2.3 tag-value read into the SPDX 2.3 JSON shape the importer reads: `Tag: value` lines
//! (a `<text>…</text>` value may span lines); a `PackageName` starts a package and a `FileName`
//! a file, each taking the tags that follow; relationships, creators and extracted license
//! texts at any place.

use serde_json::{Map, Value, json};

use crate::ImportError;

/// The tag-value lines as (tag, value), multi-line `<text>` values joined.
fn tags(text: &str) -> Result<Vec<(String, String)>, ImportError> {
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let Some((tag, value)) = line.split_once(':') else {
            return Err(ImportError::Format(format!("line {}: not a 'Tag: value' line", n + 1)));
        };
        let mut value = value.trim().to_string();
        if let Some(rest) = value.strip_prefix("<text>") {
            let mut text = rest.to_string();
            while !text.contains("</text>") {
                let Some((_, more)) = lines.next() else {
                    return Err(ImportError::Format(format!("line {}: a <text> value that never ends", n + 1)));
                };
                text.push('\n');
                text.push_str(more);
            }
            value = text.split("</text>").next().unwrap_or("").to_string();
        }
        out.push((tag.trim().to_string(), value));
    }
    Ok(out)
}

pub(crate) fn to_json(text: &str) -> Result<Value, ImportError> {
    let mut doc = Map::new();
    let mut creators = Vec::new();
    let (mut packages, mut files, mut relationships, mut extracted) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    enum At {
        Document,
        Package,
        File,
        License,
    }
    let mut at = At::Document;
    for (tag, value) in tags(text)? {
        let current: Option<&mut Map<String, Value>> = match at {
            At::Package => packages.last_mut().and_then(Value::as_object_mut),
            At::File => files.last_mut().and_then(Value::as_object_mut),
            At::License => extracted.last_mut().and_then(Value::as_object_mut),
            At::Document => None,
        };
        let set = |m: Option<&mut Map<String, Value>>, k: &str, v: &str| {
            if let Some(m) = m {
                m.insert(k.into(), json!(v));
            }
        };
        match tag.as_str() {
            "SPDXVersion" => {
                doc.insert("spdxVersion".into(), json!(value));
            }
            "DocumentName" => {
                doc.insert("name".into(), json!(value));
            }
            "Creator" => creators.push(value),
            "Relationship" => {
                let parts: Vec<&str> = value.split_whitespace().collect();
                if let [a, t, b] = parts[..] {
                    relationships.push(json!({"spdxElementId": a, "relationshipType": t, "relatedSpdxElement": b}));
                }
            }
            "PackageName" => {
                packages.push(json!({"name": value}));
                at = At::Package;
            }
            "FileName" => {
                files.push(json!({"fileName": value}));
                at = At::File;
            }
            "LicenseID" => {
                extracted.push(json!({"licenseId": value}));
                at = At::License;
            }
            "SPDXID" => set(current, "SPDXID", &value),
            "PackageVersion" => set(current, "versionInfo", &value),
            "PackageSupplier" => set(current, "supplier", &value),
            "PackageHomePage" => set(current, "homepage", &value),
            "PackageLicenseDeclared" => set(current, "licenseDeclared", &value),
            "PackageLicenseConcluded" | "LicenseConcluded" => set(current, "licenseConcluded", &value),
            "PackageCopyrightText" | "FileCopyrightText" => set(current, "copyrightText", &value),
            "ExtractedText" => set(current, "extractedText", &value),
            "LicenseName" => set(current, "name", &value),
            "ExternalRef" => {
                let parts: Vec<&str> = value.split_whitespace().collect();
                if let (Some(m), [category, kind, locator]) = (current, &parts[..]) {
                    let refs = m.entry("externalRefs").or_insert_with(|| json!([]));
                    if let Some(a) = refs.as_array_mut() {
                        a.push(
                            json!({"referenceCategory": category, "referenceType": kind, "referenceLocator": locator}),
                        );
                    }
                }
            }
            "FileChecksum" => {
                if let (Some(m), Some((alg, sum))) = (current, value.split_once(':')) {
                    let sums = m.entry("checksums").or_insert_with(|| json!([]));
                    if let Some(a) = sums.as_array_mut() {
                        a.push(json!({"algorithm": alg.trim(), "checksumValue": sum.trim()}));
                    }
                }
            }
            "LicenseInfoInFile" => {
                if let Some(m) = current {
                    let found = m.entry("licenseInfoInFiles").or_insert_with(|| json!([]));
                    if let Some(a) = found.as_array_mut() {
                        a.push(json!(value));
                    }
                }
            }
            _ => {}
        }
    }
    doc.insert("creationInfo".into(), json!({"creators": creators}));
    doc.insert("packages".into(), Value::Array(packages));
    doc.insert("files".into(), Value::Array(files));
    doc.insert("relationships".into(), Value::Array(relationships));
    doc.insert("hasExtractedLicensingInfos".into(), Value::Array(extracted));
    Ok(Value::Object(doc))
}
