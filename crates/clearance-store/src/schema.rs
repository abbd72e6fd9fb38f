//! Versioned migrations. The schema version lives in `PRAGMA user_version`; each migration runs
//! in one transaction with the version bump, so a file is always at exactly one version.

/// Migrations in order; index + 1 is the version each one produces. Never edit a released one:
/// add a new one.
pub const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE scans (
    id                INTEGER PRIMARY KEY,
    started_at        TEXT NOT NULL,
    finished_at       TEXT,
    status            TEXT NOT NULL CHECK (status IN ('running', 'complete', 'cancelled', 'interrupted', 'failed')),
    tool_version      TEXT NOT NULL,
    spdx_list_version TEXT NOT NULL,
    options           TEXT NOT NULL,
    pid               INTEGER,
    files             INTEGER NOT NULL DEFAULT 0,
    reused            INTEGER NOT NULL DEFAULT 0,
    skipped           INTEGER NOT NULL DEFAULT 0,
    bytes             INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE roots (
    id   INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);
CREATE TABLE components (
    id                INTEGER PRIMARY KEY,
    root_id           INTEGER NOT NULL REFERENCES roots(id),
    dir               TEXT NOT NULL,
    manifest_path     TEXT NOT NULL,
    ecosystem         TEXT,
    name              TEXT NOT NULL,
    version           TEXT,
    purl              TEXT,
    declared_license  TEXT,
    declared_original TEXT,
    homepage          TEXT,
    is_root           INTEGER NOT NULL DEFAULT 0,
    last_scan_id      INTEGER REFERENCES scans(id),
    UNIQUE (root_id, manifest_path)
);
CREATE INDEX components_purl ON components(purl);
CREATE TABLE files (
    id           INTEGER PRIMARY KEY,
    root_id      INTEGER NOT NULL REFERENCES roots(id),
    path         TEXT NOT NULL,
    size         INTEGER NOT NULL,
    mtime        INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    sha1         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    note         TEXT,
    component_id INTEGER REFERENCES components(id) ON DELETE SET NULL,
    scan_id      INTEGER NOT NULL REFERENCES scans(id),
    UNIQUE (root_id, path)
);
CREATE INDEX files_component ON files(component_id);
CREATE INDEX files_sha256 ON files(sha256);
CREATE INDEX files_scan ON files(scan_id);
CREATE TABLE findings (
    id           INTEGER PRIMARY KEY,
    file_id      INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    detector     TEXT NOT NULL,
    expression   TEXT,
    original     TEXT,
    score        REAL NOT NULL,
    start_line   INTEGER NOT NULL,
    end_line     INTEGER NOT NULL,
    matched_text TEXT NOT NULL,
    diagnostic   TEXT,
    notes        TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX findings_file ON findings(file_id);
-- One row per license id in a finding's expression, for counting and filtering by license.
CREATE TABLE finding_licenses (
    finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    license    TEXT NOT NULL
);
CREATE INDEX finding_licenses_license ON finding_licenses(license);
CREATE INDEX finding_licenses_finding ON finding_licenses(finding_id);
CREATE TABLE copyrights (
    id         INTEGER PRIMARY KEY,
    file_id    INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    statement  TEXT NOT NULL,
    holder     TEXT NOT NULL,
    years      TEXT,
    start_line INTEGER NOT NULL,
    end_line   INTEGER NOT NULL
);
CREATE INDEX copyrights_file ON copyrights(file_id);
CREATE TABLE skipped (
    id      INTEGER PRIMARY KEY,
    scan_id INTEGER NOT NULL REFERENCES scans(id),
    root_id INTEGER NOT NULL REFERENCES roots(id),
    path    TEXT NOT NULL,
    reason  TEXT NOT NULL,
    detail  TEXT NOT NULL
);
CREATE INDEX skipped_scan ON skipped(scan_id);
"#,
    r#"
-- Review workflow (version 2): decisions, obligations, approval, the audit log.
CREATE TABLE conclusions (
    component_id INTEGER PRIMARY KEY REFERENCES components(id) ON DELETE CASCADE,
    expression   TEXT,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'needs-info')),
    comment      TEXT,
    reviewer     TEXT NOT NULL,
    decided_at   TEXT NOT NULL,
    carried_from TEXT
);
CREATE TABLE license_refs (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    text       TEXT NOT NULL,
    reviewer   TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE annotations (
    id           INTEGER PRIMARY KEY,
    target_kind  TEXT NOT NULL CHECK (target_kind IN ('component', 'file', 'finding')),
    target_id    INTEGER NOT NULL,
    file_sha256  TEXT,
    comment      TEXT NOT NULL,
    reviewer     TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    carried_from TEXT
);
CREATE INDEX annotations_target ON annotations(target_kind, target_id);
CREATE TABLE false_positives (
    finding_id   INTEGER PRIMARY KEY REFERENCES findings(id) ON DELETE CASCADE,
    reason       TEXT NOT NULL,
    reviewer     TEXT NOT NULL,
    decided_at   TEXT NOT NULL,
    file_sha256  TEXT NOT NULL,
    carried_from TEXT
);
CREATE TABLE obligations (
    id           INTEGER PRIMARY KEY,
    component_id INTEGER NOT NULL REFERENCES components(id) ON DELETE CASCADE,
    license      TEXT NOT NULL,
    key          TEXT NOT NULL,
    kind         TEXT NOT NULL,
    scope        TEXT NOT NULL,
    summary      TEXT NOT NULL,
    derivation   TEXT,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'fulfilled', 'not-applicable', 'deferred', 'escalated')),
    note         TEXT,
    reviewer     TEXT,
    decided_at   TEXT,
    carried_from TEXT,
    UNIQUE (component_id, license, key)
);
CREATE TABLE lapsed (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    target     TEXT NOT NULL,
    decision   TEXT NOT NULL,
    reason     TEXT NOT NULL,
    lapsed_at  TEXT NOT NULL
);
CREATE TABLE approvals (
    id       INTEGER PRIMARY KEY,
    action   TEXT NOT NULL CHECK (action IN ('approve', 'reopen')),
    reviewer TEXT NOT NULL,
    at       TEXT NOT NULL,
    reason   TEXT
);
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL,
    before    TEXT,
    after     TEXT,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
"#,
    r#"
-- Version 3: texts of license and notice files (attribution files reproduce them), and
-- components excluded from attribution by a reviewer.
CREATE TABLE file_texts (
    file_id INTEGER PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,
    text    TEXT NOT NULL
);
CREATE TABLE exclusions (
    component_id INTEGER PRIMARY KEY REFERENCES components(id) ON DELETE CASCADE,
    reason       TEXT NOT NULL,
    reviewer     TEXT NOT NULL,
    decided_at   TEXT NOT NULL,
    carried_from TEXT
);
"#,
    r#"
-- Version 4: per-component figures the components table sorts and filters on (kept by the
-- scan writer, so a 5k-component table is one indexed query), and the indexes it uses.
CREATE TABLE component_stats (
    component_id INTEGER PRIMARY KEY REFERENCES components(id) ON DELETE CASCADE,
    files        INTEGER NOT NULL,
    detected     TEXT NOT NULL
);
CREATE INDEX conclusions_status ON conclusions(status);
CREATE INDEX obligations_open ON obligations(component_id, status);
CREATE INDEX components_name ON components(name COLLATE NOCASE, version);
"#,
    r#"
-- Version 5: where a component comes from. 'manifest' (a manifest file of the tree owns the
-- files under its folder), 'lockfile' (listed by a lockfile; owns no files), 'folder' (a
-- scanned folder without a manifest), 'import' (another tool's report).
ALTER TABLE components ADD COLUMN source TEXT NOT NULL DEFAULT 'manifest';
UPDATE components SET source = 'folder' WHERE manifest_path = '';
CREATE INDEX components_source ON components(root_id, source);
"#,
    r#"
-- Version 6: dependency relations. What lockfiles say (by purl, kept with the lockfile's row so
-- a re-scan that reuses the file keeps them), and the edges between components they resolve to.
CREATE TABLE lock_relations (
    file_id   INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    from_purl TEXT NOT NULL,
    to_purl   TEXT NOT NULL
);
CREATE INDEX lock_relations_file ON lock_relations(file_id);
CREATE TABLE dependencies (
    component_id INTEGER NOT NULL REFERENCES components(id) ON DELETE CASCADE,
    depends_on   INTEGER NOT NULL REFERENCES components(id) ON DELETE CASCADE,
    PRIMARY KEY (component_id, depends_on)
);
-- Deleting a component checks who depends on it.
CREATE INDEX dependencies_depends_on ON dependencies(depends_on);
"#,
    r#"
-- Version 7: the evidence a conclusion was made on: hashes of its license and notice files,
-- the expressions detected in its files and what its manifest declares, as one serialised
-- object. When it changes, the conclusion lapses. NULL for conclusions of older files until a
-- scan records what they stand on.
ALTER TABLE conclusions ADD COLUMN evidence TEXT;
"#,
    r#"
-- Version 8: exclusions the scan made (entries of a vendored package's own lockfile, marked
-- not shipped) are told apart from a reviewer's: the next release's scan decides those for its
-- own tree, so carry-over leaves them behind.
ALTER TABLE exclusions ADD COLUMN by_scan INTEGER NOT NULL DEFAULT 0;
"#,
    r#"
-- Version 9: known vulnerabilities, as the last match against the machine's advisory database
-- found them for each component (evidence, replaced by the next match; the snapshot of the
-- database it was made against is in meta 'advisories').
CREATE TABLE vulnerabilities (
    component_id INTEGER NOT NULL REFERENCES components(id) ON DELETE CASCADE,
    advisory_id  TEXT NOT NULL,
    aliases      TEXT NOT NULL,
    summary      TEXT,
    affects      TEXT NOT NULL,
    why          TEXT,
    modified     TEXT NOT NULL,
    -- the highest CVSS base score the advisory gives, its severity (none … critical), the vector
    score        REAL,
    severity     TEXT,
    vector       TEXT,
    PRIMARY KEY (component_id, advisory_id)
);
"#,
    r#"
-- Version 10: triage of known vulnerabilities (VEX), a reviewer's decision per package version
-- (purl) and advisory, with CycloneDX's analysis words; the advisory's `modified` it was made
-- on, so a changed advisory lapses it. And the advisory snapshot an approval was made against.
CREATE TABLE vex (
    purl          TEXT NOT NULL,
    advisory_id   TEXT NOT NULL,
    state         TEXT NOT NULL,
    justification TEXT,
    responses     TEXT NOT NULL DEFAULT '[]',
    note          TEXT NOT NULL,
    reviewer      TEXT NOT NULL,
    decided_at    TEXT NOT NULL,
    modified      TEXT NOT NULL,
    carried_from  TEXT,
    PRIMARY KEY (purl, advisory_id)
);
ALTER TABLE approvals ADD COLUMN advisories TEXT;
"#,
    r#"
-- Version 11: who a component's manifest (or an imported SBOM) says makes it, as written:
-- the supplier SBOMs name. NULL when it says nobody (and for reviews scanned before).
ALTER TABLE components ADD COLUMN supplier TEXT;
"#,
    r#"
-- Version 12: a reviewer's decision on a disagreement between a supplier's SBOM and the scan
-- (a package only one names, a version or license they state differently), kept with what
-- each side said: when either changes, the decision no longer applies.
CREATE TABLE supplier_claims (
    package    TEXT NOT NULL,
    kind       TEXT NOT NULL,
    claim      TEXT NOT NULL,
    evidence   TEXT NOT NULL,
    state      TEXT NOT NULL,
    note       TEXT NOT NULL,
    reviewer   TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    PRIMARY KEY (package, kind)
);
"#,
    r#"
-- Version 13: each component's license clarity score (0-100) and what it lacks, from its own
-- evidence (kept with the other table figures; computed by `table::refresh_clarity`).
ALTER TABLE component_stats ADD COLUMN clarity INTEGER NOT NULL DEFAULT 0;
ALTER TABLE component_stats ADD COLUMN clarity_gaps TEXT NOT NULL DEFAULT '';
"#,
    r#"
-- Version 14: review as a team. Who is to review each component (as given, and the key two
-- spellings of one reviewer share: the e-mail, else the name), and the "needs second review"
-- flag with who raised it and why. A row exists while either is set.
CREATE TABLE assignments (
    component_id  INTEGER PRIMARY KEY REFERENCES components(id) ON DELETE CASCADE,
    assignee      TEXT,
    assignee_key  TEXT,
    second_review INTEGER NOT NULL DEFAULT 0,
    flagged_by    TEXT,
    note          TEXT,
    reviewer      TEXT NOT NULL,
    decided_at    TEXT NOT NULL
);
CREATE INDEX assignments_assignee ON assignments(assignee_key);
"#,
    r#"
-- Version 15: the audit events of parts merged back into the review (`review merge`), kept
-- verbatim with their hashes: each part's chain from the split on, beside the review's own.
CREATE TABLE merged_events (
    part      TEXT NOT NULL,
    id        INTEGER NOT NULL,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL,
    before    TEXT,
    after     TEXT,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
"#,
];

/// The version this build writes and understands.
pub const CURRENT_VERSION: i64 = MIGRATIONS.len() as i64;
