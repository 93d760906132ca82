import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nodeFs, nodeReadFs, type FileStat, type ReadFs } from "../repo/fs.js";
import { removeDir, tempDir } from "../../test/helpers/temp-repo.js";
import { openResultCache, stampRepo, type TakenStamp } from "./results.js";
import { takeFileTable } from "./file-table.js";
import { sign, SIGNATURE_LINE } from "./secret.js";
import type { StoredText } from "./stored-text.js";

const made: string[] = [];
afterEach(() => made.splice(0).forEach(removeDir));

function repo(): string {
  const dir = tempDir("yanxiu-results-");
  made.push(dir);
  mkdirSync(join(dir, "records", "t1"), { recursive: true });
  writeFileSync(join(dir, "yanxiu.yaml"), "school: x\n");
  writeFileSync(join(dir, "records", "t1", "a.yaml"), "records: []\n");
  return dir;
}

/**
 * node:fs, except that every file claims the same size, times and inode whatever its content:
 * the case stats alone cannot tell apart (an edit within the file system's clock tick).
 */
function frozenStats(): ReadFs {
  const frozen = (st: FileStat): FileStat => ({ ...st, size: 12, mtimeMs: 1_000_000, ctimeMs: 1_000_000, ino: 7, isFile: () => st.isFile(), isDirectory: () => st.isDirectory(), isSymbolicLink: () => st.isSymbolicLink() });
  return { ...nodeReadFs, lstatSync: (p) => frozen(nodeReadFs.lstatSync(p)), statSync: (p) => frozen(nodeReadFs.statSync(p)) };
}

describe("stampRepo", () => {
  it("changes with a file's content only through its stats, and leaves .git and the cache out", () => {
    const dir = repo();
    const fs = frozenStats();
    const a = stampRepo(dir, fs, 5_000_000);
    writeFileSync(join(dir, "records", "t1", "a.yaml"), "records: [1]");
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, ".git", "HEAD"), "ref");
    mkdirSync(join(dir, ".yanxiu-cache"));
    writeFileSync(join(dir, ".yanxiu-cache", "x"), "y");
    // Frozen stats, not racy (changed long before "now"): the same digest, as git's index would say.
    expect(stampRepo(dir, fs, 5_000_000).digest).toBe(a.digest);
    // A new file is seen by its name alone.
    writeFileSync(join(dir, "records", "t1", "b.yaml"), "records: []\n");
    expect(stampRepo(dir, fs, 5_000_000).digest).not.toBe(a.digest);
  });

  it("sees a folder added or removed, and does not depend on the listing's order", () => {
    const dir = repo();
    const fs = frozenStats();
    const a = stampRepo(dir, fs, 5_000_000);
    const reversed = { ...fs, readdirSync: (d: string) => fs.readdirSync(d).reverse() };
    expect(stampRepo(dir, reversed, 5_000_000).digest).toBe(a.digest);
    mkdirSync(join(dir, "evidence"));
    const b = stampRepo(dir, fs, 5_000_000);
    expect(b.digest).not.toBe(a.digest);
    rmdirSync(join(dir, "evidence"));
    expect(stampRepo(dir, fs, 5_000_000).digest).toBe(a.digest);
  });

  it("sees every change a stat shows: content, a time put back, a file replaced, a link moved, a file turned folder", () => {
    const dir = repo();
    const file = join(dir, "records", "t1", "a.yaml");
    const later = 5_000_000_000_000; // long after every change below: nothing racy
    const digest = () => stampRepo(dir, nodeReadFs, later).digest;
    const seen = new Set([digest()]);
    const expectNew = (what: string) => {
      const d = digest();
      expect(seen.has(d), what).toBe(false);
      seen.add(d);
    };
    const at = new Date("2026-01-01T00:00:00Z");
    utimesSync(file, at, at);
    expectNew("mtime");
    // Same size, mtime put back (cp -p, touch -r): the ctime tells.
    writeFileSync(file, "records: [9]");
    writeFileSync(file, "records: []\n");
    utimesSync(file, at, at);
    expectNew("same size and mtime, written again");
    // Replaced by another file of the same size and mtime (an editor's rename, git checkout).
    writeFileSync(`${file}.new`, "records: []\n");
    utimesSync(`${file}.new`, at, at);
    renameSync(`${file}.new`, file);
    expectNew("replaced");
    symlinkSync("a.yaml", join(dir, "records", "t1", "b.yaml"));
    expectNew("a link added");
    writeFileSync(join(dir, "records", "t1", "c.yaml"), "records: []\n");
    rmSync(join(dir, "records", "t1", "b.yaml"));
    symlinkSync("c.yaml", join(dir, "records", "t1", "b.yaml"));
    expectNew("the link leads elsewhere");
    rmSync(join(dir, "records", "t1", "c.yaml"));
    mkdirSync(join(dir, "records", "t1", "c.yaml"));
    expectNew("a file turned folder");
    // Nothing changed: the same digest again (a warm run's hit).
    expect(seen.has(digest())).toBe(true);
  });

  it("hashes the content of files changed within two seconds of the stamp", () => {
    const dir = repo();
    const fs = frozenStats();
    expect(Object.keys(stampRepo(dir, fs, 1_000_000 + 2_500).racy)).toEqual([]);
    expect(Object.keys(stampRepo(dir, fs, 1_000_000 + 1_500).racy).sort()).toEqual(["records/t1/a.yaml", "yanxiu.yaml"]);
  });
});

describe("openResultCache", () => {
  const env = (dir: string) => ({ YANXIU_CACHE_KEY_FILE: join(dir, "..", `${dir.split("/").pop()}-key`) });

  it("gives back what was put while nothing changed, and nothing once a racy file's content changed", () => {
    const dir = repo();
    made.push(`${dir}-key`);
    const fs = frozenStats();
    const racyNow = () => 1_000_500;
    const first = openResultCache(dir, { env: env(dir), fs, writeFs: nodeFs, now: racyNow })!;
    first.put(["check", "en"], { problems: [1, 2] });
    expect(readdirSync(join(dir, ".yanxiu-cache", "results"))).toHaveLength(1);
    expect(openResultCache(dir, { env: env(dir), fs, now: racyNow })!.get(["check", "en"])).toEqual({ problems: [1, 2] });
    expect(openResultCache(dir, { env: env(dir), fs, now: racyNow })!.get(["check", "zh"])).toBeUndefined();
    // Same size, same times, same inode: only the content hash taken when it was racy tells.
    writeFileSync(join(dir, "records", "t1", "a.yaml"), "records: [2]");
    expect(openResultCache(dir, { env: env(dir), fs, now: () => 9_000_000 })!.get(["check", "en"])).toBeUndefined();
  });

  it("takes a stamp given to it (the warm path's) instead of its own, and tells of one it took", () => {
    const dir = repo();
    made.push(`${dir}-key`);
    const later = () => 9_000_000;
    const lstats: string[] = [];
    const counting: ReadFs = { ...nodeReadFs, lstatSync: (p) => (lstats.push(p), nodeReadFs.lstatSync(p)) };
    openResultCache(dir, { env: env(dir), now: later })!.put(["check"], { problems: [3] });
    // The warm path's cache: its stamp taken to judge the entry, and handed on.
    const taken: TakenStamp[] = [];
    const warm = openResultCache(dir, { env: env(dir), fs: counting, now: later, fastLstat: null, tookStamp: (t) => taken.push(t) })!;
    warm.tableWanted(["check"]); // its entry is there: the walk is kept as a table
    expect(warm.get(["check"])).toEqual({ problems: [3] });
    expect(taken).toMatchObject([{ now: 9_000_000, stamp: stampRepo(dir, nodeReadFs, 9_000_000) }]);
    expect(taken[0]!.rows?.table(taken[0]!.stamp!.racy)).toEqual(takeFileTable(dir, nodeReadFs, 9_000_000)); // the walk as a table too
    expect(lstats.length).toBeGreaterThan(0);
    // The full CLI's cache given that stamp: judges by it and stats nothing, at the stamp's time.
    lstats.length = 0;
    const full = openResultCache(dir, { env: env(dir), fs: counting, now: () => 1, fastLstat: null, stampTaken: taken[0], tookStamp: (t) => taken.push(t) })!;
    expect(full.get(["check"])).toEqual({ problems: [3] });
    expect(lstats).toEqual([]);
    expect(taken).toHaveLength(1); // not taken again
    // A stamp of other files (taken before an edit) is a miss, never a wrong hit; so is none (an unlistable folder).
    const before = { now: 9_000_000, stamp: { digest: "0".repeat(40), racy: {} } };
    expect(openResultCache(dir, { env: env(dir), now: later, stampTaken: before })!.get(["check"])).toBeUndefined();
    expect(openResultCache(dir, { env: env(dir), now: later, stampTaken: { now: 9_000_000, stamp: null } })!.get(["check"])).toBeUndefined();
  });

  it("keeps an entry made while files were racy again once they settled, so later hits read no file", () => {
    const dir = repo();
    made.push(`${dir}-key`);
    const reads: string[] = [];
    const fs: ReadFs = { ...frozenStats(), readFileSync: (p) => (reads.push(p), nodeReadFs.readFileSync(p)) };
    // Made within two seconds of the files' (frozen) times: both files are racy, hashed by content.
    openResultCache(dir, { env: env(dir), fs, now: () => 1_000_500 })!.put(["check"], { problems: [] });
    const later = () => 9_000_000;
    const ours = () => reads.filter((p) => !p.includes(".yanxiu-cache") && !p.endsWith("-key"));
    reads.length = 0;
    expect(openResultCache(dir, { env: env(dir), fs, now: later })!.get(["check"])).toEqual({ problems: [] });
    expect(ours().map((p) => p.slice(dir.length + 1)).sort()).toEqual(["records/t1/a.yaml", "yanxiu.yaml"]); // compared by content, then kept again
    reads.length = 0;
    expect(openResultCache(dir, { env: env(dir), fs, now: later })!.get(["check"])).toEqual({ problems: [] });
    expect(ours()).toEqual([]);
    // Kept again, it is still what the files say: a change of content under frozen stats is seen
    // by nothing now (as for any entry made when nothing was racy), but a change of stats is.
    writeFileSync(join(dir, "records", "t1", "b.yaml"), "records: []\n");
    expect(openResultCache(dir, { env: env(dir), fs, now: later })!.get(["check"])).toBeUndefined();
  });

  it("gives a small text back whole as bytes, read in pieces or whole, and keeps it again once its racy files settled", () => {
    const dir = repo();
    made.push(`${dir}-key`);
    const reads: string[] = [];
    const inPieces: ReadFs = { ...frozenStats(), readFileSync: (p) => (reads.push(p), nodeReadFs.readFileSync(p)) };
    const { openPieces: _, ...whole } = inPieces;
    const text = "records/t1/a.yaml\0张老师.yaml";
    openResultCache(dir, { env: env(dir), fs: inPieces, now: () => 1_000_500 })!.putWithText(["check"], { problems: [1] }, text);
    const later = () => 9_000_000;
    const ours = () => reads.filter((p) => !p.includes(".yanxiu-cache") && !p.endsWith("-key"));
    reads.length = 0;
    const first = openResultCache(dir, { env: env(dir), fs: inPieces, now: later })!.getWithBytes(["check"]);
    expect(first && { value: first.value, text: first.bytes.toString("utf8") }).toEqual({ value: { problems: [1] }, text });
    expect(ours().map((p) => p.slice(dir.length + 1)).sort()).toEqual(["records/t1/a.yaml", "yanxiu.yaml"]); // racy then: compared by content
    for (const fs of [inPieces, whole]) {
      reads.length = 0;
      const again = openResultCache(dir, { env: env(dir), fs, now: later })!.getWithBytes(["check"]);
      expect(again && { value: again.value, text: again.bytes.toString("utf8") }).toEqual({ value: { problems: [1] }, text });
      expect(ours()).toEqual([]); // kept again with its text: no file read
    }
    writeFileSync(join(dir, "records", "t1", "b.yaml"), "records: []\n");
    expect(openResultCache(dir, { env: env(dir), fs: inPieces, now: later })!.getWithBytes(["check"])).toBeUndefined();
  });

  it("trusts nothing signed with another key", () => {
    const dir = repo();
    made.push(`${dir}-key`, `${dir}-other`);
    openResultCache(dir, { env: env(dir) })!.put(["p"], 1);
    expect(openResultCache(dir, { env: env(dir) })!.get(["p"])).toBe(1);
    expect(openResultCache(dir, { env: { YANXIU_CACHE_KEY_FILE: `${dir}-other` } })!.get(["p"])).toBeUndefined();
  });

  /** node's file system, noting the position of every piece read of an entry. */
  function countingPieceReads(reads: number[]): ReadFs {
    return {
      ...nodeReadFs,
      openPieces(path) {
        const pieces = nodeReadFs.openPieces!(path);
        return { ...pieces, read: (b, p) => (reads.push(p), pieces.read(b, p)) };
      },
    };
  }

  /** The text copied out, with the buffers it came in (to see one reused). */
  async function copied(text: StoredText, done: boolean): Promise<{ bytes: Buffer; buffers: Set<ArrayBuffer> }> {
    const parts: Buffer[] = [];
    const buffers = new Set<ArrayBuffer>();
    await text.copyTo(async (piece) => {
      parts.push(Buffer.from(piece));
      buffers.add(piece.buffer as ArrayBuffer);
      return done;
    });
    return { bytes: Buffer.concat(parts), buffers };
  }

  it("gives a report's text back as its UTF-8 bytes, and nothing when the text was cut short, however signed", async () => {
    const dir = repo();
    made.push(`${dir}-key`);
    const text = `${"教师 t01:合计 12.5 学时\n".repeat(3)}✓`;
    openResultCache(dir, { env: env(dir) })!.putWithText(["score"], { stderr: "注意\n" }, text);
    const hit = openResultCache(dir, { env: env(dir) })!.getWithText<{ stderr: string }>(["score"])!;
    expect(hit.value).toEqual({ stderr: "注意\n" });
    expect(hit.text.size).toBe(Buffer.byteLength(text));
    expect((await copied(hit.text, true)).bytes.equals(Buffer.from(text, "utf8"))).toBe(true);
    // Drop the last byte (half of a character's UTF-8) and sign it again with the right key: still a miss.
    const [file] = readdirSync(join(dir, ".yanxiu-cache", "results"));
    const path = join(dir, ".yanxiu-cache", "results", file!);
    const body = readFileSync(path).subarray(SIGNATURE_LINE, -1);
    writeFileSync(path, Buffer.concat([Buffer.from(`${sign(readFileSync(`${dir}-key`), body)}\n`), body]));
    expect(openResultCache(dir, { env: env(dir) })!.getWithText(["score"])).toBeUndefined();
  });

  it("streams a large report through one buffer when the file is private, and reads it whole when others may write it", async () => {
    const dir = repo();
    made.push(`${dir}-key`);
    // A header over a megabyte (the stderr value) and a text of three and a half.
    const stderr = "警告\n".repeat(200_000);
    const text = Array.from({ length: 120_000 }, (_, i) => `{"teacher": "t${i}", "total": ${i % 97}.5, "名": "李娜"}\n`).join("");
    expect(Buffer.byteLength(text)).toBeGreaterThan(3.5 * 2 ** 20);
    openResultCache(dir, { env: env(dir) })!.putWithText(["score"], { stderr }, text);
    chmodSync(join(dir, ".yanxiu-cache", "results", readdirSync(join(dir, ".yanxiu-cache", "results"))[0]!), 0o644);
    const reads: number[] = [];
    const counting = countingPieceReads(reads);
    const hit = openResultCache(dir, { env: env(dir), fs: counting })!.getWithText<{ stderr: string }>(["score"])!;
    expect(hit.value.stderr).toBe(stderr);
    const streamed = await copied(hit.text, true);
    expect(streamed.bytes.equals(Buffer.from(text))).toBe(true);
    expect(streamed.buffers.size).toBe(1);
    expect(reads.length).toBeGreaterThan(6); // read twice, a megabyte at a time
    // A writer that may keep what it was given gets a fresh buffer each time.
    const kept = await copied(openResultCache(dir, { env: env(dir) })!.getWithText<{ stderr: string }>(["score"])!.text, false);
    expect(kept.bytes.equals(Buffer.from(text))).toBe(true);
    expect(kept.buffers.size).toBeGreaterThan(3);
    // Writable by the group: never read twice, but whole, in one piece.
    reads.length = 0;
    const shared: ReadFs = { ...counting, openPieces: (path) => ({ ...counting.openPieces!(path), private: false }) };
    const whole = await copied(openResultCache(dir, { env: env(dir), fs: shared })!.getWithText<{ stderr: string }>(["score"])!.text, true);
    expect(whole.bytes.equals(Buffer.from(text))).toBe(true);
    expect(reads).toEqual([]);
  });

  it("turns down a report made for other files from its header alone, without reading or hashing its text", () => {
    const dir = repo();
    made.push(`${dir}-key`);
    const text = "x".repeat(3 * 2 ** 20);
    openResultCache(dir, { env: env(dir) })!.putWithText(["score"], {}, text);
    const reads: number[] = [];
    const counting = countingPieceReads(reads);
    expect(openResultCache(dir, { env: env(dir), fs: counting })!.getWithText(["score"])).toBeDefined();
    expect(reads.length).toBeGreaterThan(3); // believed: every megabyte read to check its signature
    writeFileSync(join(dir, "records", "t1", "b.yaml"), "records: []\n");
    reads.length = 0;
    expect(openResultCache(dir, { env: env(dir), fs: counting })!.getWithText(["score"])).toBeUndefined();
    // The trailer (where the header lies), then the header: nothing of the 3 MB text.
    expect(reads).toHaveLength(2);
    expect(reads.every((position) => position > SIGNATURE_LINE + text.length - 1)).toBe(true);
  });

  it("trusts no streamed report whose bytes were changed, even by one", async () => {
    const dir = repo();
    made.push(`${dir}-key`);
    const text = "x".repeat(3 * 2 ** 20);
    openResultCache(dir, { env: env(dir) })!.putWithText(["score"], {}, text);
    const path = join(dir, ".yanxiu-cache", "results", readdirSync(join(dir, ".yanxiu-cache", "results"))[0]!);
    const stored = readFileSync(path);
    stored[stored.length - 100] = 0x79; // a "y" deep in the third megabyte
    writeFileSync(path, stored, { mode: 0o644 });
    expect(openResultCache(dir, { env: env(dir) })!.getWithText(["score"])).toBeUndefined();
  });

  it("keeps a text given in pieces as the one text, and a write that fails half way leaves the entry before it", async () => {
    const dir = repo();
    made.push(`${dir}-key`);
    const pieces = ["{\n  \"教师\": [", "\"张丽\", \"李娜\"", "]\n}\n"];
    openResultCache(dir, { env: env(dir) })!.putWithText(["score"], { stderr: "注意\n" }, pieces);
    const hit = openResultCache(dir, { env: env(dir) })!.getWithText(["score"])!;
    expect(hit.value).toEqual({ stderr: "注意\n" });
    expect((await copied(hit.text, true)).bytes.toString("utf8")).toBe(pieces.join(""));
    // The disk fills after the first 100 bytes of the next entry: nothing half written is kept.
    let budget = 100;
    const full = { ...nodeFs, writeSync: (fd: number, b: Uint8Array, o: number, l: number, p: number | null) => {
      if (budget <= 0) throw Object.assign(new Error("ENOSPC"), { code: "ENOSPC" });
      const n = nodeFs.writeSync(fd, b, o, Math.min(l, budget), p);
      budget -= n;
      return n;
    } };
    openResultCache(dir, { env: env(dir), writeFs: full })!.putWithText(["score"], { stderr: "" }, ["x".repeat(500)]);
    const kept = openResultCache(dir, { env: env(dir) })!.getWithText(["score"])!;
    expect(kept.value).toEqual({ stderr: "注意\n" });
    expect((await copied(kept.text, true)).bytes.toString("utf8")).toBe(pieces.join(""));
    expect(readdirSync(join(dir, ".yanxiu-cache", "results"))).toHaveLength(1);
  });
});
