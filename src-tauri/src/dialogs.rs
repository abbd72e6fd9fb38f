//! Native file dialogs, run by the Rust side so that every path the app reads or writes was
//! chosen by its user. WebDriver cannot drive a GTK dialog, so end-to-end tests set
//! `CLEARANCE_SCRIPTED_DIALOGS` to a JSON file of answers (`{"folders": [...], "review": "...",
//! "earlier": "...", "export": "...", "advisories": [...], "sbom": "..."}`); everything after the dialog is the real path.

use std::path::PathBuf;
use std::sync::Arc;

use serde::Deserialize;
use tauri_plugin_dialog::DialogExt;

#[derive(Clone)]
pub enum Dialogs {
    Native,
    Scripted(Arc<Answers>),
}

#[derive(Debug, Default, Deserialize)]
pub struct Answers {
    #[serde(default)]
    pub folders: Vec<PathBuf>,
    pub review: Option<PathBuf>,
    /// The earlier review to compare the open one with.
    pub earlier: Option<PathBuf>,
    pub export: Option<PathBuf>,
    /// OSV dumps to import into the machine's advisory database.
    #[serde(default)]
    pub advisories: Vec<PathBuf>,
    /// A supplier's SBOM to compare with the scan.
    pub sbom: Option<PathBuf>,
}

impl Dialogs {
    /// Native dialogs, unless the environment scripts them (tests).
    pub fn from_env() -> Result<Dialogs, String> {
        match std::env::var_os("CLEARANCE_SCRIPTED_DIALOGS") {
            None => Ok(Dialogs::Native),
            Some(file) => {
                let text = std::fs::read_to_string(&file)
                    .map_err(|e| format!("CLEARANCE_SCRIPTED_DIALOGS {}: {e}", file.to_string_lossy()))?;
                let answers: Answers = serde_json::from_str(&text)
                    .map_err(|e| format!("CLEARANCE_SCRIPTED_DIALOGS {}: {e}", file.to_string_lossy()))?;
                Ok(Dialogs::Scripted(Arc::new(answers)))
            }
        }
    }

    pub fn pick_folders(&self, app: &tauri::AppHandle) -> Vec<PathBuf> {
        match self {
            Dialogs::Scripted(a) => a.folders.clone(),
            Dialogs::Native => app
                .dialog()
                .file()
                .set_title("Folders to scan")
                .blocking_pick_folders()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|p| p.into_path().ok())
                .collect(),
        }
    }

    pub fn pick_review(&self, app: &tauri::AppHandle) -> Option<PathBuf> {
        match self {
            Dialogs::Scripted(a) => a.review.clone(),
            Dialogs::Native => review_file(app, "Open a review"),
        }
    }

    pub fn pick_earlier_review(&self, app: &tauri::AppHandle) -> Option<PathBuf> {
        match self {
            Dialogs::Scripted(a) => a.earlier.clone(),
            Dialogs::Native => review_file(app, "The review of an earlier release"),
        }
    }

    pub fn pick_advisory_dumps(&self, app: &tauri::AppHandle) -> Vec<PathBuf> {
        match self {
            Dialogs::Scripted(a) => a.advisories.clone(),
            Dialogs::Native => app
                .dialog()
                .file()
                .set_title("OSV advisory dumps to import (ECOSYSTEM/all.zip)")
                .add_filter("OSV dump", &["zip", "json"])
                .blocking_pick_files()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|p| p.into_path().ok())
                .collect(),
        }
    }

    pub fn pick_supplier_sbom(&self, app: &tauri::AppHandle) -> Option<PathBuf> {
        match self {
            Dialogs::Scripted(a) => a.sbom.clone(),
            Dialogs::Native => app
                .dialog()
                .file()
                .set_title("The supplier's SBOM (CycloneDX JSON, SPDX)")
                .add_filter("SBOM", &["json", "spdx", "jsonld"])
                .blocking_pick_file()
                .and_then(|p| p.into_path().ok()),
        }
    }

    pub fn pick_export_folder(&self, app: &tauri::AppHandle) -> Option<PathBuf> {
        match self {
            Dialogs::Scripted(a) => a.export.clone(),
            Dialogs::Native => app
                .dialog()
                .file()
                .set_title("Export into this folder")
                .blocking_pick_folder()
                .and_then(|p| p.into_path().ok()),
        }
    }
}

/// The native dialog for one review file (`*.clearance`).
fn review_file(app: &tauri::AppHandle, title: &str) -> Option<PathBuf> {
    app.dialog()
        .file()
        .set_title(title)
        .add_filter("Clearance review", &["clearance"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}
