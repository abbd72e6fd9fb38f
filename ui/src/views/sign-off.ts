// Signing off obligations: the controls (status, note, button) for one obligation or a group,
// and an obligation's table row, used by the component page and the obligations page.

import type { Ctx } from "../app";
import type { ObligationRow, ObligationStatus } from "../bindings";
import { h } from "../dom";
import { api } from "../ipc";
import { OBLIGATION_STATUSES, statusLabel, when } from "../lib/format";

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
