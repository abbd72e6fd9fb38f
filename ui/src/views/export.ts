// Export: choose formats and a folder (native dialog), write the files, list what was written.

import type { Ctx } from "../app";
import type { ExportFormat } from "../bindings";
import { h, replace } from "../dom";
import { api } from "../ipc";

const chosen = new Set<ExportFormat>(["spdx-json", "notice-txt"]);

export async function exportView(root: HTMLElement, ctx: Ctx): Promise<void> {
  const formats = await api.exportFormats();
  const folder = h("code", { id: "export-folder" }, "no folder chosen");
  const result = h("div", { id: "export-result" });
  const run = h("button", { type: "button", id: "run-export", disabled: true }, "Export");
  let hasFolder = false;
  const update = () => (run.disabled = !hasFolder || chosen.size === 0);
  run.addEventListener("click", async () => {
    run.disabled = true;
    try {
      const files = await api.exportReview([...chosen]);
      replace(result, h("p", { class: "notice ok" }, `Wrote ${files.length} file${files.length === 1 ? "" : "s"}:`), h("ul", { id: "exported-files" }, files.map((f) => h("li", {}, h("code", {}, f)))));
    } catch (e) {
      ctx.fail(e);
    } finally {
      update();
    }
  });
  replace(
    root,
    h("h1", {}, "Export"),
    h("p", { class: "muted" }, "Attribution notices list every component with its licenses and copyright holders; SBOMs describe the release for other tools."),
    h(
      "fieldset",
      { class: "formats", id: "export-formats" },
      h("legend", {}, "Formats"),
      formats.map((f) =>
        h(
          "label",
          {},
          h("input", {
            type: "checkbox",
            value: f.key,
            checked: chosen.has(f.key),
            onchange: (e: Event) => {
              const box = e.target as HTMLInputElement;
              if (box.checked) chosen.add(f.key);
              else chosen.delete(f.key);
              update();
            },
          }),
          ` ${f.title} `,
          h("span", { class: "muted" }, f.file.replace(/^review/, `${ctx.review?.name ?? "review"}`)),
        ),
      ),
    ),
    h(
      "div",
      { class: "toolbar" },
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          id: "choose-export-folder",
          onclick: async () => {
            try {
              const dir = await api.pickExportFolder();
              if (dir) {
                folder.textContent = dir;
                hasFolder = true;
                update();
              }
            } catch (e) {
              ctx.fail(e);
            }
          },
        },
        "Choose folder…",
      ),
      folder,
    ),
    h("p", { class: "muted small" }, "Files of the same name in that folder are replaced."),
    run,
    result,
  );
}
