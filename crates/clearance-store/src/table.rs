//! The components table as a reviewer browses it: one page at a time, filtered and sorted in
//! SQLite, so a release of thousands of components never crosses to the UI whole.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, params_from_iter};
use serde::{Deserialize, Serialize};

use crate::{Result, Review};

/// Recompute the per-component figures the table filters and sorts on. Runs when a scan or an
/// import finishes (and once when a review is migrated to schema 4).
pub(crate) fn refresh_component_stats(tx: &Transaction) -> Result<()> {
    tx.execute("DELETE FROM component_stats", [])?;
    tx.execute(&format!("{STATS} FROM components c"), [])?;
    Ok(())
}

/// The figures of the components that hold these findings (after a false-positive mark).
pub(crate) fn refresh_stats_of_findings(tx: &Transaction, finding_ids: &[i64]) -> Result<()> {
    // Many findings of a bulk mark sit in a few components: each is recomputed once.
    let mut components = std::collections::BTreeSet::new();
    for &id in finding_ids {
        let component: Option<i64> = tx
            .query_row(
                "SELECT f.component_id FROM findings fi JOIN files f ON f.id = fi.file_id WHERE fi.id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        components.extend(component);
    }
    for c in components {
        tx.execute("DELETE FROM component_stats WHERE component_id = ?1", [c])?;
        tx.execute(&format!("{STATS} FROM components c WHERE c.id = ?1"), [c])?;
    }
    Ok(())
}

/// A component's files and the licenses detected in them (not in its manifest, not a
/// reviewer's false positive), as the table shows and searches them.
const STATS: &str = "INSERT INTO component_stats (component_id, files, detected)
         SELECT c.id,
                (SELECT count(*) FROM files f WHERE f.component_id = c.id),
                coalesce((SELECT group_concat(license, ' ') FROM (
                    SELECT DISTINCT fl.license FROM files f JOIN findings fi ON fi.file_id = f.id
                    JOIN finding_licenses fl ON fl.finding_id = fi.id
                    WHERE f.component_id = c.id AND fi.detector != 'manifest'
                      AND NOT EXISTS (SELECT 1 FROM false_positives fp WHERE fp.finding_id = fi.id)
                    ORDER BY fl.license)), '')";

/// Columns the table sorts on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum SortKey {
    #[default]
    Name,
    Version,
    Ecosystem,
    Declared,
    Detected,
    Concluded,
    Status,
    OpenObligations,
    Files,
}

impl SortKey {
    /// The ORDER BY clause. Ties fall back to name and version; the scanned release's own
    /// component comes first whichever way the name column runs.
    fn order_by(self, descending: bool) -> String {
        let dir = if descending { "DESC" } else { "ASC" };
        let column = match self {
            SortKey::Name => return format!("c.is_root DESC, lower(c.name) {dir}, c.version {dir}"),
            SortKey::Version => "c.version",
            SortKey::Ecosystem => "coalesce(c.ecosystem, '')",
            SortKey::Declared => "coalesce(c.declared_license, '')",
            SortKey::Detected => "coalesce(s.detected, '')",
            SortKey::Concluded => "coalesce(k.expression, '')",
            SortKey::Status => "coalesce(k.status, 'pending')",
            SortKey::OpenObligations => "open_obligations",
            SortKey::Files => "coalesce(s.files, 0)",
        };
        format!("{column} {dir}, lower(c.name), c.version")
    }
}

/// Which rows the table shows, in what order, from where.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ComponentQuery {
    /// Words that must all appear in the name, purl, or a declared, detected or concluded license.
    pub search: String,
    /// `pending`, `approved`, `rejected`, `needs-info`, `unconcluded`, `open-obligations`,
    /// `carried`, `shipped`, `excluded` (not shipped); empty for all. What is left to do (pending,
    /// unconcluded, open obligations) counts only shipped components.
    pub status: String,
    /// An ecosystem (`cargo`, `npm`, ...), `none` for components without one; empty for all.
    pub ecosystem: String,
    pub sort: SortKey,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

/// One line of the components table.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ComponentListRow {
    pub id: i64,
    pub name: String,
    pub version: Option<String>,
    pub ecosystem: Option<String>,
    pub declared: Option<String>,
    pub detected: Vec<String>,
    pub concluded: Option<String>,
    pub status: crate::ComponentStatus,
    pub carried: bool,
    pub excluded: bool,
    pub is_root: bool,
    pub source: crate::ComponentSource,
    pub open_obligations: i64,
    pub files: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ComponentPage {
    /// Rows matching the filters, over all pages.
    pub total: i64,
    pub offset: u32,
    pub rows: Vec<ComponentListRow>,
}

/// What the filters can be set to, with how many components each selects.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ComponentFacets {
    pub total: i64,
    pub ecosystems: Vec<Facet>,
    pub statuses: Vec<Facet>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Facet {
    pub value: String,
    pub count: i64,
}

const OPEN: &str = concat!(
    "(SELECT count(*) FROM obligations o WHERE o.component_id = c.id AND o.status NOT IN ",
    settled_sql!(),
    " AND ",
    shipped_sql!(),
    ")"
);

/// The component (`c`) is in the release: no one marked it not shipped. What is left to do
/// (pending, unconcluded) counts only those.
const SHIPPED: &str = shipped_sql!();

/// How far a review is, as a list of reviews shows it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Progress {
    /// Components the release ships.
    pub components: i64,
    /// Of those, with a concluded license.
    pub concluded: i64,
    pub approved: bool,
}

/// A review's progress, read without opening it for writing (a list of recent reviews must not
/// migrate or lock the files it names): `None` for a file that is not a review of this
/// version, or cannot be read now.
pub fn progress(path: &std::path::Path) -> Option<Progress> {
    let conn = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).ok()?;
    if version != crate::CURRENT_VERSION {
        return None;
    }
    conn.query_row(
        &format!(
            "SELECT (SELECT count(*) FROM components c WHERE {SHIPPED}),
                    (SELECT count(*) FROM conclusions k JOIN components c ON c.id = k.component_id
                       WHERE k.expression IS NOT NULL AND {SHIPPED}),
                    coalesce((SELECT action = 'approve' FROM approvals ORDER BY id DESC LIMIT 1), 0)"
        ),
        [],
        |r| Ok(Progress { components: r.get(0)?, concluded: r.get(1)?, approved: r.get(2)? }),
    )
    .ok()
}

/// The largest page the UI may ask for.
pub const MAX_PAGE: u32 = 1000;

impl Review {
    /// Recompute the table's per-component figures (scans and imports do it as they finish;
    /// this is for reviews written by other means, such as the benchmark's synthetic ones).
    pub fn refresh_component_stats(&mut self) -> Result<()> {
        let tx = self.conn.transaction()?;
        refresh_component_stats(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// One page of the components table.
    /// The ids of every component the query's filters select (its sort, offset and limit
    /// aside), by name: what a bulk action applies to.
    pub fn component_ids(&self, q: &ComponentQuery) -> Result<Vec<i64>> {
        let (filter, args) = where_clause(q)?;
        let sql = format!(
            "SELECT c.id FROM components c
             LEFT JOIN component_stats s ON s.component_id = c.id
             LEFT JOIN conclusions k ON k.component_id = c.id
             WHERE {filter} ORDER BY lower(c.name), c.version, c.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let ids = stmt.query_map(params_from_iter(args.iter()), |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    pub fn component_page(&self, q: &ComponentQuery) -> Result<ComponentPage> {
        let (filter, args) = where_clause(q)?;
        let from = "FROM components c
             LEFT JOIN component_stats s ON s.component_id = c.id
             LEFT JOIN conclusions k ON k.component_id = c.id";
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) {from} WHERE {filter}"),
            params_from_iter(args.iter()),
            |r| r.get(0),
        )?;
        let order = q.sort.order_by(q.descending);
        let limit = q.limit.clamp(1, MAX_PAGE);
        let sql = format!(
            "SELECT c.id, c.name, c.version, c.ecosystem, c.declared_license, coalesce(s.detected, ''), k.expression,
                    coalesce(k.status, 'pending'), k.carried_from IS NOT NULL,
                    EXISTS (SELECT 1 FROM exclusions x WHERE x.component_id = c.id), c.is_root,
                    {OPEN} AS open_obligations, coalesce(s.files, 0), c.source
             {from} WHERE {filter} ORDER BY {order}, c.id LIMIT {limit} OFFSET {}",
            q.offset
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
            let detected: String = r.get(5)?;
            Ok(ComponentListRow {
                id: r.get(0)?,
                name: r.get(1)?,
                version: r.get(2)?,
                ecosystem: r.get(3)?,
                declared: r.get(4)?,
                detected: detected.split_whitespace().map(str::to_string).collect(),
                concluded: r.get(6)?,
                status: r.get(7)?,
                carried: r.get(8)?,
                excluded: r.get(9)?,
                is_root: r.get(10)?,
                open_obligations: r.get(11)?,
                files: r.get(12)?,
                source: r.get(13)?,
            })
        })?;
        Ok(ComponentPage { total, offset: q.offset, rows: rows.collect::<rusqlite::Result<_>>()? })
    }

    /// (shipped components, those with a concluded expression, carried-over conclusions,
    /// components marked not shipped)
    pub fn conclusion_counts(&self) -> Result<(i64, i64, i64, i64)> {
        Ok(self.conn.query_row(
            &format!(
                "SELECT (SELECT count(*) FROM components c WHERE {SHIPPED}),
                        (SELECT count(*) FROM conclusions k JOIN components c ON c.id = k.component_id
                           WHERE k.expression IS NOT NULL AND {SHIPPED}),
                        (SELECT count(*) FROM conclusions WHERE carried_from IS NOT NULL),
                        (SELECT count(*) FROM exclusions)"
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?)
    }

    /// The values the table's filters offer.
    pub fn component_facets(&self) -> Result<ComponentFacets> {
        let total: i64 = self.conn.query_row("SELECT count(*) FROM components", [], |r| r.get(0))?;
        let facets = |sql: &str| -> Result<Vec<Facet>> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| Ok(Facet { value: r.get(0)?, count: r.get(1)? }))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        Ok(ComponentFacets {
            total,
            ecosystems: facets(
                "SELECT coalesce(ecosystem, 'none'), count(*) FROM components GROUP BY 1 ORDER BY 2 DESC, 1",
            )?,
            statuses: facets(&format!(
                "SELECT 'pending', count(*) FROM components c LEFT JOIN conclusions k ON k.component_id = c.id
                   WHERE coalesce(k.status, 'pending') = 'pending' AND {SHIPPED}
                 UNION ALL SELECT status, count(*) FROM conclusions WHERE status != 'pending' GROUP BY status
                 UNION ALL SELECT 'unconcluded', count(*) FROM components c LEFT JOIN conclusions k ON k.component_id = c.id
                   WHERE k.expression IS NULL AND {SHIPPED}
                 UNION ALL SELECT 'open-obligations', count(*) FROM components c WHERE {OPEN} > 0
                 UNION ALL SELECT 'carried', count(*) FROM conclusions WHERE carried_from IS NOT NULL
                 UNION ALL SELECT 'shipped', count(*) FROM components c WHERE {SHIPPED}
                 UNION ALL SELECT 'excluded', count(*) FROM exclusions"
            ))?,
        })
    }
}

fn where_clause(q: &ComponentQuery) -> Result<(String, Vec<Value>)> {
    let mut clauses = vec!["1 = 1".to_string()];
    let mut args: Vec<Value> = Vec::new();
    for word in q.search.split_whitespace().take(8) {
        let pattern = format!("%{}%", word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        args.push(Value::Text(pattern));
        let n = args.len();
        clauses.push(format!(
            "(c.name LIKE ?{n} ESCAPE '\\' OR coalesce(c.version, '') LIKE ?{n} ESCAPE '\\'
              OR coalesce(c.purl, '') LIKE ?{n} ESCAPE '\\' OR coalesce(c.declared_license, '') LIKE ?{n} ESCAPE '\\'
              OR coalesce(s.detected, '') LIKE ?{n} ESCAPE '\\' OR coalesce(k.expression, '') LIKE ?{n} ESCAPE '\\')"
        ));
    }
    match q.status.as_str() {
        "" => {}
        "pending" => clauses.push(format!("coalesce(k.status, 'pending') = 'pending' AND {SHIPPED}")),
        s @ ("approved" | "rejected" | "needs-info") => {
            args.push(Value::Text(s.to_string()));
            clauses.push(format!("k.status = ?{}", args.len()));
        }
        "unconcluded" => clauses.push(format!("k.expression IS NULL AND {SHIPPED}")),
        "shipped" => clauses.push(SHIPPED.into()),
        "open-obligations" => clauses.push(format!("{OPEN} > 0")),
        "carried" => clauses.push("k.carried_from IS NOT NULL".into()),
        "excluded" => clauses.push("EXISTS (SELECT 1 FROM exclusions x WHERE x.component_id = c.id)".into()),
        other => return Err(crate::StoreError::Invalid(format!("unknown status filter '{other}'"))),
    }
    match q.ecosystem.as_str() {
        "" => {}
        "none" => clauses.push("c.ecosystem IS NULL".into()),
        e => {
            args.push(Value::Text(e.to_string()));
            clauses.push(format!("c.ecosystem = ?{}", args.len()));
        }
    }
    Ok((clauses.join(" AND "), args))
}
