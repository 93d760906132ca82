/**
 * `yanxiu export records [dir] -o FILE.xlsx|FILE.csv [--term T]`: every record and session as the
 * sheets `import records` reads (研修记录, 集体活动), column for column, so the records move to
 * another repository, or through Excel and back, unchanged.
 */
import { extname } from "node:path";
import type { Command } from "commander";
import { t } from "../i18n.js";
import { allTerms } from "../model.js";
import { recordsSheet, sessionsSheet, type ActivityFile } from "../import/export.js";
import { csvOut } from "../import/book.js";
import { EXIT, setExitCode, UsageError, type Io } from "./io.js";
import { openRepo } from "./repo-arg.js";
import { writeSheets } from "./import.js";

interface ExportOptions {
  output?: string;
  term?: string;
}

export function registerExport(program: Command, io: Io): void {
  program
    .command("export")
    .description("把研修记录导出为 Excel/CSV,列与导入时相同 / export the records to Excel or CSV, with the columns import reads")
    .argument("<what>", "records")
    .argument("[dir]", "仓库目录(默认当前目录)/ the repository folder (default: here)")
    .option("-o, --output <file>", "写入 .xlsx(两张表)或 .csv(集体活动写在 文件-集体活动.csv);不写则 CSV 输出到屏幕 / .xlsx (two sheets) or .csv (the sessions in a second file beside it); CSV of the records to stdout when absent")
    .option("--term <id>", "只导出一个学期 / one term only")
    .action(async function (this: Command, what: string, dir: string | undefined, opts: ExportOptions) {
      const { repo, lang } = openRepo(io, dir, this.optsWithGlobals().lang as string | undefined);
      if (what !== "records") throw new UsageError(t(lang, `只能导出 records,而不是「${what}」`, `only records can be exported, not '${what}'`));
      if (!repo.dataset) throw new UsageError(t(lang, "配置或名册无法读取,先运行 yanxiu check", "the config or roster cannot be read: run 'yanxiu check' first"));
      if (opts.term && !allTerms(repo.dataset.config).some((x) => x.id === opts.term)) {
        throw new UsageError(t(lang, `配置里没有学期 ${opts.term}`, `no term ${opts.term} in the config`));
      }
      const inTerm = (file: string) => !opts.term || file.split("/")[1] === opts.term;
      const files = (kind: "records" | "sessions"): ActivityFile[] => repo.files
        .filter((f) => f.kind === kind && inTerm(f.file) && f.source?.data !== undefined)
        .map((f) => ({ file: f.file, data: f.source!.data }))
        .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
      const broken = repo.files.filter((f) => (f.kind === "records" || f.kind === "sessions") && f.problems.some((p) => p.severity === "error")).length;
      if (broken) {
        io.stderr.write(t(lang, `注意:${broken} 个记录文件有错误(yanxiu check);能读出的记录照样导出,导入时会再次报告这些错误\n`,
          `Note: ${broken} record file(s) have errors (yanxiu check); the records that can be read are exported, and importing them reports the errors again\n`));
      }
      const kinds = repo.scheme?.kinds;
      const sheets = [recordsSheet(files("records"), repo.dataset.roster.teachers, kinds), sessionsSheet(files("sessions"), repo.dataset.roster.groups, kinds)];
      if (!opts.output || opts.output === "-") {
        io.stdout.write(csvOut(sheets[0]!));
        return;
      }
      if (![".xlsx", ".csv"].includes(extname(opts.output).toLowerCase())) {
        throw new UsageError(t(lang, `只能导出为 .xlsx 或 .csv:${opts.output}`, `records are exported as .xlsx or .csv: ${opts.output}`));
      }
      const written = await writeSheets(io, opts.output, sheets, lang);
      io.stderr.write(t(lang, `已导出 ${sheets[0]!.rows.length} 条记录、${sheets[1]!.rows.length} 次集体活动到 ${written.join("、")}\n`,
        `exported ${sheets[0]!.rows.length} record(s) and ${sheets[1]!.rows.length} session(s) to ${written.join(", ")}\n`));
      setExitCode(this, EXIT.ok);
    });
}
