// One component: what it declares and what its files say, the conclusion editor (SPDX
// expression with completion and live validation), status, comments, exclusion from notices,
// the obligations checklist with sign-off, and its files with findings (false-positive marks).

import type { Ctx } from "../app";
import type { ComponentDetail, ComponentLink, ComponentStatus, LicenseChoice, ObligationRow, ObligationStatus } from "../bindings";
import { h, replace } from "../dom";
import { api } from "../ipc";
import { applyChoice, tokenAt } from "../lib/complete";
import { neighbour } from "./components";
import { COMPONENT_STATUSES, OBLIGATION_STATUSES, isSettled, plural, statusLabel, when } from "../lib/format";


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

/** A status, a note and a button that signs off with them: for one obligation, or a group. */
export function signOffControls(
  ctx: Ctx,
  opts: { status: ObligationStatus; note: string; placeholder: string; label: string; statusLabel: string },
  save: (status: ObligationStatus, note: string | null) => Promise<void>,
): HTMLElement {
  const status = h(
    "select",
    { "aria-label": opts.statusLabel, class: "ob-status" },
    OBLIGATION_STATUSES.map((s) => h("option", { value: s, selected: s === opts.status }, statusLabel(s))),
  );
  const note = h("input", { type: "text", class: "ob-note", placeholder: opts.placeholder, value: opts.note });
  const button = h(
    "button",
    {
      type: "button",
      class: "small sign-off",
      onclick: async () => {
        try {
          await save(status.value as ObligationStatus, note.value.trim() || null);
        } catch (e) {
          ctx.fail(e);
        }
      },
    },
    opts.label,
  );
  return h("div", { class: "sign" }, status, note, button);
}

export function signOffRow(o: ObligationRow, ctx: Ctx, after: () => void, withComponent = false): HTMLElement {
  const controls = signOffControls(
    ctx,
    { status: o.status, note: o.note ?? "", placeholder: "Note (how it is met, or why not)", label: "Sign off", statusLabel: "Obligation status" },
    async (status, note) => {
      await api.signOff(o.id, status, note);
      ctx.say(`Signed off: ${o.summary}`);
      after();
    },
  );
  return h(
    "tr",
    { "data-obligation": o.id, class: `ob ob-${o.status}` },
    withComponent ? h("td", {}, h("a", { href: `#/component/${o.component_id}` }, o.component)) : null,
    h("td", {}, h("code", {}, o.license)),
    h("td", {}, o.summary, o.derivation ? h("div", { class: "muted small" }, o.derivation) : null),
    h("td", {}, `${o.kind}`, h("div", { class: "muted small" }, o.scope)),
    h(
      "td",
      {},
      h("span", { class: `status status-${o.status}` }, statusLabel(o.status)),
      o.reviewer ? h("div", { class: "muted small" }, `${o.reviewer}, ${when(o.decided_at)}`) : null,
      o.carried_from ? h("div", { class: "tag" }, "carried over") : null,
    ),
    h("td", {}, controls),
  );
}

/** Components as links, comma-separated, the first 30. */
function links(items: ComponentLink[]): (Node | string)[] {
  const out: (Node | string)[] = [];
  items.slice(0, 30).forEach((l, i) => {
    if (i) out.push(", ");
    out.push(h("a", { href: `#/component/${l.id}` }, l.version ? `${l.name} ${l.version}` : l.name));
  });
  if (items.length > 30) out.push(` and ${items.length - 30} more`);
  return out;
}

export async function componentView(root: HTMLElement, ctx: Ctx, arg: string | undefined): Promise<() => void> {
  const id = Number(arg);
  const d: ComponentDetail = await api.componentDetail(id);
  const c = d.component;
  const k = c.conclusion;
  const reload = () => ctx.go(`component/${id}`);

  let valid = true;
  const save = h("button", { type: "button", id: "save-conclusion" }, "Save conclusion");
  const editor = expressionEditor(k?.expression ?? "", (ok) => {
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

  const newComment = h("textarea", { id: "new-comment", rows: 2, placeholder: "Add a comment for other reviewers" });
  const exclusion = d.excluded;
  const excludeReason = h("input", { type: "text", id: "exclude-reason", placeholder: "Why it is not shipped (e.g. build tooling, tests only)" });

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

  const fpSelected = new Set<number>();
  const fpReason = h("input", { type: "text", id: "fp-reason", placeholder: "Why these findings are false positives" });

  replace(
    root,
    h("p", { class: "crumbs" }, h("a", { href: "#/components" }, "Components"), " / ", c.name),
    h(
      "div",
      { class: "title-row" },
      h("h1", { id: "component-name" }, c.name, c.version ? h("span", { class: "muted" }, ` ${c.version}`) : null),
      h("span", { class: `status status-${k?.status ?? "pending"}` }, statusLabel(k?.status ?? "pending")),
      k?.carried_from ? h("span", { class: "tag", id: "carried", title: `Carried over from ${k.carried_from}` }, "carried over") : null,
      c.not_shipped ? h("span", { class: "tag", title: c.not_shipped }, "not shipped") : null,
    ),
    h("p", { class: "muted keys" }, "] next · [ previous (in the components table's order) · Esc back to the table"),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "Ecosystem"),
      h("dd", {}, c.ecosystem ?? "—"),
      h("dt", {}, "Package URL"),
      h("dd", {}, h("code", {}, c.purl ?? "—")),
      h("dt", {}, c.source === "lockfile" ? "Listed by" : "Folder"),
      h(
        "dd",
        {},
        c.source === "lockfile"
          ? [h("code", {}, `${c.root}/${(c.manifest_path ?? "").split("#")[0]}`), h("span", { class: "muted" }, " — a lockfile entry; none of its files are in the scanned folders")]
          : h("code", {}, `${c.root}/${c.dir}`),
      ),
      h("dt", {}, "Declared"),
      h("dd", {}, c.declared_license ?? c.declared_original ?? "—"),
      h("dt", {}, "Detected"),
      h("dd", {}, c.detected.join(", ") || "—"),
      c.homepage ? h("dt", {}, "Homepage") : null,
      c.homepage ? h("dd", {}, c.homepage) : null,
      d.depends_on.length ? h("dt", {}, "Depends on") : null,
      d.depends_on.length ? h("dd", { id: "depends-on" }, links(d.depends_on)) : null,
      d.used_by.length ? h("dt", {}, "Used by") : null,
      d.used_by.length ? h("dd", { id: "used-by" }, links(d.used_by)) : null,
    ),
    h(
      "div",
      { class: "columns2" },
      h(
        "section",
        { class: "card", id: "conclusion" },
        h("h2", {}, "Conclusion"),
        k ? h("p", { class: "muted small" }, `Last decided by ${k.reviewer}, ${when(k.decided_at)}`) : null,
        chips,
        editor.root,
        h("label", { class: "field" }, "Status", status),
        h("label", { class: "field" }, "Comment", comment),
        save,
      ),
      h(
        "section",
        { class: "card", id: "comments" },
        h("h2", {}, "Comments"),
        d.comments.length
          ? h(
              "ul",
              { class: "comments" },
              d.comments.map((a) =>
                h("li", {}, h("div", {}, a.comment), h("div", { class: "muted small" }, `${a.reviewer}, ${when(a.created_at)}`, a.carried_from ? " · carried over" : "")),
              ),
            )
          : h("p", { class: "muted" }, "No comments yet."),
        newComment,
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            id: "add-comment",
            onclick: async () => {
              try {
                await api.comment("component", id, newComment.value);
                reload();
              } catch (e) {
                ctx.fail(e);
              }
            },
          },
          "Add comment",
        ),
        h("h2", {}, "In the release"),
        exclusion
          ? h(
              "div",
              {},
              h("p", { id: "excluded" }, `Not shipped — no obligations, not in attribution, blocks nothing: ${exclusion[0]} (${exclusion[1]}, ${when(exclusion[2])})`),
              h(
                "button",
                {
                  type: "button",
                  class: "secondary",
                  onclick: async () => {
                    try {
                      await api.exclude(id, "", true);
                      reload();
                    } catch (e) {
                      ctx.fail(e);
                    }
                  },
                },
                "It is shipped: take it back in",
              ),
            )
          : h(
              "div",
              {},
              h("p", { class: "muted" }, "Shipped: its obligations count, it is in attribution files and approval waits for it."),
              excludeReason,
              h(
                "button",
                {
                  type: "button",
                  class: "secondary",
                  id: "exclude",
                  onclick: async () => {
                    try {
                      await api.exclude(id, excludeReason.value, false);
                      reload();
                    } catch (e) {
                      ctx.fail(e);
                    }
                  },
                },
                "Mark not shipped",
              ),
            ),
      ),
    ),
    h("h2", {}, `Obligations (${d.obligations.filter((o) => !isSettled(o.status)).length} open)`),
    d.obligations.length
      ? h(
          "table",
          { class: "grid", id: "component-obligations" },
          h("thead", {}, h("tr", {}, h("th", {}, "License"), h("th", {}, "Obligation"), h("th", {}, "Kind"), h("th", {}, "Status"), h("th", {}, "Sign-off"))),
          h("tbody", {}, d.obligations.map((o) => signOffRow(o, ctx, reload))),
        )
      : h("p", { class: "muted" }, k?.expression ? "No obligations for this license in this distribution mode." : "Obligations appear once a license is concluded."),
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
    h("h2", {}, "All files"),
    allFiles,
  );
  await drawAll();
  // ] and [ go through the components table's rows (its filter and sort) without going back to
  // it; Escape goes back. Not while typing.
  const onKey = async (e: KeyboardEvent) => {
    if ((e.target as HTMLElement | null)?.closest?.("input, textarea, select")) return;
    if (e.key === "]" || e.key === "[") {
      e.preventDefault();
      try {
        const next = await neighbour(e.key === "]" ? 1 : -1);
        if (next === null) ctx.say(e.key === "]" ? "That was the table's last component" : "That was the table's first component");
        else ctx.go(`component/${next}`);
      } catch (err) {
        ctx.fail(err);
      }
    } else if (e.key === "Escape") ctx.go("components");
  };
  document.addEventListener("keydown", onKey);
  return () => document.removeEventListener("keydown", onKey);
}
