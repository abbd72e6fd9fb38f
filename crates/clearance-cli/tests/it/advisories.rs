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
