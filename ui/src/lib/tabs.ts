// Keyboard for a row of tabs (WAI-ARIA tabs pattern): arrow keys move to the previous or
// next tab and select it, Home and End to the first and last; focus follows the selection.
export function tabKeydown<T>(event: KeyboardEvent, tabs: readonly T[], current: T, select: (tab: T) => void): void {
  const i = tabs.indexOf(current);
  const n = tabs.length;
  const next =
    event.key === "ArrowRight"
      ? (i + 1) % n
      : event.key === "ArrowLeft"
        ? (i - 1 + n) % n
        : event.key === "Home"
          ? 0
          : event.key === "End"
            ? n - 1
            : -1;
  if (next < 0 || n === 0) return;
  event.preventDefault();
  select(tabs[next] as T);
  // The tabs are all rendered (only their selection changes), so the focus moves at once:
  // waiting for a frame let the focus lag behind the selection on a busy machine.
  const list = event.currentTarget as HTMLElement;
  list.querySelectorAll<HTMLElement>("[role=tab]")[next]?.focus();
}
