//! The components table as a reviewer browses it: one page at a time, filtered and sorted in
//! SQLite, so a release of thousands of components never crosses to the UI whole.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, params_from_iter};
use serde::{Deserialize, Serialize};

use clearance_licenses::Category;

use crate::{Result, Review};

/// Recompute the per-component figures the table filters and sorts on. Runs when a scan or an
/// import finishes (and once when a review is migrated to schema 4).
pub(crate) fn refresh_component_stats(tx: &Transaction) -> Result<()> {
    refresh_counts(tx)?;
    refresh_clarity(tx, None)
}

/// The files and detected licenses only: what schema version 4 added (the clarity columns come
/// with version 13).
pub(crate) fn refresh_counts(tx: &Transaction) -> Result<()> {
    tx.execute("DELETE FROM component_stats", [])?;
    tx.execute(&format!("{STATS} FROM components c"), [])?;
    Ok(())
}

/// What a component's own evidence lacks for its licensing to be clear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ClarityGap {
    /// Its manifest declares no license (30 points).
    NoDeclaredLicense,
    /// A declared license has no license text among its files (25 points).
    MissingLicenseText,
    /// Its files state a license the declaration does not name, or state none (25 points).
    DetectedDisagrees,
    /// No copyright statement in its files (20 points).
    NoCopyright,
}

impl ClarityGap {
    pub const ALL: [ClarityGap; 4] = [
        ClarityGap::NoDeclaredLicense,
        ClarityGap::MissingLicenseText,
        ClarityGap::DetectedDisagrees,
        ClarityGap::NoCopyright,
    ];

    pub fn points(self) -> u8 {
        match self {
            ClarityGap::NoDeclaredLicense => 30,
            ClarityGap::MissingLicenseText | ClarityGap::DetectedDisagrees => 25,
            ClarityGap::NoCopyright => 20,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ClarityGap::NoDeclaredLicense => "no-declared-license",
            ClarityGap::MissingLicenseText => "missing-license-text",
            ClarityGap::DetectedDisagrees => "detected-disagrees",
            ClarityGap::NoCopyright => "no-copyright",
        }
    }

    fn parse(s: &str) -> Option<ClarityGap> {
        ClarityGap::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

/// The score from which a component's licensing counts as clear (the "clear" filter).
pub const CLARITY_CLEAR: u8 = 80;

/// What a component's evidence lacks: a declared license; a license text (a full-text match
/// in its files) for every declared id; files that state only declared licenses, and at least
/// one; a copyright statement.
pub fn clarity_gaps(
    declared: &[String],
    detected: &[String],
    text_ids: &[String],
    has_copyright: bool,
) -> Vec<ClarityGap> {
    let mut gaps = Vec::new();
    if declared.is_empty() {
        gaps.push(ClarityGap::NoDeclaredLicense);
        gaps.push(ClarityGap::MissingLicenseText);
        gaps.push(ClarityGap::DetectedDisagrees);
    } else {
        if !declared.iter().all(|d| text_ids.contains(d)) {
            gaps.push(ClarityGap::MissingLicenseText);
        }
        if detected.is_empty() || detected.iter().any(|d| !declared.contains(d)) {
            gaps.push(ClarityGap::DetectedDisagrees);
        }
    }
    if !has_copyright {
        gaps.push(ClarityGap::NoCopyright);
    }
    gaps
}

/// The score: 100 less the points of each gap.
pub fn clarity_score(gaps: &[ClarityGap]) -> u8 {
    100 - gaps.iter().map(|g| g.points()).sum::<u8>()
}

/// Recompute the clarity of every component, or of those given.
pub(crate) fn refresh_clarity(tx: &Transaction, only: Option<&[i64]>) -> Result<()> {
    let sql = format!(
        "SELECT c.id, c.declared_license, coalesce(s.detected, ''),
                coalesce((SELECT group_concat(license, ' ') FROM (
                    SELECT DISTINCT fl.license FROM files f JOIN findings fi ON fi.file_id = f.id
                    JOIN finding_licenses fl ON fl.finding_id = fi.id
                    WHERE f.component_id = c.id AND fi.detector = 'license-text'
                      AND NOT EXISTS (SELECT 1 FROM false_positives fp WHERE fp.finding_id = fi.id))), ''),
                EXISTS (SELECT 1 FROM files f JOIN copyrights cr ON cr.file_id = f.id WHERE f.component_id = c.id)
         FROM components c JOIN component_stats s ON s.component_id = c.id {}",
        if only.is_some() { "WHERE c.id IN (SELECT value FROM json_each(?1))" } else { "WHERE ?1 IS NULL" }
    );
    let arg: Option<String> = only.map(|ids| serde_json::to_string(ids).expect("ids as JSON"));
    let mut parsed: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    let mut rows: Vec<(i64, u8, String)> = Vec::new();
    {
        let mut stmt = tx.prepare(&sql)?;
        let mut q = stmt.query([arg])?;
        while let Some(r) = q.next()? {
            let declared: Option<String> = r.get(1)?;
            let declared = match declared {
                Some(e) => parsed.entry(e).or_insert_with_key(|e| clearance_licenses::license_ids_in(e)).clone(),
                None => Vec::new(),
            };
            let words = |s: String| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
            let gaps = clarity_gaps(&declared, &words(r.get(2)?), &words(r.get(3)?), r.get(4)?);
            let names: Vec<&str> = gaps.iter().map(|g| g.as_str()).collect();
            rows.push((r.get(0)?, clarity_score(&gaps), names.join(" ")));
        }
    }
    let mut update =
        tx.prepare("UPDATE component_stats SET clarity = ?2, clarity_gaps = ?3 WHERE component_id = ?1")?;
    for (id, score, gaps) in rows {
        update.execute(rusqlite::params![id, score, gaps])?;
    }
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
    for &c in &components {
        tx.execute("DELETE FROM component_stats WHERE component_id = ?1", [c])?;
        tx.execute(&format!("{STATS} FROM components c WHERE c.id = ?1"), [c])?;
    }
    let ids: Vec<i64> = components.into_iter().collect();
    refresh_clarity(tx, Some(&ids))
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
    Clarity,
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
            SortKey::Clarity => "coalesce(s.clarity, 0)",
        };
        format!("{column} {dir}, lower(c.name), c.version")
    }
}

/// Which components: the table's filters. One type for the table's pages and for bulk
/// decisions, so a bulk action over "every row the filter shows" selects exactly those rows.
/// Every filter given must hold; an empty or absent one selects all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ComponentFilter {
    /// Words that must all appear in the name, purl, or a declared, detected or concluded license.
    pub search: String,
    pub status: Option<StatusFilter>,
    /// An ecosystem (`cargo`, `npm`, ...), `none` for components without one; empty for all.
    pub ecosystem: String,
    /// A license id in the component's declared, detected (not false positive) or concluded license.
    pub license: String,
    /// A category one of those licenses falls in.
    pub category: Option<Category>,
    pub clarity: Option<Clarity>,
    /// Only components whose clarity score is at least this (`CLARITY_CLEAR` for the clear ones).
    pub clarity_at_least: Option<u8>,
    /// Only components whose clarity score is below this.
    pub clarity_below: Option<u8>,
    /// Only components assigned to this reviewer (two spellings of one reviewer match: the
    /// e-mail, else the name), `none` for the unassigned; empty for all.
    pub assignee: String,
}

impl ComponentFilter {
    /// True when some filter narrows the selection.
    pub fn narrows(&self) -> bool {
        !self.search.trim().is_empty()
            || self.status.is_some()
            || !self.ecosystem.is_empty()
            || !self.license.trim().is_empty()
            || self.category.is_some()
            || self.clarity.is_some()
            || self.clarity_at_least.is_some()
            || self.clarity_below.is_some()
            || !self.assignee.trim().is_empty()
    }
}

/// The status filter. What is left to do (pending, unconcluded, open obligations) counts only
/// components the release ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum StatusFilter {
    Pending,
    Approved,
    Rejected,
    NeedsInfo,
    Unconcluded,
    OpenObligations,
    Carried,
    Shipped,
    /// Marked not shipped.
    Excluded,
    /// Flagged "needs second review".
    SecondReview,
}

/// What needs a reviewer's eye about a component's licenses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum Clarity {
    /// Its manifest declares a license and its files say another: a license the files name
    /// that the declaration does not, or none of the declared ones found in the files.
    Disagree,
    /// A copyleft license (weak, strong or network) is declared, detected or concluded.
    Copyleft,
    /// No license text was found in its files (attribution needs one).
    NoLicenseText,
    /// Nothing declared, detected or concluded.
    NoLicense,
}

impl Clarity {
    pub const ALL: [Clarity; 4] = [Clarity::Disagree, Clarity::Copyleft, Clarity::NoLicenseText, Clarity::NoLicense];
}

/// Which rows the table shows, in what order, from where.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ComponentQuery {
    pub filter: ComponentFilter,
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
    /// The license clarity score, 0-100, and what its evidence lacks.
    pub clarity: u8,
    pub clarity_gaps: Vec<ClarityGap>,
    /// Who is to review it.
    pub assignee: Option<String>,
    /// Flagged "needs second review".
    pub second_review: bool,
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
    /// License ids in use (declared, detected or concluded), most components first.
    pub licenses: Vec<Facet>,
    /// Categories of those licenses, the most demanding first.
    pub categories: Vec<Facet>,
    /// How many components each clarity filter selects.
    pub clarity: Vec<Facet>,
    /// Reviewers components are assigned to, with how many each (and `none`: unassigned).
    pub assignees: Vec<Facet>,
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

    /// Every component's license clarity score and what its evidence lacks.
    pub fn clarities(&self) -> Result<std::collections::HashMap<i64, (u8, Vec<ClarityGap>)>> {
        let mut stmt = self.conn.prepare("SELECT component_id, clarity, clarity_gaps FROM component_stats")?;
        let rows = stmt.query_map([], |r| {
            let gaps: String = r.get(2)?;
            Ok((r.get(0)?, (r.get(1)?, gaps.split_whitespace().filter_map(ClarityGap::parse).collect())))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One page of the components table.
    /// The ids of every component the filter selects, by name: what a bulk action applies to.
    pub fn component_ids(&self, q: &ComponentFilter) -> Result<Vec<i64>> {
        let (filter, args) = where_clause(&self.conn, q)?;
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
        let (filter, args) = where_clause(&self.conn, &q.filter)?;
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
                    {OPEN} AS open_obligations, coalesce(s.files, 0), c.source,
                    coalesce(s.clarity, 0), coalesce(s.clarity_gaps, ''),
                    (SELECT a.assignee FROM assignments a WHERE a.component_id = c.id),
                    coalesce((SELECT a.second_review FROM assignments a WHERE a.component_id = c.id), 0)
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
                detected: most_demanding_first(&detected),
                concluded: r.get(6)?,
                status: r.get(7)?,
                carried: r.get(8)?,
                excluded: r.get(9)?,
                is_root: r.get(10)?,
                open_obligations: r.get(11)?,
                files: r.get(12)?,
                source: r.get(13)?,
                clarity: r.get(14)?,
                clarity_gaps: r.get::<_, String>(15)?.split_whitespace().filter_map(ClarityGap::parse).collect(),
                assignee: r.get(16)?,
                second_review: r.get(17)?,
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
        let facts = license_facts(&self.conn)?;
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
                 UNION ALL SELECT 'excluded', count(*) FROM exclusions
                 UNION ALL SELECT 'second-review', count(*) FROM assignments WHERE second_review"
            ))?,
            assignees: facets(
                "SELECT assignee, count(*) FROM assignments WHERE assignee IS NOT NULL GROUP BY assignee_key ORDER BY 2 DESC, 1",
            )?,
            licenses: counted(facts.iter().flat_map(|f| {
                let mut ids: Vec<&String> = f.all().collect();
                ids.sort();
                ids.dedup();
                ids.into_iter().cloned().collect::<Vec<_>>()
            })),
            categories: {
                let mut most_demanding_first = Category::ALL;
                most_demanding_first.sort_by_key(|c| std::cmp::Reverse(c.severity()));
                most_demanding_first
                    .into_iter()
                    .map(|cat| Facet {
                        value: cat.as_str().into(),
                        count: facts.iter().filter(|f| f.in_category(cat)).count() as i64,
                    })
                    .filter(|f| f.count > 0)
                    .collect()
            },
            clarity: Clarity::ALL
                .into_iter()
                .map(|c| Facet {
                    value: serde_json::to_value(c).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
                    count: facts.iter().filter(|f| f.is(c)).count() as i64,
                })
                .collect(),
        })
    }
}

/// Each component's license ids — declared, detected (not false positive) and concluded — and
/// whether a license text was found in its files: what the license, category and clarity
/// filters read. Expressions repeat over thousands of components; each is parsed once.
struct LicenseFacts {
    id: i64,
    declared: Vec<String>,
    detected: Vec<String>,
    concluded: Vec<String>,
    has_text: bool,
}

impl LicenseFacts {
    fn all(&self) -> impl Iterator<Item = &String> {
        self.declared.iter().chain(&self.detected).chain(&self.concluded)
    }

    fn is(&self, clarity: Clarity) -> bool {
        match clarity {
            Clarity::Disagree => {
                !self.declared.is_empty()
                    && !self.detected.is_empty()
                    && (self.detected.iter().any(|d| !self.declared.contains(d))
                        || !self.declared.iter().any(|d| self.detected.contains(d)))
            }
            Clarity::Copyleft => self.all().any(|id| {
                matches!(
                    clearance_licenses::category_of(id),
                    Category::WeakCopyleft | Category::StrongCopyleft | Category::NetworkCopyleft
                )
            }),
            Clarity::NoLicenseText => !self.has_text,
            Clarity::NoLicense => self.all().next().is_none(),
        }
    }

    fn has_license(&self, id: &str) -> bool {
        self.all().any(|x| x.eq_ignore_ascii_case(id))
    }

    fn in_category(&self, category: Category) -> bool {
        self.all().any(|id| clearance_licenses::category_of(id) == category)
    }
}

fn license_facts(conn: &rusqlite::Connection) -> Result<Vec<LicenseFacts>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.declared_license, coalesce(s.detected, ''), k.expression,
                EXISTS (SELECT 1 FROM files f JOIN findings fi ON fi.file_id = f.id
                        WHERE f.component_id = c.id AND fi.detector = 'license-text'
                          AND NOT EXISTS (SELECT 1 FROM false_positives fp WHERE fp.finding_id = fi.id))
         FROM components c LEFT JOIN component_stats s ON s.component_id = c.id
         LEFT JOIN conclusions k ON k.component_id = c.id",
    )?;
    let mut parsed: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    let mut ids = |e: Option<String>| -> Vec<String> {
        match e {
            Some(e) => parsed.entry(e).or_insert_with_key(|e| clearance_licenses::license_ids_in(e)).clone(),
            None => Vec::new(),
        }
    };
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let detected: String = r.get(2)?;
        out.push(LicenseFacts {
            id: r.get(0)?,
            declared: ids(r.get(1)?),
            detected: detected.split_whitespace().map(str::to_string).collect(),
            concluded: ids(r.get(3)?),
            has_text: r.get(4)?,
        });
    }
    Ok(out)
}

/// License ids, the most demanding category first (a cut-off cell shows the copyleft ones), then
/// by name.
fn most_demanding_first(ids: &str) -> Vec<String> {
    let mut out: Vec<String> = ids.split_whitespace().map(str::to_string).collect();
    sort_most_demanding_first(&mut out);
    out
}

/// Sort license ids the most demanding category first, keeping the order within a category.
pub(crate) fn sort_most_demanding_first(ids: &mut [String]) {
    ids.sort_by_key(|id| std::cmp::Reverse(clearance_licenses::category_of(id).severity()));
}

/// Values with how often each occurs, most first.
fn counted(values: impl Iterator<Item = String>) -> Vec<Facet> {
    let mut counts: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let mut out: Vec<Facet> = counts.into_iter().map(|(value, count)| Facet { value, count }).collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    out
}

fn where_clause(conn: &rusqlite::Connection, q: &ComponentFilter) -> Result<(String, Vec<Value>)> {
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
    if let Some(status) = q.status {
        use StatusFilter as S;
        let clause = match status {
            S::Pending => format!("coalesce(k.status, 'pending') = 'pending' AND {SHIPPED}"),
            S::Approved => "k.status = 'approved'".into(),
            S::Rejected => "k.status = 'rejected'".into(),
            S::NeedsInfo => "k.status = 'needs-info'".into(),
            S::Unconcluded => format!("k.expression IS NULL AND {SHIPPED}"),
            S::Shipped => SHIPPED.into(),
            S::OpenObligations => format!("{OPEN} > 0"),
            S::Carried => "k.carried_from IS NOT NULL".into(),
            S::Excluded => "EXISTS (SELECT 1 FROM exclusions x WHERE x.component_id = c.id)".into(),
            S::SecondReview => {
                "EXISTS (SELECT 1 FROM assignments a WHERE a.component_id = c.id AND a.second_review)".into()
            }
        };
        clauses.push(clause);
    }
    match q.ecosystem.as_str() {
        "" => {}
        "none" => clauses.push("c.ecosystem IS NULL".into()),
        e => {
            args.push(Value::Text(e.to_string()));
            clauses.push(format!("c.ecosystem = ?{}", args.len()));
        }
    }
    match q.assignee.trim() {
        "" => {}
        "none" => clauses.push(
            "NOT EXISTS (SELECT 1 FROM assignments a WHERE a.component_id = c.id AND a.assignee IS NOT NULL)".into(),
        ),
        who => {
            args.push(Value::Text(crate::reviewer_key(who)));
            clauses.push(format!(
                "EXISTS (SELECT 1 FROM assignments a WHERE a.component_id = c.id AND a.assignee_key = ?{})",
                args.len()
            ));
        }
    }
    if let Some(n) = q.clarity_at_least {
        args.push(Value::Integer(n.into()));
        clauses.push(format!("coalesce(s.clarity, 0) >= ?{}", args.len()));
    }
    if let Some(n) = q.clarity_below {
        args.push(Value::Integer(n.into()));
        clauses.push(format!("coalesce(s.clarity, 0) < ?{}", args.len()));
    }
    // License, category and clarity are read from parsed expressions, not SQL text: the
    // components they select go in as a list of ids.
    let license = q.license.trim();
    if !license.is_empty() || q.category.is_some() || q.clarity.is_some() {
        let ids: Vec<i64> = license_facts(conn)?
            .into_iter()
            .filter(|f| license.is_empty() || f.has_license(license))
            .filter(|f| q.category.is_none_or(|c| f.in_category(c)))
            .filter(|f| q.clarity.is_none_or(|c| f.is(c)))
            .map(|f| f.id)
            .collect();
        args.push(Value::Text(serde_json::to_string(&ids).expect("ids as JSON")));
        clauses.push(format!("c.id IN (SELECT value FROM json_each(?{}))", args.len()));
    }
    Ok((clauses.join(" AND "), args))
}

#[cfg(test)]
mod tests {
    use super::{ClarityGap, clarity_gaps, clarity_score};

    fn ids(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn clarity_counts_what_the_evidence_lacks() {
        // Declared MIT, its text in the files, the files say MIT only, a copyright: clear.
        let full = clarity_gaps(&ids("MIT"), &ids("MIT"), &ids("MIT"), true);
        assert!(full.is_empty());
        assert_eq!(clarity_score(&full), 100);
        // Dual-licensed, only one text shipped.
        let one_text = clarity_gaps(&ids("MIT Apache-2.0"), &ids("MIT Apache-2.0"), &ids("MIT"), true);
        assert_eq!(one_text, vec![ClarityGap::MissingLicenseText]);
        assert_eq!(clarity_score(&one_text), 75);
        // The files state a license the manifest does not declare.
        let other = clarity_gaps(&ids("MIT"), &ids("MIT GPL-3.0-only"), &ids("MIT"), true);
        assert_eq!(other, vec![ClarityGap::DetectedDisagrees]);
        // Files that state nothing cannot confirm the declaration.
        assert_eq!(
            clarity_gaps(&ids("MIT"), &[], &[], true),
            vec![ClarityGap::MissingLicenseText, ClarityGap::DetectedDisagrees]
        );
        // Nothing declared, nothing found: 0.
        let nothing = clarity_gaps(&[], &[], &[], false);
        assert_eq!(clarity_score(&nothing), 0);
        assert_eq!(ClarityGap::ALL.iter().map(|g| g.points() as u32).sum::<u32>(), 100);
    }

    #[test]
    fn the_table_lists_copyleft_before_permissive_licenses() {
        assert_eq!(
            super::most_demanding_first("Apache-2.0 GPL-2.0-only MIT MPL-2.0"),
            ["GPL-2.0-only", "MPL-2.0", "Apache-2.0", "MIT"]
        );
        assert!(super::most_demanding_first("").is_empty());
    }
}
