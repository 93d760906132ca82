/**
 * `check` of one record file holding many problems (5,000 and 50,000 by default): the time per
 * problem must stay flat, i.e. check is linear in the number of problems. Each record is one
 * line with one wrong value (`hours: 很多`), in a copy of the demo-sized school.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";

/** `yanxiu(args, cwd)` runs the binary; `base` is a prepared school; returns one row per count. */
export function benchProblems({ yanxiu, base, recordFile, counts, work }) {
  const template = parseYaml(readFileSync(join(base, recordFile), "utf8"));
  const first = template.records[0];
  const rows = [];
  for (const n of counts) {
    const dir = join(work, `school-problems-${n}`);
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    cpSync(base, dir, { recursive: true });
    rmSync(join(dir, ".yanxiu-cache"), { recursive: true, force: true });
    const lines = [`teacher: ${template.teacher}`, "records:"];
    for (let i = 0; i < n; i++) lines.push(`  - {date: ${first.date}, kind: ${first.kind}, title: "练习 ${i}", hours: 很多}`);
    writeFileSync(join(dir, recordFile), lines.join("\n") + "\n");
    const res = yanxiu(["check", recordFile, "--format", "json"], dir);
    if (res.code !== 1) throw new Error(`check with ${n} problems exited ${res.code}: ${res.stderr.slice(-500)}`);
    rows.push({ problems: n, ms: res.ms, kb: res.kb });
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** One line per count, and the ratio of time per problem between the largest and the smallest. */
export function renderProblems(rows, seconds) {
  if (rows.length === 0) return [];
  const per = (r) => r.ms / r.problems;
  const out = rows.map((r) => `check of one file with ${r.problems.toLocaleString("en-US")} problems: ${seconds(r.ms)} (${(per(r) * 1000).toFixed(0)} µs per problem${r.kb ? `, peak RSS ${Math.round(r.kb / 1024)} MB` : ""})`);
  const lo = rows[0], hi = rows.at(-1);
  if (hi !== lo) {
    out.push(`problems ×${(hi.problems / lo.problems).toFixed(0)}: time ×${(hi.ms / lo.ms).toFixed(1)}, time per problem ×${(per(hi) / per(lo)).toFixed(2)} (linear: about 1)`);
  }
  return out;
}
