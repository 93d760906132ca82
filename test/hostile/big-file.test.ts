/**
 * `yanxiu add` into a 50 MB record file (issue 11: it ran out of memory, ~350× the file size).
 * The size is checked before the file is read: refused like check refuses it, the limit named,
 * the file untouched — and the real binary does it within a 200 MB heap.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { closeSync, openSync, statSync, writeSync } from "node:fs";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BIN } from "../helpers/run-cli.js";
import { ensureBuilt } from "../helpers/build.js";
import { removeDir } from "../helpers/temp-repo.js";
import { HOSTILE_FILE, recordFile, school } from "./school.js";

beforeAll(() => ensureBuilt(), 120_000);
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

/** A well-formed record file of about `mb` MB, written in pieces. */
function bigRecordFile(path: string, mb: number): void {
  const fd = openSync(path, "w");
  writeSync(fd, recordFile("t03"));
  const one = "  - date: 2025-10-09\n    kind: observation\n    title: 听课《荷塘月色》一二三四五六七八九十\n    count: 1\n";
  const block = one.repeat(1000);
  for (let n = 0; n < (mb * 1048576) / Buffer.byteLength(block); n++) writeSync(fd, block);
  closeSync(fd);
}

const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

describe("add into a huge record file", () => {
  it("50 MB: exit 1, 'too large … the limit is 5.0 MB, as in check', untouched, within a 200 MB heap", () => {
    const dir = school({ [HOSTILE_FILE]: "" });
    dirs.push(dir);
    const path = join(dir, HOSTILE_FILE);
    bigRecordFile(path, 50);
    const size = statSync(path).size;
    const before = sha(path);
    const r = spawnSync(process.execPath, ["--max-old-space-size=200", BIN, "add", dir, "--teacher", "t03", "--kind", "observation", "--date", "2025-10-20", "--title", "x", "--count", "1", "--lang", "en"], {
      encoding: "utf8", env: { ...process.env, NO_COLOR: "1", YANXIU_TODAY: "2026-11-23" },
    });
    expect(r.stderr).toBe(`yanxiu: ${HOSTILE_FILE} is too large (${(size / 1048576).toFixed(1)} MB; the limit is 5.0 MB, as in check), so it was neither read nor written; check this is the right file\n`);
    expect(r.status).toBe(1);
    expect(sha(path)).toBe(before);
  });
});
