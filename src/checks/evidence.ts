/** Evidence paths must exist and stay inside the repository (no '..', no absolute paths, no links out). */
import { existsSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, normalize } from "node:path";
import type { Problem } from "../problem.js";
import { msg } from "../messages/index.js";
import { atActivity, type Check } from "./context.js";
import { EVIDENCE_DIR } from "../repo/layout.js";

export type EvidenceVerdict = "ok" | "absolute" | "outside" | "missing" | "not-evidence" | "not-a-file";

/** `realRoot`: realpathSync(root), worked out once by callers that judge many paths. */
export function judgeEvidence(root: string, path: string, realRoot?: string): EvidenceVerdict {
  if (isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path)) return "absolute";
  const norm = normalize(path).replace(/\\/g, "/");
  if (norm === ".." || norm.startsWith("../")) return "outside";
  const abs = join(root, norm);
  if (!existsSync(abs)) return "missing";
  const rootReal = realRoot ?? realpathSync(root);
  const real = realpathSync(abs);
  if (real !== rootReal && !real.startsWith(rootReal + "/")) return "outside";
  // The config, roster, rules or someone's records are no proof of anything: evidence lives in evidence/.
  if (!norm.startsWith(`${EVIDENCE_DIR}/`)) return "not-evidence";
  // A folder (or a pipe) proves nothing either, and is never opened.
  if (!statSync(abs).isFile()) return "not-a-file";
  return "ok";
}

export const evidencePath: Check = {
  name: "evidence",
  severity: "error",
  description: { zh: "证明材料的路径必须存在且在仓库之内", en: "evidence paths must exist and stay inside the repository" },
  run(ctx) {
    const dataset = ctx.dataset;
    if (!dataset) return [];
    const out: Problem[] = [];
    let realRoot: string | undefined;
    for (const a of ctx.entries) {
      for (const path of a.evidence) {
        const verdict = judgeEvidence(ctx.repo.root, path, (realRoot ??= realpathSync(ctx.repo.root)));
        if (verdict === "ok") continue;
        const message = msg(({ absolute: "evidence.absolute", outside: "evidence.outside", missing: "evidence.missing",
          "not-evidence": "evidence.not-evidence", "not-a-file": "evidence.not-a-file" } as const)[verdict], { path });
        const hint = verdict === "not-a-file" ? msg("evidence.hint-name-file")
          : verdict === "missing" ? msg("evidence.hint-add")
          : msg("evidence.hint-copy");
        out.push(atActivity(ctx, a, "evidence", "evidence", message, hint));
      }
    }
    return out;
  },
};
