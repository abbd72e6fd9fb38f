import "./style.css";
import { type Ctx, type View, parseRoute, reviewerDialog, showError } from "./app";
import type { ReviewOpened } from "./bindings";
import { h, replace } from "./dom";
import { api, onReviewerMissing } from "./ipc";
import { restorePlace, takePlace } from "./lib/place";
import { approvalView } from "./views/approval";
import { auditView } from "./views/audit";
import { changesView } from "./views/changes";
import { componentView } from "./views/component";
import { componentsView } from "./views/components";
import { forgetPlace } from "./views/table-place";
import { exportView } from "./views/export";
import { fileView } from "./views/file";
import { foldersView } from "./views/folders";
import { holdersView } from "./views/holders";
import { homeView } from "./views/home";
import { libraryView } from "./views/library";
import { obligationsView } from "./views/obligations";
import { overviewView } from "./views/overview";
import { policyView } from "./views/policy";
import { portfolioView } from "./views/portfolio";
import { supplierView } from "./views/supplier";
import { vulnerabilitiesView } from "./views/vulnerabilities";

const VIEWS: Record<string, { view: View; title: string; needsReview: boolean; nav: boolean }> = {
  home: { view: homeView, title: "Home", needsReview: false, nav: true },
  portfolio: { view: portfolioView, title: "Portfolio", needsReview: false, nav: true },
  overview: { view: overviewView, title: "Overview", needsReview: true, nav: true },
  components: { view: componentsView, title: "Components", needsReview: true, nav: true },
  component: { view: componentView, title: "Component", needsReview: true, nav: false },
  file: { view: fileView, title: "File", needsReview: true, nav: false },
  obligations: { view: obligationsView, title: "Obligations", needsReview: true, nav: true },
  folders: { view: foldersView, title: "Folders", needsReview: true, nav: true },
  holders: { view: holdersView, title: "Copyright holders", needsReview: true, nav: true },
  changes: { view: changesView, title: "Changes", needsReview: true, nav: true },
  vulnerabilities: { view: vulnerabilitiesView, title: "Vulnerabilities", needsReview: true, nav: true },
  supplier: { view: supplierView, title: "Supplier SBOM", needsReview: true, nav: true },
  library: { view: libraryView, title: "Decision library", needsReview: true, nav: true },
  policy: { view: policyView, title: "Policy", needsReview: true, nav: true },
  approval: { view: approvalView, title: "Approval", needsReview: true, nav: true },
  audit: { view: auditView, title: "Audit log", needsReview: true, nav: true },
  export: { view: exportView, title: "Export", needsReview: true, nav: true },
};

const nav = document.getElementById("nav") as HTMLElement;
const main = document.getElementById("view") as HTMLElement;
const banner = document.getElementById("banner") as HTMLElement;
const toast = document.getElementById("toast") as HTMLElement;
const who = document.getElementById("who") as HTMLElement;
const reviewTitle = document.getElementById("review-title") as HTMLElement;

let cleanup: (() => void) | void;
let toastTimer = 0;

const ctx: Ctx = {
  review: null,
  reviewer: null,
  go(route) {
    if (location.hash === `#/${route}`) void render();
    else location.hash = `#/${route}`;
  },
  fail(err) {
    showError(banner, err, ctx);
  },
  say(text) {
    toast.textContent = text;
    toast.hidden = false;
    window.clearTimeout(toastTimer);
    toastTimer = window.setTimeout(() => (toast.hidden = true), 3000);
  },
  opened(review: ReviewOpened) {
    if (ctx.review?.path !== review.path) forgetPlace();
    ctx.review = review;
    drawChrome();
  },
  async askReviewer() {
    const name = await reviewerDialog(ctx.reviewer, () => {});
    if (name) {
      ctx.reviewer = name;
      drawChrome();
      ctx.say(`Reviewing as ${name}`);
    }
    return name;
  },
};

// A decision refused for want of a reviewer's name asks for it and is made again.
onReviewerMissing(async () => (await ctx.askReviewer()) !== null);

function drawChrome(): void {
  const current = parseRoute(location.hash).name;
  replace(
    nav,
    Object.entries(VIEWS)
      .filter(([, v]) => v.nav && (!v.needsReview || ctx.review))
      .map(([name, v]) =>
        h(
          "a",
          {
            href: `#/${name}`,
            id: `nav-${name}`,
            class: name === current || (current === "component" && name === "components") ? "active" : "",
          },
          v.title,
        ),
      ),
  );
  reviewTitle.textContent = ctx.review ? ctx.review.name : "";
  replace(
    who,
    h(
      "button",
      { type: "button", class: "link", id: "who-button", onclick: () => void ctx.askReviewer() },
      ctx.reviewer ? `Reviewing as ${ctx.reviewer}` : "Who is reviewing?",
    ),
  );
}

// The route last drawn: drawing it again (after a decision) keeps the reviewer's place in the
// element that scrolls the views.
let drawn = "";
const scroller = document.querySelector("main") as HTMLElement;

// Renders started: a view that finishes drawing after the reviewer has moved on is cleaned up at
// once (its key listeners would otherwise stay).
let renders = 0;

async function render(): Promise<void> {
  const mine = ++renders;
  const again = drawn === location.hash;
  const place = again ? takePlace(scroller) : null;
  drawn = location.hash;
  const { name, arg } = parseRoute(location.hash);
  const entry = VIEWS[name] ?? VIEWS.home;
  if (entry.needsReview && !ctx.review) {
    location.hash = "#/home";
    return;
  }
  if (typeof cleanup === "function") cleanup();
  cleanup = undefined;
  banner.hidden = true;
  drawChrome();
  const root = h("section", { class: `view view-${name}`, "data-view": name });
  replace(main, root);
  document.title = ctx.review ? `${entry.title} · ${ctx.review.name} · Clearance` : "Clearance";
  try {
    const done = await entry.view(root, ctx, arg);
    if (mine !== renders) {
      if (typeof done === "function") done();
      return;
    }
    cleanup = done;
    if (place) restorePlace(scroller, place);
  } catch (e) {
    ctx.fail(e);
  }
}

window.addEventListener("hashchange", () => void render());

async function start(): Promise<void> {
  try {
    const [info, reviewer] = await Promise.all([api.appInfo(), api.whoAmI()]);
    ctx.reviewer = reviewer;
    const footer = document.getElementById("info") as HTMLElement;
    footer.textContent = `v${info.version} · SPDX list ${info.spdx_list_version} · ${info.licenses} licenses · ScanCode LicenseDB rules (CC-BY-4.0) · offline`;
    // The data's attribution in full.
    footer.title = info.license_rules;
  } catch (e) {
    ctx.fail(e);
  }
  if (!location.hash) location.hash = "#/home";
  await render();
}

void start();
