/**
 * score writes its result-cache entry while the report goes to stdout (src/cache/entry-layout.ts).
 * A run killed half way through its report, the real binary on a real school, leaves the entry
 * before it byte for byte; the next run computes the same report as without the cache, removes
 * the dead run's temporary file and puts its own entry, which the run after it answers from.
 */
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSchool } from "../../src/synth/index.js";
import { ensureBuilt } from "../helpers/build.js";
import { removeDir, REPO_ROOT, tempDir, writeFiles } from "../helpers/temp-repo.js";

const TRACE_HOOK = fileURLToPath(new URL("../helpers/module-trace.mjs", import.meta.url));
const BIN = join(REPO_ROOT, "bin", "yanxiu.js");
const SCORE = ["score", "--format", "json"];

describe("a score killed half way through its report (real binary, real files)", () => {
  let home: string;
  let school: string;
  beforeAll(() => {
    ensureBuilt();
    home = tempDir("yanxiu-keys-");
    school = tempDir("yanxiu-killed-");
    // 300 teachers: a JSON report of ~3 MB, written out in chunks of about a megabyte.
    writeFiles(school, Object.fromEntries(generateSchool({ seed: 3, teachers: 300, groups: 6, activitiesPerTeacherPerTerm: 10, years: ["2025-2026", "2026-2027"], evidence: false, readme: false })));
    mkdirSync(join(school, "rules"), { recursive: true });
    for (const name of readdirSync(join(REPO_ROOT, "rules"))) {
      if (name.endsWith(".yaml") && !name.endsWith(".test.yaml")) copyFileSync(join(REPO_ROOT, "rules", name), join(school, "rules", name));
    }
  });
  afterAll(() => [home, school].forEach(removeDir));

  const env = () => ({ ...process.env, NO_COLOR: "1", YANXIU_TODAY: "2026-11-23", YANXIU_CACHE_KEY_FILE: join(home, "key"), YANXIU_MODULE_TRACE: join(home, "modules.txt") });
  const run = (...args: string[]) => {
    rmSync(join(home, "modules.txt"), { force: true });
    const r = spawnSync(process.execPath, ["--import", TRACE_HOOK, BIN, ...args], { cwd: school, env: { ...env(), YANXIU_TRACE_INCREMENTAL: "1" }, maxBuffer: 1 << 28 });
    // Computed: the full CLI loaded the pipeline, or (a plain cold score, from the warm path's second
    // bundle, which the module trace does not see) the incremental score said which way it went.
    const computed = readFileSync(join(home, "modules.txt"), "utf8").includes("/dist/pipeline/load.js") || r.stderr.toString().includes("yanxiu: incremental score:");
    return { code: r.status, stdout: r.stdout, cached: !computed };
  };
  const results = () => join(school, ".yanxiu-cache", "results");
  /** The temporary files beside the entries (a writer's entry before its rename). */
  const temps = () => readdirSync(results()).filter((n) => n.endsWith(".tmp"));
  /**
   * Runs score with stdout a pipe left unread after its first chunk (so the run waits, its
   * report half written), and kills it once its entry holds half a megabyte of the report.
   */
  const killedHalfWay = () =>
    new Promise<number>((done) => {
      const child = spawn(process.execPath, [BIN, ...SCORE], { cwd: school, env: env(), stdio: ["ignore", "pipe", "ignore"] });
      child.stdout.once("data", () => child.stdout.pause());
      const poll = setInterval(() => {
        const temp = temps()[0];
        if (temp && readFileSync(join(results(), temp)).length > 2 ** 19) child.kill("SIGKILL");
      }, 20);
      // A build that writes its entry only at the end never shows one: killed anyway, and the test fails.
      const late = setTimeout(() => child.kill("SIGKILL"), 30_000);
      child.on("exit", () => {
        clearInterval(poll);
        clearTimeout(late);
        done(child.pid!);
      });
    });

  it("leaves the entry before; the next run computes afresh, tidies up and puts its own", async () => {
    const uncached = run(...SCORE, "--no-cache");
    expect(uncached.code).toBe(0);
    expect(uncached.stdout.length).toBeGreaterThan(2.5 * 2 ** 20);
    expect(run(...SCORE).cached).toBe(false);
    const [name] = readdirSync(results());
    const before = readFileSync(join(results(), name!));
    // A record changes: the entry is stale, and the next run computes and writes a new one.
    const record = readdirSync(join(school, "records"), { recursive: true }).map(String).find((p) => p.endsWith(".yaml"))!;
    appendFileSync(join(school, "records", record), "# edited\n");
    const killed = await killedHalfWay();
    expect(readdirSync(results()).filter((n) => n !== name)).toEqual(temps());
    expect(temps()).toHaveLength(1);
    expect(temps()[0]).toMatch(new RegExp(`^\\.${name}\\.${killed}\\.\\d+\\.tmp$`));
    expect(readFileSync(join(results(), name!)).equals(before)).toBe(true);
    const uncachedNow = run(...SCORE, "--no-cache").stdout;
    const cold = run(...SCORE);
    expect(cold.cached).toBe(false);
    expect(cold.stdout.equals(uncachedNow)).toBe(true);
    // Tidied up: the new whole entry, and beside it (the school was scored before) the incremental one (src/cli/score-incremental.ts).
    expect(temps()).toEqual([]);
    expect(readdirSync(results())).toContain(name);
    expect(readdirSync(results())).toHaveLength(2);
    expect(readFileSync(join(results(), name!)).equals(before)).toBe(false);
    const warm = run(...SCORE);
    expect(warm.cached).toBe(true);
    expect(warm.stdout.equals(uncachedNow)).toBe(true);
  });
});
