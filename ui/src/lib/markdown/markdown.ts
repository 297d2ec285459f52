// The small Markdown subset of the journal, parsed into plain data that Svelte renders as
// text nodes — never as HTML, so nothing typed in an entry can run or inject markup:
// paragraphs (lines kept), "- " or "* " bullet lists, **bold** and *italic* (or _italic_).

export type Span = { text: string; bold: boolean; italic: boolean };
export type MdBlock = { kind: "paragraph"; lines: Span[][] } | { kind: "list"; items: Span[][] };

/** Inline emphasis: `**bold**`, `*italic*`, `_italic_`; unmatched markers stay as text. */
export function spans(line: string): Span[] {
  const out: Span[] = [];
  const re = /\*\*(.+?)\*\*|\*(?!\s)(.+?)\*|_(?!\s)(.+?)_/gu;
  let last = 0;
  for (const m of line.matchAll(re)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ text: line.slice(last, at), bold: false, italic: false });
    if (m[1] !== undefined) out.push({ text: m[1], bold: true, italic: false });
    else out.push({ text: (m[2] ?? m[3]) as string, bold: false, italic: true });
    last = at + m[0].length;
  }
  if (last < line.length) out.push({ text: line.slice(last), bold: false, italic: false });
  return out;
}

/** Blocks: blank lines end a paragraph; consecutive bullet lines form one list. */
export function parse(text: string): MdBlock[] {
  const blocks: MdBlock[] = [];
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trimEnd();
    const bullet = /^\s*[-*]\s+(.*)$/u.exec(line);
    const top = blocks[blocks.length - 1];
    if (bullet) {
      const item = spans(bullet[1] ?? "");
      if (top?.kind === "list") top.items.push(item);
      else blocks.push({ kind: "list", items: [item] });
    } else if (line.trim() === "") {
      blocks.push({ kind: "paragraph", lines: [] });
    } else if (top?.kind === "paragraph") {
      top.lines.push(spans(line));
    } else {
      blocks.push({ kind: "paragraph", lines: [spans(line)] });
    }
  }
  return blocks.filter((b) => (b.kind === "paragraph" ? b.lines.length > 0 : b.items.length > 0));
}

/**
 * A search hit's parts (text, match, text, match, …) with the Markdown markers taken out, so a
 * hit reads like the entry does ("briefing", not "**briefing**"); the matches stay matches.
 */
export function plainParts(parts: string[]): string[] {
  const open = "\u0001";
  const close = "\u0002";
  const joined = parts.map((p, i) => (i % 2 === 1 ? `${open}${p}${close}` : p)).join("");
  const plain = joined
    .split("\n")
    .map((line) =>
      spans(line.replace(/^(\s*)[-*]\s+/, "$1"))
        .map((s) => s.text)
        .join(""),
    )
    .join("\n");
  const out: string[] = [];
  let rest = plain;
  for (;;) {
    const a = rest.indexOf(open);
    if (a < 0) {
      out.push(rest);
      return out;
    }
    const b = rest.indexOf(close, a);
    out.push(rest.slice(0, a), rest.slice(a + 1, b < 0 ? undefined : b));
    rest = b < 0 ? "" : rest.slice(b + 1);
  }
}
