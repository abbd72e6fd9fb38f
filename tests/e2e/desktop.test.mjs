// End to end: the real Clearance app (debug build, UI embedded), driven through tauri-driver
// and WebKitWebDriver under Xvfb, on a private data folder. run.sh sets the environment:
//   CLEARANCE_E2E_APP     the app binary
//   CLEARANCE_E2E_DRIVER  tauri-driver's URL
//   CLEARANCE_E2E_WORK    a scratch folder (the scripted dialogs answer paths inside it)
//   SCREENSHOTS_DIR       if set, a PNG of each main view is saved there

import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { TABLE_HEADERS } from "./headers.mjs";
import { Session } from "./webdriver.mjs";

const app = process.env.CLEARANCE_E2E_APP;
const driver = process.env.CLEARANCE_E2E_DRIVER;
const work = process.env.CLEARANCE_E2E_WORK;
const shots = process.env.SCREENSHOTS_DIR;
let s;

async function shot(name) {
  if (!shots) return;
  await s.exec(`document.getElementById("toast").hidden = true;`);
  await new Promise((r) => setTimeout(r, 400));
  writeFileSync(join(shots, `${name}.png`), await s.screenshot());
}

async function setSelect(css, value) {
  await s.exec(
    `const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event("change", { bubbles: true }));`,
    css,
    value,
  );
}

before(async () => {
  s = await Session.start(driver, app);
  // The README's screenshots are 1280 x 800 (and 1024 x 700 where a test says so).
  await s.windowRect({ width: 1280, height: 800 });
  await s.wait("#try-sample");
});

after(async () => {
  await s?.end();
});

test("the reviewer says who they are", async () => {
  await (await s.find("#who-button")).click();
  const input = await s.wait("#reviewer-name");
  await input.type("Erin Example <erin@example.com>");
  await (await s.find("#reviewer-save")).click();
  await s.wait("#who-button", (t) => t.includes("Erin Example"));
  await shot("home");
});

test("the sample release is scanned with progress and opens on the overview", async () => {
  await (await s.find("#try-sample")).click();
  const stat = await s.wait("#stat-components", (t) => t.includes("/ 7"), 60000);
  assert.match(await stat.text(), /0 \/ 7/);
  const chart = await s.find("#category-chart");
  assert.match(await chart.text(), /Strong copyleft/);
  // Bars are as long as their counts: the widest is full, the others shorter.
  const widths = await s.exec(`return [...document.querySelectorAll("#category-chart .chart-bar")].map(b => b.getBoundingClientRect().width);`);
  assert.ok(Math.min(...widths) < Math.max(...widths) / 2, `bar widths differ: ${widths}`);
  await shot("overview");
});

test("the components table filters in SQLite and opens a component by keyboard", async () => {
  await s.go("#/components");
  await s.wait("#component-count", (t) => t === "7 components");
  const rows = await s.findAll("#component-table .vrow[data-id]");
  assert.equal(rows.length, 7);
  // Each row sits below the one before (the CSP blocks style attributes; positions go through the CSSOM).
  const tops = await s.exec(`return [...document.querySelectorAll("#component-table .vrow[data-id]")].map(r => r.getBoundingClientRect().top);`);
  for (let i = 1; i < tops.length; i++) assert.ok(tops[i] >= tops[i - 1] + 20, `row ${i} is below row ${i - 1}: ${tops}`);
  await shot("components");
  const search = await s.find("#component-search");
  await search.type("tiny");
  await s.wait("#component-count", (t) => t === "1 component");
  await (await s.find("#component-table")).click();
  await s.exec(`document.getElementById("component-table").focus();`);
  await s.exec(`document.dispatchEvent(new KeyboardEvent("keydown", { key: "Home", bubbles: true }));`);
  await s.exec(`document.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));`);
  await s.wait("#component-name", (t) => t.startsWith("tinyjson"));
});

test("a component is concluded with a validated expression", async () => {
  const expr = await s.find("#expression");
  await expr.clear();
  await expr.type("mit or apache-2.0");
  await s.wait("#expression-verdict", (t) => t.includes("MIT OR Apache-2.0"));
  await setSelect("#component-status", "approved");
  await (await s.find("#conclusion-comment")).type("Dual licensed; we use it under MIT.");
  await (await s.find("#save-conclusion")).click();
  await s.wait("#conclusion", (t) => t.includes("Last decided by Erin Example"));
  const heading = await s.find(".title-row .status");
  assert.equal(await heading.text(), "Approved");
  await shot("component");
});

test("an obligation is signed off with a note", async () => {
  const first = await s.wait("#component-obligations tbody tr");
  const id = await s.exec(`return document.querySelector("#component-obligations tbody tr").dataset.obligation;`);
  await setSelect(`tr[data-obligation="${id}"] .ob-status`, "fulfilled");
  await (await s.find(`tr[data-obligation="${id}"] .ob-note`)).type("Copyright and license text in NOTICE.txt");
  await (await s.find(`tr[data-obligation="${id}"] .sign-off`)).click();
  await s.wait(`tr[data-obligation="${id}"] .status`, (t) => t === "Fulfilled");
  assert.ok(first);
});

test("an obligation group is signed off for every component that has it, with one note", async () => {
  await s.go("#/obligations");
  // Grouped by license and obligation unless the reviewer chose one row per obligation.
  await s.wait("#obligations-table tbody tr[data-group]");
  const key = await s.exec(`return document.querySelector("#obligations-table tbody tr[data-group]").dataset.group;`);
  const row = `#obligations-table tr[data-group="${key}"]`;
  const count = Number(await (await s.find(`${row} td.num`)).text());
  await (await s.find(`${row} .ob-note`)).type("Texts and notices in THIRD-PARTY.txt");
  await (await s.find(`${row} .sign-off`)).click();
  await s.wait("#toast", (t) => t.startsWith("Signed off") && t.includes(`for ${count} component`));
  // Done, it leaves "still to do"; the CLI's view of the same file says who and with what note.
  await s.wait("#obligations-table", () => true);
  for (let i = 0; i < 100 && (await s.exec(`return !!document.querySelector(arguments[0]);`, row)); i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(await s.exec(`return !!document.querySelector(arguments[0]);`, row), false, `${key} is no longer to do`);
  await setSelect("#obligation-filter", "done");
  await s.wait(`#obligations-table tr[data-group="${key}"]`);
});

test("a bulk decision over a license filter is applied, then undone", async () => {
  await s.go("#/components");
  const search = await s.wait("#component-search");
  await search.clear();
  await s.exec(`document.getElementById("component-search").dispatchEvent(new Event("input", { bubbles: true }));`);
  await s.wait("#component-count", (t) => t === "7 components");
  await setSelect("#license-filter", "MPL-2.0");
  await s.wait("#component-count", (t) => t === "1 component");
  await s.wait("#component-table .vrow[data-id]", (t) => t.startsWith("oddlib"));
  await setSelect("#bulk-scope", "filter");
  await setSelect("#bulk-action", "set-status");
  await setSelect("#bulk-status", "needs-info");
  await (await s.find("#bulk-preview")).click();
  await s.wait("#bulk-result", (t) => t.startsWith("Would change 1 of 1 component"));
  await (await s.find("#bulk-apply")).click();
  await s.wait("#bulk-result", (t) => t.startsWith("Changed 1 of 1 component"));
  await s.wait("#component-table .vrow[data-id] .status", (t) => t === "Needs info");
  await (await s.find("#bulk-undo")).click();
  await s.wait("#bulk-result", (t) => t.startsWith("Undone 1 of 1 component"));
  await s.wait("#component-table .vrow[data-id] .status", (t) => t === "Pending");
  await setSelect("#license-filter", "");
  await s.wait("#component-count", (t) => t === "7 components");
});

test("at 1024 x 700 the components table shows every header whole and needs no sideways scroll", async () => {
  const was = await s.windowRect();
  try {
    await s.windowRect({ width: 1024, height: 700 });
    await s.go("#/components");
    await s.wait("#component-table .vhead .vcell");
    await s.wait("#component-count", (t) => t === "7 components");
    const heads = await s.exec(TABLE_HEADERS);
    const cut = heads.filter((h) => h.cut).map((h) => h.text);
    assert.deepEqual(cut, []);
    const sideways = await s.exec(`const t = document.getElementById("component-table"); return t.scrollWidth - t.clientWidth;`);
    assert.ok(sideways <= 1, `the table scrolls sideways by ${sideways} px`);
    const inner = await s.exec(`return window.innerWidth;`);
    assert.ok(inner <= 1024, `the window is 1024 px wide or less: ${inner}`);
    await shot("components-1024");
  } finally {
    await s.windowRect({ width: was.width, height: was.height });
  }
});

test("] and [ walk the table's components from a component's page, Esc goes back to the table", async () => {
  await s.go("#/components");
  await s.wait("#component-count", (t) => t === "7 components");
  const names = await s.exec(`return [...document.querySelectorAll("#component-table .vrow[data-id] .name a")].map((a) => a.textContent);`);
  await s.exec(`document.getElementById("component-table").focus();`);
  const key = (k) => s.exec(`document.dispatchEvent(new KeyboardEvent("keydown", { key: arguments[0], bubbles: true }));`, k);
  await key("Home");
  await key("Enter");
  await s.wait("#component-name", (t) => t.startsWith(names[0]));
  await key("]");
  await s.wait("#component-name", (t) => t.startsWith(names[1]));
  await key("]");
  await s.wait("#component-name", (t) => t.startsWith(names[2]));
  await key("[");
  await s.wait("#component-name", (t) => t.startsWith(names[1]));
  await key("Escape");
  await s.wait("#component-count", (t) => t === "7 components");
  // The table kept its place: the row the reviewer walked to is the selected one.
  const selected = await s.exec(`return document.querySelector("#component-table .vrow.selected .name a")?.textContent;`);
  assert.equal(selected, names[1]);
});

test("the scanned tree is browsed folder by folder, with the licenses below each folder", async () => {
  await s.go("#/folders");
  await s.wait("#folder-table", (t) => t.includes("sample-release/"));
  await (await s.find("#folder-table a")).click();
  const table = await s.wait("#folder-table", (t) => t.includes("src/"));
  await shot("folders");
  assert.match(await table.text(), /GPL-2\.0-or-later/, "the GPL code below src/ shows on its folder");
  assert.ok(await s.exec(`return document.querySelectorAll("#folder-files a[href^='#/file/']").length > 0;`), "files link to the viewer");
});

/** Open the table's first row. Clicked in the page: the table draws its rows again as pages
 * arrive, so an element found a moment before may be gone (a stale reference under load). */
async function clickFirstRow() {
  await s.wait("#component-table .vrow[data-id] a");
  await s.exec(`document.querySelector("#component-table .vrow[data-id] a").click();`);
}

/** Find a component by name in the table, open it, and open one of its files (by path end). */
async function openFile(component, pathEnd) {
  await s.go("#/components");
  const search = await s.wait("#component-search");
  await search.clear();
  await search.type(component);
  await s.wait("#component-table .vrow[data-id]", (t) => t.startsWith(component));
  await s.wait("#component-count", (t) => t === "1 component");
  await clickFirstRow();
  await s.wait("#all-files", (t) => t.includes(pathEnd));
  const href = await s.exec(
    `return [...document.querySelectorAll("#all-files a")].find(a => a.textContent.endsWith(${JSON.stringify(pathEnd)}))?.getAttribute("href");`,
  );
  assert.ok(href, `${pathEnd} is listed`);
  await s.go(href);
}

test("the file viewer shows hostile markup as text", async () => {
  await openFile("skyline-notes", "src/ui/render.js");
  const text = await s.wait("#file-text", (t) => t.includes("onerror"));
  assert.ok((await text.text()).includes("<img src=x onerror=alert(1)>"));
  assert.equal(await s.exec(`return document.querySelectorAll("#file-text img, #file-text script").length;`), 0);
  // The GPL header of the C file is marked and compares against the reference text.
  await s.go("#/components");
  await s.wait("#component-table .vrow[data-id] a");
  await clickFirstRow();
  await s.wait("#component-files");
  const c = await s.exec(
    `return [...document.querySelectorAll('#component-files a')].find(a => a.textContent === "vendor/tinyjson/LICENSE-MIT" || a.textContent === "src/legacy/diff3.c")?.getAttribute("href");`,
  );
  await s.go(c);
  await s.wait("#file-text .line.lic");
  await (await s.find(".region .compare")).click();
  await s.wait("#reference-diff", (t) => t.includes("Against the reference text"));
  await shot("file");
  // From the finding, its license is carried to the component's editor: filled in, not saved.
  const label = await (await s.find(".region code")).text();
  const before = await s.exec(`return document.querySelector(".crumbs a")?.getAttribute("href");`);
  await (await s.find(".region .conclude-from")).click();
  await s.wait("#conclusion-carried", (t) => t.includes("not saved"));
  assert.equal(await s.exec(`return document.querySelector("#expression").value;`), label);
  assert.equal(`#${await s.exec(`return location.hash.slice(1);`)}`, before);
  // A finding marked false positive from the viewer, with a reason; then taken back.
  await s.exec(`history.back();`);
  await (await s.wait(".region .fp-reason")).type("a test fixture, not shipped code");
  await (await s.find(".region .fp-mark")).click();
  await s.wait(".region.fp", (t) => t.includes("false positive: a test fixture, not shipped code"));
  await (await s.find(".region .fp-undo")).click();
  await s.wait(".region.lic .fp-mark");
});

test("a header that points to its package's LICENSE is read with that file, and says so", async () => {
  await openFile("left-pad-lite", "left-pad-lite/index.js");
  // The pointer as found, and its reading with the package's license file, each saying why.
  const regions = await s.wait(".regions", (t) => t.includes("which holds ISC"));
  const text = await regions.text();
  assert.match(text, /the header leaves its license to the file LICENSE/);
  assert.match(text, /left-pad-lite\/LICENSE, which holds ISC/);
  assert.match(text, /resolved-reference/);
  await shot("file-pointer");
});

test("the release is approved with an override reason", async () => {
  await s.go("#/approval");
  await s.wait("#approval-state", (t) => t.includes("What is still open"));
  await shot("approval");
  await (await s.find("#approval-reason")).type("Sample release: remaining items tracked in JIRA-1");
  await (await s.find("#approve")).click();
  await s.wait("#approval-state", (t) => t.includes("Approved by Erin Example"));
});

test("the approved release is published into the decision library and shows in the portfolio", async () => {
  await s.go("#/library");
  await s.wait("#library-summary", (t) => t.includes("no decision library"));
  await (await s.find("#publish-release")).click();
  await s.wait("#library-published", (t) => /Published .+ into the library/.test(t));
  await s.wait("#library-summary", (t) => t.includes("taken from the library"));
  await s.go("#/portfolio");
  const row = await s.wait("#portfolio-table tbody tr", (t) => t.includes("approved"));
  assert.match(await row.text(), /approved/);
  await shot("portfolio");
  // Where-used: a package of the sample release, found in the release just published.
  await (await s.find("#where-used-query")).type("pkg:cargo/tinyjson");
  await (await s.find("#where-used-search")).click();
  await s.wait("#where-used-result", (t) => t.includes("tinyjson"));
});

test("the audit log shows every decision and an intact chain", async () => {
  await s.go("#/audit");
  const chain = await s.wait("#audit-chain");
  assert.match(await chain.text(), /intact/);
  const table = await (await s.find("#audit-table")).text();
  for (const action of ["approve", "sign-off", "conclude", "scan", "undo"]) assert.ok(table.includes(action), `${action} in the audit log`);
  await shot("audit");
  // Searched: the bulk action's undo, and nothing else.
  await (await s.find("#audit-search")).type("undo");
  await s.wait("#audit-count", (t) => /^\d+ of \d+ events$/.test(t));
  const actions = await s.exec(`return [...document.querySelectorAll("#audit-table tbody tr td:nth-child(3)")].map((td) => td.textContent);`);
  assert.ok(actions.length >= 1 && actions.every((a) => a === "undo"), `${actions}`);
});

test("the review is exported to the chosen folder and the files are right", async () => {
  await s.go("#/export");
  await (await s.wait("#choose-export-folder")).click();
  await s.wait("#export-folder", (t) => t.endsWith("export"));
  await (await s.find("#run-export")).click();
  await s.wait("#exported-files");
  await shot("export");
  const spdxPath = join(work, "export", "sample-release.spdx.json");
  assert.ok(existsSync(spdxPath), `${spdxPath} written`);
  const doc = JSON.parse(readFileSync(spdxPath, "utf8"));
  assert.equal(doc.spdxVersion, "SPDX-2.3");
  const tiny = doc.packages.find((p) => p.name === "tinyjson");
  assert.equal(tiny.licenseConcluded, "MIT OR Apache-2.0");
  const notice = readFileSync(join(work, "export", "sample-release-NOTICE.txt"), "utf8");
  assert.match(notice, /tinyjson/);
});

test("a new review starts from chosen folders", async () => {
  await newReview("Release B", "release-b", "release-c");
  await s.wait("#stat-components", (t) => t.includes("/ 1"), 60000);
  // Markup from the scanned manifest is shown as text in the table and the component.
  await s.go("#/components");
  const search = await s.wait("#component-search");
  await search.clear();
  await s.exec(`document.getElementById("component-search").dispatchEvent(new Event("input"));`);
  await s.wait("#component-table", (t) => t.includes("<img src=x onerror=alert(1)>"));
  assert.equal(await s.exec(`return document.querySelectorAll("#component-table img, #component-table script").length;`), 0);
  await clickFirstRow();
  const heading = await s.wait("#component-name", (t) => t.includes("<img"));
  assert.match(await heading.text(), /^<img src=x onerror=alert\(1\)>/);
  assert.ok((await (await s.find(".facts")).text()).includes("<script>alert(2)</script>"));
  assert.equal(await s.exec(`return document.querySelectorAll("main img, main script").length;`), 0);
  await s.go("#/home");
  const recent = await s.wait("#recent-reviews");
  const text = await recent.text();
  assert.ok(text.includes("Release-B") && text.includes("sample-release"), text);
  // Each says how far it is, read from the real review files.
  assert.match(text, /\d+ \/ \d+ concluded|approved \(\d+ components\)/, text);
});

/** Start a new review from Home: choose folders (the scripted dialog offers both releases), keep
 * `keep`, remove `drop` from the list, name it and scan. */
async function newReview(title, keep, drop) {
  await s.go("#/home");
  await (await s.wait("#choose-folders")).click();
  await s.wait("#chosen-folders", (t) => t.includes(keep) && t.includes(drop));
  const label = `Remove ${join(work, drop)}`;
  await s.exec(`[...document.querySelectorAll("#chosen-folders button")].find((b) => b.getAttribute("aria-label") === arguments[0]).click();`, label);
  await s.wait("#chosen-folders", (t) => !t.includes(drop));
  const name = await s.find("#review-name");
  await name.clear();
  await name.type(title);
  await (await s.find("#start-scan")).click();
}

test("a release of vendored crates counts what it ships, not the entries of the crates' own lockfiles", async () => {
  await newReview("Release C", "release-c", "release-b");
  // The release, and the four crates its own Cargo.lock names and vendor/ holds.
  await s.wait("#stat-components", (t) => t.includes("/ 5"), 120000);
  await s.go("#/components");
  await s.wait("#component-count", (t) => t === "5 components");
  const names = await s.exec(`return [...document.querySelectorAll("#component-table .vrow[data-id] .name a")].map((a) => a.textContent);`);
  // The release itself first, then by name.
  assert.deepEqual(names, ["release-c", "aho-corasick", "memchr", "sha2", "walkdir"]);
  // The crates' own lockfiles list their dev-dependencies: evidence, one choice away, marked.
  await setSelect("#status-filter", "excluded");
  const shown = await s.wait("#component-count", (t) => t !== "5 components" && /^\d+ components$/.test(t));
  assert.ok(Number.parseInt(await shown.text(), 10) >= 10, await shown.text());
  const tags = await s.exec(`return [...document.querySelectorAll("#component-table .vrow[data-id]")].map((r) => r.querySelector(".tag:last-of-type")?.textContent);`);
  assert.ok(tags.length > 0 && tags.every((t) => t === "not shipped"), `${tags}`);
  await setSelect("#status-filter", "shipped");
  await s.wait("#component-count", (t) => t === "5 components");
  // The clear suggestions of what the filter shows, accepted and approved in one bulk action,
  // previewed first: the crates' declared licenses are what their files say; the release's own
  // MIT has no text to confirm it, and is left for the reviewer with the reason.
  assert.equal(await s.exec(`return document.getElementById("bulk-scope").value;`), "filter");
  await setSelect("#bulk-action", "conclude-clear");
  await setSelect("#bulk-status", "approved");
  await (await s.find("#bulk-preview")).click();
  await s.wait("#bulk-result", (t) => t.startsWith("Would change 4 of 5 components; 1 skipped."));
  await (await s.find("#bulk-apply")).click();
  const result = await s.wait("#bulk-result", (t) => t.startsWith("Changed 4 of 5 components; 1 skipped."));
  assert.match(await result.text(), /release-c 2\.0\.0: skipped, not concluded: nothing in its files confirms the declared MIT/);
  // (Read from the DOM: WebDriver's visible text leaves out a cell its column cuts with "…".)
  const concluded = () => s.exec(`return [...document.querySelectorAll("#component-table .vrow[data-id] .vcell.concluded")].map((c) => c.textContent);`);
  for (let i = 0; i < 100 && (await concluded()).length < 4; i++) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(await concluded(), ["Unlicense OR MIT", "Unlicense OR MIT", "MIT OR Apache-2.0", "Unlicense OR MIT"]);
});

test("a vendored folder is marked not shipped from the folder tree, with a reason", async () => {
  const enter = async (start) => {
    await s.wait("#folder-table", (t) => t.includes(start));
    await s.exec(`[...document.querySelectorAll("#folder-table a")].find((a) => a.textContent.startsWith(arguments[0])).click();`, start);
  };
  await s.go("#/folders");
  await enter("release-c");
  await enter("vendor");
  await enter("walkdir-");
  await s.wait("#folder-crumbs", (t) => t.includes("walkdir-"));
  await (await s.wait("#folder-reason")).type("only the build script uses it");
  await (await s.find("#folder-not-shipped")).click();
  await s.wait("#toast", (t) => /^1 component under .*walkdir-[\d.]+ marked not shipped/.test(t));
  await s.go("#/overview");
  await s.wait("#stat-components", (t) => t.includes("/ 4"));
  await s.go("#/components");
  await s.wait("#component-count", (t) => t === "4 components");
});

test("the changes since an earlier release are listed, from the recent list or a chosen file", async () => {
  await s.go("#/changes");
  const option = await s.exec(
    `const o = [...document.querySelectorAll("#earlier-review option")].find((o) => o.textContent.startsWith("Release-B")); return o && o.value;`,
  );
  assert.ok(option, "Release B is on the recent list to compare with");
  await setSelect("#earlier-review", option);
  await s.wait("#changes-summary", (t) => t.includes("added"));
  const added = await (await s.find("#changes-added")).text();
  for (const crate of ["aho-corasick", "memchr", "sha2"]) assert.ok(added.includes(crate), `${crate} is new: ${added}`);
  // The hostile manifest of release B is text here too.
  assert.equal(await s.exec(`return document.querySelectorAll("#changes img, #changes script").length;`), 0);
  // The sample release, chosen with the native dialog.
  await (await s.find("#pick-earlier")).click();
  await s.wait("#changes-summary", (t) => t.includes("sample-release"));
  const removed = await (await s.wait("#changes-removed")).text();
  assert.ok(removed.includes("tinyjson"), removed);
  await shot("changes");
  // Added components link to their page in the open review.
  await s.exec(`[...document.querySelectorAll("#changes-added a")].find((a) => a.textContent === "memchr").click();`);
  await s.wait("#component-name", (t) => t.startsWith("memchr"));
});

test("advisories are imported with the native dialog, the release matched, and a vulnerability triaged", async () => {
  await s.go("#/vulnerabilities");
  await s.wait("#vulnerability-snapshot", (t) => t.includes("Not matched yet") && t.includes("import the OSV project's dumps"));
  await s.wait("#vulnerability-count", (t) => t === "0 vulnerabilities shown, 0 open");
  // The real crates.io dump and one test record (memchr, which the release vendors).
  await (await s.find("#import-advisories")).click();
  await s.wait("#vulnerability-snapshot", (t) => t.includes("against 1,207 advisories"), 60000);
  await s.wait("#vulnerability-count", (t) => t.includes("1 open"));
  const row = "#vulnerabilities-table tr[data-vulnerability='CLEARANCE-TEST-0001']";
  assert.match(await (await s.find(row)).text(), /high 7\.5[\s\S]*memchr 2\.8\.3/);
  await s.wait("#severity-chips", (t) => t.toLowerCase().includes("high 1"));
  await s.exec(`document.querySelector(arguments[0] + " .triage-open").click();`, row);
  await setSelect("#vulnerabilities-table .triage-row .triage-state", "not-affected");
  await setSelect("#vulnerabilities-table .triage-row .triage-justification", "code-not-reachable");
  await (await s.find("#vulnerabilities-table .triage-row .triage-note")).type("memchr's affected routine is never called");
  await shot("vulnerabilities");
  await (await s.find("#vulnerabilities-table .triage-row .triage-save")).click();
  await s.wait(`${row} td.triage`, (t) => t.includes("Not affected — The vulnerable code is not reachable"));
  await s.wait("#vulnerability-count", (t) => t.includes("0 open"));
  // The component page shows it with its triage.
  await s.exec(`document.querySelector(arguments[0] + " a").click();`, row);
  await s.wait("#component-vulnerabilities", (t) => t.includes("Known vulnerabilities (0 open)") && t.includes("Not affected"));
  // The overview counts what is open and says how old the advisories are.
  await s.go("#/overview");
  await s.wait("#stat-vulnerabilities", (t) => t.includes("open of 1 known vulnerability") && t.includes("advisories from 2026-11-30"));
});

test("a supplier's SBOM is imported with the native dialog, compared with the scan, and a disagreement decided", async () => {
  await s.go("#/supplier");
  await s.wait("#supplier-summary", (t) => t.includes("No supplier SBOM"));
  await (await s.find("#import-sbom")).click();
  // memchr agrees; sha2's version differs; left-pad is only in the SBOM; what the SBOM leaves out
  // of what ships is only in the scan (an earlier step marked one vendored folder not shipped).
  const summary = await s.wait("#supplier-summary", (t) => /^1 package agrees; \d+ disagreements, \d+ undecided/.test(t), 30000);
  const open = Number((await summary.text()).match(/(\d+) undecided/)[1]);
  assert.ok(open >= 3, await summary.text());
  const table = await (await s.find("#supplier-table")).text();
  for (const expected of ["Only in the SBOM", "left-pad", "Only in the scan", "Version differs", "sha2"]) {
    assert.ok(table.includes(expected), `${expected} in ${table}`);
  }
  const row = "#supplier-table tr[data-kind='version']";
  await (await s.find(`${row} .claim-note`)).type("0.10.0 was the version the supplier tested; we ship the patch release");
  await (await s.find(`${row} .claim-accept`)).click();
  await s.wait(`${row} .claim`, (t) => t.startsWith("accepted: 0.10.0 was the version"));
  await s.wait("#supplier-summary", (t) => t.includes(`${open - 1} undecided`));
  await shot("supplier");
  // Audited.
  await s.go("#/audit");
  await (await s.wait("#audit-search")).type("resolve-claim");
  await s.wait("#audit-count", (t) => t.startsWith("1 of"));
  await s.wait("#audit-table", (t) => t.includes("resolve-claim") && t.includes("cargo/sha2"));
});

test("an earlier review opens with the native dialog, approved and frozen", async () => {
  await s.go("#/home");
  await (await s.wait("#open-review")).click();
  const approval = await s.wait("#stat-approval", (t) => t.includes("Approved"));
  assert.match(await approval.text(), /Erin Example/);
  // Approved reviews are frozen: a decision is refused with a sentence.
  await s.go("#/components");
  await s.wait("#component-table .vrow[data-id]");
  await s.exec(`document.getElementById("component-table").focus();`);
  await s.exec(`document.dispatchEvent(new KeyboardEvent("keydown", { key: "r", bubbles: true }));`);
  const banner = await s.wait("#banner", (t) => t.length > 0);
  assert.match(await banner.text(), /approved|frozen|reopen/i);
});

test("a review damaged in the middle is refused on open with a sentence saying what to do", async () => {
  const listFile = join(work, "data", "recent.json");
  const list = JSON.parse(readFileSync(listFile, "utf8"));
  const source = list.find((r) => r.name === "Release-C");
  assert.ok(source, `Release C is on the recent list: ${JSON.stringify(list)}`);
  const damaged = join(work, "data", "reviews", "damaged.clearance");
  const bytes = readFileSync(source.path);
  // A page of garbage in the middle of the file, as a bad disk or a broken copy leaves it.
  const page = 4096;
  const at = Math.floor(bytes.length / page / 2) * page;
  bytes.fill(0xa5, at, at + page);
  writeFileSync(damaged, bytes);
  list.unshift({ path: damaged, name: "damaged", opened_at: "2026-12-06T10:00:00Z" });
  writeFileSync(listFile, JSON.stringify(list));
  await s.go("#/home");
  await s.wait("#recent-reviews", (t) => t.includes("damaged"));
  await s.exec(`[...document.querySelectorAll("#recent-reviews a")].find((a) => a.textContent === "damaged").click();`);
  const banner = await s.wait("#banner", (t) => t.length > 0);
  const said = await banner.text();
  assert.match(said, /damaged/i, said);
  assert.doesNotMatch(said, /disk image is malformed$/, said);
  // The review that was open stays open.
  assert.notEqual(await (await s.find("#review-title")).text(), "damaged");
});
