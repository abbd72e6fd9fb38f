// A supplier's SBOM against the scan of the same delivery: import the SBOM (native dialog), then
// every disagreement — a package only one side names, a version or license they state
// differently — with the reviewer's decision on it (accepted: explained; rejected: the supplier
// is to correct it) and a note, audited. Decisions made on words that have changed since are
// listed apart.

import type { Ctx } from "../app";
import type { ClaimKind, ClaimState, Disagreement, SupplierDiff } from "../bindings";
import { h, replace } from "../dom";
import { call } from "../ipc";
import { plural, when } from "../lib/format";

export const KIND_LABELS: Record<ClaimKind, string> = {
  "only-in-sbom": "Only in the SBOM",
  "only-in-scan": "Only in the scan",
  version: "Version differs",
  license: "License differs",
};

/** Every disagreement, undecided first. */
export function rows(d: SupplierDiff): Disagreement[] {
  const all = [...d.only_in_sbom, ...d.only_in_scan, ...d.versions_differ, ...d.licenses_differ];
  return all.sort((a, b) => Number(a.decision !== null) - Number(b.decision !== null));
}

export function summary(d: SupplierDiff): string {
  const open = rows(d).filter((r) => !r.decision).length;
  const total = rows(d).length;
  return `${plural(d.matched, "package")} ${d.matched === 1 ? "agrees" : "agree"}; ${plural(total, "disagreement")}, ${open} undecided (${d.documents.join(", ")})`;
}

function decideControls(ctx: Ctx, r: Disagreement, after: () => void): HTMLElement {
  const note = h("input", { type: "text", class: "claim-note", placeholder: "Why (required; the supplier will read it)" });
  const decide = (state: ClaimState) => async () => {
    try {
      await call("resolve_claim", { request: { package: r.package, kind: r.kind, state, note: note.value } });
      ctx.say(`${r.name}: ${state}`);
      after();
    } catch (e) {
      ctx.fail(e);
    }
  };
  return h(
    "div",
    { class: "sign" },
    note,
    h("button", { type: "button", class: "small claim-accept", onclick: decide("accepted") }, "Accept"),
    h("button", { type: "button", class: "small secondary claim-reject", onclick: decide("rejected") }, "Reject"),
  );
}

export async function supplierView(root: HTMLElement, ctx: Ctx): Promise<void> {
  let diff: SupplierDiff | null = null;
  try {
    diff = await call("supplier_diff", {});
  } catch (e) {
    ctx.fail(e);
  }
  const body = h("div", {});
  const draw = () => {
    if (!diff || diff.documents.length === 0) {
      replace(
        body,
        h("p", { class: "notice", id: "supplier-summary" }, "No supplier SBOM in this review yet: import the SBOM the supplier sent with this delivery."),
      );
      return;
    }
    const d = diff;
    replace(
      body,
      h("p", { id: "supplier-summary", class: "muted" }, summary(d)),
      h(
        "table",
        { class: "grid", id: "supplier-table" },
        h("thead", {}, h("tr", {}, h("th", {}, "Disagreement"), h("th", {}, "Package"), h("th", {}, "The SBOM says"), h("th", {}, "The scan found"), h("th", {}, "Decision"))),
        h(
          "tbody",
          {},
          rows(d).map((r) =>
            h(
              "tr",
              { "data-package": r.package, "data-kind": r.kind },
              h("td", {}, KIND_LABELS[r.kind]),
              h("td", {}, h("a", { href: `#/component/${r.component_id}` }, r.name)),
              h("td", {}, r.sbom),
              h("td", {}, r.scan),
              h(
                "td",
                { class: "claim" },
                r.decision
                  ? h(
                      "span",
                      { class: `status ${r.decision.state === "accepted" ? "status-fulfilled" : "status-open"}`, title: `${r.decision.reviewer}, ${when(r.decision.decided_at)}` },
                      `${r.decision.state}: ${r.decision.note}`,
                    )
                  : decideControls(ctx, r, () => void reload()),
              ),
            ),
          ),
        ),
      ),
      d.stale.length
        ? h(
            "div",
            { id: "supplier-stale" },
            h("h2", {}, "Decisions that no longer apply"),
            h(
              "ul",
              {},
              d.stale.map((k) => h("li", {}, `${KIND_LABELS[k.kind]} ${k.package}: ${k.state} (${k.note}) — decided when the SBOM said ${k.claim} and the scan ${k.evidence}`)),
            ),
          )
        : null,
    );
  };
  const reload = async () => {
    try {
      diff = await call("supplier_diff", {});
      draw();
    } catch (e) {
      ctx.fail(e);
    }
  };
  const importButton = h(
    "button",
    {
      type: "button",
      class: "secondary",
      id: "import-sbom",
      onclick: async () => {
        try {
          const next = await call("import_supplier_sbom", {});
          if (next) {
            diff = next;
            ctx.say("Supplier SBOM imported and compared with the scan");
            draw();
          }
        } catch (e) {
          ctx.fail(e);
        }
      },
    },
    "Import the supplier's SBOM…",
  );
  replace(root, h("div", { class: "title-row" }, h("h1", {}, "Supplier SBOM"), importButton), body);
  draw();
}
