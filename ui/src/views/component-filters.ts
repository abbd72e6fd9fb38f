// The components table's filters: a search and six lists (status, ecosystem, license id,
// license category, what needs a look, the clarity score), each choice with how many components it selects. One
// `ComponentFilter` for the table's pages and its bulk decisions.

import type { Category, Clarity, ComponentFilter, StatusFilter } from "../bindings";
import { h, replace } from "../dom";
import { api } from "../ipc";
import { CLARITY_CLEAR, STATUS_LABELS, categoryLabel } from "../lib/format";

const FILTER_LABELS: Record<string, string> = {
  ...STATUS_LABELS,
  unconcluded: "No conclusion",
  "open-obligations": "Open obligations",
  carried: "Carried over",
  shipped: "Shipped",
  excluded: "Not shipped",
  "second-review": "Needs a second review",
};

const CLARITY_LABELS: Record<Clarity, string> = {
  disagree: "Declared and detected disagree",
  copyleft: "Copyleft",
  "no-license-text": "No license text found",
  "no-license": "No license at all",
};

/** A filter that selects every component. */
export const everything = (): ComponentFilter => ({
  search: "",
  status: null,
  ecosystem: "",
  license: "",
  category: null,
  clarity: null,
  clarity_at_least: null,
  clarity_below: null,
  assignee: "",
});

/** The clarity score filter's choices: clear (80 and up) or not. */
export function scoreChoice(q: ComponentFilter): "" | "clear" | "unclear" {
  if (q.clarity_at_least === CLARITY_CLEAR) return "clear";
  if (q.clarity_below === CLARITY_CLEAR) return "unclear";
  return "";
}

export interface FilterBar {
  root: HTMLElement;
  search: HTMLInputElement;
  /** The filter the controls show now. */
  read: () => ComponentFilter;
}

/** The filter controls set to `q`, their choices counted; `changed` after each change (a search
 * after the reviewer pauses typing). */
export async function filterBar(q: ComponentFilter, changed: () => void): Promise<FilterBar> {
  const search = h("input", {
    type: "search",
    id: "component-search",
    placeholder: "Search name, purl or license  ( / )",
    value: q.search,
    "aria-label": "Search components",
  });
  const status = h("select", { id: "status-filter", "aria-label": "Status filter" });
  const ecosystem = h("select", { id: "ecosystem-filter", "aria-label": "Ecosystem filter" });
  const license = h("select", { id: "license-filter", "aria-label": "License filter" });
  const category = h("select", { id: "category-filter", "aria-label": "License category filter" });
  const clarity = h("select", { id: "clarity-filter", "aria-label": "What needs a look" });
  const score = h(
    "select",
    { id: "clarity-score-filter", "aria-label": "License clarity score" },
    h("option", { value: "", selected: scoreChoice(q) === "" }, "Clarity: any"),
    h("option", { value: "clear", selected: scoreChoice(q) === "clear" }, `Clear (${CLARITY_CLEAR}+)`),
    h("option", { value: "unclear", selected: scoreChoice(q) === "unclear" }, `Unclear (below ${CLARITY_CLEAR})`),
  );
  const assignee = h("select", { id: "assignee-filter", "aria-label": "Assigned to" });
  const [facets, me] = await Promise.all([api.componentFacets(), api.whoAmI()]);
  replace(
    assignee,
    h("option", { value: "" }, "Assigned: anyone"),
    me ? h("option", { value: me, selected: q.assignee === me }, "My queue") : null,
    h("option", { value: "none", selected: q.assignee === "none" }, "Unassigned"),
    facets.assignees
      .filter((f) => f.value !== me)
      .map((f) => h("option", { value: f.value, selected: f.value === q.assignee }, `${f.value} (${f.count})`)),
  );
  replace(
    status,
    h("option", { value: "" }, `All statuses (${facets.total})`),
    facets.statuses.map((f) =>
      h("option", { value: f.value, selected: f.value === q.status }, `${FILTER_LABELS[f.value] ?? f.value} (${f.count})`),
    ),
  );
  replace(
    ecosystem,
    h("option", { value: "" }, "All ecosystems"),
    facets.ecosystems.map((f) => h("option", { value: f.value, selected: f.value === q.ecosystem }, `${f.value} (${f.count})`)),
  );
  replace(
    license,
    h("option", { value: "" }, "All licenses"),
    facets.licenses.map((f) => h("option", { value: f.value, selected: f.value === q.license }, `${f.value} (${f.count})`)),
  );
  replace(
    category,
    h("option", { value: "" }, "All categories"),
    facets.categories.map((f) =>
      h("option", { value: f.value, selected: f.value === q.category }, `${categoryLabel(f.value)} (${f.count})`),
    ),
  );
  replace(
    clarity,
    h("option", { value: "" }, "Needs a look: any"),
    facets.clarity.map((f) =>
      h("option", { value: f.value, selected: f.value === q.clarity }, `${CLARITY_LABELS[f.value as Clarity] ?? f.value} (${f.count})`),
    ),
  );

  const read = (): ComponentFilter => ({
    search: search.value,
    status: (status.value || null) as StatusFilter | null,
    ecosystem: ecosystem.value,
    license: license.value,
    category: (category.value || null) as Category | null,
    clarity: (clarity.value || null) as Clarity | null,
    clarity_at_least: score.value === "clear" ? CLARITY_CLEAR : null,
    clarity_below: score.value === "unclear" ? CLARITY_CLEAR : null,
    assignee: assignee.value,
  });
  let typing = 0;
  search.addEventListener("input", () => {
    window.clearTimeout(typing);
    typing = window.setTimeout(changed, 150);
  });
  for (const f of [status, ecosystem, license, category, clarity, score, assignee]) f.addEventListener("change", changed);
  return { root: h("div", { class: "toolbar" }, search, status, ecosystem, license, category, clarity, score, assignee), search, read };
}
