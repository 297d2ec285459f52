import { describe, expect, it } from "vitest";
import { parseDate, parseTime } from "./dates";

describe("typed dates", () => {
  it("understands the ways people write a date, day before month", () => {
    for (const typed of ["2021-03-01", "1-3-2021", "01-03-2021", "1/3/2021", "1.3.2021", "1 maart 2021", "1 mrt 2021", "1 mrt. 2021", "1 March 2021", "March 1, 2021", "maandag 1 maart 2021", " 1  Maart  2021 "])
      expect(parseDate(typed), typed).toBe("2021-03-01");
    expect(parseDate("29-2-2024")).toBe("2024-02-29");
    expect(parseDate("3 december 2026")).toBe("2026-12-03");
  });

  it("refuses what is not a real date", () => {
    for (const typed of ["", "31-2-2021", "29-2-2023", "2021-13-01", "1 maart", "maart 2021", "morgen", "1-3-21", "32 januari 2021", "🙂", "x".repeat(100_000)])
      expect(parseDate(typed), typed).toBeNull();
  });

  it("understands times of day as people type them", () => {
    for (const [typed, time] of <[string, string][]>[["9:00", "09:00"], ["09:00", "09:00"], ["9.00", "09:00"], ["9 uur", "09:00"], ["9u", "09:00"], ["14u30", "14:30"], ["0930", "09:30"], ["9", "09:00"], [" 23:59 ", "23:59"]])
      expect(parseTime(typed), typed).toBe(time);
    for (const typed of ["", "24:00", "9:60", "abc", "9:5", "12345"]) expect(parseTime(typed), typed).toBeNull();
  });
});
