// A refused form never looks as if nothing happened: after a form is submitted, the first
// error that appears in it — a field marked invalid, or a message with role="alert" — is
// scrolled into view and focused (the field when one is marked, the message otherwise).
// The answer of the Rust side arrives asynchronously, so the form is watched for a few
// seconds after the submit (until the user types again); a form that is closed or saved
// without an error is let go.

const WATCH_MS = 5000;

const FIELD = '[aria-invalid="true"]';
const ALERT = '[role="alert"]';

/** Scrolls `form`'s first error into view and focuses it; false when it shows none. */
export function revealFirstError(form: ParentNode): boolean {
  const field = form.querySelector<HTMLElement>(FIELD);
  const alert = form.querySelector<HTMLElement>(ALERT);
  if (!field && !alert) return false;
  if (field) {
    field.focus({ preventScroll: true });
    field.scrollIntoView?.({ block: "center" });
  } else if (alert) {
    if (!alert.hasAttribute("tabindex")) alert.setAttribute("tabindex", "-1");
    alert.focus({ preventScroll: true });
    alert.scrollIntoView?.({ block: "center" });
  }
  return true;
}

function isError(node: Node | null): boolean {
  const el = node instanceof Element ? node : node?.parentElement;
  return !!el && (el.matches(FIELD) || !!el.closest(ALERT) || !!el.querySelector(`${FIELD}, ${ALERT}`));
}

/** Watches every form under `root` from its submit on; returns the function that stops it. */
export function revealErrorsOnSubmit(root: Document | HTMLElement = document): () => void {
  const watching = new Map<
    HTMLFormElement,
    { observer: MutationObserver; timer: ReturnType<typeof setTimeout>; typing: () => void }
  >();
  const stop = (form: HTMLFormElement) => {
    const w = watching.get(form);
    if (!w) return;
    w.observer.disconnect();
    clearTimeout(w.timer);
    form.removeEventListener("input", w.typing, true);
    watching.delete(form);
  };
  const onSubmit = (event: Event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    stop(form);
    const observer = new MutationObserver((records) => {
      if (!form.isConnected) return stop(form);
      const changed = records.some(
        (r) => isError(r.target) || [...r.addedNodes].some((n) => isError(n)),
      );
      if (changed && revealFirstError(form)) stop(form);
    });
    observer.observe(form, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ["aria-invalid"],
    });
    // Typing again ends the watch: a field marked while someone types is not a refused submit.
    const typing = () => stop(form);
    form.addEventListener("input", typing, true);
    watching.set(form, { observer, timer: setTimeout(() => stop(form), WATCH_MS), typing });
  };
  root.addEventListener("submit", onSubmit, true);
  return () => {
    root.removeEventListener("submit", onSubmit, true);
    for (const form of [...watching.keys()]) stop(form);
  };
}
