//! The decision library and the portfolio, as use cases: where the library is (`--library`,
//! else `CLEARANCE_LIBRARY`, else `library.sqlite` in the app's data folder — the one the
//! desktop app uses), publishing an approved review, looking a review up and taking what
//! applies, curations, the portfolio and where-used.

use std::path::{Path, PathBuf};

use clearance_library::{
    Library, LibraryEntry, LibraryStatus, Location, Plan, PublishReport, Publisher, ReleaseSummary, UsedIn,
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
pub fn plan(review: &Path, at: &Location) -> Result<Plan> {
    let r = Review::open(review)?;
    Ok(read(at)?.plan(&r)?)
}

/// What looking a review up did: what was taken, and what is only offered.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Applied {
    pub library: String,
    pub adopted: AdoptReport,
    pub plan: Plan,
}

/// Take what applies from the library into the review (decisions on the same package and
/// evidence, false positives on the same text); suggestions and conflicts are returned, not taken.
pub fn apply(review: &Path, at: &Location, reviewer: &Reviewer) -> Result<Applied> {
    let lib = read(at)?;
    let mut r = Review::open(review)?;
    let plan = lib.plan(&r)?;
    let name = reviewer.to_string();
    let when = now();
    let adopted = lib.apply(&mut r, &clearance_store::Actor { name: &name, at: &when }, &plan)?;
    Ok(Applied { library: lib.path().display().to_string(), adopted, plan })
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
    let at = location(None).ok()?;
    let Location::File(path) = &at;
    if !path.is_file() {
        return None;
    }
    let go = || -> Result<(AdoptReport, Plan)> {
        let lib = open(&at)?;
        let mut r = Review::open(review)?;
        if r.is_frozen()? {
            return Ok((AdoptReport::default(), Plan::default()));
        }
        let plan = lib.plan(&r)?;
        let when = now();
        let adopted = lib.apply(&mut r, &clearance_store::Actor { name: actor, at: &when }, &plan)?;
        Ok((adopted, plan))
    };
    let library = path.display().to_string();
    Some(match go() {
        Ok((a, p)) => AfterScan {
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
