//! The library's tables, as numbered migrations: each runs once, in one transaction, and the
//! file records how far it has come (`PRAGMA user_version`).

use rusqlite::Connection;

use crate::{APPLICATION_ID, LibraryError, Result};

const MIGRATIONS: &[&str] = &[r#"
-- A published release: the portfolio's row.
CREATE TABLE releases (
    id                   INTEGER PRIMARY KEY,
    product              TEXT NOT NULL,
    version              TEXT NOT NULL,
    -- the review file it was published from, as given
    review               TEXT NOT NULL,
    -- the hash of the review's last audit event when published
    audit_head           TEXT NOT NULL,
    approved             INTEGER NOT NULL,
    approved_by          TEXT,
    approved_at          TEXT,
    published_by         TEXT NOT NULL,
    published_at         TEXT NOT NULL,
    components           INTEGER NOT NULL,
    open_obligations     INTEGER NOT NULL,
    -- NULL: the review was never matched against advisories
    open_vulnerabilities INTEGER,
    -- JSON [[expression, shipped components], ...]
    license_mix          TEXT NOT NULL,
    UNIQUE (product, version)
);
-- What each release holds, for where-used.
CREATE TABLE release_components (
    release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    purl       TEXT,
    -- OSV's ecosystem and the name as it compares names (where-used's index)
    ecosystem  TEXT,
    package    TEXT NOT NULL,
    name       TEXT NOT NULL,
    version    TEXT,
    shipped    INTEGER NOT NULL,
    concluded  TEXT,
    status     TEXT
);
CREATE INDEX release_components_package ON release_components (package);
CREATE INDEX release_components_release ON release_components (release_id);
-- Conclusions: published (release_id set) or curated by hand (release_id NULL, with a reason).
CREATE TABLE decisions (
    id              INTEGER PRIMARY KEY,
    release_id      INTEGER REFERENCES releases(id) ON DELETE CASCADE,
    -- the component's key (purl:…, nv:…, root:…) and its package without the version
    key             TEXT NOT NULL,
    package         TEXT NOT NULL,
    evidence        TEXT NOT NULL,
    evidence_sha256 TEXT NOT NULL,
    expression      TEXT,
    status          TEXT NOT NULL,
    comment         TEXT,
    reviewer        TEXT NOT NULL,
    decided_at      TEXT NOT NULL,
    reason          TEXT
);
CREATE INDEX decisions_key ON decisions (key);
CREATE INDEX decisions_package ON decisions (package);
CREATE TABLE false_positives (
    release_id  INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    detector    TEXT NOT NULL,
    expression  TEXT,
    text_sha256 TEXT NOT NULL,
    reason      TEXT NOT NULL,
    reviewer    TEXT NOT NULL,
    decided_at  TEXT NOT NULL
);
CREATE INDEX false_positives_text ON false_positives (text_sha256);
CREATE TABLE exclusions (
    release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    reason     TEXT NOT NULL,
    reviewer   TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
CREATE INDEX exclusions_key ON exclusions (key);
CREATE TABLE license_refs (
    release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    id         TEXT NOT NULL,
    name       TEXT NOT NULL,
    text       TEXT NOT NULL,
    UNIQUE (release_id, id)
);
"#];

/// A library this build can read: none of its migrations newer than this build's.
fn known(at: usize) -> Result<()> {
    if at > MIGRATIONS.len() {
        return Err(LibraryError::Invalid(format!(
            "the library was written by a newer Clearance (schema {at}; this one knows {}): update Clearance",
            MIGRATIONS.len()
        )));
    }
    Ok(())
}

/// Check the file is a library (or empty) and bring it up to date, under the write lock.
pub(crate) fn migrate(conn: &mut Connection, not_ours: &dyn Fn() -> LibraryError) -> Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let id: i32 = tx.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let tables: i64 = tx.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    if id != APPLICATION_ID && (id != 0 || tables > 0) {
        return Err(not_ours());
    }
    let at: usize = tx.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
    known(at)?;
    for (n, sql) in MIGRATIONS.iter().enumerate().skip(at) {
        tx.execute_batch(sql)?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", n + 1))?;
    }
    tx.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}"))?;
    tx.commit()?;
    Ok(())
}

/// The same migrations on a PostgreSQL server: the version in a table of its own, the
/// migrations run by one client at a time (a transaction-scoped advisory lock), so a team whose
/// members start Clearance at once creates the tables once.
pub(crate) fn migrate_postgres(conn: &mut crate::db::Conn) -> Result<()> {
    // READ COMMITTED: after the lock, each statement sees what the client before committed.
    let mut tx = conn.read()?;
    tx.batch("SELECT pg_advisory_xact_lock(4365436)")?;
    tx.batch("CREATE TABLE IF NOT EXISTS clearance_library (version BIGINT NOT NULL)")?;
    let at = tx.query("SELECT coalesce(max(version), 0) FROM clearance_library", &[])?[0].i(0) as usize;
    known(at)?;
    for (n, sql) in MIGRATIONS.iter().enumerate().skip(at) {
        tx.batch(sql)?;
        tx.exec("DELETE FROM clearance_library", &[])?;
        tx.exec("INSERT INTO clearance_library (version) VALUES (?1)", &[(n + 1).into()])?;
    }
    tx.commit()
}
