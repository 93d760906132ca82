/**
 * `yanxiu check --fix` moving misplaced record and session files (issue 18), on a copy of the demo
 * school committed to a real git repository: each file lands byte for byte at
 * `<folder>/<term>/<id>.yaml`, git sees renames, --dry-run lists the moves and changes nothing,
 * and --format json carries the move.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { copyDemoSchool, removeDir, tempDir, writeFiles } from "../helpers/temp-repo.js";
import { CONFIG, RULES, ROSTER } from "../hostile/school.js";

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const GIT_ENV = {
  GIT_AUTHOR_NAME: "T", GIT_AUTHOR_EMAIL: "t@example.edu.cn", GIT_COMMITTER_NAME: "T", GIT_COMMITTER_EMAIL: "t@example.edu.cn",
  GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null",
};
const git = (dir: string, ...args: string[]) => spawnSync("git", args, { cwd: dir, encoding: "utf8", env: { ...process.env, ...GIT_ENV } }).stdout;

/** Where each misplaced file is, and where it belongs. */
const MOVES: [string, string][] = [
  // The second term's records saved in the first term's folder (its own first-term file gone).
  ["records/2025-2026-1/t10.yaml", "records/2025-2026-2/t10.yaml"],
  // A group leader did the same with the sessions.
  ["sessions/2025-2026-1/chinese.yaml", "sessions/2025-2026-2/chinese.yaml"],
  // No term folder; a folder that is no term; a .yml name.
  ["records/t05.yaml", "records/2025-2026-2/t05.yaml"],
  ["records/2025-2026-9/t07.yaml", "records/2025-2026-2/t07.yaml"],
  ["records/2025-2026-2/t08.yml", "records/2025-2026-2/t08.yaml"],
];

/** The demo school, committed, then the files misplaced and committed again: what a teacher pushes. */
function school(): { dir: string; bytes: Map<string, Buffer> } {
  const dir = copyDemoSchool();
  made.push(dir);
  rmSync(join(dir, "records/2025-2026-1/t10.yaml"));
  rmSync(join(dir, "sessions/2025-2026-1/chinese.yaml"));
  mkdirSync(join(dir, "records/2025-2026-9"));
  const bytes = new Map<string, Buffer>();
  for (const [from, to] of MOVES) {
    renameSync(join(dir, to), join(dir, from));
    bytes.set(from, readFileSync(join(dir, from)));
  }
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "misplaced");
  return { dir, bytes };
}

interface JsonProblem {
  check: string;
  file: string;
  line: number;
  hint?: string;
  fix?: { move?: { from: string; to: string }; range?: unknown };
}

describe("check --fix moves a file to its term folder", () => {
  it("check says a move is available: the hint names the place, JSON carries fix.move", async () => {
    const { dir } = school();
    const r = await runCli(["check", dir, "--format", "json", "--lang", "en"]);
    const problems: JsonProblem[] = JSON.parse(r.stdout).problems;
    // Every problem is about a misplaced file, and each offers the move of its file.
    const byFile = new Map<string, Set<string>>();
    for (const p of problems) byFile.set(p.file, new Set([...(byFile.get(p.file) ?? []), `${p.check} ${JSON.stringify(p.fix)}`]));
    expect(Object.fromEntries([...byFile].map(([f, s]) => [f, [...s]]))).toEqual(Object.fromEntries(MOVES.map(([from, to]) => [
      from,
      [`${from.includes("2025-2026-1") ? "term-folder" : "file-place"} ${JSON.stringify({ move: { from, to } })}`],
    ])));
    expect(problems.find((p) => p.file === "records/t05.yaml")?.hint).toBe("move the file to records/2025-2026-2/t05.yaml");
    // The demo's t10 had 14 second-term records: one warning each.
    expect(problems.filter((p) => p.file === "records/2025-2026-1/t10.yaml")).toHaveLength(
      readFileSync(join(dir, "records/2025-2026-1/t10.yaml"), "utf8").match(/^ {2}- date:/gm)!.length);

    const text = await runCli(["check", dir]);
    expect(text.stdout).toContain("records/t05.yaml: 错误[file-place]: records/ 下的文件应放在学期文件夹中:records/<学期>/<教师编号>.yaml\n"
      + "  建议: 把文件移到 records/2025-2026-2/t05.yaml\n  可用 yanxiu check --fix 把文件移到 records/2025-2026-2/t05.yaml\n");
    const en = await runCli(["check", dir, "--lang", "en"]);
    expect(en.stdout).toContain("records/t05.yaml: error[file-place]: files in records/ belong at records/<term>/<teacher id>.yaml\n"
      + "  hint: move the file to records/2025-2026-2/t05.yaml\n  yanxiu check --fix can move the file to records/2025-2026-2/t05.yaml\n");
  });

  it("--dry-run lists each move and changes nothing", async () => {
    const { dir } = school();
    const r = await runCli(["check", dir, "--fix", "--dry-run"]);
    expect(r.stdout).toBe([...MOVES].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([from, to]) => `${from} → ${to}\n`).join(""));
    expect(r.stderr).toBe("--fix --dry-run:将移动 5 个文件(未移动)\n");
    expect(r.code).toBe(1);
    expect(git(dir, "status", "--porcelain")).toBe("");
  });

  it("--fix moves every file byte for byte; git add -A sees renames; check is then clean", async () => {
    const { dir, bytes } = school();
    const r = await runCli(["check", dir, "--fix", "--lang", "en"]);
    expect(r.stderr).toBe(`--fix: moved 5 files: ${[...MOVES].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([from, to]) => `${from} → ${to}`).join("; ")}\n`);
    // The demo's 69 files less the two removed to make room.
    expect(r.stdout).toBe("67 files checked, no problems ✓\n");
    expect(r.code).toBe(0);
    for (const [from, to] of MOVES) {
      expect(existsSync(join(dir, from)), from).toBe(false);
      expect(readFileSync(join(dir, to)).equals(bytes.get(from)!), to).toBe(true);
    }
    git(dir, "add", "-A");
    const renames = git(dir, "status", "--porcelain").trim().split("\n").sort();
    expect(renames).toEqual(MOVES.map(([from, to]) => `R  ${from} -> ${to}`).sort());
    // No lock left behind, and nothing more to do.
    expect(git(dir, "status", "--porcelain", "--ignored").includes(".lock")).toBe(false);
    const again = await runCli(["check", dir, "--fix"]);
    expect(again.stderr).toBe("--fix:在 0 个文件中做了 0 处修复\n");
  });

  it("a file saved again after check read it is not moved, and said so", async () => {
    const { dir } = school();
    const { applyMoves } = await import("../../src/cli/check-fix.js");
    const file = "records/t05.yaml";
    const out = applyMoves(dir, [{ from: file, to: "records/2025-2026-2/t05.yaml" }], {
      dryRun: false, lang: "en", checkedText: new Map([[file, "teacher: t05\nrecords: []\n"]]),
    });
    expect(out).toEqual({ moved: [], skipped: [{ file, reason: "the file changed after it was checked and was not moved; run yanxiu check --fix again" }] });
    expect(existsSync(join(dir, file))).toBe(true);
  });
});

describe("no move where the place is not certain: the hint says what to do by hand", () => {
  const rec = (teacher: string, ...dates: string[]) =>
    [`teacher: ${teacher}`, "records:", ...dates.flatMap((d, i) => [`  - date: ${d}`, "    kind: reflection", `    title: 反思${teacher}-${i + 1}`]), ""].join("\n");
  const FILES: Record<string, string> = {
    "yanxiu.yaml": CONFIG, "roster.yaml": ROSTER, "rules/school.yaml": RULES,
    // A second-term record in the first term's folder, while the second term's file exists.
    "records/2025-2026-1/t01.yaml": rec("t01", "2026-03-02"),
    "records/2025-2026-2/t01.yaml": rec("t01", "2026-03-09"),
    // Records of two terms in one file.
    "records/2025-2026-1/t02.yaml": rec("t02", "2025-10-09", "2026-03-02"),
    // Two files that both belong at records/2025-2026-1/t03.yaml.
    "records/t03.yaml": rec("t03", "2025-10-09"),
    "records/2025-2026-9/t03.yaml": rec("t03", "2025-10-16"),
    // A .yml beside its .yaml.
    "records/2025-2026-2/t01.yml": rec("t01", "2026-04-01"),
    // A file that does not parse: its entries cannot all be seen.
    "records/t02.yaml": "teacher: t02\nrecords: [\n",
    // A session file with no entries yet, named .yml: certain (its folder is a term).
    "sessions/2025-2026-1/chinese.yml": "group: chinese\nsessions: []\n",
  };

  function small(): string {
    const dir = tempDir();
    made.push(dir);
    writeFiles(dir, FILES);
    return dir;
  }

  it("pins each problem's hint and which carry a fix", async () => {
    const dir = small();
    const r = await runCli(["check", dir, "--format", "json", "--lang", "en"]);
    const problems: JsonProblem[] = JSON.parse(r.stdout).problems;
    const about = problems.filter((p) => p.check === "term-folder" || p.check === "file-place")
      .map((p) => `${p.file}:${p.line} ${p.check}: ${p.hint}${p.fix ? ` FIX ${JSON.stringify(p.fix)}` : ""}`);
    expect(about).toEqual([
      "records/2025-2026-1/t01.yaml:3 term-folder: records/2025-2026-2/t01.yaml already exists, so the file cannot be moved there: cut this entry into that file's list (delete this file once it is empty)",
      "records/2025-2026-1/t02.yaml:6 term-folder: this file's entries belong to several terms (2025-2026-1, 2025-2026-2): cut this entry into records/2025-2026-2/t02.yaml (create it if missing)",
      "records/2025-2026-2/t01.yml:0 file-place: records/2025-2026-2/t01.yaml already exists: cut this file's entries into that file's list, then delete this file",
      "records/2025-2026-9/t03.yaml:0 file-place: records/t03.yaml also belongs at records/2025-2026-1/t03.yaml: put these files' entries into one file",
      // Unreadable: the folder's own hint, no move.
      "records/t02.yaml:0 file-place: move it into a term folder such as records/2025-2026-2/",
      "records/t03.yaml:0 file-place: records/2025-2026-9/t03.yaml also belongs at records/2025-2026-1/t03.yaml: put these files' entries into one file",
      `sessions/2025-2026-1/chinese.yml:0 file-place: move the file to sessions/2025-2026-1/chinese.yaml FIX ${JSON.stringify({ move: { from: "sessions/2025-2026-1/chinese.yml", to: "sessions/2025-2026-1/chinese.yaml" } })}`,
    ]);
    const zh = await runCli(["check", dir]);
    expect(zh.stdout).toContain("  建议: 本文件的条目分属几个学期(2025-2026-1、2025-2026-2):把这一条剪切到 records/2025-2026-2/t02.yaml(没有就新建)\n");
    expect(zh.stdout).toContain("  建议: records/2025-2026-2/t01.yaml 已经存在,不能整个移过去:把这一条剪切到那个文件的列表里(本文件空了就删掉)\n");
  });

  it("--fix moves only the certain one; every other file stays byte for byte", async () => {
    const dir = small();
    const r = await runCli(["check", dir, "--fix", "--lang", "en"]);
    expect(r.stderr).toBe("--fix: moved 1 file: sessions/2025-2026-1/chinese.yml → sessions/2025-2026-1/chinese.yaml\n");
    expect(r.code).toBe(1);
    for (const [file, text] of Object.entries(FILES)) {
      if (file.startsWith("sessions/")) continue;
      expect(readFileSync(join(dir, file), "utf8"), file).toBe(text);
    }
    expect(existsSync(join(dir, "sessions/2025-2026-1/chinese.yml"))).toBe(false);
    expect(readFileSync(join(dir, "sessions/2025-2026-1/chinese.yaml"), "utf8")).toBe(FILES["sessions/2025-2026-1/chinese.yml"]);
  });
});

describe("check --fix with other fixes and closed terms", () => {
  it("a misplaced file with a loose date and a kind's label: fixed, then moved, in one run", async () => {
    const dir = tempDir();
    made.push(dir);
    const before = "# 王老师\nteacher: t03\nrecords:\n  - date: 2026/03/02   # 斜杠\n    kind: 教学反思\n    title: 反思\n";
    writeFiles(dir, { "yanxiu.yaml": CONFIG, "roster.yaml": ROSTER, "rules/school.yaml": RULES, "records/2025-2026-1/t03.yaml": before });
    // The file is not read whole yet (the date), so the first check offers no move.
    const dry = await runCli(["check", dir, "--fix", "--dry-run", "--lang", "en"]);
    expect(dry.stdout).not.toContain("→");
    const r = await runCli(["check", dir, "--fix", "--lang", "en"]);
    expect(r.stderr).toBe("--fix: made 2 fixes in 1 file\n--fix: moved 1 file: records/2025-2026-1/t03.yaml → records/2025-2026-2/t03.yaml\n");
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, "records/2025-2026-1/t03.yaml"))).toBe(false);
    expect(readFileSync(join(dir, "records/2025-2026-2/t03.yaml"), "utf8"))
      .toBe("# 王老师\nteacher: t03\nrecords:\n  - date: 2026-03-02   # 斜杠\n    kind: reflection\n    title: 反思\n");
  });

  it("no move into or out of a closed term's folder: its hours are final", async () => {
    const dir = tempDir();
    made.push(dir);
    const closedConfig = CONFIG.replace("        end: 2026-01-31\n", "        end: 2026-01-31\n        closed: 2026-02-28\n");
    const files = {
      "yanxiu.yaml": closedConfig, "roster.yaml": ROSTER, "rules/school.yaml": RULES,
      // Into the closed first term; out of it.
      "records/t01.yaml": "teacher: t01\nrecords:\n  - date: 2025-10-09\n    kind: reflection\n    title: 反思\n",
      "records/2025-2026-1/t02.yaml": "teacher: t02\nrecords:\n  - date: 2026-03-02\n    kind: reflection\n    title: 反思\n",
    };
    writeFiles(dir, files);
    const r = await runCli(["check", dir, "--format", "json", "--lang", "en"]);
    const problems: JsonProblem[] = JSON.parse(r.stdout).problems;
    const hint = "term 2025-2026-1 is closed and its hours are final, so no file moves into or out of its folder: ask the office";
    expect(problems.filter((p) => p.check === "term-folder" || p.check === "file-place").map((p) => [p.file, p.check, p.hint, p.fix])).toEqual([
      ["records/2025-2026-1/t02.yaml", "term-folder", hint, undefined],
      ["records/t01.yaml", "file-place", hint, undefined],
    ]);
    await runCli(["check", dir, "--fix"]);
    for (const [file, text] of Object.entries(files)) expect(readFileSync(join(dir, file), "utf8")).toBe(text);
  });
});
