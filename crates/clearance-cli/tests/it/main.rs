//! The `clearance` binary, run as a user would, on fixture trees and real review files.

mod advisories;
mod crash;
mod import;
mod library;
mod releases;
mod review;
mod usage;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn clearance(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clearance"))
        .args(args)
        .env("CLEARANCE_REVIEWER", "Rita Reviewer <rita@example.com>")
        .env("XDG_CONFIG_HOME", std::env::temp_dir().join("clearance-test-no-config"))
        // No advisory database of the machine's: a scan matches against none.
        .env("CLEARANCE_DATA_DIR", std::env::temp_dir().join("clearance-test-no-data"))
        .output()
        .expect("run clearance")
}

pub fn sample_release() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/sample-release")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Run and require success; the standard output.
pub fn ok(args: &[&str]) -> String {
    let out = clearance(args);
    assert!(out.status.success(), "{args:?}: {}{}", stdout(&out), stderr(&out));
    stdout(&out)
}

/// Run with `--json` and require success; the parsed output.
pub fn json(args: &[&str]) -> serde_json::Value {
    let mut a = args.to_vec();
    a.push("--json");
    serde_json::from_str(&ok(&a)).unwrap()
}
