/** `yanxiu score [dir] [--term T | --year Y | --cycle] [--teacher ID] [--group ID]`: per-teacher and per-group tables. */
import { Option, type Command } from "commander";
import { t, type Lang } from "../i18n.js";
import { didYouMean } from "../did-you-mean.js";
import type { Io } from "./io.js";
import { FORMATS, outputOption, tableOption, type Format } from "./output.js";
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
      const lookup = await scoreFromCache(io, dir, opts, this.optsWithGlobals().lang as string | undefined);
      if (lookup.answered) return;
      await (await import("./score-whole.js")).scoreWhole(io, this, lookup, dir, opts);
    });
}

