/** `yanxiu score [dir] [--term T | --year Y | --cycle] [--teacher ID] [--group ID]`: per-teacher and per-group tables. */
import { Option, type Command } from "commander";
import { t, type Lang } from "../i18n.js";
import { DEFAULT_WIDTH } from "../format/width.js";
import { didYouMean } from "../did-you-mean.js";
import { EXIT, getExitCode, today, useColour, type Io } from "./io.js";
import { FORMATS, outputOption, tableOption, type Format } from "./output.js";
import { locateRepo, resultCacheFor } from "./repo-locate.js";
import { recording } from "./recording.js";

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
      // The output to stdout is kept in the result cache: an unchanged repository answers
      // from it at the cost of a stat of every file (files written with -o are made afresh).
      const { root, lang } = locateRepo(io, dir, this.optsWithGlobals().lang as string | undefined);
      const cache = opts.output ? undefined : await resultCacheFor(io, root);
      const purpose = ["score", lang, today(io.env), opts, terminalWidth(io), useColour(io)];
      const hit = cache?.getWithText<{ stderr: string }>(purpose);
      if (hit) {
        io.stderr.write(hit.value.stderr);
        await hit.text.copyTo((piece) => writeAndWait(io, piece));
        return;
      }
      // Read through the cache's fs: the entry's stamp is taken from this run's own looks at the files.
      const rec = cache ? recording({ ...io, readFs: cache.readFs }) : undefined;
      await (await import("./score-run.js")).scoreCommand(rec?.io ?? io, this, dir, opts);
      const taken = rec?.taken();
      if (taken && getExitCode(this) === EXIT.ok) cache!.putWithText(purpose, { stderr: taken.stderr }, taken.stdout);
    });
}

/**
 * Write, and when the stream asks for it (a pipe is written asynchronously, so unread output
 * would pile up in memory), wait until it has drained, is closed or has failed. True when the
 * stream then holds nothing written so far (the chunk's buffer may be reused): it waited, or
 * it says it holds nothing (a file is written at once, and so is what fits in a pipe).
 */
export async function writeAndWait(io: Io, chunk: string | Buffer): Promise<boolean> {
  // Bytes go out as they are (io.stdout is process.stdout for the real binary).
  if ((io.stdout.write as (chunk: string | Buffer) => boolean | void)(chunk) !== false) {
    // Without this a cached report copied to a file took a fresh megabyte for each piece.
    return (io.stdout as { writableLength?: number }).writableLength === 0;
  }
  const stream = io.stdout as Partial<Pick<NodeJS.WritableStream, "once" | "removeListener">>;
  if (typeof stream.once !== "function" || typeof stream.removeListener !== "function") return false;
  const events = ["drain", "error", "close"];
  await new Promise<void>((done) => {
    const settle = () => {
      for (const event of events) stream.removeListener!(event, settle);
      done();
    };
    for (const event of events) stream.once!(event, settle);
  });
  return true;
}

/** COLUMNS when set (as the shell sets it), else the terminal's width, else 120 (pipes, files). */
export function terminalWidth(io: Io): number {
  const fromEnv = Number(io.env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  const cols = (io.stdout as { columns?: number }).columns;
  return io.stdout.isTTY && cols && cols > 0 ? cols : DEFAULT_WIDTH;
}

