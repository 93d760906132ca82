/** Evidence paths must exist and stay inside the repository (no '..', no absolute paths, no links out). */
import { existsSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, normalize } from "node:path";
import type { Problem } from "../problem.js";
import { t } from "../i18n.js";
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
        const message = {
          absolute: t(ctx.lang, `证明材料用了绝对路径:${path}`, `the evidence path is absolute: ${path}`),
          outside: t(ctx.lang, `证明材料在仓库之外:${path}`, `the evidence is outside the repository: ${path}`),
          missing: t(ctx.lang, `找不到证明材料:${path}`, `the evidence file does not exist: ${path}`),
          "not-evidence": t(ctx.lang, `证明材料必须放在 evidence/ 下,这里写的是 ${path}`, `evidence must be a file under evidence/, not ${path}`),
          "not-a-file": t(ctx.lang, `证明材料必须是一个文件,${path} 不是(是文件夹或其他)`, `evidence must be a file, and ${path} is not (a folder or something else)`),
        }[verdict];
        const hint = verdict === "not-a-file"
          ? t(ctx.lang, "写出文件夹里的具体文件,如 evidence/t01/证书.pdf", "name the file itself, such as evidence/t01/certificate.pdf")
          : verdict === "missing"
          ? t(ctx.lang, "把文件放进 evidence/ 并提交,或改正路径(相对于仓库根目录)", "add the file under evidence/ and commit it, or correct the path (relative to the repository root)")
          : t(ctx.lang, "把文件复制到仓库的 evidence/ 下,写相对路径如 evidence/t01/证书.pdf", "copy the file into the repository's evidence/ and write a relative path such as evidence/t01/certificate.pdf");
        out.push(atActivity(ctx, a, "evidence", "evidence", message, hint));
      }
    }
    return out;
  },
};
