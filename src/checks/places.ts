/**
 * Record and session files live at records/<term>/<teacher>.yaml and sessions/<term>/<group>.yaml.
 * A file in a folder that is no term, or a t10.yml beside t10.yaml, is a second, unreviewed
 * place for the same teacher's hours, so it is an error rather than read in silence.
 */
import type { Msg, Problem } from "../problem.js";
import { msg } from "../messages/index.js";
import { allTerms } from "../model.js";
import { makeProblem } from "../repo/yaml-source.js";
import { didYouMean } from "../did-you-mean.js";
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
    const problem = (file: string, message: Msg, hint: Msg) =>
      out.push(withFileMove(makeProblem({ file, text: "" }, WHOLE_FILE, this.name, message, hint), moves.get(file)));
    for (const f of files) {
      const parts = f.file.split("/");
      const [top, term, name] = parts;
      const owner = f.kind === "records" ? "teacher" : "group";
      if (parts.length !== 3) {
        const last = terms.at(-1);
        problem(f.file, msg("file-place.no-term-folder", { top: top!, owner }),
          msg("file-place.hint-term-folder", last === undefined ? { top: top! } : { top: top!, term: last }));
        continue;
      }
      if (!known.has(term!)) {
        const guess = didYouMean(term!, terms);
        problem(f.file, msg("file-place.unknown-term", { top: top!, term: term! }),
          guess ? msg("file-place.hint-guess", { top: top!, guess }) : msg("file-place.hint-terms", { terms }));
      }
      if (!name!.endsWith(".yaml")) {
        const stem = name!.replace(/\.ya?ml$/i, "");
        const twin = `${top}/${term}/${stem}.yaml`;
        if (present.has(twin)) {
          problem(f.file, msg("file-place.second-file", { stem, twin }), msg("file-place.hint-merge", { twin }));
        } else {
          problem(f.file, msg("file-place.extension", { stem }), msg("file-place.hint-rename", { twin }));
        }
      }
    }
    return out;
  },
};
