// What a reviewer can decide from a license finding in the file viewer, without going back to
// the component: mark it a false positive (with the reason) or take it back, and carry its
// license to the component's conclusion editor — filled in, not saved: the reviewer checks it
// there beside the component's other evidence and saves.

import type { Ctx } from "../app";
import type { FileContent, Region } from "../bindings";
import { h } from "../dom";
import { api } from "../ipc";
import { prefillConclusion } from "./conclusion";

export function regionActions(r: Region, f: FileContent, ctx: Ctx): HTMLElement | null {
  const finding = r.finding_id;
  if (finding === null) return null;
  const again = () => ctx.go(`file/${f.id}`);
  const mark = async (reason: string, undo: boolean) => {
    try {
      await api.falsePositive([finding], reason, undo);
      ctx.say(undo ? `${r.label}: no longer a false positive` : `${r.label}: marked false positive`);
      again();
    } catch (e) {
      ctx.fail(e);
    }
  };
  let fp: HTMLElement;
  if (r.false_positive) {
    fp = h("button", { type: "button", class: "small secondary fp-undo", onclick: () => void mark("", true) }, "Not a false positive");
  } else {
    const reason = h("input", { type: "text", class: "fp-reason", placeholder: "Why it is not a license (test data, a word in a comment…)", "aria-label": `Why ${r.label} is a false positive` });
    const button = h("button", { type: "button", class: "small secondary fp-mark", disabled: true }, "Mark false positive");
    reason.addEventListener("input", () => (button.disabled = !reason.value.trim()));
    button.addEventListener("click", () => void mark(reason.value.trim(), false));
    reason.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && reason.value.trim()) void mark(reason.value.trim(), false);
    });
    fp = h("span", { class: "fp-form" }, reason, button);
  }
  const component = f.component_id;
  const conclude =
    component !== null && !r.false_positive
      ? h(
          "button",
          {
            type: "button",
            class: "small secondary conclude-from",
            title: "Fill the component's conclusion with this license; check it there and save",
            onclick: () => {
              prefillConclusion(component, r.label, f.path);
              ctx.go(`component/${component}`);
            },
          },
          "Conclude with this…",
        )
      : null;
  return h("div", { class: "region-actions" }, fp, conclude);
}
