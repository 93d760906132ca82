import { describe, expect, it } from "vitest";
import type { Activity } from "../model.js";
import type { TeacherOutcome } from "./evaluate.js";
import { affectedTeachers, FACT_BROKEN, FACT_GROUPED, FACT_REVIEWED, factsOfFiles, filesToRead, mergeOutcomes, type FileFacts } from "./incremental.js";

const act = (teacher: string, file: string, index: number, extra: Partial<Activity> = {}): Activity => ({
  teacher, date: "2025-10-01", kind: "observation", title: "听课", count: 1, evidence: [], origin: { file, line: 3 + index, index }, ...extra,
} as Activity);

const R1 = "records/2025-2026-1/t01.yaml";
const R2 = "records/2025-2026-1/t02.yaml";
const S = "sessions/2025-2026-1/arts.yaml";
const EMPTY = "records/2025-2026-1/t09.yaml";

describe("factsOfFiles", () => {
  it("names each file's teachers (sorted, once), its flags and its entries of an unknown kind", () => {
    const facts = factsOfFiles(
      [{ file: R1, broken: false }, { file: R2, broken: true }, { file: S, broken: false }, { file: EMPTY, broken: false }],
      [
        act("t01", R1, 0), act("t01", R1, 1, { kind: "dream" }), act("t01", R1, 2, { kind: "dream" }),
        act("t02", R2, 0, { status: "approved" }),
        // a session entry: one activity per attendee, one entry of an unknown kind counted once
        act("t19", S, 0, { group: "arts", kind: "dream" } as Partial<Activity>), act("t04", S, 0, { group: "arts", kind: "dream" } as Partial<Activity>),
        act("t04", S, 1, { group: "arts", status: "draft" } as Partial<Activity>),
        act("t77", "records/elsewhere.yaml", 0), // not a listed file: no facts
      ],
      (kind) => kind !== "dream",
    );
    expect(Object.fromEntries(facts)).toEqual({
      [R1]: [["t01"], 0, 2],
      [R2]: [["t02"], FACT_BROKEN | FACT_REVIEWED, 0],
      [S]: [["t04", "t19"], FACT_GROUPED, 1],
      [EMPTY]: [[], 0, 0],
    });
  });
});

describe("affectedTeachers and filesToRead", () => {
  const before = new Map<string, FileFacts>([
    [R1, [["t01"], 0, 0]],
    [R2, [["t02"], 0, 0]],
    [S, [["t04", "t19"], FACT_GROUPED, 0]],
    ["sessions/2025-2026-1/math.yaml", [["t02", "t05"], FACT_GROUPED, 0]],
    ["records/2025-2026-2/t19.yaml", [["t19"], 0, 0]],
  ]);

  it("takes whom a changed file named before and names now; a file gone names no one now", () => {
    expect([...affectedTeachers(before, [S], new Map([[S, ["t01", "t19"]]]))].sort()).toEqual(["t01", "t04", "t19"]);
    expect([...affectedTeachers(before, [R2], new Map())]).toEqual(["t02"]);
    expect([...affectedTeachers(before, ["records/2025-2026-2/t24.yaml"], new Map([["records/2025-2026-2/t24.yaml", ["t24"]]]))]).toEqual(["t24"]);
  });

  it("reads every file naming an affected teacher, the changed ones, and with group requirements every group session", () => {
    expect([...filesToRead(before, new Set(["t19"]), [S], false)].sort()).toEqual(["records/2025-2026-2/t19.yaml", S]);
    expect([...filesToRead(before, new Set(["t02"]), [], false)].sort()).toEqual([R2, "sessions/2025-2026-1/math.yaml"]);
    expect([...filesToRead(before, new Set(["t01"]), [R1], true)].sort()).toEqual([R1, S, "sessions/2025-2026-1/math.yaml"]);
    expect([...filesToRead(before, new Set(["t24"]), ["records/2025-2026-2/t24.yaml"], false)]).toEqual(["records/2025-2026-2/t24.yaml"]);
  });
});

describe("mergeOutcomes", () => {
  const outcome = (teacher: string, total: number): TeacherOutcome => ({ teacher, score: { total } as TeacherOutcome["score"], trace: [] });
  const kept = new Map([["t01", outcome("t01", 10)], ["t02", outcome("t02", 20)], ["t03", outcome("t03", 30)]]);

  it("takes the new outcome of an affected teacher and the kept one of every other, in the roster's order", () => {
    const merged = mergeOutcomes(["t01", "t02", "t03"], kept, [outcome("t02", 25)], new Set(["t02"]));
    expect(merged?.map((o) => [o.teacher, o.score?.total])).toEqual([["t01", 10], ["t02", 25], ["t03", 30]]);
  });

  it("gives up when a teacher has neither (then everyone is scored)", () => {
    expect(mergeOutcomes(["t01", "t04"], kept, [], new Set())).toBeUndefined();
    // an affected teacher's kept outcome is never used, even when the new one is missing
    expect(mergeOutcomes(["t01", "t02"], kept, [], new Set(["t02"]))).toBeUndefined();
  });
});
