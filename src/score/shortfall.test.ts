import { describe, expect, it } from "vitest";
import { shortfallFacts } from "./shortfall.js";
import { shortfallText } from "../reports/shortfalls.js";
import type { TraceEntry } from "./types.js";

const at = (index: number) => ({ file: "records/t/t01.yaml", line: index + 3, index });
const credit = (index: number, amount: number, counted?: number, reason?: string): TraceEntry =>
  ({ teacher: "t01", item: "x", step: "credit", origin: at(index), amount, ...(counted !== undefined ? { counted } : {}), ...(reason ? { reason } : {}) }) as TraceEntry;

describe("shortfallFacts", () => {
  it("says which records earn less than their worth, and why", () => {
    const trace: TraceEntry[] = [
      credit(0, 5),                                    // earns its worth
      credit(1, 5, 3),                                 // cut by the cap to 3
      credit(2, 5, 0),                                 // over the cap
      { teacher: "t01", item: "x", step: "excluded", origin: at(3), amount: 0, reason: "no-evidence" } as TraceEntry,
      credit(4, 0, undefined, "tally"),                // counts toward a tier: no shortfall of its own
      { teacher: "t01", item: "x", step: "cap", amount: -7 } as TraceEntry, // no origin: not a record's
    ];
    const facts = shortfallFacts(trace);
    expect([...facts]).toEqual([
      ["records/t/t01.yaml#1", { worth: 5, counted: 3 }],
      ["records/t/t01.yaml#2", { worth: 5, counted: 0 }],
      ["records/t/t01.yaml#3", { reason: "no-evidence" }],
    ]);
    expect([...facts.values()].map((f) => shortfallText(f, "zh"))).toEqual(["原为 5,按本项上限只计 3", "已达本项上限,不计", "缺少证明材料"]);
    expect(shortfallText({ worth: 5, counted: 3 }, "en")).toBe("worth 5, 3 within the item's cap");
  });
});
