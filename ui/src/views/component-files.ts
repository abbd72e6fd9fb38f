// A component's files: those with findings, each finding's license, detector and score, with
// false-positive marking (several at once, undo one); and every file, filtered by path.

import type { Ctx } from "../app";
import type { ComponentDetail } from "../bindings";
import { h, replace } from "../dom";
import { api } from "../ipc";
import { plural } from "../lib/format";

export interface FindingsProps {
  detail: ComponentDetail;
  ctx: Ctx;
  /** After a mark: draw the page again. */
  reload: () => void;
}

/** The files with findings, and the bar that marks the ticked findings false positives. */
export function findingsSection({ detail: d, ctx, reload }: FindingsProps): HTMLElement {
  const fpSelected = new Set<number>();
  const fpReason = h("input", { type: "text", id: "fp-reason", placeholder: "Why these findings are false positives" });
  return h(
    "section",
    { id: "findings" },
    h("h2", {}, `Files (${d.files.length} with findings of ${plural(Number(d.file_count), "file")})`),
    h(
      "div",
      { class: "toolbar" },
      fpReason,
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          id: "mark-fp",
          onclick: async () => {
            try {
              const n = await api.falsePositive([...fpSelected], fpReason.value, false);
              ctx.say(`${plural(n, "finding")} marked false positive`);
              reload();
            } catch (e) {
              ctx.fail(e);
            }
          },
        },
        "Mark selected as false positive",
      ),
    ),
    h(
      "table",
      { class: "grid", id: "component-files" },
      h("thead", {}, h("tr", {}, h("th", {}, ""), h("th", {}, "File"), h("th", {}, "Finding"), h("th", {}, "Detector"), h("th", { class: "num" }, "Score"), h("th", {}, "Lines"))),
      h(
        "tbody",
        {},
        d.files.flatMap((f) => {
          const link = h("a", { href: `#/file/${f.id}` }, f.path);
          if (f.findings.length === 0) {
            return [
              h(
                "tr",
                {},
                h("td", {}),
                h("td", {}, link, h("span", { class: "tag" }, f.kind)),
                h("td", { colspan: 4, class: "muted" }, f.copyrights.length ? f.copyrights.slice(0, 3).join(" · ") : "no license finding"),
              ),
            ];
          }
          return f.findings.map((x, i) =>
            h(
              "tr",
              { class: x.false_positive ? "fp" : "", "data-finding": x.id },
              h(
                "td",
                {},
                x.false_positive
                  ? h(
                      "button",
                      {
                        type: "button",
                        class: "link small",
                        title: `False positive: ${x.false_positive}`,
                        onclick: async () => {
                          try {
                            await api.falsePositive([x.id], "", true);
                            reload();
                          } catch (e) {
                            ctx.fail(e);
                          }
                        },
                      },
                      "undo",
                    )
                  : h("input", {
                      type: "checkbox",
                      "aria-label": "Select finding",
                      onchange: (e: Event) => ((e.target as HTMLInputElement).checked ? fpSelected.add(x.id) : fpSelected.delete(x.id)),
                    }),
              ),
              h("td", {}, i === 0 ? link : null, i === 0 ? h("span", { class: "tag" }, f.kind) : null),
              h("td", {}, h("code", {}, x.expression ?? "unknown"), x.false_positive ? h("span", { class: "tag" }, `false positive: ${x.false_positive}`) : null),
              h("td", {}, x.detector),
              h("td", { class: "num" }, x.score.toFixed(2)),
              h("td", {}, `${x.lines[0]}–${x.lines[1]}`),
            ),
          );
        }),
      ),
    ),
  );
}

/** Every file of the component, filtered by path as the reviewer types; `draw` fills it. */
export function allFilesSection(id: number): { root: HTMLElement; draw: () => Promise<void> } {
  const fileSearch = h("input", { type: "search", id: "file-search", placeholder: "Filter by path", "aria-label": "Filter files by path" });
  const allList = h("ul", { class: "file-list", id: "all-files" });
  const allCount = h("span", { class: "muted" });
  const allFiles = h("div", {}, h("div", { class: "toolbar" }, fileSearch, allCount), allList);
  const drawAll = async () => {
    const list = await api.componentFiles(id, fileSearch.value);
    allCount.textContent = list.total > list.files.length ? `first ${list.files.length} of ${list.total}` : plural(Number(list.total), "file");
    replace(
      allList,
      list.files.map((f) => h("li", {}, h("a", { href: `#/file/${f.id}` }, f.path), f.kind !== "source" ? h("span", { class: "tag" }, f.kind) : null)),
    );
  };
  let fileTimer = 0;
  fileSearch.addEventListener("input", () => {
    window.clearTimeout(fileTimer);
    fileTimer = window.setTimeout(() => void drawAll(), 150);
  });
  return { root: allFiles, draw: drawAll };
}
