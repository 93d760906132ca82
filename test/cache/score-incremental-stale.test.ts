/**
 * The mutation test of test/cache/score-incremental.test.ts: with the teachers a changed file
 * names left out on purpose (their last, stale result used), its comparison with `--no-cache`
 * must fail. Were it to pass, it could not tell a wrong number from a right one.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { copyDemoSchool, removeDir } from "../helpers/temp-repo.js";
import { T02, incrementally, scoreSchool } from "../helpers/score-incremental.js";

const stale = vi.hoisted(() => ({ on: false }));
vi.mock("../../src/score/incremental.js", async (original) => {
  const real = await original<typeof import("../../src/score/incremental.js")>();
  // Switched on: nobody is scored again, every teacher's last result is used.
  return { ...real, affectedTeachers: (...args: Parameters<typeof real.affectedTeachers>) => (stale.on ? new Set<string>() : real.affectedTeachers(...args)) };
});

let school: ReturnType<typeof scoreSchool>;
beforeEach(() => {
  school = scoreSchool(copyDemoSchool());
});
afterEach(() => {
  stale.on = false;
  removeDir(school.dir);
});

describe("a stale teacher result re-used on purpose", () => {
  it("is caught by the comparison with --no-cache", async () => {
    await school.primed();
    school.replaced(T02, "title: 10月听课记录（4节）\n    count: 4", "title: 10月听课记录（4节）\n    count: 14");
    stale.on = true;
    const failure = await school.sameAsUncached("t02's result kept stale").then(() => undefined, (e: Error) => e.message);
    // The output differs from a whole score's (not some other failure).
    expect(failure).toMatch(/^t02's result kept stale: score [^:]*: expected '[^]*' to be '[^]*Object\.is equality$/);
  });

  it("and without the mutation the same edit passes", async () => {
    await school.primed();
    school.replaced(T02, "title: 10月听课记录（4节）\n    count: 4", "title: 10月听课记录（4节）\n    count: 14");
    expect(incrementally(await school.sameAsUncached("t02's record changed"))).toBe(true);
  });
});
