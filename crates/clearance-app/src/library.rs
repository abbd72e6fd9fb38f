//! The decision library and the portfolio, as use cases: where the library is (`--library`,
//! else `CLEARANCE_LIBRARY`, else `library.sqlite` in the app's data folder — the one the
//! desktop app uses), publishing an approved review, looking a review up and taking what
//! applies, curations, the portfolio and where-used.

use std::path::{Path, PathBuf};

use clearance_library::{
    Library, LibraryEntry, LibraryPlan, LibraryStatus, Location, PublishReport, Publisher, ReleaseSummary, UsedIn,
    WhereUsedQuery,
};
use clearance_store::{AdoptReport, Review};
use serde::Serialize;

use crate::reviewer::Reviewer;
use crate::{Result, now};

/// The library's location: the one given, else `CLEARANCE_LIBRARY`, else the app's data folder's.
pub fn location(given: Option<&str>) -> Result<Location> {
    if let Some(g) = given {
        return Ok(Location::parse(g)?);
    }
    if let Some(env) = std::env::var_os("CLEARANCE_LIBRARY").filter(|v| !v.is_empty()) {
        return Ok(Location::parse(&env.to_string_lossy())?);
    }
    Ok(Location::File(default_path()))
}

pub fn default_path() -> PathBuf {
    crate::advisories::data_dir().join("library.sqlite")
}

/// The library, created when missing: for what writes into it.
fn open(at: &Location) -> Result<Library> {
    Ok(Library::open(at)?)
}

/// The library as it is: reading never creates one.
fn read(at: &Location) -> Result<Library> {
    Ok(Library::open_existing(at)?)
}

/// Publish a review into the library (its decisions only when it is approved) and the portfolio.
pub fn publish(review: &Path, at: &Location, reviewer: &Reviewer) -> Result<PublishReport> {
    let r = Review::open(review)?;
    let name = reviewer.to_string();
    let when = now();
    let path = std::fs::canonicalize(review).unwrap_or_else(|_| review.to_path_buf());
    Ok(open(at)?.publish(&r, &path.display().to_string(), Publisher { name: &name, at: &when })?)
}

pub fn status(at: &Location) -> Result<LibraryStatus> {
    Ok(read(at)?.status()?)
}

pub fn show(at: &Location, purl: &str) -> Result<Vec<LibraryEntry>> {
    if !purl.starts_with("pkg:") {
        return Err(crate::AppError::Invalid(format!("'{purl}' is not a package URL (pkg:TYPE/NAME[@VERSION])")));
    }
    Ok(read(at)?.show(purl)?)
}

/// What the library has for a review, without changing it.
pub fn plan(review: &Path, at: &Location) -> Result<LibraryPlan> {
    let r = Review::open(review)?;
    Ok(read(at)?.plan(&r)?)
}

/// What looking a review up did: what was taken, and what is only offered.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Applied {
    pub library: String,
    pub adopted: AdoptReport,
    pub plan: LibraryPlan,
}

/// Take what applies from the library into the review (decisions on the same package and
/// evidence, false positives on the same text); suggestions and conflicts are returned, not taken.
pub fn apply(review: &Path, at: &Location, reviewer: &Reviewer) -> Result<Applied> {
    let mut lib = read(at)?;
    let (adopted, plan) = take(&mut lib, review, &reviewer.to_string())?;
    Ok(Applied { library: lib.name().to_string(), adopted, plan })
}

/// Look the review up in `lib` and take what applies, as `actor`.
fn take(lib: &mut Library, review: &Path, actor: &str) -> Result<(AdoptReport, LibraryPlan)> {
    let mut r = Review::open(review)?;
    let plan = lib.plan(&r)?;
    let when = now();
    let adopted = lib.apply(&mut r, &clearance_store::Actor { name: actor, at: &when }, &plan)?;
    Ok((adopted, plan))
}

/// What the library did after a scan.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AfterScan {
    pub library: String,
    pub conclusions: usize,
    pub false_positives: usize,
    pub suggestions: usize,
    pub conflicts: usize,
    pub error: Option<String>,
}

/// After a scan: when the machine's (or team's) library exists, look the review up and take what
/// applies. Never creates a library; a failure is reported, not raised (the scan stands).
pub fn apply_after_scan(review: &Path, actor: &str) -> Option<AfterScan> {
    let library = match location(None).ok()? {
        Location::File(p) => p.display().to_string(),
        Location::Postgres(_) => "the team's library".to_string(),
    };
    let outcome = existing_default().and_then(|lib| {
        let Some(mut lib) = lib else { return Ok(None) };
        // An approved review is frozen: the scan found what it found; nothing is taken.
        if Review::open(review)?.is_frozen()? {
            return Ok(Some((lib.name().to_string(), AdoptReport::default(), LibraryPlan::default())));
        }
        let (adopted, plan) = take(&mut lib, review, actor)?;
        Ok(Some((lib.name().to_string(), adopted, plan)))
    });
    Some(match outcome {
        Ok(None) => return None,
        Ok(Some((library, a, p))) => AfterScan {
            library,
            conclusions: a.conclusions,
            false_positives: a.false_positives,
            suggestions: p.suggestions.len(),
            conflicts: p.conflicts.len(),
            error: None,
        },
        Err(e) => AfterScan {
            library,
            conclusions: 0,
            false_positives: 0,
            suggestions: 0,
            conflicts: 0,
            error: Some(e.to_string()),
        },
    })
}

/// A curation by hand: a package version's license, with the reason.
pub fn curate(at: &Location, purl: &str, expression: &str, reason: &str, reviewer: &Reviewer) -> Result<()> {
    let normalized = clearance_licenses::normalize(expression)
        .map_err(|e| crate::AppError::Invalid(format!("'{expression}' is not a license expression: {e}")))?;
    let name = reviewer.to_string();
    let when = now();
    open(at)?.curate(purl, &normalized.expression, reason, None, Publisher { name: &name, at: &when })?;
    Ok(())
}

pub fn portfolio(at: &Location) -> Result<Vec<ReleaseSummary>> {
    Ok(read(at)?.portfolio()?)
}

pub fn where_used(at: &Location, query: &str) -> Result<Vec<UsedIn>> {
    let q = WhereUsedQuery::parse(query)?;
    Ok(read(at)?.where_used(&q)?)
}

/// The open review and the library, as the desktop shows them.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LibraryView {
    /// The library's file; None when there is none yet.
    pub library: Option<String>,
    /// Components of the review whose conclusion came from the library.
    pub taken: usize,
    pub plan: LibraryPlan,
}

fn view_of(review: &Path, lib: Option<&mut Library>) -> Result<LibraryView> {
    let r = Review::open(review)?;
    let taken = r
        .components()?
        .iter()
        .filter_map(|c| r.conclusion(c.id).ok().flatten())
        .filter(|k| k.carried_from.as_deref().is_some_and(|f| f.starts_with("library: ")))
        .count();
    Ok(match lib {
        Some(l) => LibraryView { library: Some(l.name().to_string()), taken, plan: l.plan(&r)? },
        None => LibraryView { library: None, taken, plan: LibraryPlan::default() },
    })
}

fn existing_default() -> Result<Option<Library>> {
    let at = location(None)?;
    if let Location::File(path) = &at
        && !path.is_file()
    {
        return Ok(None);
    }
    Ok(Some(open(&at)?))
}

/// What the machine's library has for the review: what was taken, what is suggested, what conflicts.
pub fn review_library(review: &Path) -> Result<LibraryView> {
    view_of(review, existing_default()?.as_mut())
}

/// Take what applies from the machine's library (after publishing elsewhere since the scan).
pub fn apply_default(review: &Path, reviewer: &Reviewer) -> Result<LibraryView> {
    let Some(mut lib) = existing_default()? else { return view_of(review, None) };
    take(&mut lib, review, &reviewer.to_string())?;
    view_of(review, Some(&mut lib))
}

/// Publish the review into the machine's library (created when missing).
pub fn publish_default(review: &Path, reviewer: &Reviewer) -> Result<PublishReport> {
    publish(review, &location(None)?, reviewer)
}

/// The machine's portfolio; None when no library exists yet.
pub fn portfolio_default() -> Result<Option<Vec<ReleaseSummary>>> {
    existing_default()?.map(|mut l| Ok(l.portfolio()?)).transpose()
}

/// Where a package is used across the machine's published releases (none without a library).
pub fn where_used_default(query: &str) -> Result<Vec<UsedIn>> {
    let q = WhereUsedQuery::parse(query)?;
    match existing_default()? {
        Some(mut l) => Ok(l.where_used(&q)?),
        None => Ok(Vec::new()),
    }
}
