/**
 * A rebuilt yanxiu never answers from a result its older build made: the real binary, copied
 * with its dist/ and the build's stamp step, run on the demo school; whether a run answered
 * from the cache is read from the modules it loaded (a miss loads the loading pipeline), as
 * in test/cli/start-up.test.ts: no timings.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../helpers/build.js";
import { copyDemoSchool, removeDir, REPO_ROOT, tempDir } from "../helpers/temp-repo.js";

const TRACE_HOOK = fileURLToPath(new URL("../helpers/module-trace.mjs", import.meta.url));

describe("the result cache and a rebuilt tool", () => {
  let tool: string;
  let home: string;
  let school: string;

  beforeAll(() => {
    ensureBuilt();
    tool = tempDir("yanxiu-tool-");
    for (const part of ["bin", "dist", "package.json"]) cpSync(join(REPO_ROOT, part), join(tool, part), { recursive: true });
    mkdirSync(join(tool, "scripts"));
    cpSync(join(REPO_ROOT, "scripts", "build-stamp.js"), join(tool, "scripts", "build-stamp.js"));
    symlinkSync(join(REPO_ROOT, "node_modules"), join(tool, "node_modules"));
    mkdirSync(join(tool, "src")); // a checkout: the sources beside dist/, where a compile can happen
    home = tempDir("yanxiu-keys-");
    school = copyDemoSchool();
  });
  afterAll(() => [tool, home, school].forEach(removeDir));

  /** Runs `check --format json` with the copied tool: its output, and whether it answered from the cache. */
  function check(): { stdout: string; cached: boolean } {
    const trace = join(home, "modules.txt");
    rmSync(trace, { force: true });
    const r = spawnSync(process.execPath, ["--import", TRACE_HOOK, join(tool, "bin", "yanxiu.js"), "check", "--format", "json"], {
      cwd: school,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", YANXIU_TODAY: "2026-11-23", YANXIU_CACHE_KEY_FILE: join(home, "key"), YANXIU_MODULE_TRACE: trace },
    });
    expect(r.status, r.stderr).toBe(0);
    const loaded = readFileSync(trace, "utf8");
    expect(loaded).toContain(`${tool}/dist/cli/main.js`); // the copy ran, not the checkout
    return { stdout: r.stdout, cached: !loaded.includes("/dist/pipeline/load.js") };
  }

  /** The compiler writing every module again (here: the same bytes, one second later). */
  function recompile(): void {
    const later = Date.now() / 1000 + 1;
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name);
        if (e.isDirectory()) walk(path);
        else if (e.name.endsWith(".js")) {
          writeFileSync(path, readFileSync(path));
          utimesSync(path, later, later);
        }
      }
    };
    walk(join(tool, "dist"));
  }

  const stampStep = () => spawnSync(process.execPath, [join(tool, "scripts", "build-stamp.js")], { encoding: "utf8" });

  it("answers from the cache while the build is the same, and afresh after each kind of rebuild", () => {
    const cold = check();
    expect(cold.cached).toBe(false);
    expect(check()).toEqual({ stdout: cold.stdout, cached: true });

    // npm run build: the compiler, then the stamp step.
    recompile();
    expect(stampStep().status).toBe(0);
    expect(check()).toEqual({ stdout: cold.stdout, cached: false });
    expect(check().cached).toBe(true);

    // The compiler alone (npx tsc): the stamp is left as it was, and is not believed.
    recompile();
    expect(check()).toEqual({ stdout: cold.stdout, cached: false });
    expect(check().cached).toBe(true); // every module by its stats, until the next stamp

    // Installed from the package (no sources beside dist/): npm and tar give the files times of
    // their own, and the stamp still holds while the sentinels' contents are as built.
    rmSync(join(tool, "src"), { recursive: true });
    expect(stampStep().status).toBe(0);
    expect(check()).toEqual({ stdout: cold.stdout, cached: false }); // from every module's stats to the stamp
    expect(check().cached).toBe(true);
    recompile();
    expect(check()).toEqual({ stdout: cold.stdout, cached: true });
  });
});
