//! `clearance advisories`: the real OSV dumps imported into a database of the test's own, and
//! the default database found in the app's data folder (shared with the desktop app).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{clearance, json, ok, stdout};

fn dump(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/osv").join(name).display().to_string()
}

#[test]
fn dumps_are_imported_and_the_status_says_what_and_how_old() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("adv.sqlite").display().to_string();
    let text = ok(&["advisories", "import", &dump("crates.io-all.zip"), &dump("PyPI-all.zip"), "--advisories", &db]);
    assert!(text.contains("crates.io-all.zip: 1206 added, 0 updated, 0 unchanged, 0 skipped"), "{text}");
    assert!(text.contains("PyPI-all.zip: 2661 added"), "{text}");
    let status = json(&["advisories", "status", "--advisories", &db]);
    assert_eq!(status["records"], 1206 + 2661);
    let ecosystems: Vec<&str> =
        status["ecosystems"].as_array().unwrap().iter().map(|e| e["ecosystem"].as_str().unwrap()).collect();
    assert_eq!(ecosystems, vec!["PyPI", "crates.io"]);
    assert!(status["ecosystems"][1]["age_days"].as_i64().unwrap() >= 100);
    // Again: nothing new.
    let again = json(&["advisories", "import", &dump("crates.io-all.zip"), "--advisories", &db]);
    assert_eq!(again["sources"][0]["unchanged"], 1206);
}

#[test]
fn a_damaged_download_is_refused_with_a_sentence_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("adv.sqlite").display().to_string();
    let cut = dir.path().join("cut.zip");
    let real = std::fs::read(dump("crates.io-all.zip")).unwrap();
    std::fs::write(&cut, &real[..real.len() / 3]).unwrap();
    let out = clearance(&["advisories", "import", cut.to_str().unwrap(), &dump("PyPI-all.zip"), "--advisories", &db]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(text.contains("cut.zip: not imported: not a zip archive, or a damaged one"), "{text}");
    // The good dump beside it is imported all the same.
    assert!(text.contains("PyPI-all.zip: 2661 added"), "{text}");
    assert_eq!(json(&["advisories", "status", "--advisories", &db])["records"], 2661);
}

#[test]
fn the_default_database_is_the_app_s_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data: PathBuf = dir.path().join("data");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_clearance"))
            .args(args)
            .env("CLEARANCE_DATA_DIR", &data)
            .output()
            .expect("run clearance")
    };
    let out = run(&["advisories", "import", &dump("crates.io-all.zip")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(data.join("advisories.sqlite").is_file());
    let status = String::from_utf8_lossy(&run(&["advisories", "status"]).stdout).into_owned();
    assert!(status.contains("(1206 records)") && status.contains("crates.io"), "{status}");
    // A file that is not the advisory database is refused, not overwritten.
    let review = dir.path().join("not-advisories.sqlite");
    let conn_out = run(&["scan", &crate::sample_release().display().to_string(), "--db", review.to_str().unwrap()]);
    assert!(conn_out.status.success());
    let refused = run(&["advisories", "status", "--advisories", review.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("is not Clearance's advisory database"));
}

/// A release whose lockfiles pin old versions of real packages: Cargo.lock (smallvec 0.6.9,
/// tokio 1.20.3, a crate with no advisory) and poetry.lock (Django 3.2.1).
fn pinned_release(dir: &Path) -> PathBuf {
    let root = dir.join("release");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("Cargo.toml"), "[package]\nname = \"pinned\"\nversion = \"1.0.0\"\nlicense = \"MIT\"\n")
        .unwrap();
    let mut lock = String::from("version = 3\n\n[[package]]\nname = \"pinned\"\nversion = \"1.0.0\"\n");
    for (name, version) in [("smallvec", "0.6.9"), ("tokio", "1.20.3"), ("clearance-store", "0.1.0")] {
        lock.push_str(&format!(
            "\n[[package]]\nname = \"{name}\"\nversion = \"{version}\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n"
        ));
    }
    std::fs::write(root.join("Cargo.lock"), lock).unwrap();
    std::fs::create_dir_all(root.join("web")).unwrap();
    std::fs::write(root.join("web/poetry.lock"), "[[package]]\nname = \"Django\"\nversion = \"3.2.1\"\n").unwrap();
    root
}

#[test]
fn a_review_s_components_are_matched_and_the_snapshot_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let adv = dir.path().join("adv.sqlite").display().to_string();
    let review = dir.path().join("r.clearance").display().to_string();
    ok(&["advisories", "import", &dump("crates.io-all.zip"), &dump("PyPI-all.zip"), "--advisories", &adv]);
    ok(&["scan", pinned_release(dir.path()).to_str().unwrap(), "--db", &review]);
    let report = json(&["advisories", "match", "--db", &review, "--advisories", &adv]);
    assert_eq!(report["snapshot"]["records"], 1206 + 2661);
    let ids = |component: &str| -> Vec<String> {
        let mut v: Vec<String> = report["vulnerabilities"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| v["component"].as_str().unwrap().starts_with(component) && v["exposure"] == "affected")
            .map(|v| v["advisory_id"].as_str().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        ids("smallvec 0.6.9"),
        ["RUSTSEC-2018-0018", "RUSTSEC-2019-0009", "RUSTSEC-2019-0012", "RUSTSEC-2021-0003"]
    );
    assert_eq!(ids("tokio 1.20.3"), ["RUSTSEC-2023-0005", "RUSTSEC-2025-0023"]);
    assert!(ids("clearance-store").is_empty());
    // Django 3.2.1 (spelled "Django" in the lockfile, "django" in PyPA's records): every record
    // found lists 3.2.1 among its versions.
    let django = ids("Django 3.2.1");
    assert!(django.len() >= 5, "{django:?}");
    let db = clearance_advisories_record_lists(&adv, &django);
    assert!(db.iter().all(|listed| listed.contains(&"3.2.1".to_string())), "{django:?}");

    // The list reads the same back, with the snapshot; the snapshot is the database's.
    let listed = json(&["advisories", "list", "--db", &review]);
    assert_eq!(listed["snapshot"]["hash"], report["snapshot"]["hash"]);
    assert_eq!(listed["vulnerabilities"], report["vulnerabilities"]);
    let text = ok(&["advisories", "list", "--db", &review]);
    assert!(
        text.contains("affected     smallvec 0.6.9") && text.contains("RUSTSEC-2021-0003 (CVE-2021-25900"),
        "{text}"
    );
    // With the score its record's CVSS vector gives.
    assert!(text.contains("GHSA-43w2-9j62-hq99) [critical 9.8]: Buffer overflow in SmallVec::insert_many"), "{text}");

    // Approved, the review keeps the snapshot it was approved on.
    ok(&["approve", "--db", &review, "--override", "test"]);
    let refused = clearance(&["advisories", "match", "--db", &review, "--advisories", &adv]);
    assert!(!refused.status.success());
}

/// The `versions` lists of the records, read straight from the database file.
fn clearance_advisories_record_lists(db: &str, ids: &[String]) -> Vec<Vec<String>> {
    let conn = rusqlite::Connection::open(db).unwrap();
    ids.iter()
        .map(|id| {
            let text: String = conn.query_row("SELECT record FROM records WHERE id = ?1", [id], |r| r.get(0)).unwrap();
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            v["affected"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|a| a["versions"].as_array().cloned().unwrap_or_default())
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .collect()
}

/// The pinned release with other versions of its crates: (name, version) pairs for Cargo.lock.
fn release_with(dir: &Path, name: &str, crates: &[(&str, &str)]) -> PathBuf {
    let root = dir.join(name);
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("Cargo.toml"), "[package]\nname = \"pinned\"\nversion = \"1.0.0\"\nlicense = \"MIT\"\n")
        .unwrap();
    let mut lock = String::from("version = 3\n\n[[package]]\nname = \"pinned\"\nversion = \"1.0.0\"\n");
    for (name, version) in crates {
        lock.push_str(&format!(
            "\n[[package]]\nname = \"{name}\"\nversion = \"{version}\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n"
        ));
    }
    std::fs::write(root.join("Cargo.lock"), lock).unwrap();
    root
}

fn triage_of(listed: &serde_json::Value, component: &str, advisory: &str) -> serde_json::Value {
    listed["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["component"] == component && v["advisory_id"] == advisory)
        .unwrap_or_else(|| panic!("{component} {advisory} not listed"))["triage"]
        .clone()
}

/// Triage as VEX, through the CLI a reviewer uses: refused without what it needs, recorded with
/// the reviewer, audited, honoured by the policy gate and approval, carried to the next release
/// while the package version and the advisory stay the same, lapsing visibly otherwise.
#[test]
fn triage_is_recorded_gated_carried_and_lapses_when_the_version_or_advisory_changes() {
    let dir = tempfile::tempdir().unwrap();
    let adv = dir.path().join("adv.sqlite").display().to_string();
    let r1 = dir.path().join("r1.clearance").display().to_string();
    ok(&["advisories", "import", &dump("crates.io-all.zip"), "--advisories", &adv]);
    let tree = release_with(dir.path(), "one", &[("smallvec", "0.6.9"), ("tokio", "1.20.3")]);
    ok(&["scan", tree.to_str().unwrap(), "--db", &r1]);
    ok(&["advisories", "match", "--db", &r1, "--advisories", &adv]);

    // What a triage needs: a note; a justification for not-affected, and only there.
    let triage = |db: &str, extra: &[&str]| {
        let mut args = vec!["advisories", "triage", "--db", db, "smallvec@0.6.9"];
        args.extend_from_slice(extra);
        clearance(&args)
    };
    let no_why = triage(&r1, &["CVE-2021-25900", "--state", "not-affected", "--note", "we never call insert_many"]);
    assert_eq!(no_why.status.code(), Some(2));
    assert!(crate::stderr(&no_why).contains("a justification is required"), "{}", crate::stderr(&no_why));
    let misplaced = triage(
        &r1,
        &["CVE-2021-25900", "--state", "exploitable", "--justification", "code-not-reachable", "--note", "x"],
    );
    assert_eq!(misplaced.status.code(), Some(2));
    let unknown = triage(&r1, &["RUSTSEC-2023-0005", "--state", "resolved", "--note", "x"]);
    assert_eq!(unknown.status.code(), Some(2), "tokio's advisory is not smallvec's");
    assert!(
        crate::stderr(&unknown).contains("is not among the vulnerabilities the last match found in smallvec 0.6.9")
    );

    // By an alias: the CVE names RustSec's record.
    let t = json(&[
        "advisories",
        "triage",
        "--db",
        &r1,
        "smallvec@0.6.9",
        "CVE-2021-25900",
        "--state",
        "not-affected",
        "--justification",
        "code-not-reachable",
        "--response",
        "update",
        "--note",
        "insert_many is never called; update planned",
    ]);
    assert_eq!(t["advisory_id"], "RUSTSEC-2021-0003");
    assert_eq!(t["purl"], "pkg:cargo/smallvec@0.6.9");
    assert_eq!(t["reviewer"], "Rita Reviewer <rita@example.com>");
    let listed = json(&["advisories", "list", "--db", &r1]);
    let got = triage_of(&listed, "smallvec 0.6.9", "RUSTSEC-2021-0003");
    assert_eq!(got["state"], "not-affected");
    assert_eq!(got["justification"], "code-not-reachable");
    assert_eq!(got["responses"], serde_json::json!(["update"]));
    let open = json(&["advisories", "list", "--db", &r1, "--open"]);
    assert!(
        open["vulnerabilities"].as_array().unwrap().iter().all(|v| v["advisory_id"] != "RUSTSEC-2021-0003"),
        "a settled triage is not open"
    );
    let text = ok(&["advisories", "list", "--db", &r1]);
    assert!(text.contains("triaged not-affected (code-not-reachable; update) by Rita Reviewer"), "{text}");

    // Audited: the event is in the log and the chain verifies; a triage changed behind
    // Clearance's back does not.
    let log = json(&["audit", "log", "--db", &r1]);
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "triage" && e["target"] == "vex:RUSTSEC-2021-0003 pkg:cargo/smallvec@0.6.9"),
        "{log}"
    );
    ok(&["audit", "verify", "--db", &r1]);
    let copy = dir.path().join("tampered.clearance");
    std::fs::copy(&r1, &copy).unwrap();
    rusqlite::Connection::open(&copy).unwrap().execute("UPDATE vex SET state = 'resolved'", []).unwrap();
    let verify = clearance(&["audit", "verify", "--db", copy.to_str().unwrap()]);
    assert!(!verify.status.success());
    assert!(crate::stderr(&verify).contains("vex:RUSTSEC-2021-0003"), "{}", crate::stderr(&verify));

    // The gate: a policy denying high vulnerabilities fails the check on tokio's and smallvec's
    // other open ones, not on the one triaged not affected.
    let policy = dir.path().join("policy.toml");
    std::fs::write(&policy, "[vulnerabilities]\ndeny = \"high\"\n").unwrap();
    let check = clearance(&["check", "--db", &r1, "--policy", policy.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1));
    let said = stdout(&check);
    assert!(said.contains("DENIED  vulnerability smallvec 0.6.9: RUSTSEC-2019-0009"), "{said}");
    assert!(!said.contains("RUSTSEC-2021-0003"), "{said}");
    let bad = std::fs::write(&policy, "[vulnerabilities]\ndeny = \"severe\"\n");
    bad.unwrap();
    let refused = clearance(&["check", "--db", &r1, "--policy", policy.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(crate::stderr(&refused).contains("line 2, column 8"), "{}", crate::stderr(&refused));
    // Approval of a review whose own policy denies them lists them as blockers.
    std::fs::write(&policy, "[vulnerabilities]\ndeny = \"critical\"\n").unwrap();
    ok(&["review", "--db", &r1, "policy", policy.to_str().unwrap()]);
    let status = json(&["review", "--db", &r1, "status"]);
    let blocking: Vec<&str> =
        status["blockers"]["vulnerabilities"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(blocking.iter().any(|b| b.starts_with("smallvec 0.6.9: RUSTSEC-2019-0009 (critical")), "{blocking:?}");
    assert!(!blocking.iter().any(|b| b.contains("RUSTSEC-2021-0003")), "{blocking:?}");

    // The next release: smallvec at the same version carries its triage; tokio moves on.
    let r2 = dir.path().join("r2.clearance").display().to_string();
    let tree2 = release_with(dir.path(), "two", &[("smallvec", "0.6.9"), ("tokio", "1.20.4")]);
    ok(&["scan", tree2.to_str().unwrap(), "--db", &r2]);
    ok(&["advisories", "match", "--db", &r2, "--advisories", &adv]);
    let carried = json(&["review", "--db", &r2, "carry-over", "--from", &r1]);
    assert_eq!(carried["triage"], 1, "{carried}");
    let got = triage_of(&json(&["advisories", "list", "--db", &r2]), "smallvec 0.6.9", "RUSTSEC-2021-0003");
    assert_eq!(got["state"], "not-affected");
    assert!(got["carried_from"].as_str().unwrap().starts_with("r1.clearance"), "{got}");
    ok(&["audit", "verify", "--db", &r2]);

    // A third release bumps smallvec (still affected): the triage does not carry; it lapses,
    // and says why.
    let r3 = dir.path().join("r3.clearance").display().to_string();
    let tree3 = release_with(dir.path(), "three", &[("smallvec", "0.6.10")]);
    ok(&["scan", tree3.to_str().unwrap(), "--db", &r3]);
    let carried = json(&["review", "--db", &r3, "carry-over", "--from", &r2]);
    assert_eq!(carried["triage"], 0);
    assert_eq!(
        carried["lapsed_triage"][0],
        "RUSTSEC-2021-0003 in pkg:cargo/smallvec@0.6.9: the version changed since r2.clearance: 0.6.9 → 0.6.10"
    );
    let lapsed = json(&["review", "--db", &r3, "status"])["lapsed"].clone();
    assert!(lapsed.as_array().unwrap().iter().any(|l| l["kind"] == "triage"), "{lapsed}");

    // The advisory is modified after the triage: the next match lapses it, visibly.
    let record = dir.path().join("RUSTSEC-2021-0003.json");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(dump("crates.io-all.zip")).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("RUSTSEC-2021-0003.json").unwrap(), &mut text).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["modified"] = "2026-11-30T00:00:00Z".into();
    std::fs::write(&record, v.to_string()).unwrap();
    ok(&["advisories", "import", record.to_str().unwrap(), "--advisories", &adv]);
    let rematch = json(&["advisories", "match", "--db", &r2, "--advisories", &adv]);
    assert_eq!(rematch["lapsed"], 1);
    assert!(triage_of(&rematch, "smallvec 0.6.9", "RUSTSEC-2021-0003").is_null());
    let lapsed = json(&["review", "--db", &r2, "status"])["lapsed"].clone();
    let l = lapsed.as_array().unwrap().iter().find(|l| l["kind"] == "triage").expect("a lapsed triage").clone();
    assert_eq!(l["target"], "RUSTSEC-2021-0003 in pkg:cargo/smallvec@0.6.9");
    assert_eq!(l["reason"], "the advisory was modified since (2026-07-17T15:52:38Z → 2026-11-30T00:00:00Z)");
    ok(&["audit", "verify", "--db", &r2]);
}

/// A scan matches the release against the machine's advisory database on its own when there
/// is one, and says what it found.
#[test]
fn a_scan_matches_against_the_machine_s_database() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_clearance"))
            .args(args)
            .env("CLEARANCE_DATA_DIR", &data)
            .env("CLEARANCE_REVIEWER", "Rita Reviewer <rita@example.com>")
            .output()
            .expect("run clearance")
    };
    let review = dir.path().join("r.clearance");
    let tree = release_with(dir.path(), "one", &[("smallvec", "0.6.9")]);
    // No database yet: the scan says nothing of advisories.
    let first = run(&["scan", tree.to_str().unwrap(), "--db", review.to_str().unwrap()]);
    assert!(first.status.success());
    assert!(!stdout(&first).contains("Advisories:"));
    assert!(run(&["advisories", "import", &dump("crates.io-all.zip")]).status.success());
    let second = run(&["scan", tree.to_str().unwrap(), "--db", review.to_str().unwrap()]);
    let text = stdout(&second);
    assert!(text.contains("Advisories: 4 known vulnerabilities (4 certainly affecting)"), "{text}");
    let listed: serde_json::Value =
        serde_json::from_slice(&run(&["advisories", "list", "--db", review.to_str().unwrap(), "--json"]).stdout)
            .unwrap();
    assert!(listed["snapshot"]["hash"].is_string());
    assert_eq!(listed["vulnerabilities"].as_array().unwrap().len(), 4);
}

/// The SBOM and the report say the vulnerabilities and the reviewer's triage: CycloneDX's
/// `vulnerabilities` (affects, ratings, analysis), an OpenVEX document, the report's section.
#[test]
fn exports_carry_the_vulnerabilities_and_their_triage() {
    let dir = tempfile::tempdir().unwrap();
    let adv = dir.path().join("adv.sqlite").display().to_string();
    let review = dir.path().join("r.clearance").display().to_string();
    ok(&["advisories", "import", &dump("crates.io-all.zip"), "--advisories", &adv]);
    let tree = release_with(dir.path(), "one", &[("smallvec", "0.6.9"), ("tokio", "1.20.3")]);
    ok(&["scan", tree.to_str().unwrap(), "--db", &review]);
    let export = |format: &str| -> String {
        let out = dir.path().join(format!("out.{format}"));
        ok(&["export", "--db", &review, "--format", format, "-o", out.to_str().unwrap()]);
        std::fs::read_to_string(out).unwrap()
    };
    // Not matched yet: no VEX to write, and a sentence saying why.
    let refused = clearance(&["export", "--db", &review, "--format", "openvex", "-o", "/dev/null"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(crate::stderr(&refused).contains("has not been matched against an advisory database"));
    assert!(export("report-html").contains("Not matched against an advisory database."));

    ok(&["advisories", "match", "--db", &review, "--advisories", &adv]);
    let triage = |args: &[&str]| {
        let mut all = vec!["advisories", "triage", "--db", &review];
        all.extend_from_slice(args);
        ok(&all)
    };
    triage(&[
        "smallvec",
        "RUSTSEC-2021-0003",
        "--state",
        "not-affected",
        "--justification",
        "code-not-reachable",
        "--note",
        "insert_many is never called",
    ]);
    triage(&[
        "tokio",
        "RUSTSEC-2023-0005",
        "--state",
        "exploitable",
        "--response",
        "update",
        "--note",
        "bump to 1.20.4",
    ]);

    let bom: serde_json::Value = serde_json::from_str(&export("cyclonedx-json")).unwrap();
    let vulns = bom["vulnerabilities"].as_array().expect("a vulnerabilities array");
    assert_eq!(vulns.len(), 6, "4 for smallvec, 2 for tokio");
    let find = |id: &str| vulns.iter().find(|v| v["id"] == id).unwrap_or_else(|| panic!("{id}"));
    let smallvec_ref = bom["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "smallvec")
        .map(|c| c["bom-ref"].clone())
        .unwrap();
    let v = find("RUSTSEC-2021-0003");
    assert_eq!(v["analysis"]["state"], "not_affected");
    assert_eq!(v["analysis"]["justification"], "code_not_reachable");
    assert_eq!(v["analysis"]["detail"], "insert_many is never called");
    assert_eq!(v["affects"][0]["ref"], smallvec_ref);
    assert_eq!(v["affects"][0]["versions"][0], serde_json::json!({"version": "0.6.9", "status": "affected"}));
    assert_eq!(v["ratings"][0]["method"], "CVSSv31");
    assert_eq!(v["ratings"][0]["score"], 9.8);
    assert!(v["references"].as_array().unwrap().iter().any(|r| r["id"] == "CVE-2021-25900"));
    let t = find("RUSTSEC-2023-0005");
    assert_eq!(t["analysis"]["state"], "exploitable");
    assert_eq!(t["analysis"]["response"], serde_json::json!(["update"]));
    assert!(find("RUSTSEC-2019-0009").get("analysis").is_none(), "not triaged: no analysis claimed");

    let vex: serde_json::Value = serde_json::from_str(&export("openvex")).unwrap();
    assert_eq!(vex["@context"], "https://openvex.dev/ns/v0.2.0");
    let statement = |id: &str| {
        vex["statements"].as_array().unwrap().iter().find(|s| s["vulnerability"]["name"] == id).unwrap().clone()
    };
    let s = statement("RUSTSEC-2021-0003");
    assert_eq!(s["status"], "not_affected");
    assert_eq!(s["justification"], "vulnerable_code_not_in_execute_path");
    assert_eq!(s["products"][0]["@id"], "pkg:cargo/smallvec@0.6.9");
    let s = statement("RUSTSEC-2023-0005");
    assert_eq!(s["status"], "affected");
    assert_eq!(s["action_statement"], "update: bump to 1.20.4");
    assert_eq!(statement("RUSTSEC-2019-0009")["status"], "under_investigation");
    assert_eq!(vex["author"], "Rita Reviewer <rita@example.com>");

    let report = export("report-html");
    assert!(report.contains("<h2>Known vulnerabilities</h2>"), "{report}");
    assert!(report.contains("6 found in shipped components, 5 open"), "{report}");
    assert!(report.contains("not-affected (code-not-reachable) — insert_many is never called — Rita Reviewer"));
}
