/**
 * Record and session files live at records/<term>/<teacher>.yaml and sessions/<term>/<group>.yaml.
 * A file in a folder that is no term, or a t10.yml beside t10.yaml, is a second, unreviewed
 * place for the same teacher's hours, so it is an error rather than read in silence.
 */
import type { Problem } from "../problem.js";
import { t } from "../i18n.js";
import { allTerms } from "../model.js";
import { makeProblem } from "../repo/yaml-source.js";
import { didYouMean } from "../schema/zod-problems.js";
import type { Check } from "./context.js";
import { fileMoves, withFileMove } from "./file-moves.js";

const WHOLE_FILE = { line: 0, column: 0 };

export const filePlace: Check = {
  name: "file-place",
  needs: ["calendar"],
  severity: "error",
  description: { zh: "记录文件必须放在 records/<学期>/<编号>.yaml", en: "record files belong at records/<term>/<id>.yaml" },
  run(ctx) {
    const config = ctx.dataset?.config;
    if (!config) return [];
    const terms = allTerms(config).map((x) => x.id);
    const known = new Set(terms);
    const files = ctx.repo.files.filter((f) => f.kind === "records" || f.kind === "sessions");
    const present = new Set(files.map((f) => f.file));
    const out: Problem[] = [];
    const moves = fileMoves(ctx);
    // Where the file's place is certain, the hint names it and check --fix moves the file there.
    const problem = (file: string, zh: string, en: string, hintZh: string, hintEn: string) =>
      out.push(withFileMove(makeProblem({ file, text: "" }, WHOLE_FILE, this.name, t(ctx.lang, zh, en), t(ctx.lang, hintZh, hintEn)), moves.get(file)));
    for (const f of files) {
      const parts = f.file.split("/");
      const [top, term, name] = parts;
      const owner = f.kind === "records" ? { zh: "教师", en: "teacher" } : { zh: "教研组", en: "group" };
      if (parts.length !== 3) {
        problem(f.file, `${top}/ 下的文件应放在学期文件夹中:${top}/<学期>/<${owner.zh}编号>.yaml`, `files in ${top}/ belong at ${top}/<term>/<${owner.en} id>.yaml`,
          `移到 ${top}/${terms.at(-1) ?? "<学期>"}/ 之类的学期文件夹中`, `move it into a term folder such as ${top}/${terms.at(-1) ?? "<term>"}/`);
        continue;
      }
      if (!known.has(term!)) {
        const guess = didYouMean(term!, terms);
        problem(f.file, `文件夹 ${top}/${term}/ 不是 yanxiu.yaml 中的学期`, `the folder ${top}/${term}/ is not a term in yanxiu.yaml`,
          guess ? `是不是 ${top}/${guess}/?` : `已定义的学期:${terms.join("、")}`, guess ? `did you mean ${top}/${guess}/?` : `terms defined: ${terms.join(", ")}`);
      }
      if (!name!.endsWith(".yaml")) {
        const stem = name!.replace(/\.ya?ml$/i, "");
        const twin = `${top}/${term}/${stem}.yaml`;
        if (present.has(twin)) {
          problem(f.file, `${stem} 在这个学期已有 ${twin},这是第二个文件`, `${twin} already holds ${stem}'s entries for this term: this is a second file`,
            `把其中的记录并入 ${twin},然后删除本文件`, `move its entries into ${twin}, then delete this file`);
        } else {
          problem(f.file, `文件名应以 .yaml 结尾:${stem}.yaml`, `the file name must end in .yaml: ${stem}.yaml`,
            `改名为 ${twin}`, `rename it to ${twin}`);
        }
      }
    }
    return out;
  },
};
