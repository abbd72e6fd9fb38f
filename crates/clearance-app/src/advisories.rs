//! Known vulnerabilities offline: the machine's advisory database (OSV dumps imported by the
//! user), shared by every review, in the app's data folder unless another is named.

use std::path::{Path, PathBuf};

use clearance_advisories::{AdvisoryDb, ImportReport, Status};

use crate::Result;

/// The desktop app's identifier: its data folder is `$XDG_DATA_HOME/<identifier>`.
const APP_ID: &str = "dev.clearance.app";

/// Where the advisory database lives by default: the app's data folder (`CLEARANCE_DATA_DIR`,
/// else `$XDG_DATA_HOME/dev.clearance.app`, else `~/.local/share/dev.clearance.app`) — the same
/// one the desktop app uses, so the CLI and the app share it.
pub fn default_path() -> PathBuf {
    data_dir().join("advisories.sqlite")
}

fn data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("CLEARANCE_DATA_DIR") {
        return d.into();
    }
    let base = std::env::var_os("XDG_DATA_HOME").map(PathBuf::from).filter(|p| p.is_absolute()).unwrap_or_else(|| {
        std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(".")).join(".local/share")
    });
    base.join(APP_ID)
}

/// Import OSV dumps (zips, folders, record files) into the database at `db`.
pub fn import(db: &Path, sources: &[PathBuf]) -> Result<ImportReport> {
    Ok(AdvisoryDb::open(db)?.import(sources)?)
}

/// What the database at `db` holds, and how old it is.
pub fn status(db: &Path) -> Result<Status> {
    Ok(AdvisoryDb::open(db)?.status(time::OffsetDateTime::now_utc())?)
}
