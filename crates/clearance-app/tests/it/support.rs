//! What several test files need: a file written into a tree, a tree scanned into a review.

use std::path::Path;

use clearance_app::{ScanOptions, SilentReporter, scan_as};

pub fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// Scan one folder into a review with the default options.
pub fn scan(db: &Path, tree: &Path) {
    scan_as(db, &[tree.to_path_buf()], &ScanOptions::default(), &SilentReporter, &Default::default(), "t").unwrap();
}
