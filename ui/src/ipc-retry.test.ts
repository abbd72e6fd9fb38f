import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke: (...a: unknown[]) => invoke(...a), Channel: class {} }));

const { api, onReviewerMissing } = await import("./ipc");

const refused = { code: "no-reviewer", message: "say who you are first" };

describe("a decision refused for want of a reviewer", () => {
  beforeEach(() => invoke.mockReset());

  it("is made again once the reviewer gives a name", async () => {
    const ask = vi.fn(async () => true);
    onReviewerMissing(ask);
    invoke.mockRejectedValueOnce(refused).mockResolvedValueOnce(["x.clearance"]);
    await expect(api.chosenFolders()).resolves.toEqual(["x.clearance"]);
    expect(ask).toHaveBeenCalledOnce();
    expect(invoke).toHaveBeenCalledTimes(2);
    expect(invoke.mock.calls[1]).toEqual(invoke.mock.calls[0]);
  });

  it("is not made when the reviewer declines, and says it asked already", async () => {
    onReviewerMissing(async () => false);
    invoke.mockRejectedValueOnce(refused);
    await expect(api.chosenFolders()).rejects.toEqual({ ...refused, asked: true });
    expect(invoke).toHaveBeenCalledOnce();
  });

  it("leaves other errors, and the name's own command, alone", async () => {
    const ask = vi.fn(async () => true);
    onReviewerMissing(ask);
    invoke.mockRejectedValueOnce({ code: "frozen", message: "approved" });
    await expect(api.chosenFolders()).rejects.toEqual({ code: "frozen", message: "approved" });
    invoke.mockRejectedValueOnce(refused);
    await expect(api.setReviewer("")).rejects.toEqual(refused);
    expect(ask).not.toHaveBeenCalled();
  });
});
