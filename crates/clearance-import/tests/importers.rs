//! The importers on their own: documents in, the scan's events and components out; anything
//! malformed a sentence, never a panic.

use clearance_import::{ImportError, from_scancode, from_spdx};
use clearance_scan::Event;

const SPDX: &str = r#"{
  "spdxVersion": "SPDX-2.3",
  "name": "supplier-release",
  "creationInfo": { "creators": ["Tool: acme-sbom 1.0"] },
  "files": [
    { "SPDXID": "SPDXRef-f1", "fileName": "./lib/a/LICENSE", "checksums": [{ "algorithm": "SHA1", "checksumValue": "ABC" }],
      "licenseInfoInFiles": ["MIT"], "copyrightText": "Copyright 2020 Acme Corp." },
    { "SPDXID": "SPDXRef-f2", "fileName": "./lib/a/src/x.c", "licenseConcluded": "GPL-2.0+", "licenseInfoInFiles": ["NOASSERTION"] },
    { "SPDXID": "SPDXRef-f3" }
  ],
  "packages": [
    { "SPDXID": "SPDXRef-p", "name": "liba", "versionInfo": "1.2", "licenseDeclared": "MIT",
      "externalRefs": [{ "referenceType": "purl", "referenceLocator": "pkg:npm/liba@1.2" }] }
  ],
  "relationships": [
    { "spdxElementId": "SPDXRef-p", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-f1" },
    { "spdxElementId": "SPDXRef-p", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-f2" }
  ]
}"#;

fn files(events: &[Event]) -> Vec<&clearance_scan::FileReport> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::File(f) => Some(f.as_ref()),
            _ => None,
        })
        .collect()
}

#[test]
fn an_spdx_document_becomes_files_findings_copyrights_and_a_package_at_its_files_folder() {
    let got = from_spdx(SPDX).unwrap();
    assert_eq!(got.tool, "SPDX document by Tool: acme-sbom 1.0");
    assert_eq!(got.root_name, "supplier-release");
    let files = files(&got.events);
    assert_eq!(files.len(), 2, "the file without a name is skipped");
    assert_eq!(got.warnings, ["a file without fileName was skipped"]);
    let license = files.iter().find(|f| f.path == "lib/a/LICENSE").unwrap();
    assert_eq!(license.sha1, "abc", "checksums are kept, lower case");
    assert_eq!(license.findings[0].expression.as_deref(), Some("MIT"));
    assert_eq!(license.copyrights[0].holder, "Acme Corp.");
    let c = files.iter().find(|f| f.path == "lib/a/src/x.c").unwrap();
    assert_eq!(c.findings.len(), 1, "NOASSERTION is no finding");
    assert_eq!(c.findings[0].expression.as_deref(), Some("GPL-2.0-or-later"), "normalised");
    let (dir, key, decl) = &got.components[0];
    assert_eq!((dir.as_str(), key.as_str()), ("lib/a", "spdx:SPDXRef-p"));
    assert_eq!(decl.purl.as_deref(), Some("pkg:npm/liba@1.2"));
    assert_eq!(decl.ecosystem, "npm");
    assert_eq!(decl.declared_license.as_deref(), Some("MIT"));
}

#[test]
fn what_is_not_an_importable_document_is_refused_with_a_sentence() {
    let not_json = from_spdx("{ nope").unwrap_err();
    assert!(matches!(not_json, ImportError::Json(_)), "{not_json}");
    let spdx3 = from_spdx(r#"{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"}"#).unwrap_err();
    assert!(spdx3.to_string().contains("not an SPDX 2.x or 3.0 document"), "{spdx3}");
    let scancode = from_scancode(r#"{"files": "not a list"}"#);
    assert!(scancode.is_err() || scancode.unwrap().events.is_empty());
    for text in [
        "",
        "null",
        "[]",
        "42",
        r#"{"files": [{"path": 7}]}"#,
        r#"{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": 7, "dependencies": [{"ref": 1}]}"#,
        r#"{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"name": 3, "licenses": "x"}]}"#,
        r#"{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [{"type": 7}, 3]}"#,
        "SPDXVersion: SPDX-2.3\nFileChecksum: nonsense\nRelationship: a b",
    ] {
        // Never a panic: an error, or nothing imported.
        let _ = from_spdx(text);
        let _ = from_scancode(text);
        let _ = clearance_import::from_cyclonedx(text);
    }
}

#[test]
fn wrong_types_inside_an_spdx_document_are_skipped_not_fatal() {
    let odd = r#"{"spdxVersion": "SPDX-2.3", "files": [{"fileName": 3}, {"fileName": "a.c", "licenseInfoInFiles": [1, "MIT"]}],
                 "packages": [{"name": 5}, {"name": "p", "externalRefs": "x"}], "relationships": {}}"#;
    let got = from_spdx(odd).unwrap();
    let files = files(&got.events);
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].findings.len(), 1, "the number in licenseInfoInFiles is skipped");
    assert_eq!(got.components.len(), 1, "the package whose name is a number is skipped");
    assert_eq!(got.components[0].2.purl, None);
}
