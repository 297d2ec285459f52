import { describe, expect, it } from "vitest";
import { render } from "@testing-library/svelte";
import { parse, plainParts, spans } from "./markdown";
import Markdown from "./Markdown.svelte";

describe("journal markdown", () => {
  it("knows bold, italic, bullets and paragraphs, and leaves lone markers alone", () => {
    expect(spans("**Goed** gesprek met *Fatima* en 2 * 3")).toEqual([
      { text: "Goed", bold: true, italic: false },
      { text: " gesprek met ", bold: false, italic: false },
      { text: "Fatima", bold: false, italic: true },
      { text: " en 2 * 3", bold: false, italic: false },
    ]);
    const blocks = parse("Vandaag:\n- plannen\n* delegeren\n\nMorgen verder.\nEn nog iets.");
    expect(blocks.map((b) => b.kind)).toEqual(["paragraph", "list", "paragraph"]);
    expect(blocks[1]).toMatchObject({ kind: "list", items: [[{ text: "plannen" }], [{ text: "delegeren" }]] });
    expect(blocks[2]).toMatchObject({ kind: "paragraph", lines: [[{ text: "Morgen verder." }], [{ text: "En nog iets." }]] });
  });

  it("renders markup in an entry as text, never as HTML", () => {
    const { container } = render(Markdown, { text: '<img src=x onerror="alert(1)"> **vet** <script>x</script>' });
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("script")).toBeNull();
    expect(container.querySelector("strong")?.textContent).toBe("vet");
    expect(container.textContent).toContain('<img src=x onerror="alert(1)">');
  });

  it("shows search hits without markers, the matches kept", () => {
    expect(plainParts(["Een ", "**briefing**", " gegeven"])).toEqual(["Een ", "briefing", " gegeven"]);
    expect(plainParts(["**brief", "ing", "** en *meer*"])).toEqual(["brief", "ing", " en meer"]);
    expect(plainParts(["- eerste punt met ", "klant", ""])).toEqual(["eerste punt met ", "klant", ""]);
    expect(plainParts(["geen opmaak"])).toEqual(["geen opmaak"]);
  });
});
