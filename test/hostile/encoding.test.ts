/** Bytes rather than YAML: BOMs, line endings, foreign encodings, binaries, empty and huge files. */
import { openSync, closeSync, writeSync, ftruncateSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check, expectContained, HOSTILE_FILE, places, problemsIn, recordFile, school } from "./school.js";
import { cpuMsSince } from "../helpers/cpu-time.js";

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...utf8(p)] : p)));

/** A record whose count is wrong (line 6, column 12), to show positions survive the encoding quirk. */
const COUNT_WRONG = recordFile("t03", "  - date: 2025-10-09", "    kind: observation", "    title: 听课", "    count: 一");

describe("encodings and line endings", () => {
  it("a UTF-8 BOM is ignored and positions stay right", async () => {
    const run = await check(school({ [HOSTILE_FILE]: "\ufeff" + COUNT_WRONG }));
    expectContained(run);
    expect(places(run, HOSTILE_FILE)).toEqual([["field-type", 6, 12]]);
  });

  it("a BOM before a problem on line 1 does not shift its column", async () => {
    const run = await check(school({ [HOSTILE_FILE]: "\ufeffteacher: t 03\nrecords: []\n" }));
    expectContained(run);
    // An id that is malformed is also unknown: both at column 10 (the file-name mismatch is not
    // reported on top of a malformed id).
    expect(places(run, HOSTILE_FILE)).toEqual([["id", 1, 10], ["unknown-teacher", 1, 10]]);
  });

  it("CRLF line endings: positions are the same as with LF", async () => {
    const run = await check(school({ [HOSTILE_FILE]: COUNT_WRONG.replace(/\n/g, "\r\n") }));
    expectContained(run);
    expect(places(run, HOSTILE_FILE)).toEqual([["field-type", 6, 12]]);
    expect(problemsIn(run, HOSTILE_FILE)[0]!.sourceLine).toBe("    count: 一");
  });

  it("CRLF and a syntax error", async () => {
    const text = recordFile("t03", "  - date: 2025-10-09", "    kind: observation", '    title: "听课').replace(/\n/g, "\r\n");
    const run = await check(school({ [HOSTILE_FILE]: text }));
    expectContained(run);
    expect(places(run, HOSTILE_FILE)).toEqual([["yaml-syntax", 5, 12]]);
  });

  it("GBK text: the position of the first byte that is not UTF-8", async () => {
    // 听 in UTF-8, then 听课 in GBK (cc fd bf ce): the first bad byte is line 5, column 13.
    const gbk = bytes("teacher: t03\nrecords:\n  - date: 2025-10-09\n    kind: observation\n    title: 听", [0xcc, 0xfd, 0xbf, 0xce], "\n    count: 1\n");
    const run = await check(school({ [HOSTILE_FILE]: gbk }));
    expectContained(run);
    expect(places(run, HOSTILE_FILE)).toEqual([["encoding", 5, 13]]);
    const [p] = problemsIn(run, HOSTILE_FILE);
    expect(p!.message).toBe("the file is not UTF-8 encoded");
    expect(p!.hint).toContain("GBK");
  });

  it("a whole file in GBK: line 1 when the first Chinese character is there", async () => {
    const gbk = bytes("teacher: t03 # ", [0xd5, 0xc5], "\nrecords: []\n");
    const run = await check(school({ [HOSTILE_FILE]: gbk }));
    expectContained(run);
    expect(places(run, HOSTILE_FILE)).toEqual([["encoding", 1, 16]]);
  });

  it("UTF-16 (Notepad's 'Unicode'): named as such", async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...utf8("teacher: t03\n")].flatMap((b) => [b, 0])]);
    const run = await check(school({ [HOSTILE_FILE]: utf16 }));
    expectContained(run);
    expect(places(run, HOSTILE_FILE)).toEqual([["encoding", 0, 0]]);
    expect(problemsIn(run, HOSTILE_FILE)[0]!.message).toBe("the file is UTF-16 encoded, not UTF-8");
  });
});

describe("empty and binary files", () => {
  const EMPTY: [string, string][] = [
    ["an empty file", ""],
    ["a file of only comments", "# 张老师的记录\n# 还没写\n"],
    ["a file of blank lines", "\n  \n\n"],
  ];
  for (const [name, text] of EMPTY) {
    it(name, async () => {
      const run = await check(school({ [HOSTILE_FILE]: text }));
      expectContained(run);
      expect(places(run, HOSTILE_FILE)).toEqual([["empty-file", 1, 1]]);
      expect(problemsIn(run, HOSTILE_FILE)[0]!.message).toBe("the file is empty (or holds only comments)");
    });
  }

  it("a PNG named .yaml", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const run = await check(school({ [HOSTILE_FILE]: png }));
    expectContained(run);
    expect(places(run, HOSTILE_FILE)).toEqual([["encoding", 0, 0]]);
    expect(problemsIn(run, HOSTILE_FILE)[0]!.message).toBe("this is not a text file (it contains NUL bytes)");
  });

  it("random bytes without NULs named .yaml", async () => {
    const junk = new Uint8Array([0x80, 0x81, 0xfe, 0x41, 0x0a, 0xc3]);
    const run = await check(school({ [HOSTILE_FILE]: junk }));
    expectContained(run);
    expect(places(run, HOSTILE_FILE)).toEqual([["encoding", 1, 1]]);
  });
});

describe("size", () => {
  it("a 50 MB file is refused without reading it, quickly", async () => {
    const dir = school();
    const path = join(dir, HOSTILE_FILE);
    const fd = openSync(path, "w");
    writeSync(fd, "teacher: t03\nrecords:\n");
    ftruncateSync(fd, 50 * 1024 * 1024); // sparse: no 50 MB written to the temp disk
    closeSync(fd);
    const cpu0 = process.cpuUsage();
    const run = await check(dir);
    expect(cpuMsSince(cpu0)).toBeLessThan(5000);
    expectContained(run);
    expect(places(run, HOSTILE_FILE)).toEqual([["file-too-large", 0, 0]]);
    expect(problemsIn(run, HOSTILE_FILE)[0]!.message).toBe("the file is too large (50.0 MB; the limit is 5 MB)");
  });

  it("a file just under the limit (thousands of records) is checked in reasonable time", async () => {
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      lines.push(`  - date: 2025-10-${String((i % 28) + 1).padStart(2, "0")}`, "    kind: observation", `    title: 听课 第${i}节`, "    count: 1");
    }
    const text = recordFile("t03", ...lines);
    expect(text.length).toBeLessThan(5 * 1024 * 1024);
    const cpu0 = process.cpuUsage();
    const run = await check(school({ [HOSTILE_FILE]: text }));
    expect(cpuMsSince(cpu0)).toBeLessThan(20_000);
    expectContained(run);
    expect(places(run, HOSTILE_FILE)).toEqual([]);
  });
});
