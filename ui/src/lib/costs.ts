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
