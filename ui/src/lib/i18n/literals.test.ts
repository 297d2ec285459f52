// No text a user reads is written into a component: every word shown comes from the i18n
// files (t("…")), so both languages are always complete. This reads every .svelte file and
// fails on a literal text node or a literal aria-label/title/placeholder/alt.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(__dirname, "../../..");
// Words that are the same in every language: format names and a code's shape.
const allowedWords = new Set(["PDF", "CSV", "Excel", "GK-0000-0000-0000"]);
// Keyboard shortcuts read the same in both languages.
const allowed = { has: (text: string) => allowedWords.has(text) || /^Ctrl\+[A-Z]$/.test(text) };

function svelteFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return svelteFiles(path);
    return name.endsWith(".svelte") ? [path] : [];
  });
}

/** The markup with scripts, styles, comments and every {…} expression taken out. */
function markupOnly(source: string): string {
  let s = source
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<!--[\s\S]*?-->/g, "");
  let out = "";
  let depth = 0;
  let quote: string | null = null;
  for (const c of s) {
    if (depth > 0) {
      if (quote) {
        if (c === quote) quote = null;
      } else if (c === '"' || c === "'" || c === "`") quote = c;
      else if (c === "{") depth++;
      else if (c === "}") depth--;
      if (depth === 0) out += "\u0000";
      continue;
    }
    if (c === "{") {
      depth = 1;
      continue;
    }
    out += c;
  }
  s = out;
  return s;
}

function literals(source: string): string[] {
  const markup = markupOnly(source);
  const found: string[] = [];
  // Text between tags.
  for (const m of markup.matchAll(/>([^<>]*)</g)) {
    const text = (m[1] ?? "").replace(/\u0000/g, " ").trim();
    if (/\p{L}/u.test(text) && !allowed.has(text)) found.push(text);
  }
  // Attributes people read.
  for (const m of markup.matchAll(/\s(aria-label|title|placeholder|alt)="([^"]*)"/g)) {
    const text = (m[2] ?? "").replace(/\u0000/g, "").trim();
    if (/\p{L}/u.test(text) && !allowed.has(text)) found.push(`${m[1]}="${text}"`);
  }
  return found;
}

describe("UI text", () => {
  it("comes from the i18n files, never a literal in a component", () => {
    const problems = svelteFiles(join(root, "src")).flatMap((file) =>
      literals(readFileSync(file, "utf8")).map((l) => `${relative(root, file)}: ${l}`),
    );
    expect(problems).toEqual([]);
  });

  it("the check itself finds a literal", () => {
    expect(literals('<p>Hallo</p><p>{t("x")}</p><button aria-label="Sluiten">{t("y")}</button>')).toEqual([
      "Hallo",
      'aria-label="Sluiten"',
    ]);
    expect(literals('<script>const a = "<b>nee</b>";</script><p>{a ? "ja" : "nee"}</p>')).toEqual([]);
  });
});
