use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use clearance_app::{ExportContext, ExportFormat, ScanOptions, SilentReporter, render_export, scan_as};
use clearance_store::{
    Actor, AdvisorySnapshot, ComponentStatus, Exposure, ObligationStatus, Review, TriageDecision, VexJustification,
    VexResponse, VexState, VulnerabilityRow,
};

pub(crate) fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/sample-release")
}

fn ctx() -> ExportContext {
    ExportContext { created: "2026-01-02T03:04:05Z".into(), tool_version: "0.0.0-test".into(), ..Default::default() }
}

const AT: &str = "2026-01-01T12:00:00Z";

/// The sample release, scanned, with a few decisions so every part of every format shows.
pub(crate) fn reviewed(dir: &Path) -> PathBuf {
    let db = dir.join("sample.clearance");
    scan_as(&db, &[sample()], &ScanOptions::default(), &SilentReporter, &AtomicBool::new(false), "Scan Bot").unwrap();
    let mut r = Review::open(&db).unwrap();
    let a = Actor { name: "Rita Reviewer <rita@example.com>", at: AT };
    let id = |r: &Review, name: &str| r.components().unwrap().into_iter().find(|c| c.name == name).unwrap().id;
    let tiny = id(&r, "tinyjson");
    r.conclude(&a, tiny, Some("MIT OR Apache-2.0"), Some(ComponentStatus::Approved), Some("dual licensed; MIT chosen"))
        .unwrap();
    let first = r.obligations(Some(tiny)).unwrap()[0].id;
    r.sign_off(&a, first, ObligationStatus::Fulfilled, Some("in NOTICE.txt")).unwrap();
    let web = id(&r, "skyline-web");
    r.exclude(&a, web, "build tooling, not shipped").unwrap();
    let odd = id(&r, "oddlib");
    r.annotate(&a, clearance_store::AnnotationTarget::Component, odd, "MPL-2.0: keep its files separate").unwrap();
    // Two known vulnerabilities as a match records them (advisories written for the test, not
    // in any database), one triaged: every format that says vulnerabilities shows both kinds.
    let snapshot = AdvisorySnapshot {
        hash: "0123456789abcdef".into(),
        records: 2,
        newest: Some(AT.into()),
        matched_at: AT.into(),
    };
    let found = |component_id: i64, id: &str, exposure: Exposure, score: Option<f64>| VulnerabilityRow {
        component_id,
        component: String::new(),
        advisory_id: id.into(),
        aliases: vec![format!("CVE-{}", &id[8..])],
        summary: Some(format!("Test advisory {id}")),
        exposure,
        why: (exposure != Exposure::Affected).then(|| "its version is not known".to_string()),
        modified: AT.into(),
        score,
        severity: score.map(|_| clearance_licenses::VulnerabilitySeverity::High),
        vector: score.map(|_| "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H".to_string()),
        triage: None,
        shipped: true,
    };
    let found = [
        found(tiny, "RUSTSEC-2026-9001", Exposure::Affected, Some(7.5)),
        found(odd, "RUSTSEC-2026-9002", Exposure::Possibly, None),
    ];
    r.record_vulnerabilities(&a, &snapshot, &found).unwrap();
    let decision = TriageDecision {
        state: VexState::NotAffected,
        justification: Some(VexJustification::CodeNotReachable),
        responses: &[VexResponse::Update],
        note: "the parser is not given untrusted input",
    };
    r.triage(&a, tiny, "RUSTSEC-2026-9001", &decision).unwrap();
    db
}

fn render(db: &Path, f: ExportFormat) -> String {
    String::from_utf8(render_export(db, f, &ctx(), None).unwrap()).unwrap()
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    // The scan's start time feeds the document's unique id and appears in the report.
    s.add_filter(r"clearance-skyline-notes-2\.4\.0-[0-9a-f]{16}", "clearance-skyline-notes-2.4.0-[NAMESPACE]");
    s.add_filter(r"urn:uuid:[0-9a-f-]{36}", "urn:uuid:[SERIAL]");
    s.add_filter(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "[TIME]");
    s.set_prepend_module_to_snapshot(false);
    s
}

#[test]
fn every_format_of_the_sample_release() {
    let dir = tempfile::tempdir().unwrap();
    let db = reviewed(dir.path());
    let s = settings();
    s.bind(|| {
        for (name, f) in ExportFormat::ALL {
            insta::assert_snapshot!(name, render(&db, f));
        }
    });
}

#[test]
fn exports_are_byte_for_byte_stable() {
    let dir = tempfile::tempdir().unwrap();
    let db = reviewed(dir.path());
    for (name, f) in ExportFormat::ALL {
        assert_eq!(render(&db, f), render(&db, f), "{name}");
    }
}

#[test]
fn attribution_reads_as_a_lawyer_needs() {
    let dir = tempfile::tempdir().unwrap();
    let db = reviewed(dir.path());
    let txt = render(&db, ExportFormat::NoticeTxt);
    assert!(txt.contains("tinyjson 0.8.1\nLicense: MIT OR Apache-2.0\n"), "concluded, so not marked");
    assert!(txt.contains("License: ISC (declared, not reviewed)"), "unreviewed licenses are marked");
    assert!(!txt.contains("skyline-web"), "excluded components are left out");
    assert!(txt.contains("This product bundles tinyjson 0.8.1"), "the Apache NOTICE is reproduced verbatim");
    assert!(txt.contains("Copyright (c) 2019-2023 Ravi Natarajan"));
    // The component's own MIT text (with its holder) is used, not the SPDX template.
    assert!(txt.contains("Copyright (c) 2019-2023 Ravi Natarajan\n\nPermission is hereby granted"));
    assert!(!txt.contains("<year>") && !txt.contains("<copyright holders>"));
    // Each distinct text once.
    assert_eq!(txt.matches("BSD 3-Clause \"New\" or \"Revised\" License\nUsed by").count(), 1);
}

#[test]
fn html_outputs_escape_everything_that_came_from_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("evil");
    std::fs::create_dir_all(root.join("node_modules/x")).unwrap();
    std::fs::write(
        root.join("node_modules/x/package.json"),
        r#"{"name":"<script>alert(1)</script>","version":"1.0.0\"><img src=x onerror=alert(2)>","license":"MIT"}"#,
    )
    .unwrap();
    std::fs::write(root.join("node_modules/x/LICENSE"), "Copyright (c) 2020 <b onmouseover=alert(3)>Evil</b>\n")
        .unwrap();
    let db = dir.path().join("evil.clearance");
    scan_as(&db, &[root], &ScanOptions::default(), &SilentReporter, &AtomicBool::new(false), "t").unwrap();
    for f in [ExportFormat::NoticeHtml, ExportFormat::ReportHtml] {
        let html = render(&db, f);
        assert!(!html.contains("<script>alert"), "{f:?}");
        assert!(!html.contains("<img src=x"), "{f:?}");
        assert!(!html.contains("<b onmouseover"), "{f:?}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;")
                || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{f:?}: {html}"
        );
    }
    let csv = render(&db, ExportFormat::ReportCsv);
    assert!(csv.contains("\n<script>alert(1)</script>,"), "CSV keeps text as text: {csv}");
}

/// Every format from one load of the release (the desktop's export) is what each format alone
/// gives, written under the review's name.
#[test]
fn several_formats_from_one_load_are_each_format_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = reviewed(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let formats: Vec<ExportFormat> = ExportFormat::ALL.iter().map(|(_, f)| *f).collect();
    let written = clearance_app::export_many(&db, &formats, &out, &ctx()).unwrap();
    assert_eq!(written.len(), formats.len());
    for (path, f) in written.iter().zip(&formats) {
        assert_eq!(path, &out.join(format!("sample{}", f.file_suffix())));
        assert_eq!(std::fs::read_to_string(path).unwrap(), render(&db, *f), "{f:?}");
    }
}

/// A reviewer's false positive is taken out of the release once, for every format: the license
/// it named leaves the SPDX file's license information, the CycloneDX evidence and the notice.
#[test]
fn a_false_positive_leaves_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let db = reviewed(dir.path());
    let review = Review::open(&db).unwrap();
    let gpl: Vec<i64> = review
        .findings_brief()
        .unwrap()
        .into_iter()
        .filter(|f| f.expression.as_deref().is_some_and(|e| e.contains("GPL-2.0-or-later")))
        .map(|f| f.id)
        .collect();
    assert!(!gpl.is_empty(), "the sample's legacy C file says GPL-2.0-or-later");
    let before: Vec<String> = [ExportFormat::SpdxJson, ExportFormat::SpdxTv, ExportFormat::NoticeTxt]
        .iter()
        .map(|f| render(&db, *f))
        .collect();
    assert!(before.iter().all(|t| t.contains("GPL-2.0-or-later")));
    let mut review = Review::open(&db).unwrap();
    review
        .mark_false_positive(&Actor { name: "Rita Reviewer <rita@example.com>", at: AT }, &gpl, "test fixture")
        .unwrap();
    for f in [ExportFormat::SpdxJson, ExportFormat::SpdxTv, ExportFormat::NoticeTxt] {
        let text = render(&db, f);
        assert!(!text.contains("GPL-2.0-or-later"), "{f:?} still names the false positive");
    }
}
