//! The Clearance desktop shell: Tauri commands that check, call `clearance-app`, and convert
//! back. No review logic lives here.

include!("command_list.rs");

pub mod commands;
pub mod dialogs;

#[cfg(test)]
mod bindings;

use tauri::{Emitter, Manager};

/// The handler of every command in `command_list.rs`: `commands::<name>` each.
macro_rules! handler {
    ($($(#[$kind:ident])? $name:ident ($($arg:ident : $ty:ty),*) -> $answer:ty $(= $call:path)?;)*) => {
        tauri::generate_handler![$(commands::$name),*]
    };
}

/// Every command the UI may call, by name (`command_list.rs`).
pub const COMMANDS: &[&str] = with_command_list!(command_names);

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
        .invoke_handler(with_command_list!(handler))
        .run(tauri::generate_context!("tauri.conf.json"))
        .expect("error while running the Clearance desktop app");
}
