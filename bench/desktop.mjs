// Times the real desktop app through WebDriver (bench/desktop.sh sets it up): cold start to an
// interactive home screen, opening a large review to its overview and components table, and
// a search and a sort answered in the table. Each step is timed from the command that starts
// it to the element that shows it is done, so WebDriver's own round trips (a few ms) are in.

import { Session } from "../tests/e2e/webdriver.mjs";

const app = process.env.CLEARANCE_E2E_APP;
const driver = process.env.CLEARANCE_E2E_DRIVER;
const review = process.env.BENCH_REVIEW;
const runs = Number(process.env.BENCH_RUNS ?? 5);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const timed = async (f) => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};

const results = {};
const add = (k, v) => (results[k] ??= []).push(v);

for (let i = 0; i < runs; i++) {
  let s;
  add("cold start → home interactive (incl. WebDriver session)", await timed(async () => {
    s = await Session.start(driver, app);
    await s.wait("#try-sample", () => true, 30000);
  }));
  add("open review → overview shown", await timed(async () => {
    await s.exec(`[...document.querySelectorAll("#recent-reviews a")].find(a => a.textContent === arguments[0]).click();`, review);
    await s.wait("#stat-components", (t) => t.includes("/"), 30000);
  }));
  add("overview → components table with rows", await timed(async () => {
    await s.go("#/components");
    await s.wait("#component-table .vrow[data-id]", () => true, 30000);
  }));
  add("search typed → table answered", await timed(async () => {
    await (await s.find("#component-search")).type("pkg-09999");
    await s.wait("#component-count", (t) => t === "1 component", 30000);
  }));
  await (await s.find("#component-search")).clear();
  await s.exec(`document.getElementById("component-search").dispatchEvent(new Event("input"));`);
  await s.wait("#component-count", (t) => t.startsWith("10,001"), 30000);
  add("sort by open obligations → table answered", await timed(async () => {
    await s.exec(`document.querySelector('[data-sort="open-obligations"]').click();`);
    for (;;) {
      const sorted = await s.exec(
        `return document.querySelector('[data-sort="open-obligations"]')?.textContent.includes("▾") && document.getElementById("component-table").getAttribute("aria-busy") === "false";`,
      );
      if (sorted) break;
      await new Promise((r) => setTimeout(r, 10));
    }
  }));
  add("scroll to the end → last rows shown", await timed(async () => {
    await s.exec(`const t = document.getElementById("component-table"); t.scrollTop = t.scrollHeight;`);
    try {
      await s.wait('#component-table .vrow[data-index="10000"]', () => true, 5000);
    } catch (e) {
      console.log(await s.exec(`const t = document.getElementById("component-table"); return [t.scrollTop, t.scrollHeight, t.clientHeight, [...t.querySelectorAll(".vrow[data-index]")].map(r => r.dataset.index).join(",")];`));
      throw e;
    }
  }));
  await s.end();
}

console.log(`median of ${runs} runs (ms); the search includes the UI's 150 ms typing pause`);
for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(58)} ${median(v).toFixed(0).padStart(7)}`);
