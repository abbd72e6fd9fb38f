// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import type { Ctx } from "../app";

const exportReview = vi.fn(async (formats: string[]) => formats.map((f) => `/out/release.${f}`));
let folder: string | null = null;
vi.mock("../ipc", () => ({
  api: {
    exportFormats: async () => [
      { key: "spdx-json", file: "review.spdx.json", title: "SPDX 2.3 JSON" },
      { key: "notice-txt", file: "review-NOTICE.txt", title: "NOTICE text" },
      { key: "cyclonedx-json", file: "review.cdx.json", title: "CycloneDX 1.7 SBOM (JSON)" },
    ],
    pickExportFolder: async () => folder,
    exportReview: (f: string[]) => exportReview(f),
  },
}));
const { exportView } = await import("./export");

describe("the export view", () => {
  it("exports the chosen formats into the chosen folder, and lists the files written", async () => {
    const root = document.createElement("div");
    const ctx = { review: { name: "release-2", path: "/r.clearance", components: 3 }, fail: vi.fn() } as unknown as Ctx;
    await exportView(root, ctx);
    const run = root.querySelector<HTMLButtonElement>("#run-export");
    // File names are the review's; nothing is written before a folder is chosen.
    expect(root.querySelector("#export-formats")?.textContent).toContain("release-2.spdx.json");
    expect(run?.disabled).toBe(true);
    folder = null;
    root.querySelector<HTMLButtonElement>("#choose-export-folder")?.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(run?.disabled).toBe(true);
    folder = "/out";
    root.querySelector<HTMLButtonElement>("#choose-export-folder")?.click();
    await vi.waitFor(() => expect(root.querySelector("#export-folder")?.textContent).toBe("/out"));
    expect(run?.disabled).toBe(false);
    const cdx = root.querySelector<HTMLInputElement>("input[value='cyclonedx-json']");
    if (!cdx) throw new Error("no box");
    cdx.checked = true;
    cdx.dispatchEvent(new Event("change"));
    run?.click();
    await vi.waitFor(() => expect(root.querySelectorAll("#exported-files li").length).toBe(3));
    expect(exportReview).toHaveBeenCalledWith(["spdx-json", "notice-txt", "cyclonedx-json"]);
    expect(root.querySelector("#export-result p")?.textContent).toBe("Wrote 3 files:");
  });
});
