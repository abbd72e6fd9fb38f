//! The desktop shell's own logic, minus the webview: review naming, folder grants, opening a
//! review (recent list), progress over a real `Channel`. Real review files, the real sample.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use clearance_app::{ErrorCode, Reporter};
use clearance_desktop::commands::{AppState, ChannelReporter, IpcError, grant_folders, new_review_path};
use clearance_desktop::dialogs::Dialogs;
use tauri::ipc::{Channel, InvokeResponseBody};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sample-release")
}

#[test]
fn new_reviews_get_safe_unique_file_names() {
    let dir = tempfile::tempdir().unwrap();
    let p = new_review_path(dir.path(), "  Release 2.4 / final  ").unwrap();
    assert_eq!(p, dir.path().join("reviews/Release-2.4---final.clearance"));
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, b"").unwrap();
    assert_eq!(
        new_review_path(dir.path(), "Release 2.4 / final").unwrap().file_name().unwrap(),
        "Release-2.4---final-2.clearance"
    );
    // Nothing can climb out of the reviews folder.
    let up = new_review_path(dir.path(), "../../etc/passwd").unwrap();
    assert_eq!(up.parent().unwrap(), dir.path().join("reviews"));
    let err = new_review_path(dir.path(), " /// ").unwrap_err();
    assert_eq!(err.code, ErrorCode::BadInput);
}

#[test]
fn chosen_folders_accumulate_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::new(dir.path().into(), sample(), Dialogs::Native);
    grant_folders(&state, vec!["/a".into(), "/b".into()]);
    let all = grant_folders(&state, vec!["/b".into(), "/c".into()]);
    assert_eq!(all, ["/a", "/b", "/c"]);
}

#[test]
fn opening_a_review_puts_it_on_the_recent_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sample.clearance");
    clearance_app::scan(&db, &[sample()], &Default::default(), &clearance_app::SilentReporter, &Default::default())
        .unwrap();
    let state = AppState::new(dir.path().join("data"), sample(), Dialogs::Native);
    let opened = state.open(&db).unwrap();
    assert_eq!(opened.name, "sample");
    assert_eq!(opened.components, 7);
    let recent = clearance_app::recent::load(&dir.path().join("data/recent.json"));
    assert_eq!(recent[0].path, db.display().to_string());
    // Not a review: a clear error, and the list is unchanged.
    let junk = dir.path().join("junk.clearance");
    std::fs::write(&junk, b"not sqlite at all, just text").unwrap();
    let err = IpcError::from(state.open(&junk).unwrap_err());
    assert_eq!(err.code, ErrorCode::NotAReview, "{err:?}");
    assert_eq!(clearance_app::recent::load(&dir.path().join("data/recent.json")).len(), 1);
    // A review damaged in the middle: refused on open with a sentence that says what to do.
    let damaged = dir.path().join("damaged.clearance");
    std::fs::copy(&db, &damaged).unwrap();
    let mut bytes = std::fs::read(&damaged).unwrap();
    assert!(bytes.len() > 16 * 4096, "{}", bytes.len());
    let middle = bytes.len() / 2 / 4096 * 4096;
    bytes[middle..middle + 3 * 4096].fill(0xA5);
    std::fs::write(&damaged, &bytes).unwrap();
    let err = IpcError::from(state.open(&damaged).unwrap_err());
    assert_eq!(err.code, ErrorCode::Damaged, "{err:?}");
    assert!(err.message.contains("damaged.clearance") && err.message.contains("backup"), "{}", err.message);
    assert_eq!(clearance_app::recent::load(&dir.path().join("data/recent.json")).len(), 1);
}

#[test]
fn one_scan_runs_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::new(dir.path().into(), sample(), Dialogs::Native);
    let slot = state.begin_scan().unwrap();
    let err = state.begin_scan().err().expect("a second scan is refused while one runs");
    assert_eq!(err.code, ErrorCode::Busy);
    assert!(err.message.contains("Home page"), "{}", err.message);
    drop(slot);
    drop(state.begin_scan().expect("the next scan may start once the first is over"));
}

#[test]
fn scan_progress_streams_over_a_channel() {
    let got: Arc<Mutex<Vec<serde_json::Value>>> = Arc::default();
    let sink = got.clone();
    let channel: Channel<clearance_desktop::commands::ScanEvent> = Channel::new(move |body| {
        if let InvokeResponseBody::Json(s) = body {
            sink.lock().unwrap().push(serde_json::from_str(&s).unwrap());
        }
        Ok(())
    });
    let reporter = ChannelReporter::new(channel);
    let dir = tempfile::tempdir().unwrap();
    clearance_app::scan(
        &dir.path().join("r.clearance"),
        &[sample()],
        &Default::default(),
        &reporter,
        &Default::default(),
    )
    .unwrap();
    reporter.skipped("x/y", clearance_store::SkipReason::TooLarge, "40 MiB");
    let events = got.lock().unwrap();
    assert_eq!(events[0]["event"], "started");
    let total = events[0]["total"].as_u64().unwrap();
    assert!(total >= 29);
    let last_progress = events.iter().rev().find(|e| e["event"] == "progress").unwrap();
    assert_eq!(last_progress["done"].as_u64(), Some(total), "the last file is always reported");
    assert!(last_progress["files_per_second"].as_f64().unwrap() > 0.0);
    assert!(events.iter().any(|e| e["event"] == "skipped" && e["reason"] == "too-large"));
}
