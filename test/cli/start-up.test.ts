/**
 * Start-up: commands load their modules only when run. The help stays exactly what it was
 * (every command, both languages, pinned in a snapshot file), and `--version` and the warm
 * paths of check and score (answered from the result cache) import neither yaml nor zod,
 * nor the text measuring of string-width (nor, for check, the message catalogue and the
 * formatters): they are answered by the warm path alone (dist/cli/warm.cjs, one CommonJS file
 * bundled by scripts/build-warm.js), whose modules are listed in dist/cli/warm-inputs.json. What
 * was loaded comes from a module loader hook and, for CommonJS, node's module table at exit
 * (test/helpers/module-trace.mjs), around the real binary: no timings.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../helpers/build.js";
import { BIN, runCli } from "../helpers/run-cli.js";
import { commandPaths } from "../helpers/command-paths.js";
import { copyDemoSchool, removeDir, tempDir } from "../helpers/temp-repo.js";

const TRACE_HOOK = fileURLToPath(new URL("../helpers/module-trace.mjs", import.meta.url));

/** The modules bundled into the warm path (dist/cli/warm-inputs.json, written by the build). */
const warmInputs = (): string[] => JSON.parse(readFileSync(join(fileURLToPath(new URL("../../dist/cli", import.meta.url)), "warm-inputs.json"), "utf8")) as string[];

describe("help", () => {
  it("is unchanged for the root and every command, in Chinese and in English", async () => {
    const cwd = tempDir();
    const shown: string[] = [];
    for (const path of await commandPaths()) {
      for (const lang of ["zh", "en"]) {
        const args = [...path.split(" ").filter(Boolean), "--help", "--lang", lang];
        const r = await runCli(args, { cwd });
        expect(r.code, args.join(" ")).toBe(0);
        shown.push(`===== yanxiu ${args.join(" ")}\n${r.stdout}${r.stderr}`);
      }
    }
    const helpOf = await runCli(["help", "check"], { cwd });
    shown.push(`===== yanxiu help check\n${helpOf.stdout}${helpOf.stderr}`);
    const bare = await runCli([], { cwd });
    shown.push(`===== yanxiu (exit ${bare.code})\n${bare.stdout}${bare.stderr}`);
    await expect(shown.join("\n")).toMatchFileSnapshot("./__snapshots__/help.txt");
  });
});

describe("modules loaded by the real binary", () => {
  let home: string;
  let school: string;
  let trace: string;
  const env = () => ({ YANXIU_CACHE_KEY_FILE: join(home, "key"), YANXIU_MODULE_TRACE: trace });

  /** The packages and our own modules a run imported. */
  function loaded(args: string[], more: Record<string, string> = {}, input?: string): { code: number | null; stdout: string; stderr: string; packages: Set<string>; ours: string[]; builtins: string[]; stdin: boolean } {
    rmSync(trace, { force: true });
    const r = spawnSync(process.execPath, ["--import", TRACE_HOOK, BIN, ...args], {
      cwd: school,
      input,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", YANXIU_TODAY: "2026-11-23", ...env(), ...more },
    });
    const urls = readFileSync(trace, "utf8").split("\n").filter(Boolean);
    const packages = new Set(urls.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []));
    const ours = [...new Set(urls.flatMap((u) => /\/dist\/(.+)\.c?js$/.exec(u)?.[1] ?? []))];
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, packages, ours, builtins: urls.filter((u) => u.startsWith("node:")), stdin: urls.includes("process:stdin") };
  }

  beforeAll(() => {
    ensureBuilt();
    home = tempDir("yanxiu-keys-");
    school = copyDemoSchool();
    trace = join(home, "modules.txt");
  });
  afterAll(() => {
    removeDir(home);
    removeDir(school);
  });

  it("sees what a cold run loads (the trace is not vacuous)", () => {
    // Through the full CLI (--no-cache is no plain line): a plain cold check runs from the warm
    // path's second bundle, whose packages are inside it (test/cli/warm-path.test.ts).
    const cold = loaded(["check", "--format", "json", "--no-cache"]);
    expect(cold.code).toBe(0);
    expect(cold.packages).toContain("yaml");
    expect(cold.packages).toContain("zod");
    expect(cold.ours).toContain("pipeline/load");
    expect(cold.builtins).toContain("node:v8"); // the heap's growth is limited when a repository is loaded
    // A run that reads its standard input is seen making it (the warm runs below never do).
    const fromStdin = loaded(["check", "-", "--stdin-filename", "records/2025-2026-1/t01.yaml"], {}, readFileSync(join(school, "records", "2025-2026-1", "t01.yaml"), "utf8"));
    expect([fromStdin.code, fromStdin.stdin]).toEqual([0, true]);
  });

  it("--version loads commander and nothing heavy", () => {
    const v = loaded(["--version"]);
    expect(v.code).toBe(0);
    expect([...v.packages].sort()).toEqual(["commander"]);
    expect(v.ours.filter((m) => /^(messages|schema|format|pipeline|cache)\//.test(m))).toEqual([]);
  });

  it("a first check of a file without problems after a warm whole check renders its summary line without the message catalogue", () => {
    rmSync(join(school, ".yanxiu-cache"), { recursive: true, force: true });
    expect(loaded(["check", "--format", "json"]).code).toBe(0); // the whole check kept, not this file's output
    const first = loaded(["check", "records/2025-2026-1/t01.yaml"]);
    expect([first.code, first.stdout]).toEqual([0, "检查了 1 个文件,没有发现问题 ✓\n"]);
    expect(first.ours).toEqual(["cli/warm"]); // the warm path alone, no module of the full CLI
    // Of the catalogue and the formatters, the warm path holds only the summary line (and score's terminal width).
    expect(warmInputs().filter((m) => /^(messages|format)\/|^did-you-mean/.test(m))).toEqual(["format/summary-line.js", "format/width.js"]);
    expect(warmInputs().filter((m) => /^(pipeline|schema|repo\/yaml|checks|score|rules|reports)\//.test(m))).toEqual([]);
  });

  it("a check after an edited record file runs in the warm path's process, from its second bundle, not the full CLI", () => {
    rmSync(join(school, ".yanxiu-cache"), { recursive: true, force: true });
    const record = join(school, "records", "2025-2026-1", "t01.yaml");
    const original = readFileSync(record);
    try {
      expect(loaded(["check", "--format", "json"]).code).toBe(0); // cold: the whole check kept
      appendFileSync(record, "# edited\n");
      expect(loaded(["check", "--format", "json"]).code).toBe(0); // the first check after a change: whole, and the incremental entry kept
      appendFileSync(record, "# edited again\n");
      for (const args of [["check", "--format", "json"], ["check"]]) {
        appendFileSync(record, `# ${args.join(" ")}\n`);
        const after = loaded(args, { YANXIU_TRACE_INCREMENTAL: "1" });
        expect(after.code).toBe(0);
        expect(after.stderr).toMatch(/^yanxiu: incremental: 1 changed, \d+ checked again, \d+ read\n$/);
        // No ES module of dist/: the warm path's file and its second bundle (dist/cli/incremental.cjs,
        // compiled through node:vm from its code cache, so not in node's table of modules).
        expect(after.ours).toEqual(["cli/warm"]);
        expect(after.packages).not.toContain("commander");
        expect(after.stdin).toBe(false);
        expect(after.stdout).toBe(loaded([...args, "--no-cache"]).stdout);
      }
    } finally {
      writeFileSync(record, original);
    }
  });

  for (const args of [["check", "--format", "json"], ["check"], ["check", "records/2025-2026-1/t01.yaml"], ["score", "--year", "2025-2026", "--format", "json"], ["score", "--year", "2025-2026"]]) {
    it(`a warm \`${args.join(" ")}\` loads no yaml, zod or string-width, nor the loading pipeline`, () => {
      const cold = loaded(args); // makes the cache entry
      const warm = loaded(args);
      expect(warm.code).toBe(0);
      expect(warm.stdout).toBe(cold.stdout); // the bytes kept by the cold run, given back whole
      expect(warm.stdout.length).toBeGreaterThan(10); // not vacuous: every command here prints something
      for (const heavy of ["yaml", "zod", "string-width", "exceljs", "cli-table3"]) expect(warm.packages, heavy).not.toContain(heavy);
      expect(warm.ours).toEqual(["cli/warm"]); // answered by the warm path alone (dist/cli/warm.cjs)
      // check prints the output it kept, score copies its report out: no message catalogue, no
      // formatter is loaded (nor bundled, but score's terminal width: the test above); and these
      // plain command lines are read without commander (src/cli/plain-args.ts).
      expect(warm.packages).not.toContain("commander");
      expect(warm.builtins).not.toContain("node:v8");
      expect(warm.stdin).toBe(false); // process.stdin is made only when something reads it (bin/yanxiu.js)
    });
  }
});
