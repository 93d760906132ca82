/**
 * Writing into a hostile repository: read-only files, a full disk, files that do not parse.
 * Whatever happens, the original file is byte-identical afterwards.
 */
import { appendFileSync, chmodSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { writeFileAtomic } from "../../src/repo/write.js";
import { nodeFs, type WriteFs } from "../../src/repo/fs.js";
import { errno, faultyFs } from "../helpers/faulty-fs.js";
import { expectNoStack, GOOD_FILE, HOSTILE_FILE, recordFile, school } from "./school.js";

const ADD = ["--kind", "observation", "--date", "2025-10-20", "--title", "听课《春》", "--count", "1", "--lang", "en"];
const add = (dir: string, teacher: string, ...extra: string[]) => runCli(["add", dir, "--teacher", teacher, ...ADD, ...extra]);
const addWith = (fs: WriteFs, dir: string, teacher: string) => runCli(["add", dir, "--teacher", teacher, ...ADD], { fs });

function snapshot(dir: string, file: string): Buffer {
  return readFileSync(join(dir, file));
}

function tempFilesBeside(dir: string, file: string): string[] {
  return readdirSync(dirname(join(dir, file))).filter((f) => f.endsWith(".tmp"));
}

describe("yanxiu add against hostile files", () => {
  it("a read-only record file: refused, exit 1, byte-identical", async () => {
    const dir = school();
    chmodSync(join(dir, GOOD_FILE), 0o444);
    const before = snapshot(dir, GOOD_FILE);
    const r = await add(dir, "t01");
    expect(r.code).toBe(1);
    expectNoStack(r);
    expect(r.stderr).toBe(`yanxiu: ${GOOD_FILE} is read-only; nothing was written\n`);
    expect(snapshot(dir, GOOD_FILE).equals(before)).toBe(true);
  });

  const UNPARSABLE: [string, string | Uint8Array, string, number, number][] = [
    ["an unclosed quote", recordFile("t03", "  - date: 2025-10-09", "    kind: observation", '    title: "听课', "    count: 1"), "yaml-syntax", 5, 12],
    ["GBK bytes", new Uint8Array([...new TextEncoder().encode("teacher: t03 # "), 0xd5, 0xc5, 0x0a]), "encoding", 1, 16],
    ["a !!js/function tag", recordFile("t03", '  - title: !!js/function "f"'), "yaml-tag", 3, 12],
    ["10,000 levels of [", "teacher: t03\nrecords: " + "[".repeat(10_000) + "\n", "yaml-syntax", 2, -1],
  ];
  for (const [name, content, checkName, line, column] of UNPARSABLE) {
    it(`a record file with ${name}: left alone, exit 1, byte-identical, the problem shown`, async () => {
      const dir = school({ [HOSTILE_FILE]: content });
      const before = snapshot(dir, HOSTILE_FILE);
      const r = await add(dir, "t03");
      expect(r.code).toBe(1);
      expectNoStack(r);
      expect(r.stderr).toBe(`yanxiu: ${HOSTILE_FILE} does not parse, so it is left alone; fix the problems above first\n`);
      const where = column > 0 ? `${HOSTILE_FILE}:${line}:${column}` : `${HOSTILE_FILE}:${line}:`;
      expect(r.stdout).toContain(where);
      expect(r.stdout).toContain(`[${checkName}]`);
      expect(snapshot(dir, HOSTILE_FILE).equals(before)).toBe(true);
      expect(tempFilesBeside(dir, HOSTILE_FILE)).toEqual([]);
    });
  }

  it("a record file that belongs to someone else is not written into", async () => {
    const dir = school({ [HOSTILE_FILE]: recordFile("t01", "  - date: 2025-10-09", "    kind: reflection", "    title: 反思") });
    const before = snapshot(dir, HOSTILE_FILE);
    const r = await add(dir, "t03");
    expect(r.code).toBe(1);
    expectNoStack(r);
    expect(r.stderr).toContain("holds teacher 't01', not 't03'");
    expect(snapshot(dir, HOSTILE_FILE).equals(before)).toBe(true);
  });

  it("a value the check would refuse is refused before anything is written", async () => {
    const dir = school();
    const before = snapshot(dir, GOOD_FILE);
    const r = await runCli(["add", dir, "--teacher", "t01", "--kind", "observation", "--date", "2026-02-30", "--title", "x", "--count", "1", "--lang", "en"]);
    expect([1, 2]).toContain(r.code);
    expectNoStack(r);
    expect(r.stderr + r.stdout).toContain("2026-02-30");
    expect(snapshot(dir, GOOD_FILE).equals(before)).toBe(true);
  });

  it("full-width digits on the command line are read as the number; other junk is a usage error, nothing written", async () => {
    const dir = school();
    const before = snapshot(dir, GOOD_FILE);
    const r = await runCli(["add", dir, "--teacher", "t01", "--kind", "observation", "--date", "2025-10-20", "--title", "x", "--count", "十二", "--lang", "en"]);
    expect(r.code).toBe(2);
    expectNoStack(r);
    expect(r.stderr).toBe("yanxiu: --count must be a number, not '十二'\n");
    expect(snapshot(dir, GOOD_FILE).equals(before)).toBe(true);
    const ok = await runCli(["add", dir, "--teacher", "t01", "--kind", "observation", "--date", "2025-10-20", "--title", "x", "--count", "１２", "--dry-run"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("count: 12");
  });
});

describe("a full disk (simulated through writeFileAtomic's beforeRename seam)", () => {
  const enospc = () => {
    const e = new Error("ENOSPC: no space left on device, write") as NodeJS.ErrnoException;
    e.code = "ENOSPC";
    throw e;
  };

  it("the original is byte-identical and no temporary file is left behind", () => {
    const dir = school();
    const path = join(dir, GOOD_FILE);
    const before = readFileSync(path);
    expect(() => writeFileAtomic(path, "teacher: t01\nrecords: []\n", { beforeRename: enospc })).toThrow(/ENOSPC/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(tempFilesBeside(dir, GOOD_FILE)).toEqual([]);
  });

  it("the same for a file that does not exist yet: nothing is created", () => {
    const dir = school();
    const path = join(dir, "records/2025-2026-2/t01.yaml");
    expect(() => writeFileAtomic(path, "teacher: t01\nrecords: []\n", { beforeRename: enospc })).toThrow(/ENOSPC/);
    expect(readdirSync(dirname(path))).toEqual([]);
  });

  it("a read-only file keeps its mode when replaced, so a later add still refuses it", () => {
    const dir = school();
    const path = join(dir, GOOD_FILE);
    chmodSync(path, 0o444);
    writeFileAtomic(path, readFileSync(path, "utf8"));
    expect(readdirSync(dirname(path)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect((statSync(path).mode & 0o777).toString(8)).toBe("444");
  });
});

describe("yanxiu add through a file system that fails (io.fs)", () => {
  it("the record path is a folder: a clear error, exit 1, no internal EISDIR", async () => {
    const dir = school();
    mkdirSync(join(dir, HOSTILE_FILE), { recursive: true });
    const r = await add(dir, "t03");
    expectNoStack(r);
    expect(r.stderr).not.toContain("internal");
    expect(r.stderr).toBe(`yanxiu: ${HOSTILE_FILE} is a folder, not a file; nothing was written. Rename or move the folder, then try again\n`);
    expect(r.code).toBe(1);
  });

  it("ENOSPC part-way through the write: exit 2, the reason named, byte-identical, no temporary file", async () => {
    const dir = school();
    const before = snapshot(dir, GOOD_FILE);
    let written = 0;
    const fs = faultyFs({}, {
      writeSync: (fd, b, o, l, p) => {
        if (l < 100) return nodeFs.writeSync(fd, b, o, l, p); // the lock
        if (written > 0) throw errno("ENOSPC");
        written = nodeFs.writeSync(fd, b, o, Math.min(l, 64), p);
        return written;
      },
    });
    const r = await addWith(fs, dir, "t01");
    expectNoStack(r);
    expect(r.stderr).toBe(`yanxiu: writing ${GOOD_FILE} failed (writing: ENOSPC: the disk is full); the file is unchanged\n`);
    expect(r.stdout).not.toContain("written to");
    expect(r.code).toBe(2);
    expect(snapshot(dir, GOOD_FILE).equals(before)).toBe(true);
    expect(tempFilesBeside(dir, GOOD_FILE)).toEqual([]);
  });

  it("an editor saves between add's read and its rename: the record joins the saved text, the edit is kept", async () => {
    const dir = school();
    const path = join(dir, GOOD_FILE);
    const edit = "# 编辑器保存的一行\n";
    let saved = false;
    const fs = faultyFs({}, {
      renameSync: (a, b) => nodeFs.renameSync(a, b),
      fsyncSync: (fd) => {
        // The first flush of add's temporary file: the editor saves right then.
        if (!saved && nodeFs.readdirSync(dirname(path)).some((f) => f.endsWith(".tmp"))) {
          saved = true;
          appendFileSync(path, edit);
        }
        nodeFs.fsyncSync(fd);
      },
    });
    const before = readFileSync(path, "utf8");
    const r = await addWith(fs, dir, "t01");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`yanxiu: ${GOOD_FILE} was changed while the record was being added; it was added to the changed content, which is kept\n`);
    const after = readFileSync(path, "utf8");
    // Every line of the edited file is kept, in order; the record goes at the end of the list.
    expect(before.endsWith("    count: 1\n")).toBe(true);
    expect(after).toBe(before + "  - date: 2025-10-20\n    kind: observation\n    title: 听课《春》\n    count: 1\n\n" + edit);
  });

  it("an editor's save that breaks the file: add refuses on the new content, the edit is kept", async () => {
    const dir = school();
    const path = join(dir, GOOD_FILE);
    let saved = false;
    const fs = faultyFs({}, {
      fsyncSync: (fd) => {
        if (!saved && nodeFs.readdirSync(dirname(path)).some((f) => f.endsWith(".tmp"))) {
          saved = true;
          appendFileSync(path, "  - title: \"unclosed\n");
        }
        nodeFs.fsyncSync(fd);
      },
    });
    const edited = () => readFileSync(path, "utf8");
    const r = await addWith(fs, dir, "t01");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`yanxiu: ${GOOD_FILE} does not parse, so it is left alone; fix the problems above first\n`);
    expect(edited().endsWith("  - title: \"unclosed\n")).toBe(true);
    expect(edited()).not.toContain("听课《春》");
  });
});
