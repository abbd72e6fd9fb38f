//! The reviews a person opened lately, newest first, kept in a small JSON file beside the
//! app's data. A missing or damaged file is an empty list, never an error: it is a convenience.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{AppError, Result};

/// How many reviews the list keeps.
pub const KEEP: usize = 20;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecentReview {
    pub path: String,
    pub name: String,
    pub opened_at: String,
    /// False when the file is gone (moved, deleted) since it was opened.
    #[serde(default)]
    pub exists: bool,
    /// Shipped components, concluded, approved — read when the list is, never stored.
    #[serde(default, skip_deserializing)]
    pub progress: Option<clearance_store::Progress>,
}

pub fn load(list: &Path) -> Vec<RecentReview> {
    let mut items: Vec<RecentReview> =
        std::fs::read(list).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
    for r in &mut items {
        r.exists = Path::new(&r.path).is_file();
        r.progress = if r.exists { clearance_store::progress(Path::new(&r.path)) } else { None };
    }
    items
}

/// Put a review at the top of the list.
pub fn remember(list: &Path, review: &Path, name: &str) -> Result<Vec<RecentReview>> {
    let path = review.display().to_string();
    let mut items = load(list);
    items.retain(|r| r.path != path);
    items.insert(
        0,
        RecentReview {
            path,
            name: name.to_string(),
            opened_at: crate::now(),
            exists: review.is_file(),
            progress: clearance_store::progress(review),
        },
    );
    items.truncate(KEEP);
    // Progress is read with the list, not kept in it.
    let stored: Vec<RecentReview> = items.iter().map(|r| RecentReview { progress: None, ..r.clone() }).collect();
    write_atomically(list, &serde_json::to_vec_pretty(&stored).expect("plain data serialises"))?;
    Ok(items)
}

/// Is this review on the list? (The desktop opens only reviews its user picked.)
pub fn contains(list: &Path, review: &Path) -> bool {
    let path = review.display().to_string();
    load(list).iter().any(|r| r.path == path)
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let err = |e: std::io::Error| AppError::Path { path: path.to_path_buf(), reason: e.to_string() };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(err)?;
    }
    let tmp: PathBuf = path.with_extension("tmp");
    std::fs::write(&tmp, bytes).map_err(err)?;
    std::fs::rename(&tmp, path).map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_without_duplicates_and_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("recent.json");
        assert!(load(&list).is_empty());
        let a = dir.path().join("a.clearance");
        std::fs::write(&a, b"").unwrap();
        remember(&list, &a, "a").unwrap();
        remember(&list, &dir.path().join("b.clearance"), "b").unwrap();
        let items = remember(&list, &a, "a again").unwrap();
        assert_eq!(items.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["a again", "b"]);
        let loaded = load(&list);
        assert_eq!(loaded.len(), 2);
        assert!(loaded[0].exists && !loaded[1].exists);
        assert!(contains(&list, &a) && !contains(&list, &dir.path().join("c.clearance")));
        for i in 0..30 {
            remember(&list, &dir.path().join(format!("{i}.clearance")), "x").unwrap();
        }
        assert_eq!(load(&list).len(), KEEP);
    }

    #[test]
    fn a_review_in_the_list_says_how_far_it_is_and_is_not_written_to() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("recent.json");
        let db = dir.path().join("r.clearance");
        let tree = dir.path().join("t");
        std::fs::create_dir_all(&tree).unwrap();
        std::fs::write(tree.join("Cargo.toml"), "[package]\nname = \"t\"\nversion = \"1.0.0\"\nlicense = \"MIT\"\n")
            .unwrap();
        crate::scan_as(&db, &[tree], &crate::ScanOptions::default(), &crate::SilentReporter, &Default::default(), "t")
            .unwrap();
        let empty = dir.path().join("empty.clearance");
        std::fs::write(&empty, b"").unwrap();
        remember(&list, &empty, "empty").unwrap();
        remember(&list, &db, "r").unwrap();
        let items = load(&list);
        assert_eq!(items[0].progress, Some(clearance_store::Progress { components: 1, concluded: 0, approved: false }));
        assert_eq!(items[1].progress, None, "not a review");
        assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0, "reading progress wrote to the file");
        assert!(!std::fs::read_to_string(&list).unwrap().contains("progress\": {"), "progress is not stored");
    }

    #[test]
    fn a_damaged_list_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("recent.json");
        std::fs::write(&list, b"{not json").unwrap();
        assert!(load(&list).is_empty());
        remember(&list, &dir.path().join("a.clearance"), "a").unwrap();
        assert_eq!(load(&list).len(), 1);
    }
}
