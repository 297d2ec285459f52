// What a plan's content costs: its actions and its support, in cents (the same sum as the
// Rust side's `PlanContent::planned_cents`).
import type { PlanContent } from "./bindings/PlanContent";

export function plannedCents(content: PlanContent | null | undefined): number {
  if (!content) return 0;
  return (
    content.goals.flatMap((g) => g.actions).reduce((sum, a) => sum + (a.costCents ?? 0), 0) +
    content.support.reduce((sum, s) => sum + (s.costCents ?? 0), 0)
  );
}

// The hours (in minutes) the plan's actions take from the personal budget: the budget pays,
// the action is not dropped and the training is not free by law (the same rule as the Rust
// side's `Action::budget_minutes`).
export function budgetMinutes(content: PlanContent | null | undefined): number {
  if (!content) return 0;
  return content.goals
    .flatMap((g) => g.actions)
    .filter((a) => a.paidBy === "budget" && a.status !== "dropped" && a.training !== "required" && a.training !== "necessary")
    .reduce((sum, a) => sum + Math.max(0, a.minutes ?? 0), 0);
}

// Hours as typed ("16", "1,5", "1.5") in minutes; null when empty, "invalid" otherwise.
export function parseHours(text: string): number | null | "invalid" {
  const t = text.trim().replace(",", ".");
  if (t === "") return null;
  if (!/^\d+(\.\d+)?$/.test(t)) return "invalid";
  return Math.round(Number(t) * 60);
}
