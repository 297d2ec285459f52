// The owner's own name (owner mode), known app-wide: the default manager of people who report
// to the owner. Set from the app state whenever it loads or changes.
export const owner = $state<{ name: string; mode: "owner" | "personal" }>({ name: "", mode: "owner" });

/** How the owner is named in lists: their name, or the role word when it was never given. */
export function ownerLabel(fallback: string): string {
  return owner.name.trim() || fallback;
}
