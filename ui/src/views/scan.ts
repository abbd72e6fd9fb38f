// The scan progress panel: bar, files done of total, current path, files/s, cancel, and the
// files the scan skipped with their reasons. The scan runs on the Rust side; events arrive
// over a Channel at most every 50 ms, so the page stays responsive.

import type { Ctx } from "../app";
import type { ReviewOpened, ScanEvent } from "../bindings";
import { h, replace } from "../dom";
import { api } from "../ipc";
import { plural } from "../lib/format";

const MAX_SKIPS_SHOWN = 200;

/** The running scan's panel, kept while the reviewer is on another page, and who waits for it. */
let running: { panel: HTMLElement; waiting: Array<() => void> } | null = null;

/**
 * Shows the running scan's progress and Cancel in `container` (Home, when the reviewer comes
 * back to it), and calls `done` when that scan ends. False when no scan runs.
 */
export function showRunningScan(container: HTMLElement, done: () => void): boolean {
  if (!running) return false;
  replace(container, running.panel);
  container.hidden = false;
  running.waiting.push(done);
  return true;
}

export async function runScan(
  panel: HTMLElement,
  ctx: Ctx,
  start: (onEvent: (e: ScanEvent) => void) => Promise<ReviewOpened>,
): Promise<ReviewOpened | null> {
  const bar = h("progress", { id: "scan-progress", max: 1, value: 0 });
  const counts = h("span", { id: "scan-counts" }, "Listing files…");
  const current = h("div", { class: "muted path", id: "scan-path" });
  const skips = h("ul", { class: "skips", id: "scan-skips" });
  const skipTitle = h("p", { class: "muted" });
  let skipped = 0;
  const cancel = h(
    "button",
    {
      type: "button",
      class: "secondary",
      id: "scan-cancel",
      onclick: () => {
        cancel.disabled = true;
        cancel.textContent = "Cancelling…";
        void api.cancelScan();
      },
    },
    "Cancel",
  );
  const inner = h("div", { class: "scan-panel" }, h("div", { class: "row" }, bar, counts, cancel), current, skipTitle, skips);
  replace(panel, inner);
  panel.hidden = false;
  running = { panel: inner, waiting: [] };
  const onEvent = (e: ScanEvent) => {
    switch (e.event) {
      case "started":
        bar.max = Math.max(1, e.total);
        counts.textContent = `0 of ${plural(e.total, "file")}`;
        break;
      case "progress":
        bar.max = Math.max(1, e.total);
        bar.value = e.done;
        counts.textContent = `${e.done.toLocaleString("en-US")} of ${plural(e.total, "file")} · ${Math.round(e.files_per_second).toLocaleString("en-US")} files/s`;
        current.textContent = e.path;
        break;
      case "skipped":
        skipped++;
        skipTitle.textContent = `Skipped ${plural(skipped, "file")} (recorded in the review):`;
        if (skipped <= MAX_SKIPS_SHOWN) skips.appendChild(h("li", {}, h("code", {}, e.path), ` — ${e.reason}: ${e.detail}`));
        break;
    }
  };
  try {
    const review = await start(onEvent);
    ctx.opened(review);
    return review;
  } catch (e) {
    ctx.fail(e);
    return null;
  } finally {
    cancel.remove();
    const waiting = running?.waiting ?? [];
    running = null;
    for (const done of waiting) done();
  }
}
