//! A scan killed with SIGKILL part-way leaves a review file that opens, passes SQLite's
//! integrity check, holds every committed batch, and lets the next scan reuse them.

use std::fs;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use clearance_store::Review;

fn committed_files(db: &std::path::Path) -> i64 {
    let Ok(conn) = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return 0;
    };
    conn.query_row("SELECT count(*) FROM files", [], |r| r.get(0)).unwrap_or(0)
}

#[cfg(unix)]
#[test]
fn sigkill_mid_scan_loses_nothing_committed() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
    let mit = include_str!("../../../../fixtures/licenses/MIT/LICENSE");
    let total = 1500;
    for i in 0..total / 3 {
        let d = tree.join(format!("pkg{i:04}"));
        fs::create_dir_all(&d).unwrap();
        // License files make the scan slow enough (full-text matching) to be killed part-way.
        fs::write(d.join("LICENSE"), mit.replace("2022", &format!("{}", 1990 + i % 30))).unwrap();
        fs::write(d.join("lib.rs"), format!("// SPDX-License-Identifier: MIT\npub fn f{i}() {{}}\n")).unwrap();
        fs::write(d.join("README.md"), format!("# pkg {i}\n")).unwrap();
    }
    let db = dir.path().join("r.clearance");
    let mut child = Command::new(env!("CARGO_BIN_EXE_clearance"))
        .args(["scan", tree.to_str().unwrap(), "--db", db.to_str().unwrap(), "--threads", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while committed_files(&db) < 50 {
        assert!(Instant::now() < deadline, "the scan never committed a batch");
        assert!(child.try_wait().unwrap().is_none(), "the scan finished before it could be killed");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let review = Review::open(&db).unwrap();
    assert_eq!(review.integrity_check().unwrap(), "ok");
    let kept = review.count_files().unwrap();
    assert!(kept >= 50 && kept < total as i64, "{kept} files committed before the kill");
    assert_eq!(review.latest_scan().unwrap().unwrap().status, "running");
    // Every committed file has its findings: batches are all-or-nothing.
    let without: i64 = review
        .conn()
        .query_row(
            "SELECT count(*) FROM files f WHERE f.path LIKE '%lib.rs' AND NOT EXISTS (SELECT 1 FROM findings x WHERE x.file_id = f.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(without, 0);
    drop(review);

    let out = Command::new(env!("CARGO_BIN_EXE_clearance"))
        .args(["scan", tree.to_str().unwrap(), "--db", db.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["scan"]["stats"]["files"], total);
    assert!(v["scan"]["stats"]["reused"].as_i64().unwrap() >= kept, "what the killed scan committed is reused");
    let review = Review::open(&db).unwrap();
    assert_eq!(review.count_files().unwrap(), total as i64);
    let statuses: Vec<String> = review
        .conn()
        .prepare("SELECT status FROM scans ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(statuses, vec!["interrupted", "complete"]);
}
