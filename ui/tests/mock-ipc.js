// @ts-check
// Injected before the app loads: stands in for the Rust side so the built UI can be tested in
// a plain browser. It answers the app's commands from a synthetic review of 5,000 components
// and records every call in window.__calls.
//
// Typed by the generated `Commands` (ui/src/bindings.ts, from src-tauri/src/command_list.rs):
// `tsc` checks every answer and argument here against Rust's, so the mock cannot drift from the
// app it stands in for.

/** @typedef {import("../src/bindings").Commands} Commands */
/** @typedef {import("../src/bindings").ComponentListRow} ComponentListRow */
/** @typedef {import("../src/bindings").ObligationRow} ObligationRow */
/** @typedef {import("../src/bindings").ScanEvent} ScanEvent */
/** @typedef {{ [K in keyof Commands]?: (args: Commands[K]["args"]) => Commands[K]["answer"] | Promise<Commands[K]["answer"]> }} MockCommands */

(() => {
  /** @type {any} */
  const win = window;
  /** @type {Map<number, (message: unknown) => void>} */
  const callbacks = new Map();
  let next = 1;
  /** @type {{ cmd: string, args: unknown }[]} */
  const calls = [];
  win.__calls = calls;
  const ecosystems = ["npm", "cargo", "pypi", "maven"];
  // 600 obligations: attribution and notice for 300 components, half MIT, half Apache-2.0.
  /** @type {ObligationRow[]} */
  const obligations = Array.from({ length: 600 }, (_, i) => ({
    id: i + 1,
    component_id: (i >> 1) + 1,
    component: `pkg-${String(i >> 1).padStart(4, "0")} 1.0.0`,
    license: (i >> 1) % 2 ? "Apache-2.0" : "MIT",
    key: i % 2 ? "include-license" : "include-notice",
    kind: "attribution",
    scope: "library",
    summary: i % 2 ? "Include the license text" : "Keep the copyright notice",
    derivation: null,
    status: "open",
    note: null,
    reviewer: null,
    decided_at: null,
    carried_from: null,
  }));
  const licenses = ["MIT", "Apache-2.0", "BSD-3-Clause", "ISC", "MPL-2.0", "GPL-2.0-only"];
  /** @type {ComponentListRow[]} */
  const components = Array.from({ length: 5000 }, (_, i) => ({
    id: i + 1,
    name: `pkg-${String(i).padStart(4, "0")}`,
    version: `1.${i % 10}.0`,
    ecosystem: ecosystems[i % 4],
    declared: licenses[i % 6],
    detected: [licenses[i % 6]],
    concluded: i % 3 === 0 ? licenses[i % 6] : null,
    status: i % 3 === 0 ? "approved" : "pending",
    carried: false,
    excluded: false,
    is_root: false,
    source: "manifest",
    open_obligations: i % 5,
    files: 20,
    clarity: [100, 75, 55, 100, 30][i % 5],
    assignee: i % 5 === 0 ? "Bo Second <bo@example.com>" : null,
    second_review: i % 97 === 0,
    clarity_gaps: /** @type {import("../src/bindings").ClarityGap[][]} */ ([[], ["missing-license-text"], ["missing-license-text", "no-copyright"], [], ["no-declared-license", "missing-license-text", "detected-disagrees"]])[i % 5],
  }));
  /** The table's filter over the synthetic rows (the same for its pages and for bulk decisions, as in Rust).
   * @type {(c: ComponentListRow, f: import("../src/bindings").ComponentFilter) => boolean} */
  const matches = (c, f) => {
    const words = f.search.toLowerCase().split(/\s+/).filter(Boolean);
    return (
      words.every((w) => `${c.name} ${c.declared}`.toLowerCase().includes(w)) &&
      (!f.ecosystem || c.ecosystem === f.ecosystem) &&
      (!f.license || c.declared === f.license || c.detected.includes(f.license) || c.concluded === f.license) &&
      (f.clarity !== "copyleft" || c.declared === "GPL-2.0-only")
    );
  };
  /** The components the last bulk action changed, as they were before it.
   * @type {{ c: ComponentListRow, concluded: string | null, status: ComponentListRow["status"] }[] | null} */
  let lastBulk = null;
  /** The review's own policy text, once saved. @type {{ text: string | null }} */
  const policy = { text: null };
  /** @type {{ name: string | null }} */
  const reviewer = { name: null };
  /** The file viewer's one finding: its false-positive reason, once marked. @type {{ reason: string | null }} */
  const finding3 = { reason: null };
  /** @type {(channel: { id: number }, index: number, message: ScanEvent) => void} */
  const send = (channel, index, message) => callbacks.get(channel.id)?.({ index, message });
  /** @type {MockCommands} */
  const commands = {
    app_info: () => ({
      version: "0.0.0-mock",
      spdx_list_version: "3.29.0",
      licenses: 747,
      license_rules: "License rules: ScanCode LicenseDB, Copyright (c) nexB Inc. and others, CC-BY-4.0 (mock)",
    }),
    who_am_i: () => reviewer.name,
    set_reviewer: ({ name }) => (reviewer.name = name),
    set_product: () => null,
    recent_reviews: () => [
      { path: "/reviews/release-1.0.clearance", name: "release-1.0", opened_at: "2026-11-01T10:00:00Z", exists: true, progress: null },
    ],
    pick_earlier_review: () => "/elsewhere/release-0.9.clearance",
    changes_since: ({ earlier }) => {
      if (earlier === "/elsewhere/release-0.9.clearance") return { added: [], removed: [], changed: [] };
      return {
        added: [{ id: 3, name: "pkg-0002", ecosystem: "npm", old_version: null, new_version: "1.2.0", changes: ["declared <b>MIT</b>"] }],
        removed: [{ id: null, name: "left-pad", ecosystem: "npm", old_version: "1.3.0", new_version: null, changes: ["declared WTFPL"] }],
        changed: [
          {
            id: 5,
            name: "pkg-0004",
            ecosystem: "npm",
            old_version: "1.3.0",
            new_version: "1.4.0",
            changes: ["version 1.3.0 → 1.4.0", "newly detected: GPL-2.0-only"],
          },
        ],
      };
    },
    chosen_folders: () => [],
    scan_sample: async ({ onProgress }) => {
      send(onProgress, 0, { event: "started", total: 3 });
      send(onProgress, 1, { event: "skipped", path: "big.iso", reason: "too-large", detail: "4 GiB" });
      send(onProgress, 2, { event: "progress", done: 3, total: 3, path: "src/main.rs", files_per_second: 1500 });
      await new Promise((r) => setTimeout(r, 50));
      return { path: "/tmp/mock.clearance", name: "mock-release", components: 5000 };
    },
    rescan: async ({ onProgress }) => {
      send(onProgress, 0, { event: "started", total: 1000 });
      send(onProgress, 1, { event: "progress", done: 10, total: 1000, path: "a/b.c", files_per_second: 200 });
      while (!win.__cancelled) await new Promise((r) => setTimeout(r, 20));
      return { path: "/tmp/mock.clearance", name: "mock-release", components: 5000 };
    },
    cancel_scan: () => {
      win.__cancelled = true;
      return null;
    },
    overview: () => ({
      review: "/tmp/mock.clearance",
      roots: ["/src/mock-release"],
      scan: null,
      files: 100000,
      findings: 12000,
      skipped: 1,
      status: {
        distribution: ["binary"],
        approval: { approved: false, reviewer: null, at: null, reason: null, advisories: null },
        blockers: { unconcluded: ["pkg-0001 1.1.0"], open_obligations: [], vulnerabilities: [], second_review: [] },
        components: 5000,
        concluded: 1667,
        carried_over: 0,
        not_shipped: 0,
        obligations: 10,
        obligations_done: 4,
        lapsed: [],
      },
      licenses: [{ license: "MIT", category: "permissive", files: 900, findings: 950 }],
      categories: [
        { category: "strong-copyleft", licenses: 1, files: 10 },
        { category: "permissive", licenses: 4, files: 900 },
      ],
      policy: { errors: 1, warnings: 0, hits: [], vulnerabilities: [] },
      policy_own: false,
      product: "skyline-notes",
      product_version: "2.4.0",
      product_set: false,
      vulnerabilities: null,
    }),
    component_facets: () => ({
      total: 5000,
      ecosystems: ecosystems.map((value) => ({ value, count: 1250 })),
      statuses: [{ value: "pending", count: 3333 }],
      licenses: licenses.map((value) => ({ value, count: components.filter((c) => c.declared === value).length })),
      categories: [{ value: "strong-copyleft", count: 834 }, { value: "permissive", count: 4166 }],
      clarity: [{ value: "copyleft", count: components.filter((c) => c.declared === "GPL-2.0-only").length }],
      assignees: [{ value: "Bo Second <bo@example.com>", count: 1000 }],
    }),
    component_page: ({ query }) => {
      let rows = components.filter((c) => matches(c, query.filter));
      if (query.sort === "open-obligations") rows = [...rows].sort((a, b) => a.open_obligations - b.open_obligations);
      if (query.descending) rows = [...rows].reverse();
      return { total: rows.length, offset: query.offset, rows: rows.slice(query.offset, query.offset + query.limit) };
    },
    bulk: ({ request }) => {
      if (!reviewer.name) throw { code: "no-reviewer", message: "Say who you are before recording decisions: your name and e-mail (\"Who is reviewing?\" at the top of the window)." };
      const { selection: sel, action, dry_run } = request;
      const chosen = components.filter((c) => (sel.ids.length === 0 || sel.ids.includes(c.id)) && matches(c, sel.filter));
      // What the components were, for undo (conclusions and statuses only, as the mock changes them).
      const saved = chosen.map((c) => ({ c, concluded: c.concluded, status: c.status }));
      const outcomes = chosen.map((c) => {
        const out = { component_id: c.id, component: `${c.name} ${c.version}`, changed: true, detail: "" };
        if (action.action === "set-status") {
          if (action.status === "approved" && !c.concluded) return { ...out, changed: false, detail: "not approved: no license concluded" };
          if (!dry_run) c.status = action.status;
          return { ...out, detail: `status ${action.status}` };
        }
        if (action.action === "conclude") {
          const e = action.expression ?? c.declared;
          if (!dry_run) {
            c.concluded = e;
            if (action.status) c.status = action.status;
          }
          return { ...out, detail: `concluded ${e}` };
        }
        if (action.action === "sign-off") {
          const mine = obligations.filter((o) => o.component_id === c.id && o.key === action.obligation && (!action.license || o.license === action.license));
          if (!mine.length) return { ...out, changed: false, detail: `has no ${action.obligation} obligation` };
          if (!dry_run) for (const o of mine) Object.assign(o, { status: action.status, note: action.note, reviewer: reviewer.name });
          return { ...out, detail: `${mine.length} ${action.obligation} obligation(s) ${action.status}` };
        }
        return { ...out, changed: false, detail: `the mock does not mark false positives` };
      });
      const changed = outcomes.filter((o) => o.changed).length;
      const undoable = !dry_run && changed > 0 && action.action !== "false-positive";
      if (!dry_run && changed > 0) lastBulk = undoable ? saved : null;
      return { dry_run, selected: outcomes.length, changed, skipped: outcomes.length - changed, outcomes, undoable };
    },
    undo_bulk: () => {
      if (!lastBulk) throw { code: "bad-input", message: "there is no bulk action to undo" };
      const outcomes = lastBulk.map(({ c, concluded, status }) => {
        Object.assign(c, { concluded, status });
        return { component_id: c.id, component: `${c.name} ${c.version}`, changed: true, detail: "conclusion put back as it was" };
      });
      lastBulk = null;
      return { dry_run: false, selected: outcomes.length, changed: outcomes.length, skipped: 0, outcomes, undoable: false };
    },
    obligations: () => obligations.map((o) => ({ ...o })),
    folder: ({ path }) =>
      path === ""
        ? { path: "", folders: [{ name: "mock-release", path: "mock-release", files: 30, with_license: 12, licenses: ["GPL-2.0-only", "MIT"] }], files: [], file_count: 0 }
        : {
            path,
            folders: [{ name: "vendor", path: `${path}/vendor`, files: 20, with_license: 8, licenses: ["GPL-2.0-only", "<b>MIT</b>"] }],
            files: [{ id: 7, name: "LICENSE", kind: "license", licenses: ["MIT"] }],
            file_count: 1,
          },
    folder_not_shipped: ({ request }) => {
      if (!request.reason.trim()) throw { code: "bad-input", message: "say why the folder is not shipped" };
      return 3;
    },
    folder_false_positive: ({ request }) => {
      if (!request.reason.trim()) throw { code: "bad-input", message: "say why the folder's findings are false positives" };
      return 8;
    },
    policy_text: () => ({ text: policy.text ?? "[categories]\nallow = [\"permissive\"]\n", own: policy.text !== null }),
    set_policy: ({ text }) => {
      if (!text.includes("[")) throw { code: "bad-policy", message: "the policy: policy line 1, column 1: expected a table" };
      policy.text = text;
      return null;
    },
    holders: ({ search }) => {
      const all = [
        {
          holder: "The Skyline Authors",
          statements: 40,
          files: 38,
          components: components.slice(0, 20).map((c) => ({ id: c.id, name: c.name, version: c.version })),
          component_count: 25,
          example: "Copyright (c) 2019-2024 The Skyline Authors",
        },
        { holder: "<b>Evil</b> Corp", statements: 1, files: 1, components: [{ id: 7, name: "pkg-0006", version: "1.6.0" }], component_count: 1, example: "(c) <script>alert(3)</script>" },
      ];
      const words = search.toLowerCase().split(/\s+/).filter(Boolean);
      return all.filter((r) => words.every((w) => `${r.holder} ${r.example}`.toLowerCase().includes(w)));
    },
    sign_off: ({ request: { obligation, status, note } }) => {
      if (!reviewer.name) throw { code: "no-reviewer", message: "Say who you are before recording decisions: your name and e-mail (\"Who is reviewing?\" at the top of the window)." };
      const o = obligations.find((x) => x.id === obligation);
      if (!o) throw { code: "bad-input", message: `no obligation ${obligation}` };
      Object.assign(o, { status, note, reviewer: reviewer.name, decided_at: "2026-12-06T09:00:00Z" });
      return null;
    },
    false_positive: ({ request: { findings, reason, undo } }) => {
      if (findings.includes(3)) finding3.reason = undo ? null : reason;
      return findings.length;
    },
    // No decision library on the mocked machine.
    portfolio: () => null,
    where_used: () => [],
    library_view: () => ({ library: null, taken: 0, plan: { apply: [], suggestions: [], conflicts: [], false_positives: 0 } }),
    file_content: () => ({
      id: 7,
      root: "mock-release",
      path: "src/ui/render.js",
      kind: "source",
      size: 120,
      component_id: 1,
      text: `// SPDX-License-Identifier: MIT\n// <img src=x onerror=alert(1)>\n</pre><script>alert(2)</script>\n${"var minified=1;".repeat(400)}\n`,
      notice: null,
      regions: [{ kind: "license", start_line: 1, end_line: 1, label: "MIT", finding_id: 3, detector: "spdx-tag", score: 1, false_positive: finding3.reason, notes: ["<b>read</b> with LICENSE"], comparable: true }],
    }),
  };
  win.__TAURI_EVENT_PLUGIN_INTERNALS__ = { unregisterListener() {} };
  win.__TAURI_INTERNALS__ = {
    metadata: { currentWindow: { label: "main" }, currentWebview: { windowLabel: "main", label: "main" } },
    /** @param {(message: unknown) => void} cb */
    transformCallback(cb) {
      const id = next++;
      callbacks.set(id, cb);
      return id;
    },
    /** @param {number} id */
    unregisterCallback(id) {
      callbacks.delete(id);
    },
    /** @param {string} cmd @param {Record<string, unknown> | undefined} args */
    async invoke(cmd, args) {
      calls.push({ cmd, args: JSON.parse(JSON.stringify(args ?? {}, (_k, v) => (v?.id && "onmessage" in v ? "[channel]" : v))) });
      if (cmd === "plugin:event|listen") return 1;
      if (cmd === "plugin:event|unlisten") return null;
      const f = /** @type {Record<string, ((args: any) => unknown) | undefined>} */ (commands)[cmd];
      if (!f) throw { code: "internal", message: `the mock has no command ${cmd}` };
      return f(args ?? {});
    },
  };
})();
