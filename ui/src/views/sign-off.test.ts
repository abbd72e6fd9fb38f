// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import type { Ctx } from "../app";
import type { ObligationRow } from "../bindings";

const signOff = vi.fn(async (..._a: unknown[]) => null);
vi.mock("../ipc", () => ({ api: { signOff: (...a: unknown[]) => signOff(...a) } }));
const { signOffRow } = await import("./sign-off");

const row: ObligationRow = {
  id: 41,
  component_id: 3,
  component: "tinyjson",
  license: "Apache-2.0",
  key: "propagate-notice",
  kind: "propagate-notice",
  scope: "whole-work",
  summary: "Ship the <b>NOTICE</b> file",
  derivation: null,
  status: "open",
  note: null,
  reviewer: null,
  decided_at: null,
  carried_from: "release-1.0",
};

describe("an obligation's row", () => {
  it("shows what it asks as text and signs off with the chosen status and the note, trimmed", async () => {
    const ctx = { say: vi.fn(), fail: vi.fn() } as unknown as Ctx;
    const after = vi.fn();
    const tr = signOffRow(row, ctx, after, true);
    expect(tr.dataset.obligation).toBe("41");
    expect(tr.querySelector("a")?.getAttribute("href")).toBe("#/component/3");
    expect(tr.querySelector("b")).toBeNull();
    expect(tr.textContent).toContain("Ship the <b>NOTICE</b> file");
    expect(tr.textContent).toContain("carried over");
    const status = tr.querySelector<HTMLSelectElement>(".ob-status");
    const note = tr.querySelector<HTMLInputElement>(".ob-note");
    if (!status || !note) throw new Error("no controls");
    expect(status.value).toBe("open");
    status.value = "not-applicable";
    note.value = "  SaaS only  ";
    tr.querySelector<HTMLButtonElement>(".sign-off")?.click();
    await vi.waitFor(() => expect(after).toHaveBeenCalled());
    expect(signOff).toHaveBeenCalledWith(41, "not-applicable", "SaaS only");
  });

  it("says a refused sign-off instead of redrawing", async () => {
    signOff.mockRejectedValueOnce({ code: "frozen", message: "approved" });
    const ctx = { say: vi.fn(), fail: vi.fn() } as unknown as Ctx;
    const after = vi.fn();
    signOffRow(row, ctx, after).querySelector<HTMLButtonElement>(".sign-off")?.click();
    await vi.waitFor(() => expect(ctx.fail).toHaveBeenCalledWith({ code: "frozen", message: "approved" }));
    expect(after).not.toHaveBeenCalled();
  });
});
