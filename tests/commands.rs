//! The desktop commands as the UI calls them, minus the webview: real review files in a temp
//! folder, the real sample release.

use std::path::{Path, PathBuf};

use clearance_app::SilentReporter;
use clearance_desktop::commands::{IpcError, scan_into};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sample-release")
}

#[test]
fn scanning_the_sample_release_returns_its_summary() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sample.clearance");
    let s = scan_into(&db, &[sample()], &SilentReporter).unwrap();
    assert_eq!(s.files, 29);
    assert_eq!(s.components.len(), 7);
    assert!(s.licenses.iter().any(|l| l.license == "GPL-2.0-or-later" && l.category == "strong-copyleft"));
    // A second run (the user presses the button again) reuses everything.
    let again = scan_into(&db, &[sample()], &SilentReporter).unwrap();
    assert_eq!(again.scan.unwrap().reused, 29);
}

#[test]
fn errors_cross_ipc_as_code_and_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let err =
        scan_into(&dir.path().join("r.clearance"), &[PathBuf::from("/no/such/release")], &SilentReporter).unwrap_err();
    let ipc = IpcError::from(err);
    assert_eq!(ipc.code, "bad-input");
    assert!(ipc.message.contains("/no/such/release"), "{}", ipc.message);
    let missing = clearance_app::summary(&dir.path().join("none.clearance")).unwrap_err();
    assert_eq!(IpcError::from(missing).code, "missing");
}
