import { describe, expect, it } from "vitest";
import { exclusion } from "./conditions.js";

const rec = (over: object = {}) => ({ evidence: [] as string[], ...over });

describe("conditions", () => {
  it("roles and exceptRoles", () => {
    expect(exclusion({ roles: ["不兼课行政"] }, rec(), ["青年教师"], false)).toBe("role");
    expect(exclusion({ roles: ["不兼课行政"] }, rec(), ["不兼课行政"], false)).toBeUndefined();
    expect(exclusion({ exceptRoles: ["不兼课行政"] }, rec(), ["不兼课行政"], false)).toBe("role");
  });
  it("rejected never counts; approvedOnly needs approved or verified", () => {
    expect(exclusion({}, rec({ status: "rejected" }), [], false)).toBe("status");
    expect(exclusion({}, rec(), [], false)).toBeUndefined();
    expect(exclusion({}, rec(), [], true)).toBe("status");
    expect(exclusion({}, rec({ status: "verified" }), [], true)).toBeUndefined();
    expect(exclusion({ statuses: ["verified"] }, rec({ status: "approved" }), [], false)).toBe("status");
  });
  it("minimum words", () => {
    expect(exclusion({ minWords: 2000 }, rec({ words: 1999 }), [], false)).toBe("too-short");
    expect(exclusion({ minWords: 2000 }, rec({ words: 2000 }), [], false)).toBeUndefined();
    expect(exclusion({ minWords: 2000 }, rec(), [], false)).toBe("too-short");
  });
  it("evidence: any piece, or every named piece", () => {
    expect(exclusion({ evidence: [] }, rec(), [], false)).toBe("no-evidence");
    expect(exclusion({ evidence: [] }, rec({ evidence: ["a.pdf"] }), [], false)).toBeUndefined();
    expect(exclusion({ evidence: ["证书"] }, rec({ evidence: ["evidence/t01/获奖证书.jpg"] }), [], false)).toBeUndefined();
    expect(exclusion({ evidence: ["证书", "教案"] }, rec({ evidence: ["获奖证书.jpg"] }), [], false)).toBe("no-evidence");
  });
});
