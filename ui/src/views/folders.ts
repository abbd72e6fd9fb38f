// The scanned tree, folder by folder (as OpossumUI and ScanCode Workbench show it): each
// sub-folder with its files, how many carry a license, and which licenses (copyleft first);
// each file with its licenses. A folder's findings can be marked false positive at once, with a
// reason (vendored test data, examples) — every one audited.

import type { Ctx } from "../app";
import type { FolderView } from "../bindings";
import { h, replace } from "../dom";
import { call } from "../ipc";
import { plural } from "../lib/format";

/** The route of a folder: its path, each segment encoded. */
export const folderRoute = (path: string): string => `folders/${path.split("/").map(encodeURIComponent).join("/")}`;

/** Breadcrumbs from the roots down to `path`. */
export function crumbs(path: string): (Node | string)[] {
  const out: (Node | string)[] = [h("a", { href: "#/folders" }, "Scanned folders")];
  const parts = path ? path.split("/") : [];
  parts.forEach((p, i) => {
    out.push(" / ");
    out.push(i === parts.length - 1 ? p : h("a", { href: `#/${folderRoute(parts.slice(0, i + 1).join("/"))}` }, p));
  });
  return out;
}

function licenseCell(ids: string[]): HTMLElement {
  const shown = ids.slice(0, 6);
  return h("td", { title: ids.join(", ") }, shown.join(", "), ids.length > shown.length ? ` and ${ids.length - shown.length} more` : "");
}

function markFalsePositive(f: FolderView, ctx: Ctx): HTMLElement | null {
  if (!f.path) return null;
  const reason = h("input", { type: "text", id: "folder-fp-reason", placeholder: "Why every finding here is a false positive" });
  const mark = h(
    "button",
    {
      type: "button",
      class: "secondary",
      id: "folder-fp",
      onclick: async () => {
        try {
          const n = await call("folder_false_positive", { request: { path: f.path, reason: reason.value } });
          ctx.say(`${plural(n, "finding")} under ${f.path} marked false positive`);
          ctx.go(folderRoute(f.path));
        } catch (e) {
          ctx.fail(e);
        }
      },
    },
    "Mark this folder's findings false positive",
  );
  return h("div", { class: "toolbar" }, reason, mark);
}

export async function foldersView(root: HTMLElement, ctx: Ctx, arg: string | undefined): Promise<void> {
  const f = await call("folder", { path: arg ?? "" });
  replace(
    root,
    h("p", { class: "crumbs", id: "folder-crumbs" }, crumbs(f.path)),
    h("h1", {}, f.path ? (f.path.split("/").pop() ?? f.path) : "Scanned folders"),
    markFalsePositive(f, ctx),
    f.folders.length
      ? h(
          "table",
          { class: "grid", id: "folder-table" },
          h("thead", {}, h("tr", {}, h("th", {}, "Folder"), h("th", { class: "num" }, "Files"), h("th", { class: "num" }, "With a license"), h("th", {}, "Licenses"))),
          h(
            "tbody",
            {},
            f.folders.map((d) =>
              h(
                "tr",
                {},
                h("td", {}, h("a", { href: `#/${folderRoute(d.path)}` }, `${d.name}/`)),
                h("td", { class: "num" }, String(d.files)),
                h("td", { class: "num" }, String(d.with_license)),
                licenseCell(d.licenses),
              ),
            ),
          ),
        )
      : null,
    f.files.length
      ? h(
          "table",
          { class: "grid", id: "folder-files" },
          h("thead", {}, h("tr", {}, h("th", {}, `Files here (${f.file_count})`), h("th", {}, "Kind"), h("th", {}, "Licenses"))),
          h(
            "tbody",
            {},
            f.files.map((x) => h("tr", {}, h("td", {}, h("a", { href: `#/file/${x.id}` }, x.name)), h("td", {}, x.kind), licenseCell(x.licenses))),
          ),
        )
      : null,
    f.file_count > f.files.length ? h("p", { class: "muted" }, `The first ${f.files.length} of ${f.file_count} files are listed.`) : null,
  );
}
