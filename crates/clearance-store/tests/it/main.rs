//! The review file on real SQLite files in temporary folders.

mod damaged;
mod decisions;
mod scan_write;
