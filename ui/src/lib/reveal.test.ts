import { afterEach, describe, expect, it } from "vitest";
import { revealErrorsOnSubmit } from "./reveal";

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("revealErrorsOnSubmit", () => {
  let stop: () => void = () => {};
  afterEach(() => {
    stop();
    document.body.innerHTML = "";
  });

  function form(html: string): HTMLFormElement {
    document.body.innerHTML = `<button id="elsewhere">x</button><form>${html}<button type="submit">Bewaren</button></form>`;
    const f = document.querySelector("form")!;
    f.addEventListener("submit", (e) => e.preventDefault());
    (document.getElementById("elsewhere") as HTMLButtonElement).focus();
    return f;
  }

  it("focuses the field that a refused submit marks invalid", async () => {
    const f = form(`<input id="a" /><select id="state"></select><div id="msg"></div>`);
    stop = revealErrorsOnSubmit(document);
    f.requestSubmit();
    // What the form's handler does later (after the Rust side answered).
    await settle();
    document.getElementById("state")!.setAttribute("aria-invalid", "true");
    document.getElementById("msg")!.innerHTML = `<p role="alert">Geef een stand</p>`;
    await settle();
    expect(document.activeElement?.id).toBe("state");
  });

  it("focuses the message when no field is marked", async () => {
    const f = form(`<input id="a" /><div id="msg"></div>`);
    stop = revealErrorsOnSubmit(document);
    f.requestSubmit();
    await settle();
    document.getElementById("msg")!.innerHTML = `<p role="alert" id="alert">Niet bewaard</p>`;
    await settle();
    expect(document.activeElement?.id).toBe("alert");
    expect(document.getElementById("alert")!.getAttribute("tabindex")).toBe("-1");
  });

  it("leaves the focus alone when the submit succeeds", async () => {
    const f = form(`<input id="a" />`);
    stop = revealErrorsOnSubmit(document);
    f.requestSubmit();
    await settle();
    document.getElementById("a")!.setAttribute("value", "saved");
    await settle();
    expect(document.activeElement?.id).toBe("elsewhere");
  });
});
