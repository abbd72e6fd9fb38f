//! `clearance advisories`: the machine's database of known vulnerabilities (OSV dumps imported
//! by the user, for offline use), shared by every review.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use clearance_app::AppError;
use clearance_app::advisories as app;
use clearance_app::reviewer::Reviewer;
use clearance_store::{TriageDecision, VexJustification, VexResponse, VexState};

use crate::print_json;

#[derive(Args)]
pub struct AdvisoriesArgs {
    /// The advisory database (default: advisories.sqlite in the app's data folder, shared with
    /// the desktop app).
    #[arg(long, global = true, value_name = "FILE")]
    advisories: Option<PathBuf>,
    #[command(subcommand)]
    action: Action,
}

#[derive(Subcommand)]
enum Action {
    /// Import OSV dumps: the OSV project's `<ECOSYSTEM>/all.zip` files, folders of records, or
    /// record files. Re-importing updates records whose `modified` is later.
    Import {
        #[arg(required = true, value_name = "ZIP|DIR|FILE")]
        sources: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Ecosystems, record counts and how current the data is.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Match the review's components (those with a package URL) against the advisories and
    /// record what is found, with the database's snapshot, in the review.
    Match {
        #[arg(long, value_name = "REVIEW.clearance")]
        db: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// What the review's last match found, with each vulnerability's triage.
    List {
        #[arg(long, value_name = "REVIEW.clearance")]
        db: PathBuf,
        /// Only those still open (not triaged, or exploitable, or in triage).
        #[arg(long)]
        open: bool,
        #[arg(long)]
        json: bool,
    },
    /// Triage a vulnerability of a component (VEX, CycloneDX's analysis): audited, carried to
    /// the next release while the package version and the advisory stay the same.
    Triage {
        #[arg(long, value_name = "REVIEW.clearance")]
        db: PathBuf,
        /// Component id, name, or name@version.
        component: String,
        /// The advisory's id or one of its aliases (CVE, GHSA, …).
        advisory: String,
        #[arg(long, value_enum)]
        state: VexState,
        /// Why the release is not affected (required with --state not-affected).
        #[arg(long, value_enum)]
        justification: Option<VexJustification>,
        /// What is done about it (repeatable).
        #[arg(long = "response", value_enum, value_name = "RESPONSE")]
        responses: Vec<VexResponse>,
        /// Why (required).
        #[arg(long)]
        note: String,
        /// Who is acting: "Name <email>" (default: CLEARANCE_REVIEWER, then `clearance config reviewer`).
        #[arg(long, value_name = "NAME <EMAIL>")]
        reviewer: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn advisories(a: AdvisoriesArgs) -> Result<ExitCode, AppError> {
    let db = a.advisories.unwrap_or_else(app::default_path);
    match a.action {
        Action::Import { sources, json } => {
            let report = app::import(&db, &sources)?;
            if json {
                print_json(&report);
            } else {
                for s in &report.sources {
                    match &s.failed {
                        Some(why) => println!("{}: not imported: {why}", s.path),
                        None => println!(
                            "{}: {} added, {} updated, {} unchanged, {} skipped",
                            s.path,
                            s.added,
                            s.updated,
                            s.unchanged,
                            s.skipped.len()
                        ),
                    }
                    for k in s.skipped.iter().take(20) {
                        println!("  skipped {}: {}", k.entry, k.reason);
                    }
                    if s.skipped.len() > 20 {
                        println!("  … and {} more skipped", s.skipped.len() - 20);
                    }
                }
                println!("Advisory database: {}", db.display());
            }
            // A source that could not be imported is the user's to fix (a damaged download).
            Ok(if report.failed() { ExitCode::from(2) } else { ExitCode::SUCCESS })
        }
        Action::Match { db: review, json } => {
            let report = app::match_review(&db, &review)?;
            if json {
                print_json(&report);
            } else {
                print_found(&report.vulnerabilities);
                if report.lapsed > 0 {
                    println!(
                        "{} triage decision(s) lapsed: the advisory changed or no longer matches (see `clearance review status`).",
                        report.lapsed
                    );
                }
                println!(
                    "{} components checked ({} without a package URL OSV covers) against {} advisories, newest {}.",
                    report.checked,
                    report.not_covered,
                    report.snapshot.records,
                    report.snapshot.newest.as_deref().unwrap_or("-")
                );
                if report.snapshot.records == 0 {
                    println!(
                        "The advisory database is empty: import dumps with `clearance advisories import FILE.zip`."
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Action::Triage { db: review, component, advisory, state, justification, responses, note, reviewer, json } => {
            let who = Reviewer::resolve(reviewer.as_deref())?;
            let decision = TriageDecision { state, justification, responses: &responses, note: &note };
            let t = app::triage(&review, &who, &component, &advisory, &decision)?;
            if json {
                print_json(&t);
            } else {
                println!("{} in {}: {} — {}", t.advisory_id, t.purl, triage_words(&t), t.note);
            }
            Ok(ExitCode::SUCCESS)
        }
        Action::List { db: review, open, json } => {
            let (snapshot, mut found) = app::list(&review)?;
            if open {
                found.retain(|v| v.is_open());
            }
            if json {
                print_json(&serde_json::json!({"snapshot": snapshot, "vulnerabilities": found}));
            } else {
                match &snapshot {
                    Some(s) => println!(
                        "Matched {} against {} advisories (newest {}).",
                        s.matched_at,
                        s.records,
                        s.newest.as_deref().unwrap_or("-")
                    ),
                    None => println!("Not matched yet: `clearance advisories match --db {}`.", review.display()),
                }
                print_found(&found);
            }
            Ok(ExitCode::SUCCESS)
        }
        Action::Status { json } => {
            let status = app::status(&db)?;
            if json {
                print_json(&status);
            } else {
                println!("Advisory database: {} ({} records)", status.path, status.records);
                if status.ecosystems.is_empty() {
                    println!(
                        "No advisories yet: import the OSV project's dumps with `clearance advisories import FILE.zip`."
                    );
                }
                for e in &status.ecosystems {
                    println!(
                        "  {:<12} {:>7} records ({} withdrawn), newest {} — {} days old",
                        e.ecosystem, e.records, e.withdrawn, e.newest, e.age_days
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// One line per component and advisory: the sure ones first.
fn print_found(found: &[clearance_store::VulnerabilityRow]) {
    let mut rows: Vec<&clearance_store::VulnerabilityRow> = found.iter().collect();
    // The sure ones first, the most severe first among them.
    rows.sort_by(|a, b| a.exposure.cmp(&b.exposure).then(b.score.unwrap_or(-1.0).total_cmp(&a.score.unwrap_or(-1.0))));
    for v in rows {
        let aliases = if v.aliases.is_empty() { String::new() } else { format!(" ({})", v.aliases.join(", ")) };
        let why = v.why.as_deref().map(|w| format!(" — {w}")).unwrap_or_default();
        let score = match (v.score, v.severity.map(|s| s.as_str())) {
            (Some(s), Some(sev)) => format!(" [{sev} {s:.1}]"),
            _ => String::new(),
        };
        let mut triage =
            v.triage.as_ref().map(|t| format!(" — triaged {} by {}", triage_words(t), t.reviewer)).unwrap_or_default();
        if !v.shipped {
            triage.push_str(" (not shipped)");
        }
        println!(
            "{:<12} {:<30} {}{aliases}{score}: {}{why}{triage}",
            v.exposure.as_str(),
            v.component,
            v.advisory_id,
            v.summary.as_deref().unwrap_or("")
        );
    }
    if found.is_empty() {
        println!("No known vulnerability in the components checked.");
    }
}

/// A triage in words: "not-affected (code-not-reachable; update)".
fn triage_words(t: &clearance_store::Triage) -> String {
    let mut extra: Vec<&str> = t.justification.iter().map(|j| j.as_str()).collect();
    extra.extend(t.responses.iter().map(|r| r.as_str()));
    if extra.is_empty() { t.state.to_string() } else { format!("{} ({})", t.state, extra.join("; ")) }
}
