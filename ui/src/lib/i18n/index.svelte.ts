// The one way UI text is produced: t("key", {param}) in the current language.
import type { Language } from "../bindings/Language";
import { nl, type MessageKey } from "./nl";
import { en } from "./en";

const dictionaries: Record<Language, Record<MessageKey, string>> = { nl, en };

export const locale = $state<{ lang: Language }>({ lang: "nl" });

export function setLanguage(lang: Language): void {
  locale.lang = lang;
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = dictionaries[locale.lang][key] ?? nl[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    name in params ? String(params[name]) : `{${name}}`,
  );
}

const intlLocale = (): string => (locale.lang === "nl" ? "nl-NL" : "en-GB");

/** An ISO date (yyyy-mm-dd) as people read it: "24 november 2026". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(intlLocale(), {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

export type { MessageKey };
