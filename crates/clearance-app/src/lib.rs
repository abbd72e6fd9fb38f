//! Placeholder; filled in below.
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    pub spdx_list_version: &'static str,
    pub licenses: usize,
}

pub fn app_info() -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        spdx_list_version: clearance_licenses::spdx_list_version(),
        licenses: clearance_licenses::licenses().count(),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Other(String),
}
impl AppError {
    pub fn code(&self) -> &'static str {
        "other"
    }
}
#[derive(Debug, Clone, Serialize)]
pub struct Summary {}
pub fn summary(_p: &std::path::Path) -> Result<Summary, AppError> {
    Ok(Summary {})
}
