import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import PlanEditor from "./PlanEditor.svelte";
import type { PlanView } from "../lib/bindings/PlanView";
import type { PlanContent } from "../lib/bindings/PlanContent";
import type { CheckFinding } from "../lib/bindings/CheckFinding";
import { setLanguage } from "../lib/i18n/index.svelte";
import { flushAll } from "../lib/flush";

const content: PlanContent = {
  title: "Op weg naar projectleider",
  initiative: "employer",
  periodStart: "2026-01-05",
  periodEnd: "2027-01-04",
  role: "Projectcoördinator",
  ambition: "",
  focus: "Regie nemen",
  startingSituation: "",
  goals: [
    {
      id: "g1",
      title: "Ik zit elke week het overleg voor",
      term: "short",
      why: "Duidelijke afspraken",
      targetDate: "2026-06-30",
      actions: [],
      measures: [],
      reflection: "",
    },
  ],
  support: [],
  rhythm: { iterationWeeks: 6, checkinEveryWeeks: 6, notes: "" },
  managerName: "Mia",
  reflection: "",
  guide: {
    current: { work: "", environment: "", qualities: "", value: "", character: "" },
    thread: "",
    desired: { work: "", environment: "", qualities: "", value: "", character: "" },
    vision: "",
    differences: "",
  },
  preparation: { performance: "", developments: "", competences: "", notes: "" },
};

function vague(goalId: string): CheckFinding {
  return {
    rule: "vagueGoal",
    criterion: "clarity",
    severity: "warning",
    goalId,
    itemId: null,
    message: "Doel ‘Beter communiceren’ is vaag: er staat niet in hoe je het merkt.",
    hint: "Maak het zichtbaar.",
  };
}

/** A fake backend that flags a goal title with "Beter" the way the real check does, and
 * keeps back a goal title over 300 characters while saving the rest (as the real save does). */
function fakeBackend(status: "draft" | "active" = "draft") {
  const saved: PlanContent[] = [];
  let stored = structuredClone(content);
  const view = (c: PlanContent, unsaved: PlanView["unsaved"] = []): PlanView => ({
    plan: {
      id: "p1",
      personId: "x",
      status,
      carriedFrom: null,
      content: c,
      createdAt: "2026-01-05T09:00:00Z",
      updatedAt: "2026-01-05T09:00:00Z",
      version: 1,
      previousVersion: null,
      versionReason: "",
    },
    personName: "Sanne de Boer",
    signing: { signatures: [], required: ["employee", "manager"], fingerprint: null, sha256: null, consentText: "Ik ga akkoord." },
    findings: c.goals.filter((g) => g.title.startsWith("Beter")).map((g) => vague(g.id)),
    unsaved,
  });
  mockIPC((cmd, args) => {
    if (cmd === "get_plan") return view(structuredClone(content));
    if (cmd === "save_plan_content") {
      const { content: sent, partly } = args as { content: PlanContent; partly?: boolean };
      const c = structuredClone(sent);
      if (!partly && c.goals.some((g) => g.title.length > 300)) throw { code: "Validation", message: "Doel: is te lang.", field: "goalTitle" };
      const unsaved: PlanView["unsaved"] = [];
      c.goals.forEach((g, i) => {
        if (g.title.length > 300) {
          g.title = stored.goals[i]?.title ?? "";
          unsaved.push({ pointer: `/goals/${i}/title`, field: "goalTitle", message: "Doel: is te lang." });
        }
      });
      stored = c;
      saved.push(c);
      return view(c, unsaved);
    }
    throw new Error(`unexpected ${cmd}`);
  });
  return saved;
}

describe("PlanEditor", () => {
  it("saves every other edit while one field is kept back, and marks that field", async () => {
    setLanguage("nl");
    const saved = fakeBackend();
    const user = userEvent.setup();
    const { container } = render(PlanEditor, { planId: "p1", onback: () => {}, onopen: () => {} });
    expect(await screen.findByText(/Geen bevindingen/)).toBeInTheDocument();
    const title = screen.getByLabelText("Doel (als gedrag)");
    await user.clear(title);
    await user.click(title);
    await user.paste("x".repeat(301));
    await waitFor(() => expect(screen.getByTestId("save-error")).toHaveTextContent("is te lang"), { timeout: 3000 });
    expect(screen.getByTestId("save-error")).toHaveTextContent("andere wijzigingen zijn bewaard");
    expect(title).toHaveAttribute("aria-invalid", "true");
    expect(title).toHaveValue("x".repeat(301));
    // The next edit of another field is saved, with the title still kept back.
    const focus = container.querySelector<HTMLTextAreaElement>("[name=focus]")!;
    await user.type(focus, " en overzicht houden");
    await waitFor(() => expect(saved.at(-1)?.focus).toBe("Regie nemen en overzicht houden"), { timeout: 3000 });
    expect(saved.at(-1)?.goals[0]?.title).toBe("Ik zit elke week het overleg voor");
    // Fixing the title saves it and clears the mark.
    await user.clear(title);
    await user.type(title, "Ik leid het overleg");
    await waitFor(() => expect(screen.getByTestId("save-state")).toHaveTextContent("Opgeslagen"), { timeout: 3000 });
    expect(saved.at(-1)?.goals[0]?.title).toBe("Ik leid het overleg");
    expect(title).not.toHaveAttribute("aria-invalid");
    expect(screen.queryByTestId("save-error")).toBeNull();
  });

  it("saves a change by itself and shows the POP-check's finding", async () => {
    setLanguage("nl");
    const saved = fakeBackend();
    const user = userEvent.setup();
    render(PlanEditor, { planId: "p1", onback: () => {}, onopen: () => {} });
    expect(await screen.findByText(/Geen bevindingen/)).toBeInTheDocument();
    const title = screen.getByLabelText("Doel (als gedrag)");
    await user.clear(title);
    await user.type(title, "Beter communiceren");
    await waitFor(() => expect(screen.getByTestId("finding")).toHaveTextContent("vaag"), { timeout: 3000 });
    expect(saved.at(-1)?.goals[0]?.title).toBe("Beter communiceren");
    expect(screen.getByTestId("save-state")).toHaveTextContent("Opgeslagen");
  });

  it("shows an active plan as locked and saves nothing", async () => {
    setLanguage("nl");
    const saved = fakeBackend("active");
    render(PlanEditor, { planId: "p1", onback: () => {}, onopen: () => {} });
    expect(await screen.findByTestId("locked-notice")).toBeInTheDocument();
    const title = screen.getByLabelText("Doel (als gedrag)") as HTMLInputElement;
    expect(title).toBeDisabled();
    // Even when an input event reaches the field (a script, an extension), nothing is saved.
    title.value = "Beter communiceren";
    await fireEvent.input(title);
    await new Promise((r) => setTimeout(r, 1100));
    expect(saved).toHaveLength(0);
  });

  it("writes the change typed just before the editor closes, and before a lock", async () => {
    setLanguage("nl");
    const saved = fakeBackend();
    const user = userEvent.setup();
    const { unmount } = render(PlanEditor, { planId: "p1", onback: () => {}, onopen: () => {} });
    const title = await screen.findByLabelText("Doel (als gedrag)");
    await user.clear(title);
    await user.type(title, "Ik zit het overleg voor");
    // Well within the autosave delay: closing the editor must not drop it.
    unmount();
    await waitFor(() => expect(saved.at(-1)?.goals[0]?.title).toBe("Ik zit het overleg voor"));

    const again = render(PlanEditor, { planId: "p1", onback: () => {}, onopen: () => {} });
    const field = await screen.findByLabelText("Doel (als gedrag)");
    await user.clear(field);
    await user.type(field, "Vlak voor het vergrendelen");
    await flushAll();
    expect(saved.at(-1)?.goals[0]?.title).toBe("Vlak voor het vergrendelen");
    again.unmount();
  });
});
