/**
 * `audit` of one record file with a long history (250 / 500 / 1,000 commits by default): each
 * commit adds one record to the same file, two authors taking turns (one of them not allowed,
 * so findings grow too). The time per commit must stay flat, i.e. audit is linear in history.
 * Histories are written with `git fast-import`: real commits, made in a fraction of a second.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const CONFIG = `school: 基准学校
rules: [rules/school.yaml]
years:
  - id: 2026-2027
    start: 2026-09-01
    end: 2027-08-31
    terms:
      - {id: 2026-2027-1, start: 2026-09-01, end: 2027-01-31}
`;
const RULES = "scheme: {id: s, name: s}\nkinds:\n  - {id: observation, label: 听课, fields: [count]}\nitems:\n  - {id: obs, kinds: [observation], each: 1}\n";
const ROSTER = `groups:
  - {id: chinese, name: 语文组, leader: t01}
  - {id: math, name: 数学组}
teachers:
  - {id: a01, name: 王主任, roles: [教学领导], emails: [a01@school.cn]}
  - {id: t01, name: 张老师, groups: [chinese], emails: [t01@school.cn]}
  - {id: t02, name: 李老师, groups: [chinese], emails: [t02@school.cn]}
  - {id: t03, name: 赵老师, groups: [math], emails: [t03@school.cn]}
`;
const FILE = "records/2026-2027-1/t02.yaml";

/** A fast-import stream: the set-up commit, then `n` commits each adding one record. */
function stream(n) {
  const out = [];
  const data = (text) => {
    const bytes = Buffer.byteLength(text);
    out.push(`data ${bytes}`, text);
  };
  const start = Date.parse("2026-09-01T02:00:00Z") / 1000;
  const commit = (i, who, files) => {
    out.push("commit refs/heads/main", `author ${who} ${start + i * 600} +0800`, `committer ${who} ${start + i * 600} +0800`);
    data(`commit ${i}\n`);
    for (const [path, text] of files) {
      out.push(`M 100644 inline ${path}`);
      data(text);
    }
  };
  commit(0, "王主任 <a01@school.cn>", [["yanxiu.yaml", CONFIG], ["roster.yaml", ROSTER], ["rules/school.yaml", RULES], [FILE, "teacher: t02\nrecords:\n"]]);
  let records = "teacher: t02\nrecords:\n";
  for (let i = 1; i <= n; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    records += `  - date: 2026-10-${day}\n    kind: observation\n    title: 听课 第${i}节\n    count: 1\n`;
    commit(i, i % 2 ? "李老师 <t02@school.cn>" : "赵老师 <t03@school.cn>", [[FILE, records]]);
  }
  return out.join("\n") + "\n";
}

export function benchAudit({ yanxiu, counts, work }) {
  const rows = [];
  for (const n of counts) {
    const dir = join(work, `audit-${n}`);
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const env = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" };
    spawnSync("git", ["init", "-q", "-b", "main"], { cwd: dir, env });
    const imp = spawnSync("git", ["fast-import", "--quiet"], { cwd: dir, env, input: stream(n), maxBuffer: 1 << 30 });
    if (imp.status !== 0) throw new Error(`git fast-import failed: ${imp.stderr}`);
    spawnSync("git", ["checkout", "-q", "-f", "main"], { cwd: dir, env });
    const res = yanxiu(["audit", "--format", "json"], dir);
    // Every commit by t03 is a foreign edit: the audit did its work.
    if (res.code !== 1) throw new Error(`audit of ${n} commits exited ${res.code}: ${res.stderr.slice(-500)}`);
    rows.push({ commits: n, ms: res.ms, kb: res.kb });
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** One line per count, and the ratio of time per commit between the largest and the smallest. */
export function renderAudit(rows, seconds) {
  if (rows.length === 0) return [];
  const per = (r) => r.ms / r.commits;
  const out = rows.map((r) => `audit of one file with ${r.commits.toLocaleString("en-US")} commits: ${seconds(r.ms)} (${per(r).toFixed(1)} ms per commit${r.kb ? `, peak RSS ${Math.round(r.kb / 1024)} MB` : ""})`);
  const lo = rows[0], hi = rows.at(-1);
  if (hi !== lo) {
    out.push(`commits ×${(hi.commits / lo.commits).toFixed(0)}: time ×${(hi.ms / lo.ms).toFixed(1)}, time per commit ×${(per(hi) / per(lo)).toFixed(2)} (linear: about 1)`);
  }
  return out;
}
