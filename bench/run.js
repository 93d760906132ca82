#!/usr/bin/env node
/**
 * District-scale benchmark: yanxiu beside ledger on the same entries.
 *
 *   npm run bench                               # 10,000 / 100,000 / 1,000,000 records
 *   npm run bench -- --sizes 10000,100000       # chosen sizes
 *   npm run bench -- --quick                    # 10,000 records, one run each: a quick look
 *   npm run bench -- --runs 5 --markdown        # more runs; print the table as Markdown
 *   npm run bench -- --problems 500,5000        # check of one file with this many problems (default 5000,50000)
 *   npm run bench -- --commits 50,100           # audit of one file with this many commits (default 250,500,1000)
 *   npm run bench -- --no-serve                 # leave out the web page's benchmark (bench/serve.js)
 *   npm run bench -- --no-extras                # only the sizes: no start-up, problems or audit timings
 *   npm run bench -- --bin /old/bin/yanxiu.js   # time another build (a "before") on the same schools
 *
 * For each size it generates a deterministic school repository in the temp dir (reused when the
 * same parameters generated it before), writes the same activities as a ledger journal, and times
 * the real binary (`node bin/yanxiu.js`) as a child process: cold and warm `check` and `score`,
 * with peak memory from /usr/bin/time when it exists. Ratios to `ledger balance` are taken in the
 * same run, so a noisy machine shifts both sides alike. Needs `npm run build` first (npm ci does it).
 */
import { spawnSync } from "node:child_process";
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { parse as parseYaml } from "yaml";
import { benchProblems, renderProblems } from "./problems.js";
import { benchAudit, renderAudit } from "./audit.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..");
let BIN = join(ROOT, "bin", "yanxiu.js");
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
/** Where the timed commands' stdout goes (see run()); removed at exit. */
const STDOUT_FILE = join(tmpdir(), `yanxiu-bench-stdout-${process.pid}`);
process.on("exit", () => rmSync(STDOUT_FILE, { force: true }));

/** Parameters per size: a few thousand teachers in groups; a million spans a five-year cycle. */
const PLANS = {
  small: { teachers: 26, groups: 5, perTerm: 12, years: ["2025-2026"] },
  10000: { teachers: 200, groups: 10, perTerm: 6, years: ["2024-2025", "2025-2026"] },
  100000: { teachers: 2000, groups: 100, perTerm: 6, years: ["2024-2025", "2025-2026"] },
  1000000: { teachers: 8000, groups: 400, perTerm: 6, years: ["2021-2022", "2022-2023", "2023-2024", "2024-2025", "2025-2026"] },
};

function planFor(size) {
  if (PLANS[size]) return PLANS[size];
  // Other sizes: scale the 100,000 plan's teacher count (about 50 activities per teacher a year).
  const teachers = Math.max(10, Math.round((2000 * size) / 100000));
  return { teachers, groups: Math.max(2, Math.round(teachers / 20)), perTerm: 6, years: ["2024-2025", "2025-2026"] };
}

async function main() {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string" },
      quick: { type: "boolean" },
      runs: { type: "string" },
      markdown: { type: "boolean" },
      dir: { type: "string" },
      problems: { type: "string" },
      commits: { type: "string" },
      "no-serve": { type: "boolean" },
      "no-extras": { type: "boolean" },
      bin: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write("usage: npm run bench -- [--sizes 10000,100000,1000000] [--quick] [--runs N] [--markdown] [--dir DIR] [--problems 5000,50000] [--commits 250,500,1000] [--no-serve] [--no-extras] [--bin PATH]\n");
    return 0;
  }
  if (values.bin) BIN = values.bin;
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) {
    process.stderr.write("bench: dist/ is missing: run `npm run build` first\n");
    return 2;
  }
  const sizes = (values.sizes ?? (values.quick ? "10000" : "10000,100000,1000000")).split(",").map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
    process.stderr.write("bench: --sizes takes whole numbers, e.g. 10000,100000\n");
    return 2;
  }
  const problemCounts = (values.problems ?? "5000,50000").split(",").map(Number);
  if (problemCounts.some((n) => !Number.isInteger(n) || n <= 0)) {
    process.stderr.write("bench: --problems takes whole numbers, e.g. 5000,50000\n");
    return 2;
  }
  const commitCounts = (values.commits ?? "250,500,1000").split(",").map(Number);
  if (commitCounts.some((n) => !Number.isInteger(n) || n <= 0)) {
    process.stderr.write("bench: --commits takes whole numbers, e.g. 250,500,1000\n");
    return 2;
  }
  const baseRuns = values.runs ? Number(values.runs) : values.quick ? 1 : 3;
  const work = values.dir ?? join(tmpdir(), "yanxiu-bench");
  mkdirSync(work, { recursive: true });
  const synth = await import(join(ROOT, "dist", "synth", "index.js"));
  const hasLedger = spawnSync("ledger", ["--version"], { stdio: "ignore" }).status === 0;
  const hasScore = /^\s+score\b/m.test(spawnSync(process.execPath, [BIN, "--help"], { encoding: "utf8" }).stdout ?? "");

  log(`machine: ${machine()}`);
  if (process.env.NODE_EXTRA_CA_CERTS) log("NODE_EXTRA_CA_CERTS is set: unset for the timed yanxiu commands (node would parse that bundle at every start)");
  log(`ledger: ${hasLedger ? firstLine(spawnSync("ledger", ["--version"], { encoding: "utf8" }).stdout) : "not installed (n/a)"}`);
  if (!hasScore) log("yanxiu score: not available in this build (n/a)");

  // Start-up costs, on a school the size of the demo school.
  const small = prepare(synth, work, "small", PLANS.small);
  const oneFile = firstRecordFile(small.dir);
  const extras = !values["no-extras"];
  const startup = extras ? {
    help: median(repeat(5, () => yanxiu(["--help"], small.dir).ms)),
    checkOne: median(repeat(5, () => yanxiu(["check", oneFile], small.dir).ms)),
    checkSmall: median(repeat(5, () => yanxiu(["check"], small.dir).ms)),
  } : undefined;

  if (extras) log(`check of one file with ${problemCounts.join(", ")} problems…`);
  const problems = extras ? benchProblems({ yanxiu, base: small.dir, recordFile: oneFile, counts: problemCounts, work }) : [];

  if (extras) log(`audit of one file with ${commitCounts.join(", ")} commits…`);
  const audits = extras ? benchAudit({ yanxiu, counts: commitCounts, work }) : [];

  const rows = [];
  for (const size of sizes) {
    const runs = size >= 1000000 ? Math.min(baseRuns, 1) : baseRuns;
    const repo = prepare(synth, work, String(size), planFor(size));
    log(`${fmtInt(repo.activities)} records in ${fmtInt(repo.files)} files: timing ${runs} run(s)…`);
    rows.push(measure(repo, runs, { hasLedger, hasScore }));
  }
  const table = render(rows, startup, values.markdown, extras ? [...renderProblems(problems, seconds), ...renderAudit(audits, seconds)] : []);
  process.stdout.write(table);
  if (values["no-serve"]) return 0;
  // The web page: teachers adding at once (bench/serve.js); --quick takes a small school.
  const { benchServe, serveLine } = await import("./serve.js");
  const served = await benchServe(values.quick ? { teachers: 200, clients: 10, adds: 2, log } : { log });
  process.stdout.write(`${serveLine(served)}\n`);
  return served.failures.length || served.missingCommits || served.recordsInFiles !== served.adds ? 1 : 0;
}

// ------------------------------------------------------------------ preparing repositories

function prepare(synth, work, label, plan) {
  const params = { ...plan, seed: 20250901, generator: synthVersion() };
  const dir = join(work, `school-${label}`);
  const stampFile = join(dir, ".bench-stamp.json");
  const stamp = JSON.stringify(params);
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) {
    return { dir, label, ...JSON.parse(readFileSync(join(dir, ".bench-counts.json"), "utf8")) };
  }
  rmSync(dir, { recursive: true, force: true });
  const started = process.hrtime.bigint();
  const stats = synth.emptyStats();
  synth.writeSchool(dir, synth.schoolFiles({
    ...synth.DEMO_SCHOOL,
    seed: params.seed,
    teachers: plan.teachers,
    groups: plan.groups,
    activitiesPerTeacherPerTerm: plan.perTerm,
    years: plan.years,
    evidence: false,
    readme: false,
  }, stats));
  mkdirSync(join(dir, "rules"), { recursive: true });
  for (const f of readdirSync(join(ROOT, "rules"))) {
    if (/\.ya?ml$/.test(f) && !f.endsWith(".test.yaml")) copyFileSync(join(ROOT, "rules", f), join(dir, "rules", f));
  }
  const activities = writeLedgerJournal(dir, join(dir, "journal.ledger"));
  const counts = { activities, files: stats.files, teachers: stats.teachers, groups: stats.groups };
  writeFileSync(join(dir, ".bench-counts.json"), JSON.stringify(counts));
  writeFileSync(stampFile, stamp);
  log(`generated ${dir}: ${fmtInt(activities)} records, ${stats.teachers} teachers, ${stats.groups} groups in ${seconds(msSince(started))}`);
  return { dir, label, ...counts };
}

/**
 * The same activities as a ledger journal: one transaction per activity (a record, or one
 * member's attendance at a session), a virtual posting of its hours to hours:<teacher>:<kind>.
 */
function writeLedgerJournal(dir, file) {
  const lines = [];
  let n = 0;
  const emit = (date, title, teacher, kind, amount) => {
    lines.push(`${date} ${String(title).replace(/[;\n]/g, " ").replace(/\s{2,}/g, " ")}\n    (hours:${teacher}:${kind})  ${amount}\n`);
    n++;
  };
  const out = [];
  for (const folder of ["records", "sessions"]) {
    for (const f of walk(join(dir, folder))) {
      const data = parseYaml(readFileSync(f, "utf8"));
      if (folder === "records") {
        for (const r of data.records ?? []) emit(r.date, r.title, data.teacher, r.kind, r.hours ?? r.count ?? 1);
      } else {
        for (const s of data.sessions ?? []) {
          const members = new Set(Object.keys(s.attendance ?? {}));
          if (s.lead) members.add(s.lead);
          for (const m of members) emit(s.date, s.title, m, s.kind, s.hours ?? 1);
        }
      }
      if (lines.length > 20000) out.push(lines.splice(0).join(""));
    }
  }
  out.push(lines.join(""));
  writeFileSync(file, out.join(""));
  return n;
}

function* walk(dir) {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (/\.ya?ml$/.test(e.name)) yield p;
  }
}

function firstRecordFile(dir) {
  for (const f of walk(join(dir, "records"))) return f.slice(dir.length + 1);
  throw new Error(`no record files in ${dir}`);
}

// ------------------------------------------------------------------ timing

function measure(repo, runs, { hasLedger, hasScore }) {
  const cache = join(repo.dir, ".yanxiu-cache");
  const clearCache = () => rmSync(cache, { recursive: true, force: true });
  const one = firstRecordFile(repo.dir);
  const r = { records: repo.activities, files: repo.files, peakKb: [], scorePeakKb: [] };
  const timed = (args) => {
    const res = yanxiu(args, repo.dir);
    if (res.code !== 0 && res.code !== 1) throw new Error(`yanxiu ${args.join(" ")} exited ${res.code}: ${res.stderr.slice(-500)}`);
    if (res.kb !== undefined) (args[0] === "score" ? r.scorePeakKb : r.peakKb).push(res.kb);
    return res.ms;
  };
  const t = { coldCheck: [], coldScore: [], warmCheck: [], warmScore: [], warmCheckOne: [], checkAfterEdit: [], scoreAfterEdit: [], noCacheCheck: [], noCacheScore: [], ledger: [] };
  const onePath = join(repo.dir, one);
  const original = readFileSync(onePath);
  for (let i = 0; i < runs; i++) {
    clearCache();
    t.coldCheck.push(timed(["check", "--format", "json"]));
    t.warmCheck.push(timed(["check", "--format", "json"]));
    t.warmCheckOne.push(timed(["check", one]));
    // One record file edited (a comment added) after a check: the first check after a change
    // checks everything and keeps the incremental entry; the next edit is the one timed
    // (src/cli/check-incremental.ts). The file's bytes are put back afterwards.
    try {
      writeFileSync(onePath, Buffer.concat([original, Buffer.from("# edited by the bench\n")]));
      timed(["check", "--format", "json"]);
      writeFileSync(onePath, Buffer.concat([original, Buffer.from("# edited by the bench, twice\n")]));
      t.checkAfterEdit.push(timed(["check", "--format", "json"]));
    } finally {
      writeFileSync(onePath, original);
    }
    t.noCacheCheck.push(timed(["check", "--format", "json", "--no-cache"]));
    if (hasScore) {
      clearCache();
      t.coldScore.push(timed(["score", "--format", "json"]));
      t.warmScore.push(timed(["score", "--format", "json"]));
      // As check after 1 edit: the first score after a change scores everyone and keeps the
      // incremental entry; the next edit is the one timed (src/cli/score-incremental.ts).
      try {
        writeFileSync(onePath, Buffer.concat([original, Buffer.from("# edited by the bench\n")]));
        timed(["score", "--format", "json"]);
        writeFileSync(onePath, Buffer.concat([original, Buffer.from("# edited by the bench, twice\n")]));
        t.scoreAfterEdit.push(timed(["score", "--format", "json"]));
      } finally {
        writeFileSync(onePath, original);
      }
      t.noCacheScore.push(timed(["score", "--format", "json", "--no-cache"]));
    }
    if (hasLedger) t.ledger.push(run("ledger", ["-f", "journal.ledger", "balance"], repo.dir).ms);
  }
  const stat = (xs) => (xs.length ? { min: Math.min(...xs), median: median(xs) } : undefined);
  return {
    ...r,
    ...Object.fromEntries(Object.entries(t).map(([k, xs]) => [k, stat(xs)])),
    peakMb: r.peakKb.length ? Math.max(...r.peakKb) / 1024 : undefined,
    scorePeakMb: r.scorePeakKb.length ? Math.max(...r.scorePeakKb) / 1024 : undefined,
  };
}

/**
 * The timed commands run without NODE_EXTRA_CA_CERTS: node reads and parses that bundle at
 * every start, before any of yanxiu's code runs (yanxiu opens no TLS connection), and on the
 * machine these benchmarks were made on it is set to the system's 220 KB bundle: ~40 ms of CPU
 * per start under load, ~50 % of a bare `node -e 0` (docs/benchmark.md, sixth round).
 */
function yanxiu(args, cwd) {
  return run(process.execPath, [BIN, ...args], cwd, { YANXIU_TODAY: "2026-11-23", NO_COLOR: "1", NODE_EXTRA_CA_CERTS: undefined });
}

/**
 * Runs a command to completion; wall time in ms and, through /usr/bin/time, peak RSS in KB.
 * Its stdout goes to a file, as `yanxiu score --format json > report.json` would: collected
 * by spawnSync instead, a warm score's 26 MB report cost this process ~390 ms of its own
 * (gathering the pipe's chunks ~240 ms, decoding them ~150 ms; `cat` of the same file timed
 * so took 380–430 ms), which was counted as the tool's time (docs/benchmark.md, sixth round).
 */
function run(cmd, args, cwd, env = {}) {
  const argv = TIME ? ["-f", "%M", cmd, ...args] : args;
  const out = openSync(STDOUT_FILE, "w");
  const started = process.hrtime.bigint();
  let res;
  try {
    res = spawnSync(TIME ?? cmd, argv, {
      cwd, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", out, "pipe"],
    });
  } finally {
    closeSync(out);
  }
  const ms = msSince(started);
  if (res.error) throw res.error;
  let stderr = res.stderr ?? "";
  let kb;
  if (TIME) {
    const lines = stderr.trimEnd().split("\n");
    const last = lines.at(-1) ?? "";
    if (/^\d+$/.test(last)) {
      kb = Number(last);
      stderr = lines.slice(0, -1).join("\n");
    }
  }
  return { code: res.status, ms, kb, stderr };
}

// ------------------------------------------------------------------ output

function render(rows, startup, markdown, problemLines) {
  const na = "n/a";
  // min / median when there are several runs; ratios are of the medians.
  const s = (m) => (m === undefined ? na : m.min === m.median ? seconds(m.median) : `${seconds(m.min)} / ${seconds(m.median)}`);
  const med = (m) => m?.median;
  const ratio = (a, b) => (a === undefined || b === undefined ? na : `${(a / b).toFixed(2)}×`);
  const sum = (a, b) => (a === undefined || b === undefined ? undefined : a + b);
  const header = ["records", "files", "cold check", "cold score", "warm check", "warm score", "warm check of 1 file", "check after 1 edit", "score after 1 edit", "check --no-cache", "score --no-cache", "peak RSS check", "peak RSS score", "ledger balance", "cold check+score ÷ ledger", "warm check+score ÷ ledger", "cache on ÷ off (cold check+score)", "ms per 1k records (cold check+score)"];
  const body = rows.map((r) => [
    fmtInt(r.records), fmtInt(r.files), s(r.coldCheck), s(r.coldScore), s(r.warmCheck), s(r.warmScore), s(r.warmCheckOne), s(r.checkAfterEdit), s(r.scoreAfterEdit), s(r.noCacheCheck), s(r.noCacheScore),
    r.peakMb === undefined ? na : `${Math.round(r.peakMb)} MB`, r.scorePeakMb === undefined ? na : `${Math.round(r.scorePeakMb)} MB`, s(r.ledger),
    ratio(sum(med(r.coldCheck), med(r.coldScore) ?? 0), med(r.ledger)), ratio(sum(med(r.warmCheck), med(r.warmScore) ?? 0), med(r.ledger)),
    ratio(sum(med(r.coldCheck), med(r.coldScore) ?? 0), sum(med(r.noCacheCheck), med(r.noCacheScore) ?? 0)),
    ((sum(med(r.coldCheck), med(r.coldScore) ?? 0) / r.records) * 1000).toFixed(0),
  ]);
  const notes = [
    ...(startup ? [`yanxiu --help: ${seconds(startup.help)}; check of one record file (demo-sized school): ${seconds(startup.checkOne)}; check of the whole demo-sized school: ${seconds(startup.checkSmall)}`] : []),
    ...problemLines,
    `yanxiu: ${BIN}; machine: ${machine()}; load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}; ${new Date().toISOString().slice(0, 10)}`,
  ];
  if (markdown) {
    const line = (cells) => `| ${cells.join(" | ")} |`;
    return [line(header), line(header.map(() => "---")), ...body.map(line), "", ...notes.map((n) => `${n}  `), ""].join("\n");
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => c.padStart(widths[i])).join("  ");
  return ["", line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line), "", ...notes, ""].join("\n");
}

function machine() {
  let cpu = cpus()[0]?.model ?? "unknown CPU";
  try {
    cpu = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpu;
  } catch { /* not Linux */ }
  return `${cpus().length} cores (nproc), ${cpu}, Node ${process.version}`;
}

function synthVersion() {
  // Regenerate when the generator changes: its compiled sources' sizes are a cheap fingerprint.
  const dir = join(ROOT, "dist", "synth");
  return readdirSync(dir).filter((f) => f.endsWith(".js")).sort().map((f) => `${f}:${readFileSync(join(dir, f)).length}`).join(",");
}

const repeat = (n, f) => Array.from({ length: n }, f);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const msSince = (t) => Number(process.hrtime.bigint() - t) / 1e6;
const seconds = (ms) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);
const fmtInt = (n) => n.toLocaleString("en-US");
const firstLine = (s) => (s ?? "").split("\n")[0].trim();
const log = (s) => process.stderr.write(`bench: ${s}\n`);

process.exitCode = await main();
