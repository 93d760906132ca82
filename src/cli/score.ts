/** `yanxiu score [dir] [--term T | --year Y | --cycle] [--teacher ID] [--group ID]`: per-teacher and per-group tables. */
import { Option, type Command } from "commander";
import { t, type Lang } from "../i18n.js";
import { didYouMean } from "../did-you-mean.js";
import { EXIT, getExitCode, type Io } from "./io.js";
import { FORMATS, outputOption, tableOption, type Format } from "./output.js";
import { recording } from "./recording.js";
import { scoreFromCache } from "./score-warm.js";

export interface ScoreOptions {
  term?: string;
  year?: string;
  cycle?: boolean;
  teacher?: string;
  group?: string;
  json?: boolean;
  wide?: boolean;
  table?: string;
  format?: Format;
  output?: string;
}

/** A larger report is not kept (a million-record JSON report is hundreds of MB): streamed, not cached. */
const KEPT_BYTES = 64 * 1024 * 1024;

export function registerScore(program: Command, io: Io): void {
  program
    .command("score")
    .description("计算学时并按教师、教研组列表 / score teachers against the rules, per teacher and per group")
    .argument("[dir]", "仓库目录(默认当前目录)/ the repository folder (default: here)")
    .option("--term <id>", "某个学期(默认今天所在学期)/ one term (default: the term containing today)")
    .option("--year <id>", "某个学年 / one school year")
    .option("--cycle", "整个培训周期 / the whole multi-year cycle")
    .option("--teacher <id>", "只看一位教师(编号或姓名,逐项明细)/ one teacher (id or name), item by item")
    .option("--group <id>", "只看一个教研组(编号或名称)/ one group (id or name)")
    .option("--wide", "终端表格显示每一项(不按终端宽度收窄)/ every item in the terminal table, however wide")
    .addOption(new Option("-f, --format <format>", "text(默认)、json(完整计算结果,含明细追踪)、csv、xlsx、markdown、html / text (default), json (the full result, trace included), csv, xlsx, markdown, html").choices([...FORMATS]))
    .addOption(outputOption())
    .addOption(tableOption())
    .option("--json", "同 --format json / same as --format json")
    .action(async function (this: Command, dir: string | undefined, opts: ScoreOptions) {
      const { cache, purpose, root, lang, answered } = await scoreFromCache(io, dir, opts, this.optsWithGlobals().lang as string | undefined);
      if (answered) return;
      // After a few record or session files changed: the last score's outcomes, with only the teachers they name scored again.
      const incremental = cache && (await import("./score-incremental.js"));
      const again = incremental?.scoreIncrementally(io, cache!, purpose, root, lang, opts);
      // The report goes into the entry as it goes to stdout.
      const entry = cache?.textEntry(purpose, KEPT_BYTES);
      if (again) {
        const rec = entry && recording(io, entry);
        const out = rec?.io ?? io;
        try {
          if (again.warning) out.stderr.write(again.warning);
          await (await import("./score-run.js")).writeScore(out, again.report);
        } catch (e) {
          entry?.abandon();
          throw e;
        }
        if (getExitCode(this) === EXIT.ok) {
          entry?.finish({ stderr: rec!.stderr() });
          again.keep();
        } else entry?.abandon();
        return;
      }
      // The files' stats before anything is read, for the next run's incremental score.
      const table = incremental?.tableBeforeWhole(io, cache!, purpose, root);
      // Read through the cache's fs: the entry's stamp is taken from this run's own looks at the files.
      const rec = entry && recording({ ...io, readFs: cache!.readFs }, entry);
      let whole;
      try {
        whole = await (await import("./score-run.js")).scoreCommand(rec?.io ?? io, this, dir, opts);
      } catch (e) {
        entry?.abandon();
        throw e;
      }
      // Only a run that ended well is kept.
      if (getExitCode(this) === EXIT.ok) {
        entry?.finish({ stderr: rec!.stderr() });
        if (table && whole) incremental!.keepAfterWhole(io, cache!, purpose, root, table, whole);
      } else entry?.abandon();
    });
}

