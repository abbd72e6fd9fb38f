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
    assert_eq!(review.latest_scan().unwrap().unwrap().status, clearance_store::ScanStatus::Running);
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

/// 120 processes — scans and review actions — killed at pseudo-random moments. After every kill
/// the file passes SQLite's integrity check, the audit chain verifies, and every action whose
/// process had finished is in the file.
#[cfg(unix)]
#[test]
fn a_hundred_kills_lose_no_committed_decision() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
    for i in 0..60 {
        let d = tree.join(format!("pkg{i:02}"));
        fs::create_dir_all(&d).unwrap();
        fs::write(
            d.join("Cargo.toml"),
            format!("[package]\nname = \"pkg{i:02}\"\nversion = \"1.0.{i}\"\nlicense = \"MIT\"\n"),
        )
        .unwrap();
        fs::write(d.join("LICENSE"), include_str!("../../../../fixtures/licenses/MIT/LICENSE")).unwrap();
        fs::write(d.join("lib.rs"), format!("// SPDX-License-Identifier: MIT\npub fn f{i}() {{}}\n")).unwrap();
    }
    let db = dir.path().join("r.clearance");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_clearance"))
            .args(args)
            .env("CLEARANCE_REVIEWER", "Kim Killer <kim@example.com>")
            .env("CLEARANCE_BUSY_TIMEOUT_MS", "2000")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let db_s = db.to_str().unwrap().to_string();
    assert!(run(&["scan", tree.to_str().unwrap(), "--db", &db_s]).wait().unwrap().success());
    let mut seed: u64 = 0x5eed;
    let mut next = |max: u64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) % max
    };
    let mut finished_actions: Vec<(String, String)> = Vec::new();
    for i in 0..120 {
        // Touch a file now and then so scans have work to do.
        if i % 10 == 0 {
            fs::write(
                tree.join(format!("pkg{:02}/lib.rs", i / 2)),
                format!("// SPDX-License-Identifier: MIT\n// edit {i}\n"),
            )
            .unwrap();
        }
        let component = format!("pkg{:02}", next(60));
        let comment = format!("decision {i}");
        let mut child = if i % 3 == 0 {
            run(&["scan", tree.to_str().unwrap(), "--db", &db_s, "--threads", "1"])
        } else {
            run(&["review", "conclude", &component, "--license", "MIT", "--comment", &comment, "--db", &db_s])
        };
        std::thread::sleep(Duration::from_millis(next(60)));
        let done_before_kill = matches!(child.try_wait().unwrap(), Some(s) if s.success());
        let _ = child.kill();
        child.wait().unwrap();
        if done_before_kill && i % 3 != 0 {
            finished_actions.push((component.clone(), comment.clone()));
        }
        let review = Review::open(&db).unwrap();
        assert_eq!(review.integrity_check().unwrap(), "ok", "after kill {i}");
        assert_eq!(review.verify_audit().unwrap(), None, "the audit chain verifies after kill {i}");
        // Every action that finished before its kill is in the log.
        for (c, note) in &finished_actions {
            let logged = review.audit_events(None).unwrap().iter().any(|e| {
                e.action == clearance_store::AuditAction::Conclude
                    && e.after.as_deref().is_some_and(|a| a.contains(note.as_str()))
            });
            assert!(logged, "{c}: '{note}' was committed and must still be there (kill {i})");
        }
    }
    assert!(finished_actions.len() > 5, "some actions finished between kills: {}", finished_actions.len());
}
