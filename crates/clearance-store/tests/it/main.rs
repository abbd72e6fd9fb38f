//! The review file on real SQLite files in temporary folders.

mod scan_write;
