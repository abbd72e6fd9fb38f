//! SPDX 2.3 tag-value, written from the same document as the JSON export so the two never
//! disagree.

use std::collections::HashMap;

use serde_json::Value;

fn text(v: &str) -> String {
    if v.contains('\n') || v.contains(':') && v.len() > 60 { format!("<text>{v}</text>") } else { v.to_string() }
}

/// Copyright texts are always wrapped, except the two special values.
fn copyright(v: &str) -> String {
    if v == "NONE" || v == "NOASSERTION" { v.to_string() } else { format!("<text>{v}</text>") }
}

fn s<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(|x| x.as_str())
}

fn strings(v: &Value, k: &str) -> Vec<String> {
    v.get(k)
        .and_then(|x| x.as_array())
        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

fn push_tag(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(": ");
    out.push_str(value);
    out.push('\n');
}

fn write_file(body: &mut String, f: &crate::spdx_json::SpdxFile) {
    body.push('\n');
    body.push_str(&format!("FileName: {}\nSPDXID: {}\n", f.file_name, f.spdx_id));
    for c in &f.checksums {
        body.push_str(&format!("FileChecksum: {}: {}\n", c.algorithm, c.checksum_value));
    }
    body.push_str(&format!("LicenseConcluded: {}\n", f.license_concluded));
    for i in &f.license_info_in_files {
        body.push_str(&format!("LicenseInfoInFile: {i}\n"));
    }
    body.push_str(&format!("FileCopyrightText: {}\n", copyright(&f.copyright_text)));
}

/// Write an SPDX 2.3 document (as `spdx_json` builds it) as tag-value.
pub fn to_tag_value(document: &crate::SpdxDocument) -> String {
    let doc = &document.head;
    let mut out = String::new();
    let mut line = |k: &str, v: &str| push_tag(&mut out, k, v);
    line("SPDXVersion", s(doc, "spdxVersion").unwrap_or("SPDX-2.3"));
    line("DataLicense", s(doc, "dataLicense").unwrap_or("CC0-1.0"));
    line("SPDXID", "SPDXRef-DOCUMENT");
    line("DocumentName", s(doc, "name").unwrap_or(""));
    line("DocumentNamespace", s(doc, "documentNamespace").unwrap_or(""));
    let ci = &doc["creationInfo"];
    for c in strings(ci, "creators") {
        line("Creator", &c);
    }
    line("Created", s(ci, "created").unwrap_or(""));
    if let Some(v) = s(ci, "licenseListVersion") {
        line("LicenseListVersion", v);
    }
    if let Some(v) = s(ci, "comment") {
        line("CreatorComment", &text(v));
    }
    let mut body = out;
    // In tag-value a file belongs to the package it follows (SPDX 2.3 §5.2.2; pyspdxtools adds
    // that CONTAINS relationship itself). So files outside any package come first, right after
    // the document's creation information, and each package is followed by its own files only:
    // a package without files (a lockfile entry) is never followed by another package's files.
    let mut owner: HashMap<&str, &str> = HashMap::new();
    for r in &document.relationships {
        if r.relationship_type == "CONTAINS" && r.related_spdx_element.starts_with("SPDXRef-File-") {
            owner.insert(r.related_spdx_element.as_str(), r.spdx_element_id.as_str());
        }
    }
    let mut files_of: HashMap<&str, Vec<&crate::spdx_json::SpdxFile>> = HashMap::new();
    for f in &document.files {
        match owner.get(f.spdx_id.as_str()) {
            Some(p) => files_of.entry(p).or_default().push(f),
            None => write_file(&mut body, f),
        }
    }
    for p in doc["packages"].as_array().into_iter().flatten() {
        body.push('\n');
        let mut l = |k: &str, v: &str| push_tag(&mut body, k, v);
        l("PackageName", s(p, "name").unwrap_or(""));
        l("SPDXID", s(p, "SPDXID").unwrap_or(""));
        if let Some(v) = s(p, "versionInfo") {
            l("PackageVersion", v);
        }
        if let Some(v) = s(p, "supplier") {
            l("PackageSupplier", v);
        }
        l("PackageDownloadLocation", s(p, "downloadLocation").unwrap_or("NOASSERTION"));
        let analyzed = p["filesAnalyzed"].as_bool().unwrap_or(false);
        l("FilesAnalyzed", if analyzed { "true" } else { "false" });
        if let Some(code) = p["packageVerificationCode"]["packageVerificationCodeValue"].as_str() {
            l("PackageVerificationCode", code);
        }
        if let Some(v) = s(p, "homepage") {
            l("PackageHomePage", v);
        }
        l("PackageLicenseConcluded", s(p, "licenseConcluded").unwrap_or("NOASSERTION"));
        for i in strings(p, "licenseInfoFromFiles") {
            l("PackageLicenseInfoFromFiles", &i);
        }
        l("PackageLicenseDeclared", s(p, "licenseDeclared").unwrap_or("NOASSERTION"));
        if let Some(v) = s(p, "licenseComments") {
            l("PackageLicenseComments", &format!("<text>{v}</text>"));
        }
        l("PackageCopyrightText", &copyright(s(p, "copyrightText").unwrap_or("NOASSERTION")));
        for r in p["externalRefs"].as_array().into_iter().flatten() {
            l(
                "ExternalRef",
                &format!(
                    "{} {} {}",
                    s(r, "referenceCategory").unwrap_or(""),
                    s(r, "referenceType").unwrap_or(""),
                    s(r, "referenceLocator").unwrap_or("")
                ),
            );
        }
        for a in p["annotations"].as_array().into_iter().flatten() {
            l("Annotator", s(a, "annotator").unwrap_or(""));
            l("AnnotationDate", s(a, "annotationDate").unwrap_or(""));
            l("AnnotationType", s(a, "annotationType").unwrap_or("REVIEW"));
            l("SPDXREF", s(p, "SPDXID").unwrap_or(""));
            l("AnnotationComment", &format!("<text>{}</text>", s(a, "comment").unwrap_or("")));
        }
        for f in files_of.remove(s(p, "SPDXID").unwrap_or("")).unwrap_or_default() {
            write_file(&mut body, f);
        }
    }
    for e in doc["hasExtractedLicensingInfos"].as_array().into_iter().flatten() {
        body.push('\n');
        body.push_str(&format!("LicenseID: {}\n", s(e, "licenseId").unwrap_or("")));
        body.push_str(&format!("ExtractedText: <text>{}</text>\n", s(e, "extractedText").unwrap_or("")));
        body.push_str(&format!("LicenseName: {}\n", s(e, "name").unwrap_or("")));
    }
    body.push('\n');
    for r in &document.relationships {
        body.push_str(&format!(
            "Relationship: {} {} {}\n",
            r.spdx_element_id, r.relationship_type, r.related_spdx_element
        ));
    }
    body
}
