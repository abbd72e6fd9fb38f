//! Tauri commands. Each is a few lines: convert, call `clearance-app` off the UI thread,
//! convert back. Errors cross IPC as `{ code, message }`.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

use clearance_app::{AppError, AppInfo, Reporter, ScanOptions, Summary};
use serde::Serialize;
use tauri::ipc::Channel;

/// Where the app keeps its reviews and finds its bundled sample release.
pub struct Paths {
    pub data: PathBuf,
    pub sample: PathBuf,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct IpcError {
    pub code: &'static str,
    pub message: String,
}

impl From<AppError> for IpcError {
    fn from(e: AppError) -> Self {
        IpcError { code: e.code(), message: e.to_string() }
    }
}

/// Progress of a scan, streamed to the UI.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case", rename_all_fields = "camelCase")]
pub enum ScanEvent {
    Started { total: u64 },
    Progress { done: u64, total: u64, path: String },
}

#[tauri::command]
pub fn app_info() -> AppInfo {
    clearance_app::app_info()
}

/// Scan the bundled sample release into the app's data folder and summarise it.
#[tauri::command]
pub async fn scan_sample(paths: tauri::State<'_, Paths>, on_progress: Channel<ScanEvent>) -> Result<Summary, IpcError> {
    let sample = paths.sample.clone();
    let db = paths.data.join("sample-release.clearance");
    blocking(move || scan_into(&db, &[sample], &ChannelReporter::new(on_progress))).await
}

/// Scan and summarise: what the scan commands share, callable without a webview (tests).
pub fn scan_into(db: &Path, roots: &[PathBuf], reporter: &dyn Reporter) -> Result<Summary, AppError> {
    clearance_app::scan(db, roots, &ScanOptions::default(), reporter, &AtomicBool::new(false))?;
    clearance_app::summary(db)
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T, AppError> + Send + 'static) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| IpcError { code: "internal", message: e.to_string() })?
        .map_err(IpcError::from)
}

/// Sends progress at most every 50 ms so the UI is never flooded.
pub struct ChannelReporter {
    channel: Channel<ScanEvent>,
    total: AtomicU64,
    done: AtomicU64,
    last: Mutex<Instant>,
}

impl ChannelReporter {
    pub fn new(channel: Channel<ScanEvent>) -> Self {
        ChannelReporter { channel, total: AtomicU64::new(0), done: AtomicU64::new(0), last: Mutex::new(Instant::now()) }
    }
}

impl Reporter for ChannelReporter {
    fn started(&self, total: u64) {
        self.total.store(total, Ordering::Relaxed);
        let _ = self.channel.send(ScanEvent::Started { total });
    }

    fn file_done(&self, path: &str, _bytes: u64) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let total = self.total.load(Ordering::Relaxed);
        if let Ok(mut last) = self.last.try_lock()
            && (last.elapsed().as_millis() >= 50 || done == total)
        {
            *last = Instant::now();
            let _ = self.channel.send(ScanEvent::Progress { done, total, path: path.to_string() });
        }
    }
}
