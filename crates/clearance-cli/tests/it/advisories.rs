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
