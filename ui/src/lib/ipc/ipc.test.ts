import { describe, expect, it } from "vitest";
import { mockIPC } from "@tauri-apps/api/mocks";
import { ipc, IpcError, whileMounted } from "./index";

describe("ipc", () => {
  it("passes arguments under the names the Rust commands expect", async () => {
    let seen: unknown;
    mockIPC((cmd, args) => {
      seen = { cmd, args };
      return { id: "1" };
    });
    await ipc.markPersonLeft("p1", "2026-11-01");
    expect(seen).toEqual({ cmd: "mark_person_left", args: { id: "p1", leftOn: "2026-11-01", reason: null } });
  });

  it("turns a CommandError into an IpcError with code, message and field", async () => {
    mockIPC(() => {
      throw { code: "Validation", message: "Naam is verplicht. Vul het in.", field: "fullName" };
    });
    const error = await ipc.createPerson({ fullName: "", role: "" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcError);
    expect(error).toMatchObject({ code: "Validation", message: "Naam is verplicht. Vul het in.", field: "fullName" });
  });

  it("turns anything else into an Internal IpcError", async () => {
    mockIPC(() => {
      throw "boom";
    });
    const error = await ipc.getAppState().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "Internal", message: "boom" });
  });

  it("unsubscribes a late subscription once, and a failing unlisten stays quiet", async () => {
    const rejected: unknown[] = [];
    const onRejection = (reason: unknown) => rejected.push(reason);
    process.on("unhandledRejection", onRejection);
    let calls = 0;
    let arrive!: (unlisten: () => Promise<void>) => void;
    const stop = whileMounted(new Promise((resolve) => (arrive = resolve)));
    stop(); // the component went before the subscription arrived
    arrive(async () => {
      calls += 1;
      throw new TypeError("unregisterListener is not a function");
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off("unhandledRejection", onRejection);
    expect(calls).toBe(1);
    expect(rejected).toEqual([]);
  });
});
