//! Importing the OSV project's dumps into the advisory database: two real, unedited dumps
//! (`fixtures/osv/`: RustSec for crates.io, PyPA for PyPI), and small zips made here for what no
//! real dump holds (each says so).

use std::io::Write;
use std::path::{Path, PathBuf};

use clearance_advisories::{AdvisoryDb, AdvisoryError};
use time::macros::datetime;

fn dump(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/osv").join(name)
}

/// A zip of the given entries (name, contents), made for a case no real dump shows.
fn zip_of(path: &Path, entries: &[(&str, &[u8])]) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in entries {
        z.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

/// How many records a dump holds: its .json entries, counted by the zip's own directory.
fn entries(path: &Path) -> usize {
    let z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    z.file_names().filter(|n| n.ends_with(".json")).count()
}

fn record(id: &str, modified: &str, package: &str) -> Vec<u8> {
    format!(
        r#"{{"id": "{id}", "modified": "{modified}", "aliases": ["CVE-2099-0001"], "summary": "made for a test",
            "affected": [{{"package": {{"ecosystem": "crates.io", "name": "{package}"}},
                          "ranges": [{{"type": "SEMVER", "events": [{{"introduced": "0"}}, {{"fixed": "1.0.0"}}]}}]}}]}}"#
    )
    .into_bytes()
}

#[test]
fn the_real_dumps_import_whole_and_say_how_current_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = AdvisoryDb::open(&dir.path().join("advisories.sqlite")).unwrap();
    let report = db.import(&[dump("crates.io-all.zip"), dump("PyPI-all.zip")]).unwrap();
    assert!(!report.failed(), "{report:?}");
    let [rust, pypi] = report.sources.as_slice() else { panic!("{report:?}") };
    // Every entry of both dumps is an OSV record, and each is imported (the RustSec zip holds
    // 1,206, though its README says 1,207; PyPA's 2,661).
    let (n_rust, n_pypi) = (entries(&dump("crates.io-all.zip")), entries(&dump("PyPI-all.zip")));
    assert_eq!((n_rust, n_pypi), (1206, 2661));
    assert_eq!((rust.added, rust.skipped.len()), (n_rust, 0), "{:?}", rust.skipped.first());
    assert_eq!((pypi.added, pypi.skipped.len()), (n_pypi, 0), "{:?}", pypi.skipped.first());

    let status = db.status(datetime!(2026-12-06 00:00 UTC)).unwrap();
    assert_eq!(status.records as usize, n_rust + n_pypi);
    let eco =
        |name: &str| status.ecosystems.iter().find(|e| e.ecosystem == name).unwrap_or_else(|| panic!("{status:?}"));
    assert_eq!(eco("crates.io").records as usize, n_rust);
    assert_eq!(eco("PyPI").records as usize, n_pypi);
    // RustSec's dump is of 2026-08-21; PyPA's of 2024-10-10: their newest records say so.
    assert!(eco("crates.io").newest.starts_with("2026-08-2"), "{:?}", eco("crates.io"));
    assert!((100..=110).contains(&eco("crates.io").age_days), "{:?}", eco("crates.io"));
    assert!(eco("PyPI").newest.as_str() <= "2024-10-11", "{:?}", eco("PyPI"));
    // A package's records, by its name as OSV spells it.
    assert_eq!(db.records_for("crates.io", "tree-sitter-pkl").unwrap(), vec!["RUSTSEC-2025-0156".to_string()]);
    let rec = db.record("RUSTSEC-2025-0156").unwrap().unwrap();
    assert_eq!(rec["affected"][0]["package"]["purl"], "pkg:cargo/tree-sitter-pkl");

    // The same dumps again: nothing new, nothing lost.
    let again = db.import(&[dump("crates.io-all.zip"), dump("PyPI-all.zip")]).unwrap();
    assert_eq!((again.added(), again.updated()), (0, 0));
    assert_eq!(again.sources.iter().map(|s| s.unchanged).sum::<usize>(), n_rust + n_pypi);
    assert_eq!(db.status(datetime!(2026-12-06 00:00 UTC)).unwrap().records as usize, n_rust + n_pypi);
}

#[test]
fn a_record_is_replaced_only_by_a_later_modified() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = AdvisoryDb::open(&dir.path().join("a.sqlite")).unwrap();
    let z = |name: &str, modified: &str, package: &str| {
        let p = dir.path().join(name);
        zip_of(&p, &[("TEST-0001.json", &record("TEST-0001", modified, package))]);
        p
    };
    assert_eq!(db.import(&[z("1.zip", "2026-01-01T00:00:00Z", "first")]).unwrap().added(), 1);
    // Older: kept as it is.
    let older = db.import(&[z("0.zip", "2025-06-01T00:00:00Z", "older")]).unwrap();
    assert_eq!((older.updated(), older.sources[0].unchanged), (0, 1));
    assert_eq!(db.records_for("crates.io", "first").unwrap().len(), 1);
    // Later: replaced, its packages with it.
    assert_eq!(db.import(&[z("2.zip", "2026-02-01T00:00:00.5Z", "second")]).unwrap().updated(), 1);
    assert!(db.records_for("crates.io", "first").unwrap().is_empty());
    assert_eq!(db.records_for("crates.io", "second").unwrap(), vec!["TEST-0001".to_string()]);
}

#[test]
fn what_is_not_an_osv_record_is_skipped_and_said_and_the_rest_imported() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = AdvisoryDb::open(&dir.path().join("a.sqlite")).unwrap();
    let p = dir.path().join("mixed.zip");
    // Made here: real dumps hold only records.
    let huge = vec![b' '; 17 * 1024 * 1024];
    zip_of(
        &p,
        &[
            ("GOOD-1.json", &record("GOOD-1", "2026-01-01T00:00:00Z", "good")),
            ("notes.txt", b"not a record"),
            ("BAD-JSON.json", b"{ nope"),
            ("NO-ID.json", br#"{"modified": "2026-01-01T00:00:00Z"}"#),
            ("BAD-TIME.json", br#"{"id": "X", "modified": "yesterday"}"#),
            ("LATIN1.json", b"{\"id\": \"caf\xe9\"}"),
            ("HUGE.json", &huge),
        ],
    );
    let report = db.import(&[p]).unwrap();
    let s = &report.sources[0];
    assert_eq!(s.added, 1);
    let reasons: Vec<(&str, &str)> = s.skipped.iter().map(|k| (k.entry.as_str(), k.reason.as_str())).collect();
    assert_eq!(reasons.len(), 6, "{reasons:?}");
    let why = |entry: &str| reasons.iter().find(|(e, _)| *e == entry).map(|(_, r)| *r).unwrap_or_default();
    assert_eq!(why("notes.txt"), "not a .json record");
    assert!(why("BAD-JSON.json").starts_with("not an OSV record"));
    assert!(why("NO-ID.json").contains("missing field `id`"), "{}", why("NO-ID.json"));
    assert!(why("BAD-TIME.json").contains("'modified' is not a time"));
    assert_eq!(why("LATIN1.json"), "not UTF-8 text");
    assert_eq!(why("HUGE.json"), "larger than 16 MiB");
}

#[test]
fn a_damaged_archive_imports_nothing_and_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = AdvisoryDb::open(&dir.path().join("a.sqlite")).unwrap();
    let good = dir.path().join("good.zip");
    zip_of(&good, &[("TEST-1.json", &record("TEST-1", "2026-01-01T00:00:00Z", "kept"))]);
    db.import(&[good]).unwrap();
    // The real RustSec dump, cut in half (a broken download), and with bytes changed in the
    // middle of its compressed data (a bad copy).
    let real = std::fs::read(dump("crates.io-all.zip")).unwrap();
    let cut = dir.path().join("cut.zip");
    std::fs::write(&cut, &real[..real.len() / 2]).unwrap();
    let mut flipped = real.clone();
    let mid = flipped.len() / 2;
    for b in &mut flipped[mid..mid + 4096] {
        *b ^= 0x5a;
    }
    let bad = dir.path().join("flipped.zip");
    std::fs::write(&bad, &flipped).unwrap();
    let report = db.import(&[cut, bad, dir.path().join("missing.zip")]).unwrap();
    assert!(report.sources.iter().all(|s| s.failed.is_some() && s.added == 0), "{report:?}");
    assert!(report.sources[0].failed.as_deref().unwrap().contains("not a zip archive, or a damaged one"));
    assert!(report.sources[2].failed.as_deref().unwrap().contains("cannot read it"));
    let status = db.status(datetime!(2026-12-06 00:00 UTC)).unwrap();
    assert_eq!(status.records, 1, "only the record imported before: {status:?}");
}

#[test]
fn a_folder_of_records_and_dumps_imports_as_one_source() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("osv");
    std::fs::create_dir_all(src.join("crates.io")).unwrap();
    std::fs::write(src.join("crates.io/ONE.json"), record("ONE", "2026-01-01T00:00:00Z", "one")).unwrap();
    std::fs::copy(dump("crates.io-all.zip"), src.join("all.zip")).unwrap();
    let mut db = AdvisoryDb::open(&dir.path().join("a.sqlite")).unwrap();
    let report = db.import(&[src]).unwrap();
    assert_eq!(report.sources.len(), 1);
    assert_eq!(report.added(), 1 + entries(&dump("crates.io-all.zip")), "{:?}", report.sources[0].skipped.first());
}

#[test]
fn a_file_that_is_not_the_advisory_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("review.sqlite");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE files (id INTEGER PRIMARY KEY);").unwrap();
    drop(conn);
    assert!(matches!(AdvisoryDb::open(&other), Err(AdvisoryError::NotADatabase { .. })));
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "hello, this is not SQLite at all, just some words to fill a page").unwrap();
    assert!(AdvisoryDb::open(&text).is_err());
}

/// A zip bomb: an entry that inflates far beyond any record (256 MiB of zeros, a quarter of a
/// MiB compressed). Reading stops at the record limit: the entry is skipped and said, the
/// records beside it imported.
#[test]
fn a_zip_bomb_entry_is_read_only_up_to_the_record_limit_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = AdvisoryDb::open(&dir.path().join("a.sqlite")).unwrap();
    let p = dir.path().join("bomb.zip");
    {
        let mut z = zip::ZipWriter::new(std::fs::File::create(&p).unwrap());
        z.start_file("GOOD-1.json", zip::write::SimpleFileOptions::default()).unwrap();
        z.write_all(&record("GOOD-1", "2026-01-01T00:00:00Z", "good")).unwrap();
        z.start_file("BOMB.json", zip::write::SimpleFileOptions::default()).unwrap();
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..256 {
            z.write_all(&zeros).unwrap();
        }
        z.finish().unwrap();
    }
    assert!(std::fs::metadata(&p).unwrap().len() < 2 * 1024 * 1024, "the bomb is small on disk");
    let report = db.import(&[p]).unwrap();
    let s = &report.sources[0];
    assert_eq!(s.added, 1);
    assert_eq!(s.skipped.len(), 1);
    assert_eq!((s.skipped[0].entry.as_str(), s.skipped[0].reason.as_str()), ("BOMB.json", "larger than 16 MiB"));
}
