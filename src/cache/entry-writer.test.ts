import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nodeFs, type WriteFs } from "../repo/fs.js";
import { removeDir, tempDir } from "../../test/helpers/temp-repo.js";
import { entryParts, trailerFor, TRAILER_BYTES } from "./entry-layout.js";
import { ensureIgnored, removeDeadWriters, startEntry } from "./entry-writer.js";
import { openResultCache } from "./results.js";
import { SIGNATURE_LINE, verifiedBytes } from "./secret.js";

const made: string[] = [];
afterEach(() => made.splice(0).forEach(removeDir));

const KEY = Buffer.alloc(32, 7);

function folder(): string {
  const dir = tempDir("yanxiu-entry-");
  made.push(dir);
  return dir;
}

/** node:fs whose `writeSync` fails once `budget` writes went through (a disk filling up between chunks). */
function failingAfter(budget: number): WriteFs & { fsyncs: number } {
  const fs = { ...nodeFs, fsyncs: 0 };
  fs.writeSync = (fd, b, o, l, p) => {
    if (budget-- <= 0) throw Object.assign(new Error("ENOSPC: simulated"), { code: "ENOSPC" });
    return nodeFs.writeSync(fd, b, o, l, p);
  };
  fs.fsyncSync = (fd) => {
    fs.fsyncs++;
    nodeFs.fsyncSync(fd);
  };
  return fs;
}

describe("the entry's layout", () => {
  it("reads the header's place from the trailer, and refuses a trailer that is none", () => {
    // A body of 30 bytes: 10 of text, a header of 4 (its newline counted), the trailer.
    expect(trailerFor(4).toString("latin1")).toBe("000000000000004\n");
    expect(TRAILER_BYTES).toBe(16);
    expect(entryParts(30, trailerFor(4))).toEqual({ textBytes: 10, headerBytes: 4 });
    expect(entryParts(20, trailerFor(4))).toEqual({ textBytes: 0, headerBytes: 4 });
    expect(entryParts(19, trailerFor(4))).toBeUndefined(); // names more than the body holds
    expect(entryParts(30, trailerFor(0))).toBeUndefined(); // a header is never empty
    expect(entryParts(30, Buffer.from("00000000000004\n"))).toBeUndefined(); // 14 digits
    expect(entryParts(30, Buffer.from("00000000000004x\n"))).toBeUndefined();
    expect(entryParts(30, Buffer.from("0000000000000045"))).toBeUndefined(); // no newline
    expect(entryParts(30, Buffer.from("-00000000000004\n"))).toBeUndefined();
  });

  it("is the signature line, the text, the header line and the trailer, signed in that order", () => {
    const dir = folder();
    const path = join(dir, "e.json");
    const entry = startEntry(nodeFs, KEY, path);
    entry.add("教师 t01:");
    entry.add(Buffer.from("12.5 学时\n"));
    entry.finish('{"textBytes":23}');
    const stored = readFileSync(path);
    const body = verifiedBytes(KEY, stored)!;
    expect(Buffer.from(body).toString("utf8")).toBe('教师 t01:12.5 学时\n{"textBytes":23}\n000000000000017\n');
    expect(Buffer.byteLength("教师 t01:12.5 学时\n")).toBe(23);
    expect(verifiedBytes(Buffer.alloc(32, 8), stored)).toBeUndefined();
    expect(readdirSync(dir)).toEqual(["e.json"]);
  });
});

describe("an entry written while its text is made", () => {
  function entryWith(dir: string, text: string[]): void {
    made.push(`${dir}-key`);
    const entry = openResultCache(dir, { env: env(dir) })!.textEntry(["score"]);
    for (const piece of text) entry.add(piece);
    entry.finish({ stderr: "" });
  }
  const results = (dir: string) => join(dir, ".yanxiu-cache", "results");
  const env = (dir: string) => ({ YANXIU_CACHE_KEY_FILE: `${dir}-key` });
  const textOf = async (dir: string) => {
    const hit = openResultCache(dir, { env: env(dir) })!.getWithText(["score"]);
    if (!hit) return undefined;
    const parts: Buffer[] = [];
    await hit.text.copyTo(async (p) => (parts.push(Buffer.from(p)), true));
    return Buffer.concat(parts).toString("utf8");
  };

  it("leaves the entry before, byte for byte, when the disk fills between chunks, and no temporary file", async () => {
    const dir = folder();
    entryWith(dir, ["第一份报告\n", "第二块\n"]);
    const [name] = readdirSync(results(dir));
    const before = readFileSync(join(results(dir), name!));
    // One write each: the signature's place, three chunks, the header, the trailer, the signature. Fail each after the first.
    for (const budget of [1, 2, 3, 4, 5, 6]) {
      const fs = failingAfter(budget);
      const entry = openResultCache(dir, { env: env(dir), writeFs: fs })!.textEntry(["score"]);
      for (const piece of ["a".repeat(1000), "b".repeat(1000), "c".repeat(1000)]) entry.add(piece);
      entry.finish({ stderr: "" });
      expect(readdirSync(results(dir)), `budget ${budget}`).toEqual([name]);
      expect(readFileSync(join(results(dir), name!)).equals(before)).toBe(true);
      expect(fs.fsyncs).toBe(0);
    }
    expect(await textOf(dir)).toBe("第一份报告\n第二块\n");
  });

  it("leaves the entry before when abandoned or past its limit, and writes nothing before the first piece", async () => {
    const dir = folder();
    entryWith(dir, ["kept\n"]);
    const cache = openResultCache(dir, { env: env(dir) })!;
    const abandoned = cache.textEntry(["score"]);
    abandoned.add("half a report");
    abandoned.abandon();
    abandoned.finish({ stderr: "" }); // too late: nothing
    const over = cache.textEntry(["score"], 10);
    over.add("12345");
    over.add("678901"); // 11 bytes: past the limit
    over.finish({ stderr: "" });
    expect(readdirSync(results(dir))).toHaveLength(1);
    expect(await textOf(dir)).toBe("kept\n");
    // Another purpose never given a piece: no file at all.
    cache.textEntry(["score", "other"]).abandon();
    expect(readdirSync(results(dir))).toHaveLength(1);
  });

  it("a run killed half way leaves the entry before; its cut-off file, if ever read, fails; the next writer removes it", async () => {
    const dir = folder();
    entryWith(dir, ["the honest report\n"]);
    const [name] = readdirSync(results(dir));
    // A writer that dies after two chunks: neither finished nor abandoned.
    const dying = startEntry(nodeFs, readFileSync(`${dir}-key`), join(results(dir), name!));
    dying.add("x".repeat(5000));
    dying.add("y".repeat(5000));
    const temp = readdirSync(results(dir)).find((n) => n.endsWith(".tmp"))!;
    expect(temp).toMatch(new RegExp(`^\\.${name}\\.${process.pid}\\.\\d+\\.tmp$`));
    expect(await textOf(dir)).toBe("the honest report\n");
    // Read in its place (as if renamed), the cut-off file is no entry.
    const honest = readFileSync(join(results(dir), name!));
    copyFileSync(join(results(dir), temp), join(results(dir), name!));
    expect(await textOf(dir)).toBeUndefined();
    // Nor is a finished entry cut anywhere, or signed and then cut.
    writeFileSync(join(results(dir), name!), honest);
    for (const cut of [1, TRAILER_BYTES - 1, TRAILER_BYTES, TRAILER_BYTES + 5, honest.length - SIGNATURE_LINE - 3]) {
      writeFileSync(join(results(dir), name!), honest.subarray(0, honest.length - cut));
      expect(await textOf(dir), `cut ${cut}`).toBeUndefined();
    }
    writeFileSync(join(results(dir), name!), honest);
    // Its process is gone (as a killed one would be): a later writer removes the file.
    const renamed = temp.replace(`.${process.pid}.`, ".999999999.");
    copyFileSync(join(results(dir), temp), join(results(dir), renamed));
    removeDeadWriters(nodeFs, results(dir), (pid) => pid !== 999999999);
    expect(readdirSync(results(dir)).sort()).toEqual([temp, name].sort()); // this process's own is alive
    dying.abandon();
    expect(readdirSync(results(dir))).toEqual([name]);
    expect(await textOf(dir)).toBe("the honest report\n");
  });
});

describe("ensureIgnored", () => {
  it("writes the cache folder's .gitignore without flushing, and writes again one cut short", () => {
    const dir = folder();
    const fs = failingAfter(100);
    mkdirSync(join(dir, "c"));
    ensureIgnored(fs, join(dir, "c"));
    const path = join(dir, "c", ".gitignore");
    expect(readFileSync(path, "utf8")).toBe("# yanxiu's cache: never committed\n*\n");
    writeFileSync(path, ""); // a crash before the bytes reached the disk
    ensureIgnored(fs, join(dir, "c"));
    expect(readFileSync(path, "utf8")).toBe("# yanxiu's cache: never committed\n*\n");
    expect(fs.fsyncs).toBe(0);
    expect(readdirSync(join(dir, "c"))).toEqual([".gitignore"]);
  });
});
