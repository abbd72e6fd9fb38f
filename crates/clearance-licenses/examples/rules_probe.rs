//! What the rule index finds in files, and what it costs: `cargo run --release -p
//! clearance-licenses --example rules_probe -- FILE…` prints each match (rule, kind, lines,
//! coverage); with `--time`, only the index's load time and the throughput over the files.
#![allow(clippy::print_stdout)]

use clearance_licenses::rules::RuleIndex;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let time_only = args.iter().any(|a| a == "--time");
    // --slow: each file's matching time in ms, its size and path (sort -rn to see the worst).
    let slowest = args.iter().any(|a| a == "--slow");
    let t = std::time::Instant::now();
    let index = RuleIndex::shared();
    println!("index: {} rules, loaded in {:.0} ms", index.rules().count(), t.elapsed().as_secs_f64() * 1e3);
    let t = std::time::Instant::now();
    let (mut bytes, mut found) = (0usize, 0usize);
    for path in args.iter().filter(|a| *a != "--time" && *a != "--slow") {
        let Ok(raw) = std::fs::read(path) else { continue };
        let text = String::from_utf8_lossy(&raw);
        bytes += text.len();
        let t1 = std::time::Instant::now();
        let matches = index.find(&text);
        if slowest {
            println!("{:.3} {} {}", t1.elapsed().as_secs_f64() * 1e3, text.len(), path);
        }
        found += matches.len();
        if time_only {
            continue;
        }
        for m in matches {
            let r = index.rule(m.rule);
            println!(
                "{path}:{}-{}  {}  [{} {}] coverage {:.2}{}",
                m.start_line,
                m.end_line,
                r.expression,
                r.kind.as_str(),
                r.id,
                m.coverage,
                if m.exact { "" } else { " (approximate)" }
            );
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!("{:.1} MB in {:.2} s ({:.1} MB/s), {found} matches", bytes as f64 / 1e6, s, bytes as f64 / 1e6 / s);
}
