import { describe, expect, it } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import People from "./People.svelte";
import type { PersonSummary } from "../lib/bindings/PersonSummary";
import type { PersonInput } from "../lib/bindings/PersonInput";
import type { CommandError } from "../lib/bindings/CommandError";
import { setLanguage } from "../lib/i18n/index.svelte";

function person(id: string, fullName: string, extra: Partial<PersonSummary> = {}): PersonSummary {
  return {
    id,
    fullName,
    role: "",
    managerId: null,
    managerName: null,
    startDate: null,
    email: null,
    status: "active",
    leftOn: null,
    createdAt: "2026-11-24T09:00:00Z",
    updatedAt: "2026-11-24T09:00:00Z",
    ...extra,
  };
}

/** A fake backend holding a team in memory, refusing an empty name like the real one. */
function fakeBackend(team: PersonSummary[]) {
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === "list_people") return team;
    if (cmd === "create_person") {
      const input = (args as { input: PersonInput }).input;
      if (!input.fullName.trim()) {
        const error: CommandError = {
          code: "Validation",
          message: "Naam is verplicht. Vul het in.",
          field: "fullName",
        };
        throw error;
      }
      const created = person(`id-${team.length + 1}`, input.fullName.trim(), { role: input.role });
      team.push(created);
      return created;
    }
    throw new Error(`unexpected command ${cmd}`);
  });
  return calls;
}

describe("People", () => {
  it("teaches what to do when the team is empty", async () => {
    setLanguage("nl");
    fakeBackend([]);
    render(People, { organisation: "Bakkerij De Korenaar" });
    expect(await screen.findByText("Nog niemand in je team")).toBeInTheDocument();
    expect(screen.getByText("De medewerkers van Bakkerij De Korenaar")).toBeInTheDocument();
  });

  it("lists people with their manager and status in words", async () => {
    setLanguage("en");
    fakeBackend([
      person("1", "Bram de Wit", { role: "Baker", managerId: "2", managerName: "Zoë Çelik" }),
      person("2", "Zoë Çelik", { status: "left", leftOn: "2026-10-01" }),
    ]);
    render(People, { organisation: "" });
    const rows = await screen.findAllByTestId("person-row");
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText("Manager: Zoë Çelik")).toBeInTheDocument();
    expect(within(rows[1]!).getByText("Left")).toBeInTheDocument();
    expect(within(rows[1]!).getByText("Left on 1 October 2026")).toBeInTheDocument();
  });

  it("shows the message for an empty name next to the field and adds nobody", async () => {
    setLanguage("nl");
    const team: PersonSummary[] = [];
    const calls = fakeBackend(team);
    const user = userEvent.setup();
    render(People, { organisation: "X" });
    await user.click(await screen.findByTestId("add-person"));
    await user.type(screen.getByLabelText(/^Naam/), "   ");
    await user.click(screen.getByTestId("save-person"));
    const error = await screen.findByTestId("field-error");
    expect(error).toHaveTextContent("Naam is verplicht. Vul het in.");
    expect(screen.getByLabelText(/^Naam/)).toHaveAttribute("aria-invalid", "true");
    expect(team).toHaveLength(0);
    expect(calls.filter((c) => c.cmd === "create_person")).toHaveLength(1);
  });

  it("adds a person and lists them", async () => {
    setLanguage("en");
    const team: PersonSummary[] = [];
    fakeBackend(team);
    const user = userEvent.setup();
    render(People, { organisation: "X" });
    await user.click(await screen.findByTestId("add-person"));
    await user.type(screen.getByLabelText(/^Name/), "Sanne de Boer");
    await user.type(screen.getByLabelText("Role"), "Sales assistant");
    await user.click(screen.getByTestId("save-person"));
    expect(await screen.findByText("Sanne de Boer")).toBeInTheDocument();
    expect(team[0]?.role).toBe("Sales assistant");
  });
});
