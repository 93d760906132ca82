/**
 * commitBatch (src/git/batch-commit.ts) on real repositories: one commit per save, each by its
 * own author with the server as committer and only its own files; the index left clean and a
 * hand-staged file left staged; a branch moved meanwhile by someone else — landed on when it
 * did not touch these files, refused when it did; a broken repository refused with git's words.
 */
import { afterAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { learnBlobs } from "../../src/git/found-on-disk.js";
import { commitBatch, fastImportPath, gitAsync, headFromFiles, identOf, SCRATCH_REF, type GitRun } from "../../src/git/batch-commit.js";
import { GitRunner, HELPER_STOPPED } from "../../src/git/runner.js";

const SERVER = { name: "yanxiu serve", email: "yanxiu-serve@localhost" };
const LI = { name: "李老师", email: "t01@school.cn" };
const WANG = { name: "王老师", email: "t02@school.cn" };

const git = (dir: string, ...args: string[]) => execFileSync("git", ["-c", "core.quotePath=false", ...args], {
  cwd: dir, encoding: "utf8", env: { ...process.env, LC_ALL: "C", GIT_AUTHOR_NAME: "office", GIT_AUTHOR_EMAIL: "o@school.cn", GIT_COMMITTER_NAME: "office", GIT_COMMITTER_EMAIL: "o@school.cn" },
});

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), "yanxiu-batch-"));
  git(dir, "init", "-q", "-b", "main");
  mkdirSync(join(dir, "records/2025-2026-1"), { recursive: true });
  writeFileSync(join(dir, "records/2025-2026-1/t01.yaml"), "teacher: t01\nrecords: []\n");
  writeFileSync(join(dir, "records/2025-2026-1/t02.yaml"), "teacher: t02\nrecords: []\n");
  writeFileSync(join(dir, "roster.yaml"), "teachers: []\n");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "start");
  return dir;
}

/** Write the file and describe it for the batch, as the queue does. */
function save(dir: string, path: string, text: string) {
  mkdirSync(join(dir, path, ".."), { recursive: true });
  writeFileSync(join(dir, path), text);
  return { path, bytes: Buffer.from(text) };
}

const runner = new GitRunner();
afterAll(() => runner.stop());

// Every guarantee holds whether git is spawned here or by the web server's helper process.
for (const [how, helper] of [["git spawned here", undefined], ["git run by the helper process", runner.run]] as const) describe(`commitBatch, ${how}`, () => {
  it("makes one commit per save, each by its author and with only its files; the index is clean, a hand-staged file stays staged", async () => {
    const dir = repo();
    writeFileSync(join(dir, "roster.yaml"), "teachers: [] # staged by hand\n");
    git(dir, "add", "roster.yaml");
    const r = await commitBatch(dir, [
      { author: LI, subject: "records: t01 one", files: [save(dir, "records/2025-2026-1/t01.yaml", "teacher: t01\nrecords:\n  - one\n")] },
      { author: WANG, subject: "records: t02 one", files: [save(dir, "records/2025-2026-1/t02.yaml", "teacher: t02\nrecords:\n  - one\n"), save(dir, "evidence/t02/照片 1.jpg", "jpg")] },
      { author: LI, subject: "records: t01 two", files: [save(dir, "records/2025-2026-1/t01.yaml", "teacher: t01\nrecords:\n  - one\n  - two\n")] },
    ], { committer: SERVER, git: helper });
    expect(r.ok).toBe(true);
    const log = git(dir, "log", "-4", "--format=@@%an <%ae>|%cn <%ce>|%s", "--name-only").split("@@").slice(1).map((c) => c.replace(/\n+/g, "\n").trim());
    expect(log).toEqual([
      "李老师 <t01@school.cn>|yanxiu serve <yanxiu-serve@localhost>|records: t01 two\nrecords/2025-2026-1/t01.yaml",
      "王老师 <t02@school.cn>|yanxiu serve <yanxiu-serve@localhost>|records: t02 one\nevidence/t02/照片 1.jpg\nrecords/2025-2026-1/t02.yaml",
      "李老师 <t01@school.cn>|yanxiu serve <yanxiu-serve@localhost>|records: t01 one\nrecords/2025-2026-1/t01.yaml",
      "office <o@school.cn>|office <o@school.cn>|start\nrecords/2025-2026-1/t01.yaml\nrecords/2025-2026-1/t02.yaml\nroster.yaml",
    ]);
    expect(git(dir, "show", "HEAD~2:records/2025-2026-1/t01.yaml")).toBe("teacher: t01\nrecords:\n  - one\n");
    expect(git(dir, "status", "--porcelain")).toBe("M  roster.yaml\n");
    expect(git(dir, "diff-files", "--name-only")).toBe("");
    expect(git(dir, "for-each-ref", SCRATCH_REF)).toBe("");
    rmSync(dir, { recursive: true, force: true });
  });

  it("only the batch's paths are looked at: status and diff are clean after it, a hand edit of another file still shows as modified", async () => {
    const dir = repo();
    writeFileSync(join(dir, "roster.yaml"), "teachers: [] # edited by hand\n");
    const r = await commitBatch(dir, [
      { author: LI, subject: "records: t01 one", files: [save(dir, "records/2025-2026-1/t01.yaml", "teacher: t01\nrecords:\n  - one\n")] },
      { author: WANG, subject: "records: t02 one", files: [save(dir, "records/2025-2026-1/t02.yaml", "teacher: t02\nrecords:\n  - one\n")] },
    ], { committer: SERVER, git: helper });
    expect(r).toEqual({ ok: true, commits: [expect.any(String), expect.any(String)] });
    expect(git(dir, "status", "--porcelain")).toBe(" M roster.yaml\n");
    expect(git(dir, "diff", "--stat", "--", "records")).toBe("");
    expect(git(dir, "diff", "--cached", "--stat")).toBe("");
    // The batch's entries carry fresh stat data: plumbing that does not refresh sees them clean too.
    expect(git(dir, "diff-files", "--name-only")).toBe("roster.yaml\n");
    git(dir, "checkout", "--", "roster.yaml");
    expect(git(dir, "status", "--porcelain")).toBe("");
    rmSync(dir, { recursive: true, force: true });
  });

  it("a batch's file changed on disk before the index is updated: the index holds the committed blob, the change shows as not staged", async () => {
    const dir = repo();
    const file = "records/2025-2026-1/t01.yaml";
    const r = await commitBatch(dir, [{ author: LI, subject: "records: t01 one", files: [save(dir, file, "teacher: t01\nrecords:\n  - one\n")] }], {
      committer: SERVER, git: helper,
      beforeUpdateRef: () => writeFileSync(join(dir, file), "teacher: t01\nrecords:\n  - one\n  - typed by hand\n"),
    });
    expect(r.ok).toBe(true);
    expect(git(dir, "show", `HEAD:${file}`)).toBe("teacher: t01\nrecords:\n  - one\n");
    expect(git(dir, "status", "--porcelain")).toBe(` M ${file}\n`);
    expect(git(dir, "diff", "--cached", "--stat")).toBe("");
    expect(git(dir, "diff", "--", file)).toContain("+  - typed by hand");
    rmSync(dir, { recursive: true, force: true });
  });

  it("a file made executable on disk keeps its committed mode in the index; a folder on the way that is a link: the whole index is refreshed instead", async () => {
    const dir = repo();
    const file = "records/2025-2026-1/t01.yaml";
    mkdirSync(join(dir, "elsewhere"));
    symlinkSync("elsewhere", join(dir, "evidence"));
    const indexRuns: string[][] = [];
    const recorded: GitRun = (root, args, input) => {
      if (args[0] === "update-index") indexRuns.push(args);
      return (helper ?? gitAsync)(root, args, input);
    };
    const r = await commitBatch(dir, [{ author: LI, subject: "records: t01 one", files: [save(dir, file, "teacher: t01\nrecords:\n  - one\n"), save(dir, "evidence/t01/a.jpg", "jpg")] }], {
      committer: SERVER, git: recorded,
      beforeUpdateRef: () => chmodSync(join(dir, file), 0o755),
    });
    expect(r).toEqual({ ok: true, commits: [expect.any(String)] });
    // First by blob and by the path git may read (the link's), refused by git; then by blob with the whole index refreshed.
    expect(indexRuns.map((a) => a.slice(-3))).toEqual([[`100644,${git(dir, "rev-parse", "HEAD:evidence/t01/a.jpg").trim()},evidence/t01/a.jpg`, "--", "evidence/t01/a.jpg"], ["evidence/t01/a.jpg", "-q", "--refresh"].map((x, i) => (i === 0 ? expect.stringContaining(x) : x))]);
    expect(git(dir, "ls-files", "-s", file, "evidence/t01/a.jpg")).toBe(`100644 ${git(dir, "rev-parse", "HEAD:evidence/t01/a.jpg").trim()} 0\tevidence/t01/a.jpg\n100644 ${git(dir, "rev-parse", `HEAD:${file}`).trim()} 0\t${file}\n`);
    expect(git(dir, "diff", "--cached", "--stat")).toBe("");
    rmSync(dir, { recursive: true, force: true });
  });

  it("a first commit on an unborn branch", async () => {
    const dir = mkdtempSync(join(tmpdir(), "yanxiu-batch-"));
    git(dir, "init", "-q", "-b", "main");
    const r = await commitBatch(dir, [{ author: LI, subject: "first", files: [save(dir, "a.yaml", "a: 1\n")] }], { committer: SERVER, git: helper });
    expect(r.ok).toBe(true);
    expect(git(dir, "log", "--format=%an|%s", "--name-only").trim()).toBe("李老师|first\n\na.yaml");
    expect(git(dir, "status", "--porcelain")).toBe("");
    rmSync(dir, { recursive: true, force: true });
  });

  it("the branch moved meanwhile (a pull) without touching these files: the commits land on its new tip", async () => {
    const dir = repo();
    let pulls = 0;
    const r = await commitBatch(dir, [{ author: LI, subject: "records: t01 one", files: [save(dir, "records/2025-2026-1/t01.yaml", "teacher: t01\nrecords:\n  - one\n")] }], {
      committer: SERVER, git: helper,
      beforeUpdateRef: () => {
        if (pulls++ > 0) return;
        writeFileSync(join(dir, "roster.yaml"), "teachers: [] # pulled\n");
        git(dir, "commit", "-q", "-m", "pulled", "--", "roster.yaml");
      },
    });
    expect(r).toEqual({ ok: true, commits: [expect.any(String)] });
    expect(git(dir, "log", "--format=%an|%s").trim().split("\n")).toEqual(["李老师|records: t01 one", "office|pulled", "office|start"]);
    expect(git(dir, "status", "--porcelain")).toBe("");
    rmSync(dir, { recursive: true, force: true });
  });

  it("the branch moved meanwhile and changed one of these files: refused, the other commit kept, none of ours", async () => {
    const dir = repo();
    const file = "records/2025-2026-1/t01.yaml";
    const r = await commitBatch(dir, [{ author: LI, subject: "records: t01 one", files: [save(dir, file, "teacher: t01\nrecords:\n  - one\n")] }], {
      committer: SERVER, git: helper,
      beforeUpdateRef: () => {
        git(dir, "commit", "-q", "-m", "someone else's", "--", file);
      },
    });
    expect(r).toEqual({ ok: false, reason: "moved", detail: file });
    expect(git(dir, "log", "--format=%an|%s").trim().split("\n")).toEqual(["office|someone else's", "office|start"]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("tells onCommitted once the branch holds the commits, before git's index takes them; never when refused", async () => {
    const dir = repo();
    const file = "records/2025-2026-1/t01.yaml";
    const seen: string[] = [];
    const r = await commitBatch(dir, [{ author: LI, subject: "records: t01 one", files: [save(dir, file, "teacher: t01\nrecords:\n  - one\n")] }], {
      committer: SERVER, git: helper,
      onCommitted: () => { seen.push(git(dir, "log", "-1", "--format=%an|%s"), git(dir, "diff-index", "--cached", "--name-only", "HEAD")); },
    });
    expect(r.ok).toBe(true);
    expect(seen).toEqual(["李老师|records: t01 one\n", `${file}\n`]);
    expect(git(dir, "diff-index", "--cached", "--name-only", "HEAD")).toBe("");
    let told = 0;
    const refused = await commitBatch(dir, [{ author: LI, subject: "records: t01 two", files: [save(dir, file, "teacher: t01\nrecords:\n  - one\n  - two\n")] }], {
      committer: SERVER, git: helper, onCommitted: () => void told++,
      beforeUpdateRef: () => { git(dir, "commit", "-q", "-m", "someone else's", "--", file); },
    });
    expect(refused.ok).toBe(false);
    expect(told).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it("a broken repository: refused with git's own words, HEAD unchanged", async () => {
    const dir = repo();
    const head = git(dir, "rev-parse", "HEAD");
    rmSync(join(dir, ".git/objects"), { recursive: true, force: true });
    writeFileSync(join(dir, ".git/objects"), "not a folder");
    const r = await commitBatch(dir, [{ author: LI, subject: "x", files: [save(dir, "records/2025-2026-1/t01.yaml", "x\n")] }], { committer: SERVER, git: helper });
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.reason).toBe("git");
    expect(r.ok === false && r.detail.length).toBeGreaterThan(0);
    rmSync(join(dir, ".git/objects"));
    mkdirSync(join(dir, ".git/objects"));
    expect(git(dir, "rev-parse", "refs/heads/main")).toBe(head);
    rmSync(dir, { recursive: true, force: true });
  });

  it("names and paths that would break the stream are made safe", () => {
    expect(identOf({ name: "Eve <x>\nmallory", email: "e@x>\n" })).toBe("Eve xmallory <e@x>");
    expect(fastImportPath("records/a b.yaml")).toBe("records/a b.yaml");
    expect(fastImportPath('"q".yaml')).toBe('"\\"q\\".yaml"');
    expect(fastImportPath("a\nb")).toBe('"a\\nb"');
  });
});

describe("commitBatch when the answer of update-ref is lost (the helper died after git moved the branch)", () => {
  it("sees the branch at its own tip and counts the batch as committed; the index is refreshed", async () => {
    const dir = repo();
    const lossy: GitRun = async (root, args, input) => {
      const r = await gitAsync(root, args, input);
      return args[0] === "update-ref" ? { code: 128, stdout: "", stderr: HELPER_STOPPED } : r;
    };
    const r = await commitBatch(dir, [{ author: LI, subject: "records: t01 one", files: [save(dir, "records/2025-2026-1/t01.yaml", "teacher: t01\nrecords:\n  - one\n")] }], { committer: SERVER, git: lossy });
    expect(r).toEqual({ ok: true, commits: [git(dir, "rev-parse", "HEAD").trim()] });
    expect(git(dir, "log", "--format=%an|%s").trim().split("\n")).toEqual(["李老师|records: t01 one", "office|start"]);
    expect(git(dir, "status", "--porcelain")).toBe("");
    rmSync(dir, { recursive: true, force: true });
  });

  it("a lost answer with the branch not moved is a failure with the helper's words", async () => {
    const dir = repo();
    const head = git(dir, "rev-parse", "HEAD");
    const lost: GitRun = async (root, args, input) => (args[0] === "update-ref" ? { code: 128, stdout: "", stderr: HELPER_STOPPED } : gitAsync(root, args, input));
    const r = await commitBatch(dir, [{ author: LI, subject: "x", files: [save(dir, "records/2025-2026-1/t01.yaml", "x\n")] }], { committer: SERVER, git: lost });
    expect(r).toEqual({ ok: false, reason: "git", detail: HELPER_STOPPED });
    expect(git(dir, "rev-parse", "HEAD")).toBe(head);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("commitBatch reads HEAD from its files once git has named the folder", () => {
  const counted = () => {
    const runs: string[] = [];
    const run: GitRun = (root, args, input) => {
      runs.push(args[args[0] === "-c" ? 2 : 0]!);
      return gitAsync(root, args, input);
    };
    return { runs, run };
  };
  /** A save of `file` made on its bytes on disk now, which it names as its base. */
  const saveOnDisk = (dir: string, file: string, author: typeof LI, text: string) => {
    const base = readFileSync(join(dir, file));
    return [{ author, subject: `records: ${file.split("/").at(-1)!.replace(".yaml", "")} ${text}`, files: [{ ...save(dir, file, `${base}  # ${text}\n`), base }] }];
  };
  const one = (dir: string, text: string) => [{ author: LI, subject: `records: t01 ${text}`, files: [save(dir, "records/2025-2026-1/t01.yaml", `teacher: t01\nrecords:\n  - ${text}\n`)] }];

  it("three gits a batch after the first; a commit made by hand in between is the next batch's parent", async () => {
    const dir = repo();
    const { runs, run } = counted();
    expect((await commitBatch(dir, one(dir, "one"), { committer: SERVER, git: run })).ok).toBe(true);
    expect(runs).toEqual(["rev-parse", "fast-import", "update-ref", "update-index"]);
    writeFileSync(join(dir, "roster.yaml"), "teachers: [] # by hand\n");
    git(dir, "commit", "-q", "-m", "by hand", "--", "roster.yaml");
    runs.length = 0;
    expect((await commitBatch(dir, one(dir, "two"), { committer: SERVER, git: run })).ok).toBe(true);
    expect(runs).toEqual(["fast-import", "update-ref", "update-index"]);
    expect(git(dir, "log", "--format=%s").trim().split("\n")).toEqual(["records: t01 two", "by hand", "records: t01 one", "start"]);
    expect(git(dir, "status", "--porcelain")).toBe("");
    rmSync(dir, { recursive: true, force: true });
  });

  it("the bytes a save was made on: asked of git once (ls-tree), then known from the batches' own commits until someone else moves the branch", async () => {
    const dir = repo();
    const { runs, run } = counted();
    const file = "records/2025-2026-1/t01.yaml";
    const onDisk = () => readFileSync(join(dir, file));
    const saveOn = (text: string) => saveOnDisk(dir, file, LI, text);
    expect((await commitBatch(dir, saveOn("one"), { committer: SERVER, git: run })).ok).toBe(true);
    expect(runs).toEqual(["rev-parse", "ls-tree", "fast-import", "update-ref", "update-index"]);
    runs.length = 0;
    // Saved again on what the last batch committed: nothing to ask.
    expect((await commitBatch(dir, saveOn("two"), { committer: SERVER, git: run })).ok).toBe(true);
    expect(runs).toEqual(["fast-import", "update-ref", "update-index"]);
    // Edited by hand, not committed: the batch's own blob no longer matches, git is asked, the edit goes in first.
    writeFileSync(join(dir, file), `${onDisk()}# by hand\n`);
    runs.length = 0;
    expect((await commitBatch(dir, saveOn("three"), { committer: SERVER, git: run })).ok).toBe(true);
    expect(runs).toEqual(["ls-tree", "fast-import", "update-ref", "update-index"]);
    expect(git(dir, "log", "--format=%an|%s", "-2").trim().split("\n")).toEqual(["李老师|records: t01 three", `yanxiu serve|Changes found on disk, not committed by whoever made them: ${file}`]);
    // A commit by hand moves the branch: asked again.
    git(dir, "commit", "-q", "--allow-empty", "-m", "by hand");
    runs.length = 0;
    expect((await commitBatch(dir, saveOn("four"), { committer: SERVER, git: run })).ok).toBe(true);
    expect(runs).toEqual(["ls-tree", "fast-import", "update-ref", "update-index"]);
    expect(git(dir, "log", "--format=%s", "-2").trim().split("\n")).toEqual(["records: t01 four", "by hand"]);
    expect(git(dir, "status", "--porcelain")).toBe("");
    rmSync(dir, { recursive: true, force: true });
  });

  it("HEAD's blobs learnt at start: a first save needs no ls-tree, and a hand edit is still found", async () => {
    const dir = repo();
    const { runs, run } = counted();
    const file = "records/2025-2026-1/t02.yaml";
    const saveOn = (text: string) => saveOnDisk(dir, file, WANG, text);
    await learnBlobs(run, dir, git(dir, "rev-parse", "HEAD").trim());
    runs.length = 0;
    expect((await commitBatch(dir, saveOn("one"), { committer: SERVER, git: run })).ok).toBe(true);
    expect(runs).not.toContain("ls-tree");
    writeFileSync(join(dir, "records/2025-2026-1/t01.yaml"), "teacher: t01\nrecords: [] # by hand\n");
    const t01 = "records/2025-2026-1/t01.yaml";
    const base = readFileSync(join(dir, t01));
    runs.length = 0;
    expect((await commitBatch(dir, [{ author: LI, subject: "records: t01 one", files: [{ ...save(dir, t01, `${base}# saved\n`), base }] }], { committer: SERVER, git: run })).ok).toBe(true);
    expect(runs).toContain("ls-tree");
    expect(git(dir, "log", "--format=%an", "-2").trim().split("\n")).toEqual(["李老师", "yanxiu serve"]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("a branch only in packed-refs is read from that file; a detached HEAD and another branch checked out are followed", async () => {
    const dir = repo();
    const { runs, run } = counted();
    expect((await commitBatch(dir, one(dir, "one"), { committer: SERVER, git: run })).ok).toBe(true);
    git(dir, "pack-refs", "--all");
    runs.length = 0;
    expect((await commitBatch(dir, one(dir, "two"), { committer: SERVER, git: run })).ok).toBe(true);
    expect(runs).not.toContain("rev-parse");
    expect(git(dir, "log", "-1", "--format=%s", "main")).toBe("records: t01 two\n");
    git(dir, "checkout", "-q", "--detach");
    expect((await commitBatch(dir, one(dir, "three"), { committer: SERVER, git: run })).ok).toBe(true);
    expect(git(dir, "log", "-1", "--format=%s", "HEAD")).toBe("records: t01 three\n");
    expect(git(dir, "log", "-1", "--format=%s", "main")).toBe("records: t01 two\n");
    git(dir, "checkout", "-q", "-b", "other");
    expect((await commitBatch(dir, one(dir, "four"), { committer: SERVER, git: run })).ok).toBe(true);
    expect(git(dir, "log", "-2", "--format=%s", "other")).toBe("records: t01 four\nrecords: t01 three\n");
    expect(git(dir, "log", "-1", "--format=%s", "main")).toBe("records: t01 two\n");
    expect(git(dir, "status", "--porcelain")).toBe("");
    rmSync(dir, { recursive: true, force: true });
  });

  it("a linked worktree: its own HEAD, asked of git each time", async () => {
    const main = repo();
    const dir = `${main}-wt`;
    git(main, "worktree", "add", "-q", "-b", "side", dir);
    const { runs, run } = counted();
    for (const text of ["one", "two"]) expect((await commitBatch(dir, one(dir, text), { committer: SERVER, git: run })).ok).toBe(true);
    expect(runs.filter((r) => r === "rev-parse")).toHaveLength(2);
    expect(git(main, "log", "--format=%s", "side").trim().split("\n")).toEqual(["records: t01 two", "records: t01 one", "start"]);
    expect(git(main, "log", "--format=%s", "main").trim()).toBe("start");
    expect(git(dir, "status", "--porcelain")).toBe("");
    rmSync(dir, { recursive: true, force: true });
    rmSync(main, { recursive: true, force: true });
  });

  it("headFromFiles: a branch's file, a detached id, and nothing for what it does not know", async () => {
    const dir = repo();
    const gitDir = join(dir, ".git");
    const id = git(dir, "rev-parse", "HEAD").trim();
    expect(await headFromFiles(gitDir)).toEqual({ ref: "refs/heads/main", commit: id });
    writeFileSync(join(gitDir, "HEAD"), `${id}\n`);
    expect(await headFromFiles(gitDir)).toEqual({ commit: id });
    for (const head of ["ref: refs/heads/../../config\n", "ref: refs/heads/.invalid\n", "ref: refs/remotes/origin/main\n", "ref: refs/heads/nope\n", "garbage\n"]) {
      writeFileSync(join(gitDir, "HEAD"), head);
      expect(await headFromFiles(gitDir)).toBeUndefined();
    }
    // After `git pack-refs` the branch has no file of its own: its line in packed-refs says it.
    writeFileSync(join(gitDir, "HEAD"), "ref: refs/heads/main\n");
    git(dir, "branch", "other");
    git(dir, "pack-refs", "--all");
    expect(existsSync(join(gitDir, "refs/heads/main"))).toBe(false);
    expect(await headFromFiles(gitDir)).toEqual({ ref: "refs/heads/main", commit: id });
    rmSync(dir, { recursive: true, force: true });
  });
});
