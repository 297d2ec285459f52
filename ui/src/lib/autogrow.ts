// A text area that grows with its text, so a long value wraps and stays readable instead of
// being cut off in a one-line field. One with rows="1" stands for a single line: Enter does
// not add a line break, and pasted line breaks become spaces.
export function autogrow(node: HTMLTextAreaElement, _value?: unknown) {
  const single = node.rows === 1;
  const fit = () => {
    node.style.height = "auto";
    node.style.height = `${node.scrollHeight + 2}px`;
  };
  const oninput = () => {
    if (single && /[\r\n]/.test(node.value)) {
      node.value = node.value.replace(/\s*[\r\n]+\s*/g, " ");
      node.dispatchEvent(new Event("input", { bubbles: true }));
      return;
    }
    fit();
  };
  const onkeydown = (event: KeyboardEvent) => {
    if (single && event.key === "Enter") event.preventDefault();
  };
  // The value may be set by the bound state after mount, and the width may change.
  const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(() => fit());
  observer?.observe(node);
  node.addEventListener("input", oninput);
  node.addEventListener("keydown", onkeydown);
  queueMicrotask(fit);
  return {
    update: fit,
    destroy() {
      observer?.disconnect();
      node.removeEventListener("input", oninput);
      node.removeEventListener("keydown", onkeydown);
    },
  };
}
