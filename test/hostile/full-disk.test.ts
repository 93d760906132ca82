/**
 * The full disk of issue 11, on a real disk: a small tmpfs mounted for the test (needs root;
 * skipped with a printed notice otherwise). `yanxiu add --commit` with 10 KB free into a record
 * file larger than that, and with 0 bytes free: it fails cleanly, exits 2, leaves the file
 * byte-identical, commits nothing, leaves no lock or temporary file — and once space is freed
 * the next add just works. And `check --fix` moving a file there: refused whole, then made once freed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statfsSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { runCli } from "../helpers/run-cli.js";
import { writeFiles } from "../helpers/temp-repo.js";
import { CONFIG, expectNoStack, GOOD_FILE, ROSTER, RULES, TERM } from "./school.js";

const GIT_ENV = {
  GIT_AUTHOR_NAME: "T", GIT_AUTHOR_EMAIL: "t@example.edu.cn", GIT_COMMITTER_NAME: "T", GIT_COMMITTER_EMAIL: "t@example.edu.cn",
  GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null",
};

let mountPoint = "";
let skipReason = "";

beforeAll(() => {
  if (process.getuid?.() !== 0) {
    skipReason = "not root, so no tmpfs can be mounted";
  } else {
    mountPoint = mkdtempSync(join(tmpdir(), "yanxiu-tmpfs-"));
    const r = spawnSync("mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", mountPoint], { encoding: "utf8" });
    if (r.status !== 0) skipReason = `mount -t tmpfs failed: ${(r.stderr || r.error?.message || "").trim()}`;
  }
  if (skipReason) console.warn(`[full-disk] SKIPPED: ${skipReason} — run the suite as root to try a real full disk`);
});

afterAll(() => {
  if (!mountPoint) return;
  spawnSync("umount", [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

/** 100 records, about 14 KB: more than the free space left in the first case. */
const BIG_RECORDS = ["# 手写的注释要保留", "teacher: t01", "records:",
  ...Array.from({ length: 100 }, (_, i) => [
    `  - date: 2025-10-${String(1 + (i % 28)).padStart(2, "0")}`,
    "    kind: observation",
    `    title: 听课《第 ${i + 1} 课》——七年级语文公开课,课后议课并记录`,
    "    count: 1",
  ].join("\n")), ""].join("\n");

function git(dir: string, ...args: string[]) {
  return spawnSync("git", args, { cwd: dir, encoding: "utf8", env: { ...process.env, ...GIT_ENV } });
}

/** A committed school on the tmpfs. */
function school(name: string): string {
  const dir = join(mountPoint, name);
  writeFiles(dir, { "yanxiu.yaml": CONFIG, "roster.yaml": ROSTER, "rules/school.yaml": RULES, [GOOD_FILE]: BIG_RECORDS, ".gitignore": ".yanxiu-cache/\n" });
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  expect(git(dir, "commit", "-q", "-m", "start").status).toBe(0);
  return dir;
}

const free = () => {
  const s = statfsSync(mountPoint);
  return s.bavail * s.bsize;
};

/** Fill the disk until `leave` bytes are free (0: until the very last byte is taken). */
function fill(leave: number): string {
  const path = join(mountPoint, `filler-${Date.now()}`);
  const fd = openSync(path, "w");
  const chunk = Buffer.alloc(4096, 0x61);
  try {
    while (free() - chunk.length >= leave) writeSync(fd, chunk);
    if (leave === 0) for (;;) writeSync(fd, chunk, 0, 1); // the last bytes
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOSPC") throw e;
  } finally {
    closeSync(fd);
  }
  return path;
}

const add = (dir: string, title: string) =>
  runCli(["add", dir, "--teacher", "t01", "--kind", "observation", "--date", "2025-10-20", "--title", title, "--count", "1", "--commit", "--lang", "en"], { env: GIT_ENV });

function expectUntouched(dir: string, head: string) {
  expect(readFileSync(join(dir, GOOD_FILE), "utf8")).toBe(BIG_RECORDS);
  expect(git(dir, "rev-parse", "HEAD").stdout.trim()).toBe(head);
  expect(git(dir, "status", "--porcelain").stdout).toBe("");
  expect(readdirSync(dirname(join(dir, GOOD_FILE))).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  const locks = join(dir, ".yanxiu-cache/locks");
  expect(existsSync(locks) ? readdirSync(locks) : []).toEqual([]);
}

describe("a real full disk (tmpfs)", () => {
  it("10 KB free, a 14 KB record file: exit 2, ENOSPC named, byte-identical, --commit commits nothing; freed, the next add works", async (ctx) => {
    if (skipReason) return ctx.skip();
    const dir = school("ten-kb");
    const head = git(dir, "rev-parse", "HEAD").stdout.trim();
    expect(Buffer.byteLength(BIG_RECORDS)).toBeGreaterThan(13_000);
    const filler = fill(10 * 1024);
    expect(free()).toBeLessThanOrEqual(12 * 1024);
    expect(free()).toBeGreaterThanOrEqual(8 * 1024);

    const r = await add(dir, "磁盘满时的记录");
    expectNoStack(r);
    expect(r.stderr).toBe(`yanxiu: writing ${GOOD_FILE} failed (writing: ENOSPC: the disk is full); the file is unchanged\n`);
    expect(r.stdout).not.toContain("written to");
    expect(r.code).toBe(2);
    expectUntouched(dir, head);

    rmSync(filler);
    const again = await add(dir, "腾出空间后的记录");
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, GOOD_FILE), "utf8")).toBe(`${BIG_RECORDS}  - date: 2025-10-20\n    kind: observation\n    title: 腾出空间后的记录\n    count: 1\n`);
    expect(git(dir, "log", "-1", "--format=%s").stdout.trim()).toBe("records: t01 腾出空间后的记录 2025-10-20");
  });

  it("0 bytes free: exit 2, byte-identical, no 0-byte lock left behind; freed, the next add works at once", async (ctx) => {
    if (skipReason) return ctx.skip();
    const dir = school("zero");
    mkdirSync(join(dir, ".yanxiu-cache/locks"), { recursive: true }); // as after any earlier add
    const head = git(dir, "rev-parse", "HEAD").stdout.trim();
    const filler = fill(0);
    expect(free()).toBe(0);

    const r = await add(dir, "磁盘满时的记录");
    expectNoStack(r);
    console.log(`[full-disk] 0 bytes free: ${r.stderr.trim()}`);
    expect(r.stderr).toMatch(/^yanxiu: (writing .* failed|cannot create the lock file .*) \(.*ENOSPC: the disk is full\).*the file is unchanged\)?\n$/);
    expect(r.code).toBe(2);
    expectUntouched(dir, head);

    rmSync(filler);
    const again = await add(dir, "腾出空间后的记录");
    // No error; only add's warning that the many observations before it have already filled the item's cap.
    expect(again.stderr).toBe("yanxiu: note: under the rules this record earns nothing (the item's cap is already reached); it can still be written\n");
    expect(again.code).toBe(0);
  });
});

describe("check --fix moving a file on a real full disk (tmpfs)", () => {
  const MISPLACED = "records/t02.yaml";
  const TARGET = `records/${TERM}/t02.yaml`;
  const T02 = "# 李老师的记录\nteacher: t02\nrecords:\n  - date: 2025-10-09\n    kind: reflection\n    title: 反思\n";

  it("0 bytes free: not moved and said why, the file whole at its old name, no lock; freed, the move is made and git sees a rename", async (ctx) => {
    if (skipReason) return ctx.skip();
    const dir = school("move");
    writeFiles(dir, { [MISPLACED]: T02 });
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "misplaced");
    mkdirSync(join(dir, ".yanxiu-cache/locks"), { recursive: true });
    const filler = fill(0);
    expect(free()).toBe(0);

    const r = await runCli(["check", dir, "--fix", "--lang", "en"]);
    expectNoStack(r);
    console.log(`[full-disk] move with 0 bytes free: ${r.stderr.trim()}`);
    expect(r.stderr).toMatch(/^not fixed: records\/t02\.yaml: .*ENOSPC/m);
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, MISPLACED), "utf8")).toBe(T02);
    expect(existsSync(join(dir, TARGET))).toBe(false);
    expect(git(dir, "status", "--porcelain").stdout).toBe("");
    expect(readdirSync(join(dir, ".yanxiu-cache/locks"))).toEqual([]);

    rmSync(filler);
    const again = await runCli(["check", dir, "--fix", "--lang", "en"]);
    expect(again.stderr).toBe(`--fix: moved 1 file: ${MISPLACED} → ${TARGET}\n`);
    expect(again.code).toBe(0);
    git(dir, "add", "-A");
    expect(git(dir, "status", "--porcelain").stdout).toBe(`R  ${MISPLACED} -> ${TARGET}\n`);
  });
});
