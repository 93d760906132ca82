/**
 * `check` keeps only the data of record and session files that loaded without problems; their
 * text and positions are read again from the file when a later check reports into one. A
 * duplicate found across two such files must still point at file:line:col with the line.
 */
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT, removeDir, tempDir } from "../helpers/temp-repo.js";
import { runCli } from "../helpers/run-cli.js";
import { loadRepo } from "../../src/pipeline/load.js";
import { runChecks } from "../../src/checks/index.js";

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

/** The mini school with t01's observation recorded again in a second file of t01's, under a subfolder. */
function schoolWithCrossFileDuplicate(): string {
  const dir = tempDir("yanxiu-dropped-");
  made.push(dir);
  cpSync(join(REPO_ROOT, "test/fixtures/mini-school"), dir, { recursive: true });
  mkdirSync(join(dir, "records/2025-2026-1/extra"));
  writeFileSync(join(dir, "records/2025-2026-1/extra/t01.yaml"), [
    "# 张丽 补录",
    "teacher: t01",
    "records:",
    "  - date: 2025-09-15",
    "    kind: observation",
    "    title: 听课《荷塘月色》",
    "    count: 2",
    "",
  ].join("\n"));
  return dir;
}

const DAY = "2026-11-23";

describe("check with the sources of valid files dropped", () => {
  it("reports a duplicate across two valid files at its file:line:col with the source line", async () => {
    const dir = schoolWithCrossFileDuplicate();
    const r = await runCli(["check", "--format", "json", "--no-cache"], { cwd: dir });
    expect(r.code).toBe(1);
    const problems = JSON.parse(r.stdout).problems as { check: string; file: string; line: number; column: number; sourceLine?: string; message: string }[];
    const dup = problems.filter((p) => p.check === "duplicate-record");
    expect(dup).toHaveLength(1);
    // extra/ sorts before t01.yaml, so the entry in t01.yaml (line 6: "    title: 听课《荷塘月色》",
    // the value from column 12) is the second one, pointing back at extra/t01.yaml line 4.
    expect(dup[0]).toMatchObject({ file: "records/2025-2026-1/t01.yaml", line: 6, column: 12, sourceLine: "    title: 听课《荷塘月色》" });
    expect(dup[0]!.message).toContain("records/2025-2026-1/extra/t01.yaml:4");
  });

  it("finds exactly what a load keeping every source finds, though the files' texts were let go", () => {
    const dir = schoolWithCrossFileDuplicate();
    const slim = loadRepo(dir, { validSources: "data" });
    const full = loadRepo(dir, { validSources: "all" });
    const t01 = slim.files.find((f) => f.file === "records/2025-2026-1/t01.yaml")!;
    // Only the data is held; the text is a getter that reads the file again.
    expect(Object.getOwnPropertyDescriptor(t01.source!, "text")?.get).toBeTypeOf("function");
    expect(Object.getOwnPropertyDescriptor(full.files.find((f) => f.file === t01.file)!.source!, "text")?.value).toBeTypeOf("string");
    const slimProblems = runChecks(slim, { today: DAY });
    expect(slimProblems.some((p) => p.check === "duplicate-record")).toBe(true);
    expect(slimProblems).toEqual(runChecks(full, { today: DAY }));
  });

  it("score keeps no source of a valid file at all", () => {
    const dir = schoolWithCrossFileDuplicate();
    const none = loadRepo(dir, { validSources: "none" });
    expect(none.files.filter((f) => f.kind === "records").map((f) => f.source)).toEqual([undefined, undefined, undefined]);
    expect(none.dataset!.activities.length).toBe(loadRepo(dir).dataset!.activities.length);
  });
});
