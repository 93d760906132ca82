import { describe, expect, it } from "vitest";
import { isRealDate } from "../../src/schema/fields.js";

describe("isRealDate", () => {
  it("accepts calendar dates, with a time after them", () => {
    for (const d of ["2025-09-12", "2024-02-29", "2000-02-29", "2025-12-31", "2025-01-31", "0100-01-01", "2025-09-12T08:30", "2025-09-12 08:30:00+08:00"]) {
      expect(isRealDate(d), d).toBe(true);
    }
  });
  it("refuses dates that do not exist and other spellings", () => {
    for (const d of ["2023-02-29", "1900-02-29", "2100-02-29", "2025-04-31", "2025-06-31", "2025-13-01", "2025-00-10", "2025-01-00", "2025-01-32", "0099-12-31", "0000-01-01", "2025-9-12", "2025/09/12", "", "２０２５-09-12"]) {
      expect(isRealDate(d), d).toBe(false);
    }
  });
});
