//! The Clearance desktop shell: Tauri commands that convert, call `clearance-app`, and convert
//! back. No review logic lives here.

use serde::Serialize;

/// Errors cross IPC as `{ code, message }`; the UI shows the message and branches on the code.
#[derive(Debug, Serialize)]
pub struct IpcError {
    pub code: &'static str,
    pub message: String,
}

impl From<clearance_app::AppError> for IpcError {
    fn from(e: clearance_app::AppError) -> Self {
        IpcError { code: e.code(), message: e.to_string() }
    }
}

#[tauri::command]
fn app_info() -> clearance_app::AppInfo {
    clearance_app::app_info()
}

#[tauri::command]
async fn review_summary(db: String) -> Result<clearance_app::Summary, IpcError> {
    tauri::async_runtime::spawn_blocking(move || clearance_app::summary(std::path::Path::new(&db)))
        .await
        .map_err(|e| IpcError { code: "internal", message: e.to_string() })?
        .map_err(IpcError::from)
}

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(tauri::generate_handler![app_info, review_summary])
        .run(tauri::generate_context!("tauri.conf.json"))
        .expect("error while running the Clearance desktop app");
}
