//! Tauri commands. Each is a few lines: check what the UI may ask, call `clearance-app` off the
//! UI thread, convert back. Errors cross IPC as `{ code, message }`.
//!
//! Filesystem access is decided here, not by the UI: the UI never sends a path to read or
//! write. Folders to scan, reviews to open and export folders come from native dialogs (or a
//! drop on the window) run by this side, which remembers them as grants; a recent review is
//! opened by its place on the recent list.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use clearance_app::advisories::{AdvisoryImport, TriageRequest, VulnerabilityList};
use clearance_app::browse::{self, ExpressionCheck, FileContent, LicenseChoice, Overview, ReferenceDiff};
use clearance_app::bulk::{BulkReport, BulkRequest};
use clearance_app::library::LibraryView;
use clearance_app::recent::{self, RecentReview};
use clearance_app::review::{
    self as app, ApprovalState, ApproveRequest, AuditView, CommentRequest, ComponentDetail, ConcludeRequest,
    ExcludeRequest, FalsePositiveRequest, FolderMark, ObligationRow, PolicyText, ProductRequest, SignOffRequest,
};
use clearance_app::reviewer::Reviewer;
use clearance_app::supplier::{ClaimRequest, SupplierDiff};
use clearance_app::{AppError, AppInfo, ErrorCode, ExportFormat, Reporter, ScanOptions};
use clearance_library::{PublishReport, ReleaseSummary, UsedIn};
use clearance_licenses::Distribution;
use clearance_store::{
    ClaimDecision, ComponentFacets, ComponentPage, ComponentQuery, FolderView, HolderRow, ReviewDiff, Triage,
};
use serde::Serialize;
use tauri::ipc::Channel;

use crate::dialogs::Dialogs;

/// Everything the commands share: where things live, what the user granted, the open review.
pub struct AppState {
    pub data: PathBuf,
    pub sample: PathBuf,
    pub dialogs: Dialogs,
    /// The review the window shows.
    pub current: Mutex<Option<PathBuf>>,
    /// Folders the user picked or dropped for the next scan.
    pub folders: Mutex<Vec<PathBuf>>,
    /// The folder the user picked for exports.
    pub export_dir: Mutex<Option<PathBuf>>,
    /// Earlier reviews the user picked to compare the open one with.
    pub earlier: Mutex<Vec<PathBuf>>,
    pub cancel: Arc<AtomicBool>,
    /// A scan is running: one at a time (Cancel stops "the" scan, and its progress is on Home).
    scanning: Arc<AtomicBool>,
}

/// The one running scan; the next may start when this is dropped.
pub struct ScanSlot(Arc<AtomicBool>);

impl Drop for ScanSlot {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

impl AppState {
    pub fn new(data: PathBuf, sample: PathBuf, dialogs: Dialogs) -> Self {
        AppState {
            data,
            sample,
            dialogs,
            current: Mutex::new(None),
            folders: Mutex::new(Vec::new()),
            export_dir: Mutex::new(None),
            earlier: Mutex::new(Vec::new()),
            cancel: Arc::new(AtomicBool::new(false)),
            scanning: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Take the scan slot, or say that a scan is running and where to see or stop it.
    pub fn begin_scan(&self) -> Result<ScanSlot, IpcError> {
        if self.scanning.compare_exchange(false, true, Ordering::SeqCst, Ordering::SeqCst).is_err() {
            return Err(IpcError {
                code: ErrorCode::Busy,
                message: "A scan is already running: its progress and Cancel are on the Home page. Start the next one when it has finished.".into(),
            });
        }
        self.cancel.store(false, Ordering::Relaxed);
        Ok(ScanSlot(self.scanning.clone()))
    }

    fn recent_list(&self) -> PathBuf {
        self.data.join("recent.json")
    }

    fn review(&self) -> Result<PathBuf, IpcError> {
        self.current.lock().expect("state lock").clone().ok_or_else(|| IpcError {
            code: ErrorCode::NoReview,
            message: "No review is open. Open one from the home screen.".into(),
        })
    }

    /// Open a review: it becomes the current one and tops the recent list.
    pub fn open(&self, db: &Path) -> Result<ReviewOpened, AppError> {
        // Opening checks that the file is a review, whole and undamaged (and migrates it); one
        // count is all the UI needs.
        let (components, _, _, _) = clearance_store::Review::open_checked(db)?.conclusion_counts()?;
        let name = review_name(db);
        recent::remember(&self.recent_list(), db, &name)?;
        *self.current.lock().expect("state lock") = Some(db.to_path_buf());
        Ok(ReviewOpened { path: db.display().to_string(), name, components })
    }
}

fn review_name(db: &Path) -> String {
    db.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "review".into())
}

#[derive(Debug, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<AppError> for IpcError {
    fn from(e: AppError) -> Self {
        IpcError { code: e.code(), message: e.to_string() }
    }
}

type Answer<T> = Result<T, IpcError>;

/// The review now open.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReviewOpened {
    pub path: String,
    pub name: String,
    pub components: i64,
}

/// Progress of a scan, streamed to the UI.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "event", rename_all = "kebab-case", rename_all_fields = "snake_case")]
pub enum ScanEvent {
    Started { total: u64 },
    Progress { done: u64, total: u64, path: String, files_per_second: f64 },
    Skipped { path: String, reason: clearance_store::SkipReason, detail: String },
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T, AppError> + Send + 'static) -> Answer<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| IpcError { code: ErrorCode::Internal, message: e.to_string() })?
        .map_err(IpcError::from)
}

/// Run a native dialog off the UI thread (it blocks until the user answers).
async fn ask<T: Send + 'static>(
    app: tauri::AppHandle,
    state: &AppState,
    pick: impl FnOnce(&Dialogs, &tauri::AppHandle) -> T + Send + 'static,
) -> Answer<T> {
    let dialogs = state.dialogs.clone();
    tauri::async_runtime::spawn_blocking(move || pick(&dialogs, &app))
        .await
        .map_err(|e| IpcError { code: ErrorCode::Internal, message: e.to_string() })
}

fn reviewer() -> Answer<Reviewer> {
    Reviewer::resolve(None).map_err(|_| IpcError {
        code: ErrorCode::NoReviewer,
        message: "Say who you are before recording decisions: your name and e-mail (\"Who is reviewing?\" at the top of the window).".into(),
    })
}

/// The Tauri commands of `command_list.rs` lines marked `#[read]` or `#[decide]`.
macro_rules! generated_commands {
    () => {};
    (#[read] $name:ident ($($arg:ident : $ty:ty),*) -> $answer:ty = $call:path; $($rest:tt)*) => {
        #[tauri::command]
        pub async fn $name(state: tauri::State<'_, AppState>, $($arg: $ty),*) -> Answer<$answer> {
            let db = state.review()?;
            blocking(move || $call(&db, $(&$arg),*)).await
        }
        generated_commands!($($rest)*);
    };
    (#[decide] $name:ident ($($arg:ident : $ty:ty),*) -> $answer:ty = $call:path; $($rest:tt)*) => {
        #[tauri::command]
        pub async fn $name(state: tauri::State<'_, AppState>, $($arg: $ty),*) -> Answer<$answer> {
            let db = state.review()?;
            let who = reviewer()?;
            blocking(move || $call(&db, &who, $(&$arg),*)).await
        }
        generated_commands!($($rest)*);
    };
    ($name:ident ($($arg:ident : $ty:ty),*) -> $answer:ty; $($rest:tt)*) => {
        generated_commands!($($rest)*);
    };
}

with_command_list!(generated_commands);

// ----- home -----

#[tauri::command]
pub fn app_info() -> AppInfo {
    clearance_app::app_info()
}

#[tauri::command]
pub fn recent_reviews(state: tauri::State<'_, AppState>) -> Vec<RecentReview> {
    recent::load(&state.recent_list())
}

/// Open a review from the recent list (only those: the UI cannot name other files).
#[tauri::command]
pub async fn open_recent(state: tauri::State<'_, AppState>, path: String) -> Answer<ReviewOpened> {
    let db = PathBuf::from(&path);
    if !recent::contains(&state.recent_list(), &db) {
        return Err(IpcError { code: ErrorCode::BadInput, message: format!("{path} is not on the recent list.") });
    }
    Ok(state.open(&db)?)
}

/// Ask for a review file with the native dialog and open it.
#[tauri::command]
pub async fn open_review_dialog(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
) -> Answer<Option<ReviewOpened>> {
    let Some(db) = ask(app, &state, |d, app| d.pick_review(app)).await? else {
        return Ok(None);
    };
    Ok(Some(state.open(&db)?))
}

/// Ask for the review of an earlier release with the native dialog, to compare the open one
/// with (`changes_since`); it is not opened.
#[tauri::command]
pub async fn pick_earlier_review(app: tauri::AppHandle, state: tauri::State<'_, AppState>) -> Answer<Option<String>> {
    let picked = ask(app, &state, |d, app| d.pick_earlier_review(app)).await?;
    let Some(path) = picked else { return Ok(None) };
    let shown = path.display().to_string();
    let mut granted = state.earlier.lock().expect("state lock");
    if !granted.contains(&path) {
        granted.push(path);
    }
    Ok(Some(shown))
}

/// Ask for OSV dumps with the native dialog, import them into the machine's advisory database
/// (shared with the CLI) and match the open review against it.
#[tauri::command]
pub async fn import_advisories(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
) -> Answer<Option<AdvisoryImport>> {
    let picked = ask(app, &state, |d, app| d.pick_advisory_dumps(app)).await?;
    if picked.is_empty() {
        return Ok(None);
    }
    let review = state.current.lock().expect("state lock").clone();
    blocking(move || clearance_app::advisories::import_and_match(review.as_deref(), &picked)).await.map(Some)
}

/// Ask for a supplier's SBOM with the native dialog, import it into the open review (the scan of
/// the same delivery) and answer how it compares with the scan.
#[tauri::command]
pub async fn import_supplier_sbom(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
) -> Answer<Option<SupplierDiff>> {
    let db = state.review()?;
    let Some(file) = ask(app, &state, |d, app| d.pick_supplier_sbom(app)).await? else { return Ok(None) };
    blocking(move || clearance_app::supplier::import_sbom(&db, &file)).await.map(Some)
}

/// Every release published into the machine's library; None when it has none yet.
#[tauri::command]
pub async fn portfolio() -> Answer<Option<Vec<ReleaseSummary>>> {
    blocking(clearance_app::library::portfolio_default).await
}

/// Which published releases hold a package (a purl, with a version or a range).
#[tauri::command]
pub async fn where_used(query: String) -> Answer<Vec<UsedIn>> {
    blocking(move || clearance_app::library::where_used_default(&query)).await
}

/// What changed in the open review since an earlier one: a review on the recent list or one
/// the user picked with `pick_earlier_review` (the UI cannot name other files).
#[tauri::command]
pub async fn changes_since(state: tauri::State<'_, AppState>, earlier: String) -> Answer<ReviewDiff> {
    let db = state.review()?;
    let path = PathBuf::from(&earlier);
    let granted = state.earlier.lock().expect("state lock").contains(&path);
    if !granted && !recent::contains(&state.recent_list(), &path) {
        return Err(IpcError {
            code: ErrorCode::BadInput,
            message: format!("{earlier} is neither on the recent list nor a review chosen to compare with."),
        });
    }
    tauri::async_runtime::spawn_blocking(move || app::changes_since(&db, &path))
        .await
        .map_err(|e| IpcError { code: ErrorCode::Internal, message: e.to_string() })?
        .map_err(IpcError::from)
}

/// Ask for folders to scan with the native dialog; they join the folders of the next scan.
#[tauri::command]
pub async fn pick_folders(app: tauri::AppHandle, state: tauri::State<'_, AppState>) -> Answer<Vec<String>> {
    let picked = ask(app, &state, |d, app| d.pick_folders(app)).await?;
    Ok(grant_folders(&state, picked))
}

/// Add folders the user chose (dialog or drop) to the next scan; answers the whole list.
pub fn grant_folders(state: &AppState, picked: Vec<PathBuf>) -> Vec<String> {
    let mut folders = state.folders.lock().expect("state lock");
    for p in picked {
        if !folders.contains(&p) {
            folders.push(p);
        }
    }
    folders.iter().map(|p| p.display().to_string()).collect()
}

#[tauri::command]
pub fn chosen_folders(state: tauri::State<'_, AppState>) -> Vec<String> {
    state.folders.lock().expect("state lock").iter().map(|p| p.display().to_string()).collect()
}

#[tauri::command]
pub fn forget_folder(state: tauri::State<'_, AppState>, path: String) -> Vec<String> {
    let mut folders = state.folders.lock().expect("state lock");
    folders.retain(|p| p.display().to_string() != path);
    folders.iter().map(|p| p.display().to_string()).collect()
}

// ----- scanning -----

/// Scan the chosen folders into a new review named `name` in the app's data folder.
#[tauri::command]
pub async fn scan_folders(
    state: tauri::State<'_, AppState>,
    name: String,
    on_progress: Channel<ScanEvent>,
) -> Answer<ReviewOpened> {
    let roots = state.folders.lock().expect("state lock").clone();
    if roots.is_empty() {
        return Err(IpcError { code: ErrorCode::BadInput, message: "Choose at least one folder to scan.".into() });
    }
    let db = new_review_path(&state.data, &name)?;
    run_scan(&state, db, roots, on_progress).await
}

/// Scan the bundled sample release (again, into the same review: decisions stay).
#[tauri::command]
pub async fn scan_sample(state: tauri::State<'_, AppState>, on_progress: Channel<ScanEvent>) -> Answer<ReviewOpened> {
    let db = state.data.join("reviews").join("sample-release.clearance");
    let roots = vec![state.sample.clone()];
    run_scan(&state, db, roots, on_progress).await
}

/// Scan the open review's folders again (the next release): unchanged files keep their
/// findings, decisions stay attached.
#[tauri::command]
pub async fn rescan(state: tauri::State<'_, AppState>, on_progress: Channel<ScanEvent>) -> Answer<ReviewOpened> {
    let db = state.review()?;
    let roots = clearance_store::Review::open(&db)
        .and_then(|r| r.roots())
        .map_err(|e| IpcError::from(AppError::from(e)))?
        .into_iter()
        .map(|(_, path, _)| PathBuf::from(path))
        .collect();
    run_scan(&state, db, roots, on_progress).await
}

#[tauri::command]
pub fn cancel_scan(state: tauri::State<'_, AppState>) {
    state.cancel.store(true, Ordering::Relaxed);
}

async fn run_scan(
    state: &AppState,
    db: PathBuf,
    roots: Vec<PathBuf>,
    on_progress: Channel<ScanEvent>,
) -> Answer<ReviewOpened> {
    let _slot = state.begin_scan()?;
    let cancel = state.cancel.clone();
    let target = db.clone();
    blocking(move || {
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| AppError::Path { path: dir.to_path_buf(), reason: e.to_string() })?;
        }
        clearance_app::scan(&target, &roots, &ScanOptions::default(), &ChannelReporter::new(on_progress), &cancel)
            .map(|_| ())
    })
    .await?;
    state.folders.lock().expect("state lock").clear();
    Ok(state.open(&db)?)
}

/// A file name for a new review: the name made safe, numbered when taken.
pub fn new_review_path(data: &Path, name: &str) -> Answer<PathBuf> {
    let safe: String = name
        .trim()
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '-' })
        .collect::<String>()
        .trim_matches(['-', '.'])
        .chars()
        .take(80)
        .collect();
    if safe.is_empty() {
        return Err(IpcError { code: ErrorCode::BadInput, message: "Give the review a name.".into() });
    }
    let dir = data.join("reviews");
    let mut path = dir.join(format!("{safe}.clearance"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{safe}-{n}.clearance"));
        n += 1;
    }
    Ok(path)
}

/// Sends progress at most every 50 ms so the UI is never flooded.
pub struct ChannelReporter {
    channel: Channel<ScanEvent>,
    total: AtomicU64,
    done: AtomicU64,
    started: Instant,
    last: Mutex<Instant>,
}

impl ChannelReporter {
    pub fn new(channel: Channel<ScanEvent>) -> Self {
        ChannelReporter {
            channel,
            total: AtomicU64::new(0),
            done: AtomicU64::new(0),
            started: Instant::now(),
            last: Mutex::new(Instant::now()),
        }
    }

    fn step(&self, path: &str) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let total = self.total.load(Ordering::Relaxed);
        if let Ok(mut last) = self.last.try_lock()
            && (last.elapsed().as_millis() >= 50 || done == total)
        {
            *last = Instant::now();
            let files_per_second = done as f64 / self.started.elapsed().as_secs_f64().max(0.001);
            let _ = self.channel.send(ScanEvent::Progress { done, total, path: path.to_string(), files_per_second });
        }
    }
}

impl Reporter for ChannelReporter {
    fn started(&self, total: u64) {
        self.total.store(total, Ordering::Relaxed);
        let _ = self.channel.send(ScanEvent::Started { total });
    }

    fn file_done(&self, path: &str, _bytes: u64) {
        self.step(path);
    }

    fn skipped(&self, path: &str, reason: clearance_store::SkipReason, detail: &str) {
        let _ = self.channel.send(ScanEvent::Skipped { path: path.to_string(), reason, detail: detail.to_string() });
        self.step(path);
    }
}

// ----- browsing -----

#[tauri::command]
pub async fn component_detail(state: tauri::State<'_, AppState>, id: i64) -> Answer<ComponentDetail> {
    let db = state.review()?;
    blocking(move || app::component_detail(&db, &id.to_string())).await
}

#[tauri::command]
pub async fn component_files(
    state: tauri::State<'_, AppState>,
    component: i64,
    search: String,
) -> Answer<browse::FileList> {
    let db = state.review()?;
    blocking(move || browse::component_files(&db, component, &search)).await
}

#[tauri::command]
pub async fn file_content(state: tauri::State<'_, AppState>, id: i64) -> Answer<FileContent> {
    let db = state.review()?;
    blocking(move || browse::file_content(&db, id)).await
}

#[tauri::command]
pub async fn reference_diff(state: tauri::State<'_, AppState>, finding: i64) -> Answer<ReferenceDiff> {
    let db = state.review()?;
    blocking(move || browse::reference_diff(&db, finding)).await
}

#[tauri::command]
pub async fn complete_license(state: tauri::State<'_, AppState>, prefix: String) -> Answer<Vec<LicenseChoice>> {
    let db = state.review()?;
    blocking(move || browse::complete_license(&db, &prefix, 12)).await
}

// ----- decisions -----

#[tauri::command]
pub fn who_am_i() -> Option<String> {
    Reviewer::resolve(None).ok().map(|r| r.to_string())
}

#[tauri::command]
pub fn set_reviewer(name: String) -> Answer<String> {
    let r = Reviewer::parse(&name)?;
    r.save()?;
    Ok(r.to_string())
}

// ----- export -----

/// Ask for the export folder with the native dialog.
#[tauri::command]
pub async fn pick_export_folder(app: tauri::AppHandle, state: tauri::State<'_, AppState>) -> Answer<Option<String>> {
    let picked = ask(app, &state, |d, app| d.pick_export_folder(app)).await?;
    let shown = picked.as_ref().map(|p| p.display().to_string());
    if picked.is_some() {
        *state.export_dir.lock().expect("state lock") = picked;
    }
    Ok(shown)
}

/// Export formats the UI offers: (key, file name suffix, what it is).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ExportChoice {
    pub key: ExportFormat,
    pub file: String,
    pub title: String,
}

#[tauri::command]
pub fn export_formats() -> Vec<ExportChoice> {
    ExportFormat::ALL
        .iter()
        .map(|(_, f)| ExportChoice { key: *f, file: export_file_name("review", *f), title: f.title().into() })
        .collect()
}

fn export_file_name(review: &str, f: ExportFormat) -> String {
    format!("{review}{}", f.file_suffix())
}

/// Write the chosen formats into the chosen export folder; answers the files written.
#[tauri::command]
pub async fn export(state: tauri::State<'_, AppState>, formats: Vec<ExportFormat>) -> Answer<Vec<String>> {
    let db = state.review()?;
    let dir = state.export_dir.lock().expect("state lock").clone().ok_or_else(|| IpcError {
        code: ErrorCode::BadInput,
        message: "Choose the folder to export to first.".into(),
    })?;
    if formats.is_empty() {
        return Err(IpcError { code: ErrorCode::BadInput, message: "Choose at least one format.".into() });
    }
    blocking(move || {
        let written = clearance_app::export_many(&db, &formats, &dir, &clearance_app::export_context())?;
        Ok(written.iter().map(|p| p.display().to_string()).collect())
    })
    .await
}
