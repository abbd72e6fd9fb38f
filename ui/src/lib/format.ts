// Small wording helpers shared by the views, and the domain's status lists.

import type { ClarityGap, ComponentStatus, ObligationStatus } from "../bindings";

export const COMPONENT_STATUSES: ComponentStatus[] = ["pending", "approved", "rejected", "needs-info"];
export const OBLIGATION_STATUSES: ObligationStatus[] = ["open", "fulfilled", "not-applicable", "deferred", "escalated"];

/** Met, or found not to apply (as `ObligationStatus::is_settled` on the Rust side). */
export function isSettled(status: ObligationStatus): boolean {
  return status === "fulfilled" || status === "not-applicable";
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

export function percent(part: number, whole: number): string {
  if (whole <= 0) return "0%";
  return `${Math.round((100 * part) / whole)}%`;
}

/** "2026-11-25T10:04:05Z" → "2026-11-25 10:04 UTC". */
export function when(rfc3339: string | null | undefined): string {
  if (!rfc3339) return "";
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)/.exec(rfc3339);
  return m ? `${m[1]} ${m[2]} UTC` : rfc3339;
}

export const STATUS_LABELS: Record<string, string> = {
  pending: "Pending",
  approved: "Approved",
  rejected: "Rejected",
  "needs-info": "Needs info",
  open: "Open",
  fulfilled: "Fulfilled",
  "not-applicable": "Not applicable",
  deferred: "Deferred",
  escalated: "Escalated",
};

export function statusLabel(s: string): string {
  return STATUS_LABELS[s] ?? s;
}

export const CATEGORY_LABELS: Record<string, string> = {
  "network-copyleft": "Network copyleft",
  "strong-copyleft": "Strong copyleft",
  "weak-copyleft": "Weak copyleft",
  permissive: "Permissive",
  "public-domain": "Public domain",
  "source-available": "Source available",
  proprietary: "Proprietary",
  exception: "Exception",
  unknown: "Unknown",
};

export function categoryLabel(c: string): string {
  return CATEGORY_LABELS[c] ?? c;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

/** The score from which a component's licensing counts as clear (as `CLARITY_CLEAR` in Rust). */
export const CLARITY_CLEAR = 80;

export const CLARITY_GAP_LABELS: Record<ClarityGap, string> = {
  "no-declared-license": "no declared license (−30)",
  "missing-license-text": "no license text for a declared license (−25)",
  "detected-disagrees": "the files do not confirm the declared license (−25)",
  "no-copyright": "no copyright statement (−20)",
};

/** "License clarity 55/100: no license text for a declared license (−25); …". */
export function clarityTitle(score: number, gaps: ClarityGap[]): string {
  return gaps.length === 0
    ? `License clarity ${score}/100: declared, its texts shipped, confirmed by the files, with a copyright`
    : `License clarity ${score}/100: ${gaps.map((g) => CLARITY_GAP_LABELS[g]).join("; ")}`;
}
