// The one place the UI talks to the Rust side. Every command the webview may call is invoked
// here by name (tests/security.rs checks the capability grants exactly these).

import { Channel, invoke as tauriInvoke } from "@tauri-apps/api/core";
import type {
  AppInfo,
  ApprovalState,
  AuditView,
  BulkReport,
  BulkRequest,
  ComponentDetail,
  ComponentFacets,
  ComponentPage,
  ComponentQuery,
  ConcludeRequest,
  ExportChoice,
  ExpressionCheck,
  FileContent,
  FileList,
  IpcError,
  LicenseChoice,
  ObligationRow,
  ObligationStatus,
  Overview,
  RecentReview,
  ReferenceDiff,
  ReviewOpened,
  ScanEvent,
} from "./bindings";

/** An error from a command as one plain sentence. */
export function describe(err: unknown): string {
  if (err && typeof err === "object" && "message" in err) {
    const e = err as IpcError;
    const text = String(e.message || "Something went wrong.");
    return text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? "" : ".");
  }
  if (typeof err === "string" && err) return err;
  return "Something went wrong.";
}

export function errorCode(err: unknown): string | null {
  return err && typeof err === "object" && "code" in err ? String((err as IpcError).code) : null;
}

/** Asks who the reviewer is; true when a name was given. Set by the app at start. */
let reviewerMissing: (() => Promise<boolean>) | null = null;

export function onReviewerMissing(ask: () => Promise<boolean>): void {
  reviewerMissing = ask;
}

/**
 * A command, by name. A decision refused because nobody said who the reviewer is asks for the
 * name and, once it is given, is made again: the reviewer's click is not lost. A refusal that
 * was asked about is marked `asked`, so the error banner does not ask a second time.
 */
async function invoke<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await tauriInvoke<T>(cmd, args);
  } catch (err) {
    if (errorCode(err) !== "no-reviewer" || !reviewerMissing || cmd === "set_reviewer") throw err;
    if (await reviewerMissing()) return await tauriInvoke<T>(cmd, args);
    throw { ...(err as object), asked: true };
  }
}

function channel(onEvent: (e: ScanEvent) => void): Channel<ScanEvent> {
  const ch = new Channel<ScanEvent>();
  ch.onmessage = onEvent;
  return ch;
}

export const api = {
  appInfo: () => invoke<AppInfo>("app_info"),
  recentReviews: () => invoke<RecentReview[]>("recent_reviews"),
  openRecent: (path: string) => invoke<ReviewOpened>("open_recent", { path }),
  openReviewDialog: () => invoke<ReviewOpened | null>("open_review_dialog"),
  pickFolders: () => invoke<string[]>("pick_folders"),
  chosenFolders: () => invoke<string[]>("chosen_folders"),
  forgetFolder: (path: string) => invoke<string[]>("forget_folder", { path }),
  scanFolders: (name: string, onEvent: (e: ScanEvent) => void) =>
    invoke<ReviewOpened>("scan_folders", { name, onProgress: channel(onEvent) }),
  scanSample: (onEvent: (e: ScanEvent) => void) => invoke<ReviewOpened>("scan_sample", { onProgress: channel(onEvent) }),
  rescan: (onEvent: (e: ScanEvent) => void) => invoke<ReviewOpened>("rescan", { onProgress: channel(onEvent) }),
  cancelScan: () => invoke<void>("cancel_scan"),
  overview: () => invoke<Overview>("overview"),
  componentPage: (query: ComponentQuery) => invoke<ComponentPage>("component_page", { query }),
  componentFacets: () => invoke<ComponentFacets>("component_facets"),
  componentDetail: (id: number) => invoke<ComponentDetail>("component_detail", { id }),
  componentFiles: (component: number, search: string) => invoke<FileList>("component_files", { component, search }),
  fileContent: (id: number) => invoke<FileContent>("file_content", { id }),
  referenceDiff: (finding: number) => invoke<ReferenceDiff>("reference_diff", { finding }),
  completeLicense: (prefix: string) => invoke<LicenseChoice[]>("complete_license", { prefix }),
  checkExpression: (expression: string) => invoke<ExpressionCheck>("check_expression", { expression }),
  obligations: () => invoke<ObligationRow[]>("obligations"),
  auditLog: () => invoke<AuditView>("audit_log"),
  whoAmI: () => invoke<string | null>("who_am_i"),
  setReviewer: (name: string) => invoke<string>("set_reviewer", { name }),
  conclude: (request: ConcludeRequest) => invoke<ComponentDetail>("conclude", { request }),
  comment: (kind: "component" | "file" | "finding", id: number, text: string) =>
    invoke<number>("comment", { kind, id, text }),
  falsePositive: (findings: number[], reason: string, undo: boolean) =>
    invoke<number>("false_positive", { findings, reason, undo }),
  exclude: (component: number, reason: string, undo: boolean) => invoke<void>("exclude", { component, reason, undo }),
  signOff: (obligation: number, status: ObligationStatus, note: string | null) =>
    invoke<void>("sign_off", { obligation, status, note }),
  bulk: (request: BulkRequest) => invoke<BulkReport>("bulk", { request }),
  setDistribution: (modes: string[]) => invoke<void>("set_distribution", { modes }),
  setProduct: (name: string, version: string | null) => invoke<void>("set_product", { name, version }),
  approve: (overrideReason: string | null) => invoke<ApprovalState>("approve", { overrideReason }),
  reopen: (reason: string) => invoke<void>("reopen", { reason }),
  pickExportFolder: () => invoke<string | null>("pick_export_folder"),
  exportFormats: () => invoke<ExportChoice[]>("export_formats"),
  exportReview: (formats: string[]) => invoke<string[]>("export", { formats }),
};

export type Api = typeof api;
