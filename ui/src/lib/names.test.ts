import { describe, expect, it } from "vitest";
import { personInitials } from "./names";

describe("initials", () => {
  it("skip tussenvoegsels: the first name and the surname", () => {
    expect(personInitials("Bram de Wit")).toBe("BW");
    expect(personInitials("Anouk van der Berg")).toBe("AB");
    expect(personInitials("Fatima El Amrani")).toBe("FA");
    expect(personInitials("Zoë Çelik")).toBe("ZÇ");
    expect(personInitials("Cher")).toBe("C");
    expect(personInitials("  ")).toBe("");
    expect(personInitials("'t Hart")).toBe("TH");
    expect(personInitials("🙂 Emoji Person")).toBe("EP");
  });
});
