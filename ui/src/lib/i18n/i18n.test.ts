import { describe, expect, it } from "vitest";
import { nl } from "./nl";
import { en } from "./en";
import { formatDate, setLanguage, t } from "./index.svelte";

describe("i18n", () => {
  it("has every Dutch key in English too, and no empty text", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const [key, text] of Object.entries(en)) expect(text, key).not.toBe("");
  });

  it("fills in parameters", () => {
    setLanguage("nl");
    expect(t("people.reportsTo", { name: "Zoë" })).toBe("Leidinggevende: Zoë");
  });

  it("writes dates the way people read them", () => {
    setLanguage("nl");
    expect(formatDate("2026-11-24")).toBe("24 november 2026");
    setLanguage("en");
    expect(formatDate("2024-02-29")).toBe("29 February 2024");
    expect(formatDate(null)).toBe("");
  });
});
