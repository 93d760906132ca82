import { describe, expect, it } from "vitest";
import { eachCredit } from "./each.js";

describe("each", () => {
  it("multiplies by count", () => {
    expect(eachCredit(3, { count: 1 })).toBe(3);
    // 4 reflections in one record at 1 each = 4
    expect(eachCredit(1, { count: 4 })).toBe(4);
    // Guangxi: 0.5 per half day, 3 half days = 1.5
    expect(eachCredit(0.5, { count: 3 })).toBe(1.5);
    expect(eachCredit(5, { count: 0 })).toBe(0);
  });
});
