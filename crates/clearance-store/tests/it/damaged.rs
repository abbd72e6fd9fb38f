//! A review file damaged in the middle (a disk error, a copy cut short and patched, a bad sync)
//! is refused when it is opened to work in, with a sentence, not discovered one view at a time.

use std::io::{Seek, SeekFrom, Write};

use clearance_store::{Review, StoreError};

#[test]
fn a_file_damaged_in_the_middle_is_refused_on_open_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("release.clearance");
    {
        let review = Review::open_or_create(&path).unwrap();
        // Enough rows for the file to have pages well past its header.
        let text = "x".repeat(400);
        for i in 0..2000 {
            review.conn().execute("INSERT INTO meta (key, value) VALUES (?1, ?2)", (format!("k{i}"), &text)).unwrap();
        }
        assert_eq!(review.quick_check().unwrap(), "ok");
    }
    // An intact file opens checked.
    drop(Review::open_checked(&path).unwrap());

    let len = std::fs::metadata(&path).unwrap().len();
    assert!(len > 200 * 4096, "{len}");
    let mut f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    f.seek(SeekFrom::Start(len / 2 / 4096 * 4096)).unwrap();
    f.write_all(&[0xA5; 4096 * 3]).unwrap();
    drop(f);

    let err = Review::open_checked(&path).err().expect("a damaged file is refused");
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("release.clearance") && message.contains("is damaged"), "{message}");
    assert!(message.contains("backup") && message.contains("scan the release again"), "{message}");
}

#[test]
fn corruption_met_while_reading_says_the_same() {
    let e = StoreError::from(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
        Some("database disk image is malformed".into()),
    ));
    assert!(matches!(e, StoreError::Damaged { .. }), "{e:?}");
    assert!(e.to_string().starts_with("the review file is damaged (database disk image is malformed)"), "{e}");
}
