import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import Unlock from "./Unlock.svelte";
import type { AppState } from "../lib/bindings/AppState";
import type { CommandError } from "../lib/bindings/CommandError";
import { setLanguage } from "../lib/i18n/index.svelte";

const state = { settings: { language: "nl", mode: "personal", onboarded: true } } as unknown as AppState;

describe("Unlock", () => {
  it("refuses a wrong passphrase with a short message, keeps the text selected, then opens", async () => {
    setLanguage("nl");
    const tried: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== "unlock") throw new Error(`unexpected command ${cmd}`);
      const { passphrase } = args as { passphrase: string };
      tried.push(passphrase);
      if (passphrase !== "goede zin") {
        const error: CommandError = { code: "Passphrase", message: "Deze wachtwoordzin opent het bestand niet.", field: null };
        throw error;
      }
      return state;
    });
    let opened: AppState | null = null;
    const user = userEvent.setup();
    render(Unlock, { onunlocked: (s: AppState) => (opened = s) });

    await user.click(screen.getByTestId("unlock-submit"));
    expect(screen.getByTestId("unlock-error").textContent).toBe("Vul je wachtwoordzin in.");
    expect(tried).toEqual([]);

    const field = screen.getByTestId("unlock-passphrase") as HTMLInputElement;
    await user.type(field, "foute zin");
    await user.click(screen.getByTestId("unlock-submit"));
    expect((await screen.findByTestId("unlock-error")).textContent).toContain("opent het bestand niet");
    expect((await screen.findByTestId("unlock-error")).textContent).not.toContain("/");
    expect(field.value).toBe("foute zin");
    await new Promise((r) => setTimeout(r, 0));
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, 9]);
    expect(opened).toBeNull();

    // Typing replaces the selected attempt.
    await user.type(field, "goede zin", { initialSelectionStart: 0, initialSelectionEnd: 9 });
    await user.keyboard("{Enter}");
    await screen.findByTestId("unlock");
    expect(tried).toEqual(["foute zin", "goede zin"]);
    expect(opened).toBe(state);
  });
});
