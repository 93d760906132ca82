/** `yanxiu explain <teacher> [dir] [--term T | --year Y | --cycle]`: why a teacher's number is what it is. */
import type { Command } from "commander";
import { t } from "../i18n.js";
import { buildExplain } from "../reports/explain.js";
import { explainDoc } from "../reports/explain-doc.js";
import { scoreWithProgress } from "../reports/score-all.js";
import { notScoredReason } from "../score/scored.js";
import { today, type Io } from "./io.js";
import { addOutputOptions, emit, preflight, type OutputOptions } from "./output.js";
import { signaturesOf } from "../reports/signatures.js";
import { startProgress } from "./progress.js";
import { addPeriodOptions, openScored, type PeriodOptions } from "./scored-repo.js";
import { teacherArg } from "./roster-args.js";

export function registerExplain(program: Command, io: Io): void {
  const cmd = program
    .command("explain")
    .description("逐项说明一位教师的学时:哪些记录、哪条规则、上限、差多少、怎样补齐 / explain one teacher's score record by record")
    .argument("<teacher>", "教师编号或姓名 / the teacher's id or name")
    .argument("[dir]", "仓库目录(默认当前目录)/ the repository folder (default: here)");
  addOutputOptions(addPeriodOptions(cmd)).action(async function (this: Command, who: string, dir: string | undefined, opts: PeriodOptions & OutputOptions) {
    const opened = openScored(io, this, dir, opts);
    if (!opened) return;
    const { lang, dataset, scheme, period } = opened;
    preflight(io, lang, opts);
    const teacher = teacherArg(dataset.roster, who, lang);
    const left = notScoredReason(teacher, dataset.config, period);
    if (left) {
      const why = left.reason === "role" ? t(lang, `角色 ${left.role} 在 yanxiu.yaml 的 notScored 中`, `the role ${left.role} is in notScored in yanxiu.yaml`) : t(lang, "名册里写了 scored: false", "the roster says scored: false");
      io.stdout.write(t(lang, `${teacher.name}(${teacher.id})不计学时:${why}。\n`, `${teacher.name} (${teacher.id}) is not scored: ${why}.\n`));
      return;
    }
    const progress = startProgress(io, lang, { zh: "正在计算", en: "scoring" });
    const one = { ...dataset, roster: { ...dataset.roster, teachers: [teacher] }, activities: dataset.activities.filter((a) => a.teacher === teacher.id) };
    const result = scoreWithProgress(one, scheme, period, (d, n) => progress.update(d, n));
    const data = buildExplain({ result, dataset, scheme, teacher: teacher.id, lang });
    progress.done();
    await emit(io, lang, { ...explainDoc(data, scheme, lang), made: today(io.env), signatures: signaturesOf(dataset.config, lang) }, opts, { prose: true });
  });
}
