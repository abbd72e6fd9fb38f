// The app's shared state and navigation: which review is open, who is reviewing, which view
// shows. Views get a `Ctx` and render into the main element.

import type { ReviewOpened } from "./bindings";
import { h, replace } from "./dom";
import { api, describe, errorCode } from "./ipc";

export interface Ctx {
  review: ReviewOpened | null;
  reviewer: string | null;
  /** Go to a route such as "components" or "component/12". */
  go(route: string): void;
  /** Show an error as a sentence (and ask who the reviewer is when that is the problem). */
  fail(err: unknown): void;
  /** Show a short confirmation. */
  say(text: string): void;
  /** The review was opened or replaced (after a scan). */
  opened(review: ReviewOpened): void;
  /** Ask who the reviewer is; resolves with the name or null if dismissed. */
  askReviewer(): Promise<string | null>;
}

export type View = (root: HTMLElement, ctx: Ctx, arg: string | undefined) => Promise<(() => void) | void> | (() => void) | void;

export function parseRoute(hash: string): { name: string; arg?: string } {
  const path = hash.replace(/^#\/?/, "");
  const [name, ...rest] = path.split("/");
  return { name: name || "home", arg: rest.length ? decodeURIComponent(rest.join("/")) : undefined };
}

/** A modal asking for the reviewer's name; returns what was saved, or null. */
export function reviewerDialog(current: string | null, onError: (e: unknown) => void): Promise<string | null> {
  return new Promise((resolve) => {
    const input = h("input", {
      type: "text",
      id: "reviewer-name",
      placeholder: "Jane Doe <jane@example.com>",
      value: current ?? "",
      "aria-label": "Your name and e-mail",
    });
    const error = h("p", { class: "error", role: "alert" });
    const close = (value: string | null) => {
      dialog.remove();
      resolve(value);
    };
    const save = async () => {
      try {
        close(await api.setReviewer(input.value));
      } catch (e) {
        error.textContent = describe(e);
        onError(e);
      }
    };
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") void save();
      if (e.key === "Escape") close(null);
    });
    const dialog = h(
      "div",
      { class: "modal", role: "dialog", "aria-modal": "true", "aria-labelledby": "reviewer-title" },
      h(
        "div",
        { class: "modal-box" },
        h("h2", { id: "reviewer-title" }, "Who is reviewing?"),
        h("p", { class: "muted" }, "Every decision is recorded in the audit log with your name, and the time."),
        input,
        error,
        h(
          "div",
          { class: "actions" },
          h("button", { type: "button", class: "secondary", onclick: () => close(null) }, "Cancel"),
          h("button", { type: "button", id: "reviewer-save", onclick: () => void save() }, "Save"),
        ),
      ),
    );
    document.body.appendChild(dialog);
    input.focus();
  });
}

/** The error banner: a sentence, dismissable; asks for the reviewer when that is what is missing. */
export function showError(banner: HTMLElement, err: unknown, ctx: Ctx): void {
  // (Unless the command itself asked already: see `invoke` in ipc.ts.)
  if (errorCode(err) === "no-reviewer" && !(err as { asked?: boolean }).asked) {
    void ctx.askReviewer();
  }
  replace(
    banner,
    h("span", {}, describe(err)),
    h("button", { type: "button", class: "link", "aria-label": "Dismiss", onclick: () => (banner.hidden = true) }, "×"),
  );
  banner.hidden = false;
}
