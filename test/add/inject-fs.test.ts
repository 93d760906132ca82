/**
 * updateFile against a file system that fails: every step of a write is made to fail in turn
 * (EIO, ENOSPC), writes come up short, an editor saves between the read and the rename. After
 * each, the file holds either the original bytes or the complete new text — never anything else —
 * and no temporary file is left behind.
 */
import { afterEach, describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, writeFileSync, appendFileSync, mkdirSync, chmodSync, rmSync, symlinkSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import { nodeFs } from "../../src/repo/fs.js";
import { updateFile, type CurrentFile } from "../../src/repo/update.js";
import { lockPathFor } from "../../src/repo/lock.js";
import { removeDir, tempDir, writeFiles } from "../helpers/temp-repo.js";
import { errno, faultyFs } from "../helpers/faulty-fs.js";

const FILE = "records/2025-2026-1/t01.yaml";
const ORIGINAL = "# 手写的注释\nteacher: t01\nrecords:\n  - date: 2025-09-10\n    kind: observation\n    title: 听课\n    count: 1\n";
const LINE = "  - date: 2025-09-17\n    kind: observation\n    title: 第二次听课\n    count: 1\n";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

function repo(files: Record<string, string> = { [FILE]: ORIGINAL }): string {
  const d = tempDir();
  dirs.push(d);
  writeFiles(d, files);
  return d;
}

/** The record added: appended to whatever the file holds when read. */
const append = (cur: CurrentFile) => ({ text: Buffer.from(cur.bytes).toString("utf8") + LINE });
const contents = (root: string) => readFileSync(join(root, FILE), "utf8");
const temps = (root: string) => readdirSync(dirname(join(root, FILE))).filter((f) => f.endsWith(".tmp"));

describe("updateFile: the plain path", () => {
  it("writes the transformed text, reports it written, and leaves no lock or temporary file", () => {
    const root = repo();
    const r = updateFile({ root, file: FILE, transform: append });
    expect(r).toMatchObject({ ok: true, written: true, created: false, attempts: 1 });
    expect(contents(root)).toBe(ORIGINAL + LINE);
    expect(temps(root)).toEqual([]);
    expect(existsSync(lockPathFor(root, FILE))).toBe(false);
  });

  it("creates a missing file (and its folder); transform sees exists: false and no bytes", () => {
    const root = repo({ "yanxiu.yaml": "school: x\n" });
    const seen: CurrentFile[] = [];
    const r = updateFile({ root, file: FILE, transform: (c) => (seen.push(c), { text: "teacher: t01\n" }) });
    expect(r).toMatchObject({ ok: true, written: true, created: true });
    expect(seen).toEqual([{ file: FILE, exists: false, bytes: new Uint8Array(0), attempt: 1 }]);
    expect(contents(root)).toBe("teacher: t01\n");
  });

  it("a refusal writes nothing and hands the caller's refusal back", () => {
    const root = repo();
    const r = updateFile({ root, file: FILE, transform: () => ({ refuse: { why: "owner-mismatch" } }) });
    expect(r).toEqual({ ok: false, reason: "refused", refusal: { why: "owner-mismatch" }, attempts: 1 });
    expect(contents(root)).toBe(ORIGINAL);
  });

  it("the same text back is not written at all (mtime kept)", () => {
    const root = repo();
    const fs = faultyFs();
    const r = updateFile({ root, file: FILE, fs, transform: (c) => ({ text: c.bytes }) });
    expect(r).toMatchObject({ ok: true, written: false });
    expect(fs.calls.filter((c) => c.op === "renameSync")).toEqual([]);
  });

  it("a dry run reads and transforms but takes no lock and writes nothing", () => {
    const root = repo();
    const fs = faultyFs();
    const r = updateFile({ root, file: FILE, fs, dryRun: true, transform: append });
    expect(r).toMatchObject({ ok: true, written: false });
    expect(Buffer.from((r as { text: Uint8Array }).text).toString()).toBe(ORIGINAL + LINE);
    expect(fs.calls.map((c) => c.op)).toEqual(["lstatSync", "readFileSync"]);
    expect(contents(root)).toBe(ORIGINAL);
  });

  it("keeps the mode of the file it replaces", () => {
    const root = repo();
    chmodSync(join(root, FILE), 0o640);
    updateFile({ root, file: FILE, transform: append });
    expect(nodeFs.lstatSync(join(root, FILE)).mode & 0o777).toBe(0o640);
  });
});

describe("updateFile: every step failing in turn", () => {
  // The calls of one successful update, in order: each is made to fail once below.
  const traced = () => {
    const root = repo();
    const fs = faultyFs();
    updateFile({ root, file: FILE, fs, transform: append });
    return fs.calls;
  };
  const steps = traced();

  it("the successful path makes the calls a safe write needs, in this order", () => {
    const ops = steps.map((c) => `${c.op}${c.path?.endsWith(".tmp") ? "(tmp)" : c.path?.endsWith(".lock") ? "(lock)" : c.path?.endsWith(FILE) ? "(file)" : ""}`);
    expect(ops).toEqual([
      "mkdirSync", "openSync(lock)", "writeSync(lock)", "closeSync(lock)", // the lock
      "readdirSync", // orphaned temporary files
      "lstatSync(file)", "readFileSync(file)", // the read
      "mkdirSync", "openSync(tmp)", "writeSync(tmp)", "fsyncSync(tmp)", "closeSync(tmp)", // the new text, flushed
      "lstatSync(file)", "readFileSync(file)", // unchanged since read?
      "renameSync(file)", "openSync", "fsyncSync", "closeSync", // rename, flush the folder
      "unlinkSync(lock)",
    ]);
  });

  for (const code of ["EIO", "ENOSPC"]) {
    steps.forEach((call, at) => {
      it(`${code} at call ${at} (${call.op}): the file is the original or the whole new text, nothing else; no temporary file`, () => {
        const root = repo();
        const fs = faultyFs({ at, code });
        const r = updateFile({ root, file: FILE, fs, transform: append });
        const now = contents(root);
        if (r.ok) {
          expect(now).toBe(ORIGINAL + LINE);
        } else if (r.reason === "io" && r.renamed) {
          expect(now).toBe(ORIGINAL + LINE); // renamed, only the folder flush failed: said so
          expect(r.step).toBe("fsync-folder");
        } else {
          expect(now).toBe(ORIGINAL);
          expect(["io", "lock-failed"]).toContain(r.reason);
          expect((r as { code: string }).code).toBe(code);
        }
        expect(temps(root)).toEqual([]);
      });
    });
  }

  it("a failure that matters is reported at the step it happened, never as success", () => {
    const fail = (op: string, onTmp: boolean) => {
      const root = repo();
      const fs = faultyFs({ when: (c) => c.op === op && (c.path?.endsWith(".tmp") ?? false) === onTmp, code: "EIO" });
      return { r: updateFile({ root, file: FILE, fs, transform: append }), root };
    };
    expect(fail("writeSync", true).r).toMatchObject({ ok: false, reason: "io", step: "write", code: "EIO", renamed: false });
    expect(fail("fsyncSync", true).r).toMatchObject({ ok: false, reason: "io", step: "fsync", renamed: false });
    expect(fail("closeSync", true).r).toMatchObject({ ok: false, reason: "io", step: "close", renamed: false });
    expect(fail("openSync", true).r).toMatchObject({ ok: false, reason: "io", step: "open", renamed: false });
    const renamed = fail("renameSync", false);
    expect(renamed.r).toMatchObject({ ok: false, reason: "io", step: "rename", renamed: false });
    expect(contents(renamed.root)).toBe(ORIGINAL);
  });

  it("a failing fsync of the folder after the rename is reported as written but not yet safe", () => {
    const root = repo();
    const fs = faultyFs({ when: (c, i) => c.op === "fsyncSync" && c.path === dirname(join(root, FILE)) && i > 0, code: "EIO" });
    const r = updateFile({ root, file: FILE, fs, transform: append });
    expect(r).toMatchObject({ ok: false, reason: "io", step: "fsync-folder", renamed: true });
    expect(contents(root)).toBe(ORIGINAL + LINE);
  });
});

describe("updateFile: short writes and a full disk", () => {
  it("short writes (one byte at a time) are looped over until every byte is written", () => {
    const root = repo();
    let writes = 0;
    const fs = faultyFs({}, { writeSync: (fd, b, o, _l, p) => (writes++, nodeFs.writeSync(fd, b, o, 1, p)) });
    const r = updateFile({ root, file: FILE, fs, transform: append });
    expect(r).toMatchObject({ ok: true, written: true });
    expect(contents(root)).toBe(ORIGINAL + LINE);
    // Every byte of the lock text and of the new file, one write each.
    expect(writes).toBe(Buffer.byteLength(ORIGINAL + LINE) + Buffer.byteLength(`${process.pid} ${hostname() || "localhost"}\n`));
  });

  it("the issue's full disk: 4,096 bytes go in, then ENOSPC — original byte-identical, no temporary file", () => {
    const big = ORIGINAL + "# 注释\n".repeat(1000);
    const root = repo({ [FILE]: big });
    const fs = faultyFs({}, {
      writeSync: (fd, b, o, l, p) => {
        if (o >= 4096) throw errno("ENOSPC");
        return nodeFs.writeSync(fd, b, o, Math.min(l, 4096 - o), p);
      },
    });
    const r = updateFile({ root, file: FILE, fs, transform: append });
    expect(r).toMatchObject({ ok: false, reason: "io", step: "write", code: "ENOSPC", renamed: false });
    expect(contents(root)).toBe(big);
    expect(temps(root)).toEqual([]);
  });

  it("a write that makes no progress (returns 0) is a full disk, not an endless loop", () => {
    const root = repo();
    const tmpFds = new Set<number>();
    const fs = faultyFs({}, {
      openSync: (p, f, m) => {
        const fd = nodeFs.openSync(p, f, m);
        if (p.endsWith(".tmp")) tmpFds.add(fd);
        return fd;
      },
      writeSync: (fd, b, o, l, p) => (tmpFds.has(fd) ? 0 : nodeFs.writeSync(fd, b, o, l, p)),
    });
    const r = updateFile({ root, file: FILE, fs, transform: append });
    expect(r).toMatchObject({ ok: false, reason: "io", step: "write", code: "ENOSPC" });
    expect(contents(root)).toBe(ORIGINAL);
  });
});

describe("updateFile: an editor saves while we write", () => {
  it("a save between read and rename: the change is re-applied onto the saved content, which is kept", () => {
    const root = repo();
    const edit = "# 编辑器里加的一行\n";
    const r = updateFile({
      root, file: FILE, transform: append,
      afterTransform: (n) => { if (n === 1) appendFileSync(join(root, FILE), edit); },
    });
    expect(r).toMatchObject({ ok: true, written: true, attempts: 2 });
    expect(contents(root)).toBe(ORIGINAL + edit + LINE);
  });

  it("an editor that saves by renaming (new inode, same size and bytes) is noticed too", () => {
    const root = repo();
    const r = updateFile({
      root, file: FILE, transform: append,
      afterTransform: (n) => {
        if (n !== 1) return;
        writeFileSync(join(root, FILE + ".swp"), ORIGINAL);
        nodeFs.renameSync(join(root, FILE + ".swp"), join(root, FILE));
      },
    });
    expect(r).toMatchObject({ ok: true, attempts: 2 });
    expect(contents(root)).toBe(ORIGINAL + LINE);
  });

  it("a same-size in-place edit within the same mtime is caught by the content hash", () => {
    const root = repo();
    const path = join(root, FILE);
    const changed = ORIGINAL.replace("听课", "观课");
    const r = updateFile({
      root, file: FILE, transform: append,
      fs: faultyFs({}, {
        // Report the old mtime and size for the file, as a coarse-timestamp file system would.
        lstatSync: (p) => {
          const st = nodeFs.lstatSync(p);
          return p === path ? Object.assign(Object.create(Object.getPrototypeOf(st)), st, { mtimeMs: 1, ino: 1 }) : st;
        },
      }),
      afterTransform: (n) => { if (n === 1) writeFileSync(path, changed); },
    });
    expect(Buffer.byteLength(changed)).toBe(Buffer.byteLength(ORIGINAL));
    expect(r).toMatchObject({ ok: true, attempts: 2 });
    expect(contents(root)).toBe(changed + LINE);
  });

  it("a file that keeps changing: refused after 3 tries, the last edit kept", () => {
    const root = repo();
    let n = 0;
    const r = updateFile({ root, file: FILE, transform: append, afterTransform: () => appendFileSync(join(root, FILE), `# edit ${++n}\n`) });
    expect(r).toEqual({ ok: false, reason: "kept-changing", attempts: 3 });
    expect(contents(root)).toBe(ORIGINAL + "# edit 1\n# edit 2\n# edit 3\n");
    expect(temps(root)).toEqual([]);
  });

  it("an edit that the transform now refuses (the file no longer parses) is left alone", () => {
    const root = repo();
    const r = updateFile({
      root, file: FILE,
      transform: (c) => (Buffer.from(c.bytes).toString().includes("{{") ? { refuse: "unparsable" } : append(c)),
      afterTransform: (n) => { if (n === 1) appendFileSync(join(root, FILE), "{{\n"); },
    });
    expect(r).toEqual({ ok: false, reason: "refused", refusal: "unparsable", attempts: 2 });
    expect(contents(root)).toBe(ORIGINAL + "{{\n");
  });

  it("a file created by someone else between read and rename is merged into, not replaced", () => {
    const root = repo({ "yanxiu.yaml": "x: 1\n" });
    const r = updateFile({
      root, file: FILE,
      transform: (c) => ({ text: c.exists ? Buffer.from(c.bytes).toString() + LINE : "teacher: t01\nrecords:\n" + LINE }),
      afterTransform: (n) => { if (n === 1) { mkdirSync(dirname(join(root, FILE)), { recursive: true }); writeFileSync(join(root, FILE), ORIGINAL); } },
    });
    expect(r).toMatchObject({ ok: true, attempts: 2, created: false });
    expect(contents(root)).toBe(ORIGINAL + LINE);
  });
});

describe("updateFile: what is not a plain file", () => {
  it("a folder where the file should be: not-a-file, nothing written (no internal EISDIR)", () => {
    const root = repo({ [`${FILE}/x`]: "" });
    expect(updateFile({ root, file: FILE, transform: append })).toEqual({ ok: false, reason: "not-a-file", kind: "directory" });
  });

  it("a symbolic link where the file should be: refused, the link and its target untouched", () => {
    const root = repo({ [FILE]: ORIGINAL, "evidence/t01/cert.yaml": "certificate\n" });
    rmSync(join(root, FILE));
    symlinkSync(join(root, "evidence/t01/cert.yaml"), join(root, FILE));
    expect(updateFile({ root, file: FILE, transform: append })).toEqual({ ok: false, reason: "not-a-file", kind: "symlink" });
    expect(readFileSync(join(root, "evidence/t01/cert.yaml"), "utf8")).toBe("certificate\n");
    expect(nodeFs.lstatSync(join(root, FILE)).isSymbolicLink()).toBe(true);
  });

  it("a file above the size limit is refused from its size, before a byte is read", () => {
    const root = repo();
    const fs = faultyFs();
    const r = updateFile({ root, file: FILE, fs, maxBytes: 100, transform: append });
    expect(r).toEqual({ ok: false, reason: "too-large", size: Buffer.byteLength(ORIGINAL), limit: 100 });
    expect(fs.calls.some((c) => c.op === "readFileSync")).toBe(false);
  });

  it("a read-only file is refused", () => {
    const root = repo();
    chmodSync(join(root, FILE), 0o444);
    expect(updateFile({ root, file: FILE, transform: append })).toEqual({ ok: false, reason: "read-only" });
    expect(contents(root)).toBe(ORIGINAL);
  });
});
