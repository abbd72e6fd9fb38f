//! The decision library through the CLI: publish, a scan that takes decisions on its own,
//! suggestions, the portfolio and where-used; two processes publishing at once; publishes killed
//! with SIGKILL part-way.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// `clearance` with the library at `lib` (a file or a server URL, as a team would set
/// CLEARANCE_LIBRARY).
fn with_library(lib: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clearance"))
        .args(args)
        .env("CLEARANCE_REVIEWER", "Rita Reviewer <rita@example.com>")
        .env("XDG_CONFIG_HOME", std::env::temp_dir().join("clearance-test-no-config"))
        .env("CLEARANCE_DATA_DIR", std::env::temp_dir().join("clearance-test-no-data"))
        .env("CLEARANCE_LIBRARY", lib)
        .output()
        .expect("run clearance")
}

fn ok(lib: &str, args: &[&str]) -> String {
    let out = with_library(lib, args);
    assert!(out.status.success(), "{args:?}: {}{}", super::stdout(&out), super::stderr(&out));
    super::stdout(&out)
}

fn json(lib: &str, args: &[&str]) -> serde_json::Value {
    let mut a = args.to_vec();
    a.push("--json");
    serde_json::from_str(&ok(lib, &a)).unwrap()
}

/// A product of packages: `packages` npm packages under node_modules (each with its license
/// file); the package `shared` is the same in every product unless `changed`.
fn product(dir: &Path, name: &str, packages: usize, changed: bool) -> PathBuf {
    let root = dir.join(name);
    let mit = include_str!("../../../../fixtures/licenses/MIT/LICENSE");
    fs::create_dir_all(&root).unwrap();
    fs::write(
        root.join("package.json"),
        format!("{{\"name\": \"{name}\", \"version\": \"1.0.0\", \"license\": \"MIT\"}}"),
    )
    .unwrap();
    for i in 0..packages {
        let (pkg, version) =
            if i == 0 { ("shared".to_string(), "2.1.0".to_string()) } else { (format!("p{i}"), format!("1.0.{i}")) };
        let d = root.join("node_modules").join(&pkg);
        fs::create_dir_all(&d).unwrap();
        fs::write(
            d.join("package.json"),
            format!("{{\"name\": \"{pkg}\", \"version\": \"{version}\", \"license\": \"MIT\"}}"),
        )
        .unwrap();
        let text = if i == 0 && changed { format!("{mit}\nExcept on Tuesdays.\n") } else { mit.to_string() };
        fs::write(d.join("LICENSE"), text).unwrap();
    }
    root
}

/// Scan, name, conclude everything as suggested, approve (overriding open obligations).
fn approved(lib: &str, dir: &Path, name: &str, packages: usize, changed: bool) -> PathBuf {
    let root = product(dir, name, packages, changed);
    let db = dir.join(format!("{name}.clearance"));
    let d = db.to_str().unwrap();
    ok(lib, &["scan", root.to_str().unwrap(), "--db", d]);
    ok(lib, &["review", "product", name, "1.0", "--db", d]);
    ok(lib, &["review", "bulk", "--all", "--db", d, "conclude", "--suggested", "--status", "approved"]);
    ok(lib, &["approve", "--db", d, "--override", "obligations met by the product's NOTICE (test)"]);
    db
}

#[test]
fn reading_a_library_file_that_does_not_exist_says_so_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("team/library.sqlite");
    let out = with_library(lib.to_str().unwrap(), &["portfolio"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(super::stderr(&out).contains("no decision library"), "{}", super::stderr(&out));
    assert!(!lib.exists());
}

fn a_scan_takes_what_the_library_decided_on_the_same_evidence(lib: &str) {
    let dir = tempfile::tempdir().unwrap();

    let alpha = approved(lib, dir.path(), "alpha", 3, false);
    let published = json(lib, &["library", "publish", "--db", alpha.to_str().unwrap()]);
    assert_eq!(published["approved"], true);
    assert_eq!(published["conclusions"], 4);

    // Beta ships the same `shared`; gamma ships it with a changed license file.
    let beta = product(dir.path(), "beta", 3, false);
    let beta_db = dir.path().join("beta.clearance");
    let scan = ok(lib, &["scan", beta.to_str().unwrap(), "--db", beta_db.to_str().unwrap()]);
    assert!(scan.contains("Library: took 3 conclusion(s)"), "{scan}");
    let shown = json(lib, &["review", "show", "shared", "--db", beta_db.to_str().unwrap()]);
    assert_eq!(shown["component"]["conclusion"]["expression"], "MIT");
    assert!(
        shown["component"]["conclusion"]["carried_from"]
            .as_str()
            .unwrap()
            .starts_with("library: alpha 1.0 (Rita Reviewer"),
        "{shown}"
    );

    let gamma = product(dir.path(), "gamma", 3, true);
    let gamma_db = dir.path().join("gamma.clearance");
    ok(lib, &["scan", gamma.to_str().unwrap(), "--db", gamma_db.to_str().unwrap()]);
    let plan = json(lib, &["library", "apply", "--dry-run", "--db", gamma_db.to_str().unwrap()]);
    let suggestion = plan["plan"]["suggestions"].as_array().unwrap().iter().find(|s| s["component"] == "shared 2.1.0");
    let suggestion = suggestion.expect("the changed package is suggested");
    assert!(suggestion["why"].as_str().unwrap().contains("LICENSE changed"), "{suggestion}");
    let shown = json(lib, &["review", "show", "shared", "--db", gamma_db.to_str().unwrap()]);
    assert!(shown["component"]["conclusion"].is_null(), "a changed license file never inherits: {shown}");

    // The portfolio and where-used.
    let portfolio = json(lib, &["portfolio"]);
    assert_eq!(portfolio.as_array().unwrap().len(), 1);
    assert_eq!(portfolio[0]["product"], "alpha");
    let used = json(lib, &["where-used", "pkg:npm/shared@<2.2"]);
    assert_eq!(used.as_array().unwrap().len(), 1);
    assert_eq!(used[0]["release"], "alpha 1.0");
    assert!(json(lib, &["where-used", "pkg:npm/shared@>=2.2"]).as_array().unwrap().is_empty());
    let bad = with_library(lib, &["where-used", "shared"]);
    assert_eq!(bad.status.code(), Some(2), "not a package URL: the user's to fix");
}

fn publishers_at_once_lose_nothing_and_a_killed_publish_leaves_the_library_as_it_was(lib: &str) {
    let dir = tempfile::tempdir().unwrap();
    let a = approved(lib, dir.path(), "alpha", 400, false);
    let b = approved(lib, dir.path(), "beta", 400, false);

    // Two processes publishing at once: both releases, every component of each.
    let spawn = |db: &Path| {
        Command::new(env!("CARGO_BIN_EXE_clearance"))
            .args(["library", "publish", "--db", db.to_str().unwrap()])
            .env("CLEARANCE_REVIEWER", "Rita Reviewer <rita@example.com>")
            .env("CLEARANCE_LIBRARY", lib)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    // The library exists before the publishers start (a curation made by hand), so a reader
    // racing them always finds one.
    ok(lib, &["library", "curate", "pkg:npm/unrelated@1.0.0", "--license", "MIT", "--reason", "checked by hand"]);
    let (pa, pb) = (spawn(&a), spawn(&b));
    // Reading at the same time: every answer shows releases whole (all 401 components or none).
    let mut reads = 0;
    while [&pa, &pb].iter().any(|p| p.id() > 0) && reads < 20 {
        let seen = json(lib, &["portfolio"]);
        for r in seen.as_array().unwrap() {
            assert_eq!(r["components"], 401, "a release read half-published: {r}");
        }
        reads += 1;
        if seen.as_array().unwrap().len() == 2 {
            break;
        }
    }
    for p in [pa, pb] {
        let out = p.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let portfolio = json(lib, &["portfolio"]);
    let components: Vec<i64> =
        portfolio.as_array().unwrap().iter().map(|r| r["components"].as_i64().unwrap()).collect();
    assert_eq!(components, vec![401, 401]);
    let conclusions = json(lib, &["library", "status"])["conclusions"].as_i64().unwrap();
    assert_eq!(conclusions, 802);

    // Publishes of alpha again, killed at moments spread over their run: the library is never
    // half-written — alpha is there whole (the earlier publish or the new one), never partly.
    let mut killed = 0;
    for wait_ms in [0u64, 5, 10, 20, 30, 45, 60, 80, 110, 150] {
        let mut child = spawn(&a);
        std::thread::sleep(Duration::from_millis(wait_ms));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            killed += 1;
        }
        child.wait().unwrap();
        if let Some(file) = lib.strip_prefix("sqlite:").or(Some(lib)).filter(|l| !l.starts_with("postgres")) {
            let c = rusqlite::Connection::open(file).unwrap();
            let check: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
            assert_eq!(check, "ok");
        }
        let portfolio = json(lib, &["portfolio"]);
        let alphas: Vec<&serde_json::Value> =
            portfolio.as_array().unwrap().iter().filter(|r| r["product"] == "alpha").collect();
        assert_eq!(alphas.len(), 1, "after {wait_ms} ms");
        assert_eq!(alphas[0]["components"], 401, "after {wait_ms} ms");
        assert_eq!(
            json(lib, &["where-used", "pkg:npm/p399"]).as_array().unwrap().len(),
            2,
            "after {wait_ms} ms: every component of both"
        );
        assert_eq!(json(lib, &["library", "status"])["conclusions"], 802, "after {wait_ms} ms");
    }
    eprintln!("{killed} of 10 publishes killed before they finished");
    assert!(killed > 0, "no publish was killed: the test proved nothing");
}

// Each on both stores: a library file, and a team's library on a real PostgreSQL server.
macro_rules! on_both {
    ($($name:ident),*) => {
        mod sqlite {
            $(#[test] fn $name() {
                let dir = tempfile::tempdir().unwrap();
                super::$name(dir.path().join("team/library.sqlite").to_str().unwrap());
            })*
        }
        mod postgres {
            $(#[test] fn $name() {
                let server = clearance_library::testing::ThrowawayServer::start();
                super::$name(&server.database());
            })*
        }
    };
}

on_both!(
    a_scan_takes_what_the_library_decided_on_the_same_evidence,
    publishers_at_once_lose_nothing_and_a_killed_publish_leaves_the_library_as_it_was
);
