#!/usr/bin/env node
/**
 * git's share of the web page's saves, alone: commit batches replayed as the server makes them
 * (src/git/batch-commit.ts through the git helper, src/git/runner.ts) into the serve bench's
 * generated 2,000-teacher school, each save a teacher's record file in records/<term>/ with one
 * record more. Prints the CPU of this process (commitBatch and talking to the helper) and of the
 * helper and its gits, per commit. Not part of `npm run bench`: a tool for measuring git's part.
 *
 *   node bench/git-batches.js                       # 8 batches of 25 saves (the serve bench's batches)
 *   node bench/git-batches.js --batches 20 --per 1  # single saves, as on a quiet day
 *   node bench/git-batches.js --dist /old/dist      # another build's src/git (a "before")
 *   node bench/git-batches.js --batches 120 --per 1 --upkeep 50 --packed
 *                                                   # with the server's pack upkeep (src/git/pack-upkeep.ts) past 50
 *                                                   # packs, the school packed first as a clone is; the roll-ups' CPU apart
 *
 * The school is generated once into the temp dir (yanxiu-bench-git-school, reused) and copied for
 * each run. Linux only (/proc). Needs `npm run build`.
 */
import { execFileSync } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values: o } = parseArgs({ options: { batches: { type: "string", default: "8" }, per: { type: "string", default: "25" }, dist: { type: "string", default: join(ROOT, "dist") }, upkeep: { type: "string" }, packed: { type: "boolean", default: false } } });

/** The serve bench's school (bench/serve.js), committed with real git; generated once. */
async function school() {
  const dir = join(tmpdir(), "yanxiu-bench-git-school");
  if (existsSync(join(dir, ".git", "HEAD"))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const synth = await import(join(ROOT, "dist", "synth", "index.js"));
  synth.writeSchool(dir, synth.schoolFiles({ ...synth.DEMO_SCHOOL, seed: 20250901, teachers: 2000, groups: 100, activitiesPerTeacherPerTerm: 6, years: ["2024-2025", "2025-2026"], evidence: false, readme: false, asOf: "2026-06-30" }, synth.emptyStats()));
  mkdirSync(join(dir, "rules"), { recursive: true });
  for (const f of readdirSync(join(ROOT, "rules"))) if (/\.ya?ml$/.test(f) && !f.endsWith(".test.yaml")) copyFileSync(join(ROOT, "rules", f), join(dir, "rules", f));
  const git = (...args) => execFileSync("git", args, { cwd: dir, maxBuffer: 1 << 28 });
  git("init", "-q");
  git("add", "-A");
  git("-c", "user.name=office", "-c", "user.email=office@example.org", "commit", "-q", "-m", "generated school");
  return dir;
}

/** CPU in ms of a process, its own and its reaped children's. */
function cpuOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 10;
}

const { commitBatch } = await import(join(o.dist, "git", "batch-commit.js"));
const { GitRunner } = await import(join(o.dist, "git", "runner.js"));
const source = await school();
const dir = join(tmpdir(), `yanxiu-bench-git-${process.pid}`);
execFileSync("cp", ["-a", source, dir]);
if (o.packed) execFileSync("git", ["gc", "-q"], { cwd: dir });
const upkeep = o.upkeep === undefined ? undefined : new (await import(join(o.dist, "git", "pack-upkeep.js"))).PackUpkeep(Number(o.upkeep));
const { commonDirOf } = await import(join(o.dist, "git", "batch-commit.js"));
const runner = new GitRunner();
try {
  await runner.run(dir, ["version"]); // the helper started
  const term = "records/2025-2026-2";
  const files = readdirSync(join(dir, term)).filter((f) => f.endsWith(".yaml"));
  const batches = Number(o.batches);
  const per = Number(o.per);
  const self = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const self0 = self();
  const helper0 = cpuOf(runner.pid);
  const t0 = performance.now();
  let n = 0;
  const rollUps = [];
  for (let b = 0; b < batches; b++) {
    const commits = [];
    for (let i = 0; i < per; i++) {
      const f = files[(n * 7919) % files.length];
      n++;
      const path = `${term}/${f}`;
      appendFileSync(join(dir, path), `  - kind: observation\n    date: 2026-06-29\n    title: 压测听课 ${n}\n    count: 1\n`);
      commits.push({ author: { name: `老师${n}`, email: `t${n}@school.cn` }, subject: `records: ${f} ${n}`, files: [{ path, bytes: readFileSync(join(dir, path)) }] });
    }
    const r = await commitBatch(dir, commits, { committer: { name: "yanxiu serve", email: "yanxiu-serve@localhost" }, git: runner.run });
    if (!r.ok || r.indexNote) throw new Error(JSON.stringify(r));
    if (upkeep) {
      const h0 = cpuOf(runner.pid);
      const w0 = performance.now();
      const out = await upkeep.afterBatch(runner.run, dir, commonDirOf(dir));
      if (out.ran) rollUps.push({ ...out, cpuMs: cpuOf(runner.pid) - h0, wallMs: performance.now() - w0 });
    }
  }
  const wall = performance.now() - t0;
  const helperMs = cpuOf(runner.pid) - helper0 - rollUps.reduce((a, r) => a + r.cpuMs, 0);
  const selfMs = self() - self0;
  const clean = execFileSync("git", ["status", "--porcelain"], { cwd: dir, encoding: "utf8" }) === "";
  const packs = readdirSync(join(dir, ".git", "objects", "pack")).filter((f) => f.endsWith(".pack")).length;
  process.stdout.write(`${batches} batches × ${per} saves: helper and its gits ${(helperMs / n).toFixed(2)} ms per save, this process ${(selfMs / n).toFixed(2)} ms per save (of which building the files); ${(wall / batches).toFixed(0)} ms per batch; git status ${clean ? "clean" : "NOT CLEAN"}; ${packs} packs; load average ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}\n`);
  for (const r of rollUps) process.stdout.write(`  roll-up of ${r.before} packs → ${r.packs}: ${r.ok ? "" : `FAILED (${r.detail}), `}${r.cpuMs} ms CPU of the helper and git, ${r.wallMs.toFixed(0)} ms\n`);
} finally {
  runner.stop();
  rmSync(dir, { recursive: true, force: true });
}
