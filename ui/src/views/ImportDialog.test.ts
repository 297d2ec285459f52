import { describe, expect, it } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import ImportDialog from "./ImportDialog.svelte";
import type { ImportReport } from "../lib/bindings/ImportReport";
import { setLanguage } from "../lib/i18n/index.svelte";

type Call = { personId: string | null; newPerson: boolean; take: string | null; dryRun: boolean; pair?: string | null };

/** A backend whose preview has one conflict; the import only goes through with a choice. */
function backend(conflict: boolean, paired = true) {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    if (cmd === "choose_open_path") return "/home/zoe/plan.pop.json";
    if (cmd === "import_plan_file") {
      const a = args as unknown as Call;
      calls.push({ personId: a.personId, newPerson: a.newPerson, take: a.take, dryRun: a.dryRun, ...(a.pair ? { pair: a.pair } : {}) });
      const report: ImportReport = {
        planId: "p1",
        title: "Ploegleider in de winkel",
        person: { kind: "needed", fullName: "Zoë Çelik" },
        changes: ["Versie 1 toevoegen (concept)"],
        conflicts: conflict && a.take === null ? ["Versie 1 is op beide computers bewerkt"] : [],
        upToDate: false,
        applied: !a.dryRun,
        madeBy: {
          name: "PC Bram",
          keyFingerprint: "K-1C45-9A0B-77DE",
          own: false,
          paired,
          role: paired ? "employer" : "",
          pairedOn: paired ? "2026-12-03T10:00:00Z" : null,
          revokedOn: null,
        },
      };
      return report;
    }
    throw new Error(`unexpected ${cmd}`);
  });
  return calls;
}

const people = [{ id: "zoe", fullName: "Zoë Çelik", role: "", managerId: null, managerName: null, status: "active", startDate: null, leftOn: null, email: null, planCount: 0 }];

describe("ImportDialog", () => {
  it("shows what will change before anything is written, then imports for the chosen person", async () => {
    setLanguage("nl");
    const calls = backend(false);
    let imported: string | null = null;
    const user = userEvent.setup();
    render(ImportDialog, {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      people: people as any,
      onimported: (id: string) => (imported = id),
      onclose: () => {},
    });
    await user.click(screen.getByTestId("import-choose"));
    expect(await screen.findByTestId("import-changes")).toHaveTextContent("Versie 1 toevoegen");
    expect(calls).toEqual([{ personId: null, newPerson: false, take: null, dryRun: true }]);
    expect(imported).toBeNull();
    await user.selectOptions(screen.getByTestId("import-person"), "zoe");
    await user.click(screen.getByTestId("import-confirm"));
    await waitFor(() => expect(imported).toBe("p1"));
    expect(calls[1]).toEqual({ personId: "zoe", newPerson: false, take: null, dryRun: false });
  });

  it("asks how to resolve a conflict and passes the choice", async () => {
    setLanguage("nl");
    const calls = backend(true);
    const user = userEvent.setup();
    render(ImportDialog, {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      people: people as any,
      onimported: () => {},
      onclose: () => {},
    });
    await user.click(screen.getByTestId("import-choose"));
    expect(await screen.findByText(/op beide computers bewerkt/)).toBeInTheDocument();
    await user.click(screen.getByLabelText(/Hun versie nemen/));
    await user.click(screen.getByTestId("import-confirm"));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]).toMatchObject({ take: "theirs", newPerson: true, dryRun: false });
  });

  it("names the paired computer, and for an unpaired one asks to compare its code before pairing", async () => {
    setLanguage("nl");
    let calls = backend(false, true);
    const user = userEvent.setup();
    const first = render(ImportDialog, {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      people: people as any,
      fixedPersonId: "zoe",
      onimported: () => {},
      onclose: () => {},
    });
    await user.click(screen.getByTestId("import-choose"));
    expect(await screen.findByTestId("import-from")).toHaveTextContent("Van PC Bram (K-1C45-9A0B-77DE), gekoppeld op 3 december 2026");
    first.unmount();

    calls = backend(false, false);
    let imported: string | null = null;
    render(ImportDialog, {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      people: people as any,
      fixedPersonId: "zoe",
      onimported: (id: string) => (imported = id),
      onclose: () => {},
    });
    await user.click(screen.getByTestId("import-choose"));
    expect(await screen.findByTestId("import-unpaired")).toHaveTextContent("PC Bram is nog niet gekoppeld");
    expect(screen.getByTestId("import-fingerprint")).toHaveTextContent("K-1C45-9A0B-77DE");
    expect(screen.getByTestId("import-confirm")).toBeDisabled();
    await user.click(screen.getByTestId("import-compared"));
    await user.click(screen.getByTestId("import-confirm"));
    await waitFor(() => expect(imported).toBe("p1"));
    expect(calls[1]).toMatchObject({ dryRun: false, pair: "K-1C45-9A0B-77DE" });
  });
});
