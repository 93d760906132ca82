import { describe, expect, it } from "vitest";
import { derivedRef, refsOfItems } from "./ref.js";

describe("refsOfItems", () => {
  it("derives each ref from the fields, numbering exact copies, and keeps a written id", () => {
    const a = { date: "2026-04-15", kind: "observation", title: "听课" };
    const b = { date: "2026-04-15", kind: "observation", title: "听课" };
    const c = { id: "r-1", date: "2026-04-15", kind: "observation", title: "听课" };
    expect(refsOfItems("record", "t16", [a, b, c])).toEqual([
      derivedRef("record", "t16", "2026-04-15", "observation", "听课"),
      derivedRef("record", "t16", "2026-04-15", "observation", "听课", 2),
      "r-1",
    ]);
    // sha256("record\0t16\02026-04-15\0observation\0听课\0") begins so (computed with Python's hashlib).
    expect(derivedRef("record", "t16", "2026-04-15", "observation", "听课")).toBe("adb6ee2d51dd");
  });

  it("an item seen before is hashed afresh when its fields or its owner differ (the remembered ref is not reused)", () => {
    const it1 = { date: "2026-04-15", kind: "observation", title: "听课" };
    const first = refsOfItems("record", "t16", [it1])[0];
    expect(refsOfItems("record", "t16", [it1])[0]).toBe(first);
    expect(refsOfItems("record", "t17", [it1])[0]).toBe(derivedRef("record", "t17", "2026-04-15", "observation", "听课"));
    expect(refsOfItems("session", "t16", [it1])[0]).toBe(derivedRef("session", "t16", "2026-04-15", "observation", "听课"));
    it1.title = "听课(改)";
    expect(refsOfItems("record", "t16", [it1])[0]).toBe(derivedRef("record", "t16", "2026-04-15", "observation", "听课(改)"));
    it1.date = "2026-04-16";
    expect(refsOfItems("record", "t16", [it1])[0]).toBe(derivedRef("record", "t16", "2026-04-16", "observation", "听课(改)"));
    it1.kind = "reflection";
    expect(refsOfItems("record", "t16", [it1])[0]).toBe(derivedRef("record", "t16", "2026-04-16", "reflection", "听课(改)"));
    expect(new Set([first, derivedRef("record", "t16", "2026-04-16", "reflection", "听课(改)")]).size).toBe(2);
  });
});
