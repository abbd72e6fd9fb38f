//! `clearance library`, `clearance portfolio`, `clearance where-used`: the organisation's decision
//! library (shared by every review of a machine or team) and the releases published into it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use clearance_app::AppError;
use clearance_app::library as app;
use clearance_app::reviewer::Reviewer;

use crate::print_json;

/// Where the library is: a file (a path, or sqlite:PATH). Default: CLEARANCE_LIBRARY, then
/// library.sqlite in the app's data folder (shared with the desktop app).
#[derive(Args)]
pub struct LibraryOption {
    #[arg(long, global = true, value_name = "URL")]
    library: Option<String>,
}

#[derive(Args)]
pub struct LibraryArgs {
    #[command(flatten)]
    at: LibraryOption,
    #[command(subcommand)]
    action: Action,
}

#[derive(Subcommand)]
enum Action {
    /// Publish a review: the release into the portfolio and, when it is approved, its decisions
    /// (conclusions with the evidence they were made on, false positives, LicenseRef texts,
    /// exclusions) into the library. Publishing a release again replaces its earlier entry.
    Publish {
        #[arg(long, value_name = "REVIEW.clearance")]
        db: PathBuf,
        #[arg(long, value_name = "NAME <EMAIL>")]
        reviewer: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// What the library holds.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Every decision about a package (pkg:TYPE/NAME@VERSION, or without @VERSION: every
    /// version), with where it came from.
    Show {
        purl: String,
        #[arg(long)]
        json: bool,
    },
    /// Look the review up: take the decisions made on the same package and the same evidence
    /// (a scan does this on its own when the library exists); list what is only suggested
    /// (other evidence, another version) and what conflicts. Exit 1 while conflicts stand.
    Apply {
        #[arg(long, value_name = "REVIEW.clearance")]
        db: PathBuf,
        /// Say what would be taken; take nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long, value_name = "NAME <EMAIL>")]
        reviewer: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Add a curation by hand: a package version's license, with the reason. It is offered to
    /// reviews that meet the package, never applied on its own.
    Curate {
        /// pkg:TYPE/NAME@VERSION
        purl: String,
        #[arg(long, value_name = "EXPRESSION")]
        license: String,
        #[arg(long)]
        reason: String,
        #[arg(long, value_name = "NAME <EMAIL>")]
        reviewer: Option<String>,
    },
}

#[derive(Args)]
pub struct PortfolioArgs {
    #[command(flatten)]
    at: LibraryOption,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct WhereUsedArgs {
    /// pkg:TYPE/NAME (any version), pkg:TYPE/NAME@1.2.3, pkg:TYPE/NAME@<1.2.3, @>=1.0,<2.0
    query: String,
    #[command(flatten)]
    at: LibraryOption,
    #[arg(long)]
    json: bool,
}

pub fn library(a: LibraryArgs) -> Result<ExitCode, AppError> {
    let at = app::location(a.at.library.as_deref())?;
    match a.action {
        Action::Publish { db, reviewer, json } => {
            let who = Reviewer::resolve(reviewer.as_deref())?;
            let r = app::publish(&db, &at, &who)?;
            if json {
                print_json(&r);
            } else {
                let release = format!("{} {}", r.product, r.version).trim().to_string();
                println!(
                    "Published {release}{}: {} components into the portfolio",
                    if r.replaced { " again (its earlier entry replaced)" } else { "" },
                    r.components
                );
                if r.approved {
                    println!(
                        "Into the library: {} conclusions, {} false positives, {} exclusions, {} LicenseRef texts",
                        r.conclusions, r.false_positives, r.exclusions, r.license_refs
                    );
                } else {
                    println!("The release is not approved: its decisions stay out of the library until it is.");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Action::Status { json } => {
            let s = app::status(&at)?;
            if json {
                print_json(&s);
            } else {
                println!("Library: {}", s.location);
                println!("Releases: {} ({} approved)", s.releases, s.approved_releases);
                println!(
                    "Conclusions: {} published, {} curated by hand; false positives: {}; LicenseRef texts: {}",
                    s.conclusions, s.curations, s.false_positives, s.license_refs
                );
                if let Some(at) = &s.last_published {
                    println!("Last published: {at}");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Action::Show { purl, json } => {
            let entries = app::show(&at, &purl)?;
            if json {
                print_json(&entries);
            } else if entries.is_empty() {
                println!("The library holds no decision about {purl}.");
            } else {
                for e in &entries {
                    println!(
                        "{}: {} ({}){}",
                        e.key.trim_start_matches("purl:"),
                        e.expression.as_deref().unwrap_or("no license concluded"),
                        e.status,
                        e.reason.as_deref().map(|r| format!(" — curated: {r}")).unwrap_or_default()
                    );
                    println!("  {}", e.provenance());
                    if !e.evidence.files.is_empty() {
                        let files: Vec<&str> = e.evidence.files.keys().map(String::as_str).collect();
                        println!("  on the evidence of {}", files.join(", "));
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Action::Apply { db, dry_run, reviewer, json } => {
            let (adopted, plan, library) = if dry_run {
                (None, app::plan(&db, &at)?, None)
            } else {
                let who = Reviewer::resolve(reviewer.as_deref())?;
                let a = app::apply(&db, &at, &who)?;
                (Some(a.adopted), a.plan, Some(a.library))
            };
            if json {
                print_json(&serde_json::json!({"library": library, "adopted": adopted, "plan": plan}));
            } else {
                let verb = if dry_run { "Would take" } else { "Took" };
                println!(
                    "{verb} {} conclusion(s) and {} false positive(s) from the library",
                    adopted.as_ref().map_or(plan.apply.len(), |a| a.conclusions),
                    adopted.as_ref().map_or(plan.false_positives, |a| a.false_positives),
                );
                for p in &plan.apply {
                    println!(
                        "  {}: {} ({})",
                        p.component,
                        p.entry.expression.as_deref().unwrap_or("-"),
                        p.entry.provenance()
                    );
                }
                if !plan.suggestions.is_empty() {
                    println!("\nSuggested, not taken ({}):", plan.suggestions.len());
                    for s in &plan.suggestions {
                        let what = match s.kind {
                            clearance_library::SuggestionKind::Exclusion => {
                                format!("not shipped: {}", s.entry.comment.as_deref().unwrap_or(""))
                            }
                            clearance_library::SuggestionKind::Conclusion => {
                                s.entry.expression.clone().unwrap_or_else(|| "-".into())
                            }
                        };
                        println!("  {}: {what} ({}) — {}", s.component, s.entry.provenance(), s.why);
                    }
                }
                if !plan.conflicts.is_empty() {
                    println!("\nConflicting decisions, not taken ({}):", plan.conflicts.len());
                    for c in &plan.conflicts {
                        println!("  {}:", c.component);
                        for e in &c.entries {
                            println!(
                                "    {} ({}) — {}",
                                e.expression.as_deref().unwrap_or("-"),
                                e.status,
                                e.provenance()
                            );
                        }
                    }
                }
            }
            Ok(if plan.conflicts.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Action::Curate { purl, license, reason, reviewer } => {
            let who = Reviewer::resolve(reviewer.as_deref())?;
            app::curate(&at, &purl, &license, &reason, &who)?;
            println!("Curated {purl}: {license} — offered to reviews that meet it");
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub fn portfolio(a: PortfolioArgs) -> Result<ExitCode, AppError> {
    let at = app::location(a.at.library.as_deref())?;
    let releases = app::portfolio(&at)?;
    if a.json {
        print_json(&releases);
        return Ok(ExitCode::SUCCESS);
    }
    if releases.is_empty() {
        println!("No release published yet: `clearance library publish --db REVIEW.clearance`.");
        return Ok(ExitCode::SUCCESS);
    }
    for r in &releases {
        let state = if r.approved {
            format!(
                "approved by {} at {}",
                r.approved_by.as_deref().unwrap_or("?"),
                r.approved_at.as_deref().unwrap_or("?")
            )
        } else {
            "in review".to_string()
        };
        let vulns = r.open_vulnerabilities.map_or("not matched".to_string(), |n| n.to_string());
        let mix: Vec<String> = r.license_mix.iter().take(4).map(|(l, n)| format!("{l} {n}")).collect();
        println!("{} {} — {state}", r.product, r.version);
        println!(
            "  {} components; open obligations {}; open vulnerabilities {vulns}; licenses: {}",
            r.components,
            r.open_obligations,
            mix.join(", ")
        );
        println!("  published by {} at {} from {}", r.published_by, r.published_at, r.review);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn where_used(a: WhereUsedArgs) -> Result<ExitCode, AppError> {
    let at = app::location(a.at.library.as_deref())?;
    let used = app::where_used(&at, &a.query)?;
    if a.json {
        print_json(&used);
    } else if used.is_empty() {
        println!("No published release holds {}.", a.query);
    } else {
        for u in &used {
            println!(
                "{}: {} {}{}{}{}",
                u.release,
                u.name,
                u.version.as_deref().unwrap_or("(no version)"),
                if u.shipped { "" } else { " (not shipped)" },
                u.concluded.as_deref().map(|c| format!(", concluded {c}")).unwrap_or_default(),
                if u.unreadable_version { " — its version cannot be compared; check it by hand" } else { "" }
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
