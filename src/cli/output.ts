/**
 * Where a report goes and in what form: `--format` picks the renderer (stdout), `-o FILE`
 * writes the file atomically and picks the format from its extension. xlsx is binary, so it
 * goes to stdout only when stdout is not a terminal.
 */
import { extname, resolve } from "node:path";
import { Option, type Command } from "commander";
import { t, type Lang } from "../i18n.js";
import type { ReportDoc } from "../reports/document.js";
import { writeOutputFile } from "../repo/write-output.js";
import { UsageError, useColour, type Io } from "./io.js";

export const FORMATS = ["text", "json", "csv", "xlsx", "markdown", "html"] as const;
export type Format = (typeof FORMATS)[number];

const BY_EXTENSION: Record<string, Format> = {
  ".txt": "text",
  ".json": "json",
  ".csv": "csv",
  ".xlsx": "xlsx",
  ".md": "markdown",
  ".markdown": "markdown",
  ".html": "html",
  ".htm": "html",
};

export interface OutputOptions {
  format?: string;
  output?: string;
  /** CSV: only this table (its id or sheet name). */
  table?: string;
}

export function formatOption(): Option {
  return new Option("-f, --format <format>", "输出格式 / output format").choices([...FORMATS]);
}

export function outputOption(): Option {
  return new Option("-o, --output <file>", "写入文件,按扩展名选格式(.xlsx .csv .json .md .html .txt)/ write to a file; the extension picks the format");
}

export function tableOption(): Option {
  return new Option("--table <name>", "csv 只输出这一张表(编号或表名)/ csv: only this table (its id or sheet name)");
}

/** Adds `-f, --format`, `-o, --output` and `--table` to a command. */
export function addOutputOptions(cmd: Command): Command {
  return cmd.addOption(formatOption()).addOption(outputOption()).addOption(tableOption());
}

export function formatFromPath(path: string): Format | undefined {
  return BY_EXTENSION[extname(path).toLowerCase()];
}

/** `-o -` means stdout, as if no -o were given. */
function toStdout<T extends OutputOptions>(opts: T): T {
  return opts.output === "-" ? { ...opts, output: undefined } : opts;
}

/** The format to use: --format, else the -o file's extension, else text. */
export function pickFormat(given: OutputOptions, lang: Lang): Format {
  const opts = toStdout(given);
  if (opts.format) return opts.format as Format;
  if (opts.output) {
    const f = formatFromPath(opts.output);
    if (!f) {
      throw new UsageError(
        t(lang, `无法从文件名 ${opts.output} 判断格式:用 .xlsx .csv .json .md .html .txt 结尾,或加 --format`,
          `cannot tell the format from ${opts.output}: end it in .xlsx .csv .json .md .html .txt, or add --format`),
      );
    }
    return f;
  }
  return "text";
}

/** Each renderer is loaded when asked for: a warm score, answered from the cache, loads none. */
export async function render(doc: ReportDoc, format: Format, opts: { colour: boolean; prose?: boolean; lang?: Lang }): Promise<string | Uint8Array> {
  switch (format) {
    case "text":
      return (await import("../format/report-text.js")).renderText(doc, { colour: opts.colour, tables: !opts.prose });
    case "json":
      return (await import("../format/report-json.js")).renderJson(doc);
    case "csv":
      return (await import("../format/report-csv.js")).renderCsv(doc);
    case "markdown":
      return (await import("../format/report-markdown.js")).renderMarkdown(doc, { tables: !opts.prose });
    case "html":
      return (await import("../format/report-html.js")).renderHtml(doc, { tables: !opts.prose });
    case "xlsx":
      return (await loadXlsx(opts.lang ?? "zh")).renderXlsx(doc);
  }
}

/**
 * exceljs takes ~0.5 s to load: only the runs that write a workbook pay for it. It is an optional
 * dependency (23 MB) that CI leaves out (`npm install --omit=optional`): without it, say how to get it.
 */
async function loadXlsx(lang: Lang): Promise<typeof import("../format/report-xlsx.js")> {
  try {
    return await import("../format/report-xlsx.js");
  } catch (e) {
    if (!isMissingExceljs(e)) throw e;
    throw new UsageError(t(lang,
      "写 xlsx 需要 exceljs 包,但这次安装没有它(安装时用了 --omit=optional)。请不加 --omit=optional 重新安装 yanxiu(例如 npm install -g ./.yanxiu/yanxiu-<版本>.tgz),或改用 --format csv",
      "writing xlsx needs the exceljs package, which this installation left out (installed with --omit=optional). Reinstall yanxiu without --omit=optional (e.g. npm install -g ./.yanxiu/yanxiu-<version>.tgz), or use --format csv"));
  }
}

export function isMissingExceljs(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  return (err?.code === "ERR_MODULE_NOT_FOUND" || err?.code === "MODULE_NOT_FOUND") && /['"]exceljs['"]/.test(err.message ?? "");
}

/**
 * Render and deliver a report. `prose`: text/markdown show the sections only (explain);
 * `terminal`: how the text format is printed when it is not the shared renderer's job.
 */
/** Check the output choice before any work: a bad extension or xlsx to a terminal is exit 2. */
export function preflight(io: Io, lang: Lang, given: OutputOptions): Format {
  const opts = toStdout(given);
  const format = pickFormat(opts, lang);
  if (format === "xlsx" && !opts.output && io.stdout.isTTY) {
    throw new UsageError(t(lang, "xlsx 是二进制文件,不能直接输出到终端:用 -o 报表.xlsx 写入文件,或重定向到文件", "xlsx is binary and will not be written to a terminal: use -o report.xlsx, or redirect to a file"));
  }
  return format;
}


export async function emit(io: Io, lang: Lang, doc: ReportDoc, given: OutputOptions, extra: { prose?: boolean; terminal?: () => string } = {}): Promise<void> {
  const opts = toStdout(given);
  const format = preflight(io, lang, opts);
  if (format === "csv") return emitCsv(io, lang, doc, opts);
  const body =
    format === "text" && extra.terminal && !opts.output ? extra.terminal()
    : await render(doc, format, { colour: !opts.output && useColour(io), prose: extra.prose, lang });
  deliver(io, lang, body, opts);
}

/**
 * CSV is one flat table a file. `--table` picks one; otherwise `-o 汇总.csv` writes the first
 * table there and each other beside it as 汇总-<sheet>.csv, and stdout gets the first table
 * with a note on stderr naming the others.
 */
async function emitCsv(io: Io, lang: Lang, doc: ReportDoc, opts: OutputOptions): Promise<void> {
  const { BOM, csvTable, pickTable } = await import("../format/report-csv.js");
  const names = doc.tables.map((x) => x.id).join(", ");
  if (opts.table) {
    const table = pickTable(doc, opts.table);
    if (!table) throw new UsageError(t(lang, `没有表格 ${opts.table};可选:${names}`, `no table ${opts.table}; there are: ${names}`));
    return deliver(io, lang, csvTable(table), opts);
  }
  const [first, ...rest] = doc.tables;
  if (!first) return deliver(io, lang, BOM, opts);
  if (!opts.output) {
    deliver(io, lang, csvTable(first), opts);
    // A hint for a person at a terminal; scripts reading a pipe get the table alone.
    if (rest.length && io.stderr.isTTY) io.stderr.write(t(lang, `(只输出了表格 ${first.id};其余用 --table 选:${rest.map((x) => x.id).join("、")})\n`, `(table ${first.id} only; pick another with --table: ${rest.map((x) => x.id).join(", ")})\n`));
    return;
  }
  deliver(io, lang, csvTable(first), opts);
  const ext = extname(opts.output);
  const base = opts.output.slice(0, opts.output.length - ext.length);
  for (const table of rest) deliver(io, lang, csvTable(table), { ...opts, output: `${base}-${table.sheet.replace(/[\\/:*?"<>|\s]/g, "_")}${ext}` });
}

/** Write a rendered report to the -o file (atomically) or to stdout. */
export function deliver(io: Io, lang: Lang, body: string | Uint8Array, given: OutputOptions): void {
  const opts = toStdout(given);
  if (opts.output) {
    const path = resolve(io.cwd, opts.output);
    try {
      writeOutputFile(path, body, { fs: io.fs });
    } catch (e) {
      throw new UsageError(t(lang, `无法写入 ${path}:${(e as Error).message}`, `cannot write ${path}: ${(e as Error).message}`));
    }
    io.stderr.write(t(lang, `已写入 ${opts.output}\n`, `wrote ${opts.output}\n`));
    return;
  }
  // Binary goes out as bytes; io.stdout is process.stdout for the real binary.
  (io.stdout.write as (chunk: string | Uint8Array) => unknown)(body);
}
