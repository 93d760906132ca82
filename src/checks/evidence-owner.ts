/**
 * A teacher's evidence lies in the teacher's own folder, evidence/<teacher>/, and a group's
 * (minutes of a session) in evidence/groups/<group>/. Paths are normalised first, so
 * `evidence/t10/../t08/证书.pdf` (a colleague's certificate) is seen for what it is. One
 * folder per owner lets CODEOWNERS give each folder to the people who review its owner.
 */
import { realpathSync } from "node:fs";
import type { Problem } from "../problem.js";
import { msg } from "../messages/index.js";
import { EVIDENCE_DIR, normalizeRepoPath } from "../repo/layout.js";
import { atActivity, type Check } from "./context.js";
import { judgeEvidence } from "./evidence.js";

export function evidenceFolderOf(owner: { teacher?: string; group?: string }): string {
  return owner.group !== undefined ? `${EVIDENCE_DIR}/groups/${owner.group}/` : `${EVIDENCE_DIR}/${owner.teacher}/`;
}

export const evidenceOwner: Check = {
  name: "evidence-owner",
  severity: "error",
  description: { zh: "证明材料须放在其所有者的文件夹中(evidence/<教师>/ 或 evidence/groups/<组>/)", en: "evidence must lie in its owner's folder (evidence/<teacher>/ or evidence/groups/<group>/)" },
  run(ctx) {
    const out: Problem[] = [];
    let realRoot: string | undefined;
    for (const a of ctx.entries) {
      const folder = evidenceFolderOf(a.group ? { group: a.group } : { teacher: a.teacher });
      for (const path of a.evidence) {
        const norm = normalizeRepoPath(path);
        if (norm.startsWith(folder) && norm.length > folder.length) continue;
        // Missing, absolute or outside the repository: the evidence check says so, once.
        if (judgeEvidence(ctx.repo.root, path, (realRoot ??= realpathSync(ctx.repo.root))) !== "ok") continue;
        out.push(atActivity(ctx, a, "evidence", this.name,
          msg("evidence-owner", norm !== path ? { folder, path, norm } : { folder, path }),
          msg("evidence-owner.hint", { folder })));
      }
    }
    return out;
  },
};
