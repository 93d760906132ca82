/**
 * `yanxiu check - --stdin-filename PATH` (as ESLint's): the text an editor holds, checked as that
 * file of the repository — against its roster, rules and the other files — and reported at PATH.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { BIN } from "../helpers/run-cli.js";
import { copyDemoSchool, removeDir } from "../helpers/temp-repo.js";

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const FILE = "records/2025-2026-1/t02.yaml";
/** Unsaved in the editor: an unknown kind and a full-width colon. */
const TEXT = "teacher: t02\nrecords:\n  - date: 2025-09-16\n    kind: reflektion\n    title: 教学反思\n  - date: 2025-09-17\n    kind：reflection\n    title: 反思\n";

async function inProcess(dir: string, argv: string[], input: string) {
  let out = "";
  let err = "";
  const code = await main({
    argv, cwd: dir, env: { YANXIU_TODAY: "2026-11-23" },
    stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) },
    stdin: Readable.from([Buffer.from(input)]),
  });
  return { code, out, err };
}

describe("check - --stdin-filename", () => {
  it("in-process: problems at the given path, the file on disk untouched", async () => {
    const dir = copyDemoSchool();
    made.push(dir);
    const saved = readFileSync(join(dir, FILE), "utf8");
    const r = await inProcess(dir, ["check", "-", "--stdin-filename", FILE, "--format", "json", "--lang", "en"], TEXT);
    const problems = JSON.parse(r.out).problems as { file: string; line: number; column: number; check: string }[];
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.check}`)).toEqual([
      `${FILE}:4:11 unknown-kind`,
      `${FILE}:7:9 full-width-syntax`,
    ]);
    expect(JSON.parse(r.out).files).toBe(1);
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, FILE), "utf8")).toBe(saved);
  });

  it("a file not yet on disk is checked in the repo's context (its teacher must be on the roster)", async () => {
    const dir = copyDemoSchool();
    made.push(dir);
    const r = await inProcess(dir, ["check", "-", "--stdin-filename", "records/2025-2026-1/t77.yaml", "--format", "json"],
      "teacher: t77\nrecords:\n  - date: 2025-09-16\n    kind: reflection\n    title: 新来的\n");
    expect(JSON.parse(r.out).problems.map((p: { line: number; check: string }) => `${p.line} ${p.check}`)).toEqual(["1 unknown-teacher"]);
  });

  it("without --stdin-filename: a usage error, exit 2", async () => {
    const dir = copyDemoSchool();
    made.push(dir);
    const r = await inProcess(dir, ["check", "-", "--lang", "en"], TEXT);
    expect(r.code).toBe(2);
    expect(r.err).toContain("checking stdin needs --stdin-filename");
  });

  it("the real binary reads its standard input", () => {
    const dir = copyDemoSchool();
    made.push(dir);
    const r = spawnSync(process.execPath, [BIN, "check", "-", "--stdin-filename", FILE, "--lang", "en"], {
      cwd: dir, input: TEXT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", YANXIU_TODAY: "2026-11-23" },
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${FILE}:4:11: error[unknown-kind]: the rules define no activity kind 'reflektion'`);
    expect(r.stdout).toContain(`${FILE}:7:9: error[full-width-syntax]`);
    expect(r.stdout).toContain("1 file checked, 2 errors, 0 warnings");
  });
});
