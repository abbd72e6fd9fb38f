// Policy: every license in use against the policy (the default policy until one is chosen),
// errors first.

import type { Ctx } from "../app";
import type { PolicyHit, Severity } from "../bindings";
import { h, replace } from "../dom";
import { api, call } from "../ipc";
import { plural } from "../lib/format";

function where(p: PolicyHit): HTMLElement[] {
  const shown = p.files.slice(0, 3).map((f) => h("div", {}, h("code", {}, f)));
  if (p.file_count > shown.length) shown.push(h("div", { class: "muted" }, `… and ${plural(p.file_count - shown.length, "more file")}`));
  return shown;
}

/** The review's policy as text, checked and saved by the Rust side (an error names the line). */
async function policyEditor(ctx: Ctx): Promise<HTMLElement> {
  const current = await call("policy_text", {});
  const text = h("textarea", { id: "policy-text", rows: 18, spellcheck: "false", "aria-label": "Policy (TOML)" }, current.text);
  const save = h(
    "button",
    {
      type: "button",
      id: "save-policy",
      onclick: async () => {
        try {
          await call("set_policy", { text: text.value });
          ctx.say("Policy saved; every license is judged again.");
          ctx.go("policy");
        } catch (e) {
          ctx.fail(e);
        }
      },
    },
    "Save policy",
  );
  return h(
    "details",
    { class: "card", id: "policy-editor", open: !current.own },
    h("summary", {}, current.own ? "Edit the review's policy" : "Write the review's own policy (this is the default, not saved yet)"),
    h("p", { class: "muted small" }, "Licenses by SPDX id win over categories; anything not mentioned is to review. Saving checks the text first and records the change in the audit log."),
    text,
    h("div", { class: "toolbar" }, save),
  );
}

export async function policyView(root: HTMLElement, ctx: Ctx): Promise<void> {
  const o = await api.overview();
  const editor = await policyEditor(ctx);
  const order: Record<Severity, number> = { error: 0, warning: 1, ok: 2 };
  const present = o.policy.hits.filter((p) => p.superseded_by !== null && p.verdict !== "allow");
  const hits = o.policy.hits.filter((p) => p.superseded_by === null).sort((a, b) => order[a.severity] - order[b.severity] || a.license.localeCompare(b.license));
  replace(
    root,
    h("h1", {}, "Policy"),
    h(
      "p",
      { class: o.policy.errors ? "notice bad" : "notice ok", id: "policy-summary" },
      o.policy.errors
        ? `${plural(o.policy.errors, "license use")} the policy forbids, and ${plural(o.policy.warnings, "warning")}.`
        : `Nothing the policy forbids. ${plural(o.policy.warnings, "warning")}.`,
    ),
    h(
      "p",
      { class: "muted" },
      o.policy_own
        ? "Judged against the review's own policy (edit it below, or with `clearance review policy FILE`)."
        : "Judged against the default policy: permissive licenses allowed; weak and strong copyleft and unknown texts to review; network copyleft and source-available denied.",
    ),
    editor,
    hits.length
      ? h(
          "table",
          { class: "grid", id: "policy-table" },
          h("thead", {}, h("tr", {}, h("th", {}, "Severity"), h("th", {}, "License"), h("th", {}, "Verdict"), h("th", {}, "Component"), h("th", {}, "Why"), h("th", {}, "Where"))),
          h(
            "tbody",
            {},
            hits.map((p) =>
              h(
                "tr",
                { class: `sev-${p.severity}` },
                h("td", {}, h("span", { class: `status sev sev-${p.severity}` }, p.severity)),
                h("td", {}, h("code", {}, p.license)),
                h("td", {}, p.verdict, h("div", { class: "muted small" }, p.source)),
                h("td", {}, p.component),
                h("td", {}, p.reason),
                h("td", { class: "small" }, where(p)),
              ),
            ),
          ),
        )
      : h("p", { class: "muted" }, "No licenses in use."),
    present.length
      ? h(
          "section",
          { id: "policy-present" },
          h("h2", {}, "Present, not concluded"),
          h("p", { class: "muted" }, "Detected in components whose approved conclusion supersedes them: shown, not blocking."),
          h(
            "table",
            { class: "grid" },
            h("thead", {}, h("tr", {}, h("th", {}, "Detected"), h("th", {}, "Verdict alone"), h("th", {}, "Component"), h("th", {}, "Concluded"), h("th", {}, "Where"))),
            h(
              "tbody",
              {},
              present.map((p) =>
                h(
                  "tr",
                  {},
                  h("td", {}, h("code", {}, p.license)),
                  h("td", {}, p.verdict),
                  h("td", {}, p.component),
                  h("td", {}, h("code", {}, p.superseded_by ?? "")),
                  h("td", { class: "small" }, where(p)),
                ),
              ),
            ),
          ),
        )
      : "",
  );
}
