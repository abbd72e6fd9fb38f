// Release approval: what still blocks it, approve (or override with a reason), reopen, and
// decisions that lapsed because files or components changed.

import type { Ctx } from "../app";
import type { LapsedKind } from "../bindings";
import { h, replace } from "../dom";
import { api } from "../ipc";
import { plural, when } from "../lib/format";

/** What lapsed, in words (every kind the engine records: a new one does not compile until named). */
export const LAPSED_LABELS: Record<LapsedKind, string> = {
  conclusion: "Conclusion",
  obligation: "Sign-off",
  "false-positive": "False positive",
  comment: "Comment",
  "finding-decision": "Decisions on a finding",
  triage: "Vulnerability triage",
};

export async function approvalView(root: HTMLElement, ctx: Ctx): Promise<void> {
  const o = await api.overview();
  const s = o.status;
  const b = s.blockers;
  const blocked = b.unconcluded.length + b.open_obligations.length + b.vulnerabilities.length + b.second_review.length > 0;
  const placeholder = s.approval.approved
    ? "Why reopen (required; kept in the audit log)"
    : blocked
      ? "Why approve despite what is open (required)"
      : "Note (optional)";
  const reason = h("textarea", { id: "approval-reason", rows: 2, placeholder });
  const list = (title: string, items: string[], id: string) =>
    items.length
      ? h("div", { id }, h("h3", {}, `${title} (${items.length})`), h("ul", {}, items.slice(0, 50).map((i) => h("li", {}, i))), items.length > 50 ? h("p", { class: "muted" }, `and ${items.length - 50} more`) : null)
      : null;
  replace(
    root,
    h("h1", {}, "Release approval"),
    s.approval.approved
      ? h(
          "div",
          { class: "notice ok", id: "approval-state" },
          `Approved by ${s.approval.reviewer ?? "?"} on ${when(s.approval.at)}`,
          s.approval.reason ? ` — ${s.approval.reason}` : "",
          s.approval.advisories ? `; known vulnerabilities as of advisory snapshot ${s.approval.advisories.slice(0, 12)}` : "",
          ". The review is frozen: reopen it to change decisions.",
        )
      : h(
          "div",
          { class: blocked ? "notice warn" : "notice ok", id: "approval-state" },
          blocked ? "Not approved. What is still open:" : "Not approved yet. Nothing blocks approval.",
        ),
    s.approval.approved ? null : list("Components without a conclusion", b.unconcluded, "blocker-unconcluded"),
    s.approval.approved ? null : list("Open obligations", b.open_obligations, "blocker-obligations"),
    s.approval.approved ? null : list("Open vulnerabilities the policy denies", b.vulnerabilities, "blocker-vulnerabilities"),
    s.approval.approved ? null : list("Waiting for a second review", b.second_review, "blocker-second-review"),
    s.approval.approved
      ? h(
          "div",
          { class: "card" },
          h("h2", {}, "Reopen"),
          reason,
          h(
            "button",
            {
              type: "button",
              class: "secondary",
              id: "reopen",
              onclick: async () => {
                try {
                  await api.reopen(reason.value);
                  ctx.say("Review reopened");
                  ctx.go("approval");
                } catch (e) {
                  ctx.fail(e);
                }
              },
            },
            "Reopen the review",
          ),
        )
      : h(
          "div",
          { class: "card" },
          h("h2", {}, "Approve"),
          h("p", { class: "muted" }, `Signed with your name: ${ctx.reviewer ?? "(say who you are first)"}.`),
          reason,
          h(
            "button",
            {
              type: "button",
              id: "approve",
              onclick: async () => {
                try {
                  await api.approve(reason.value.trim() || null);
                  ctx.say("Release approved");
                  ctx.go("approval");
                } catch (e) {
                  ctx.fail(e);
                }
              },
            },
            blocked ? "Approve with override" : "Approve the release",
          ),
        ),
    s.lapsed.length
      ? h(
          "div",
          {},
          h("h2", {}, `Lapsed decisions (${plural(s.lapsed.length, "decision")})`),
          h("p", { class: "muted" }, "Decisions that no longer hold because what they were about changed or went away."),
          h(
            "table",
            { class: "grid" },
            h("thead", {}, h("tr", {}, h("th", {}, "What"), h("th", {}, "Decision"), h("th", {}, "Why"), h("th", {}, "When"))),
            h("tbody", {}, s.lapsed.map((l) => h("tr", {}, h("td", {}, `${LAPSED_LABELS[l.kind]}: ${l.target}`), h("td", {}, l.decision), h("td", {}, l.reason), h("td", {}, when(l.lapsed_at))))),
          ),
        )
      : null,
  );
}
