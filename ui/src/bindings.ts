// Generated from the Rust types by `src-tauri/src/bindings.rs`; do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p clearance-desktop --lib bindings

import type { Channel } from "@tauri-apps/api/core";

/** Every command the UI may call (src-tauri/src/command_list.rs): the arguments it sends and what it answers. */
export interface Commands {
  app_info: { args: Record<string, never>; answer: AppInfo };
  recent_reviews: { args: Record<string, never>; answer: Array<RecentReview> };
  open_recent: { args: { path: string }; answer: ReviewOpened };
  open_review_dialog: { args: Record<string, never>; answer: ReviewOpened | null };
  pick_folders: { args: Record<string, never>; answer: Array<string> };
  chosen_folders: { args: Record<string, never>; answer: Array<string> };
  forget_folder: { args: { path: string }; answer: Array<string> };
  scan_folders: { args: { name: string; onProgress: Channel<ScanEvent> }; answer: ReviewOpened };
  scan_sample: { args: { onProgress: Channel<ScanEvent> }; answer: ReviewOpened };
  rescan: { args: { onProgress: Channel<ScanEvent> }; answer: ReviewOpened };
  cancel_scan: { args: Record<string, never>; answer: null };
  overview: { args: Record<string, never>; answer: Overview };
  component_page: { args: { query: ComponentQuery }; answer: ComponentPage };
  component_facets: { args: Record<string, never>; answer: ComponentFacets };
  component_detail: { args: { id: number }; answer: ComponentDetail };
  component_files: { args: { component: number; search: string }; answer: FileList };
  file_content: { args: { id: number }; answer: FileContent };
  reference_diff: { args: { finding: number }; answer: ReferenceDiff };
  complete_license: { args: { prefix: string }; answer: Array<LicenseChoice> };
  check_expression: { args: { expression: string }; answer: ExpressionCheck };
  obligations: { args: Record<string, never>; answer: Array<ObligationRow> };
  holders: { args: { search: string }; answer: Array<HolderRow> };
  folder: { args: { path: string }; answer: FolderView };
  audit_log: { args: Record<string, never>; answer: AuditView };
  vulnerabilities: { args: Record<string, never>; answer: VulnerabilityList };
  import_advisories: { args: Record<string, never>; answer: AdvisoryImport | null };
  match_advisories: { args: Record<string, never>; answer: VulnerabilityList };
  import_supplier_sbom: { args: Record<string, never>; answer: SupplierDiff | null };
  supplier_diff: { args: Record<string, never>; answer: SupplierDiff };
  pick_earlier_review: { args: Record<string, never>; answer: string | null };
  changes_since: { args: { earlier: string }; answer: ReviewDiff };
  who_am_i: { args: Record<string, never>; answer: string | null };
  set_reviewer: { args: { name: string }; answer: string };
  conclude: { args: { request: ConcludeRequest }; answer: ComponentDetail };
  comment: { args: { request: CommentRequest }; answer: number };
  false_positive: { args: { request: FalsePositiveRequest }; answer: number };
  folder_false_positive: { args: { request: FolderMark }; answer: number };
  folder_not_shipped: { args: { request: FolderMark }; answer: number };
  exclude: { args: { request: ExcludeRequest }; answer: null };
  sign_off: { args: { request: SignOffRequest }; answer: null };
  bulk: { args: { request: BulkRequest }; answer: BulkReport };
  undo_bulk: { args: Record<string, never>; answer: BulkReport };
  triage: { args: { request: TriageRequest }; answer: Triage };
  resolve_claim: { args: { request: ClaimRequest }; answer: ClaimDecision };
  set_distribution: { args: { modes: Array<Distribution> }; answer: null };
  set_product: { args: { request: ProductRequest }; answer: null };
  policy_text: { args: Record<string, never>; answer: PolicyText };
  set_policy: { args: { text: string }; answer: null };
  approve: { args: { request: ApproveRequest }; answer: ApprovalState };
  reopen: { args: { reason: string }; answer: null };
  portfolio: { args: Record<string, never>; answer: Array<ReleaseSummary> | null };
  where_used: { args: { query: string }; answer: Array<UsedIn> };
  library_view: { args: Record<string, never>; answer: LibraryView };
  apply_library: { args: Record<string, never>; answer: LibraryView };
  publish_release: { args: Record<string, never>; answer: PublishReport };
  pick_export_folder: { args: Record<string, never>; answer: string | null };
  export_formats: { args: Record<string, never>; answer: Array<ExportChoice> };
  export: { args: { formats: Array<ExportFormat> }; answer: Array<string> };
}

export type AdvisoryImport = { 
/**
 * One sentence per source: what was added and updated, or why it was not imported.
 */
sources: Array<string>, 
/**
 * A source could not be imported at all.
 */
failed: boolean, 
/**
 * Records the database holds now.
 */
records: number, 
/**
 * The open review was matched against the database.
 */
matched: boolean, };

export type AdvisorySnapshot = { 
/**
 * A hash of every record id and its `modified`: the same records, the same hash.
 */
hash: string, records: number, 
/**
 * The newest record's `modified`: how current the database was.
 */
newest: string | null, matched_at: string, };

export type AnnotationRow = { id: number, target_kind: AnnotationTarget, target_id: number, comment: string, reviewer: string, created_at: string, carried_from: string | null, };

export type AnnotationTarget = "component" | "file" | "finding";

export type AppInfo = { version: string, spdx_list_version: string, licenses: number, 
/**
 * The license rules' data and its attribution (ScanCode's LicenseDB, CC-BY-4.0).
 */
license_rules: string, };

export type ApprovalState = { approved: boolean, reviewer: string | null, at: string | null, reason: string | null, 
/**
 * The hash of the advisory database snapshot the release was approved against.
 */
advisories: string | null, };

export type ApproveRequest = { override_reason: string | null, };

export type AuditAction = "scan" | "conclude" | "sign-off" | "annotate" | "mark-false-positive" | "unmark-false-positive" | "exclude" | "include" | "add-license-ref" | "set-product" | "set-policy" | "set-distribution" | "approve" | "reopen" | "carry-over" | "lapse" | "obligation-withdrawn" | "undo" | "triage" | "resolve-claim" | "assign" | "second-review" | "split" | "merge";

export type AuditEvent = { id: number, at: string, actor: string, action: AuditAction, target: string, before: string | null, after: string | null, hash: string, };

export type AuditView = { events: Array<AuditEvent>, intact: boolean, broken: string | null, };

export type Blockers = { unconcluded: Array<string>, open_obligations: Array<string>, 
/**
 * Open vulnerabilities the review's policy denies (`[vulnerabilities] deny`), each as
 * "component: advisory (severity)".
 */
vulnerabilities: Array<string>, 
/**
 * Shipped components flagged "needs second review", each as "component: why (who flagged)".
 */
second_review: Array<string>, };

export type BulkAction = { "action": "conclude", expression: string | null, status: ComponentStatus | null, comment: string | null, only_clear: boolean, } | { "action": "set-status", status: ComponentStatus, comment: string | null, } | { "action": "sign-off", obligation: string, license: string | null, status: ObligationStatus, note: string | null, } | { "action": "false-positive", license: string, reason: string, } | { "action": "not-shipped", reason: string, } | { "action": "assign", assignee: string | null, } | { "action": "second-review", raise: boolean, note: string | null, };

export type BulkOutcome = { component_id: number, 
/**
 * Name and version.
 */
component: string, 
/**
 * False when it was skipped (or, in a dry run, would be).
 */
changed: boolean, 
/**
 * What was done, or why not.
 */
detail: string, };

export type BulkReport = { dry_run: boolean, selected: number, changed: number, skipped: number, outcomes: Array<BulkOutcome>, 
/**
 * The change can be undone (`undo_bulk`) until the next bulk action.
 */
undoable: boolean, };

export type BulkRequest = { selection: ComponentSelection, action: BulkAction, 
/**
 * Say what would change, change nothing.
 */
dry_run: boolean, };

export type Category = "public-domain" | "permissive" | "weak-copyleft" | "strong-copyleft" | "network-copyleft" | "source-available" | "exception" | "unknown";

export type CategoryCount = { category: Category, licenses: number, files: number, };

export type CheckReport = { errors: number, warnings: number, hits: Array<PolicyHit>, 
/**
 * Open vulnerabilities the policy denies (`[vulnerabilities] deny`), each an error:
 * "component: advisory (severity)".
 */
vulnerabilities: Array<string>, };

export type ClaimDecision = { 
/**
 * The package (its purl without version, or ecosystem/name).
 */
package: string, kind: ClaimKind, 
/**
 * What the SBOM said, and what the scan found, when it was decided.
 */
claim: string, evidence: string, state: ClaimState, note: string, reviewer: string, decided_at: string, };

export type ClaimKind = "only-in-sbom" | "only-in-scan" | "version" | "license";

export type ClaimRequest = { 
/**
 * The package: its name as the diff shows it, or the package key.
 */
package: string, kind: ClaimKind, state: ClaimState, note: string, };

export type ClaimState = "accepted" | "rejected";

export type Clarity = "disagree" | "copyleft" | "no-license-text" | "no-license";

export type ClarityGap = "no-declared-license" | "missing-license-text" | "detected-disagrees" | "no-copyright";

export type CommentRequest = { target: AnnotationTarget, id: number, text: string, };

export type ComponentChange = { 
/**
 * The component in the newer review (none for one that was removed).
 */
id: number | null, name: string, ecosystem: string | null, old_version: string | null, new_version: string | null, changes: Array<string>, };

export type ComponentDetail = { component: ComponentView, 
/**
 * Files with findings or copyrights, and license, notice and manifest files (at most
 * `DETAIL_FILES`), in path order.
 */
files: Array<FileView>, 
/**
 * All files of the component, shown or not.
 */
file_count: number, comments: Array<AnnotationRow>, 
/**
 * Why it is left out of attribution files, by whom, when.
 */
excluded: [string, string, string] | null, obligations: Array<ObligationRow>, 
/**
 * What its lockfiles say it depends on, and what depends on it.
 */
depends_on: Array<ComponentLink>, used_by: Array<ComponentLink>, 
/**
 * Known vulnerabilities the review's last match found in it, with their triage.
 */
vulnerabilities: Array<VulnerabilityRow>, };

export type ComponentFacets = { total: number, ecosystems: Array<Facet>, statuses: Array<Facet>, 
/**
 * License ids in use (declared, detected or concluded), most components first.
 */
licenses: Array<Facet>, 
/**
 * Categories of those licenses, the most demanding first.
 */
categories: Array<Facet>, 
/**
 * How many components each clarity filter selects.
 */
clarity: Array<Facet>, 
/**
 * Reviewers components are assigned to, with how many each (and `none`: unassigned).
 */
assignees: Array<Facet>, };

export type ComponentFilter = { 
/**
 * Words that must all appear in the name, purl, or a declared, detected or concluded license.
 */
search: string, status: StatusFilter | null, 
/**
 * An ecosystem (`cargo`, `npm`, ...), `none` for components without one; empty for all.
 */
ecosystem: string, 
/**
 * A license id in the component's declared, detected (not false positive) or concluded license.
 */
license: string, 
/**
 * A category one of those licenses falls in.
 */
category: Category | null, clarity: Clarity | null, 
/**
 * Only components whose clarity score is at least this (`CLARITY_CLEAR` for the clear ones).
 */
clarity_at_least: number | null, 
/**
 * Only components whose clarity score is below this.
 */
clarity_below: number | null, 
/**
 * Only components assigned to this reviewer (two spellings of one reviewer match: the
 * e-mail, else the name), `none` for the unassigned; empty for all.
 */
assignee: string, };

export type ComponentLink = { id: number, name: string, version: string | null, };

export type ComponentListRow = { id: number, name: string, version: string | null, ecosystem: string | null, declared: string | null, detected: Array<string>, concluded: string | null, status: ComponentStatus, carried: boolean, excluded: boolean, is_root: boolean, source: ComponentSource, open_obligations: number, files: number, 
/**
 * The license clarity score, 0-100, and what its evidence lacks.
 */
clarity: number, clarity_gaps: Array<ClarityGap>, 
/**
 * Who is to review it.
 */
assignee: string | null, 
/**
 * Flagged "needs second review".
 */
second_review: boolean, };

export type ComponentPage = { 
/**
 * Rows matching the filters, over all pages.
 */
total: number, offset: number, rows: Array<ComponentListRow>, };

export type ComponentQuery = { filter: ComponentFilter, sort: SortKey, descending: boolean, offset: number, limit: number, };

export type ComponentRow = { id: number, root: string, dir: string, manifest_path: string | null, ecosystem: string | null, name: string, version: string | null, purl: string | null, declared_license: string | null, declared_original: string | null, homepage: string | null, is_root: boolean, 
/**
 * Where it was found (a lockfile entry has no files of its own).
 */
source: ComponentSource, 
/**
 * Distinct license ids detected in the component's files (not counting its manifest).
 */
detected: Array<string>, files: number, 
/**
 * Who its manifest (or an imported SBOM) says makes it: SBOMs' supplier.
 */
supplier: string | null, };

export type ComponentSelection = { ids: Array<number>, 
/**
 * The components table's filter, as the table applies it.
 */
filter: ComponentFilter, 
/**
 * Every component, when nothing else narrows the selection.
 */
all: boolean, };

export type ComponentSource = "manifest" | "lockfile" | "folder" | "import";

export type ComponentStatus = "pending" | "approved" | "rejected" | "needs-info";

export type ComponentView = { conclusion: Conclusion | null, suggestion: Suggestion | null, 
/**
 * Open obligations (none for a component the release does not ship).
 */
open_obligations: number, 
/**
 * Why the release does not ship it (a reviewer's or the scan's exclusion), if it does not.
 */
not_shipped: string | null, 
/**
 * How clear its licensing is from its own evidence (0-100), and what that evidence lacks.
 */
clarity: number, clarity_gaps: Array<ClarityGap>, id: number, root: string, dir: string, manifest_path: string | null, ecosystem: string | null, name: string, version: string | null, purl: string | null, declared_license: string | null, declared_original: string | null, homepage: string | null, is_root: boolean, 
/**
 * Where it was found (a lockfile entry has no files of its own).
 */
source: ComponentSource, 
/**
 * Distinct license ids detected in the component's files (not counting its manifest).
 */
detected: Array<string>, files: number, 
/**
 * Who its manifest (or an imported SBOM) says makes it: SBOMs' supplier.
 */
supplier: string | null, };

export type ConcludeRequest = { component: number, expression: string | null, status: ComponentStatus | null, comment: string | null, };

export type Conclusion = { component_id: number, expression: string | null, status: ComponentStatus, comment: string | null, reviewer: string, decided_at: string, carried_from: string | null, };

export type Detector = "spdx-tag" | "license-text" | "license-notice" | "license-reference" | "manifest" | "debian-copyright" | "resolved-reference";

export type DiffPart = { side: DiffSide, text: string, };

export type DiffSide = "same" | "file" | "reference";

export type Disagreement = { kind: ClaimKind, 
/**
 * The package both sides are about (purl without version, or ecosystem/name).
 */
package: string, 
/**
 * Name (and version, where one side names one).
 */
name: string, 
/**
 * What the SBOM says, and what the scan found ("-" for nothing).
 */
sbom: string, scan: string, 
/**
 * The component it concerns (the scanned one where there is one).
 */
component_id: number, decision: ClaimDecision | null, };

export type Distribution = "source" | "binary" | "saas";

export type ErrorCode = "bad-input" | "missing" | "not-a-review" | "damaged" | "too-new" | "empty-review" | "no-reviewer" | "bad-policy" | "bad-template" | "busy" | "frozen" | "not-ready" | "storage" | "no-review" | "internal";

export type ExcludeRequest = { component: number, reason: string, undo: boolean, };

export type ExportChoice = { key: ExportFormat, file: string, title: string, };

export type ExportFormat = "spdx-json" | "spdx-tv" | "cyclonedx-json" | "notice-txt" | "notice-md" | "notice-html" | "report-html" | "report-csv" | "openvex" | "spdx3-json";

export type Exposure = "affected" | "possibly" | "undecidable";

export type ExpressionCheck = { valid: boolean, 
/**
 * The canonical form that would be stored.
 */
canonical: string | null, message: string | null, };

export type Facet = { value: string, count: number, };

export type FalsePositiveRequest = { findings: Array<number>, reason: string, undo: boolean, };

export type FileContent = { id: number, root: string, path: string, kind: FileKind, size: number, component_id: number | null, text: string | null, notice: string | null, regions: Array<Region>, };

export type FileKind = "license" | "notice" | "manifest" | "source" | "binary";

export type FileList = { total: number, files: Array<FileRow>, };

export type FileRow = { id: number, root: string, path: string, size: number, sha256: string, sha1: string, kind: FileKind, note: string | null, component_id: number | null, };

export type FileView = { id: number, path: string, kind: FileKind, findings: Array<FindingView>, copyrights: Array<string>, };

export type FindingView = { id: number, detector: Detector, expression: string | null, score: number, lines: [number, number], false_positive: string | null, };

export type FolderEntry = { name: string, path: string, 
/**
 * Files anywhere below it.
 */
files: number, 
/**
 * Of those, files with a license finding that is not a false positive.
 */
with_license: number, 
/**
 * The licenses found below it, the most demanding first.
 */
licenses: Array<string>, };

export type FolderFile = { id: number, name: string, kind: FileKind, licenses: Array<string>, };

export type FolderMark = { path: string, reason: string, };

export type FolderView = { path: string, folders: Array<FolderEntry>, 
/**
 * Files directly in the folder (the first 1,000 by name).
 */
files: Array<FolderFile>, file_count: number, };

export type HitSource = "concluded" | "detected";

export type HolderRow = { holder: string, statements: number, files: number, 
/**
 * The components its files belong to (the first 20 by name), and how many there are.
 */
components: Array<ComponentLink>, component_count: number, 
/**
 * One statement as written, for its years and wording.
 */
example: string, };

export type IpcError = { code: ErrorCode, message: string, };

export type LapsedKind = "conclusion" | "obligation" | "false-positive" | "comment" | "finding-decision" | "triage";

export type LapsedRow = { kind: LapsedKind, target: string, decision: string, reason: string, lapsed_at: string, };

export type LibraryConflict = { component_id: number, component: string, entries: Array<LibraryEntry>, };

export type LibraryEntry = { key: string, expression: string | null, status: string, comment: string | null, reviewer: string, decided_at: string, 
/**
 * "Product 1.0" for a published decision; None for a curation added by hand.
 */
release: string | null, 
/**
 * A curation's reason.
 */
reason: string | null, evidence_sha256: string, 
/**
 * The review's audit head when it was published.
 */
audit_head: string | null, };

export type LibraryPlan = { apply: Array<PlannedConclusion>, suggestions: Array<LibrarySuggestion>, conflicts: Array<LibraryConflict>, 
/**
 * Findings whose text the library knows as a false positive (applied with the rest).
 */
false_positives: number, };

export type LibrarySuggestion = { component_id: number, component: string, kind: SuggestionKind, entry: LibraryEntry, why: string, };

export type LibraryView = { 
/**
 * The library's file; None when there is none yet.
 */
library: string | null, 
/**
 * Components of the review whose conclusion came from the library.
 */
taken: number, plan: LibraryPlan, };

export type LicenseChoice = { id: string, name: string, exception: boolean, };

export type LicenseCount = { license: string, category: Category, files: number, findings: number, };

export type ObligationKind = "attribution" | "include-license-text" | "propagate-notice" | "state-changes" | "disclose-source" | "same-license" | "network-disclosure" | "no-endorsement" | "patent-terms" | "installation-info" | "allow-relinking" | "use-restrictions" | "needs-legal-review";

export type ObligationRow = { id: number, component_id: number, component: string, license: string, key: string, kind: ObligationKind, scope: Scope, summary: string, derivation: string | null, status: ObligationStatus, note: string | null, reviewer: string | null, decided_at: string | null, carried_from: string | null, };

export type ObligationStatus = "open" | "fulfilled" | "not-applicable" | "deferred" | "escalated";

export type Overview = { review: string, roots: Array<string>, scan: ScanInfo | null, files: number, findings: number, skipped: number, status: Status, licenses: Array<LicenseCount>, categories: Array<CategoryCount>, policy: CheckReport, 
/**
 * True when the review has a policy of its own (`review policy FILE`, or the desktop's
 * policy page); else Clearance's default policy is what the check applies.
 */
policy_own: boolean, 
/**
 * The product as attribution files and SBOMs name it.
 */
product: string, product_version: string | null, 
/**
 * True when a reviewer named the product (else it is the scanned folder's top manifest).
 */
product_set: boolean, 
/**
 * Known vulnerabilities at a glance; None when the review was never matched.
 */
vulnerabilities: VulnerabilityGlance | null, };

export type PlannedConclusion = { component_id: number, component: string, entry: LibraryEntry, };

export type PolicyHit = { 
/**
 * The expression judged: a concluded license, or a finding's expression as detected
 * (judged whole: `A OR B` is allowed when one side is).
 */
license: string, verdict: Verdict, 
/**
 * `ok` too for a detection an approved conclusion supersedes, or in a component not shipped.
 */
severity: Severity, reason: string, source: HitSource, component: string, 
/**
 * For detected licenses: the first 20 files that carry it, in path order.
 */
files: Array<string>, 
/**
 * How many files carry it (all of them, not only those listed).
 */
file_count: number, 
/**
 * For a detection in a component whose approved conclusion does not cover it: that
 * conclusion. The detection is "present, not concluded": shown, not blocking.
 */
superseded_by: string | null, };

export type PolicyText = { text: string, 
/**
 * The review has a policy of its own (else `text` is the default, not yet saved).
 */
own: boolean, };

export type ProductRequest = { name: string, version: string | null, };

export type Progress = { 
/**
 * Components the release ships.
 */
components: number, 
/**
 * Of those, with a concluded license.
 */
concluded: number, approved: boolean, };

export type PublishReport = { product: string, version: string, approved: boolean, 
/**
 * The release was published before: its earlier entry was replaced.
 */
replaced: boolean, 
/**
 * Components the release ships.
 */
components: number, conclusions: number, false_positives: number, exclusions: number, license_refs: number, };

export type RecentReview = { path: string, name: string, opened_at: string, 
/**
 * False when the file is gone (moved, deleted) since it was opened.
 */
exists: boolean, 
/**
 * Shipped components, concluded, approved — read when the list is, never stored.
 */
progress: Progress | null, };

export type ReferenceDiff = { finding_id: number, license: string | null, reference: string | null, parts: Array<DiffPart>, 
/**
 * Share of the words of both texts that are common, 0 to 1.
 */
similarity: number, notice: string | null, };

export type Region = { kind: RegionKind, start_line: number, end_line: number, 
/**
 * The license expression or the copyright statement.
 */
label: string, finding_id: number | null, detector: Detector | null, score: number | null, false_positive: string | null, 
/**
 * Why the detector says so: alternatives, normalisations, the file a pointer was read with.
 */
notes: Array<string>, 
/**
 * A matched text that can be compared word by word with its license's reference text
 * (license texts and notices; not names, tags or pointers).
 */
comparable: boolean, };

export type RegionKind = "license" | "copyright";

export type ReleaseSummary = { product: string, version: string, approved: boolean, approved_by: string | null, approved_at: string | null, published_by: string, published_at: string, 
/**
 * Shipped components.
 */
components: number, open_obligations: number, 
/**
 * None: the review was never matched against advisories.
 */
open_vulnerabilities: number | null, 
/**
 * Shipped components by concluded license, most first.
 */
license_mix: Array<[string, number]>, review: string, };

export type ReviewDiff = { added: Array<ComponentChange>, removed: Array<ComponentChange>, changed: Array<ComponentChange>, };

export type ReviewOpened = { path: string, name: string, components: number, };

export type ScanEvent = { "event": "started", total: number, } | { "event": "progress", done: number, total: number, path: string, files_per_second: number, } | { "event": "skipped", path: string, reason: SkipReason, detail: string, };

export type ScanInfo = { id: number, started_at: string, finished_at: string | null, status: ScanStatus, tool_version: string, spdx_list_version: string, files: number, reused: number, skipped: number, bytes: number, };

export type ScanStatus = "running" | "complete" | "cancelled" | "interrupted" | "failed";

export type Scope = "file" | "library" | "whole-work";

export type Severity = "ok" | "warning" | "error";

export type SeverityCount = { severity: VulnerabilitySeverity | null, count: number, };

export type SignOffRequest = { obligation: number, status: ObligationStatus, note: string | null, };

export type SkipReason = "symlink" | "special-file" | "too-large" | "unreadable" | "walk-error" | "unsafe-path" | "archive-limit" | "archive-error";

export type SortKey = "name" | "version" | "ecosystem" | "declared" | "detected" | "concluded" | "status" | "open-obligations" | "files" | "clarity";

export type Status = { distribution: Array<Distribution>, approval: ApprovalState, blockers: Blockers, 
/**
 * Components the release ships (the ones to conclude).
 */
components: number, concluded: number, 
/**
 * Components marked not shipped (by a reviewer, or the scan for a vendored package's own
 * lockfile entries).
 */
not_shipped: number, carried_over: number, obligations: number, obligations_done: number, lapsed: Array<LapsedRow>, };

export type StatusFilter = "pending" | "approved" | "rejected" | "needs-info" | "unconcluded" | "open-obligations" | "carried" | "shipped" | "excluded" | "second-review";

export type Suggestion = { expression: string, reason: string, };

export type SuggestionKind = "conclusion" | "exclusion";

export type SupplierDiff = { 
/**
 * The supplier documents the review holds (the files they were imported from).
 */
documents: Array<string>, 
/**
 * Packages both name with the same version.
 */
matched: number, only_in_sbom: Array<Disagreement>, only_in_scan: Array<Disagreement>, versions_differ: Array<Disagreement>, licenses_differ: Array<Disagreement>, 
/**
 * Decisions made on words that have changed since (either side now says otherwise).
 */
stale: Array<ClaimDecision>, };

export type Triage = { purl: string, advisory_id: string, state: VexState, justification: VexJustification | null, responses: Array<VexResponse>, note: string, reviewer: string, decided_at: string, 
/**
 * The advisory's `modified` the decision was made on: a later modification lapses it.
 */
modified: string, 
/**
 * The earlier review it was carried from.
 */
carried_from: string | null, };

export type TriageRequest = { component_id: number, 
/**
 * The advisory's id (or one of its aliases).
 */
advisory_id: string, state: VexState, justification: VexJustification | null, responses: Array<VexResponse>, note: string, };

export type UsedIn = { product: string, release: string, approved: boolean, name: string, version: string | null, purl: string | null, shipped: boolean, concluded: string | null, 
/**
 * The version could not be read in the ecosystem's order, so the range could not be
 * decided: listed, said, never dropped.
 */
unreadable_version: boolean, };

export type Verdict = "allow" | "review" | "deny";

export type VexJustification = "code-not-present" | "code-not-reachable" | "requires-configuration" | "requires-dependency" | "requires-environment" | "protected-by-compiler" | "protected-at-runtime" | "protected-at-perimeter" | "protected-by-mitigating-control";

export type VexResponse = "can-not-fix" | "will-not-fix" | "update" | "rollback" | "workaround-available";

export type VexState = "exploitable" | "in-triage" | "not-affected" | "resolved" | "false-positive";

export type VulnerabilityGlance = { snapshot: AdvisorySnapshot, 
/**
 * Found in shipped components.
 */
found: number, 
/**
 * Open (not triaged as settled) ones of shipped components per severity (None: the
 * advisory gives no CVSS score), the most severe first, unknown last; none-counts left out.
 */
open: Array<SeverityCount>, };

export type VulnerabilityList = { snapshot: AdvisorySnapshot | null, rows: Array<VulnerabilityRow>, };

export type VulnerabilityRow = { component_id: number, 
/**
 * Name and version.
 */
component: string, advisory_id: string, aliases: Array<string>, summary: string | null, exposure: Exposure, 
/**
 * Why it is only possibly affected, or cannot be decided offline.
 */
why: string | null, 
/**
 * The advisory's `modified` when it was matched.
 */
modified: string, 
/**
 * The highest CVSS base score the advisory gives (0–10), its severity (none, low, medium,
 * high, critical) and the vector it comes from.
 */
score: number | null, severity: VulnerabilitySeverity | null, vector: string | null, 
/**
 * The reviewer's triage of it, when there is one (never set by a match).
 */
triage: Triage | null, 
/**
 * The component ships (not marked not shipped): what approval and the gate count.
 * Read from the review, not stored with the match.
 */
shipped: boolean, };

export type VulnerabilitySeverity = "none" | "low" | "medium" | "high" | "critical";
