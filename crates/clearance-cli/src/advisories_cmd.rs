//! `clearance advisories`: the machine's database of known vulnerabilities (OSV dumps imported
//! by the user, for offline use), shared by every review.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use clearance_app::AppError;
use clearance_app::advisories as app;

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
