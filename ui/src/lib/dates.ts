// Dates as people type them, in Dutch or English: "2021-03-01", "1-3-2021", "1/3/2021",
// "1.3.2021", "1 maart 2021", "1 mrt 2021", "1 March 2021", "March 1, 2021". Day before month
// (as in the Netherlands) when written with numbers. The answer is an ISO date or null.

const MONTHS: Record<string, number> = {};
const names: [number, string[]][] = [
  [1, ["januari", "jan", "january"]],
  [2, ["februari", "feb", "febr", "february"]],
  [3, ["maart", "mrt", "mar", "march"]],
  [4, ["april", "apr"]],
  [5, ["mei", "may"]],
  [6, ["juni", "jun", "june"]],
  [7, ["juli", "jul", "july"]],
  [8, ["augustus", "aug", "august"]],
  [9, ["september", "sep", "sept"]],
  [10, ["oktober", "okt", "october", "oct"]],
  [11, ["november", "nov"]],
  [12, ["december", "dec"]],
];
for (const [n, words] of names) for (const w of words) MONTHS[w] = n;

function iso(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The first date field in `form` whose text is not a date (DateField marks it), focused;
 * null when every date is fine. A form checks this before it submits. */
export function focusInvalidDate(form: ParentNode | null | undefined): HTMLElement | null {
  const bad = form?.querySelector<HTMLElement>("input[data-iso][aria-invalid=true]") ?? null;
  bad?.focus();
  return bad;
}

/** The ISO date (yyyy-mm-dd) typed in `input`, or null when it is not a real date. */
export function parseDate(input: string): string | null {
  const s = input.trim().toLowerCase().replace(/\s+/g, " ");
  if (!s) return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  // Words for the month; a weekday in front ("donderdag 3 december 2026") is allowed.
  const words = s.replace(/,/g, " ").replace(/\s+/g, " ").split(" ");
  const month = (w: string) => MONTHS[w.replace(/\.$/, "")];
  const num = (w: string | undefined) => (w && /^\d{1,4}$/.test(w) ? Number(w) : NaN);
  for (let i = 0; i < words.length; i++) {
    const mm = month(words[i] as string);
    if (!mm) continue;
    const before = num(words[i - 1]);
    const after = num(words[i + 1]);
    const last = num(words[i + 2]);
    // "1 maart 2021"
    if (!Number.isNaN(before) && !Number.isNaN(after) && after >= 1000) return iso(after, mm, before);
    // "March 1 2021"
    if (!Number.isNaN(after) && !Number.isNaN(last)) return iso(last, mm, after);
    return null;
  }
  return null;
}

/** A time of day as people type it ("9:00", "9.00", "9 uur", "0930", "14u30", "9") as "HH:MM",
 * or null when it is not a time. */
export function parseTime(input: string): string | null {
  const s = input.trim().toLowerCase().replace(/\s*(uur|u|h)\s*/g, ":").replace(/:$/, "");
  const m = /^(\d{1,2})(?:[:.](\d{2}))?$/.exec(s) ?? /^(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? "0");
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}
