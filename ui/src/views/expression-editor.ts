// The conclusion's SPDX expression input: license ids completed as the reviewer types, the
// whole expression validated on the Rust side, a whole expression put in by a button checked
// and never completed (no list opens over Status and Save to catch the next click).

import { h, replace } from "../dom";
import { api } from "../ipc";
import { applyChoice, tokenAt } from "../lib/complete";
import type { LicenseChoice } from "../bindings";

/** An SPDX expression input with id completion and validation as the reviewer types. */
export function expressionEditor(
  initial: string,
  onValid: (ok: boolean) => void,
): { root: HTMLElement; input: HTMLInputElement; set: (expression: string) => void } {
  const input = h("input", {
    type: "text",
    id: "expression",
    value: initial,
    autocomplete: "off",
    spellcheck: "false",
    placeholder: "e.g. MIT OR Apache-2.0",
    "aria-label": "Concluded license (SPDX expression)",
    role: "combobox",
    "aria-autocomplete": "list",
    "aria-controls": "expression-choices",
  });
  const list = h("ul", { class: "choices", id: "expression-choices", role: "listbox", hidden: true });
  const verdict = h("div", { class: "verdict", id: "expression-verdict", "aria-live": "polite" });
  let choices: LicenseChoice[] = [];
  let active = 0;
  let timer = 0;
  let seq = 0;

  const check = async () => {
    const mine = ++seq;
    const text = input.value.trim();
    if (!text) {
      verdict.textContent = "";
      verdict.className = "verdict";
      onValid(true);
      return;
    }
    try {
      const r = await api.checkExpression(text);
      if (mine !== seq) return;
      verdict.className = `verdict ${r.valid ? "ok" : "bad"}`;
      verdict.textContent = r.valid ? `✓ ${r.canonical}` : (r.message ?? "Not a valid SPDX expression");
      onValid(r.valid);
    } catch {
      /* the review may be closing; nothing to say */
    }
  };

  const drawChoices = () => {
    list.hidden = choices.length === 0;
    replace(
      list,
      choices.map((c, i) =>
        h(
          "li",
          {
            role: "option",
            class: i === active ? "active" : "",
            "aria-selected": i === active,
            onmousedown: (e: Event) => {
              e.preventDefault();
              choose(c);
            },
          },
          h("code", {}, c.id),
          " ",
          h("span", { class: "muted" }, c.name),
          c.exception ? h("span", { class: "tag" }, "exception") : null,
        ),
      ),
    );
  };

  const choose = (c: LicenseChoice) => {
    const token = tokenAt(input.value, input.selectionStart ?? input.value.length);
    if (!token) return;
    const next = applyChoice(input.value, token, c.id);
    input.value = next.text;
    input.setSelectionRange(next.cursor, next.cursor);
    choices = [];
    drawChoices();
    void check();
  };

  const complete = async () => {
    const token = tokenAt(input.value, input.selectionStart ?? input.value.length);
    if (!token || token.word.length < 2) {
      choices = [];
      drawChoices();
      return;
    }
    choices = await api.completeLicense(token.word);
    if (choices.length === 1 && choices[0].id === token.word) choices = [];
    active = 0;
    drawChoices();
  };

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      void complete();
      void check();
    }, 120);
  });
  input.addEventListener("keydown", (e) => {
    if (list.hidden) return;
    if (e.key === "ArrowDown") active = Math.min(choices.length - 1, active + 1);
    else if (e.key === "ArrowUp") active = Math.max(0, active - 1);
    else if (e.key === "Enter") choose(choices[active]);
    else if (e.key === "Escape") choices = [];
    else if (e.key === "Tab") {
      // Tab leaves the field as it is (it never picks an id): the next control gets the focus.
      choices = [];
      drawChoices();
      return;
    } else return;
    e.preventDefault();
    drawChoices();
  });
  input.addEventListener("blur", () =>
    window.setTimeout(() => {
      choices = [];
      drawChoices();
    }, 100),
  );
  // A whole expression put in by a button (the suggestion, the declared license) is checked,
  // never completed: no list opens over Status and Save to catch the next click.
  const set = (expression: string) => {
    window.clearTimeout(timer);
    input.value = expression;
    choices = [];
    drawChoices();
    void check();
  };
  void check();
  return { root: h("div", { class: "expression" }, input, list, verdict), input, set };
}
