// A component's conclusion card: the suggestion, declared and detected licenses as one-click
// chips, the expression editor, status and comment, and Save.

import type { Ctx } from "../app";
import type { ComponentStatus, ComponentView } from "../bindings";
import { h } from "../dom";
import { api } from "../ipc";
import { COMPONENT_STATUSES, statusLabel, when } from "../lib/format";
import { expressionEditor } from "./expression-editor";

export interface ConclusionProps {
  component: ComponentView;
  ctx: Ctx;
  /** After a save: draw the page again. */
  reload: () => void;
}

/** A license a reviewer carried from the file viewer to a component's editor, not saved yet. */
let carried: { component: number; expression: string; from: string } | null = null;

/** Fill the next drawing of `component`'s conclusion editor with `expression` (from `from`). */
export function prefillConclusion(component: number, expression: string, from: string): void {
  carried = { component, expression, from };
}

export function conclusionCard({ component: c, ctx, reload }: ConclusionProps): HTMLElement {
  const id = c.id;
  const k = c.conclusion;
  const filled = carried?.component === id ? carried : null;
  carried = null;
  let valid = true;
  const save = h("button", { type: "button", id: "save-conclusion" }, "Save conclusion");
  const editor = expressionEditor(filled?.expression ?? k?.expression ?? "", (ok) => {
    valid = ok;
    save.disabled = !ok;
  });
  const status = h(
    "select",
    { id: "component-status", "aria-label": "Status" },
    COMPONENT_STATUSES.map((s) => h("option", { value: s, selected: s === (k?.status ?? "pending") }, statusLabel(s))),
  );
  const comment = h("textarea", { id: "conclusion-comment", rows: 2, placeholder: "Why (kept with the conclusion)" }, k?.comment ?? "");
  save.addEventListener("click", async () => {
    if (!valid) return;
    try {
      await api.conclude({
        component: id,
        expression: editor.input.value.trim() || null,
        status: status.value as ComponentStatus,
        comment: comment.value.trim() || null,
      });
      ctx.say(`${c.name}: conclusion saved`);
      reload();
    } catch (e) {
      ctx.fail(e);
    }
  });

  const insert = (expr: string) => {
    editor.set(expr);
    editor.input.focus();
  };
  const { suggestion, declared_license: declared } = c;

  const chips = h(
    "div",
    { class: "chips" },
    suggestion
      ? h(
          "button",
          { type: "button", class: "chip suggestion", id: "use-suggestion", title: suggestion.reason, onclick: () => insert(suggestion.expression) },
          `Use suggestion: ${suggestion.expression}`,
        )
      : null,
    declared ? h("button", { type: "button", class: "chip", onclick: () => insert(declared) }, `Declared: ${declared}`) : null,
    c.detected.map((l) => h("button", { type: "button", class: "chip", onclick: () => insert(l) }, `Detected: ${l}`)),
  );
  return h(
    "section",
    { class: "card", id: "conclusion" },
    h("h2", {}, "Conclusion"),
    k ? h("p", { class: "muted small" }, `Last decided by ${k.reviewer}, ${when(k.decided_at)}`) : null,
    filled ? h("p", { class: "notice", id: "conclusion-carried" }, `Filled in from ${filled.from}, not saved: check it and save.`) : null,
    chips,
    editor.root,
    h("label", { class: "field" }, "Status", status),
    h("label", { class: "field" }, "Comment", comment),
    save,
  );
}
