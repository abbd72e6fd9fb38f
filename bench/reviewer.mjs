// A reviewer's path through the real app (bench/reviewer.sh sets it up): open the review,
// conclude every component's suggestion in bulk (the clear ones first, then the rest), and sign
// off every obligation group. Counts each action a person would take — a click, a choice in a
// list — and the seconds from opening the review to the last sign-off, WebDriver's own round
// trips (a few ms each) included. The suggestions are taken as right: this measures the app's
// cost, not the reading a reviewer does before deciding.

import { Session } from "../tests/e2e/webdriver.mjs";

const app = process.env.CLEARANCE_E2E_APP;
const driver = process.env.CLEARANCE_E2E_DRIVER;
const review = process.env.BENCH_REVIEW;

let actions = 0;
const log = [];
const s = await Session.start(driver, app);
await s.wait("#recent-reviews", () => true, 30000);
// Who is reviewing is said once on a machine, not per review: set before the clock starts.
await (await s.find("#who-button")).click();
await (await s.wait("#reviewer-name")).type("Bench Reviewer <bench@example.com>");
await (await s.find("#reviewer-save")).click();
await s.wait("#who-button", (t) => t.includes("Bench Reviewer"));

const click = async (css, what) => {
  actions++;
  log.push(what);
  await s.exec(`document.querySelector(arguments[0]).click();`, css);
};
// A choice already made (the app's default, or kept from the last action) is no action.
const choose = async (css, value, what) => {
  const now = await s.exec(`return document.querySelector(arguments[0]).value;`, css);
  if (now === value) return;
  actions++;
  log.push(what);
  await s.exec(
    `const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event("change", { bubbles: true }));`,
    css,
    value,
  );
};
const nav = async (route, what) => {
  actions++;
  log.push(what);
  await s.go(`#/${route}`);
};

const t0 = performance.now();
actions++;
log.push("open the review from the recent list");
await s.exec(`[...document.querySelectorAll("#recent-reviews a")].find(a => a.textContent === arguments[0]).click();`, review);
await s.wait("#stat-components", (t) => t.includes("/"), 60000);
const components = (await (await s.find("#stat-components")).text()).match(/\/\s*([\d,]+)/)?.[1];

// 1. Every clear suggestion (declared = what the files say, allowed by the policy), approved.
await nav("components", "open the components table");
await s.wait("#component-table .vrow[data-id]", () => true, 30000);
await choose("#bulk-scope", "filter", "apply to every row the filter shows");
await choose("#bulk-status", "approved", "status: approved");
await click("#bulk-preview", "preview");
await s.wait("#bulk-result", (t) => t.startsWith("Would change"), 120000);
await click("#bulk-apply", "apply");
const first = await s.wait("#bulk-result", (t) => t.startsWith("Changed"), 300000);
const clear = (await first.text()).split(".")[0];

// 2. The rest: each one's suggestion, taken as right, approved.
await choose("#status-filter", "unconcluded", "filter: no conclusion");
await s.wait("#bulk-count", () => true);
await choose("#bulk-action", "conclude", "action: conclude each one's suggestion");
// The status chosen for the first action (approved) stays chosen.
const kept = await s.exec(`return document.getElementById("bulk-status").value;`);
if (kept !== "approved") throw new Error(`the bulk bar forgot the status: ${kept}`);
await click("#bulk-preview", "preview");
await s.wait("#bulk-result", (t) => t.startsWith("Would change"), 120000);
await click("#bulk-apply", "apply");
const second = await s.wait("#bulk-result", (t) => t.startsWith("Changed"), 300000);
const rest = (await second.text()).split(".")[0];

// 3. Every obligation, group by group (license × obligation), fulfilled.
await nav("obligations", "open the obligations");
await s.wait("#obligation-layout", () => true, 30000);
await choose("#obligation-layout", "groups", "layout: grouped");
let groups = 0;
const counted = () => s.exec(`return document.querySelector(".title-row .muted")?.textContent ?? "";`);
await s.wait("#obligations-table thead", () => true, 30000);
for (;;) {
  const before = await counted();
  const left = await s.exec(`return document.querySelectorAll("#obligations-table tbody tr[data-group]").length;`);
  if (!left) break;
  const id = await s.exec(`return document.querySelector("#obligations-table tbody tr[data-group]").dataset.group;`);
  await click(`#obligations-table tbody tr[data-group] .sign-off`, `sign off group ${id}`);
  groups++;
  // The view draws again without the group once it is signed off: its count changes.
  for (let i = 0; i < 3000; i++) {
    const now = await counted();
    const drawn = await s.exec(`return !!document.querySelector("#obligations-table thead");`);
    if (drawn && now && now !== before) break;
    await new Promise((r) => setTimeout(r, 20));
  }
}
const seconds = (performance.now() - t0) / 1000;

await nav("overview", "(check) the overview");
const stat = await s.wait("#stat-components", (t) => t.includes("/"), 30000);
console.log(`components: ${components}`);
console.log(`bulk 1 (clear suggestions): ${clear}`);
console.log(`bulk 2 (the rest): ${rest}`);
console.log(`obligation groups signed off: ${groups}`);
console.log(`actions (clicks and choices, the last check not counted): ${actions - 1}`);
console.log(`seconds from opening the review to the last sign-off: ${seconds.toFixed(1)}`);
console.log(`overview after: concluded ${await stat.text()}`);
console.log(`actions: ${log.slice(0, -1).join("; ")}`);
await s.end();
