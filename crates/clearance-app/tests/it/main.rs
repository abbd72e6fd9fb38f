//! Use cases end to end on real review files: every export format of the sample release as a
//! snapshot (update with `INSTA_UPDATE=always cargo test -p clearance-app`, then review the diff),
//! and the escaping of file-derived strings.

mod archives;
mod browse;
mod bulk;
mod decisions;
mod exports;
mod filters;
mod lockfiles;
mod real_packages;
mod references;
mod support;
