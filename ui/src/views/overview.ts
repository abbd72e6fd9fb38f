// Overview: where the review stands (components concluded, obligations, policy, approval),
// licenses by category as a bar chart, the distribution mode, and a rescan for the next release.

import type { Ctx } from "../app";
import type { Distribution, Overview } from "../bindings";
import { h, replace } from "../dom";
import { api } from "../ipc";
import { categoryLabel, percent, plural, when } from "../lib/format";
import { setSearch } from "./table-place";
import { runScan } from "./scan";
import { daysOld } from "./vulnerabilities";

const MODES: [Distribution, string][] = [
  ["binary", "Binaries"],
  ["source", "Source code"],
  ["saas", "Network service (SaaS)"],
];

function stat(id: string, value: string, label: string, tone = ""): HTMLElement {
  return h("div", { class: `stat ${tone}`, id }, h("div", { class: "value" }, value), h("div", { class: "label" }, label));
}

/** Which policy the card counts against, and what it leaves to a reviewer: "0 errors" must not
 * read as "nothing to look at" while copyleft licenses wait for review. */
export function policyLabel(o: Overview): string {
  const which = o.policy_own ? "the review's policy" : "the default policy (copyleft: review; network copyleft, source-available: deny)";
  const toReview = [...new Set(o.policy.hits.filter((h) => h.severity === "warning").map((h) => h.license))];
  const listed = toReview.slice(0, 3).join(", ") + (toReview.length > 3 ? ` and ${toReview.length - 3} more` : "");
  return `policy errors under ${which}${toReview.length ? `; to review: ${listed}` : "; nothing to review"}`;
}

/** The vulnerabilities card: open ones by severity and how old the advisories were. */
export function vulnerabilityStat(o: Overview, now: Date = new Date()): HTMLElement {
  const v = o.vulnerabilities;
  if (!v) return stat("stat-vulnerabilities", "—", "vulnerabilities: not matched against advisories yet");
  const open = v.open.reduce((n, s) => n + s.count, 0);
  const bands = v.open.map((s) => `${s.count} ${s.severity ?? "unknown"}`).join(", ");
  const newest = v.snapshot.newest;
  const age = newest ? `advisories from ${newest.slice(0, 10)}, ${plural(daysOld(newest, now), "day")} old` : "no advisories in the database";
  const worst = v.open[0];
  const serious = worst && (worst.severity === null || worst.severity === "critical" || worst.severity === "high");
  return stat(
    "stat-vulnerabilities",
    `${open}`,
    `open of ${plural(v.found, "known vulnerability", "known vulnerabilities")}${bands ? ` (${bands})` : ""} — ${age}`,
    open === 0 ? "ok" : serious ? "bad" : "warn",
  );
}

export function categoryChart(o: Overview): HTMLElement {
  const max = Math.max(1, ...o.categories.map((c) => c.files));
  return h(
    "div",
    { class: "chart", id: "category-chart", role: "img", "aria-label": "Files by license category" },
    o.categories.map((c) =>
      h(
        "div",
        { class: "chart-row" },
        h("span", { class: "chart-label" }, categoryLabel(c.category)),
        h(
          "span",
          { class: "chart-track" },
          h("span", { class: `chart-bar cat-${c.category}`, style: `width: ${Math.max(2, (100 * c.files) / max)}%` }),
        ),
        h("span", { class: "chart-value" }, `${plural(c.files, "file")} · ${plural(c.licenses, "license")}`),
      ),
    ),
  );
}

export async function overviewView(root: HTMLElement, ctx: Ctx): Promise<void> {
  const o = await api.overview();
  const s = o.status;
  const progress = h("div", { hidden: true });
  const modes = h(
    "fieldset",
    { class: "modes", id: "distribution" },
    h("legend", {}, "This release ships as"),
    MODES.map(([key, label]) =>
      h(
        "label",
        {},
        h("input", {
          type: "checkbox",
          value: key,
          checked: s.distribution.includes(key),
          onchange: async () => {
            const ticked = new Set([...modes.querySelectorAll<HTMLInputElement>("input:checked")].map((i) => i.value));
            const chosen = MODES.map(([k]) => k).filter((k) => ticked.has(k));
            try {
              await api.setDistribution(chosen);
              ctx.say("Distribution mode saved; obligations updated.");
              ctx.go("overview");
            } catch (e) {
              ctx.fail(e);
            }
          },
        }),
        ` ${label}`,
      ),
    ),
  );
  const productName = h("input", { type: "text", id: "product-name", value: o.product, "aria-label": "Product name" });
  const productVersion = h("input", { type: "text", id: "product-version", value: o.product_version ?? "", "aria-label": "Product version", placeholder: "version" });
  const product = h(
    "form",
    {
      class: "product",
      id: "product",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          await api.setProduct(productName.value, productVersion.value.trim() || null);
          ctx.say("Product name saved: attribution files and SBOMs use it.");
          ctx.go("overview");
        } catch (err) {
          ctx.fail(err);
        }
      },
    },
    h("label", {}, "Product ", productName),
    " ",
    productVersion,
    " ",
    h("button", { type: "submit", class: "secondary" }, "Save"),
    o.product_set ? "" : h("span", { class: "muted small" }, " (taken from the scanned folder's manifest: name it as you ship it)"),
  );
  replace(
    root,
    h(
      "div",
      { class: "title-row" },
      h("h1", {}, ctx.review?.name ?? "Review"),
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          id: "rescan",
          onclick: async () => {
            const r = await runScan(progress, ctx, (cb) => api.rescan(cb));
            if (r) ctx.go("overview");
          },
        },
        "Scan again",
      ),
    ),
    h(
      "p",
      { class: "muted" },
      o.roots.join(" · "),
      o.scan ? ` — scanned ${when(o.scan.finished_at ?? o.scan.started_at)} (${o.scan.status})` : "",
    ),
    product,
    progress,
    h(
      "div",
      { class: "stats" },
      stat("stat-components", `${s.concluded} / ${s.components}`, `shipped components concluded (${percent(s.concluded, s.components)})${s.not_shipped ? `; ${s.not_shipped} not shipped` : ""}`),
      s.obligations === 0
        ? stat("stat-obligations", "—", "obligations appear as components are concluded")
        : stat(
            "stat-obligations",
            `${s.obligations - s.obligations_done}`,
            `open of ${plural(s.obligations, "obligation")}`,
            s.obligations - s.obligations_done > 0 ? "warn" : "ok",
          ),
      stat(
        "stat-policy",
        `${o.policy.errors}`,
        policyLabel(o),
        o.policy.errors > 0 ? "bad" : o.policy.warnings > 0 ? "warn" : "ok",
      ),
      vulnerabilityStat(o),
      stat(
        "stat-approval",
        s.approval.approved ? "Approved" : "Not approved",
        s.approval.approved ? `by ${s.approval.reviewer ?? "?"} ${when(s.approval.at)}` : "release approval",
        s.approval.approved ? "ok" : "",
      ),
    ),
    h(
      "p",
      { class: "muted" },
      `${plural(Number(o.files), "file")}, ${plural(Number(o.findings), "finding")}, ${plural(Number(o.skipped), "file")} skipped` +
        (s.carried_over ? `, ${s.carried_over} conclusions carried over from an earlier release` : "") +
        (s.lapsed.length ? `, ${plural(s.lapsed.length, "decision")} lapsed` : ""),
    ),
    modes,
    h("h2", {}, "Licenses by category"),
    o.categories.length ? categoryChart(o) : h("p", { class: "muted" }, "No licenses found."),
    h("h2", {}, "Licenses"),
    h(
      "table",
      { class: "grid", id: "license-table" },
      h("thead", {}, h("tr", {}, h("th", {}, "License"), h("th", {}, "Category"), h("th", { class: "num" }, "Files"))),
      h(
        "tbody",
        {},
        o.licenses.slice(0, 50).map((l) =>
          h(
            "tr",
            {},
            h(
              "td",
              {},
              h(
                "a",
                {
                  href: "#/components",
                  title: "Components carrying this license",
                  onclick: () => setSearch(l.license),
                },
                l.license,
              ),
            ),
            h("td", {}, h("span", { class: `cat cat-${l.category}` }, categoryLabel(l.category))),
            h("td", { class: "num" }, l.files),
          ),
        ),
      ),
    ),
    o.licenses.length > 50 ? h("p", { class: "muted" }, `and ${o.licenses.length - 50} more`) : null,
  );
}
