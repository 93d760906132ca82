/**
 * A timeline of the saves for the serve bench (bench/serve.js --trace): with YANXIU_SERVE_TRACE=FILE
 * the server keeps one line per event (a request's arrival and answer, a save queued, staged,
 * placed, committed, answered, each git run started and ended) and writes them to FILE as JSON
 * lines when it exits. Unset (always, but in the bench), `traceOn` is false and every call site
 * tests it first: nothing is kept, nothing is timed.
 */
import { writeFileSync } from "node:fs";

const file = process.env.YANXIU_SERVE_TRACE;

export const traceOn = Boolean(file);

const events: unknown[] = [];

/** An event at this moment (milliseconds since the epoch, fractional), with what identifies it. */
export function trace(ev: string, data: Record<string, unknown> = {}): void {
  events.push({ t: performance.timeOrigin + performance.now(), ev, ...data });
}

if (file) {
  process.on("exit", () => {
    writeFileSync(file, events.map((e) => JSON.stringify(e)).join("\n") + "\n");
  });
}
