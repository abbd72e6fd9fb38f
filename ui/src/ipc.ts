// The one place the UI talks to the Rust side. Every command is invoked through `invoke`, typed
// by the `Commands` list generated from src-tauri/src/command_list.rs: a command's name, its
// arguments and its answer cannot drift from Rust without failing `tsc` (tests/security.rs
// checks the UI calls every listed command and nothing else).

import { Channel, invoke as tauriInvoke } from "@tauri-apps/api/core";
import type {
  BulkRequest,
  Commands,
  ComponentQuery,
  ConcludeRequest,
  Distribution,
  ErrorCode,
  ExportFormat,
  AnnotationTarget,
  IpcError,
  ObligationStatus,
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

export function errorCode(err: unknown): ErrorCode | null {
  return err && typeof err === "object" && "code" in err ? (err as IpcError).code : null;
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
async function invoke<K extends keyof Commands>(cmd: K, args: Commands[K]["args"]): Promise<Commands[K]["answer"]> {
  type Answer = Commands[K]["answer"];
  try {
    return await tauriInvoke<Answer>(cmd, args);
  } catch (err) {
    if (errorCode(err) !== "no-reviewer" || !reviewerMissing || cmd === "set_reviewer") throw err;
    if (await reviewerMissing()) return await tauriInvoke<Answer>(cmd, args);
    throw { ...(err as object), asked: true };
  }
}

/**
 * Any listed command, typed by `Commands`: a new verb's view calls it by its name and arguments,
 * with nothing to add here.
 */
export const call = invoke;

function channel(onEvent: (e: ScanEvent) => void): Channel<ScanEvent> {
  const ch = new Channel<ScanEvent>();
  ch.onmessage = onEvent;
  return ch;
}

export const api = {
  appInfo: () => invoke("app_info", {}),
  recentReviews: () => invoke("recent_reviews", {}),
  openRecent: (path: string) => invoke("open_recent", { path }),
  openReviewDialog: () => invoke("open_review_dialog", {}),
  pickFolders: () => invoke("pick_folders", {}),
  chosenFolders: () => invoke("chosen_folders", {}),
  forgetFolder: (path: string) => invoke("forget_folder", { path }),
  scanFolders: (name: string, onEvent: (e: ScanEvent) => void) =>
    invoke("scan_folders", { name, onProgress: channel(onEvent) }),
  scanSample: (onEvent: (e: ScanEvent) => void) => invoke("scan_sample", { onProgress: channel(onEvent) }),
  rescan: (onEvent: (e: ScanEvent) => void) => invoke("rescan", { onProgress: channel(onEvent) }),
  cancelScan: () => invoke("cancel_scan", {}),
  overview: () => invoke("overview", {}),
  componentPage: (query: ComponentQuery) => invoke("component_page", { query }),
  componentFacets: () => invoke("component_facets", {}),
  componentDetail: (id: number) => invoke("component_detail", { id }),
  componentFiles: (component: number, search: string) => invoke("component_files", { component, search }),
  fileContent: (id: number) => invoke("file_content", { id }),
  referenceDiff: (finding: number) => invoke("reference_diff", { finding }),
  completeLicense: (prefix: string) => invoke("complete_license", { prefix }),
  checkExpression: (expression: string) => invoke("check_expression", { expression }),
  obligations: () => invoke("obligations", {}),
  auditLog: () => invoke("audit_log", {}),
  whoAmI: () => invoke("who_am_i", {}),
  setReviewer: (name: string) => invoke("set_reviewer", { name }),
  conclude: (request: ConcludeRequest) => invoke("conclude", { request }),
  comment: (target: AnnotationTarget, id: number, text: string) => invoke("comment", { request: { target, id, text } }),
  falsePositive: (findings: number[], reason: string, undo: boolean) =>
    invoke("false_positive", { request: { findings, reason, undo } }),
  exclude: (component: number, reason: string, undo: boolean) => invoke("exclude", { request: { component, reason, undo } }),
  signOff: (obligation: number, status: ObligationStatus, note: string | null) =>
    invoke("sign_off", { request: { obligation, status, note } }),
  bulk: (request: BulkRequest) => invoke("bulk", { request }),
  setDistribution: (modes: Distribution[]) => invoke("set_distribution", { modes }),
  setProduct: (name: string, version: string | null) => invoke("set_product", { request: { name, version } }),
  approve: (overrideReason: string | null) => invoke("approve", { request: { override_reason: overrideReason } }),
  reopen: (reason: string) => invoke("reopen", { reason }),
  pickExportFolder: () => invoke("pick_export_folder", {}),
  exportFormats: () => invoke("export_formats", {}),
  exportReview: (formats: ExportFormat[]) => invoke("export", { formats }),
};

export type Api = typeof api;
