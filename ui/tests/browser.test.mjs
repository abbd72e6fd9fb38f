// The built UI (ui/dist) in Debian's Chromium with the Rust side mocked (mock-ipc.js): what
// the webview does with many rows, hostile text and errors, without building the app.
// Run: npm run test:browser (after npm run build).

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { TABLE_HEADERS } from "../../tests/e2e/headers.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const PORT = 4179;
let server;
let browser;
let page;
const dialogs = [];
const pageErrors = [];

before(async () => {
  server = spawn(join(here, "../node_modules/.bin/vite"), ["preview", "--port", String(PORT), "--strictPort"], {
    cwd: join(here, ".."),
    stdio: "ignore",
  });
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://127.0.0.1:${PORT}/`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.addInitScript({ content: readFileSync(join(here, "mock-ipc.js"), "utf8") });
  await page.goto(`http://127.0.0.1:${PORT}/`);
});

after(async () => {
  await browser?.close();
  server?.kill();
});

test("the sample scan reports progress and skips, then opens the overview", async () => {
  await page.click("#try-sample");
  await page.waitForSelector("#stat-components");
  assert.match(await page.textContent("#stat-components"), /1667 \/ 5000/);
  assert.match(await page.textContent("#category-chart"), /Strong copyleft/);
});

test("the overview names the product and saves what the reviewer calls it", async () => {
  assert.equal(await page.inputValue("#product-name"), "skyline-notes");
  assert.match(await page.textContent("#product"), /taken from the scanned folder's manifest/);
  await page.fill("#product-name", "Skyline Notes");
  await page.fill("#product-version", "2.4");
  await page.click("#product button[type=submit]");
  await page.waitForFunction(() => window.__calls.some((c) => c.cmd === "set_product"));
  const call = await page.evaluate(() => window.__calls.find((c) => c.cmd === "set_product").args);
  assert.deepEqual(call.request, { name: "Skyline Notes", version: "2.4" });
});

test("a scan in progress can be cancelled and the page stays responsive", async () => {
  await page.click("#rescan");
  await page.waitForFunction(() => document.querySelector("#scan-counts")?.textContent?.startsWith("10 of 1,000 files"));
  // The page answers while the scan runs.
  assert.equal(await page.evaluate(() => 1 + 1), 2);
  await page.click("#scan-cancel");
  await page.waitForFunction(() => !document.querySelector("#scan-cancel"));
  const cancels = await page.evaluate(() => window.__calls.filter((c) => c.cmd === "cancel_scan").length);
  assert.equal(cancels, 1);
});

test("5,000 components scroll smoothly: only the rows in view exist", async () => {
  await page.click("#nav-components");
  await page.waitForFunction(() => document.querySelector("#component-count")?.textContent === "5,000 components");
  const rendered = await page.locator("#component-table .vrow[data-id]").count();
  assert.ok(rendered > 10 && rendered < 80, `rendered ${rendered} rows`);
  await page.evaluate(() => {
    const t = document.getElementById("component-table");
    t.scrollTop = t.scrollHeight;
  });
  await page.waitForSelector('#component-table .vrow[data-id="5000"]');
  const calls = await page.evaluate(() => window.__calls.filter((c) => c.cmd === "component_page").map((c) => c.args.query));
  assert.ok(calls.every((q) => q.limit <= 200), "pages, never the whole table");
  assert.ok(calls.length < 10, `${calls.length} page requests`);
});

test("search and filters go to the Rust side; keys move, open and set status", async () => {
  await page.fill("#component-search", "pkg-004");
  await page.waitForFunction(() => document.querySelector("#component-count")?.textContent === "10 components");
  await page.selectOption("#ecosystem-filter", "cargo");
  await page.waitForFunction(() => document.querySelector("#component-count")?.textContent === "3 components");
  await page.focus("#component-table");
  await page.keyboard.press("j");
  assert.equal(await page.getAttribute("#component-table .vrow.selected", "data-index"), "1");
  // Setting a status with no reviewer known: the app asks who is reviewing, and once a name is
  // given the decision the key asked for is made (no second key press, no error left behind).
  await page.keyboard.press("a");
  await page.waitForSelector("#reviewer-name");
  await page.fill("#reviewer-name", "Pat Reviewer <pat@example.com>");
  await page.click("#reviewer-save");
  await page.waitForFunction(() => document.querySelector("#who-button")?.textContent?.includes("Pat Reviewer"));
  await page.waitForFunction(() => /Approved/.test(document.querySelector("#toast")?.textContent ?? ""));
  assert.doesNotMatch((await page.textContent("#banner")) ?? "", /Say who you are/);
  await page.focus("#component-table");
  await page.keyboard.press("Enter");
  await page.waitForURL(/#\/component\/\d+$/);
});

test("ticked rows take one bulk decision, previewed first; approving needs a conclusion", async () => {
  await page.goto(`http://127.0.0.1:${PORT}/#/components`);
  await page.waitForSelector("#ecosystem-filter");
  await page.selectOption("#ecosystem-filter", "");
  await page.fill("#component-search", "pkg-004");
  await page.waitForFunction(() => document.querySelector("#component-count")?.textContent === "10 components");
  // pkg-0041 and pkg-0043 have no conclusion: the a key refuses to approve and says why.
  await page.focus("#component-table");
  await page.keyboard.press("Home");
  await page.keyboard.press("j");
  await page.keyboard.press("a");
  await page.waitForFunction(() => document.querySelector("#toast")?.textContent?.includes("no license concluded"));
  assert.equal(await page.textContent('#component-table .vrow[data-index="1"] .status'), "Pending");
  await page.keyboard.press("x");
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await page.waitForFunction(() => document.querySelector("#bulk-count")?.textContent === "2 rows ticked");
  await page.selectOption("#bulk-status", "approved");
  await page.click("#bulk-preview");
  await page.waitForFunction(() => document.querySelector("#bulk-result")?.textContent?.startsWith("Would change 2 of 2 components"));
  assert.equal(await page.textContent('#component-table .vrow[data-index="1"] .status'), "Pending");
  await page.click("#bulk-apply");
  await page.waitForFunction(() => document.querySelector("#bulk-result")?.textContent?.startsWith("Changed 2 of 2 components"));
  await page.waitForFunction(() => document.querySelector('#component-table .vrow[data-index="3"] .status')?.textContent === "Approved");
  assert.equal(await page.textContent('#component-table .vrow[data-index="1"] .concluded'), "GPL-2.0-only");
  const call = (await page.evaluate(() => window.__calls)).filter((c) => c.cmd === "bulk").at(-1);
  assert.deepEqual(call.args.request.selection.ids, [42, 44]);
  // The applied action can be undone at once: both rows are pending again.
  await page.click("#bulk-undo");
  await page.waitForFunction(() => document.querySelector("#bulk-result")?.textContent?.startsWith("Undone 2 of 2 components"));
  await page.waitForFunction(() => document.querySelector('#component-table .vrow[data-index="3"] .status')?.textContent === "Pending");
  assert.equal(await page.$("#bulk-undo"), null, "nothing left to undo");
});

test("shift-click ticks a range of rows, ctrl-click one, and the bulk bar takes them", async () => {
  // A fresh table: no ticks from the tests before.
  await page.goto(`http://127.0.0.1:${PORT}/#/overview`);
  await page.waitForSelector("#stat-components");
  await page.goto(`http://127.0.0.1:${PORT}/#/components`);
  await page.waitForSelector("#component-table .vrow[data-index='8']");
  const ticked = () => page.$$eval("#component-table .vrow[data-id] input.tick:checked", (b) => b.length);
  const before = await ticked();
  assert.equal(before, 0);
  await page.click(`#component-table .vrow[data-index='2'] .vcell:nth-child(4)`);
  await page.click(`#component-table .vrow[data-index='6'] .vcell:nth-child(4)`, { modifiers: ["Shift"] });
  await page.waitForFunction((n) => document.querySelectorAll("#component-table .vrow[data-id] input.tick:checked").length === n, before + 5);
  await page.click(`#component-table .vrow[data-index='4'] .vcell:nth-child(4)`, { modifiers: ["Control"] });
  await page.waitForFunction((n) => document.querySelectorAll("#component-table .vrow[data-id] input.tick:checked").length === n, before + 4);
  assert.equal(await page.$eval("#component-table .vrow[data-index='4'] input.tick", (b) => b.checked), false);
  assert.equal(await page.inputValue("#bulk-scope"), "ticked");
  assert.equal(await page.textContent("#bulk-count"), `${before + 4} rows ticked`);
  // A shift-click does not select the page's text.
  assert.equal(await page.evaluate(() => String(window.getSelection())), "");
  // Untick them again for the tests after.
  for (const i of [2, 3, 5, 6]) await page.click(`#component-table .vrow[data-index='${i}'] input.tick`);
  assert.equal(await ticked(), before);
});

test("a license filter narrows the table, and a bulk decision over the filter takes exactly its rows", async () => {
  await page.goto(`http://127.0.0.1:${PORT}/#/components`);
  await page.waitForSelector("#license-filter option[value='GPL-2.0-only']", { state: "attached" });
  await page.fill("#component-search", "");
  await page.selectOption("#ecosystem-filter", "");
  await page.selectOption("#license-filter", "GPL-2.0-only");
  await page.waitForFunction(() => document.querySelector("#component-count")?.textContent === "833 components");
  // Every row in view declares it (the declared column is the fourth after the tick and name).
  const declared = await page.$$eval("#component-table .vrow:not(.vhead)", (rows) =>
    rows.map((r) => r.querySelectorAll(".vcell")[4]?.textContent),
  );
  assert.ok(declared.length > 5, `${declared.length} rows in view`);
  assert.deepEqual([...new Set(declared)], ["GPL-2.0-only"]);
  await page.selectOption("#bulk-scope", "filter");
  await page.selectOption("#bulk-action", "set-status");
  await page.selectOption("#bulk-status", "needs-info");
  await page.click("#bulk-preview");
  await page.waitForFunction(() => document.querySelector("#bulk-result")?.textContent?.startsWith("Would change 833 of 833 components"));
  const call = (await page.evaluate(() => window.__calls)).filter((c) => c.cmd === "bulk").at(-1);
  assert.equal(call.args.request.selection.filter.license, "GPL-2.0-only");
  assert.equal(call.args.request.dry_run, true);
  await page.selectOption("#license-filter", "");
});

test("from 1920 down to 1024 px no column header of the components table is cut", async () => {
  await page.goto(`http://127.0.0.1:${PORT}/#/components`);
  await page.waitForSelector("#component-table .vhead .vcell");
  for (const [width, height] of [[1920, 1080], [1280, 800], [1200, 800], [1024, 700]]) {
    await page.setViewportSize({ width, height });
    const heads = await page.evaluate(`(() => {${TABLE_HEADERS}})()`);
    const shown = heads.map((h) => h.text.replace(/ [▴▾]$/, ""));
    for (const need of ["Component", "Declared", "Detected", "Concluded", "Status", "Open"]) {
      assert.ok(shown.includes(need), `${need} is shown at ${width} px: ${shown}`);
    }
    assert.deepEqual(heads.filter((h) => h.cut).map((h) => h.text), [], `cut at ${width} px`);
    // The table fits: no column off to the right behind a sideways scroll.
    const overflow = await page.$eval("#component-table", (t) => t.scrollWidth - t.clientWidth);
    assert.ok(overflow <= 1, `the table scrolls sideways by ${overflow} px at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
});

test("a reviewer hides a column and sets widths, and the table keeps them when it opens again", async () => {
  await page.goto(`http://127.0.0.1:${PORT}/#/components`);
  await page.waitForSelector("#component-table .vrow[data-id]");
  const heads = () => page.$$eval("#component-table .vhead [data-sort]", (b) => b.map((x) => x.dataset.sort));
  const cellsInRow = () => page.$eval("#component-table .vrow[data-id]", (r) => r.querySelectorAll(".vcell").length);
  assert.ok((await heads()).includes("status"));
  await page.click("#columns-menu summary");
  await page.click("#columns-menu input[data-column='status']");
  await page.waitForFunction(() => !document.querySelector("#component-table .vhead [data-sort='status']"));
  // Rows lose the cell with the header, so every value stays under its own title.
  assert.equal(await cellsInRow(), (await heads()).length + 1);
  assert.equal(await page.$eval("#columns-menu input[data-column='name']", (i) => i.disabled), true);
  // Widen Detected with the keyboard on its edge: 4 × 16 px.
  const width = () => page.$eval("#component-table .vhead [data-sort='detected']", (b) => b.parentElement.getBoundingClientRect().width);
  const before = await width();
  await page.focus("#component-table .vhead [data-resize='detected']");
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
  const after = await width();
  assert.ok(Math.abs(after - before - 64) <= 1, `Detected ${before} → ${after} px`);
  // Dragging the edge sets it too.
  const edge = await page.$eval("#component-table .vhead [data-resize='declared']", (e) => {
    const r = e.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  const declared = () => page.$eval("#component-table .vhead [data-sort='declared']", (b) => b.parentElement.getBoundingClientRect().width);
  const declaredBefore = await declared();
  await page.mouse.move(edge.x, edge.y);
  await page.mouse.down();
  await page.mouse.move(edge.x + 50, edge.y, { steps: 5 });
  await page.mouse.up();
  const declaredAfter = await declared();
  assert.ok(Math.abs(declaredAfter - declaredBefore - 50) <= 2, `dragged 50 px wider: ${declaredBefore} → ${declaredAfter}`);
  // The drag did not also sort by the column under the pointer.
  assert.equal(await page.$("#component-table .vhead button.sorted[data-sort='detected']"), null);
  // The view is built again from what was stored (the mocked app would forget its review on a reload).
  await page.goto(`http://127.0.0.1:${PORT}/#/overview`);
  await page.waitForSelector("#stat-components");
  assert.ok(await page.evaluate(() => localStorage.getItem("clearance.components.columns")?.includes("status")));
  await page.goto(`http://127.0.0.1:${PORT}/#/components`);
  await page.waitForSelector("#component-table .vrow[data-id]");
  assert.ok(!(await heads()).includes("status"), "Status stays hidden when the table opens again");
  assert.ok(Math.abs((await width()) - after) <= 1, "Detected keeps its width");
  // Back to the usual columns and widths.
  await page.click("#columns-menu summary");
  await page.click("#columns-reset");
  await page.waitForSelector("#component-table .vhead [data-sort='status']");
  assert.ok(Math.abs((await width()) - after) > 1);
});

test("changes since an earlier release: added, removed and changed components, linked, as text", async () => {
  await page.goto(`http://127.0.0.1:${PORT}/#/changes`);
  await page.waitForSelector("#earlier-review option[value='/reviews/release-1.0.clearance']", { state: "attached" });
  await page.selectOption("#earlier-review", "/reviews/release-1.0.clearance");
  await page.waitForFunction(() => document.querySelector("#changes-summary")?.textContent?.includes("1 component added, 1 removed, 1 changed"));
  assert.equal(await page.textContent("#changes-added h2"), "Added (1)");
  assert.equal(await page.textContent("#changes-changed tbody td:nth-child(2)"), "1.3.0 → 1.4.0");
  assert.match(await page.textContent("#changes-changed tbody"), /newly detected: GPL-2\.0-only/);
  // What a scanned file said is text; a removed component has nothing to link to.
  assert.equal(await page.$("#changes b"), null);
  assert.equal(await page.$("#changes-removed a"), null);
  await page.click("#changes-changed tbody a");
  await page.waitForURL(/#\/component\/5$/);
  // The comparison is kept while the reviewer looks at a component.
  await page.goBack();
  await page.waitForFunction(() => document.querySelector("#changes-added h2")?.textContent === "Added (1)");
  // A file chosen with the dialog, with nothing changed, says so.
  await page.click("#pick-earlier");
  await page.waitForFunction(() => document.querySelector("#changes-summary")?.textContent?.includes("no component was added, removed or changed"));
  assert.equal(await page.textContent("#changes-changed p"), "No component that both releases have changed.");
});

test("copyright holders: the most widespread first, their components as links, searched, shown as text", async () => {
  await page.goto(`http://127.0.0.1:${PORT}/#/holders`);
  await page.waitForFunction(() => document.querySelector("#holder-count")?.textContent === "2 holders");
  const first = await page.textContent("#holders-table tbody tr:first-child td:first-child strong");
  assert.equal(first, "The Skyline Authors");
  assert.match(await page.textContent("#holders-table tbody tr:first-child td:last-child"), /pkg-0019 1\.9\.0 and 5 more$/);
  // Markup in a holder or a statement is text, never markup.
  assert.equal(await page.$("#holders-table b, #holders-table script"), null);
  assert.equal(await page.textContent("#holders-table tbody tr:last-child strong"), "<b>Evil</b> Corp");
  await page.fill("#holder-search", "skyline");
  await page.waitForFunction(() => document.querySelector("#holder-count")?.textContent === "1 holder");
  await page.click("#holders-table a >> nth=0");
  await page.waitForURL(/#\/component\/1$/);
});

test("the policy is edited in the app: a broken one is refused with where, a good one saved", async () => {
  await page.goto(`http://127.0.0.1:${PORT}/#/policy`);
  await page.waitForSelector("#policy-editor[open] #policy-text");
  assert.match(await page.inputValue("#policy-text"), /\[categories\]/);
  await page.fill("#policy-text", "not a policy");
  await page.click("#save-policy");
  await page.waitForFunction(() => /line 1, column 1/.test(document.querySelector("#banner")?.textContent ?? ""));
  await page.fill("#policy-text", '[licenses]\ndeny = ["MPL-2.0"]\n');
  await page.click("#save-policy");
  await page.waitForFunction(() => document.querySelector("#toast")?.textContent?.startsWith("Policy saved"));
  const call = (await page.evaluate(() => window.__calls)).filter((c) => c.cmd === "set_policy").at(-1);
  assert.equal(call.args.text, '[licenses]\ndeny = ["MPL-2.0"]\n');
});

test("folders: the tree with licenses per folder, entered by link, a folder's findings marked false positive", async () => {
  await page.goto(`http://127.0.0.1:${PORT}/#/folders`);
  await page.click("#folder-table a");
  await page.waitForURL(/#\/folders\/mock-release$/);
  await page.waitForSelector("#folder-files");
  assert.match(await page.textContent("#folder-table tbody tr"), /vendor\/20.*GPL-2\.0-only, <b>MIT<\/b>/);
  assert.equal(await page.$("#folder-table b"), null, "a license id is text");
  assert.match(await page.textContent("#folder-crumbs"), /Scanned folders \/ mock-release/);
  await page.fill("#folder-reason", "vendored test data");
  await page.click("#folder-fp");
  await page.waitForFunction(() => document.querySelector("#toast")?.textContent?.startsWith("8 findings under mock-release"));
  const call = (await page.evaluate(() => window.__calls)).filter((c) => c.cmd === "folder_false_positive").at(-1);
  assert.deepEqual(call.args.request, { path: "mock-release", reason: "vendored test data" });
  await page.waitForSelector("#folder-reason");
  await page.fill("#folder-reason", "build tooling");
  await page.click("#folder-not-shipped");
  await page.waitForFunction(() => document.querySelector("#toast")?.textContent?.startsWith("3 components under mock-release marked not shipped"));
});

test("signing off an obligation keeps the reviewer's place: filter, scroll and focus on the next one", async () => {
  await page.evaluate(() => (location.hash = "#/obligations"));
  // Grouped by default; one row per obligation when chosen.
  await page.waitForSelector("#obligations-table tr[data-group]");
  await page.selectOption("#obligation-layout", "rows");
  await page.waitForSelector("#obligations-table tr[data-obligation]");
  await page.fill('input[aria-label="Filter obligations"]', "MIT");
  await page.waitForFunction(() => document.querySelectorAll("#obligations-table tr[data-obligation]").length === 300);
  await page.evaluate(() => (document.querySelector("main").scrollTop = 4000));
  const rows = await page.$$eval("#obligations-table tr[data-obligation]", (trs) =>
    trs.map((tr) => ({ id: tr.getAttribute("data-obligation"), top: tr.getBoundingClientRect().top })),
  );
  const row = rows.find((r) => r.top > 200);
  const next = rows[rows.indexOf(row) + 1];
  await page.selectOption(`tr[data-obligation="${row.id}"] .ob-status`, "fulfilled");
  await page.fill(`tr[data-obligation="${row.id}"] .ob-note`, "NOTICE file in the installer");
  await page.click(`tr[data-obligation="${row.id}"] .sign-off`);
  // Signed off under "still to do", the row leaves; everything else stays where it was.
  await page.waitForFunction((id) => !document.querySelector(`tr[data-obligation="${id}"]`), row.id);
  assert.equal(await page.inputValue('input[aria-label="Filter obligations"]'), "MIT");
  assert.equal(await page.locator("#obligations-table tr[data-obligation]").count(), 299);
  const top = await page.evaluate(() => document.querySelector("main").scrollTop);
  assert.ok(top > 3000, `scroll kept: ${top}`);
  const focused = await page.evaluate(() => document.activeElement?.closest("tr")?.getAttribute("data-obligation"));
  assert.equal(focused, next.id, "the next obligation has the focus");
  assert.equal(await page.evaluate(() => document.activeElement?.className), "ob-status");
});

test("obligations grouped by license and obligation are signed off for every component with one note", async () => {
  await page.fill('input[aria-label="Filter obligations"]', "");
  await page.selectOption("#obligation-layout", "groups");
  const group = 'tr[data-group="Apache-2.0 include-license"]';
  await page.waitForSelector(group);
  assert.equal(await page.textContent(`${group} td.num`), "150");
  await page.fill(`${group} .ob-note`, "texts in THIRD-PARTY.txt");
  await page.click(`${group} .sign-off`);
  await page.waitForFunction(() => document.querySelector("#toast")?.textContent?.includes("for 150 components"));
  await page.waitForFunction((sel) => !document.querySelector(sel), group);
  assert.equal(await page.inputValue("#obligation-layout"), "groups", "the layout stays");
  const call = (await page.evaluate(() => window.__calls)).filter((c) => c.cmd === "bulk").at(-1);
  assert.equal(call.args.request.selection.ids.length, 150);
  assert.deepEqual(call.args.request.action, { action: "sign-off", obligation: "include-license", license: "Apache-2.0", status: "fulfilled", note: "texts in THIRD-PARTY.txt" });
});

test("file contents are text: markup in a file never runs or renders", async () => {
  await page.evaluate(() => (location.hash = "#/file/7"));
  await page.waitForSelector("#file-text");
  const text = await page.textContent("#file-text");
  assert.ok(text.includes("<img src=x onerror=alert(1)>"));
  assert.ok(text.includes("</pre><script>alert(2)</script>"));
  assert.equal(await page.locator("#file-text img, #file-text script").count(), 0);
  assert.equal(await page.locator("#file-text .line.lic").count(), 1);
  // Why a finding says what it says is shown beside it, as text too.
  assert.equal(await page.textContent(".region-notes"), "<b>read</b> with LICENSE");
  assert.equal(await page.locator(".region-notes b").count(), 0);
  // A long line (minified code) wraps inside the viewer instead of running off to the right.
  const overflow = await page.evaluate(() => {
    const code = document.querySelector("#file-text");
    return { scroll: code.scrollWidth, client: code.clientWidth, tall: document.querySelector("#L4").getBoundingClientRect().height };
  });
  assert.ok(overflow.scroll <= overflow.client + 1, JSON.stringify(overflow));
  assert.ok(overflow.tall > 40, JSON.stringify(overflow));
  // A finding is marked false positive from here, with its reason (shown as text), and taken back.
  assert.equal(await page.isDisabled(".region .fp-mark"), true, "not without a reason");
  await page.fill(".region .fp-reason", "<i>test data</i>");
  await page.click(".region .fp-mark");
  await page.waitForSelector(".region.fp .fp-undo");
  assert.equal(await page.textContent(".region.fp .tag"), "false positive: <i>test data</i>");
  assert.equal(await page.locator(".region i").count(), 0);
  const call = (await page.evaluate(() => window.__calls)).filter((c) => c.cmd === "false_positive").at(-1);
  assert.deepEqual(call.args, { request: { findings: [3], reason: "<i>test data</i>", undo: false } });
  await page.click(".region .fp-undo");
  await page.waitForSelector(".region.lic .fp-mark");
  assert.deepEqual(dialogs, [], "no alert ran");
});

test("the page raised no errors", () => {
  assert.deepEqual(pageErrors, []);
});
