//! The Clearance desktop shell: Tauri commands that check, call `clearance-app`, and convert
//! back. No review logic lives here.

pub mod commands;
pub mod dialogs;

#[cfg(test)]
mod bindings;

use tauri::{Emitter, Manager};

/// Every command the UI may call. `build.rs` lists the same names for the capability file.
macro_rules! app_commands {
    () => {
        tauri::generate_handler![
            commands::app_info,
            commands::recent_reviews,
            commands::open_recent,
            commands::open_review_dialog,
            commands::pick_folders,
            commands::chosen_folders,
            commands::forget_folder,
            commands::scan_folders,
            commands::scan_sample,
            commands::rescan,
            commands::cancel_scan,
            commands::overview,
            commands::component_page,
            commands::component_facets,
            commands::component_detail,
            commands::component_files,
            commands::file_content,
            commands::reference_diff,
            commands::complete_license,
            commands::check_expression,
            commands::obligations,
            commands::audit_log,
            commands::who_am_i,
            commands::set_reviewer,
            commands::conclude,
            commands::comment,
            commands::false_positive,
            commands::exclude,
            commands::sign_off,
            commands::bulk,
            commands::set_distribution,
            commands::set_product,
            commands::approve,
            commands::reopen,
            commands::pick_export_folder,
            commands::export_formats,
            commands::export,
        ]
    };
}

pub fn run() {
    let dialogs = match dialogs::Dialogs::from_env() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("clearance: {e}");
            std::process::exit(2);
        }
    };
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let data = match std::env::var_os("CLEARANCE_DATA_DIR") {
                Some(d) => d.into(),
                None => app.path().app_data_dir()?,
            };
            std::fs::create_dir_all(&data)?;
            let sample = app.path().resource_dir()?.join("sample-release");
            app.manage(commands::AppState::new(data, sample, dialogs.clone()));
            Ok(())
        })
        .on_window_event(|window, event| {
            // Folders dropped on the window join the next scan, as if picked in the dialog.
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                let state = window.state::<commands::AppState>();
                let all = commands::grant_folders(&state, paths.clone());
                let _ = window.emit("folders-chosen", all);
            }
        })
        .invoke_handler(app_commands!())
        .run(tauri::generate_context!("tauri.conf.json"))
        .expect("error while running the Clearance desktop app");
}
