#![no_main]
//! Every archive reader on arbitrary bytes, nested archives included, with small limits: no
//! panic, no unbounded memory; an error is a sentence.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = clearance_scan::ArchiveLimits {
        depth: 3,
        total_bytes: 64 << 20,
        entries: 10_000,
        ratio: 100,
        ratio_floor: 1 << 20,
    };
    for name in ["a.zip", "a.tar", "a.tgz", "a.tar.xz", "a.tar.bz2", "a.tar.zst", "a.deb"] {
        let kind = clearance_scan::archive_kind(name).expect("an archive name");
        let _ = clearance_scan::expand_archive(name, kind, std::io::Cursor::new(data), data.len() as u64, limits, 8 << 20, &mut |_| {});
    }
});
