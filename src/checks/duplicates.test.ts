import { describe, expect, it } from "vitest";
import type { Activity } from "../model.js";
import type { CheckContext } from "./context.js";
import { duplicateRecord } from "./duplicates.js";

/** An activity of file f.yaml at `line` (no source kept: problems point at the line). */
function act(line: number, teacher: string, date: string, kind: string, title: string): Activity {
  return { teacher, date, kind, title, count: 1, evidence: [], origin: { file: `${teacher}.yaml`, index: line, line } } as Activity;
}

function found(activities: Activity[]): string[] {
  const ctx = { activities, dataset: { activities }, source: () => undefined } as unknown as CheckContext;
  return duplicateRecord.run(ctx).map((p) => `${p.file}:${p.line} ${typeof p.message === "string" ? p.message : p.message.id}`);
}

describe("duplicate-record", () => {
  it("reports each later copy against the first of its teacher, date, kind and folded title, and nothing else", () => {
    const problems = found([
      act(1, "t1", "2025-09-01", "听课", "听课《荷塘月色》"),
      act(2, "t1", "2025-09-01", "评课", "听课《荷塘月色》"), // another kind: not a copy
      act(3, "t1", "2025-09-02", "听课", "听课《荷塘月色》"), // another date
      act(4, "t2", "2025-09-01", "听课", "听课《荷塘月色》"), // another teacher
      act(5, "t1", "2025-09-01", "听课", "听课<<荷塘月色>>"), // folds to line 1's title
      act(6, "t1", "2025-09-01", "评课", "听课《荷塘月色》"), // a copy of line 2
      act(7, "t1", "2025-09-01", "听课", "反思"), // same teacher and date, another title
      act(8, "t1", "2025-09-01", "听课", "反思"), // a copy of line 7, the third key on that date
    ]);
    expect(problems).toEqual(["t1.yaml:5 duplicate-record.alike", "t1.yaml:6 duplicate-record", "t1.yaml:8 duplicate-record"]);
  });
});
