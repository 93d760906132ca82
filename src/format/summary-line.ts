/**
 * The summary line of a check (files checked, errors, warnings): a module of its own, without
 * the message catalogue, since a check of files without problems prints this line alone.
 */
import { countBySeverity, type Problem } from "../problem.js";
import { t, type Lang } from "../i18n.js";

export function summaryLine(problems: readonly Pick<Problem, "severity">[], opts: { lang: Lang; fileCount?: number }): string {
  const { errors, warnings } = countBySeverity(problems);
  const files = opts.fileCount !== undefined ? t(opts.lang, `检查了 ${opts.fileCount} 个文件,`, `${opts.fileCount} file${opts.fileCount === 1 ? "" : "s"} checked, `) : "";
  if (errors === 0 && warnings === 0) return files + t(opts.lang, "没有发现问题 ✓", "no problems ✓");
  return files + t(opts.lang, `${errors} 个错误,${warnings} 个警告`, `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`);
}
