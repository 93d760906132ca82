/**
 * The web server's functions are optimized by V8 later than by default: a function must run
 * 8× as much bytecode (the interrupt budget, 66 KB by default) before V8 considers compiling it
 * with TurboFan. Measured on the serve bench (docs/benchmark.md, "Tenth round"): by default
 * V8's compiler threads spent 2.6–4.0 ms of the server's 6.5–8.5 ms of CPU per save, compiling
 * ~110 functions during the first 200 saves and still ~55 in the next 200 (what a save runs is
 * spread over many functions: the checks, scoring, the YAML merge, the page), and the main
 * thread was no faster for it (median 4.0 ms per save either way). With the larger budget the
 * compiler threads spend ~0.3 ms per save. Set after the school's first load, so that the
 * load's own loops are optimized as soon as before; only for `yanxiu serve` (check and score
 * keep V8's default: their loops are hot at once and pay back their compiles).
 */
import { setFlagsFromString } from "node:v8";

/** V8's default interrupt budget (Node 20: `node --v8-options | grep -A1 interrupt-budget`). */
const V8_DEFAULT_INTERRUPT_BUDGET = 67_584;
export const SERVE_INTERRUPT_BUDGET = 8 * V8_DEFAULT_INTERRUPT_BUDGET;

let set = false;

export function optimizeLater(): void {
  if (set) return;
  set = true;
  setFlagsFromString(`--interrupt-budget=${SERVE_INTERRUPT_BUDGET}`);
}
