/**
 * Let the heap grow by 30 % between full collections instead of up to 4×: at a million records
 * this keeps check and score under 1 GB, for more collecting (user CPU 46 s → 59–74 s there,
 * measured under load); at 100,000 records the CPU is the same within noise (docs/benchmark.md).
 * Set when a repository is loaded (before its files are read, while the heap is still small):
 * always for the web server, for check and score only from BOUND_HEAP_FROM_FILES files
 * (pipeline/load.ts; below that it only doubled the full collections). Not at start-up:
 * `node:v8` costs a warm run, answered from the result cache, 4–7 ms for nothing.
 */
import { setFlagsFromString } from "node:v8";

let set = false;

export function growHeapSlowly(): void {
  if (set) return;
  set = true;
  setFlagsFromString("--heap-growing-percent=30");
}
