// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import type { Ctx } from "../app";
import type { Triage, TriageRequest, VulnerabilityList, VulnerabilityRow } from "../bindings";

const row = (over: Partial<VulnerabilityRow>): VulnerabilityRow => ({
  component_id: 1,
  component: "smallvec 0.6.9",
  advisory_id: "RUSTSEC-2021-0003",
  aliases: ["CVE-2021-25900"],
  summary: "Buffer overflow in SmallVec::insert_many",
  exposure: "affected",
  why: null,
  modified: "2026-07-17T15:52:38Z",
  score: 9.8,
  severity: "critical",
  vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
  triage: null,
  shipped: true,
  ...over,
});
const triaged = (over: Partial<Triage>): Triage => ({
  purl: "pkg:cargo/smallvec@0.6.9",
  advisory_id: "RUSTSEC-2021-0003",
  state: "not-affected",
  justification: "code-not-reachable",
  responses: [],
  note: "never called",
  reviewer: "Erin",
  decided_at: "2026-12-06T10:00:00Z",
  modified: "2026-07-17T15:52:38Z",
  carried_from: null,
  ...over,
});
let answer: VulnerabilityList = { snapshot: null, rows: [] };
const sent: TriageRequest[] = [];
vi.mock("../ipc", () => ({
  call: async (cmd: string, args: { request?: TriageRequest }) => {
    if (cmd === "triage" && args.request) {
      sent.push(args.request);
      const r = args.request;
      return triaged({ state: r.state, justification: r.justification, responses: r.responses, note: r.note });
    }
    return answer;
  },
}));
const { shown, snapshotLine, vulnerabilitiesView, openBySeverity, daysOld } = await import("./vulnerabilities");
const ctx = () => ({ say: vi.fn(), fail: vi.fn() }) as unknown as Ctx;
const all = { shippedOnly: true, exposure: "", triage: "", severity: "", search: "" } as const;

describe("the vulnerabilities view", () => {
  it("says how to get advisories when the review was never matched", async () => {
    answer = { snapshot: null, rows: [] };
    const root = document.createElement("div");
    await vulnerabilitiesView(root, ctx());
    expect(root.querySelector("#vulnerability-snapshot")?.textContent).toContain("import the OSV project's dumps");
    expect(root.querySelector("#import-advisories")).not.toBeNull();
    expect(root.querySelector("#vulnerability-count")?.textContent).toBe("0 vulnerabilities shown, 0 open");
  });

  it("says how old the advisories are", () => {
    const list: VulnerabilityList = {
      snapshot: { hash: "h", records: 3867, newest: "2026-08-21T06:28:40Z", matched_at: "2026-12-06T10:00:00Z" },
      rows: [],
    };
    expect(daysOld("2026-08-21T06:28:40Z", new Date("2026-12-03T12:00:00Z"))).toBe(104);
    expect(snapshotLine(list, new Date("2026-12-03T12:00:00Z"))).toBe(
      "Matched 2026-12-06 10:00 UTC against 3,867 advisories. Advisories from 2026-08-21, 104 days old.",
    );
  });

  it("lists affected first, as text, each linked to its component, filtered by exposure, triage and severity", async () => {
    answer = {
      snapshot: { hash: "h", records: 3867, newest: "2026-08-21T06:28:40Z", matched_at: "2026-12-06T10:00:00Z" },
      rows: [
        row({ component_id: 2, component: "django 3.2.1", advisory_id: "PYSEC-1", aliases: ["CVE-2021-1"], summary: "SQL injection", exposure: "possibly", why: "the component's version is not known", score: null, severity: null }),
        row({ triage: triaged({}) }),
        row({ advisory_id: "RUSTSEC-2019-0009", score: 7.5, severity: "high" }),
        row({ component_id: 3, component: "<b>evil</b> 1.0", advisory_id: "GHSA-x", aliases: [], summary: "<script>x</script>", exposure: "undecidable", score: null, severity: null }),
        row({ component_id: 4, component: "dev-only 1.0", advisory_id: "RUSTSEC-2020-0001", shipped: false }),
      ],
    };
    const root = document.createElement("div");
    await vulnerabilitiesView(root, ctx());
    // What does not ship is left out until asked for, and said so.
    expect(root.querySelector("#not-shipped-count")?.textContent).toBe(" Shipped components only (1 in components not shipped)");
    expect(root.querySelector("#vulnerability-count")?.textContent).toBe("4 vulnerabilities shown, 3 open");
    const ids = () => [...root.querySelectorAll("#vulnerabilities-table tbody tr")].map((tr) => tr.getAttribute("data-vulnerability"));
    expect(ids()).toEqual(["RUSTSEC-2021-0003", "RUSTSEC-2019-0009", "PYSEC-1", "GHSA-x"]);
    expect(root.querySelector("#vulnerabilities-table b, #vulnerabilities-table script")).toBeNull();
    expect(root.querySelector("#vulnerabilities-table a")?.getAttribute("href")).toBe("#/component/1");
    expect(root.querySelector("#vulnerabilities-table tbody td.num")?.textContent).toBe("critical 9.8");
    expect(root.querySelector("#vulnerabilities-table tbody td.triage")?.textContent).toContain("Not affected — The vulnerable code is not reachable");
    // Chips count what is still open: the triaged critical one is not.
    expect([...root.querySelectorAll("#severity-chips button")].map((b) => b.textContent)).toEqual(["high 1", "unknown 2"]);
    root.querySelector<HTMLButtonElement>("#severity-chips [data-severity='unknown']")?.click();
    expect(ids()).toEqual(["PYSEC-1", "GHSA-x"]);
    root.querySelector<HTMLButtonElement>("#severity-chips [data-severity='unknown']")?.click();
    const triage = root.querySelector<HTMLSelectElement>("#triage-filter");
    if (!triage) throw new Error("no triage filter");
    triage.value = "not-affected";
    triage.dispatchEvent(new Event("change"));
    expect(ids()).toEqual(["RUSTSEC-2021-0003"]);
    expect(shown(answer.rows, { ...all, triage: "open" }).map((r) => r.advisory_id)).toEqual(["RUSTSEC-2019-0009", "PYSEC-1", "GHSA-x"]);
    expect(shown(answer.rows, { ...all, exposure: "possibly" }).map((r) => r.advisory_id)).toEqual(["PYSEC-1"]);
    expect(shown(answer.rows, { ...all, search: "smallvec 25900" }).map((r) => r.advisory_id)).toEqual(["RUSTSEC-2021-0003", "RUSTSEC-2019-0009"]);
    expect(openBySeverity(answer.rows).get("critical")).toBeUndefined();
  });

  it("triages with the editor: a justification only for not affected, and the row shows the decision", async () => {
    answer = { snapshot: { hash: "h", records: 1, newest: null, matched_at: "2026-12-06T10:00:00Z" }, rows: [row({})] };
    const root = document.createElement("div");
    const c = ctx();
    await vulnerabilitiesView(root, c);
    root.querySelector<HTMLButtonElement>(".triage-open")?.click();
    const state = root.querySelector<HTMLSelectElement>(".triage-state");
    const justification = root.querySelector<HTMLSelectElement>(".triage-justification");
    if (!state || !justification) throw new Error("no editor");
    expect(justification.disabled).toBe(true);
    state.value = "not-affected";
    state.dispatchEvent(new Event("change"));
    expect(justification.disabled).toBe(false);
    justification.value = "code-not-present";
    const note = root.querySelector<HTMLInputElement>(".triage-note");
    if (!note) throw new Error("no note");
    note.value = "the feature is compiled out";
    const update = root.querySelector<HTMLInputElement>(".triage-response[value='update']");
    if (!update) throw new Error("no response");
    update.checked = true;
    root.querySelector<HTMLButtonElement>(".triage-save")?.click();
    await vi.waitFor(() => expect(sent.length).toBe(1));
    expect(sent[0]).toEqual({
      component_id: 1,
      advisory_id: "RUSTSEC-2021-0003",
      state: "not-affected",
      justification: "code-not-present",
      responses: ["update"],
      note: "the feature is compiled out",
    });
    await vi.waitFor(() => expect(root.querySelector("td.triage")?.textContent).toContain("Not affected — The vulnerable code is not present; Update"));
    expect(root.querySelector("#vulnerability-count")?.textContent).toBe("1 vulnerability shown, 0 open");
    expect(c.fail).not.toHaveBeenCalled();
  });
});
