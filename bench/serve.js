#!/usr/bin/env node
/**
 * Serve benchmark: simulated teachers adding records at once through `yanxiu serve`.
 *
 *   node bench/serve.js                        # 2,000-teacher school, 50 teachers × 4 adds at once
 *   node bench/serve.js --teachers 200 --clients 10 --adds 2    # a small setting, for a quick look
 *   node bench/serve.js --cpu-prof /tmp/prof   # the server's V8 CPU profile (.cpuprofile) written there
 *   node bench/serve.js --school /tmp/school   # keep the generated school there; later runs copy it
 *   node bench/serve.js --warm 4               # every teacher saves 4 records first, not measured (code compiled)
 *   node bench/serve.js --node-flags=--trace-gc   # flags for the server's node; --trace-gc adds a count of collections
 *   node bench/serve.js --trace /tmp/t.jsonl   # the server's timeline kept there; where each add's time went (bench/serve-trace.js)
 *
 * Generates a school (src/synth) in the temp dir, commits it with real git, starts the real
 * binary (`node bin/yanxiu.js serve DIR --port 0`) as a child, logs every simulated teacher in,
 * then has them all post their records at the same moment. Reports p50/p95/max per add, the
 * server's peak memory (VmHWM), and verifies that no record was lost and every commit is there,
 * authored by its teacher. Loopback only; bounded in count and time. Needs `npm run build`.
 */
import { execFileSync, spawn } from "node:child_process";
import http from "node:http";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { analyse, traceReport } from "./serve-trace.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const TODAY = "2026-06-30";

export async function benchServe({ teachers = 2000, clients = 50, adds = 4, cpuProf, school, nodeFlags = [], warm = 0, trace, log = (s) => process.stderr.write(`${s}\n`) } = {}) {
  const synth = await import(join(ROOT, "dist", "synth", "index.js"));
  const { openAccounts } = await import(join(ROOT, "dist", "serve", "accounts.js"));
  const { hashSecret } = await import(join(ROOT, "dist", "serve", "password.js"));
  const dir = mkdtempSync(join(tmpdir(), "yanxiu-bench-serve-"));
  const started = Date.now();
  const stats = synth.emptyStats();
  const git = (...args) => execFileSync("git", args, { cwd: dir, encoding: "utf8", maxBuffer: 1 << 28 });
  // --school DIR: the generated and committed school is kept there and copied for each run (runs
  // to compare then start from the very same school, without a minute of generating it each time).
  const kept = school && existsSync(join(school, "stats.json")) ? JSON.parse(readFileSync(join(school, "stats.json"), "utf8")) : undefined;
  if (kept && kept.teachers === teachers) {
    cpSync(join(school, "repo"), dir, { recursive: true });
    Object.assign(stats, kept);
    log(`copied the kept school (${stats.files} files, ${stats.teachers} teachers) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else {
    synth.writeSchool(dir, synth.schoolFiles({ ...synth.DEMO_SCHOOL, seed: 20250901, teachers, groups: Math.max(2, Math.round(teachers / 20)), activitiesPerTeacherPerTerm: 6, years: ["2024-2025", "2025-2026"], evidence: false, readme: false, asOf: TODAY }, stats));
    mkdirSync(join(dir, "rules"), { recursive: true });
    for (const f of readdirSync(join(ROOT, "rules"))) if (/\.ya?ml$/.test(f) && !f.endsWith(".test.yaml")) copyFileSync(join(ROOT, "rules", f), join(dir, "rules", f));
    git("init", "-q");
    git("add", "-A");
    git("-c", "user.name=office", "-c", "user.email=office@example.org", "commit", "-q", "-m", "generated school");
    log(`generated and committed ${stats.files} files (${stats.teachers} teachers) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (school) {
      rmSync(school, { recursive: true, force: true });
      cpSync(dir, join(school, "repo"), { recursive: true });
      writeFileSync(join(school, "stats.json"), JSON.stringify({ ...stats, teachers }));
    }
  }

  const roster = readFileSync(join(dir, "roster.yaml"), "utf8").split(/^teachers:/m)[1];
  const ids = [...roster.matchAll(/^  - id: (\S+)\n    name: (\S+)/gm)].map((m) => ({ id: m[1], name: m[2] }));
  const active = ids.filter((x) => !new RegExp(`- id: ${x.id}\\n(?:    .*\\n)*?    left:`).test(roster)).slice(0, clients);
  const hash = await hashSecret("bench password");
  openAccounts(dir).update((a) => { for (const x of active) a.set(x.id, { id: x.id, password: hash }); });

  // --cpu-prof DIR: the server writes a V8 CPU profile there when it stops (node --cpu-prof).
  const prof = cpuProf ? ["--cpu-prof", "--cpu-prof-dir", cpuProf] : [];
  const child = spawn(process.execPath, [...prof, ...nodeFlags, join(ROOT, "bin", "yanxiu.js"), "serve", dir, "--port", "0"], { env: { ...process.env, YANXIU_TODAY: TODAY, ...(trace ? { YANXIU_SERVE_TRACE: trace } : {}) }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  let stdout = ""; // with --node-flags --trace-gc, V8's line per collection
  child.stderr.on("data", (d) => { stderr += d; if (process.env.YANXIU_BENCH_SERVER_LOG) process.stderr.write(d); });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 60_000);
    child.stdout.on("data", (d) => { stdout += d; const m = /(http:\/\/[^\s()]+)/.exec(String(d)); if (m) { clearTimeout(timer); resolve(m[1]); } });
    child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  // The server's CPU (its own, and its finished children's: git) from /proc, in seconds; its
  // running children (the git helper, src/git/runner.ts) count with git, their own and their
  // finished children's (the gits they ran).
  const cpuTimes = (pid) => {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // from field 3 (state) on
    const tick = 100; // USER_HZ on Linux
    return { own: (Number(f[11]) + Number(f[12])) / tick, children: (Number(f[13]) + Number(f[14])) / tick };
  };
  const childrenOf = (pid) => readdirSync(`/proc/${pid}/task`).flatMap((t) => {
    try {
      return readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
  // The server's main thread alone (its task whose id is the process's): in a closed loop the
  // latency follows this thread's time per save; the process's CPU also counts V8's GC and compiler threads and libuv's pool.
  const threadCpu = (pid) => {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  };
  // The server's other threads, by when Node starts them: the first six (by thread id) are V8's
  // platform (its GC helpers and compiler threads) and Node's own; those after are libuv's pool
  // (file system, crypto, zlib), started at its first use. Measured, not named: Node names them all "node".
  const threadsCpu = (pid) => {
    let v8 = 0, pool = 0;
    const tids = readdirSync(`/proc/${pid}/task`).map(Number).filter((t) => t !== pid).sort((a, b) => a - b);
    tids.forEach((t, i) => {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${t}/stat`, "utf8");
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const s = (Number(f[11]) + Number(f[12])) / 100;
        if (i < 6) v8 += s;
        else pool += s;
      } catch { /* a thread gone meanwhile */ }
    });
    return { v8, pool };
  };
  const cpu = () => {
    const server = cpuTimes(child.pid);
    let git = server.children;
    for (const pid of childrenOf(child.pid)) {
      try {
        const c = cpuTimes(pid);
        git += c.own + c.children;
      } catch { /* gone meanwhile: counted in the server's children once reaped */ }
    }
    const others = threadsCpu(child.pid);
    return { own: server.own, git, thread: threadCpu(child.pid), v8: others.v8, pool: others.pool };
  };
  const peakRss = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0) * 1024;

  let result;
  try {
    const sessions = [];
    for (const x of active) sessions.push(await login(url, x));
    const rssBefore = peakRss();
    const failures = [];
    // --warm N: every teacher first saves N records, not measured (a server that has already taken
    // saves, its code compiled), then the measured adds.
    if (warm > 0) {
      log(`${sessions.length} teachers logged in; ${sessions.length} × ${warm} adds to warm the server up…`);
      await Promise.all(sessions.map(async (s) => {
        for (let i = 1; i <= warm; i++) {
          const body = new URLSearchParams({ _csrf: s.csrf, kind: "observation", date: "2026-06-28", title: `预热听课 ${s.id} 第${i}次`, count: "1" }).toString();
          const res = await post(`${url}add`, body, { cookie: s.cookie, origin: url.replace(/\/$/, "") });
          if (res.status !== 200 || !res.text.includes("已保存")) failures.push(`warm-up ${s.id} #${i}: ${res.status}`);
        }
      }));
      await new Promise((r) => setTimeout(r, 1000)); // the warm-up's last commit and pack upkeep done
    }
    log(`${sessions.length} teachers logged in; ${sessions.length} × ${adds} adds at once…`);
    const times = [];
    const sent = new Map(); // --trace: each add's send and receive, by the id the server's timeline names it by
    const cpu0 = cpu();
    const gcFrom = stdout.length;
    const client0 = process.cpuUsage(); // the simulated teachers' own work: they share the cores with the server
    const t0 = Date.now();
    await Promise.all(sessions.map(async (s) => {
      for (let i = 1; i <= adds; i++) {
        const body = new URLSearchParams({ _csrf: s.csrf, kind: "observation", date: "2026-06-29", title: `压测听课 ${s.id} 第${i}次`, count: "1" }).toString();
        const a = performance.now();
        // What a browser sends and reads per save: the form with its CSRF token, the whole answer page.
        const res = await post(`${url}add`, body, { cookie: s.cookie, origin: url.replace(/\/$/, ""), ...(trace ? { "x-trace-id": `${s.id}#${i}` } : {}) });
        const text = res.text;
        const b = performance.now();
        times.push(b - a);
        if (trace) sent.set(`${s.id}#${i}`, { a: performance.timeOrigin + a, b: performance.timeOrigin + b, subject: `records: ${s.id} 压测听课 ${s.id} 第${i}次 2026-06-29 (web)` });
        if (res.status !== 200 || !text.includes("已保存")) failures.push(`${s.id} #${i}: ${res.status} ${text.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(0, 200)}`);
      }
    }));
    const wall = Date.now() - t0;
    const client = process.cpuUsage(client0);
    const cpu1 = cpu();
    const gcLines = stdout.slice(gcFrom).split("\n");
    // What the server printed during the adds (with --node-flags=--trace-opt, say), kept for a look.
    if (process.env.YANXIU_BENCH_SERVER_STDOUT) writeFileSync(process.env.YANXIU_BENCH_SERVER_STDOUT, stdout.slice(gcFrom));
    const gcOf = (kind) => {
      const ms = gcLines.filter((l) => l.includes(kind)).map((l) => Number(/, ([\d.]+) \/ [\d.]+ ms/.exec(l)?.[1] ?? 0));
      return { count: ms.length, ms: ms.reduce((a, b) => a + b, 0) };
    };
    const gcAll = gcLines.filter((l) => /Scavenge|Mark-Compact/.test(l));
    const heapAfter = (l) => Number(/-> ([\d.]+) \(/.exec(l ?? "")?.[1] ?? NaN);
    const gc = { scavenges: gcOf("Scavenge"), markCompacts: gcOf("Mark-Compact"), lines: gcAll.length, heapMb: heapAfter(gcAll.at(-1)), heapMbFirst: heapAfter(gcAll[0]) };
    times.sort((a, b) => a - b);
    const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
    // Verify: every record in its teacher's file, every commit present and authored by its teacher.
    const log2 = git("log", `--max-count=${sessions.length * adds + 5}`, "--format=%an|%s");
    let missing = 0;
    for (const s of sessions) for (let i = 1; i <= adds; i++) {
      const title = `压测听课 ${s.id} 第${i}次`;
      if (!log2.includes(`${s.name}|records: ${s.id} ${title} 2026-06-29 (web)`)) missing++;
    }
    // How many commit batches the saves took (update-ref writes "yanxiu serve: N save(s)" to the branch's reflog).
    const batches = git("reflog", "--format=%gs", "-n", String(sessions.length * adds + 5)).split("\n").filter((l) => /^yanxiu serve: \d+ save/.test(l)).length;
    // What the batches left in git's object store (the server rolls packs up past 50, src/git/pack-upkeep.ts).
    const packs = readdirSync(join(dir, ".git", "objects", "pack")).filter((f) => f.endsWith(".pack")).length;
    const loose = Number(/^count: (\d+)$/m.exec(git("count-objects", "-v"))?.[1] ?? NaN);
    const inFiles = sessions.reduce((n, s) => n + (readFileSync(join(dir, "records", "2025-2026-2", `${s.id}.yaml`), "utf8").match(/title: 压测听课/g)?.length ?? 0), 0);
    return result = {
      sent, t0,
      teachers: stats.teachers, clients: sessions.length, adds: times.length, wallMs: wall,
      p50: q(0.5), p95: q(0.95), max: times.at(-1), peakRssBefore: rssBefore, peakRss: peakRss(),
      cpuBefore: cpu0.own, gc, failures, missingCommits: missing, recordsInFiles: inFiles, batches, packs, loose,
      cpuPerAdd: (cpu1.own - cpu0.own) / times.length, threadCpuPerAdd: (cpu1.thread - cpu0.thread) / times.length,
      v8CpuPerAdd: (cpu1.v8 - cpu0.v8) / times.length, poolCpuPerAdd: (cpu1.pool - cpu0.pool) / times.length, gitCpuPerAdd: (cpu1.git - cpu0.git) / times.length,
      clientCpuPerAdd: (client.user + client.system) / 1e6 / times.length,
    };
  } finally {
    agent.destroy();
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]); // the profile is written on exit
    if (trace && result) {
      try {
        const events = readFileSync(trace, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
        const a = analyse(events, result.sent);
        result.trace = { rows: a.rows, batches: a.batches.filter((x) => x.start >= result.t0) };
      } catch (e) {
        log(`could not read the server's timeline ${trace}: ${e.message}`);
      }
    }
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    } catch (e) {
      log(`could not remove ${dir}: ${e.message}`);
    }
  }
}

/**
 * A form POST over a kept-alive connection, as a browser sends it; the answer read whole. Plain
 * node:http: fetch (undici) cost the clients ~3 ms of CPU per add, on the cores the server uses.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function post(url, body, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent, timeout: 120_000, headers: { ...headers, "content-type": "application/x-www-form-urlencoded;charset=UTF-8", "content-length": Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", reject);
    req.end(body);
  });
}

async function login(url, who) {
  const jar = new Map();
  const keep = (res) => { for (const c of res.headers.getSetCookie()) { const [p] = c.split(";"); const [k, ...v] = p.split("="); jar.set(k, v.join("=")); } };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  let res = await fetch(`${url}login`);
  keep(res);
  const pre = /name="_csrf" value="([^"]+)"/.exec(await res.text())[1];
  res = await fetch(`${url}login`, { method: "POST", body: new URLSearchParams({ _csrf: pre, who: who.id, password: "bench password" }), headers: { cookie: cookie() }, redirect: "manual" });
  keep(res);
  if (res.status !== 303) throw new Error(`login ${who.id}: ${res.status}`);
  res = await fetch(`${url}add?kind=observation`, { headers: { cookie: cookie() } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())[1];
  return { ...who, cookie: cookie(), csrf };
}

export function serveLine(r) {
  const ms = (x) => `${Math.round(x)} ms`;
  // /proc counts CPU in 10 ms ticks: over 200 adds, a tenth of a millisecond per add is still meaningful.
  const ms1 = (x) => `${x.toFixed(1)} ms`;
  const mb = (x) => `${Math.round(x / 1048576)} MB`;
  return `serve: ${r.clients} teachers × ${r.adds / r.clients} adds at once into a ${r.teachers.toLocaleString("en")}-teacher school: ` +
    `p50 ${ms(r.p50)}, p95 ${ms(r.p95)}, max ${ms(r.max)} per add (target p95 ≤ 300 ms), ${r.adds} adds in ${(r.wallMs / 1000).toFixed(1)} s in ${r.batches} commit batches ` +
    `(${r.packs} packs and ${r.loose} loose objects at the end; the school was committed loose); ` +
    `server CPU per add ${ms1(r.cpuPerAdd * 1000)}, its main thread ${ms1(r.threadCpuPerAdd * 1000)}, V8's threads ${ms1(r.v8CpuPerAdd * 1000)}, libuv's pool ${ms1(r.poolCpuPerAdd * 1000)} (+ ${ms1(r.gitCpuPerAdd * 1000)} in git and its helper, + ${ms1(r.clientCpuPerAdd * 1000)} in the bench's clients); ` +
    `server peak RSS ${mb(r.peakRss)} (${mb(r.peakRssBefore)} before the adds); server CPU before the adds (the school's load, the logins) ${r.cpuBefore.toFixed(1)} s; ` +
    (r.gc.lines ? `during the adds ${r.gc.scavenges.count} scavenges (${ms(r.gc.scavenges.ms)} on the main thread) and ${r.gc.markCompacts.count} mark-compacts (${ms(r.gc.markCompacts.ms)}), heap ${r.gc.heapMbFirst} → ${r.gc.heapMb} MB after a collection; ` : "") +
    `${r.failures.length} failed, ${r.missingCommits} commits missing, ${r.recordsInFiles}/${r.adds} records in the files`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { teachers: { type: "string" }, clients: { type: "string" }, adds: { type: "string" }, "cpu-prof": { type: "string" }, school: { type: "string" }, "node-flags": { type: "string" }, warm: { type: "string" }, trace: { type: "string" } } });
  const r = await benchServe({ teachers: Number(values.teachers ?? 2000), clients: Number(values.clients ?? 50), adds: Number(values.adds ?? 4), cpuProf: values["cpu-prof"], school: values.school, nodeFlags: values["node-flags"]?.split(/\s+/).filter(Boolean), warm: Number(values.warm ?? 0), trace: values.trace });
  process.stdout.write(serveLine(r) + "\n");
  if (r.trace) process.stdout.write(traceReport(r.trace) + "\n");
  for (const f of r.failures.slice(0, 5)) process.stdout.write(`  failed: ${f}\n`);
  process.exitCode = r.failures.length || r.missingCommits || r.recordsInFiles !== r.adds ? 1 : 0;
}
