import { describe, expect, it } from "vitest";
import { dedupeKey, duplicates } from "./dedupe.js";

describe("dedupe", () => {
  it("keys by ref, else by title", () => {
    expect(dedupeKey(["ref"], { ref: "P1", title: "x" })).toBe("p1");
    expect(dedupeKey(["ref"], { title: " 课题A " })).toBe("课题a");
    expect(dedupeKey(["ref", "stage"], { ref: "P1", stage: "approved" })).not.toBe(dedupeKey(["ref", "stage"], { ref: "P1", stage: "concluded" }));
  });
  it("keeps only the highest per key", () => {
    // lead 5 and participant 3 of P1, and P2 at 2: the participant record of P1 loses
    const recs = [
      { k: "P1", c: 3 },
      { k: "P1", c: 5 },
      { k: "P2", c: 2 },
    ];
    expect([...duplicates(recs, (r) => r.k, (r) => r.c)]).toEqual([0]);
  });
  it("ties keep the first", () => {
    expect([...duplicates([{ k: "a", c: 1 }, { k: "a", c: 1 }], (r) => r.k, (r) => r.c)]).toEqual([1]);
  });
});
