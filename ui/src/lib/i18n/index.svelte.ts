// The one way UI text is produced: t("key", {param}) in the current language.
import type { Language } from "../bindings/Language";
import { nl, type MessageKey } from "./nl";
import { en } from "./en";

/** Keys with a singular form: `key` holds the plural ("{count} fouten"), `key.one` the
 * singular ("1 fout"). */
type CountedKey = {
  [K in MessageKey]: `${K}.one` extends MessageKey ? K : never;
}[MessageKey];

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

/** An ISO date with its weekday: "donderdag 3 december 2026". */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(intlLocale(), {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A text with a number in it, singular or plural by the number: "1 fout", "2 fouten". */
export function tn(key: CountedKey, count: number, params: Record<string, string | number> = {}): string {
  return t(count === 1 ? (`${key}.one` as MessageKey) : key, { ...params, count });
}

export type { MessageKey };

/** A local date-time (yyyy-mm-ddThh:mm:ss) as people read it: "25 november 2026 om 13:08". */
export function formatDateTime(local: string): string {
  const d = new Date(local);
  if (Number.isNaN(d.getTime())) return local;
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: "long", timeStyle: "short" }).format(d);
}

/** A whole number the way the user's language groups digits. */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(intlLocale()).format(n);
}

/** Euro cents as people read them: "€ 1.250,00" (nl) or "€1,250.00" (en). */
export function formatMoney(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "";
  return new Intl.NumberFormat(intlLocale(), { style: "currency", currency: "EUR" }).format(cents / 100);
}

/** Parses an amount typed in either language ("1.250,50", "1250.5", "€ 895") into cents. */
export function parseMoney(text: string): number | null | "invalid" {
  const cleaned = text.replace(/[€\s]/g, "");
  if (cleaned === "") return null;
  let normalised = cleaned;
  const lastComma = cleaned.lastIndexOf(",");
  const lastDot = cleaned.lastIndexOf(".");
  if (lastComma > lastDot) normalised = cleaned.replace(/\./g, "").replace(",", ".");
  else if (lastDot > lastComma && lastComma >= 0) normalised = cleaned.replace(/,/g, "");
  else if (lastDot >= 0 && /^\d{1,3}(\.\d{3})+$/.test(cleaned)) normalised = cleaned.replace(/\./g, "");
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) return "invalid";
  return Math.round(Number(normalised) * 100);
}

/** Whether text is a real calendar date written yyyy-mm-dd. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
