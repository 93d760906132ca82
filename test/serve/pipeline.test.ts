/**
 * The next batch is staged while git commits the one before (src/serve/queue.ts), on real files
 * and real git: staged means checked and in temporary files under their locks, nothing in place;
 * a file of the batch being committed waits for a later batch; when that commit fails, its files
 * are put back byte-identical and the batch staged meanwhile is given up and staged again, so
 * every one of its saves still lands, once, by its author. What was staged meanwhile is the next
 * batch, alone (what arrives after is staged during its commit); the saves are answered once the
 * branch holds their commits, and their files wait for git's index before a later batch places them.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { commitBatch, gitAsync, type GitRun } from "../../src/git/batch-commit.js";
import { lockPathFor } from "../../src/repo/lock.js";
import { SaveQueue, type Committer } from "../../src/serve/queue.js";
import { appendItem, type SaveRequest, type SaveResult } from "../../src/serve/save.js";
import { git, makeSchool, start, TODAY } from "./helpers.js";

const fileOf = (id: string) => `records/2025-2026-2/${id}.yaml`;

function saveOf(root: string, id: string, title: string): SaveRequest {
  return {
    root, lang: "zh", today: TODAY, file: fileOf(id),
    transform: appendItem({ listKey: "records", ownerKey: "teacher", owner: id, headerComment: "" }, { date: "2026-04-15", kind: "observation", title, count: 1 }, "zh"),
    author: { name: `老师${id}`, email: `${id}@school.test` },
    subject: `records: ${id} ${title}`,
  };
}

const temps = (root: string) => readdirSync(join(root, "records/2025-2026-2")).filter((n) => n.endsWith(".tmp")).sort();

describe("the next batch staged while git commits", () => {
  it("a failed commit: its file put back byte-identical; the batch staged meanwhile given up, staged again, and landed", async () => {
    const root = makeSchool();
    const { server } = start(root);
    server.state.current();
    const before = new Map(["t01", "t02", "t03"].map((id) => [id, readFileSync(join(root, fileOf(id)))]));
    const head = git(root, "rev-parse", "HEAD").trim();

    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const calls: string[][] = [];
    const later: Promise<SaveResult>[] = [];
    let queue!: SaveQueue;
    const committer: Committer = async (r, commits, opts) => {
      calls.push(commits.map((c) => c.subject));
      if (calls.length > 1) return commitBatch(r, commits, opts);
      // The first batch is in place and committing: these arrive now, and are staged before it ends.
      later.push(queue.save(saveOf(root, "t02", "二号的记录")), queue.save(saveOf(root, "t03", "三号的记录")), queue.save(saveOf(root, "t01", "一号的第二条")));
      await gate;
      return { ok: false, reason: "git", detail: "injected failure" };
    };
    queue = new SaveQueue(server.state, committer);
    server.queue = queue;

    const first = queue.save(saveOf(root, "t01", "一号的第一条"));
    while (calls.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    // While the first batch commits: t01's first save is in place (not yet committed); t02 and
    // t03 are staged (a temporary file each, locked, their files unchanged); t01's second save
    // waits, since t01's file is in the batch being committed (no temporary file, no lock).
    expect(readFileSync(join(root, fileOf("t01")), "utf8")).toContain("一号的第一条");
    expect(temps(root).map((n) => n.split(".")[1])).toEqual(["t02", "t03"]);
    expect(existsSync(lockPathFor(root, fileOf("t02")))).toBe(true);
    expect(existsSync(lockPathFor(root, fileOf("t03")))).toBe(true);
    expect(existsSync(lockPathFor(root, fileOf("t01")))).toBe(false);
    expect(readFileSync(join(root, fileOf("t02")))).toEqual(before.get("t02"));
    expect(readFileSync(join(root, fileOf("t03")))).toEqual(before.get("t03"));

    release();
    const r1 = await first;
    expect(r1).toMatchObject({ ok: false, reason: "git" });
    expect((r1 as { message: string }).message).toContain("injected failure");
    const rest = await Promise.all(later);
    expect(rest.map((r) => r.ok)).toEqual([true, true, true]);

    // Put back, then staged again: t02 and t03 together, t01's second save after them or with them.
    expect(calls[0]).toEqual(["records: t01 一号的第一条"]);
    expect(calls.slice(1).flat().sort()).toEqual(["records: t01 一号的第二条", "records: t02 二号的记录", "records: t03 三号的记录"]);
    const log = git(root, "log", "--format=%an|%s", `${head}..HEAD`).trim().split("\n").sort();
    expect(log).toEqual(["老师t01|records: t01 一号的第二条", "老师t02|records: t02 二号的记录", "老师t03|records: t03 三号的记录"]);
    // Each file is what it was plus exactly its one new record; the failed one is nowhere.
    for (const [id, title] of [["t01", "一号的第二条"], ["t02", "二号的记录"], ["t03", "三号的记录"]] as const) {
      const bytes = readFileSync(join(root, fileOf(id)));
      const old = before.get(id)!;
      expect(bytes.subarray(0, old.length)).toEqual(old);
      expect(bytes.subarray(old.length).toString("utf8")).toBe(`  - date: 2026-04-15\n    kind: observation\n    title: ${title}\n    count: 1\n`);
    }
    expect(temps(root)).toEqual([]);
    for (const id of ["t01", "t02", "t03"]) expect(existsSync(lockPathFor(root, fileOf(id)))).toBe(false);
    await queue.idle(); // answered before git's index is brought in step
    expect(git(root, "status", "--porcelain").trim()).toBe("");
  });

  it("what was staged while a batch committed is the next batch, alone; a save arriving as it starts waits for the one after", async () => {
    const root = makeSchool();
    const { server } = start(root);
    server.state.current();
    const ids = ["t02", "t03", "t04", "t05", "t07", "t08"];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const calls: string[][] = [];
    const later: Promise<SaveResult>[] = [];
    let queue!: SaveQueue;
    let committed = false;
    const committer: Committer = async (r, commits, opts) => {
      calls.push(commits.map((c) => c.subject.split(" ")[1]!));
      const done = await commitBatch(r, commits, opts);
      if (calls.length === 1) {
        committed = true;
        await gate;
      }
      return done;
    };
    queue = new SaveQueue(server.state, committer);
    server.queue = queue;

    const first = queue.save(saveOf(root, "t01", "一号的记录"));
    while (calls.length === 0) await new Promise((r) => setTimeout(r, 5));
    // Six saves while the first batch commits: staged a few per turn of the event loop, all of them.
    for (const id of ids) later.push(queue.save(saveOf(root, id, `${id}的记录`)));
    while (temps(root).length < ids.length || !committed) await new Promise((r) => setImmediate(r));
    // One more arrives, and the first commit ends in the same turn: the six go at once, without it
    // (before, the next batch waited for every save waiting to be staged too).
    later.push(queue.save(saveOf(root, "t09", "九号的记录")));
    release();
    expect((await first).ok).toBe(true);
    expect((await Promise.all(later)).map((r) => r.ok)).toEqual([true, true, true, true, true, true, true]);
    expect(calls).toEqual([["t01"], ids, ["t09"]]);
    expect(git(root, "log", "-8", "--format=%an").trim().split("\n").sort()).toEqual([...["t01", ...ids, "t09"]].map((id) => `老师${id}`).sort());
    expect(temps(root)).toEqual([]);
    await queue.idle(); // answered before git's index is brought in step
    expect(git(root, "status", "--porcelain").trim()).toBe("");
  });

  it("saves of files being committed wait in the queue without holding up the saves behind them", async () => {
    const root = makeSchool();
    const { server } = start(root);
    server.state.current();
    const ids = ["t01", "t02", "t03", "t04", "t05"];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const committer: Committer = async (r, commits, opts) => {
      if (++calls === 1) await gate;
      return commitBatch(r, commits, opts);
    };
    const queue = new SaveQueue(server.state, committer);
    server.queue = queue;
    const first = ids.slice(0, 4).map((id) => queue.save(saveOf(root, id, `${id}的第一条`)));
    while (calls === 0) await new Promise((r) => setTimeout(r, 5));
    // Four saves of the files being committed, then one of another file: that one is staged now.
    const again = ids.slice(0, 4).map((id) => queue.save(saveOf(root, id, `${id}的第二条`)));
    const fifth = queue.save(saveOf(root, "t05", "t05的记录"));
    for (let i = 0; i < 50 && temps(root).length === 0; i++) await new Promise((r) => setImmediate(r));
    expect(temps(root).map((n) => n.split(".")[1])).toEqual(["t05"]);
    release();
    expect((await Promise.all([...first, ...again, fifth])).every((r) => r.ok)).toBe(true);
    expect(git(root, "log", "-9", "--format=%s").trim().split("\n").sort()).toEqual([...ids.slice(0, 4).flatMap((id) => [`records: ${id} ${id}的第一条`, `records: ${id} ${id}的第二条`]), "records: t05 t05的记录"].sort());
    expect(temps(root)).toEqual([]);
    await queue.idle(); // answered before git's index is brought in step
    expect(git(root, "status", "--porcelain").trim()).toBe("");
  });

  it("answered once the branch holds the commit; the file waits for git's index before the next batch places it", async () => {
    const root = makeSchool();
    const { server } = start(root);
    server.state.current();
    let indexHeld!: () => void;
    const held = new Promise<void>((r) => (indexHeld = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let holding = true;
    const git1: GitRun = async (r, args, input) => {
      if (args[0] === "update-index" && holding) {
        holding = false;
        indexHeld();
        await gate;
      }
      return gitAsync(r, args, input);
    };
    const queue = new SaveQueue(server.state, commitBatch, { git: git1 });
    server.queue = queue;

    let answered: SaveResult | undefined;
    void queue.save(saveOf(root, "t01", "一号的第一条")).then((r) => (answered = r));
    await held;
    await new Promise((r) => setImmediate(r));
    // git's index is not yet updated, and the save is answered: its commit is on the branch.
    expect(answered).toEqual({ ok: true, problems: [] });
    expect(git(root, "log", "-1", "--format=%an|%s")).toBe("老师t01|records: t01 一号的第一条\n");
    expect(git(root, "diff-index", "--cached", "--name-only", "HEAD")).toBe(`${fileOf("t01")}\n`);
    // Not idle yet (a stopping server waits for this): the batch is done only with the index.
    let idle = false;
    void queue.idle().then(() => (idle = true));
    // Meanwhile t01 saves again and t02 saves: t02 is staged, t01's file waits for the index.
    const next = [queue.save(saveOf(root, "t01", "一号的第二条")), queue.save(saveOf(root, "t02", "二号的记录"))];
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(temps(root).map((n) => n.split(".")[1])).toEqual(["t02"]);
    expect(existsSync(lockPathFor(root, fileOf("t01")))).toBe(false);
    expect(readFileSync(join(root, fileOf("t01")), "utf8")).not.toContain("一号的第二条");
    expect(idle).toBe(false);
    release();
    expect((await Promise.all(next)).map((r) => r.ok)).toEqual([true, true]);
    expect(git(root, "log", "-3", "--format=%an|%s").trim().split("\n").sort()).toEqual(["老师t01|records: t01 一号的第一条", "老师t01|records: t01 一号的第二条", "老师t02|records: t02 二号的记录"]);
    await queue.idle(); // answered before git's index is brought in step
    expect(idle).toBe(true);
    expect(git(root, "status", "--porcelain").trim()).toBe("");
  });
});
