// Names as Dutch people write them: a surname may start with a tussenvoegsel ("de", "van der",
// "El"), so initials take the first name and the last word: Bram de Wit → BW.
export function personInitials(name: string): string {
  const words = name
    .split(/\s+/)
    .map((w) => [...w].find((c) => /\p{L}/u.test(c)) ?? "")
    .filter(Boolean);
  if (words.length === 0) return "";
  const first = words[0] as string;
  const last = words.length > 1 ? (words[words.length - 1] as string) : "";
  return (first + last).toUpperCase();
}
