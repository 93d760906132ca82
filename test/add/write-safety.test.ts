/**
 * A write that fails or is killed part-way leaves the original file byte-identical, and two
 * `add` processes on one file never lose a record. Uses the real binary (built into dist/).
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { BIN, runCli } from "../helpers/run-cli.js";
import { removeDir, tempDir } from "../helpers/temp-repo.js";
import { ensureBuilt } from "../helpers/build.js";
import { mergeItem } from "../../src/add/merge.js";
import { writeFileAtomic } from "../../src/repo/write.js";
import { GIT_ENV, makeSchool, T01_FILE, T01_TEXT } from "./school.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));
function school() {
  const d = makeSchool();
  dirs.push(d);
  return d;
}

/** The binary runs dist/; rebuild when a source is newer than the build. */
beforeAll(() => ensureBuilt(), 120_000);

const args = (title: string) => ["add", "--teacher", "t01", "--kind", "observation", "--date", "2026-04-09", "--title", title, "--count", "1"];

function startBin(dir: string, argv: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...argv.slice(0, 1), dir, ...argv.slice(1)], {
    env: { ...process.env, ...GIT_ENV, NO_COLOR: "1", YANXIU_TODAY: "2026-11-23", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** A hang guard, not a budget: under a heavy load the child may take long to reach its pause. */
async function waitFor(path: string, ms = 240_000): Promise<void> {
  const end = Date.now() + ms;
  while (!existsSync(path)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${path}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("write safety", () => {
  it("a rename that fails leaves the original byte-identical and no temporary file behind", () => {
    const dir = school();
    const path = join(dir, T01_FILE);
    const merged = mergeItem(readFileSync(path, "utf8"), { listKey: "records", ownerKey: "teacher", owner: "t01" }, { date: "2026-04-09", kind: "observation", title: "x", count: 1 });
    expect(merged.ok).toBe(true);
    let tmpSeen = "";
    expect(() =>
      writeFileAtomic(path, merged.ok ? merged.text : "", {
        beforeRename: (tmp) => {
          tmpSeen = tmp;
          throw Object.assign(new Error("simulated rename failure"), { code: "EIO" });
        },
      }),
    ).toThrow("simulated rename failure");
    expect(existsSync(tmpSeen)).toBe(false);
    expect(readFileSync(path, "utf8")).toBe(T01_TEXT);
    expect(readdirSync(dirname(path)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("a process killed between writing and renaming leaves the original byte-identical; the next add takes over its lock", async () => {
    const dir = school();
    const signal = join(tempDir(), "paused");
    dirs.push(dirname(signal));
    const { child, done } = startBin(dir, args("被中断的记录"), { YANXIU_TEST_PAUSE_BEFORE_RENAME: signal });
    await waitFor(signal);
    // Mid-write: the new text sits in a temporary file beside the original, the lock is held.
    expect(readdirSync(join(dir, "records/2025-2026-2")).some((f) => f.startsWith(".t01.yaml.") && f.endsWith(".tmp"))).toBe(true);
    expect(existsSync(join(dir, ".yanxiu-cache/locks/records__2025-2026-2__t01.yaml.lock"))).toBe(true);
    child.kill("SIGKILL");
    expect((await done).signal).toBe("SIGKILL");
    expect(readFileSync(join(dir, T01_FILE), "utf8")).toBe(T01_TEXT);

    const next = await runCli(args("下一条记录").slice(0, 1).concat([dir], args("下一条记录").slice(1)), { env: GIT_ENV });
    expect(next.code).toBe(0);
    const after = readFileSync(join(dir, T01_FILE), "utf8");
    expect(after.startsWith(T01_TEXT)).toBe(true);
    expect(after).toContain("title: 下一条记录");
    expect(after).not.toContain("被中断的记录");
    // The killed writer's temporary file is cleared away by the next writer.
    expect(readdirSync(join(dir, "records/2025-2026-2")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("an editor saves while add is paused just before its rename: the edit is kept and the record joins it", async () => {
    const dir = school();
    const signal = join(tempDir(), "paused");
    dirs.push(dirname(signal));
    const { done } = startBin(dir, args("编辑器保存时的记录"), { YANXIU_TEST_PAUSE_BEFORE_RENAME: signal });
    await waitFor(signal);
    const edit = "# 编辑器在 add 运行时保存的一行\n";
    appendFileSync(join(dir, T01_FILE), edit);
    rmSync(signal); // let add go on: its final check sees the save
    const r = await done;
    expect(r.stderr).toBe(`yanxiu: ${T01_FILE} 在记录期间被修改过;新记录已加入修改后的内容,修改都保留了\n`);
    expect(r.code).toBe(0);
    const after = readFileSync(join(dir, T01_FILE), "utf8");
    expect(after.startsWith(T01_TEXT + edit)).toBe(true);
    expect(after.slice((T01_TEXT + edit).length)).toBe("  - date: 2026-04-09\n    kind: observation\n    title: 编辑器保存时的记录\n    count: 1\n");
    expect(readdirSync(join(dir, "records/2025-2026-2")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("an editor saving at a random moment while add runs (4 tries at once): no edit and no reported record is ever lost", async () => {
    const tries = Array.from({ length: 4 }, (_, i) => {
      const dir = school();
      const edit = `# 编辑 ${i}\n`;
      const run = startBin(dir, args(`随机时刻 ${i}`));
      const saved = new Promise<void>((resolve) => setTimeout(() => (appendFileSync(join(dir, T01_FILE), edit), resolve()), Math.random() * 2500));
      return { dir, edit, title: `随机时刻 ${i}`, done: Promise.all([run.done, saved]).then(([r]) => r) };
    });
    for (const t of tries) {
      const r = await t.done;
      const after = readFileSync(join(t.dir, T01_FILE), "utf8");
      expect(after.startsWith(T01_TEXT)).toBe(true);
      expect(after).toContain(t.edit);
      expect(r.code).toBe(0);
      expect(parse(after).records.map((x: { title: string }) => x.title)).toContain(t.title);
    }
  });

  it("three add processes on one file at once: every record that was reported written is in the file", async () => {
    const dir = school();
    const titles = ["并发一", "并发二", "并发三"];
    const runs = await Promise.all(titles.map((t) => startBin(dir, args(t)).done));
    const text = readFileSync(join(dir, T01_FILE), "utf8");
    expect(text.startsWith(T01_TEXT)).toBe(true);
    const written = parse(text).records.map((r: { title: string }) => r.title);
    runs.forEach((r, i) => {
      if (r.code === 0) expect(written).toContain(titles[i]);
      else {
        // The only acceptable failure is a clean "busy, try again" with nothing written.
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(`yanxiu: 另一个 yanxiu 命令正在写入 ${T01_FILE},请稍后再试(原文件未改动)\n`);
        expect(written).not.toContain(titles[i]);
      }
    });
    expect(runs.filter((r) => r.code === 0).length).toBeGreaterThanOrEqual(1);
    expect(written.length).toBe(2 + runs.filter((r) => r.code === 0).length);
    expect(existsSync(join(dir, ".yanxiu-cache/locks/records__2025-2026-2__t01.yaml.lock"))).toBe(false);
  });
});
