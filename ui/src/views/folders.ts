// The scanned tree, folder by folder (as OpossumUI and ScanCode Workbench show it): each
// sub-folder with its files, how many carry a license, and which licenses (copyleft first);
// each file with its licenses. With one reason, a folder's findings can be marked false positive
// or its components not shipped — every decision audited.

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

/** One reason, two decisions for everything under the folder: its findings are false positives,
 * or its components are not shipped. */
function folderActions(f: FolderView, ctx: Ctx): HTMLElement | null {
  if (!f.path) return null;
  const reason = h("input", { type: "text", id: "folder-reason", placeholder: "Why (vendored test data, build tooling, examples…)" });
  const decide = (id: string, label: string, run: () => Promise<string>) =>
    h(
      "button",
      {
        type: "button",
        class: "secondary",
        id,
        onclick: async () => {
          try {
            ctx.say(await run());
            ctx.go(folderRoute(f.path));
          } catch (e) {
            ctx.fail(e);
          }
        },
      },
      label,
    );
  const request = () => ({ path: f.path, reason: reason.value });
  return h(
    "div",
    { class: "toolbar" },
    reason,
    decide("folder-fp", "Mark its findings false positive", async () => {
      const n = await call("folder_false_positive", { request: request() });
      return `${plural(n, "finding")} under ${f.path} marked false positive`;
    }),
    decide("folder-not-shipped", "Mark its components not shipped", async () => {
      const n = await call("folder_not_shipped", { request: request() });
      return `${plural(n, "component")} under ${f.path} marked not shipped`;
    }),
  );
}

export async function foldersView(root: HTMLElement, ctx: Ctx, arg: string | undefined): Promise<void> {
  const f = await call("folder", { path: arg ?? "" });
  replace(
    root,
    h("p", { class: "crumbs", id: "folder-crumbs" }, crumbs(f.path)),
    h("h1", {}, f.path ? (f.path.split("/").pop() ?? f.path) : "Scanned folders"),
    folderActions(f, ctx),
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
