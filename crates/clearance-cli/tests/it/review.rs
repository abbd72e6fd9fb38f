//! The review workflow through the CLI, on copies of the sample release: every rule of the
//! review issue has a test here.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::{clearance, json, ok, sample_release, stderr, stdout};

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            fs::copy(e.path(), &target).unwrap();
        }
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    db: String,
}

fn scanned() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("skyline");
    copy_tree(&sample_release(), &root);
    let db = dir.path().join("v1.clearance").to_str().unwrap().to_string();
    let out = clearance(&["scan", root.to_str().unwrap(), "--db", &db]);
    assert!(out.status.success(), "{}", stderr(&out));
    Fixture { _dir: dir, root, db }
}

fn obligations(db: &str) -> Vec<Value> {
    json(&["obligations", "list", "--db", db]).as_array().unwrap().clone()
}

/// Conclude every component with its suggestion and approve its conclusion.
fn conclude_all(db: &str) {
    for c in json(&["review", "components", "--db", db]).as_array().unwrap() {
        let id = c["id"].to_string();
        ok(&["review", "conclude", &id, "--suggested", "--status", "approved", "--db", db]);
    }
}

fn sign_off_all(db: &str) {
    for o in obligations(db) {
        ok(&["obligations", "sign-off", &o["id"].to_string(), "--status", "fulfilled", "--db", db]);
    }
}

#[test]
fn approval_is_refused_while_obligations_are_open_then_freezes_the_review() {
    let f = scanned();
    let db = f.db.as_str();
    // A refusal of a valid request exits 1; 2 is bad usage.
    let refused = clearance(&["approve", "--db", db]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("cannot be approved yet"), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("`clearance approve --override REASON`"), "{}", stderr(&refused));

    conclude_all(db);
    let obs = obligations(db);
    assert!(obs.len() > 10, "binary distribution of the sample triggers obligations: {}", obs.len());
    let refused = clearance(&["approve", "--db", db]);
    assert_eq!(refused.status.code(), Some(1), "obligations are still open");
    let empty = clearance(&["approve", "--override", "  ", "--db", db]);
    assert_eq!(empty.status.code(), Some(2));
    assert!(stderr(&empty).contains("--override needs a reason"), "{}", stderr(&empty));
    assert!(stderr(&refused).contains("obligation: "), "{}", stderr(&refused));

    // A note is required for not-applicable; fulfilled needs none.
    let first = obs[0]["id"].to_string();
    let no_note = clearance(&["obligations", "sign-off", &first, "--status", "not-applicable", "--db", db]);
    assert_eq!(no_note.status.code(), Some(2));
    assert!(stderr(&no_note).contains("a note is required"), "{}", stderr(&no_note));
    ok(&[
        "obligations",
        "sign-off",
        &first,
        "--status",
        "not-applicable",
        "--note",
        "ships as source only",
        "--db",
        db,
    ]);
    sign_off_all(db);
    let o: Vec<Value> = obligations(db);
    assert!(o.iter().all(|x| x["reviewer"] == "Rita Reviewer <rita@example.com>" && x["decided_at"].is_string()));

    let approved = json(&["approve", "--db", db]);
    assert_eq!(approved["approved"], true);
    // Frozen: edits and scans are refused, with the way out in the message.
    let edit = clearance(&["review", "conclude", "tinyjson", "--license", "MIT", "--db", db]);
    assert_eq!(edit.status.code(), Some(1));
    assert!(stderr(&edit).contains("reopen it first"), "{}", stderr(&edit));
    assert!(stderr(&edit).contains("`clearance reopen --reason …`"), "the CLI's own advice: {}", stderr(&edit));
    let rescan = clearance(&["scan", f.root.to_str().unwrap(), "--db", db]);
    assert_eq!(rescan.status.code(), Some(1), "{}", stderr(&rescan));
    // Reopening is logged, and edits work again.
    ok(&["reopen", "--reason", "a late fix to tinyjson", "--db", db]);
    ok(&["review", "conclude", "tinyjson", "--license", "MIT", "--db", db]);
    let log = json(&["audit", "log", "--db", db]);
    let actions: Vec<&str> = log.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"approve") && actions.contains(&"reopen") && actions.contains(&"scan"), "{actions:?}");
    ok(&["audit", "verify", "--db", db]);
}

#[test]
fn an_override_reason_approves_anyway_and_is_recorded() {
    let f = scanned();
    let s = json(&["approve", "--override", "legal accepted the risk in ticket LEGAL-12", "--db", &f.db]);
    assert_eq!(s["approved"], true);
    assert!(s["reason"].as_str().unwrap().contains("override: legal accepted"));
}

#[test]
fn obligations_follow_conclusions_and_modes_and_keep_sign_offs_that_still_apply() {
    let f = scanned();
    let db = f.db.as_str();
    ok(&["review", "conclude", "tinyjson", "--license", "MIT", "--db", db]);
    let mit: Vec<Value> = obligations(db);
    assert_eq!(mit.len(), 2, "MIT, binary distribution (the default): attribution and license text");
    let attribution = mit.iter().find(|o| o["key"] == "attribution").unwrap()["id"].to_string();
    ok(&["obligations", "sign-off", &attribution, "--status", "fulfilled", "--note", "in NOTICE.txt", "--db", db]);
    // Adding SaaS changes nothing for MIT, and the sign-off stays.
    ok(&["review", "mode", "binary,saas", "--db", db]);
    let after: Vec<Value> = obligations(db);
    assert_eq!(after.len(), 2);
    let kept = after.iter().find(|o| o["key"] == "attribution").unwrap();
    assert_eq!(kept["status"], "fulfilled");
    assert_eq!(kept["note"], "in NOTICE.txt");
    // AGPL under SaaS triggers network disclosure; under source-only distribution it does not.
    ok(&["review", "conclude", "oddlib", "--license", "AGPL-3.0-or-later", "--db", db]);
    let net = obligations(db).into_iter().filter(|o| o["key"] == "network-disclosure").count();
    assert_eq!(net, 1);
    ok(&["review", "mode", "source", "--db", db]);
    assert!(obligations(db).iter().all(|o| o["key"] != "network-disclosure"));
    // Changing the conclusion re-derives: MIT's instances go, Apache's come, open.
    ok(&["review", "conclude", "tinyjson", "--license", "Apache-2.0", "--db", db]);
    let tj: Vec<Value> =
        obligations(db).into_iter().filter(|o| o["component"].as_str().unwrap().starts_with("tinyjson")).collect();
    assert!(tj.iter().all(|o| o["license"] == "Apache-2.0" && o["status"] == "open"), "{tj:?}");
    assert!(tj.iter().any(|o| o["key"] == "propagate-notice"));
    // An unknown license is never silent.
    ok(&["review", "license-ref", "acme-eula", "--text", f.root.join("LICENSE").to_str().unwrap(), "--db", db]);
    ok(&["review", "conclude", "left-pad-lite", "--license", "LicenseRef-acme-eula", "--db", db]);
    let legal: Vec<Value> = obligations(db).into_iter().filter(|o| o["license"] == "LicenseRef-acme-eula").collect();
    assert_eq!(legal.len(), 1);
    assert_eq!(legal[0]["kind"], "needs-legal-review");
    ok(&["audit", "verify", "--db", db]);
}

#[test]
fn conclusions_are_validated() {
    let f = scanned();
    let db = f.db.as_str();
    for (expr, needle) in [
        ("MIT OR", "not a valid SPDX license expression"),
        ("LicenseRef-acme-eula", "has no text in this review"),
        ("BSD", "not a valid SPDX"),
    ] {
        let out = clearance(&["review", "conclude", "tinyjson", "--license", expr, "--db", db]);
        assert_eq!(out.status.code(), Some(2), "{expr}");
        assert!(stderr(&out).contains(needle), "{expr}: {}", stderr(&out));
    }
    let k = json(&["review", "conclude", "tinyjson", "--license", "mit/apache-2.0", "--comment", "dual", "--db", db]);
    assert_eq!(k["expression"], "MIT OR Apache-2.0", "normalised before it is stored");
    assert_eq!(k["status"], "pending");
    assert_eq!(k["reviewer"], "Rita Reviewer <rita@example.com>");
    let ambiguous = clearance(&["review", "conclude", "skyline", "--license", "MIT", "--db", db]);
    assert_eq!(ambiguous.status.code(), Some(2));
    let no_reviewer = Command::new(env!("CARGO_BIN_EXE_clearance"))
        .args(["review", "conclude", "tinyjson", "--license", "MIT", "--db", db])
        .env_remove("CLEARANCE_REVIEWER")
        .env("XDG_CONFIG_HOME", f.root.join("no-config"))
        .output()
        .unwrap();
    assert_eq!(no_reviewer.status.code(), Some(2));
    assert!(stderr(&no_reviewer).contains("clearance config reviewer"), "{}", stderr(&no_reviewer));
}

#[test]
fn false_positives_by_id_and_in_bulk_leave_the_policy_check() {
    let f = scanned();
    let db = f.db.as_str();
    let policy = f.root.join("policy.toml");
    fs::write(&policy, "[licenses]\ndeny = [\"GPL-2.0-or-later\"]\n").unwrap();
    let denied = clearance(&["check", "--db", db, "--policy", policy.to_str().unwrap()]);
    assert_eq!(denied.status.code(), Some(1), "{}", stdout(&denied));
    assert!(
        stdout(&denied).contains("DENIED  GPL-2.0-or-later (detected) in skyline-notes 2.4.0"),
        "{}",
        stdout(&denied)
    );
    assert!(stdout(&denied).contains("skyline/src/legacy/diff3.c"), "the file is named: {}", stdout(&denied));
    // Bulk: every GPL-2.0-or-later finding under src/legacy.
    let n = json(&[
        "review",
        "false-positive",
        "--license",
        "GPL-2.0-or-later",
        "--path",
        "src/legacy",
        "--reason",
        "vendored test data, not shipped",
        "--db",
        db,
    ]);
    assert_eq!(n["findings"], 1);
    let passes = clearance(&["check", "--db", db, "--policy", policy.to_str().unwrap()]);
    assert_eq!(passes.status.code(), Some(0), "{}", stdout(&passes));
    let without_reason = clearance(&["review", "false-positive", "--license", "MIT", "--db", db]);
    assert_eq!(without_reason.status.code(), Some(2));
    // Undo brings it back.
    ok(&["review", "false-positive", "--license", "GPL-2.0-or-later", "--undo", "--db", db]);
    assert_eq!(clearance(&["check", "--db", db, "--policy", policy.to_str().unwrap()]).status.code(), Some(1));
    // A concluded license counts too, and a choice is judged by its best option.
    fs::write(&policy, "[licenses]\ndeny = [\"GPL-2.0-or-later\", \"Apache-2.0\"]\n").unwrap();
    ok(&["review", "false-positive", "--license", "GPL-2.0-or-later", "--reason", "not shipped", "--db", db]);
    ok(&["review", "false-positive", "--license", "Apache-2.0", "--reason", "pretend", "--db", db]);
    ok(&["review", "conclude", "tinyjson", "--license", "MIT OR Apache-2.0", "--db", db]);
    let conclusion_ok = clearance(&["check", "--db", db, "--policy", policy.to_str().unwrap()]);
    assert_eq!(conclusion_ok.status.code(), Some(0), "{}", stdout(&conclusion_ok));
    ok(&["review", "conclude", "tinyjson", "--license", "MIT AND Apache-2.0", "--db", db]);
    let conclusion_denied = clearance(&["check", "--db", db, "--policy", policy.to_str().unwrap()]);
    assert_eq!(conclusion_denied.status.code(), Some(1));
    assert!(stdout(&conclusion_denied).contains("(concluded) in tinyjson"), "{}", stdout(&conclusion_denied));
}

#[test]
fn policy_files_are_checked_with_line_numbers_and_the_default_policy_applies() {
    let f = scanned();
    let bad = f.root.join("bad.toml");
    fs::write(&bad, "[licenses]\nallow = [\"MIT\"]\ndeny = [\"GPL-2.0+\"]\n").unwrap();
    let out = clearance(&["check", "--db", &f.db, "--policy", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("policy line 3, column 9"), "{}", stderr(&out));
    // The default policy reviews copyleft but denies nothing in the sample release.
    let out = clearance(&["check", "--db", &f.db]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("0 denied"), "{}", stdout(&out));
    let strict = f.root.join("strict.toml");
    fs::write(&strict, "[categories]\nallow = [\"permissive\"]\n[severity]\nreview = \"error\"\n").unwrap();
    assert_eq!(clearance(&["check", "--db", &f.db, "--policy", strict.to_str().unwrap()]).status.code(), Some(1));
}

#[test]
fn tampering_with_the_log_or_a_decision_is_detected() {
    let f = scanned();
    let db = f.db.as_str();
    ok(&["review", "conclude", "tinyjson", "--license", "MIT", "--status", "approved", "--db", db]);
    ok(&["review", "comment", "--component", "oddlib", "MPL file-level copyleft: keep files separate", "--db", db]);
    ok(&["audit", "verify", "--db", db]);
    let conn = rusqlite::Connection::open(db).unwrap();

    // 1. An event rewritten.
    conn.execute("UPDATE audit_log SET actor = 'Mallory' WHERE action = 'conclude'", []).unwrap();
    let out = clearance(&["audit", "verify", "--db", db]);
    assert_eq!(out.status.code(), Some(1));
    let id: i64 = conn.query_row("SELECT id FROM audit_log WHERE action = 'conclude'", [], |r| r.get(0)).unwrap();
    assert!(stderr(&out).contains(&format!("broken at event {id}")), "{}", stderr(&out));
    conn.execute("UPDATE audit_log SET actor = 'Rita Reviewer <rita@example.com>' WHERE action = 'conclude'", [])
        .unwrap();
    ok(&["audit", "verify", "--db", db]);

    // 2. A decision changed with plain SQL, log untouched.
    conn.execute("UPDATE conclusions SET expression = 'Apache-2.0'", []).unwrap();
    let out = clearance(&["audit", "verify", "--db", db]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("conclusion:") && stderr(&out).contains("changed outside Clearance"),
        "{}",
        stderr(&out)
    );
    conn.execute("UPDATE conclusions SET expression = 'MIT'", []).unwrap();

    // 3. The last event removed.
    conn.execute("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)", []).unwrap();
    let out = clearance(&["audit", "verify", "--db", db]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
}

#[test]
fn a_second_writer_gets_a_clear_busy_answer_and_nothing_is_corrupted() {
    let f = scanned();
    let db = f.db.as_str();
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE; UPDATE meta SET value = value WHERE key = 'x';").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_clearance"))
        .args(["review", "conclude", "tinyjson", "--license", "MIT", "--db", db])
        .env("CLEARANCE_REVIEWER", "Rita Reviewer <rita@example.com>")
        .env("CLEARANCE_BUSY_TIMEOUT_MS", "300")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("busy"), "{}", stderr(&out));
    conn.execute_batch("ROLLBACK").unwrap();
    drop(conn);
    ok(&["review", "conclude", "tinyjson", "--license", "MIT", "--db", db]);
    let review = clearance_store::Review::open(Path::new(db)).unwrap();
    assert_eq!(review.integrity_check().unwrap(), "ok");
    ok(&["audit", "verify", "--db", db]);
}

#[test]
fn decisions_carry_over_to_the_next_release_and_lapse_where_files_changed() {
    let f = scanned();
    let v1 = f.db.as_str();
    conclude_all(v1);
    ok(&["review", "mode", "binary,source", "--db", v1]);
    sign_off_all(v1);
    // Two false positives: one in a file that will change, one in a file that will not.
    let detail = json(&["review", "show", "skyline-notes", "--db", v1]);
    let finding_in = |path: &str| -> String {
        let file = detail["files"].as_array().unwrap().iter().find(|x| x["path"] == path).unwrap();
        file["findings"][0]["id"].to_string()
    };
    let readme_finding = finding_in("README.md");
    let main_finding = finding_in("src/main.rs");
    ok(&["review", "false-positive", &readme_finding, "--reason", "README mention, not a grant", "--db", v1]);
    ok(&["review", "false-positive", &main_finding, "--reason", "checked by hand", "--db", v1]);

    // Release 2: main.rs changed, a new npm component, oddlib removed.
    let dir = tempfile::tempdir().unwrap();
    let root2 = dir.path().join("skyline");
    copy_tree(&f.root, &root2);
    fs::remove_file(root2.join("policy.toml")).ok();
    fs::write(
        root2.join("src/main.rs"),
        fs::read_to_string(root2.join("src/main.rs")).unwrap() + "\n// 2.5: faster sync\n",
    )
    .unwrap();
    fs::remove_dir_all(root2.join("python/vendor/oddlib-0.9.0")).unwrap();
    let added = root2.join("web/node_modules/tiny-uuid");
    fs::create_dir_all(&added).unwrap();
    fs::write(added.join("package.json"), r#"{"name":"tiny-uuid","version":"2.0.0","license":"0BSD"}"#).unwrap();
    let v2 = dir.path().join("v2.clearance").to_str().unwrap().to_string();
    ok(&["scan", root2.to_str().unwrap(), "--db", &v2]);

    let report = json(&["review", "carry-over", "--from", v1, "--db", &v2]);
    assert_eq!(report["conclusions"], 6, "every component except the removed oddlib: {report}");
    assert_eq!(report["false_positives"], 1, "the README's, whose file is unchanged");
    assert_eq!(report["lapsed"], 1, "main.rs changed: its false positive lapses");
    assert_eq!(report["distribution"], true);
    assert!(report["obligations"].as_i64().unwrap() > 5);

    // Carried decisions are marked, never silently made.
    let comps = json(&["review", "components", "--db", &v2]);
    let tj = comps.as_array().unwrap().iter().find(|c| c["name"] == "tinyjson").unwrap();
    assert!(tj["conclusion"]["carried_from"].as_str().unwrap().contains("v1.clearance"));
    let new_one = comps.as_array().unwrap().iter().find(|c| c["name"] == "tiny-uuid").unwrap();
    assert!(new_one["conclusion"].is_null(), "a new component starts undecided");
    let status = json(&["review", "status", "--db", &v2]);
    assert_eq!(status["carried_over"], 6);
    assert_eq!(status["lapsed"].as_array().unwrap().len(), 1);
    assert!(status["lapsed"][0]["reason"].as_str().unwrap().contains("changed"));
    assert!(status["lapsed"][0]["target"].as_str().unwrap().ends_with("src/main.rs"));
    ok(&["audit", "verify", "--db", &v2]);

    let d = json(&["diff", v1, &v2]);
    let names =
        |k: &str| d[k].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert_eq!(names("added"), vec!["tiny-uuid"]);
    assert_eq!(names("removed"), vec!["oddlib"]);
    let text = ok(&["diff", v1, &v2]);
    assert!(text.contains("added    tiny-uuid 2.0.0") && text.contains("removed  oddlib 0.9.0"), "{text}");
}

#[test]
fn a_rescan_lapses_decisions_on_changed_files_visibly() {
    let f = scanned();
    let db = f.db.as_str();
    let detail = json(&["review", "show", "skyline-notes", "--db", db]);
    let file = detail["files"].as_array().unwrap().iter().find(|x| x["path"] == "src/legacy/diff3.c").unwrap();
    let finding = file["findings"][0]["id"].to_string();
    ok(&["review", "false-positive", &finding, "--reason", "test data", "--db", db]);
    ok(&["review", "comment", "--file", &file["id"].to_string(), "ask upstream about the license", "--db", db]);
    fs::write(f.root.join("src/legacy/diff3.c"), "/* SPDX-License-Identifier: GPL-2.0-only */\nint x;\n").unwrap();
    ok(&["scan", f.root.to_str().unwrap(), "--db", db]);
    let status = json(&["review", "status", "--db", db]);
    let lapsed = status["lapsed"].as_array().unwrap();
    assert_eq!(lapsed.len(), 2, "{lapsed:?}");
    assert!(lapsed.iter().all(|l| l["reason"] == "the file's content changed"));
    ok(&["audit", "verify", "--db", db]);
}

#[test]
fn the_policy_means_what_it_says() {
    let f = scanned();
    let db = f.db.as_str();
    // zstd's choice, and seven files of one license for the counts.
    fs::write(f.root.join("src/dual.c"), "// SPDX-License-Identifier: BSD-3-Clause OR GPL-2.0-only\nint dual;\n")
        .unwrap();
    for i in 0..7 {
        fs::write(f.root.join(format!("src/legacy/gpl{i}.c")), "/* SPDX-License-Identifier: GPL-2.0-or-later */\n")
            .unwrap();
    }
    ok(&["scan", f.root.to_str().unwrap(), "--db", db]);
    let policy = f.root.join("policy.toml");
    let check = || clearance(&["check", "--db", db, "--policy", policy.to_str().unwrap()]);

    // A deprecated id would deny nothing: refused, with the ids to use.
    fs::write(&policy, "[licenses]\ndeny = [\"GPL-3.0\"]\n").unwrap();
    let out = check();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("'GPL-3.0-only' or 'GPL-3.0-or-later'"), "{}", stderr(&out));

    // An expression is judged whole: the BSD side of the choice is allowed.
    fs::write(&policy, "[licenses]\ndeny = [\"GPL-2.0-only\"]\n[categories]\nallow = [\"permissive\"]\n").unwrap();
    let out = check();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(!stdout(&out).contains("src/dual.c"), "{}", stdout(&out));

    // Counts are exact: 8 files carry GPL-2.0-or-later (diff3.c and the seven), 5 are listed.
    fs::write(&policy, "[licenses]\ndeny = [\"GPL-2.0-or-later\"]\n").unwrap();
    let out = check();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("DENIED  GPL-2.0-or-later (detected) in skyline-notes 2.4.0"), "{}", stdout(&out));
    assert!(stdout(&out).contains("… and 3 more files"), "{}", stdout(&out));
    let out = clearance(&["check", "--db", db, "--policy", policy.to_str().unwrap(), "--json"]);
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let hit = report["hits"].as_array().unwrap().iter().find(|h| h["license"] == "GPL-2.0-or-later").unwrap().clone();
    assert_eq!(hit["file_count"], 8);

    // A pending conclusion decides nothing; an approved one supersedes the detections, which
    // stay visible as present, not concluded.
    ok(&["review", "conclude", "skyline-notes", "--license", "Apache-2.0", "--db", db]);
    assert_eq!(check().status.code(), Some(1));
    ok(&["review", "conclude", "skyline-notes", "--status", "approved", "--db", db]);
    let out = check();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("Present, not concluded"), "{}", stdout(&out));
    assert!(
        stdout(&out)
            .contains("present GPL-2.0-or-later (detected, deny) in skyline-notes 2.4.0 — concluded Apache-2.0"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("0 denied"), "{}", stdout(&out));
}

#[test]
fn cli_messages_say_what_was_meant() {
    let f = scanned();
    let db = f.db.as_str();
    // An unknown term is named, with what it may have meant.
    let out = clearance(&["review", "conclude", "tinyjson", "--license", "MIT OR Apach-2.0", "--db", db]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown term 'Apach-2.0'; did you mean 'Apache-2.0'"), "{}", stderr(&out));
    // What is recorded differs from what was written: said.
    let out = ok(&["review", "conclude", "tinyjson", "--license", "MIT OR Apache 2.0", "--db", db]);
    assert!(out.contains("Read 'MIT OR Apache 2.0' as 'MIT OR Apache-2.0'"), "{out}");
    let out = ok(&["review", "conclude", "tinyjson", "--license", "GPL-2.0", "--db", db]);
    assert!(out.contains("as 'GPL-2.0-only'"), "{out}");
    // A file is named by its path as well as its id.
    let out = ok(&["review", "comment", "--file", "src/legacy/diff3.c", "checked by legal", "--db", db]);
    assert!(out.contains("added to file src/legacy/diff3.c"), "{out}");
    let missing = clearance(&["review", "comment", "--file", "src/nope.c", "x", "--db", db]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("no file 'src/nope.c'"), "{}", stderr(&missing));
    // A LicenseRef without a text names the command that adds one.
    let out = clearance(&["review", "conclude", "tinyjson", "--license", "LicenseRef-acme", "--db", db]);
    assert!(stderr(&out).contains("`clearance review license-ref acme --text FILE`"), "{}", stderr(&out));
    // A reader that stops early ends the output quietly, not with a panic.
    let mut child = Command::new(env!("CARGO_BIN_EXE_clearance"))
        .args(["audit", "log", "--db", db])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("internal error"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_report_applies_the_reviews_policy_and_shows_every_decision() {
    let f = scanned();
    let db = f.db.as_str();
    let policy = f.root.join("strict.toml");
    fs::write(&policy, "[licenses]\ndeny = [\"GPL-2.0-or-later\"]\n[categories]\nallow = [\"permissive\"]\n").unwrap();
    // A bad policy is refused before it is stored.
    let bad = f.root.join("bad.toml");
    fs::write(&bad, "[licenses]\ndeny = [\"GPL-2.0\"]\n").unwrap();
    assert_eq!(clearance(&["review", "policy", bad.to_str().unwrap(), "--db", db]).status.code(), Some(2));
    ok(&["review", "policy", policy.to_str().unwrap(), "--db", db]);
    // The gate uses the review's policy without being told.
    let out = clearance(&["check", "--db", db]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    ok(&["review", "conclude", "tinyjson", "--license", "MIT", "--comment", "we elect MIT", "--db", db]);
    ok(&["review", "comment", "--component", "tomlette", "BSD text checked by legal", "--db", db]);
    ok(&[
        "review",
        "false-positive",
        "--license",
        "Apache-2.0",
        "--path",
        "README.md",
        "--reason",
        "a quoted example",
        "--db",
        db,
    ]);
    fs::write(f.root.join("src/legacy/diff3.c"), "/* SPDX-License-Identifier: GPL-2.0-or-later */\nint y;\n").unwrap();
    ok(&["review", "false-positive", "--license", "GPL-2.0-or-later", "--reason", "test data", "--db", db]);
    ok(&["scan", f.root.to_str().unwrap(), "--db", db]);
    let out = f.root.join("report.html");
    ok(&["export", "--db", db, "--format", "report-html", "-o", out.to_str().unwrap()]);
    let html = fs::read_to_string(&out).unwrap().replace("&#x27;", "'");
    assert!(html.contains("1 policy denials under the review's policy"), "the report's denials are check's: {html}");
    assert!(html.contains("<td class=\"bad\">deny</td><td>GPL-2.0-or-later</td>"), "{html}");
    assert!(html.contains("<th>Rationale</th><td>we elect MIT</td>"), "{html}");
    assert!(html.contains("BSD text checked by legal"), "comments are in the report");
    assert!(html.contains("a quoted example"), "false positives are listed with their reasons");
    assert!(html.contains("Lapsed decisions (1)") && html.contains("the file's content changed"), "{html}");
    assert!(html.contains("<td>set-policy</td><td>policy</td>"), "the audit events are listed: {html}");
    assert!(html.contains("<td>conclude</td><td>conclusion of tinyjson 0.8.1</td>"), "targets by name: {html}");
}

#[test]
fn reading_unchanged_files_again_keeps_the_decisions_on_what_is_found_again() {
    let f = scanned();
    let db = f.db.as_str();
    let detail = json(&["review", "show", "skyline-notes", "--db", db]);
    let file = detail["files"].as_array().unwrap().iter().find(|x| x["path"] == "src/legacy/diff3.c").unwrap().clone();
    let finding = file["findings"][0]["id"].to_string();
    ok(&["review", "false-positive", &finding, "--reason", "test data", "--db", db]);
    ok(&["review", "comment", "--finding", &finding, "upstream confirmed", "--db", db]);
    // An older Clearance's scan: every file is read again by this one.
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute("UPDATE scans SET options = json_remove(options, '$.detection')", []).unwrap();
    drop(conn);
    let scan = json(&["scan", f.root.to_str().unwrap(), "--db", db]);
    assert_eq!(scan["scan"]["stats"]["reused"], 0, "an older detection's findings are not kept unread: {scan}");
    let again = json(&["review", "show", "skyline-notes", "--db", db]);
    let file = again["files"].as_array().unwrap().iter().find(|x| x["path"] == "src/legacy/diff3.c").unwrap().clone();
    assert_eq!(file["findings"][0]["id"].to_string(), finding, "the same finding row");
    assert_eq!(file["findings"][0]["false_positive"], "test data");
    let status = json(&["review", "status", "--db", db]);
    assert!(status["lapsed"].as_array().unwrap().is_empty(), "nothing lapsed: {status}");
    ok(&["audit", "verify", "--db", db]);
    // A third scan of the same tree by the same Clearance reads nothing again.
    let scan = json(&["scan", f.root.to_str().unwrap(), "--db", db]);
    assert_eq!(scan["scan"]["stats"]["reused"], scan["scan"]["stats"]["files"], "{scan}");
}

#[test]
fn bulk_takes_the_tables_license_category_and_clarity_filters() {
    let f = scanned();
    let db = f.db.as_str();
    // oddlib declares MPL-2.0: the only weak-copyleft component of the sample.
    let by_license =
        json(&["review", "bulk", "--db", db, "--where-license", "MPL-2.0", "--dry-run", "status", "needs-info"]);
    let chosen: Vec<&str> =
        by_license["outcomes"].as_array().unwrap().iter().map(|o| o["component"].as_str().unwrap()).collect();
    assert_eq!(chosen.len(), 1, "{by_license}");
    assert!(chosen[0].starts_with("oddlib"), "{chosen:?}");
    let by_category =
        json(&["review", "bulk", "--db", db, "--where-category", "weak-copyleft", "--dry-run", "status", "needs-info"]);
    assert_eq!(by_category["outcomes"], by_license["outcomes"]);
    // A clarity filter is a word from a list; a wrong one is a usage error that lists them.
    let copyleft =
        json(&["review", "bulk", "--db", db, "--where-clarity", "copyleft", "--dry-run", "status", "pending"]);
    assert!(copyleft["selected"].as_u64().unwrap() >= 2, "oddlib (MPL) and the GPL parts: {copyleft}");
    let bad = clearance(&["review", "bulk", "--db", db, "--where-category", "viral", "status", "pending"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("strong-copyleft"), "{}", stderr(&bad));
    // Nothing was written by the dry runs.
    assert!(json(&["audit", "log", "--db", db]).as_array().unwrap().iter().all(|e| e["action"] != "status"));
}

#[test]
fn the_last_bulk_action_can_be_undone_from_the_cli() {
    let f = scanned();
    let db = f.db.as_str();
    let applied = json(&["review", "bulk", "--db", db, "--where-license", "MPL-2.0", "status", "needs-info"]);
    assert_eq!(applied["changed"], 1, "{applied}");
    assert_eq!(applied["undoable"], true);
    let undone = json(&["review", "undo-bulk", "--db", db]);
    assert_eq!(undone["changed"], 1, "{undone}");
    let oddlib = json(&["review", "components", "--db", db]);
    let row = oddlib.as_array().unwrap().iter().find(|c| c["name"] == "oddlib").unwrap();
    assert!(row["conclusion"].is_null(), "back to no decision: {row}");
    // Nothing is left to undo: a clear refusal, exit 2.
    let again = clearance(&["review", "undo-bulk", "--db", db]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("no bulk action to undo"), "{}", stderr(&again));
}

#[test]
fn copyright_holders_are_listed_from_the_cli() {
    let f = scanned();
    let rows = json(&["review", "holders", "--db", f.db.as_str()]);
    let rows = rows.as_array().unwrap();
    assert!(!rows.is_empty());
    // The most widespread first.
    let counts: Vec<i64> = rows.iter().map(|r| r["component_count"].as_i64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    let first = rows[0]["holder"].as_str().unwrap().to_string();
    let found = json(&["review", "holders", "--search", &first, "--db", f.db.as_str()]);
    assert!(found.as_array().unwrap().iter().any(|r| r["holder"] == first.as_str()));
    let text = ok(&["review", "holders", "--db", f.db.as_str()]);
    assert!(text.contains(&first) && text.contains("statements"), "{text}");
}

#[test]
fn the_clear_majority_is_concluded_in_bulk_by_clarity_and_a_license_text_removed_lowers_it() {
    let f = scanned();
    let clarity = |db: &str| -> Vec<(String, u64, Vec<String>)> {
        json(&["review", "components", "--db", db])
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let gaps =
                    c["clarity_gaps"].as_array().unwrap().iter().map(|g| g.as_str().unwrap().to_string()).collect();
                (c["name"].as_str().unwrap().to_string(), c["clarity"].as_u64().unwrap(), gaps)
            })
            .collect()
    };
    let before = clarity(&f.db);
    let score = |name: &str| before.iter().find(|c| c.0 == name).unwrap().1;
    // tinyjson declares MIT OR Apache-2.0, ships both texts and a copyright; skyline-web ships
    // no license text and no copyright statement.
    assert_eq!(score("tinyjson"), 100, "{before:?}");
    let web = before.iter().find(|c| c.0 == "skyline-web").unwrap();
    assert!(
        web.2.contains(&"missing-license-text".to_string()) && web.2.contains(&"no-copyright".to_string()),
        "{web:?}"
    );
    assert!(web.1 < 80);

    // Bulk: the clear ones (>= 80) concluded as suggested; the rest left for a reviewer.
    let report = json(&["review", "bulk", "--clarity-at-least", "80", "--db", &f.db, "conclude", "--suggested"]);
    let clear: Vec<&str> = before.iter().filter(|c| c.1 >= 80).map(|c| c.0.as_str()).collect();
    assert_eq!(report["changed"].as_u64().unwrap() as usize, clear.len(), "{report}");
    let unclear =
        json(&["review", "bulk", "--clarity-below", "80", "--dry-run", "--db", &f.db, "conclude", "--suggested"]);
    assert_eq!(
        unclear["outcomes"].as_array().unwrap().len(),
        before.len() - clear.len(),
        "the two filters split the components: {unclear}"
    );

    // The evidence changes (tinyjson's MIT text removed): the next scan lowers its score.
    let lic = f.root.join("vendor/tinyjson/LICENSE-MIT");
    assert!(lic.exists(), "the fixture ships LICENSE-MIT");
    fs::remove_file(&lic).unwrap();
    ok(&["scan", f.root.to_str().unwrap(), "--db", &f.db]);
    let after = clarity(&f.db);
    let tiny = after.iter().find(|c| c.0 == "tinyjson").unwrap();
    assert_eq!(tiny.1, 75, "{tiny:?}");
    assert_eq!(tiny.2, vec!["missing-license-text".to_string()]);
}

#[test]
fn four_eyes_refuses_an_approver_who_made_every_decision_even_with_an_override() {
    let f = scanned();
    let policy = f.root.join("four-eyes.toml");
    fs::write(&policy, "[approval]\nfour_eyes = true\n").unwrap();
    ok(&["review", "policy", policy.to_str().unwrap(), "--db", &f.db]);
    conclude_all(&f.db);
    sign_off_all(&f.db);
    // Rita made every decision: her approval is refused, with or without an override.
    for extra in [&[][..], &["--override", "I checked it twice"][..]] {
        let mut args = vec!["approve", "--db", f.db.as_str()];
        args.extend_from_slice(extra);
        let out = clearance(&args);
        assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
        let said = stderr(&out);
        assert!(said.contains("four eyes") && said.contains("Rita Reviewer"), "{said}");
    }
    assert_eq!(json(&["review", "status", "--db", &f.db])["approval"]["approved"], false);
    // Another reviewer approves.
    ok(&["approve", "--db", &f.db, "--reviewer", "Bo Second <bo@example.com>"]);
    assert_eq!(json(&["review", "status", "--db", &f.db])["approval"]["reviewer"], "Bo Second <bo@example.com>");
}

#[test]
fn a_release_is_shared_out_by_assignment_and_a_second_review_holds_approval_until_another_reviewer_clears_it() {
    let f = scanned();
    let bo = "Bo Second <bo@example.com>";
    let assigned = json(&["review", "bulk", "--search", "tinyjson", "--db", &f.db, "assign", bo]);
    assert_eq!(assigned["changed"], 1);
    ok(&["review", "bulk", "--search", "tomlette", "--db", &f.db, "assign", "bo second <BO@example.com>"]);
    // Bo's queue: what is assigned to him, however his name is spelled; Rita's is empty.
    let queue = |who: &str| -> Vec<String> {
        let r = json(&[
            "review",
            "bulk",
            "--assignee",
            "me",
            "--reviewer",
            who,
            "--dry-run",
            "--db",
            &f.db,
            "conclude",
            "--suggested",
        ]);
        r["outcomes"].as_array().unwrap().iter().map(|o| o["component"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(queue(bo), vec!["tinyjson 0.8.1".to_string(), "tomlette 1.2.0".to_string()]);
    assert!(queue("Rita Reviewer <rita@example.com>").is_empty());

    conclude_all(&f.db);
    sign_off_all(&f.db);
    ok(&[
        "review",
        "bulk",
        "--search",
        "tinyjson",
        "--db",
        &f.db,
        "second-review",
        "--note",
        "dual license: check both texts ship",
    ]);
    let refused = clearance(&["approve", "--db", &f.db]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("1 component(s) waiting for a second review"), "{}", stderr(&refused));
    // Rita raised it: she cannot clear it herself.
    let own =
        clearance(&["review", "bulk", "--where-status", "second-review", "--db", &f.db, "second-review", "--clear"]);
    assert!(!own.status.success());
    assert!(stderr(&own).contains("another reviewer must clear it"), "{}", stderr(&own));
    ok(&[
        "review",
        "bulk",
        "--where-status",
        "second-review",
        "--reviewer",
        bo,
        "--db",
        &f.db,
        "second-review",
        "--clear",
        "--note",
        "both texts ship",
    ]);
    ok(&["approve", "--db", &f.db]);
    ok(&["audit", "verify", "--db", &f.db]);
}

#[test]
fn a_release_split_in_two_and_merged_back_keeps_every_decision_and_shows_the_conflict() {
    let f = scanned();
    let dir = Path::new(&f.db).parent().unwrap().to_path_buf();
    let made = json(&["review", "split", "--parts", "2", "--db", &f.db]);
    let parts: Vec<String> = made.as_array().unwrap().iter().map(|p| p["path"].as_str().unwrap().to_string()).collect();
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0], dir.join("v1.part1.clearance").to_str().unwrap());
    let bo = "Bo Second <bo@example.com>";
    // Rita takes part 1: oddlib concluded, one of its obligations signed off, a comment.
    ok(&["review", "conclude", "oddlib", "--license", "MPL-2.0", "--status", "approved", "--db", &parts[0]]);
    let ob = json(&["obligations", "list", "--db", &parts[0]])
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["component"].as_str().unwrap().starts_with("oddlib"))
        .unwrap()["id"]
        .to_string();
    ok(&["obligations", "sign-off", &ob, "--status", "fulfilled", "--note", "source offered", "--db", &parts[0]]);
    ok(&["review", "comment", "--component", "oddlib", "MPL files are unmodified", "--db", &parts[0]]);
    ok(&["review", "conclude", "skyline-notes", "--license", "Apache-2.0", "--status", "approved", "--db", &parts[0]]);
    // Bo takes part 2: tinyjson; and (outside his part) skyline-notes, differently.
    ok(&[
        "review",
        "conclude",
        "tinyjson",
        "--license",
        "MIT OR Apache-2.0",
        "--status",
        "approved",
        "--reviewer",
        bo,
        "--db",
        &parts[1],
    ]);
    ok(&[
        "review",
        "conclude",
        "skyline-notes",
        "--license",
        "Apache-2.0 AND MIT",
        "--reviewer",
        bo,
        "--db",
        &parts[1],
    ]);

    let out = clearance(&["review", "merge", &parts[0], &parts[1], "--db", &f.db, "--json"]);
    assert_eq!(out.status.code(), Some(1), "a conflict stands: {}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let conflicts = report["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1, "{report}");
    assert_eq!(conflicts[0]["component"], "skyline-notes 2.4.0");
    assert_eq!(conflicts[0]["sides"].as_array().unwrap().len(), 3, "the review and both parts side by side");
    assert!(report["events_kept"].as_u64().unwrap() >= 5);

    // Every other decision is in the review, and its audit log verifies.
    let show = |name: &str| json(&["review", "show", name, "--db", &f.db]);
    assert_eq!(show("oddlib")["component"]["conclusion"]["expression"], "MPL-2.0");
    assert_eq!(show("tinyjson")["component"]["conclusion"]["reviewer"], bo);
    assert!(show("skyline-notes")["component"]["conclusion"].is_null(), "the conflict is not overwritten");
    let signed = json(&["obligations", "list", "--db", &f.db]);
    assert!(
        signed.as_array().unwrap().iter().any(|o| o["component"].as_str().unwrap().starts_with("oddlib")
            && o["status"] == "fulfilled"
            && o["note"] == "source offered"),
        "the sign-off made in part 1 is in the review"
    );
    assert!(show("oddlib")["comments"].to_string().contains("MPL files are unmodified"));
    ok(&["audit", "verify", "--db", &f.db]);
    // The parts' own events are kept, and verified with the review's: a changed one is caught.
    let copy = dir.join("tampered.clearance");
    fs::copy(&f.db, &copy).unwrap();
    {
        let c = rusqlite::Connection::open(&copy).unwrap();
        let n = c
            .execute("UPDATE merged_events SET after = replace(after, 'MPL-2.0', 'MIT') WHERE target LIKE 'conclusion:%' AND after LIKE '%MPL-2.0%'", [])
            .unwrap();
        assert_eq!(n, 1);
    }
    let caught = clearance(&["audit", "verify", "--db", copy.to_str().unwrap()]);
    assert!(!caught.status.success());
    assert!(
        format!("{}{}", stdout(&caught), stderr(&caught)).contains("merged part v1.part1.clearance"),
        "{}",
        stdout(&caught)
    );
    // A file that is no part of this review is refused.
    let other = scanned();
    let refused = clearance(&["review", "merge", &parts[0], "--db", &other.db]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("not split from this review"));
}
