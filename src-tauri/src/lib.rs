//! The Clearance desktop shell: Tauri commands that convert, call `clearance-app`, and convert
//! back. No review logic lives here.

pub mod commands;

use tauri::Manager;

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let data = app.path().app_data_dir()?;
            std::fs::create_dir_all(&data)?;
            let sample = app.path().resource_dir()?.join("sample-release");
            app.manage(commands::Paths { data, sample });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![commands::app_info, commands::scan_sample])
        .run(tauri::generate_context!("tauri.conf.json"))
        .expect("error while running the Clearance desktop app");
}
