/** School repositories under real git, with commits by several authors. */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { tempDir, writeFiles } from "../helpers/temp-repo.js";

export interface Person {
  name: string;
  email: string;
}

export const ADMIN: Person = { name: "王主任", email: "a01@school.cn" };
export const LEADER: Person = { name: "张老师", email: "t01@school.cn" };
export const TEACHER: Person = { name: "李老师", email: "t02@school.cn" };
export const MATH_TEACHER: Person = { name: "赵老师", email: "t03@school.cn" };
export const STRANGER: Person = { name: "路人", email: "someone@elsewhere.com" };

/** git with a clean, machine-independent configuration. */
export function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1", LC_ALL: "C" };
}

export function runGit(dir: string, args: string[], env: NodeJS.ProcessEnv = gitEnv()) {
  const r = spawnSync("git", args, { cwd: dir, encoding: "utf8", env });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function gitInit(dir: string): void {
  const r = runGit(dir, ["init", "-q", "-b", "main"]);
  if (r.code !== 0) throw new Error(r.stderr);
}

let clock = 0;

export function nextDate(): string {
  clock++;
  return `2026-10-${String(1 + (clock % 28)).padStart(2, "0")}T10:00:00+08:00`;
}

export interface CommitOptions {
  /** Author and committer date (ISO); by default the next day of a running clock. */
  date?: string;
  /** Sign with this SSH private key file (git's gpg.format=ssh). */
  signKey?: string;
}

/** Write (or, with null, delete) files and commit them as `who`. Returns the full hash. */
export function commitAs(dir: string, who: Person, message: string, files: Record<string, string | null>, opts: CommitOptions = {}): string {
  for (const [path, text] of Object.entries(files)) {
    if (text === null) rmSync(join(dir, path), { force: true });
    else writeFiles(dir, { [path]: text });
  }
  const add = runGit(dir, ["add", "-A", "--", ...Object.keys(files)]);
  if (add.code !== 0) throw new Error(add.stderr);
  const date = opts.date ?? nextDate();
  const env = { ...gitEnv(), GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  const sign = opts.signKey ? ["-c", "gpg.format=ssh", "-c", `user.signingkey=${opts.signKey}`] : [];
  const r = runGit(dir, ["-c", `user.name=${who.name}`, "-c", `user.email=${who.email}`, ...sign, "commit", "-q", "--no-verify", ...(opts.signKey ? ["-S"] : []), "-m", message], env);
  if (r.code !== 0) throw new Error(r.stderr + r.stdout);
  return runGit(dir, ["rev-parse", "HEAD"]).stdout.trim();
}

export const CONFIG = `school: 测试学校
rules:
  - rules/school.yaml
years:
  - id: 2026-2027
    start: 2026-09-01
    end: 2027-08-31
    terms:
      - id: 2026-2027-1
        start: 2026-09-01
        end: 2027-01-31
      - id: 2026-2027-2
        start: 2027-02-01
        end: 2027-08-31
`;

export const RULES = `scheme:
  id: school
  name: 测试方案
kinds:
  - id: observation
    label: 听课
    fields: [count]
  - id: reflection
    label: 教学反思
  - id: collective-prep
    label: 集体备课
    session: true
items:
  - id: obs
    kinds: [observation]
    each: 1
  - id: refl
    kinds: [reflection]
    each: 1
  - id: prep
    kinds: [collective-prep]
    each: 3
`;

export const ROSTER = `groups:
  - id: chinese
    name: 语文教研组
    leader: t01
  - id: math
    name: 数学教研组
teachers:
  - id: a01
    name: 王主任
    roles: [教学领导]
    emails: [a01@school.cn]
  - id: t01
    name: 张老师
    groups: [chinese]
    roles: [教研组长]
    emails: [t01@school.cn]
  - id: t02
    name: 李老师
    groups: [chinese]
    emails: [t02@school.cn]
  - id: t03
    name: 赵老师
    groups: [math]
    emails: [T03@School.cn]
`;

export const T02 = "records/2026-2027-1/t02.yaml";
export const T01 = "records/2026-2027-1/t01.yaml";
export const T03 = "records/2026-2027-1/t03.yaml";
export const CHINESE = "sessions/2026-2027-1/chinese.yaml";

export function recordFile(teacher: string, records: string[]): string {
  return `teacher: ${teacher}\nrecords:\n${records.join("")}`;
}

export function record(title: string, extra = "", date = "2026-10-09"): string {
  return `  - date: ${date}\n    kind: observation\n    title: ${title}\n    count: 1\n${extra}`;
}

/** A repository whose first commit, by the administrator, sets everything up. */
export function schoolRepo(date?: string): string {
  const dir = tempDir("yanxiu-git-");
  gitInit(dir);
  commitAs(dir, ADMIN, "set up", {
    "yanxiu.yaml": CONFIG,
    "rules/school.yaml": RULES,
    "roster.yaml": ROSTER,
    [T02]: recordFile("t02", [record("听课《背影》")]),
    [T01]: recordFile("t01", [record("听课《春》")]),
    [T03]: recordFile("t03", [record("听课《勾股定理》")]),
  }, { date });
  return dir;
}
