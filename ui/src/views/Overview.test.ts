import { describe, expect, it } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import Overview from "./Overview.svelte";
import type { DueBoard } from "../lib/bindings/DueBoard";
import type { DueItem } from "../lib/bindings/DueItem";
import { setLanguage } from "../lib/i18n/index.svelte";

function item(n: number): DueItem {
  return {
    key: `action:s:${n}`,
    kind: "action",
    date: "2025-01-01",
    planId: "p",
    seriesId: "s",
    personId: "x",
    personName: `Persoon ${n}`,
    planTitle: "POP 2025",
    label: `Actie ${n}`,
  };
}

/** A backend whose board has `overdue` overdue items and answers a page of `limit`. */
function fakeBoard(overdue: number, missed = 0) {
  const limits: number[] = [];
  mockIPC((cmd, args) => {
    if (cmd === "due_board") {
      const limit = (args as { limit: number }).limit;
      limits.push(limit);
      const all = Array.from({ length: overdue }, (_, i) => item(i + 1));
      const board: DueBoard = {
        today: "2026-12-05",
        overdue: all.slice(0, limit),
        thisWeek: [],
        coming: [],
        overdueTotal: overdue,
        thisWeekTotal: 0,
        comingTotal: 0,
      };
      return board;
    }
    if (cmd === "shown_reminders") {
      return Array.from({ length: missed }, (_, i) => ({
        key: `r${i}`,
        item: item(i + 1),
        fireAt: "2026-12-01T08:00:00Z",
        missed: true,
      }));
    }
    return null;
  }, { shouldMockEvents: true });
  return limits;
}

describe("Overview board", () => {
  it("asks for a page, shows the total, and asks for more when told", async () => {
    setLanguage("nl");
    const limits = fakeBoard(4941);
    const user = userEvent.setup();
    render(Overview, { onopen: () => {} });
    const list = await screen.findByTestId("board-overdue");
    expect(within(list).getAllByTestId("due-item")).toHaveLength(50);
    expect(screen.getByTestId("board-overdue-total")).toHaveTextContent("4941");
    expect(screen.getByText("50 van 4941 getoond")).toBeInTheDocument();
    expect(limits).toEqual([50]);

    await user.click(screen.getByTestId("board-overdue-more"));
    expect(await screen.findByText("250 van 4941 getoond")).toBeInTheDocument();
    expect(within(screen.getByTestId("board-overdue")).getAllByTestId("due-item")).toHaveLength(250);
    expect(limits).toEqual([50, 250]);
  });

  it("shows no button when the whole list fits", async () => {
    setLanguage("en");
    fakeBoard(3);
    render(Overview, { onopen: () => {} });
    const list = await screen.findByTestId("board-overdue");
    expect(within(list).getAllByTestId("due-item")).toHaveLength(3);
    expect(screen.queryByTestId("board-overdue-more")).toBeNull();
  });

  it("shows the first missed reminders and the rest on request", async () => {
    setLanguage("nl");
    fakeBoard(3, 78);
    const user = userEvent.setup();
    render(Overview, { onopen: () => {} });
    const box = await screen.findByTestId("missed");
    expect(within(box).getAllByRole("listitem")).toHaveLength(6);
    await user.click(screen.getByRole("button", { name: "Toon alle 78" }));
    expect(within(box).getAllByRole("listitem")).toHaveLength(78);
    await user.click(screen.getByRole("button", { name: "Minder tonen" }));
    expect(within(box).getAllByRole("listitem")).toHaveLength(6);
  });

  it("shows a few missed reminders without a button", async () => {
    setLanguage("en");
    fakeBoard(3, 4);
    render(Overview, { onopen: () => {} });
    const box = await screen.findByTestId("missed");
    expect(within(box).getAllByRole("listitem")).toHaveLength(4);
    expect(screen.queryByTestId("missed-toggle")).toBeNull();
  });
});
