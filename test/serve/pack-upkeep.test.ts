/**
 * The server's pack upkeep (src/git/pack-upkeep.ts) under saves, on real git: eight teachers
 * saving five times each in a closed loop (each posts again as soon as answered; answered before
 * git's index is updated, they post again before a roll-up starts, so one more save is sent as the
 * first roll-up starts) with a limit of 2 packs: every save lands as its own commit
 * by its teacher, the pack count stays bounded, the repository is whole, the work tree clean.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { GitRun } from "../../src/git/batch-commit.js";
import { sharedGitRunner } from "../../src/git/runner.js";
import { PackUpkeep } from "../../src/git/pack-upkeep.js";
import { SaveQueue } from "../../src/serve/queue.js";
import { appendItem, type SaveResult } from "../../src/serve/save.js";
import { Client, git, makeSchool, start, TODAY, withPasswords } from "./helpers.js";

const TEACHERS = ["t01", "t02", "t03", "t04", "t05", "t07", "t08", "t09"];
const ROUNDS = 5;
const fileOf = (id: string) => `records/2025-2026-2/${id}.yaml`;
const record = (id: string, k: number) => ({ kind: "observation", date: `2026-04-0${k + 1}`, title: `${id} 第 ${k + 1} 次听课`, count: "1" });
const packs = (root: string) => readdirSync(join(root, ".git/objects/pack")).filter((n) => n.endsWith(".pack")).length;

describe("pack upkeep while teachers save", () => {
  it("40 saves in a closed loop with a limit of 2 packs: all land, by their teachers; packs bounded; fsck clean", async () => {
    const root = makeSchool();
    await withPasswords(root, TEACHERS);
    const { app, server } = start(root);
    // The server's own queue and helper, with the helper's runs and the saves' arrivals written down.
    const events: string[] = [];
    const shared = sharedGitRunner().run;
    let extra: Promise<SaveResult> | undefined;
    const extraTitle = "t01 整理时的听课";
    const seen: GitRun = async (dir, args, input) => {
      const repack = args[0] === "repack";
      if (repack) events.push("repack-start");
      if (repack && !extra) {
        extra = server.queue.save({
          root, lang: "zh", today: TODAY, file: fileOf("t01"), author: { name: "t01", email: "t01@school.test" }, subject: `records: t01 ${extraTitle}`,
          transform: appendItem({ listKey: "records", ownerKey: "teacher", owner: "t01", headerComment: "" }, { date: "2026-04-09", kind: "observation", title: extraTitle, count: 1 }, "zh"),
        });
      }
      const r = await shared(dir, args, input);
      if (repack) events.push(r.code === 0 ? "repack-end" : `repack-failed ${r.stderr}`);
      return r;
    };
    const queue = new SaveQueue(server.state, undefined, { git: seen }, new PackUpkeep(2));
    server.queue = Object.assign(queue, { save: (req: Parameters<SaveQueue["save"]>[0]) => { events.push("save"); return SaveQueue.prototype.save.call(queue, req); } });
    const head = git(root, "rev-parse", "HEAD").trim();
    const maxPacks: number[] = [];
    await Promise.all(TEACHERS.map(async (id) => {
      const c = new Client(app);
      await c.login(id);
      await c.get("/add?kind=observation");
      for (let k = 0; k < ROUNDS; k++) {
        const r = await c.post("/add", record(id, k));
        expect(r.status).toBe(200);
        maxPacks.push(packs(root));
        await c.get("/add?kind=observation");
      }
    }));
    expect((await extra)?.ok).toBe(true);
    expect(events.filter((e) => e.startsWith("repack-failed"))).toEqual([]);
    expect(events.filter((e) => e === "repack-end").length).toBeGreaterThanOrEqual(2);
    // Saves arrived while a roll-up was running.
    const during = events.reduce((n, e, i) => n + (e === "save" && events.lastIndexOf("repack-start", i) > events.lastIndexOf("repack-end", i) ? 1 : 0), 0);
    expect(during).toBeGreaterThan(0);
    // Bounded: at most the limit, plus the batch made before the next roll-up, plus what a roll-up keeps of a geometric progression.
    expect(Math.max(...maxPacks)).toBeLessThanOrEqual(6);
    const log = git(root, "log", "--format=%an|%s", `${head}..HEAD`).trim().split("\n");
    expect(log).toHaveLength(TEACHERS.length * ROUNDS + 1);
    expect(log).toContain(`t01|records: t01 ${extraTitle}`);
    for (const id of TEACHERS) {
      const name = git(root, "log", "-1", "--format=%an", "--", fileOf(id)).trim();
      const text = readFileSync(join(root, fileOf(id)), "utf8");
      for (let k = 0; k < ROUNDS; k++) {
        expect(log).toContain(`${name}|records: ${id} ${id} 第 ${k + 1} 次听课 2026-04-0${k + 1} (web)`);
        expect(text).toContain(`title: ${id} 第 ${k + 1} 次听课`);
      }
    }
    expect(spawnSync("git", ["fsck", "--no-dangling"], { cwd: root, encoding: "utf8" }).status).toBe(0);
    await queue.idle(); // answered before git's index is brought in step
    expect(git(root, "status", "--porcelain").trim()).toBe("");
  });
});
