import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import Onboarding from "./Onboarding.svelte";
import type { OnboardingInput } from "../lib/bindings/OnboardingInput";
import type { AppState } from "../lib/bindings/AppState";
import type { CommandError } from "../lib/bindings/CommandError";
import { setLanguage } from "../lib/i18n/index.svelte";

describe("Onboarding", () => {
  it("starts in Dutch and switches to English when chosen", async () => {
    setLanguage("nl");
    mockIPC(() => null);
    const user = userEvent.setup();
    render(Onboarding, { ondone: () => {} });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Welkom bij Groeikoers");
    await user.click(screen.getByTestId("lang-en"));
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Welcome to Groeikoers");
  });

  it("sends the choices and hands the new state on", async () => {
    setLanguage("nl");
    let sent: OnboardingInput | null = null;
    const state = { settings: { language: "en", mode: "personal", onboarded: true } } as AppState;
    mockIPC((cmd, args) => {
      if (cmd === "complete_onboarding") {
        sent = (args as { input: OnboardingInput }).input;
        return state;
      }
    });
    const ondone = vi.fn();
    const user = userEvent.setup();
    render(Onboarding, { ondone });
    await user.click(screen.getByTestId("lang-en"));
    await user.click(screen.getByTestId("mode-personal"));
    await user.type(screen.getByTestId("my-name"), "Sanne de Boer");
    await user.click(screen.getByTestId("start"));
    expect(ondone).toHaveBeenCalledWith(state);
    expect(sent).toEqual({
      language: "en",
      mode: "personal",
      organisationName: null,
      myName: "Sanne de Boer",
      deviceName: null,
      deviceNameProposal: "Sanne's computer",
    });
  });

  it("shows the backend's message when the organisation name is missing", async () => {
    setLanguage("nl");
    mockIPC(() => {
      const error: CommandError = {
        code: "Validation",
        message: "Naam van de organisatie is verplicht. Vul het in.",
        field: "organisationName",
      };
      throw error;
    });
    const ondone = vi.fn();
    const user = userEvent.setup();
    render(Onboarding, { ondone });
    await user.click(screen.getByTestId("start"));
    expect(await screen.findByTestId("onboarding-error")).toHaveTextContent(
      "Naam van de organisatie is verplicht. Vul het in.",
    );
    expect(screen.getByTestId("organisation-name")).toHaveAttribute("aria-invalid", "true");
    expect(ondone).not.toHaveBeenCalled();
  });
});
