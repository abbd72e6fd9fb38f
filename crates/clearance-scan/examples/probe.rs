//! Detection on files given on the command line, printed (a tool for reading what the detectors
//! do with a header): `cargo run -p clearance-scan --example probe -- FILE...`
#![allow(clippy::print_stdout, clippy::print_stderr)]
fn main() {
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path}: unreadable");
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let kind = clearance_scan::classify(&path, &bytes);
        let d = clearance_scan::detect_text(&path, kind, &text, &clearance_scan::ScanOptions::default());
        println!("== {path} ({kind:?})");
        for f in d.findings {
            println!(
                "  {:<18} {:<40} {:.2} l{}-{} {:?} {:?} {:?}",
                f.detector.as_str(),
                f.expression.unwrap_or_default(),
                f.score,
                f.start_line,
                f.end_line,
                f.original,
                f.diagnostic,
                f.notes
            );
        }
        for c in d.copyrights {
            println!("  © {:?} holder={:?} years={:?}", c.statement, c.holder, c.years);
        }
    }
}
