/**
 * The page after a save (savedStanding) scores less than 我的研修 (myPage): a trace of only the
 * items taking the saved record's kind, no records list, no explain. Its numbers must be the
 * ones 我的研修 shows: for every demo teacher and every record file of theirs, in both languages.
 */
import { describe, expect, it } from "vitest";
import { loadRepo } from "../pipeline/load.js";
import { DEMO_SCHOOL } from "../../test/helpers/temp-repo.js";
import { myPage, savedStanding } from "./my-data.js";

const TODAY = "2026-04-20";

describe("savedStanding", () => {
  const repo = loadRepo(DEMO_SCHOOL);
  const dataset = repo.dataset!;
  const scheme = repo.scheme!;

  it("gives 我的研修's credit of a file's newest record and its standing, for every teacher and file", () => {
    let credited = 0;
    let files = 0;
    const shortfalls = new Set<string>();
    for (const teacher of dataset.roster.teachers) {
      const own = [...new Set(dataset.activities.filter((a) => a.teacher === teacher.id && a.group === undefined).map((a) => a.origin.file))];
      for (const lang of ["zh", "en"] as const) {
        const page = myPage(dataset, scheme, teacher.id, TODAY, lang, { gaps: false })!;
        for (const file of [...own, "records/2025-2026-2/nobody.yaml"]) {
          const newest = page.records.filter((r) => r.file === file).sort((a, b) => b.index - a.index)[0];
          const saved = savedStanding(dataset, scheme, teacher.id, file, TODAY, lang)!;
          expect(saved, `${teacher.id} ${file}`).toEqual({ credit: newest?.credit, shortfall: newest?.shortfall, unit: page.unit, requirements: page.requirements });
          if (newest?.shortfall) shortfalls.add(newest.shortfall);
          if ((newest?.credit ?? 0) > 0) credited++;
          files++;
        }
      }
    }
    // The comparison covered records that earned credit, not only empty answers.
    expect(files).toBeGreaterThan(2 * dataset.roster.teachers.length);
    expect(credited).toBeGreaterThan(20);
    // And records that earn less than their worth, for more than one reason.
    expect(shortfalls.size).toBeGreaterThan(1);
  });

  it("pins one case by hand: t16's newest record of the spring term", () => {
    // 2026-07-01 lesson-prep, score 8: lesson-prep counts the score up to 10, capped at 10 a year,
    // and it is t16's only lesson-prep of 2025-2026 → 8 学时.
    const saved = savedStanding(dataset, scheme, "t16", "records/2025-2026-2/t16.yaml", TODAY, "zh")!;
    expect(saved.unit).toBe("学时");
    expect(saved.credit).toBe(8);
  });

  it("is undefined for someone not on the roster", () => {
    expect(savedStanding(dataset, scheme, "nobody", "records/2025-2026-2/t16.yaml", TODAY, "zh")).toBeUndefined();
  });
});
