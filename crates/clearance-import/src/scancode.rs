//! ScanCode Toolkit JSON (output format of version 32 and later: `license_detections`,
//! `detected_license_expression_spdx`, `package_data`).

use clearance_scan::{ComponentDecl, Detector, Event, FileKind, FileReport, classify};
use serde_json::Value;

use crate::{ImportError, Imported, copyright_of, finding};

fn s(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(|x| x.as_str()).map(str::to_string).filter(|x| !x.is_empty())
}

fn n(v: &Value, k: &str) -> u32 {
    v.get(k).and_then(|x| x.as_u64()).unwrap_or(0).min(u32::MAX as u64) as u32
}

pub fn from_scancode(text: &str) -> Result<Imported, ImportError> {
    let doc: Value = serde_json::from_str(text)?;
    let files = doc
        .get("files")
        .and_then(|f| f.as_array())
        .ok_or_else(|| ImportError::Format("not a ScanCode JSON result: it has no \"files\" list".into()))?;
    let header = doc.get("headers").and_then(|h| h.as_array()).and_then(|h| h.first());
    let tool = match header {
        Some(h) => format!(
            "{} {}",
            s(h, "tool_name").unwrap_or_else(|| "scancode-toolkit".into()),
            s(h, "tool_version").unwrap_or_default()
        ),
        None => "scancode-toolkit (unknown version)".into(),
    };
    let mut root_name = String::new();
    let mut events = Vec::new();
    let mut warnings = Vec::new();
    for f in files {
        if f.get("type").and_then(|t| t.as_str()) != Some("file") {
            continue;
        }
        let Some(path) = s(f, "path") else {
            warnings.push("a file entry without a path was skipped".into());
            continue;
        };
        // ScanCode paths start with the scanned folder's name.
        let (first, rel) = path.split_once('/').unwrap_or(("", &path));
        if root_name.is_empty() {
            root_name = if first.is_empty() { "scan".into() } else { first.to_string() };
        }
        let rel = rel.to_string();
        let kind = if f.get("is_binary").and_then(|b| b.as_bool()) == Some(true) {
            FileKind::Binary
        } else {
            classify(&rel, b"")
        };
        let mut findings = Vec::new();
        for d in f.get("license_detections").and_then(|x| x.as_array()).into_iter().flatten() {
            for m in d.get("matches").and_then(|x| x.as_array()).into_iter().flatten() {
                let expr = s(m, "spdx_license_expression")
                    .or_else(|| s(m, "license_expression_spdx"))
                    .or_else(|| s(d, "license_expression_spdx"));
                let Some(expr) = expr else { continue };
                let matcher = s(m, "matcher").unwrap_or_default();
                let detector = match (matcher.as_str(), kind) {
                    ("1-spdx-id", _) => Detector::SpdxTag,
                    (_, FileKind::License) => Detector::LicenseText,
                    _ => Detector::LicenseNotice,
                };
                let score = m.get("score").and_then(|x| x.as_f64()).unwrap_or(100.0) as f32 / 100.0;
                let matched = s(m, "matched_text").or_else(|| s(m, "rule_identifier")).unwrap_or_default();
                findings.push(finding(
                    detector,
                    &expr,
                    score,
                    (n(m, "start_line"), n(m, "end_line")),
                    &matched,
                    &format!("imported from ScanCode (matcher {matcher})"),
                ));
            }
        }
        let copyrights = f
            .get("copyrights")
            .and_then(|x| x.as_array())
            .into_iter()
            .flatten()
            .filter_map(|c| s(c, "copyright").map(|st| copyright_of(&st, n(c, "start_line"), n(c, "end_line"))))
            .collect();
        let component = f.get("package_data").and_then(|x| x.as_array()).and_then(|p| p.first()).and_then(|p| {
            let name = s(p, "name")?;
            let declared_original =
                s(p, "extracted_license_statement").or_else(|| s(p, "declared_license_expression_spdx"));
            let declared = s(p, "declared_license_expression_spdx")
                .and_then(|e| clearance_licenses::normalize(&e).ok())
                .map(|n| n.expression);
            Some(ComponentDecl {
                ecosystem: s(p, "type").unwrap_or_else(|| "generic".into()),
                version: s(p, "version"),
                purl: s(p, "purl"),
                declared_license: declared,
                declared_original,
                homepage: s(p, "homepage_url"),
                name,
                supplier: None,
            })
        });
        let kind = if component.is_some() { FileKind::Manifest } else { kind };
        events.push(Event::File(Box::new(FileReport {
            root: 0,
            path: rel,
            size: f.get("size").and_then(|x| x.as_u64()).unwrap_or(0),
            mtime: 0,
            sha256: s(f, "sha256").unwrap_or_default(),
            sha1: s(f, "sha1").unwrap_or_default(),
            kind,
            reused: false,
            findings,
            copyrights,
            component,
            dependencies: Vec::new(),
            relations: Vec::new(),
            note: Some("imported from ScanCode".into()),
            text: None,
        })));
    }
    if events.is_empty() {
        warnings.push("the ScanCode result lists no files".into());
    }
    Ok(Imported {
        tool,
        root_name: if root_name.is_empty() { "scan".into() } else { root_name },
        events,
        components: Vec::new(),
        warnings,
    })
}
