// The portfolio: every release published into the machine's decision library, by product —
// approval, license mix, open obligations and vulnerabilities, age — with two charts (the
// releases' state by month, each release's license mix) and where-used: which releases hold a
// package, in a version range.

import type { Ctx } from "../app";
import type { ReleaseSummary, UsedIn } from "../bindings";
import { h, replace } from "../dom";
import { call } from "../ipc";
import { plural, when } from "../lib/format";

const MIX_COLOURS = ["#3b6fb6", "#5aa469", "#d9a441", "#b3589a", "#6c8ebf", "#999"];

/** Days since an RFC 3339 time, as words ("today", "3 days"). */
export function age(rfc3339: string, now: Date = new Date()): string {
  const days = Math.floor((now.getTime() - Date.parse(rfc3339)) / 86_400_000);
  if (!Number.isFinite(days) || days <= 0) return "today";
  return plural(days, "day");
}

/** Releases per month, approved and in review, oldest month first. */
export function byMonth(releases: ReleaseSummary[]): { month: string; approved: number; inReview: number }[] {
  const months = new Map<string, { approved: number; inReview: number }>();
  for (const r of releases) {
    const month = (r.approved_at ?? r.published_at).slice(0, 7);
    const m = months.get(month) ?? { approved: 0, inReview: 0 };
    if (r.approved) m.approved += 1;
    else m.inReview += 1;
    months.set(month, m);
  }
  return [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, m]) => ({ month, ...m }));
}

/** The five largest licenses of a release and the rest as "other", with shares that sum to 1. */
export function mixShares(r: ReleaseSummary): { license: string; count: number; share: number }[] {
  const total = r.license_mix.reduce((n, [, c]) => n + c, 0);
  if (total === 0) return [];
  const top = r.license_mix.slice(0, 5).map(([license, count]) => ({ license, count, share: count / total }));
  const rest = r.license_mix.slice(5).reduce((n, [, c]) => n + c, 0);
  if (rest > 0) top.push({ license: "other", count: rest, share: rest / total });
  return top;
}

function mixBar(r: ReleaseSummary): HTMLElement {
  const shares = mixShares(r);
  const colour = (i: number) => MIX_COLOURS[i % MIX_COLOURS.length];
  return h(
    "div",
    {},
    h(
      "div",
      { class: "mix-bar", role: "img", "aria-label": shares.map((s) => `${s.license} ${s.count}`).join(", ") },
      shares.map((s, i) => h("span", { class: "mix-part", title: `${s.license}: ${plural(s.count, "component")}`, style: `width:${(s.share * 100).toFixed(1)}%;background:${colour(i)}` })),
    ),
    h(
      "div",
      { class: "mix-legend muted" },
      shares.map((s, i) => h("span", {}, h("span", { class: "mix-key", style: `background:${colour(i)}` }), ` ${s.license} ${s.count}`)),
    ),
  );
}

function stateChart(releases: ReleaseSummary[]): HTMLElement {
  const months = byMonth(releases);
  const most = Math.max(1, ...months.map((m) => m.approved + m.inReview));
  return h(
    "div",
    { class: "state-chart", id: "portfolio-states", role: "img", "aria-label": months.map((m) => `${m.month}: ${m.approved} approved, ${m.inReview} in review`).join("; ") },
    months.map((m) =>
      h(
        "div",
        { class: "state-month" },
        h(
          "div",
          { class: "state-stack", style: "height:6rem" },
          h("span", { class: "state-in-review", style: `height:${((100 * m.inReview) / most).toFixed(1)}%`, title: `${m.inReview} in review` }),
          h("span", { class: "state-approved", style: `height:${((100 * m.approved) / most).toFixed(1)}%`, title: `${m.approved} approved` }),
        ),
        h("div", { class: "muted" }, m.month),
      ),
    ),
  );
}

function usedRows(used: UsedIn[]): HTMLElement {
  if (used.length === 0) return h("p", { class: "muted", id: "where-used-result" }, "No published release holds it.");
  return h(
    "table",
    { class: "grid", id: "where-used-result" },
    h("thead", {}, h("tr", {}, h("th", {}, "Release"), h("th", {}, "Package"), h("th", {}, "Concluded"), h("th", {}, ""))),
    h(
      "tbody",
      {},
      used.map((u) =>
        h(
          "tr",
          {},
          h("td", {}, u.release, u.approved ? "" : " (in review)"),
          h("td", {}, `${u.name} ${u.version ?? ""}`, u.shipped ? "" : " (not shipped)"),
          h("td", {}, u.concluded ?? "—"),
          h("td", { class: "muted" }, u.unreadable_version ? "version not comparable: check by hand" : ""),
        ),
      ),
    ),
  );
}

export async function portfolioView(root: HTMLElement, ctx: Ctx): Promise<void> {
  let releases: ReleaseSummary[] | null = null;
  try {
    releases = await call("portfolio", {});
  } catch (e) {
    ctx.fail(e);
  }
  const query = h("input", { type: "text", id: "where-used-query", placeholder: "pkg:cargo/openssl@<0.10.55", "aria-label": "Package URL, with a version or a range" });
  const result = h("div", {});
  const search = async () => {
    try {
      replace(result, usedRows(await call("where_used", { query: query.value.trim() })));
    } catch (e) {
      ctx.fail(e);
    }
  };
  query.addEventListener("keydown", (e) => {
    if (e.key === "Enter") void search();
  });
  const whereUsed = h(
    "section",
    { id: "where-used" },
    h("h2", {}, "Where used"),
    h("div", { class: "row" }, query, h("button", { type: "button", id: "where-used-search", onclick: () => void search() }, "Search")),
    result,
  );
  if (!releases || releases.length === 0) {
    replace(
      root,
      h("h1", {}, "Portfolio"),
      h("p", { class: "notice", id: "portfolio-empty" }, "No release is published yet. Approve a review, then publish it from its Decision library page (or `clearance library publish`)."),
      whereUsed,
    );
    return;
  }
  const approved = releases.filter((r) => r.approved).length;
  replace(
    root,
    h("h1", {}, "Portfolio"),
    h("p", { class: "muted", id: "portfolio-summary" }, `${plural(releases.length, "release")} of ${plural(new Set(releases.map((r) => r.product)).size, "product")}; ${approved} approved, ${releases.length - approved} in review`),
    h("h2", {}, "Releases by month"),
    stateChart(releases),
    h(
      "table",
      { class: "grid", id: "portfolio-table" },
      h(
        "thead",
        {},
        h("tr", {}, h("th", {}, "Product"), h("th", {}, "Release"), h("th", {}, "State"), h("th", {}, "Components"), h("th", {}, "Open obligations"), h("th", {}, "Open vulnerabilities"), h("th", {}, "License mix"), h("th", {}, "Published")),
      ),
      h(
        "tbody",
        {},
        releases.map((r) =>
          h(
            "tr",
            { "data-release": `${r.product} ${r.version}` },
            h("td", {}, r.product),
            h("td", { title: r.review }, r.version),
            h("td", {}, r.approved ? h("span", { class: "status status-fulfilled", title: `${r.approved_by ?? ""}, ${when(r.approved_at)}` }, "approved") : h("span", { class: "status status-open" }, "in review")),
            h("td", {}, String(r.components)),
            h("td", {}, String(r.open_obligations)),
            h("td", {}, r.open_vulnerabilities === null ? h("span", { class: "muted" }, "not matched") : String(r.open_vulnerabilities)),
            h("td", {}, mixBar(r)),
            h("td", { title: when(r.published_at) }, `${age(r.published_at)} ago`.replace("today ago", "today")),
          ),
        ),
      ),
    ),
    whereUsed,
  );
}
