//! Lockfiles on real review files: their entries become components that own no files, merge
//! with the same package present as files, keep decisions across re-scans, and go (with the
//! decision lapsing visibly) when the lockfile stops listing them.

use clearance_store::{Actor, ComponentFilter, ComponentQuery, Review};

use crate::support::{scan, write};

const CARGO_LOCK: &str = r#"version = 3

[[package]]
name = "app"
version = "1.0.0"
dependencies = ["serde", "tinyjson"]

[[package]]
name = "serde"
version = "1.0.200"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "tinyjson"
version = "0.8.1"
source = "registry+https://github.com/rust-lang/crates.io-index"
"#;

/// An app with its Cargo.lock (serde, tinyjson) and tinyjson vendored as files.
fn vendored_app(tree: &std::path::Path) {
    write(tree, "Cargo.toml", "[package]\nname = \"app\"\nversion = \"1.0.0\"\nlicense = \"MIT\"\n");
    write(tree, "Cargo.lock", CARGO_LOCK);
    write(tree, "src/main.rs", "fn main() {}\n");
    write(
        tree,
        "vendor/tinyjson/Cargo.toml",
        "[package]\nname = \"tinyjson\"\nversion = \"0.8.1\"\nlicense = \"MIT OR Apache-2.0\"\n",
    );
    write(tree, "vendor/tinyjson/src/lib.rs", "// SPDX-License-Identifier: MIT OR Apache-2.0\n");
}

#[test]
fn lockfile_entries_are_components_merged_with_vendored_copies() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("app");
    vendored_app(&tree);
    write(
        &tree,
        "web/package-lock.json",
        r#"{"lockfileVersion": 3, "packages": {"": {"name": "web"}, "node_modules/left-pad": {"version": "1.3.0", "license": "WTFPL"}}}"#,
    );
    write(&tree, "web/yarn.lock", "left-pad@^1.3.0:\n  version \"1.3.0\"\n");
    let db = dir.path().join("r.clearance");
    scan(&db, &tree);

    let review = Review::open(&db).unwrap();
    let comps = review.components().unwrap();
    let by = |name: &str| comps.iter().filter(|c| c.name == name).collect::<Vec<_>>();
    assert_eq!(by("app").len(), 1, "the workspace member in Cargo.lock is the manifest's component");
    assert!(by("app")[0].is_root);
    let tiny = by("tinyjson");
    assert_eq!(tiny.len(), 1, "vendored copy and lockfile entry are one component: {tiny:?}");
    assert_eq!(tiny[0].source, clearance_store::ComponentSource::Manifest);
    assert!(tiny[0].files >= 2);
    let serde = by("serde");
    assert_eq!(serde.len(), 1);
    assert_eq!(serde[0].source, clearance_store::ComponentSource::Lockfile);
    assert_eq!(serde[0].purl.as_deref(), Some("pkg:cargo/serde@1.0.200"));
    assert_eq!(serde[0].files, 0, "a lockfile entry owns no files");
    let pad = by("left-pad");
    assert_eq!(pad.len(), 1, "two lockfiles listing one package make one component");
    assert_eq!(pad[0].declared_license.as_deref(), Some("WTFPL"));
    // The lockfiles themselves belong to the component whose folder holds them.
    let files = review.files(None).unwrap();
    let lock = files.iter().find(|f| f.path == "Cargo.lock").unwrap();
    assert_eq!(lock.component_id, Some(by("app")[0].id));
    // The table says where each component comes from.
    let page = review
        .component_page(&ComponentQuery {
            filter: ComponentFilter { search: "serde".into(), ..Default::default() },
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.rows[0].source, clearance_store::ComponentSource::Lockfile);

    // The lockfile's edges: the app depends on serde (an entry) and tinyjson (vendored).
    let edges = review.dependency_edges().unwrap();
    let app_id = by("app")[0].id;
    assert!(edges.contains(&(app_id, serde[0].id)) && edges.contains(&(app_id, tiny[0].id)), "{edges:?}");
    let detail = clearance_app::review::component_detail(&db, &app_id.to_string()).unwrap();
    let names: Vec<&str> = detail.depends_on.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["serde", "tinyjson"]);
    let serde_detail = clearance_app::review::component_detail(&db, &serde[0].id.to_string()).unwrap();
    assert_eq!(serde_detail.used_by.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(), ["app"]);
    let ctx = clearance_app::ExportContext {
        created: "2026-01-01T00:00:00Z".into(),
        tool_version: "t".into(),
        ..Default::default()
    };
    let spdx = String::from_utf8(
        clearance_app::render_export(&db, clearance_app::ExportFormat::SpdxJson, &ctx, None).unwrap(),
    )
    .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&spdx).unwrap();
    let depends =
        doc["relationships"].as_array().unwrap().iter().filter(|r| r["relationshipType"] == "DEPENDS_ON").count();
    assert!(depends >= 2, "SPDX DEPENDS_ON relationships: {depends}");
    let cdx = String::from_utf8(
        clearance_app::render_export(&db, clearance_app::ExportFormat::CycloneDxJson, &ctx, None).unwrap(),
    )
    .unwrap();
    assert!(cdx.contains("dependsOn"));

    // A decision on a lockfile entry survives an unchanged re-scan …
    let serde_id = serde[0].id;
    drop(review);
    let mut review = Review::open(&db).unwrap();
    let a = Actor { name: "Ann", at: "2026-01-01T00:00:00Z" };
    review.conclude(&a, serde_id, Some("MIT OR Apache-2.0"), None, None).unwrap();
    drop(review);
    scan(&db, &tree);
    let review = Review::open(&db).unwrap();
    assert_eq!(review.conclusion(serde_id).unwrap().unwrap().expression.as_deref(), Some("MIT OR Apache-2.0"));
    drop(review);

    // … and lapses, visibly, when the lockfile no longer lists the package.
    write(&tree, "Cargo.lock", &CARGO_LOCK.replace("name = \"serde\"", "name = \"serde_json\""));
    scan(&db, &tree);
    let review = Review::open(&db).unwrap();
    assert!(review.components().unwrap().iter().all(|c| c.name != "serde"));
    assert!(
        review
            .components()
            .unwrap()
            .iter()
            .any(|c| c.name == "serde_json" && c.source == clearance_store::ComponentSource::Lockfile)
    );
    let lapsed = review.lapsed().unwrap();
    assert!(lapsed.iter().any(|l| l.target.starts_with("serde 1.0.200")), "{lapsed:?}");
}

#[test]
fn a_damaged_lockfile_is_noted_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("t");
    write(&tree, "package-lock.json", "{ not json");
    write(&tree, "index.js", "// SPDX-License-Identifier: MIT\n");
    let db = dir.path().join("r.clearance");
    scan(&db, &tree);
    let review = Review::open(&db).unwrap();
    let lock = review.files(None).unwrap().into_iter().find(|f| f.path == "package-lock.json").unwrap();
    assert!(lock.note.as_deref().unwrap().contains("malformed package-lock.json"), "{:?}", lock.note);
    assert_eq!(review.components().unwrap().len(), 1);
}

#[test]
fn metadata_folders_give_their_package_the_whole_tree_above_them() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("t");
    write(
        &tree,
        "zlib/debian/copyright",
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: zlib\n\nFiles: *\nCopyright: 1995 J\nLicense: Zlib\n\nFiles: contrib/*\nCopyright: 2000 K\nLicense: GPL-2+\n\nFiles: contrib/keep-zlib.c\nCopyright: 2001 L\nLicense: Zlib\n",
    );
    write(&tree, "zlib/adler32.c", "int adler;\n");
    write(&tree, "zlib/contrib/minizip/unzip.c", "int unzip;\n");
    write(&tree, "zlib/contrib/keep-zlib.c", "int keep;\n");
    write(
        &tree,
        "libs/acme-core/META-INF/maven/org.acme/core/pom.xml",
        "<project><groupId>org.acme</groupId><artifactId>core</artifactId><version>1.0</version></project>",
    );
    write(&tree, "libs/acme-core/org/acme/Core.class", "\u{0}\u{1}binary");
    let db = dir.path().join("r.clearance");
    scan(&db, &tree);
    let review = Review::open(&db).unwrap();
    let comps = review.components().unwrap();
    let files = review.files(None).unwrap();
    let owner = |path: &str| {
        let id = files.iter().find(|f| f.path == path).unwrap().component_id.unwrap();
        comps.iter().find(|c| c.id == id).unwrap().name.clone()
    };
    assert_eq!(owner("zlib/adler32.c"), "zlib");
    // DEP-5 per file: the explicit paragraphs apply to their files, the last match winning.
    let stated = |path: &str| -> Vec<String> {
        let id = files.iter().find(|f| f.path == path).unwrap().id;
        review
            .findings(Some(id))
            .unwrap()
            .into_iter()
            .filter(|f| f.detector == clearance_store::Detector::DebianCopyright)
            .filter_map(|f| f.expression)
            .collect()
    };
    assert_eq!(stated("zlib/contrib/minizip/unzip.c"), ["GPL-2.0-or-later"]);
    assert_eq!(stated("zlib/contrib/keep-zlib.c"), ["Zlib"]);
    assert!(stated("zlib/adler32.c").is_empty(), "Files: * is the package's declared license, not repeated per file");
    assert_eq!(owner("libs/acme-core/org/acme/Core.class"), "org.acme:core");
}

#[test]
fn one_package_declared_twice_in_a_folder_is_one_component() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
    write(&tree, "frob/pyproject.toml", "[project]\nname = \"frob\"\nversion = \"1.0\"\nlicense = \"MIT\"\n");
    write(
        &tree,
        "frob/setup.py",
        "from setuptools import setup\nsetup(\n    name='frob',\n    version='1.0',\n    license='MIT',\n)\n",
    );
    write(&tree, "frob/frob.py", "x = 1\n");
    // An old-style package with only a setup.py is a component of its own.
    write(
        &tree,
        "legacy/setup.py",
        "from setuptools import setup\n\nsetup(\n    name = 'legacy-tool',\n    version = '0.3',\n    license = 'GPLv3',\n)\n",
    );
    let db = dir.path().join("r.clearance");
    scan(&db, &tree);
    let review = Review::open(&db).unwrap();
    let comps = review.components().unwrap();
    let frobs: Vec<_> = comps.iter().filter(|c| c.name == "frob").collect();
    assert_eq!(frobs.len(), 1, "{comps:?}");
    assert_eq!(frobs[0].manifest_path.as_deref(), Some("frob/pyproject.toml"));
    let legacy = comps.iter().find(|c| c.name == "legacy-tool").expect("setup.py declares a component");
    assert_eq!(legacy.purl.as_deref(), Some("pkg:pypi/legacy-tool@0.3"));
    assert_eq!(legacy.declared_license.as_deref(), Some("GPL-3.0-only"));
}

/// A vendored crate's own Cargo.lock lists its development dependencies: they are not in the
/// release. Its entries are marked not shipped as they appear (audited, with the reason), leave
/// approval, obligations, the policy gate and attribution alone, and are `scope: excluded` in
/// CycloneDX; a package the release's own lockfile also lists stays the release's; a reviewer who
/// takes one back in is not overruled by the next scan.
#[test]
fn nested_lockfiles_of_vendored_packages_are_evidence_not_shipped_components() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("app");
    vendored_app(&tree);
    write(
        &tree,
        "vendor/tinyjson/Cargo.lock",
        r#"version = 3

[[package]]
name = "aaa-bench"
version = "0.5.0"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "serde"
version = "1.0.200"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "tinyjson"
version = "0.8.1"
dependencies = ["aaa-bench", "serde"]
"#,
    );
    let db = dir.path().join("r.clearance");
    scan(&db, &tree);

    let mut review = Review::open(&db).unwrap();
    let comps = review.components().unwrap();
    let one = |name: &str| comps.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("{name}: {comps:?}")).clone();
    let bench = one("aaa-bench");
    let serde = one("serde");
    assert_eq!(comps.iter().filter(|c| c.name == "serde").count(), 1);
    assert_eq!(
        serde.manifest_path.as_deref().map(|p| p.split('#').next().unwrap()),
        Some("Cargo.lock"),
        "the release's own lockfile keeps the entry both list"
    );
    assert_eq!(review.exclusion(serde.id).unwrap(), None, "serde is built into the release");
    assert_eq!(review.exclusion(one("tinyjson").id).unwrap(), None);
    let (reason, reviewer, _) = review.exclusion(bench.id).unwrap().expect("the vendored crate's dev-dependency");
    assert!(reason.starts_with("not shipped") && reason.contains("vendor/tinyjson/Cargo.lock"), "{reason}");
    assert_eq!(reviewer, "t", "in the name of whoever scanned");
    assert!(
        review
            .audit_events(Some(&format!("exclusion:{}", bench.id)))
            .unwrap()
            .iter()
            .any(|e| e.action == clearance_store::AuditAction::Exclude),
        "the scan's exclusion is in the audit log"
    );
    assert!(review.verify_audit().unwrap().is_none());

    // It blocks nothing: concluded as a denied license, it has no obligations and the gate passes.
    let a = Actor { name: "Ann", at: "2026-01-01T00:00:00Z" };
    review.conclude(&a, bench.id, Some("AGPL-3.0-only"), None, None).unwrap();
    let blockers = review.blockers().unwrap();
    assert!(blockers.unconcluded.iter().all(|c| !c.starts_with("aaa-bench")), "{blockers:?}");
    assert!(blockers.unconcluded.iter().any(|c| c.starts_with("serde")), "{blockers:?}");
    assert!(review.obligations(Some(bench.id)).unwrap().is_empty());
    let hits = review.check_policy(&clearance_licenses::Policy::default()).unwrap();
    let agpl = hits.iter().find(|h| h.license == "AGPL-3.0-only").expect("shown");
    assert_eq!(agpl.verdict, clearance_licenses::Verdict::Deny);
    assert_eq!(agpl.severity, clearance_licenses::Severity::Ok, "{agpl:?}");
    assert!(agpl.reason.contains("excluded from the release"), "{}", agpl.reason);
    drop(review);
    let ctx = clearance_app::ExportContext {
        created: "2026-01-01T00:00:00Z".into(),
        tool_version: "t".into(),
        ..Default::default()
    };
    let cdx: serde_json::Value = serde_json::from_slice(
        &clearance_app::render_export(&db, clearance_app::ExportFormat::CycloneDxJson, &ctx, None).unwrap(),
    )
    .unwrap();
    let scope_of = |name: &str| {
        cdx["components"].as_array().unwrap().iter().find(|c| c["name"] == name).unwrap()["scope"]
            .as_str()
            .map(str::to_string)
    };
    assert_eq!(scope_of("aaa-bench").as_deref(), Some("excluded"));
    assert_eq!(scope_of("serde"), None);

    // Taken back in by a reviewer, it stays in after the next scan.
    let mut review = Review::open(&db).unwrap();
    review.include(&a, bench.id).unwrap();
    drop(review);
    scan(&db, &tree);
    let review = Review::open(&db).unwrap();
    assert_eq!(review.exclusion(bench.id).unwrap(), None, "the reviewer's decision stands");
    assert!(review.blockers().unwrap().open_obligations.iter().any(|o| o.starts_with("aaa-bench")));
}
