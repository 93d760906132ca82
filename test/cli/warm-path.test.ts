/**
 * bin/yanxiu.js loads the warm path (dist/cli/warm.cjs, bundled by scripts/build-warm.js) only
 * when it is there and not older than the compiled modules: after a compile without the bundle
 * step it would answer with the code before the compile. Run on a copy of bin/ and dist/ (the
 * tests share the real ones), with the module trace of test/helpers/module-trace.mjs.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../helpers/build.js";
import { copyDemoSchool, REPO_ROOT, removeDir, tempDir } from "../helpers/temp-repo.js";

const TRACE_HOOK = fileURLToPath(new URL("../helpers/module-trace.mjs", import.meta.url));

describe("the warm path's bundle", () => {
  let tool: string;
  let home: string;
  let school: string;

  /** A run of the copied binary: its output and which of its modules it loaded. */
  function run(args: string[]): { code: number | null; stdout: string; ours: string[] } {
    const trace = join(home, "modules.txt");
    rmSync(trace, { force: true });
    const r = spawnSync(process.execPath, ["--import", TRACE_HOOK, join(tool, "bin", "yanxiu.js"), ...args], {
      cwd: school,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", YANXIU_TODAY: "2026-11-23", YANXIU_CACHE_KEY_FILE: join(home, "key"), YANXIU_MODULE_TRACE: trace },
    });
    const urls = readFileSync(trace, "utf8").split("\n").filter(Boolean);
    return { code: r.status, stdout: r.stdout, ours: [...new Set(urls.flatMap((u) => /\/dist\/(.+)\.c?js$/.exec(u)?.[1] ?? []))] };
  }

  beforeAll(() => {
    ensureBuilt();
    tool = tempDir("yanxiu-tool-");
    home = tempDir("yanxiu-keys-");
    school = copyDemoSchool();
    cpSync(join(REPO_ROOT, "bin"), join(tool, "bin"), { recursive: true, preserveTimestamps: true });
    cpSync(join(REPO_ROOT, "dist"), join(tool, "dist"), { recursive: true, preserveTimestamps: true });
    cpSync(join(REPO_ROOT, "package.json"), join(tool, "package.json"));
    symlinkSync(join(REPO_ROOT, "node_modules"), join(tool, "node_modules"));
  });
  afterAll(() => {
    for (const dir of [tool, home, school]) removeDir(dir);
  });

  it("checks after an edit from its second bundle, compiled from source when the code cache is junk, and leaves it to the full CLI when it is missing", () => {
    const record = join(school, "records", "2025-2026-1", "t01.yaml");
    const original = readFileSync(record);
    const edit = (n: number) => appendFileSync(record, `# edit ${n}\n`);
    const uncached = () => run(["check", "--format", "json", "--no-cache"]).stdout;
    try {
      rmSync(join(school, ".yanxiu-cache"), { recursive: true, force: true });
      expect(run(["check", "--format", "json"]).code).toBe(0);
      edit(1);
      expect(run(["check", "--format", "json"]).code).toBe(0); // whole: keeps the incremental entry
      edit(2);
      const side = run(["check", "--format", "json"]);
      expect([side.code, side.stdout, side.ours]).toEqual([0, uncached(), ["cli/warm"]]);

      const cache = join(tool, "dist", "cli", "incremental.cjs.v8cache");
      writeFileSync(cache, "junk, not V8's");
      edit(3);
      const junk = run(["check", "--format", "json"]);
      expect([junk.code, junk.stdout, junk.ours]).toEqual([0, uncached(), ["cli/warm"]]);

      rmSync(join(tool, "dist", "cli", "incremental.cjs"));
      edit(4);
      const missing = run(["check", "--format", "json"]);
      expect([missing.code, missing.stdout]).toEqual([0, uncached()]);
      expect(missing.ours).toContain("cli/check-incremental"); // the full CLI's own
      expect(missing.ours).toContain("pipeline/load");
    } finally {
      writeFileSync(record, original);
      rmSync(join(school, ".yanxiu-cache"), { recursive: true, force: true }); // the next test starts cold
      cpSync(join(REPO_ROOT, "dist", "cli"), join(tool, "dist", "cli"), { recursive: true, preserveTimestamps: true });
    }
  });

  it("checks a school with problems whole from its second bundle as the full CLI does, in every format and language", () => {
    const records = join(school, "records", "2025-2026-1");
    const files = ["t01.yaml", "t02.yaml", "t03.yaml"].map((f) => join(records, f));
    const originals = files.map((f) => readFileSync(f));
    try {
      // A syntax error, a bad date, an unknown kind: each file has its own problem, found by the slow path.
      appendFileSync(files[0]!, "  - date: [unclosed\n");
      writeFileSync(files[1]!, readFileSync(files[1]!, "utf8").replace(/date: \S+/, "date: 2025-13-45"));
      writeFileSync(files[2]!, readFileSync(files[2]!, "utf8").replace(/kind: \S+/, "kind: no-such-kind"));
      for (const args of [["--format", "json"], ["--format", "text"], ["--format", "text", "--lang", "en"], ["--format", "github", "--lang", "en"]]) {
        rmSync(join(school, ".yanxiu-cache"), { recursive: true, force: true });
        const cold = run(["check", ...args]);
        const full = run(["check", ...args, "--no-cache"]);
        expect(full.ours).toContain("pipeline/load"); // --no-cache is no plain line: the full CLI
        expect([cold.code, cold.stdout, cold.ours]).toEqual([1, full.stdout, ["cli/warm"]]);
        expect(cold.stdout).toMatch(/yaml-syntax|YAML/);
      }
    } finally {
      files.forEach((f, i) => writeFileSync(f, originals[i]!));
      rmSync(join(school, ".yanxiu-cache"), { recursive: true, force: true });
    }
  }, 120_000);

  it("scores cold from its second bundle as the full CLI does (JSON and the table; other formats through the full CLI; a usage error), and warm from the cache alone", () => {
    const runs = [["--format", "json"], ["--format", "text"], ["--format", "text", "--lang", "en"], ["--json", "--teacher", "t02"], ["--format", "csv", "--lang", "en"], ["--format", "markdown"]];
    for (const args of runs) {
      rmSync(join(school, ".yanxiu-cache"), { recursive: true, force: true });
      const cold = run(["score", "--year", "2025-2026", ...args]);
      const full = run(["score", "--year", "2025-2026", ...args, "--no-cache"]);
      expect(full.ours).toContain("cli/score-run"); // --no-cache is no plain line: the full CLI
      expect([cold.code, cold.stdout]).toEqual([0, full.stdout]);
      // JSON and the table from the second bundle alone; csv, markdown … through the full CLI, as before.
      if (["csv", "markdown"].includes(args[1]!)) expect(cold.ours).toContain("cli/score-run");
      else expect(cold.ours).toEqual(["cli/warm"]);
      const warm = run(["score", "--year", "2025-2026", ...args]);
      expect([warm.code, warm.stdout, warm.ours]).toEqual([0, full.stdout, ["cli/warm"]]);
    }
    rmSync(join(school, ".yanxiu-cache"), { recursive: true, force: true });
    const unknown = spawnSync(process.execPath, [join(tool, "bin", "yanxiu.js"), "score", "--teacher", "nobody"], {
      cwd: school, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", YANXIU_TODAY: "2026-11-23", YANXIU_CACHE_KEY_FILE: join(home, "key") },
    });
    const unknownFull = spawnSync(process.execPath, [join(tool, "bin", "yanxiu.js"), "score", "--teacher", "nobody", "--no-cache"], {
      cwd: school, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", YANXIU_TODAY: "2026-11-23", YANXIU_CACHE_KEY_FILE: join(home, "key") },
    });
    expect(unknown.stderr).toMatch(/^yanxiu: .*nobody/);
    expect([unknown.status, unknown.stdout, unknown.stderr]).toEqual([2, unknownFull.stdout, unknownFull.stderr]);
    rmSync(join(school, ".yanxiu-cache"), { recursive: true, force: true });
  }, 180_000);

  it("answers a warm check alone, and is passed by when older than the compiled modules or missing", () => {
    const cold = run(["check", "--format", "json"]);
    expect(cold.code).toBe(0);
    // Missed the cache: checked whole from the second bundle, the full CLI never loaded.
    expect([cold.code, cold.stdout, cold.ours]).toEqual([0, run(["check", "--format", "json", "--no-cache"]).stdout, ["cli/warm"]]);
    const warm = run(["check", "--format", "json"]);
    expect([warm.code, warm.stdout, warm.ours]).toEqual([0, cold.stdout, ["cli/warm"]]);

    // A compile after the bundle (`npx tsc` alone): the full CLI answers, from the same cache entry.
    const bundle = join(tool, "dist", "cli", "warm.cjs");
    const compiled = statSync(join(tool, "dist", "cli", "main.js")).mtime;
    utimesSync(bundle, compiled, new Date(compiled.getTime() - 60_000));
    const stale = run(["check", "--format", "json"]);
    expect([stale.code, stale.stdout]).toEqual([0, cold.stdout]);
    expect(stale.ours).not.toContain("cli/warm");
    expect(stale.ours).toContain("cli/check");
    expect(stale.ours).not.toContain("pipeline/load"); // still warm: the result cache answered

    rmSync(bundle);
    const missing = run(["check", "--format", "json"]);
    expect([missing.code, missing.stdout]).toEqual([0, cold.stdout]);
    expect(missing.ours).not.toContain("cli/warm");
    expect(missing.ours).toContain("cli/check");
  });
});
