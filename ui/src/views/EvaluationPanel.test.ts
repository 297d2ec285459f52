import { describe, expect, it } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import EvaluationPanel from "./EvaluationPanel.svelte";
import type { PlanRhythm } from "../lib/bindings/PlanRhythm";
import type { Evaluation } from "../lib/bindings/Evaluation";
import type { CommandError } from "../lib/bindings/CommandError";
import { setLanguage } from "../lib/i18n/index.svelte";

function rhythm(evaluation: Evaluation | null = null): PlanRhythm {
  return {
    planId: "p1",
    seriesId: "p1",
    personId: "zoe",
    personName: "Zoë Çelik",
    planTitle: "Leidinggeven",
    status: evaluation ? "evaluated" : "active",
    periodStart: "2026-01-05",
    periodEnd: "2026-12-31",
    everyWeeks: 6,
    schedule: [],
    history: [],
    followUps: [],
    goals: [
      { id: "g1", title: "Overleg leiden" },
      { id: "g2", title: "Excel-rapportage" },
    ],
    evaluation,
    evaluatedOn: evaluation ? "2026-12-17" : null,
    evaluationDue: "2026-12-17",
    checkinTime: "10:00",
  };
}

describe("EvaluationPanel", () => {
  it("records outcomes, proposes unfinished goals for the next plan and shows the result", async () => {
    setLanguage("nl");
    const sent: Evaluation[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "evaluate_plan") {
        const e = (args as { evaluation: Evaluation }).evaluation;
        sent.push(e);
        return rhythm(e);
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    let latest: PlanRhythm | null = null;
    const user = userEvent.setup();
    const { rerender } = render(EvaluationPanel, {
      rhythm: rhythm(),
      onchange: (r: PlanRhythm) => (latest = r),
      oncarried: () => {},
    });
    expect(screen.getByText(/17 december 2026/)).toBeTruthy();
    await user.click(screen.getByTestId("start-evaluation"));
    const goals = screen.getAllByTestId("evaluation-goal");
    expect(goals).toHaveLength(2);
    const [first, second] = goals as [HTMLElement, HTMLElement];
    await user.click(within(first).getByTestId("outcome-achieved"));
    await user.type(within(first).getByTestId("evaluation-goal-reflection"), "Zelf voorgezeten 🎯");
    await user.click(within(second).getByTestId("outcome-notAchieved"));
    await user.type(screen.getByTestId("evaluation-reflection"), "Een leerzaam jaar.");
    await user.click(screen.getByTestId("save-evaluation"));

    expect(sent).toHaveLength(1);
    const saved = sent[0]!;
    expect(saved.reflection).toBe("Een leerzaam jaar.");
    expect(saved.goals.map((g) => [g.goalId, g.outcome, g.carry])).toEqual([
      ["g1", "achieved", false],
      ["g2", "notAchieved", true],
    ]);
    expect(saved.goals[0]?.reflection).toBe("Zelf voorgezeten 🎯");

    expect(latest).not.toBeNull();
    await rerender({ rhythm: latest!, onchange: () => {}, oncarried: () => {} });
    const result = screen.getByTestId("evaluation-result");
    expect(within(result).getByText("Behaald")).toBeTruthy();
    expect(within(result).getByText("Niet behaald")).toBeTruthy();
    expect(screen.getByTestId("carry-over").textContent).toContain("1");
  });

  it("keeps the form and shows the message when the evaluation is refused", async () => {
    setLanguage("en");
    mockIPC((cmd) => {
      if (cmd === "evaluate_plan") {
        const error: CommandError = { code: "Validation", message: "Reflection is too long.", field: "reflection" };
        throw error;
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    const user = userEvent.setup();
    render(EvaluationPanel, { rhythm: rhythm(), onchange: () => {}, oncarried: () => {} });
    await user.click(screen.getByTestId("start-evaluation"));
    await user.click(screen.getByTestId("save-evaluation"));
    expect((await screen.findByTestId("evaluation-error")).textContent).toBe("Reflection is too long.");
    expect(screen.getByTestId("evaluation-form")).toBeTruthy();
  });
});
