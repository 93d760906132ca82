/**
 * The entry a cold run puts, stamped from the load's own looks at the files
 * (src/cache/cold-stamp.ts), is found by the next warm run of the real binary on real files,
 * and missed once a file changed. Whether a run answered from the cache is read from the
 * modules it loaded (a miss loads the loading pipeline), as in tool-rebuilt.test.ts.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../helpers/build.js";
import { copyDemoSchool, removeDir, REPO_ROOT, tempDir } from "../helpers/temp-repo.js";

const TRACE_HOOK = fileURLToPath(new URL("../helpers/module-trace.mjs", import.meta.url));

describe("a cold run's entry and the warm run after it (real binary, real files)", () => {
  let home: string;
  const schools: string[] = [];
  beforeAll(() => {
    ensureBuilt();
    home = tempDir("yanxiu-keys-");
  });
  afterAll(() => [home, ...schools].forEach(removeDir));

  const run = (school: string, ...args: string[]) => {
    const trace = join(home, "modules.txt");
    rmSync(trace, { force: true });
    const r = spawnSync(process.execPath, ["--import", TRACE_HOOK, join(REPO_ROOT, "bin", "yanxiu.js"), ...args], {
      cwd: school,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", YANXIU_TODAY: "2026-11-23", YANXIU_CACHE_KEY_FILE: join(home, "key"), YANXIU_MODULE_TRACE: trace, YANXIU_TRACE_INCREMENTAL: "1" },
    });
    // Computed: the full CLI loaded the pipeline, or (a plain cold check or score, from the warm
    // path's second bundle, which the module trace does not see) the incremental run said which way it went.
    const said = /^yanxiu: incremental( score)?: .*\n/gm;
    const computed = readFileSync(trace, "utf8").includes("/dist/pipeline/load.js") || said.test(r.stderr);
    return { out: `${r.status}\n${r.stdout}${r.stderr.replace(said, "")}`, cached: !computed };
  };

  for (const settled of [true, false]) {
    it(`answers warm from the cold run's entry, ${settled ? "files settled" : "every file racy (just copied)"}, and misses after an edit`, async () => {
      const school = copyDemoSchool();
      schools.push(school);
      // Files changed in the last two seconds are also compared by content (src/cache/results.ts).
      if (settled) await new Promise((done) => setTimeout(done, 2100));
      const commands = [["check", "--format", "json"], ["score", "--format", "json"]];
      for (const args of commands) {
        const cold = run(school, ...args);
        expect(cold.cached, args.join(" ")).toBe(false);
        const warm = run(school, ...args);
        expect(warm.cached, args.join(" ")).toBe(true);
        expect(warm.out).toBe(cold.out);
      }
      appendFileSync(join(school, "records", "2025-2026-1", "t01.yaml"), "# edited\n");
      const check = run(school, ...commands[0]!);
      expect(check.cached).toBe(false);
      expect(run(school, ...commands[0]!)).toEqual({ ...check, cached: true });
    });
  }
});
