//! `clearance`: the review engine headless. A thin layer over `clearance-app`: parse arguments,
//! call one use case, print the result.
#![allow(clippy::print_stdout)]

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use clearance_app::{AppError, ExportFormat, Reporter, ScanOptions, Summary};

mod advisories_cmd;
mod library_cmd;
mod review_cmd;

#[derive(Parser)]
#[command(name = "clearance", version, about = "Open-source license compliance review, offline.", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan folders into a review file (created if missing). Unchanged files keep their findings.
    Scan {
        /// Folders (or files) of the release to scan.
        #[arg(required = true, value_name = "DIR")]
        dirs: Vec<PathBuf>,
        /// The review file to write, e.g. acme-2.4.0.clearance.
        #[arg(long, value_name = "REVIEW.clearance")]
        db: PathBuf,
        /// Skip files larger than this many bytes (recorded as skipped).
        #[arg(long, default_value_t = ScanOptions::default().max_file_size, value_name = "BYTES")]
        max_file_size: u64,
        /// Worker threads (0 = one per core).
        #[arg(long, default_value_t = 0)]
        threads: usize,
        /// Do not open archives (.zip, .jar, .tar.gz, .crate, .whl, .deb, ...); hash them only.
        #[arg(long)]
        no_archives: bool,
        /// How many archives deep to open (an archive in an archive is depth 2).
        #[arg(long, default_value_t = ScanOptions::default().archive_limits.depth, value_name = "N")]
        archive_depth: u32,
        /// Print the result as JSON on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Summarise a review: licenses by files and category, components, skipped files.
    Summary {
        #[arg(long, value_name = "REVIEW.clearance")]
        db: PathBuf,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export a review.
    Export {
        #[arg(long, value_name = "REVIEW.clearance")]
        db: PathBuf,
        /// spdx-json, spdx-tv (SPDX 2.3), cyclonedx-json (CycloneDX 1.7), openvex (vulnerability
        /// triage), notice-txt, notice-md, notice-html (attribution files), report-html,
        /// report-csv (the review report).
        #[arg(long, value_name = "FORMAT")]
        format: String,
        /// The CycloneDX version to write (cyclonedx-json): 1.7, or 1.6 for consumers that do
        /// not read 1.7 yet.
        #[arg(long, value_enum, value_name = "VERSION", default_value = "1.7")]
        spec_version: clearance_app::CycloneDxVersion,
        /// The SPDX license list the SBOM's consumer knows (spdx-*, cyclonedx-json), e.g. 3.27:
        /// license ids added to the list after it are written as LicenseRef-<id> with their
        /// full texts, so a validator or tool on that list accepts the document.
        #[arg(long, value_name = "X.Y")]
        license_list_version: Option<clearance_licenses::ListVersion>,
        /// Your own template (minijinja / Jinja2 syntax) for notice-* and report-html; see
        /// docs/TEMPLATES.md for the data it receives.
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        /// Where to write the export.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Import another tool's results as a scan of the review.
    Import {
        #[arg(long, value_name = "REVIEW.clearance")]
        db: PathBuf,
        /// A ScanCode Toolkit JSON result (version 32 or later).
        #[arg(long, value_name = "FILE", group = "source")]
        from_scancode: Option<PathBuf>,
        /// An SPDX document: 2.3 JSON or tag-value, or 3.0.1 JSON-LD.
        #[arg(long, value_name = "FILE", group = "source")]
        from_spdx: Option<PathBuf>,
        /// A CycloneDX JSON BOM (1.4 to 1.7), e.g. a supplier's.
        #[arg(long, value_name = "FILE", group = "source")]
        from_cyclonedx: Option<PathBuf>,
    },
    /// Review decisions: conclusions, comments, false positives, distribution mode, carry-over.
    Review(review_cmd::ReviewArgs),
    /// Obligations derived from the concluded licenses, and their sign-off.
    Obligations(review_cmd::ObligationsArgs),
    /// Approve the release (freezes the review).
    Approve(review_cmd::ApproveArgs),
    /// Reopen an approved review for changes.
    Reopen(review_cmd::ReopenArgs),
    /// The CI gate: check the review's licenses against a policy; exits 1 when one is denied.
    Check(review_cmd::CheckArgs),
    /// The audit log: list it, or verify that nothing was changed behind Clearance's back.
    Audit(review_cmd::AuditArgs),
    /// Components added, removed and changed between two reviews.
    Diff(review_cmd::DiffArgs),
    /// This machine's settings (the reviewer's name and e-mail).
    Config(review_cmd::ConfigArgs),
    /// Known vulnerabilities, offline: import OSV dumps, see what the database holds.
    Advisories(advisories_cmd::AdvisoriesArgs),
    /// The organisation's decision library: publish approved reviews, look reviews up, curate.
    Library(library_cmd::LibraryArgs),
    /// Every release published into the library: approval, license mix, open obligations and
    /// vulnerabilities, age.
    Portfolio(library_cmd::PortfolioArgs),
    /// Which published releases hold a package (a version, or a range such as @<0.10.55).
    WhereUsed(library_cmd::WhereUsedArgs),
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        // Rust ignores SIGPIPE, so printing into a closed pipe (`clearance … | head`) panics in
        // `println!`. That is the reader being done, not a bug: end quietly, with the status a
        // shell gives a tool that SIGPIPE ended (128 + 13).
        if info.payload_as_str().is_some_and(|m| m.contains("Broken pipe") || m.contains("os error 32")) {
            std::process::exit(141);
        }
        eprintln!(
            "clearance: internal error: {info}\nThis is a bug in Clearance; the review file is left consistent. Please report it."
        );
    }));
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("clearance: {e}");
            if let Some(advice) = advice(&e) {
                eprintln!("  {advice}");
            }
            ExitCode::from(if e.is_user_error() { 2 } else { 1 })
        }
    }
}

/// What to type next, for errors whose way out is a command. The engine's messages name no
/// command (the desktop shows them too); the CLI adds its own.
fn advice(e: &AppError) -> Option<String> {
    use clearance_store::StoreError;
    match e {
        AppError::Store(StoreError::Missing { path }) => {
            Some(format!("create it with `clearance scan DIR --db {}`", path.display()))
        }
        AppError::Store(StoreError::Frozen) => Some("`clearance reopen --reason …` reopens it".into()),
        AppError::Store(StoreError::Invalid(m)) | AppError::Invalid(m) => {
            if m.starts_with("there is no component") {
                Some("`clearance review components` lists them".into())
            } else if m.starts_with("there is no obligation") {
                Some("`clearance obligations list` lists them".into())
            } else if m.contains("has no text in this review") {
                let name = m.split_whitespace().next()?.strip_prefix("LicenseRef-")?;
                Some(format!("add it with `clearance review license-ref {name} --text FILE`"))
            } else {
                None
            }
        }
        _ => None,
    }
}

fn run(command: Command) -> Result<ExitCode, AppError> {
    match command {
        Command::Import { db, from_scancode, from_spdx, from_cyclonedx } => {
            let (source, file) = match (from_scancode, from_spdx, from_cyclonedx) {
                (Some(f), _, _) => (clearance_app::ImportSource::ScanCode, f),
                (None, Some(f), _) => (clearance_app::ImportSource::Spdx, f),
                (None, None, Some(f)) => (clearance_app::ImportSource::CycloneDx, f),
                (None, None, None) => {
                    return Err(AppError::Invalid(
                        "give --from-scancode FILE, --from-spdx FILE or --from-cyclonedx FILE".into(),
                    ));
                }
            };
            let o = clearance_app::import(&db, source, &file)?;
            println!(
                "Imported {} files and {} components from {} as scan {}",
                o.files, o.components, o.tool, o.scan_id
            );
            for w in &o.warnings {
                println!("  warning: {w}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Review(a) => review_cmd::review(a),
        Command::Obligations(a) => review_cmd::obligations(a),
        Command::Approve(a) => review_cmd::approve(a),
        Command::Reopen(a) => review_cmd::reopen(a),
        Command::Check(a) => review_cmd::check(a),
        Command::Audit(a) => review_cmd::audit(a),
        Command::Diff(a) => review_cmd::diff(a),
        Command::Config(a) => review_cmd::config(a),
        Command::Advisories(a) => advisories_cmd::advisories(a),
        Command::Library(a) => library_cmd::library(a),
        Command::Portfolio(a) => library_cmd::portfolio(a),
        Command::WhereUsed(a) => library_cmd::where_used(a),
        Command::Scan { dirs, db, max_file_size, threads, no_archives, archive_depth, json } => {
            let defaults = ScanOptions::default();
            let options = ScanOptions {
                max_file_size,
                threads,
                archives: !no_archives,
                archive_limits: clearance_app::ArchiveLimits { depth: archive_depth.max(1), ..defaults.archive_limits },
                ..defaults
            };
            let cancel = Arc::new(AtomicBool::new(false));
            let flag = cancel.clone();
            let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
            let progress = Progress::new();
            let outcome = clearance_app::scan(&db, &dirs, &options, &progress, &cancel)?;
            progress.finish();
            let summary = clearance_app::summary(&db)?;
            if json {
                print_json(&serde_json::json!({"scan": outcome, "summary": summary}));
            } else {
                let s = &outcome.stats;
                let rate = s.files as f64 / outcome.seconds.max(0.001);
                println!(
                    "{} {} files ({} unchanged, kept), {} skipped, {:.1} MB in {:.2} s ({:.0} files/s)",
                    if s.cancelled { "Cancelled after" } else { "Scanned" },
                    s.files,
                    s.reused,
                    s.skipped,
                    s.bytes as f64 / 1e6,
                    outcome.seconds,
                    rate
                );
                print_summary(&summary, false);
                if let Some(m) = &outcome.advisories {
                    match &m.error {
                        Some(e) => println!("\nAdvisories: not matched ({e})"),
                        None => println!(
                            "\nAdvisories: {} known vulnerabilities ({} certainly affecting) — `clearance advisories list --db {}`{}",
                            m.found,
                            m.affected,
                            db.display(),
                            if m.lapsed > 0 {
                                format!("; {} triage decision(s) lapsed", m.lapsed)
                            } else {
                                String::new()
                            }
                        ),
                    }
                }
                if let Some(l) = &outcome.library {
                    match &l.error {
                        Some(e) => println!("\nLibrary: not looked up ({e})"),
                        None => println!(
                            "\nLibrary: took {} conclusion(s) and {} false positive(s) decided on the same evidence; {} suggestion(s), {} conflict(s) — `clearance library apply --dry-run --db {}`",
                            l.conclusions,
                            l.false_positives,
                            l.suggestions,
                            l.conflicts,
                            db.display()
                        ),
                    }
                }
                println!("\nReview file: {}", db.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Summary { db, json } => {
            let summary = clearance_app::summary(&db)?;
            if json {
                print_json(&summary)
            } else {
                print_summary(&summary, true)
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { db, format, output, template, spec_version, license_list_version } => {
            let names: Vec<&str> = ExportFormat::ALL.iter().map(|(n, _)| *n).collect();
            let fmt = ExportFormat::parse(&format).ok_or_else(|| {
                AppError::Invalid(format!("unknown export format '{format}'; use one of: {}", names.join(", ")))
            })?;
            let template = template
                .map(|t| {
                    std::fs::read_to_string(&t).map_err(|e| AppError::Path { path: t.clone(), reason: e.to_string() })
                })
                .transpose()?;
            if let Some(v) = license_list_version {
                // Refused before anything is read when Clearance cannot know what that list holds.
                clearance_licenses::ListTarget::new(v).map_err(|e| AppError::Invalid(e.to_string()))?;
            }
            let ctx = clearance_app::ExportContext {
                cyclonedx: spec_version,
                license_list: license_list_version,
                ..clearance_app::export_context()
            };
            clearance_app::export(&db, fmt, &output, &ctx, template.as_deref())?;
            eprintln!("Wrote {}", output.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub(crate) fn print_json<T: serde::Serialize>(v: &T) {
    let mut out = std::io::stdout().lock();
    let _ = serde_json::to_writer_pretty(&mut out, v);
    let _ = writeln!(out);
}

fn print_summary(s: &Summary, header: bool) {
    if header {
        println!("Review: {}", s.review.display());
        if let Some(scan) = &s.scan {
            println!(
                "Last scan: #{} {} at {} by Clearance {} (SPDX list {})",
                scan.id, scan.status, scan.started_at, scan.tool_version, scan.spdx_list_version
            );
        }
        println!("Files: {}   Findings: {}", s.files, s.findings);
    }
    println!("\nLicenses ({}):", s.licenses.len());
    if s.licenses.is_empty() {
        println!("  none found");
    }
    for l in &s.licenses {
        println!("  {:<36} {:<17} {:>6} files", l.license, l.category, l.files);
    }
    if !s.categories.is_empty() {
        println!("\nBy category:");
        for c in &s.categories {
            println!("  {:<17} {:>3} licenses {:>6} files", c.category, c.licenses, c.files);
        }
    }
    println!("\nComponents ({}):", s.components.len());
    for c in &s.components {
        let version = c.version.as_deref().unwrap_or("-");
        let eco = c.ecosystem.as_deref().unwrap_or(if c.is_root { "root" } else { "-" });
        let declared = c.declared_license.as_deref().or(c.declared_original.as_deref()).unwrap_or("-");
        let detected = if c.detected.is_empty() { "-".to_string() } else { c.detected.join(", ") };
        println!(
            "  {} {} [{}]  declared: {}  detected: {}  ({} files)",
            c.name, version, eco, declared, detected, c.files
        );
    }
    println!("\nSkipped ({}):", s.skipped.len());
    for k in s.skipped.iter().take(50) {
        println!("  {}/{}  {}: {}", k.root, k.path, k.reason, k.detail);
    }
    if s.skipped.len() > 50 {
        println!("  … and {} more (clearance summary --json lists all)", s.skipped.len() - 50);
    }
}

/// A progress bar on a terminal; a plain line every few seconds otherwise (CI logs).
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    total: AtomicU64,
    done: AtomicU64,
    last_line: std::sync::Mutex<Instant>,
}

impl Progress {
    fn new() -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = indicatif::ProgressBar::new(0);
            b.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files {per_sec} {msg}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            b.enable_steady_tick(Duration::from_millis(200));
            b
        });
        Progress {
            bar,
            total: AtomicU64::new(0),
            done: AtomicU64::new(0),
            last_line: std::sync::Mutex::new(Instant::now()),
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

impl Reporter for Progress {
    fn started(&self, total: u64) {
        self.total.store(total, Ordering::Relaxed);
        match &self.bar {
            Some(b) => b.set_length(total),
            None => eprintln!("scanning {total} files"),
        }
    }

    fn file_done(&self, _path: &str, _bytes: u64) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        match &self.bar {
            Some(b) => b.inc(1),
            None => {
                if let Ok(mut last) = self.last_line.try_lock()
                    && last.elapsed() >= Duration::from_secs(5)
                {
                    *last = Instant::now();
                    eprintln!("scanned {done}/{} files", self.total.load(Ordering::Relaxed));
                }
            }
        }
    }
}
