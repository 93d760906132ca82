/**
 * `yanxiu certificate [teacher…|--all] [--term T | --year Y | --cycle] -o FILE.html|FILE.pdf`:
 * 学时证明 to print, sign and seal, one page per teacher; --all makes one file for the school.
 */
import { extname, resolve } from "node:path";
import type { Command } from "commander";
import { t } from "../i18n.js";
import { renderCertificates } from "../format/certificate-html.js";
import { certificateList, certificateSettings, certifiedTeachers } from "../reports/certificates.js";
import { notScoredReason } from "../score/scored.js";
import { writeOutputFile } from "../repo/write-output.js";
import { today, UsageError, type Io } from "./io.js";
import { htmlToPdf } from "./pdf.js";
import { addPeriodOptions, openScored, type PeriodOptions } from "./scored-repo.js";
import { teacherArg } from "./roster-args.js";

interface CertificateOptions extends PeriodOptions {
  all?: boolean;
  output?: string;
}

export function registerCertificate(program: Command, io: Io): void {
  const cmd = program
    .command("certificate")
    .description("学时证明:每位教师一页,含记录、各项学时、要求、合计、等次、签字栏和盖章处 / a printable certificate per teacher")
    .argument("[teachers...]", "教师编号或姓名 / teachers' ids or names")
    .option("--all", "全校每位教师一页,合成一个文件 / every teacher, one file")
    .option("-o, --output <file>", "写入 .html 或 .pdf 文件 / write an .html or .pdf file")
    .option("-C, --dir <dir>", "仓库目录(默认当前目录)/ the repository folder (default: here)");
  addPeriodOptions(cmd).action(async function (this: Command, names: string[], opts: CertificateOptions & { dir?: string }) {
    const opened = openScored(io, this, opts.dir, opts);
    if (!opened) return;
    const { lang, dataset, scheme, period } = opened;
    const ext = opts.output ? extname(opts.output).toLowerCase() : "";
    if (!opts.output || ![".html", ".htm", ".pdf"].includes(ext)) {
      throw new UsageError(t(lang, "用 -o 证明.html 或 -o 证明.pdf 指定输出文件", "name the output with -o certificate.html or -o certificate.pdf"));
    }
    if (!opts.all && names.length === 0) throw new UsageError(t(lang, "指定教师(编号或姓名),或用 --all 为全校生成", "name teachers (ids or names), or use --all for the whole school"));
    const chosen = opts.all
      ? certifiedTeachers(dataset, period)
      : names.map((who) => {
          const found = teacherArg(dataset.roster, who, lang);
          const left = notScoredReason(found, dataset.config, period);
          if (left) throw new UsageError(t(lang, `${found.name}(${found.id})不计学时,没有学时证明`, `${found.name} (${found.id}) is not scored and has no certificate`));
          return found;
        });
    const list = certificateList(dataset, scheme, period, chosen, lang);
    const html = renderCertificates(list, { lang, made: today(io.env), ...certificateSettings(dataset, scheme, lang) });
    const body = ext === ".pdf" ? await htmlToPdf(html, io.env, lang) : html;
    const path = resolve(io.cwd, opts.output);
    try {
      writeOutputFile(path, body);
    } catch (e) {
      throw new UsageError(t(lang, `无法写入 ${path}:${(e as Error).message}`, `cannot write ${path}: ${(e as Error).message}`));
    }
    io.stderr.write(t(lang, `已写入 ${opts.output}(${list.length} 位教师)\n`, `wrote ${opts.output} (${list.length} teacher(s))\n`));
  });
}
