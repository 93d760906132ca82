/**
 * Several files changed together (an import), as close to all-or-nothing as separate files allow:
 * each goes through updateFile, and only if it is still exactly as it was when the change was
 * planned and validated. If one fails, every file already written is put back as it was read
 * (a file the run created is removed), each under its lock and only if nobody changed it since.
 */
import { join } from "node:path";
import { nodeFs, isMissing, type WriteFs } from "./fs.js";
import { withFileLock } from "./lock.js";
import { updateFile, type UpdateProblem } from "./update.js";

export interface PlannedChange {
  file: string;
  before: { exists: boolean; bytes: Uint8Array };
  text: string;
}

export type ManyResult =
  | { ok: true; written: string[] }
  | {
      ok: false;
      /** The file that could not be written, and why ("changed": someone saved it since the plan). */
      file: string;
      problem: UpdateProblem | { reason: "changed" };
      restored: string[];
      /** Files written but not put back (changed again meanwhile, or the disk refused). */
      notRestored: string[];
    };

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.from(a).equals(Buffer.from(b));

export function updateFiles(root: string, changes: readonly PlannedChange[], fs: WriteFs = nodeFs): ManyResult {
  const written: PlannedChange[] = [];
  for (const c of changes) {
    const r = updateFile<"changed">({
      root, file: c.file, fs, attempts: 1,
      transform: (cur) => (cur.exists !== c.before.exists || !same(cur.bytes, c.before.bytes) ? { refuse: "changed" } : { text: c.text }),
    });
    if (r.ok) {
      written.push(c);
      continue;
    }
    const problem = r.reason === "refused" ? { reason: "changed" as const } : r;
    const back = restore(root, written, fs);
    return { ok: false, file: c.file, problem, ...back };
  }
  return { ok: true, written: written.map((c) => c.file) };
}

function restore(root: string, written: readonly PlannedChange[], fs: WriteFs): { restored: string[]; notRestored: string[] } {
  const restored: string[] = [];
  const notRestored: string[] = [];
  const ours = new TextEncoder();
  for (const c of [...written].reverse()) {
    const mine = ours.encode(c.text);
    let ok = false;
    if (c.before.exists) {
      const r = updateFile<"changed">({ root, file: c.file, fs, attempts: 1, transform: (cur) => (cur.exists && same(cur.bytes, mine) ? { text: c.before.bytes } : { refuse: "changed" }) });
      ok = r.ok;
    } else {
      try {
        ok = withFileLock(root, c.file, () => {
          const abs = join(root, c.file);
          let now: Uint8Array;
          try {
            now = fs.readFileSync(abs);
          } catch (e) {
            return isMissing(e);
          }
          if (!same(now, mine)) return false;
          fs.unlinkSync(abs);
          return true;
        }, { fs });
      } catch {
        ok = false;
      }
    }
    (ok ? restored : notRestored).push(c.file);
  }
  return { restored: restored.reverse(), notRestored: notRestored.reverse() };
}
