//! Who the reviewer is: `--reviewer` on a command, else `CLEARANCE_REVIEWER`, else the
//! machine's configuration (`$XDG_CONFIG_HOME/clearance/config.toml`, written by
//! `clearance config reviewer`).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::{AppError, Result};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reviewer {
    pub name: String,
    pub email: Option<String>,
}

impl std::fmt::Display for Reviewer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.email {
            Some(e) => write!(f, "{} <{}>", self.name, e),
            None => f.write_str(&self.name),
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct ConfigFile {
    reviewer: Option<Reviewer>,
}

pub fn config_path() -> PathBuf {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .unwrap_or_else(|| PathBuf::from(".config"));
    base.join("clearance").join("config.toml")
}

impl Reviewer {
    /// Parse "Name <email>" or "Name".
    pub fn parse(s: &str) -> Result<Reviewer> {
        let s = s.trim();
        let (name, email) = match (s.find('<'), s.rfind('>')) {
            (Some(a), Some(b)) if b > a => (s[..a].trim(), Some(s[a + 1..b].trim().to_string())),
            _ => (s, None),
        };
        if name.is_empty() {
            return Err(AppError::Reviewer("a reviewer needs a name: \"Jane Doe <jane@example.com>\"".into()));
        }
        Ok(Reviewer { name: name.to_string(), email: email.filter(|e| !e.is_empty()) })
    }

    /// The reviewer for this command.
    pub fn resolve(given: Option<&str>) -> Result<Reviewer> {
        if let Some(g) = given {
            return Reviewer::parse(g);
        }
        if let Ok(env) = std::env::var("CLEARANCE_REVIEWER")
            && !env.trim().is_empty()
        {
            return Reviewer::parse(&env);
        }
        let path = config_path();
        if let Ok(text) = std::fs::read_to_string(&path) {
            let cfg: ConfigFile = toml::from_str(&text)
                .map_err(|e| AppError::Reviewer(format!("cannot read {}: {}", path.display(), e.message())))?;
            if let Some(r) = cfg.reviewer {
                return Ok(r);
            }
        }
        Err(AppError::Reviewer(
            "who is reviewing? Set your name once with `clearance config reviewer --name \"Jane Doe\" --email jane@example.com`, or pass --reviewer \"Jane Doe <jane@example.com>\"".into(),
        ))
    }

    /// Save as this machine's reviewer.
    pub fn save(&self) -> Result<PathBuf> {
        let path = config_path();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| AppError::Path { path: dir.to_path_buf(), reason: e.to_string() })?;
        }
        let text = toml::to_string(&ConfigFile { reviewer: Some(self.clone()) })
            .map_err(|e| AppError::Invalid(e.to_string()))?;
        std::fs::write(&path, text).map_err(|e| AppError::Path { path: path.clone(), reason: e.to_string() })?;
        Ok(path)
    }
}

/// Who a scan is recorded as when no reviewer is configured: the operating-system user.
pub fn fallback_actor() -> String {
    let user = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "unknown".into());
    format!("{user} (system user)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_forms() {
        assert_eq!(Reviewer::parse("Jane Doe <jane@example.com>").unwrap().to_string(), "Jane Doe <jane@example.com>");
        assert_eq!(Reviewer::parse("  Jane  ").unwrap(), Reviewer { name: "Jane".into(), email: None });
        assert!(Reviewer::parse(" <x@y> ").is_err());
    }
}
