// Home: start a new review from folders (native picker or drop), open one, try the sample,
// or pick up a recent review.

import { listen } from "@tauri-apps/api/event";
import type { Ctx } from "../app";
import type { Progress } from "../bindings";
import { h, replace } from "../dom";
import { api } from "../ipc";
import { when } from "../lib/format";
import { runScan, showRunningScan } from "./scan";

export async function homeView(root: HTMLElement, ctx: Ctx): Promise<() => void> {
  const folderList = h("ul", { class: "folders", id: "chosen-folders" });
  const nameInput = h("input", { type: "text", id: "review-name", placeholder: "e.g. product-2.4", "aria-label": "Review name" });
  const scanButton = h("button", { type: "button", id: "start-scan", disabled: true }, "Scan");
  const progress = h("div", { id: "scan", hidden: true });
  const recent = h("div", { id: "recent" });
  let folders: string[] = [];

  const drawFolders = (list: string[]) => {
    folders = list;
    replace(
      folderList,
      list.length === 0
        ? h("li", { class: "muted" }, "No folders yet. Choose them, or drop them on this window.")
        : list.map((f) =>
            h(
              "li",
              {},
              h("code", {}, f),
              h(
                "button",
                {
                  type: "button",
                  class: "link",
                  "aria-label": `Remove ${f}`,
                  onclick: async () => drawFolders(await api.forgetFolder(f)),
                },
                "remove",
              ),
            ),
          ),
    );
    if (!nameInput.value && list.length) nameInput.value = list[0].split(/[\\/]/).filter(Boolean).pop() ?? "";
    scanButton.disabled = list.length === 0;
  };

  const busy = (on: boolean) => {
    for (const b of root.querySelectorAll<HTMLButtonElement>("button.primary-action")) b.disabled = on;
    scanButton.disabled = on || folders.length === 0;
  };

  const scanWith = async (start: Parameters<typeof runScan>[2]) => {
    busy(true);
    const review = await runScan(progress, ctx, start);
    busy(false);
    if (review) ctx.go("overview");
  };

  scanButton.addEventListener("click", () => void scanWith((cb) => api.scanFolders(nameInput.value, cb)));

  replace(
    root,
    h("h1", {}, "License review for your release"),
    h(
      "p",
      { class: "muted lead" },
      "Scan the folders of a release, conclude each component's license, sign off the obligations it triggers, " +
        "and export attribution files and SBOMs. Everything stays on this machine.",
    ),
    h(
      "div",
      { class: "cards" },
      h(
        "div",
        { class: "card", id: "new-review" },
        h("h2", {}, "New review"),
        h(
          "button",
          {
            type: "button",
            class: "secondary primary-action",
            id: "choose-folders",
            onclick: async () => {
              try {
                drawFolders(await api.pickFolders());
              } catch (e) {
                ctx.fail(e);
              }
            },
          },
          "Choose folders…",
        ),
        folderList,
        h("label", { class: "field" }, "Name", nameInput),
        scanButton,
      ),
      h(
        "div",
        { class: "card" },
        h("h2", {}, "Open a review"),
        h("p", { class: "muted" }, "A .clearance file from an earlier review, yours or a colleague's."),
        h(
          "button",
          {
            type: "button",
            class: "secondary primary-action",
            id: "open-review",
            onclick: async () => {
              try {
                const r = await api.openReviewDialog();
                if (r) {
                  ctx.opened(r);
                  ctx.go("overview");
                }
              } catch (e) {
                ctx.fail(e);
              }
            },
          },
          "Open review…",
        ),
        h("h2", {}, "Try it"),
        h("p", { class: "muted" }, "A small release with Rust, npm and Python components and a few traps."),
        h(
          "button",
          { type: "button", class: "primary-action", id: "try-sample", onclick: () => void scanWith((cb) => api.scanSample(cb)) },
          "Try the sample release",
        ),
      ),
    ),
    progress,
    h("h2", {}, "Recent reviews"),
    recent,
  );

  drawFolders(await api.chosenFolders());
  // A scan started here (or a rescan from the overview) still running: its progress and Cancel.
  if (showRunningScan(progress, () => busy(false))) busy(true);
  const items = await api.recentReviews();
  replace(
    recent,
    items.length === 0
      ? h("p", { class: "muted" }, "None yet.")
      : h(
          "table",
          { class: "grid", id: "recent-reviews" },
          h("thead", {}, h("tr", {}, h("th", {}, "Review"), h("th", {}, "Progress"), h("th", {}, "File"), h("th", {}, "Opened"))),
          h(
            "tbody",
            {},
            items.map((r) =>
              h(
                "tr",
                {},
                h(
                  "td",
                  {},
                  r.exists
                    ? h(
                        "a",
                        {
                          href: "#",
                          onclick: async (e: Event) => {
                            e.preventDefault();
                            try {
                              ctx.opened(await api.openRecent(r.path));
                              ctx.go("overview");
                            } catch (err) {
                              ctx.fail(err);
                            }
                          },
                        },
                        r.name,
                      )
                    : h("span", { class: "muted" }, `${r.name} (moved or deleted)`),
                ),
                h("td", { class: "progress-cell" }, progressText(r.progress)),
                h("td", {}, h("code", {}, r.path)),
                h("td", {}, when(r.opened_at)),
              ),
            ),
          ),
        ),
  );

  const unlisten = await listen<string[]>("folders-chosen", (e) => drawFolders(e.payload));
  return () => unlisten();
}

/** "12 / 300 concluded", "approved", or nothing when the file could not be read as a review. */
export function progressText(p: Progress | null): string {
  if (!p) return "";
  if (p.approved) return `approved (${p.components} components)`;
  return `${p.concluded} / ${p.components} concluded`;
}
