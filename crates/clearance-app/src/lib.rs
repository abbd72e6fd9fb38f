//! Clearance's use cases, one function each: open a review, scan folders into it, summarise it,
//! export it. The desktop shell, the CLI and the tests call these and nothing below them, so
//! the three can never disagree.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use clearance_store::{ComponentRow, LicenseCount, Review, ScanInfo, ScanWriter, SkippedRow, StoreError};
use serde::Serialize;

pub mod advisories;
pub mod browse;
pub mod bulk;
pub mod library;
pub mod profile;
pub mod recent;
pub mod review;
pub mod reviewer;
pub mod supplier;

pub use clearance_export::{CycloneDxVersion, ExportContext};
pub use clearance_scan::{ArchiveLimits, Reporter, ScanOptions, ScanStats, SilentReporter};

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppInfo {
    pub version: &'static str,
    pub spdx_list_version: &'static str,
    pub licenses: usize,
    /// The license rules' data and its attribution (ScanCode's LicenseDB, CC-BY-4.0).
    pub license_rules: String,
}

pub fn app_info() -> AppInfo {
    AppInfo {
        version: VERSION,
        spdx_list_version: clearance_licenses::spdx_list_version(),
        licenses: clearance_licenses::licenses().count(),
        license_rules: format!("{} ({})", clearance_licenses::rules::ATTRIBUTION, clearance_licenses::rules::SOURCE),
    }
}

/// Errors of the use cases. `code()` is the stable code the UI and scripts branch on.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Scan(#[from] clearance_scan::ScanError),
    #[error(transparent)]
    Export(#[from] clearance_export::ExportError),
    #[error(transparent)]
    Advisories(#[from] clearance_advisories::AdvisoryError),
    #[error(transparent)]
    Library(#[from] clearance_library::LibraryError),
    #[error("cannot use '{path}': {reason}")]
    Path { path: PathBuf, reason: String },
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Reviewer(String),
    #[error("{0}")]
    Policy(String),
}

/// The stable code of a failure, which the UI and scripts branch on. Whether it is the user's
/// to fix is decided here, once, for every code (the CLI exits 2 for those, 1 for the rest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ErrorCode {
    /// A path, an argument or a value that is not valid.
    BadInput,
    /// A file or folder that does not exist.
    Missing,
    NotAReview,
    /// The review file is damaged (its integrity check failed).
    Damaged,
    /// Written by a newer Clearance.
    TooNew,
    /// Nothing to export.
    EmptyReview,
    /// Nobody said who the reviewer is.
    NoReviewer,
    BadPolicy,
    BadTemplate,
    /// Another process is writing the review, or a scan is running.
    Busy,
    /// The review is approved: reopen it to change a decision.
    Frozen,
    /// Approval refused: something is still open.
    NotReady,
    /// Reading or writing failed.
    Storage,
    /// The desktop app has no review open.
    NoReview,
    /// A failure inside Clearance.
    Internal,
}

impl ErrorCode {
    /// True when the cause is the user's input (a path, a file, an argument), not Clearance and
    /// not a refusal of a valid request (frozen, not ready, busy), which are failures like any other.
    pub fn is_user_error(self) -> bool {
        match self {
            ErrorCode::BadInput
            | ErrorCode::Missing
            | ErrorCode::NotAReview
            | ErrorCode::Damaged
            | ErrorCode::TooNew
            | ErrorCode::EmptyReview
            | ErrorCode::NoReviewer
            | ErrorCode::BadPolicy
            | ErrorCode::BadTemplate
            | ErrorCode::NoReview => true,
            ErrorCode::Busy | ErrorCode::Frozen | ErrorCode::NotReady | ErrorCode::Storage | ErrorCode::Internal => {
                false
            }
        }
    }
}

impl AppError {
    pub fn code(&self) -> ErrorCode {
        use ErrorCode as C;
        match self {
            AppError::Store(e) | AppError::Library(clearance_library::LibraryError::Store(e)) => store_code(e),
            AppError::Reviewer(_) => C::NoReviewer,
            AppError::Policy(_) => C::BadPolicy,
            AppError::Scan(clearance_scan::ScanError::Root { .. }) => C::BadInput,
            AppError::Scan(_) => C::Storage,
            AppError::Export(clearance_export::ExportError::Empty) => C::EmptyReview,
            AppError::Export(clearance_export::ExportError::Template(_)) => C::BadTemplate,
            AppError::Export(clearance_export::ExportError::Invalid(_)) => C::BadInput,
            AppError::Export(_) => C::Storage,
            AppError::Path { .. } => C::BadInput,
            AppError::Invalid(_) => C::BadInput,
            AppError::Advisories(clearance_advisories::AdvisoryError::NotADatabase { .. }) => C::BadInput,
            AppError::Advisories(_) => C::Storage,
            AppError::Library(
                clearance_library::LibraryError::NotALibrary { .. }
                | clearance_library::LibraryError::NoLibrary { .. }
                | clearance_library::LibraryError::Invalid(_),
            ) => C::BadInput,
            AppError::Library(_) => C::Storage,
        }
    }

    /// See [`ErrorCode::is_user_error`]: the CLI exits 2 for these.
    pub fn is_user_error(&self) -> bool {
        self.code().is_user_error()
    }
}

fn store_code(e: &StoreError) -> ErrorCode {
    use ErrorCode as C;
    match e {
        StoreError::Busy | StoreError::ScanRunning(_) => C::Busy,
        StoreError::NotAReview { .. } => C::NotAReview,
        StoreError::Damaged { .. } => C::Damaged,
        StoreError::TooNew { .. } => C::TooNew,
        StoreError::Missing { .. } => C::Missing,
        StoreError::Frozen => C::Frozen,
        StoreError::NotReady(_) | StoreError::FourEyes { .. } => C::NotReady,
        StoreError::Invalid(_) => C::BadInput,
        _ => C::Storage,
    }
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// Now, as RFC 3339 UTC with seconds precision: the only place Clearance reads the clock.
pub fn now() -> String {
    let t = time::OffsetDateTime::now_utc().replace_nanosecond(0).unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    t.format(&time::format_description::well_known::Rfc3339).unwrap_or_else(|_| "1970-01-01T00:00:00Z".into())
}

#[derive(Debug, Clone, Serialize)]
pub struct ScanOutcome {
    pub scan_id: i64,
    pub stats: ScanStats,
    pub seconds: f64,
    /// The match against the machine's advisory database that followed, when it has one.
    pub advisories: Option<advisories::AfterScan>,
    /// The decisions taken from the decision library that followed, when there is one.
    pub library: Option<library::AfterScan>,
}

/// Scan folders (or files) into a review file, creating it if needed. Files unchanged since an
/// earlier scan of the same folders keep their findings instead of being detected again.
pub fn scan(
    db: &Path,
    roots: &[PathBuf],
    options: &ScanOptions,
    reporter: &dyn Reporter,
    cancel: &AtomicBool,
) -> Result<ScanOutcome> {
    let actor = reviewer::Reviewer::resolve(None).map(|r| r.to_string()).unwrap_or_else(|_| reviewer::fallback_actor());
    scan_as(db, roots, options, reporter, cancel, &actor)
}

/// `scan`, recording `actor` in the audit log.
pub fn scan_as(
    db: &Path,
    roots: &[PathBuf],
    options: &ScanOptions,
    reporter: &dyn Reporter,
    cancel: &AtomicBool,
    actor: &str,
) -> Result<ScanOutcome> {
    if roots.is_empty() {
        return Err(AppError::Invalid("no folder to scan: name at least one".into()));
    }
    let mut canonical = Vec::with_capacity(roots.len());
    for r in roots {
        let c = std::fs::canonicalize(r).map_err(|e| AppError::Path { path: r.clone(), reason: e.to_string() })?;
        if !canonical.contains(&c) {
            canonical.push(c);
        }
    }
    let started = Instant::now();
    let mut review = Review::open_or_create(db)?;
    let mut options_value = serde_json::to_value(options).unwrap_or_else(|_| serde_json::json!({}));
    let detection = clearance_scan::detection_id();
    options_value["detection"] = serde_json::Value::String(detection.clone());
    let options_json = options_value.to_string();
    let mut writer = ScanWriter::begin(&mut review, &canonical, &options_json, VERSION, actor, &now())?;
    // Files an older detection read are read again; decisions on findings found again the
    // same way stay (the writer keeps those findings' rows).
    let prior = writer.prior(Some(&detection))?;
    let result = clearance_scan::scan(&canonical, options, &prior, cancel, reporter, |ev| writer.write(ev));
    match result {
        Ok(stats) => {
            let scan_id = writer.finish(&stats, &now())?;
            drop(review);
            // A cancelled scan did not see every component: the last match stands until a full one.
            let advisories = if stats.cancelled { None } else { advisories::match_after_scan(db) };
            let library = if stats.cancelled { None } else { library::apply_after_scan(db, actor) };
            Ok(ScanOutcome { scan_id, stats, seconds: started.elapsed().as_secs_f64(), advisories, library })
        }
        Err(e) => {
            let _ = writer.fail(&now());
            Err(e.into())
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CategoryCount {
    pub category: clearance_licenses::Category,
    pub licenses: usize,
    pub files: i64,
}

/// What a review holds, at a glance.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Summary {
    pub review: PathBuf,
    pub scan: Option<ScanInfo>,
    pub files: i64,
    pub findings: i64,
    pub licenses: Vec<LicenseCount>,
    pub categories: Vec<CategoryCount>,
    pub components: Vec<ComponentRow>,
    pub skipped: Vec<SkippedRow>,
}

pub fn summary(db: &Path) -> Result<Summary> {
    let review = Review::open(db)?;
    let licenses = review.license_counts()?;
    Ok(Summary {
        review: db.to_path_buf(),
        scan: review.latest_scan()?,
        files: review.count_files()?,
        findings: review.count_findings()?,
        categories: categories_of(&licenses),
        licenses,
        components: review.components()?,
        skipped: review.skipped()?,
    })
}

/// License counts rolled up by category, the most demanding category first.
fn categories_of(licenses: &[LicenseCount]) -> Vec<CategoryCount> {
    let mut categories: Vec<CategoryCount> = Vec::new();
    for l in licenses {
        match categories.iter_mut().find(|c| c.category == l.category) {
            Some(c) => {
                c.licenses += 1;
                c.files += l.files;
            }
            None => categories.push(CategoryCount { category: l.category, licenses: 1, files: l.files }),
        }
    }
    categories.sort_by(|a, b| {
        b.category.severity().cmp(&a.category.severity()).then(a.category.as_str().cmp(b.category.as_str()))
    });
    categories
}

/// Where imported results come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportSource {
    ScanCode,
    Spdx,
    CycloneDx,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportOutcome {
    pub scan_id: i64,
    pub tool: String,
    pub files: u64,
    pub components: usize,
    pub warnings: Vec<String>,
}

/// The largest document `import` reads (a BOM of ~100,000 components is well under it).
pub const MAX_IMPORT_BYTES: u64 = 128 * 1_000_000;

/// Import another tool's results (ScanCode Toolkit JSON, SPDX 2.3 JSON, a CycloneDX JSON BOM) as
/// a scan of the review.
pub fn import(db: &Path, source: ImportSource, file: &Path) -> Result<ImportOutcome> {
    // A document is read whole (its parsed form takes several times its size): past the limit
    // it is refused before anything is read, so memory stays bounded.
    let size =
        std::fs::metadata(file).map_err(|e| AppError::Path { path: file.to_path_buf(), reason: e.to_string() })?.len();
    if size > MAX_IMPORT_BYTES {
        return Err(AppError::Invalid(format!(
            "'{}' is {} MB: Clearance imports documents up to {} MB (split the SBOM, or scan the tree it describes)",
            file.display(),
            size / 1_000_000,
            MAX_IMPORT_BYTES / 1_000_000
        )));
    }
    let text = std::fs::read_to_string(file)
        .map_err(|e| AppError::Path { path: file.to_path_buf(), reason: e.to_string() })?;
    let imported = match source {
        ImportSource::ScanCode => clearance_import::from_scancode(&text),
        ImportSource::Spdx => clearance_import::from_spdx(&text),
        ImportSource::CycloneDx => clearance_import::from_cyclonedx(&text),
    }
    .map_err(|e| AppError::Invalid(format!("cannot import '{}': {e}", file.display())))?;
    let canonical =
        std::fs::canonicalize(file).map_err(|e| AppError::Path { path: file.to_path_buf(), reason: e.to_string() })?;
    let key = PathBuf::from(format!("{}#import", canonical.display()));
    let actor = reviewer::Reviewer::resolve(None).map(|r| r.to_string()).unwrap_or_else(|_| reviewer::fallback_actor());
    let mut review = Review::open_or_create(db)?;
    let options = serde_json::json!({"import": file.display().to_string(), "tool": imported.tool}).to_string();
    let mut writer =
        ScanWriter::begin(&mut review, std::slice::from_ref(&key), &options, &imported.tool, &actor, &now())?;
    writer.set_root_name(0, &imported.root_name)?;
    let mut stats = ScanStats::default();
    for ev in imported.events {
        if let clearance_scan::Event::File(f) = &ev {
            stats.files += 1;
            stats.bytes += f.size;
        }
        writer.write(ev)?;
    }
    for (dir, key, decl) in &imported.components {
        writer.add_component(0, dir, key, decl)?;
    }
    let scan_id = writer.finish(&stats, &now())?;
    // Imported into the review of a scan, a document's entries are what a supplier claims.
    let set_aside = review.set_aside_supplier_entries(&actor, &now())?;
    let mut warnings = imported.warnings;
    if set_aside > 0 {
        warnings.push(format!(
            "the review holds a scan: the document's {set_aside} entries are marked not shipped, to compare with it (`clearance diff --supplier`), not to conclude"
        ));
    }
    Ok(ImportOutcome {
        scan_id,
        tool: imported.tool,
        files: stats.files,
        components: imported.components.len(),
        warnings,
    })
}

/// Export formats, named as `clearance export --format` and the UI name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ExportFormat {
    SpdxJson,
    SpdxTv,
    #[serde(rename = "cyclonedx-json")]
    CycloneDxJson,
    NoticeTxt,
    NoticeMd,
    NoticeHtml,
    ReportHtml,
    ReportCsv,
    #[serde(rename = "openvex")]
    OpenVex,
    #[serde(rename = "spdx3-json")]
    Spdx3Json,
}

impl ExportFormat {
    pub const ALL: [(&'static str, ExportFormat); 10] = [
        ("spdx-json", ExportFormat::SpdxJson),
        ("spdx3-json", ExportFormat::Spdx3Json),
        ("spdx-tv", ExportFormat::SpdxTv),
        ("cyclonedx-json", ExportFormat::CycloneDxJson),
        ("notice-txt", ExportFormat::NoticeTxt),
        ("notice-md", ExportFormat::NoticeMd),
        ("notice-html", ExportFormat::NoticeHtml),
        ("report-html", ExportFormat::ReportHtml),
        ("report-csv", ExportFormat::ReportCsv),
        ("openvex", ExportFormat::OpenVex),
    ];

    pub fn parse(s: &str) -> Option<ExportFormat> {
        Self::ALL.iter().find(|(n, _)| *n == s).map(|(_, f)| *f)
    }

    /// What the format is, for people choosing one.
    pub fn title(self) -> &'static str {
        match self {
            ExportFormat::SpdxJson => "SPDX 2.3 SBOM (JSON)",
            ExportFormat::SpdxTv => "SPDX 2.3 SBOM (tag-value)",
            ExportFormat::CycloneDxJson => "CycloneDX 1.7 SBOM (JSON)",
            ExportFormat::NoticeTxt => "Attribution notice (plain text)",
            ExportFormat::NoticeMd => "Attribution notice (Markdown)",
            ExportFormat::NoticeHtml => "Attribution notice (HTML, with license texts)",
            ExportFormat::ReportHtml => "Review report (HTML)",
            ExportFormat::ReportCsv => "Review report (CSV)",
            ExportFormat::OpenVex => "Vulnerability triage (OpenVEX 0.2.0)",
            ExportFormat::Spdx3Json => "SPDX 3.0.1 SBOM (JSON-LD)",
        }
    }

    /// The end of an exported file's name: `<review><suffix>`.
    pub fn file_suffix(self) -> &'static str {
        match self {
            ExportFormat::SpdxJson => ".spdx.json",
            ExportFormat::SpdxTv => ".spdx",
            ExportFormat::CycloneDxJson => ".cdx.json",
            ExportFormat::NoticeTxt => "-NOTICE.txt",
            ExportFormat::NoticeMd => "-NOTICE.md",
            ExportFormat::NoticeHtml => "-NOTICE.html",
            ExportFormat::ReportHtml => "-report.html",
            ExportFormat::ReportCsv => "-report.csv",
            ExportFormat::OpenVex => ".openvex.json",
            ExportFormat::Spdx3Json => ".spdx3.json",
        }
    }

    /// Formats rendered through a template a user may replace.
    pub fn takes_template(self) -> bool {
        matches!(
            self,
            ExportFormat::NoticeTxt | ExportFormat::NoticeMd | ExportFormat::NoticeHtml | ExportFormat::ReportHtml
        )
    }
}

/// Render an export of the review to bytes. `template` replaces the built-in template of the
/// attribution and HTML report formats.
pub fn render_export(db: &Path, format: ExportFormat, ctx: &ExportContext, template: Option<&str>) -> Result<Vec<u8>> {
    let review = Review::open(db)?;
    let release = load_release(db, &review)?;
    render(&release, format, ctx, template)
}

/// The release every export of the review is made from, with the review's own policy (as
/// `clearance check` applies it).
fn load_release<'r>(db: &Path, review: &'r Review) -> Result<clearance_export::Release<'r>> {
    let policy = crate::review::review_policy(db, None)?;
    Ok(clearance_export::Release::load(review, policy)?)
}

fn render(
    release: &clearance_export::Release,
    format: ExportFormat,
    ctx: &ExportContext,
    template: Option<&str>,
) -> Result<Vec<u8>> {
    use clearance_export as x;
    Ok(match format {
        ExportFormat::SpdxJson => pretty_json(&x::spdx_json(release, ctx)?)?,
        ExportFormat::SpdxTv => x::to_tag_value(&x::spdx_json(release, ctx)?).into_bytes(),
        ExportFormat::CycloneDxJson => pretty_json(&x::cyclonedx_json(release, ctx)?)?,
        ExportFormat::OpenVex => pretty_json(&x::openvex(release, ctx)?)?,
        ExportFormat::Spdx3Json => pretty_json(&x::spdx3_json(release, ctx)?)?,
        ExportFormat::NoticeTxt | ExportFormat::NoticeMd | ExportFormat::NoticeHtml => {
            let (name, builtin) = match format {
                ExportFormat::NoticeTxt => ("notice.txt", x::NOTICE_TXT),
                ExportFormat::NoticeMd => ("notice.md", x::NOTICE_MD),
                _ => ("notice.html", x::NOTICE_HTML),
            };
            let data = x::attribution(release, ctx)?;
            x::render(name, template.unwrap_or(builtin), &data)?.into_bytes()
        }
        ExportFormat::ReportHtml | ExportFormat::ReportCsv => {
            let data = x::report(release, ctx)?;
            if format == ExportFormat::ReportCsv {
                x::report_csv(&data).into_bytes()
            } else {
                x::render("report.html", template.unwrap_or(x::REPORT_HTML), &data)?.into_bytes()
            }
        }
    })
}

/// Write several exports of the review into `dir` (as `<review name><suffix>`), from one load
/// of the release; each file written whole or not at all. Answers the paths written.
pub fn export_many(db: &Path, formats: &[ExportFormat], dir: &Path, ctx: &ExportContext) -> Result<Vec<PathBuf>> {
    let review = Review::open(db)?;
    let release = load_release(db, &review)?;
    let stem = db.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "review".into());
    let mut written = Vec::with_capacity(formats.len());
    for &f in formats {
        let out = dir.join(format!("{stem}{}", f.file_suffix()));
        write_atomically(&out, &render(&release, f, ctx, None)?)?;
        written.push(out);
    }
    Ok(written)
}

fn pretty_json<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    let mut s = serde_json::to_vec_pretty(v).map_err(|e| AppError::Invalid(e.to_string()))?;
    s.push(b'\n');
    Ok(s)
}

/// Write an export of the review to `out` (written to a temporary file beside it, then renamed,
/// so a failed export never leaves half a file).
pub fn export(db: &Path, format: ExportFormat, out: &Path, ctx: &ExportContext, template: Option<&str>) -> Result<()> {
    if template.is_some() && !format.takes_template() {
        return Err(AppError::Invalid(
            "--template applies to notice-txt, notice-md, notice-html and report-html".into(),
        ));
    }
    let bytes = render_export(db, format, ctx, template)?;
    write_atomically(out, &bytes)
}

fn write_atomically(out: &Path, bytes: &[u8]) -> Result<()> {
    let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name =
        out.file_name().ok_or_else(|| AppError::Path { path: out.to_path_buf(), reason: "not a file name".into() })?;
    let tmp = dir.join(format!(".{}.tmp-{}", name.to_string_lossy(), std::process::id()));
    let io = |e: std::io::Error| AppError::Path { path: out.to_path_buf(), reason: e.to_string() };
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, out).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })
}

pub fn export_context() -> ExportContext {
    ExportContext { created: now(), tool_version: VERSION.to_string(), ..Default::default() }
}
