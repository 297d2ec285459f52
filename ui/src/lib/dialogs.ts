// A modal dialog's Escape key fires "cancel": with unsaved input it is held back and the dialog
// asks instead (DiscardBar); without, the dialog closes as usual.
export function guardCancel(isDirty: () => boolean, ask: () => void) {
  return (event: Event) => {
    if (!isDirty()) return;
    event.preventDefault();
    ask();
  };
}
