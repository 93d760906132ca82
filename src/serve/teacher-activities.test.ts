import { describe, expect, it } from "vitest";
import type { Activity } from "../model.js";
import { TeacherActivities } from "./teacher-activities.js";
import { loadOrder } from "./file-index.js";

const act = (teacher: string, file: string, index: number): Activity =>
  ({ teacher, file, date: "2026-04-01", kind: "k", title: `${file}#${index}`, count: 1, evidence: [], origin: { file, index, line: index + 1 } } as unknown as Activity);
const titles = (list: readonly Activity[]) => list.map((a) => a.title);

describe("TeacherActivities", () => {
  const r1 = "records/2025-2026-1/t01.yaml";
  const r2 = "records/2025-2026-2/t01.yaml";
  const s1 = "sessions/2025-2026-1/arts.yaml";
  const s2 = "sessions/2025-2026-2/arts.yaml";

  it("a new file goes where a load reads it: between files, not at the end", () => {
    const index = TeacherActivities.of([act("t01", r1, 0), act("t01", s1, 0), act("t01", s2, 0)]);
    index.replaceFile(r2, [], [act("t01", r2, 0), act("t01", r2, 1)], loadOrder);
    expect(titles(index.of("t01"))).toEqual([`${r1}#0`, `${r2}#0`, `${r2}#1`, `${s1}#0`, `${s2}#0`]);
  });

  it("a session file changes every member it names; a member no longer named loses it", () => {
    const index = TeacherActivities.of([act("t01", r1, 0), act("t01", s1, 0), act("t02", s1, 0)]);
    index.replaceFile(s1, [act("t01", s1, 0), act("t02", s1, 0)], [act("t01", s1, 0), act("t03", s1, 0), act("t01", s1, 1)], loadOrder);
    expect(titles(index.of("t01"))).toEqual([`${r1}#0`, `${s1}#0`, `${s1}#1`]);
    expect(index.of("t02")).toEqual([]);
    expect(titles(index.of("t03"))).toEqual([`${s1}#0`]);
  });

  it("a file's activities are replaced where they stood", () => {
    const index = TeacherActivities.of([act("t01", r1, 0), act("t01", r2, 0), act("t01", r2, 1), act("t01", s1, 0)]);
    index.replaceFile(r2, [act("t01", r2, 0), act("t01", r2, 1)], [act("t01", r2, 0)], loadOrder);
    expect(titles(index.of("t01"))).toEqual([`${r1}#0`, `${r2}#0`, `${s1}#0`]);
  });
});
