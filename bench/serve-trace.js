/**
 * Where each add's wall time went, from the server's timeline (YANXIU_SERVE_TRACE, src/git/trace.ts)
 * and the clients' own send and receive times (bench/serve.js --trace FILE). Every add is cut into
 * consecutive spans, so they sum to its latency:
 *
 *   to server    client sends → the server's HTTP parser has the request
 *   to queue     → the save is queued (the form read, the record built; the thread busy with others)
 *   to staged    → checked and written to its temporary file (waiting for the thread to stage it)
 *   to commit    → its batch's commit starts (waiting for the batch before to commit, then placing)
 *   own commit   → the save is answered (its own batch's git processes, up to its branch moved)
 *   to answer    → the answer page handed to the socket (the page rendered)
 *   to client    → the client has read the whole answer
 *
 * Batches: size, commit wall time and each git process's wall time within it.
 */

/** @param events the server's lines; @param sent Map id → { a, b, subject } (client's send and receive, ms since the epoch) */
export function analyse(events, sent) {
  const bySubject = new Map();
  const at = (subject) => {
    let x = bySubject.get(subject);
    if (!x) bySubject.set(subject, (x = {}));
    return x;
  };
  const batches = [];
  let batch;
  let gitRun;
  let placeAt;
  let placedAt;
  const reqs = new Map();
  for (const e of events) {
    if (e.ev === "request") (reqs.get(e.id) ?? reqs.set(e.id, {}).get(e.id)).r0 = e.t;
    else if (e.ev === "response") (reqs.get(e.id) ?? reqs.set(e.id, {}).get(e.id)).r1 = e.t;
    else if (e.ev === "save") at(e.subject).save ??= e.t;
    else if (e.ev === "staged") { if (e.ok) at(e.subject).staged = e.t; }
    else if (e.ev === "answer") at(e.subject).answer = e.t;
    else if (e.ev === "commit") {
      batch = { start: e.t, n: e.subjects.length, gits: [], place: placeAt, placed: placedAt };
      batches.push(batch);
      for (const s of e.subjects) at(s).commit = e.t, at(s).batch = batch;
    } else if (e.ev === "committed" && batch) batch.end = e.t;
    else if (e.ev === "place") placeAt = e.t;
    else if (e.ev === "placed") placedAt = e.t;
    else if (e.ev === "git-start") gitRun = { cmd: e.cmd, t: e.t, batch: batch && batch.end === undefined ? batch : undefined };
    else if (e.ev === "git-end" && gitRun) {
      (gitRun.batch?.gits ?? []).push({ cmd: gitRun.cmd, from: gitRun.t - gitRun.batch?.start, ms: e.t - gitRun.t });
      gitRun = undefined;
    }
  }
  const rows = [];
  for (const [id, c] of sent) {
    const r = reqs.get(id);
    const s = bySubject.get(c.subject);
    if (!r || !s || s.commit === undefined) continue;
    s.batch.lastAnswer = Math.max(s.batch.lastAnswer ?? 0, r.r1);
    rows.push({
      total: c.b - c.a,
      spans: {
        "to server": r.r0 - c.a,
        "to queue": s.save - r.r0,
        "to staged": s.staged - s.save,
        "to commit": s.commit - s.staged,
        "own commit": s.answer - s.commit,
        "to answer": r.r1 - s.answer,
        "to client": c.b - r.r1,
      },
    });
  }
  return { rows, batches };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/** Text: the spans' medians over all adds and over the slowest tenth, then each batch. */
export function traceReport({ rows, batches }) {
  if (rows.length === 0) return "trace: no add could be followed through the server's timeline";
  const sorted = [...rows].sort((a, b) => a.total - b.total);
  const slow = sorted.slice(Math.floor(sorted.length * 0.9));
  const names = Object.keys(rows[0].spans);
  const line = (set) => names.map((n) => `${n} ${Math.round(median(set.map((r) => r.spans[n])))}`).join(", ");
  const out = [
    `trace: ${rows.length} adds; median ms of each span, all adds (total ${Math.round(median(rows.map((r) => r.total)))}): ${line(rows)}`,
    `trace: the slowest tenth (total ${Math.round(median(slow.map((r) => r.total)))}): ${line(slow)}`,
  ];
  for (const [i, b] of batches.entries()) {
    const gits = b.gits.map((g) => `${g.cmd} ${Math.round(g.ms)} from ${Math.round(g.from)}`).join(", ");
    out.push(`trace: batch ${i + 1}: ${b.n} saves, commit ${Math.round((b.end ?? NaN) - b.start)} ms (${gits})${i > 0 ? `, ${Math.round(b.start - (batches[i - 1].end ?? NaN))} ms after the one before (placing from ${Math.round(b.place - batches[i - 1].end)} to ${Math.round(b.placed - batches[i - 1].end)})` : ""}; its answers all sent ${Math.round(b.lastAnswer - b.end)} ms after its end`);
  }
  return out.join("\n");
}
