import { afterEach, describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fsyncFolder, writeAll, writeFileAtomic, writeNewFile, WriteStepError } from "./write.js";
import { nodeFs, type WriteFs } from "./fs.js";
import { removeDir, tempDir } from "../../test/helpers/temp-repo.js";
import { errno, faultyFs } from "../../test/helpers/faulty-fs.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}

describe("writeAll", () => {
  it("loops until every byte is written, whatever each call manages", () => {
    const got: number[][] = [];
    const sizes = [3, 1, 100];
    const fs = { writeSync: (_fd: number, b: Uint8Array, o: number, l: number) => {
      const n = Math.min(l, sizes.shift() ?? l);
      got.push([...b.subarray(o, o + n)]);
      return n;
    } } as unknown as WriteFs;
    writeAll(fs, 1, new Uint8Array([1, 2, 3, 4, 5, 6, 7]));
    expect(got).toEqual([[1, 2, 3], [4], [5, 6, 7]]);
  });

  it("a call that writes nothing is ENOSPC, not an endless loop", () => {
    const fs = { writeSync: () => 0 } as unknown as WriteFs;
    expect(() => writeAll(fs, 1, new Uint8Array(5))).toThrow(expect.objectContaining({ code: "ENOSPC" }));
  });
});

describe("writeFileAtomic (reports, schemas, CODEOWNERS, cache shards)", () => {
  const ops = () => {
    const d = dir();
    writeFileSync(join(d, "a.txt"), "old");
    const fs = faultyFs();
    writeFileAtomic(join(d, "a.txt"), "new", { fs });
    return fs.calls.length;
  };
  const n = ops();

  for (let at = 0; at < n; at++) {
    it(`call ${at} failing: the file is old or new, never a part; a WriteStepError; no temporary file`, () => {
      const d = dir();
      const path = join(d, "a.txt");
      writeFileSync(path, "old");
      let err: unknown;
      try {
        writeFileAtomic(path, "new text", { fs: faultyFs({ at, code: "EIO" }) });
      } catch (e) {
        err = e;
      }
      const now = readFileSync(path, "utf8");
      if (err === undefined) expect(now).toBe("new text");
      else {
        expect(err).toBeInstanceOf(WriteStepError);
        expect(now).toBe((err as WriteStepError).renamed ? "new text" : "old");
      }
      expect(readdirSync(d).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    });
  }

  it("names the step that failed", () => {
    const d = dir();
    const fail = (op: string) => {
      try {
        writeFileAtomic(join(d, "b.txt"), "x", { fs: faultyFs({ when: (c) => c.op === op, code: "ENOSPC" }) });
      } catch (e) {
        return [(e as WriteStepError).step, (e as WriteStepError).code, (e as WriteStepError).renamed];
      }
      return undefined;
    };
    expect(fail("writeSync")).toEqual(["write", "ENOSPC", false]);
    expect(fail("renameSync")).toEqual(["rename", "ENOSPC", false]);
    expect(existsSync(join(d, "b.txt"))).toBe(false);
  });
});

describe("writeNewFile (init)", () => {
  it("refuses an existing file (EEXIST) and leaves it alone", () => {
    const d = dir();
    writeFileSync(join(d, "c.txt"), "mine");
    expect(() => writeNewFile(join(d, "c.txt"), "theirs")).toThrow(expect.objectContaining({ code: "EEXIST" }));
    expect(readFileSync(join(d, "c.txt"), "utf8")).toBe("mine");
  });

  it("a write that fails part-way leaves no half-written file behind", () => {
    const d = dir();
    const fs = faultyFs({}, { writeSync: (fd, b, o, l, p) => { if (o > 0) throw errno("ENOSPC"); return nodeFs.writeSync(fd, b, o, Math.min(l, 2), p); } });
    expect(() => writeNewFile(join(d, "sub/c.txt"), "abcdef", { fs })).toThrow(WriteStepError);
    expect(existsSync(join(d, "sub/c.txt"))).toBe(false);
  });
});

describe("fsyncFolder", () => {
  it("closes the folder even when its fsync fails", () => {
    const d = dir();
    const fs = faultyFs({ when: (c) => c.op === "fsyncSync" });
    expect(() => fsyncFolder(fs, d)).toThrow(expect.objectContaining({ code: "EIO" }));
    expect(fs.calls.map((c) => c.op)).toEqual(["openSync", "fsyncSync", "closeSync"]);
  });
});
