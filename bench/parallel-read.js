#!/usr/bin/env node
/**
 * Would a second thread make a cold run faster? Reads every record and session file of a school the
 * way a cold check or score does (src/pipeline/read-files.ts: the fast reader and the hand-written
 * validator), once on the main thread alone and once with a worker thread taking a share of the
 * files, and times both in fresh processes, alternating.
 *
 *   node bench/parallel-read.js                                  # the bench's 100,000-record school
 *   node bench/parallel-read.js --school DIR --runs 5 --share 0.4
 *
 * The worker's activities come back through a MessageChannel (structured clone) and are waited for
 * synchronously (Atomics.wait + receiveMessageOnPort), as loadRepo, which is synchronous, would
 * have to. Both ways must find the same activities, or the script fails. Needs `npm run build`
 * and a school (`npm run bench -- --sizes 100000` generates /tmp/yanxiu-bench/school-100000).
 * docs/benchmark.md (thirteenth round) has what it showed.
 */
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { isMainThread, MessageChannel, receiveMessageOnPort, Worker, workerData } from "node:worker_threads";

const HERE = fileURLToPath(import.meta.url);
const DIST = join(dirname(HERE), "..", "dist");
const { readActivityFile } = await import(join(DIST, "pipeline", "read-files.js"));
const { listYamlFiles } = await import(join(DIST, "repo", "layout.js"));

/** One file's activities by the fast way; a file it does not take would go the ordinary way, which this measure leaves out. */
function readOne(root, file, kind) {
  return readActivityFile(root, file, kind, () => {
    throw new Error(`${file}: not a plain, valid file; this measure needs a school the fast reader takes whole`);
  }).found.valid;
}

if (!isMainThread) {
  const { root, files, done, port } = workerData;
  port.postMessage(files.map(([file, kind]) => readOne(root, file, kind)));
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
} else if (process.argv[2] === "--one") {
  console.log(JSON.stringify(readAll(process.argv[3], process.argv[4], Number(process.argv[5]))));
} else {
  const { values } = parseArgs({ options: { school: { type: "string", default: "/tmp/yanxiu-bench/school-100000" }, runs: { type: "string", default: "3" }, share: { type: "string", default: "0.5" } } });
  const rows = [];
  for (let i = 0; i < Number(values.runs); i++) {
    for (const mode of ["serial", "worker"]) {
      rows.push({ mode, ...JSON.parse(execFileSync(process.execPath, [HERE, "--one", values.school, mode, values.share], { encoding: "utf8", maxBuffer: 1 << 26 })) });
    }
  }
  const counts = new Set(rows.map((r) => `${r.activities}/${r.digest}`));
  if (counts.size !== 1) throw new Error(`the two ways found different activities: ${[...counts].join(", ")}`);
  console.log(`school: ${values.school}, ${rows[0].files} files, ${rows[0].activities} activities; worker's share ${values.share}`);
  console.log("| way | total | main thread's own files | waiting for the worker | taking its activities in |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const r of rows) console.log(`| ${r.mode} | ${r.total} ms | ${r.own} ms | ${r.wait ?? "–"} ms | ${r.take ?? "–"} ms |`);
}

/** Reads the school one way in this process; times in ms. */
function readAll(root, mode, share) {
  const started = performance.now();
  const files = ["records", "sessions"].flatMap((kind) => listYamlFiles(root, kind).map((f) => [f, kind]));
  const cut = mode === "worker" ? Math.floor(files.length * (1 - share)) : files.length;
  let worker, done, port;
  if (cut < files.length) {
    done = new Int32Array(new SharedArrayBuffer(4));
    const channel = new MessageChannel();
    port = channel.port1;
    worker = new Worker(HERE, { workerData: { root, files: files.slice(cut), done, port: channel.port2 }, transferList: [channel.port2] });
  }
  const activities = [];
  for (const [file, kind] of files.slice(0, cut)) activities.push(...readOne(root, file, kind));
  const own = performance.now();
  let wait, take;
  if (worker) {
    Atomics.wait(done, 0, 0);
    const waited = performance.now();
    for (const list of receiveMessageOnPort(port).message) activities.push(...list);
    wait = Math.round(waited - own);
    take = Math.round(performance.now() - waited);
    worker.unref();
  }
  const total = Math.round(performance.now() - started);
  // A cheap fingerprint of what was found, in order: both ways must agree.
  let digest = 0;
  for (const a of activities) digest = (digest * 31 + a.date.length + a.title.length + a.teacher.charCodeAt(a.teacher.length - 1)) % 1_000_000_007;
  return { files: files.length, activities: activities.length, digest, total, own: Math.round(own - started), wait, take };
}
