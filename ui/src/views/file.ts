// The file viewer: the file's text with license regions and copyright lines marked, and a
// license finding beside its reference text with the differences marked; a finding can be
// marked false positive, or carried to the component's conclusion, from here. Text is always text:
// each line is a text node, whatever it contains.

import type { Ctx } from "../app";
import type { FileContent, ReferenceDiff, Region } from "../bindings";
import { h, replace } from "../dom";
import { api } from "../ipc";
import { bytes, percent } from "../lib/format";
import { lineMarks, splitLines } from "../lib/highlight";
import { regionActions } from "./region-actions";

/** More lines than this are not drawn at once; the rest come on request. */
export const LINES_PER_CHUNK = 5000;

export function codeView(text: string, regions: Region[]): HTMLElement {
  const lines = splitLines(text);
  const marks = lineMarks(lines.length, regions);
  const code = h("div", { class: "code", id: "file-text", role: "document" });
  let drawn = 0;
  const more = h("button", { type: "button", class: "secondary", id: "more-lines" });
  const drawChunk = () => {
    const frag = document.createDocumentFragment();
    const end = Math.min(lines.length, drawn + LINES_PER_CHUNK);
    for (let i = drawn; i < end; i++) {
      const m = marks[i];
      const cls = ["line", m.license && "lic", m.copyright && "copy", m.falsePositive && "fp"].filter(Boolean).join(" ");
      frag.appendChild(
        h(
          "div",
          { class: cls, id: `L${i + 1}` },
          h("span", { class: "ln" }, i + 1),
          h("span", { class: "tx" }, lines[i]),
          m.starts.length ? h("span", { class: "gut" }, m.starts.map((r) => r.label).join(" · ")) : null,
        ),
      );
    }
    code.insertBefore(frag, more.parentNode ? more : null);
    drawn = end;
    if (drawn < lines.length) {
      more.textContent = `Show ${Math.min(LINES_PER_CHUNK, lines.length - drawn)} more lines (${lines.length - drawn} left)`;
      if (!more.parentNode) code.appendChild(more);
    } else more.remove();
  };
  more.addEventListener("click", drawChunk);
  drawChunk();
  return code;
}

/** What a finding's score measures, shown on hover beside it. */
export const SCORE_MEANS =
  "How sure the detector is of this finding: for a rule, the share of the rule's words found here times how reliable the rule is; " +
  "for a whole text, its similarity to the license's text. Not the words in common with the license's full text (Compare).";

/** "confidence 0.93" */
export function scoreLabel(score: number): string {
  return `confidence ${score.toFixed(2)}`;
}

/** Why a notice's comparison shows few words in common, when it does. */
export function fewWordsInCommon(similarity: number): string {
  return similarity < 0.5
    ? "A notice or a reference shares few words with a whole license text; the finding's confidence measures its own rule. "
    : "";
}

export function diffView(d: ReferenceDiff): HTMLElement {
  return h(
    "div",
    { class: "diff", id: "reference-diff" },
    h(
      "p",
      { class: "muted" },
      d.license ? `Against the reference text of ${d.license}` : "",
      d.parts.length && d.similarity ? ` — ${percent(d.similarity * 100, 100)} of words in common. ${fewWordsInCommon(d.similarity)}` : " ",
      h("span", { class: "d-file" }, "only in the file"),
      " ",
      h("span", { class: "d-ref" }, "only in the reference"),
    ),
    d.notice ? h("p", { class: "notice" }, d.notice) : null,
    h(
      "div",
      { class: "diff-text" },
      d.parts.map((p) => h("span", { class: p.side === "same" ? "d-same" : p.side === "file" ? "d-file" : "d-ref" }, p.text, " ")),
    ),
  );
}

export async function fileView(root: HTMLElement, ctx: Ctx, arg: string | undefined): Promise<void> {
  const f: FileContent = await api.fileContent(Number(arg));
  const side = h("div", { class: "side", id: "file-side" });
  const licenses = f.regions.filter((r) => r.kind === "license");
  const copyrights = f.regions.filter((r) => r.kind === "copyright");
  const goTo = (line: number) => document.getElementById(`L${line}`)?.scrollIntoView({ block: "center" });
  const compareButton = (finding: number) =>
    h(
      "button",
      {
        type: "button",
        class: "small secondary compare",
        onclick: async () => {
          try {
            replace(side, diffView(await api.referenceDiff(finding)));
            side.parentElement?.classList.add("with-side");
          } catch (e) {
            ctx.fail(e);
          }
        },
      },
      "Compare with reference",
    );

  replace(
    root,
    h(
      "p",
      { class: "crumbs" },
      f.component_id !== null ? h("a", { href: `#/component/${f.component_id}` }, "Component") : "File",
      " / ",
      h("code", {}, `${f.root}/${f.path}`),
    ),
    h("div", { class: "title-row" }, h("h1", { id: "file-name" }, f.path.split("/").pop() ?? f.path), h("span", { class: "tag" }, f.kind), h("span", { class: "muted" }, bytes(Number(f.size)))),
    f.notice ? h("p", { class: "notice", id: "file-notice" }, f.notice) : null,
    h(
      "div",
      { class: "regions" },
      licenses.map((r) =>
        h(
          "div",
          { class: `region ${r.false_positive ? "fp" : "lic"}` },
          h("button", { type: "button", class: "link", onclick: () => goTo(r.start_line) }, `lines ${r.start_line}–${r.end_line}`),
          " ",
          h("code", {}, r.label),
          ` ${r.detector ?? ""} `,
          r.score !== null ? h("span", { class: "score", title: SCORE_MEANS }, scoreLabel(r.score)) : null,
          r.false_positive ? h("span", { class: "tag" }, `false positive: ${r.false_positive}`) : null,
          r.notes.length ? h("div", { class: "muted region-notes" }, r.notes.join("; ")) : null,
          r.finding_id !== null && r.comparable
            ? compareButton(r.finding_id)
            : null,
          regionActions(r, f, ctx),
        ),
      ),
      copyrights.length
        ? h(
            "div",
            { class: "region copy" },
            h("strong", {}, "Copyright: "),
            copyrights.map((r) => h("button", { type: "button", class: "link", onclick: () => goTo(r.start_line) }, r.label)),
          )
        : null,
    ),
    h("div", { class: "file-split" }, f.text !== null ? codeView(f.text, f.regions) : h("p", { class: "muted" }, "No text to show."), side),
  );
}
