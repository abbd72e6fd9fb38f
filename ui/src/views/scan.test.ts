// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";

vi.mock("../ipc", () => ({ api: { cancelScan: vi.fn() } }));

import type { Ctx } from "../app";
import type { ReviewOpened, ScanEvent } from "../bindings";
import { runScan, showRunningScan } from "./scan";

describe("a running scan", () => {
  it("can be shown again on another page, with its Cancel, until it ends", async () => {
    const ctx = { opened: vi.fn(), fail: vi.fn() } as unknown as Ctx;
    const first = document.createElement("div");
    let finish: (r: ReviewOpened) => void = () => {};
    let send: (e: ScanEvent) => void = () => {};
    const scan = runScan(first, ctx, (onEvent) => {
      send = onEvent;
      return new Promise((resolve) => (finish = resolve));
    });
    send({ event: "started", total: 10 } as ScanEvent);
    // The reviewer leaves Home and comes back: a new page shows the same progress and Cancel.
    const again = document.createElement("div");
    again.hidden = true;
    const done = vi.fn();
    expect(showRunningScan(again, done)).toBe(true);
    expect(again.hidden).toBe(false);
    expect(again.querySelector("#scan-cancel")).not.toBeNull();
    expect(again.querySelector("#scan-counts")?.textContent).toBe("0 of 10 files");
    finish({ path: "/r.clearance", name: "r", components: 3 });
    await scan;
    expect(done).toHaveBeenCalledOnce();
    expect(ctx.opened).toHaveBeenCalledOnce();
    // Over: nothing to show any more.
    expect(showRunningScan(document.createElement("div"), vi.fn())).toBe(false);
  });
});
