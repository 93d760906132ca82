/**
 * `yanxiu import roster|records FILE.xlsx|FILE.csv [dir] [--map 列=字段] [--dry-run]`: teachers
 * into roster.yaml, or activities into records/<term>/<teacher>.yaml and sessions/… (import-records.ts),
 * all rows or none. `yanxiu import --template roster|records -o 文件.xlsx` writes the empty sheet.
 */
import { readFileSync, statSync } from "node:fs";
import { extname, resolve } from "node:path";
import type { Command } from "commander";
import { isMap, isSeq, parseDocument } from "yaml";
import { t, type Lang } from "../i18n.js";
import { ROSTER_FIELDS, ROSTER_HEADERS, rosterRows, type ImportedTeacher } from "../import/roster.js";
import { parseMap } from "../import/columns.js";
import { csvBook, csvOut, xlsxBook, xlsxOut, type NamedSheet, type SheetOut } from "../import/book.js";
import { kindsSheet, recordsHeader, sessionsHeader } from "../import/export.js";
import { SHEETS } from "../import/fields.js";
import { ROSTER_FILE } from "../repo/layout.js";
import { updateFile } from "../repo/update.js";
import { isFileProblem, updateMessage } from "../repo/update-message.js";
import { writeOutputFile } from "../repo/write-output.js";
import { rosterSchema } from "../schema/files.js";
import { EXIT, setExitCode, UsageError, type Io } from "./io.js";
import { openRepo } from "./repo-arg.js";
import { importRecords } from "./import-records.js";

export interface ImportOptions {
  map?: string[];
  dryRun?: boolean;
  commit?: boolean;
  template?: string;
  output?: string;
}

export function registerImport(program: Command, io: Io): void {
  program
    .command("import")
    .description("从 Excel/CSV 导入名册或研修记录 / import the roster or records from Excel or CSV")
    .argument("[what]", "roster | records")
    .argument("[file]", "FILE.xlsx 或 FILE.csv")
    .argument("[dir]", "仓库目录(默认当前目录)/ the repository folder (default: here)")
    .option("--map <列=字段>", "指定某列对应的字段,可重复 / which field a column holds (repeatable)", (v: string, prev: string[] = []) => [...prev, v])
    .option("--dry-run", "只预览,不写入 / preview only, write nothing")
    .option("--commit", "写入后用 git 提交写入的文件(records)/ commit the written files with git (records)")
    .option("--template <what>", "写出带表头的空表(roster 或 records)/ write an empty sheet with the headers (roster or records)")
    .option("-o, --output <file>", "--template 的输出文件(.xlsx 或 .csv)/ where --template writes (.xlsx or .csv)")
    .action(async function (this: Command, what: string | undefined, file: string | undefined, dir: string | undefined, opts: ImportOptions) {
      const langFlag = this.optsWithGlobals().lang as string | undefined;
      const lang = (langFlag === "en" ? "en" : "zh") as Lang;
      if (opts.template) return writeTemplate(io, opts, lang, what, langFlag); // `import --template records -o F [dir]`: the folder comes first
      if (what !== "roster" && what !== "records") throw new UsageError(t(lang, "用 yanxiu import roster 名册.xlsx 或 yanxiu import records 记录.xlsx", "use yanxiu import roster FILE.xlsx or yanxiu import records FILE.xlsx"));
      if (!file) throw new UsageError(t(lang, `指定要导入的文件:yanxiu import ${what} 文件.xlsx`, `name the file: yanxiu import ${what} FILE.xlsx`));
      if (what === "records") return setExitCode(this, await importRecords(io, file, dir, opts, langFlag));
      const { repo, lang: repoLang } = openRepo(io, dir, langFlag);
      if (!repo.dataset) throw new UsageError(t(repoLang, "名册或配置无法读取,先运行 yanxiu check", "the roster or config cannot be read: run 'yanxiu check' first"));
      const sheet = (await readBook(resolve(io.cwd, file), repoLang))[0]?.sheet ?? { header: [], rows: [] };
      const map = parseMap(opts.map);
      const { teachers, rejected, errors } = rosterRows(sheet, { ids: repo.dataset.roster.teachers.map((x) => x.id), groups: repo.dataset.roster.groups }, map, repoLang);
      if (errors.length) throw new UsageError(errors.join("\n"));
      for (const r of rejected) io.stdout.write(t(repoLang, `${file}:第 ${r.row} 行:${r.reason}\n`, `${file}: row ${r.row}: ${r.reason}\n`));
      if (rejected.length) {
        io.stderr.write(t(repoLang, `${rejected.length} 行有问题,没有导入任何一行;改正后再导入\n`, `${rejected.length} row(s) have problems; nothing was imported. Fix them and import again\n`));
        setExitCode(this, EXIT.problems);
        return;
      }
      for (const x of teachers) io.stdout.write(`${opts.dryRun ? t(repoLang, "将导入", "would import") : t(repoLang, "导入", "import")} ${x.id} ${x.name}${x.groups.length ? ` [${x.groups.join(", ")}]` : ""}${x.roles.length ? ` (${x.roles.join(", ")})` : ""}\n`);
      const r = updateFile({ root: repo.root, file: ROSTER_FILE, dryRun: Boolean(opts.dryRun), transform: (cur) => appendTeachers(new TextDecoder().decode(cur.bytes), teachers) });
      if (!r.ok) {
        io.stderr.write(r.reason === "refused" ? `yanxiu: ${r.refusal}\n` : updateMessage(r, ROSTER_FILE, repoLang));
        setExitCode(this, r.reason === "refused" || isFileProblem(r) ? EXIT.problems : EXIT.failure);
        return;
      }
      io.stderr.write(opts.dryRun ? t(repoLang, `预览:${teachers.length} 位教师,未写入(去掉 --dry-run 写入 ${ROSTER_FILE})\n`, `preview: ${teachers.length} teacher(s), nothing written (drop --dry-run to write ${ROSTER_FILE})\n`)
        : t(repoLang, `已导入 ${teachers.length} 位教师到 ${ROSTER_FILE}\n`, `imported ${teachers.length} teacher(s) into ${ROSTER_FILE}\n`));
    });
}

/** roster.yaml with the teachers appended, its comments kept; refused unless the result validates as check would. */
export function appendTeachers(text: string, teachers: ImportedTeacher[]): { text: string } | { refuse: string } {
  const doc = parseDocument(text);
  if (doc.errors.length) return { refuse: `${ROSTER_FILE}: ${doc.errors[0]!.message}` };
  const list = doc.get("teachers");
  if (!isSeq(list) || !isMap(doc.contents)) return { refuse: `${ROSTER_FILE}: no teachers list` };
  for (const x of teachers) {
    const entry: Record<string, unknown> = { id: x.id, name: x.name };
    if (x.groups.length) entry.groups = x.groups;
    if (x.roles.length) entry.roles = x.roles;
    if (x.emails.length) entry.emails = x.emails;
    if (x.joined) entry.joined = x.joined;
    if (x.left) entry.left = x.left;
    list.add(doc.createNode(entry));
  }
  const out = doc.toString();
  const check = rosterSchema.safeParse(parseDocument(out).toJS());
  if (!check.success) return { refuse: `${ROSTER_FILE}: ${check.error.issues[0]?.message ?? "invalid"}` };
  return { text: out };
}

/** The largest spreadsheet import reads (20 MB: some 200,000 rows of records). */
export const MAX_SHEET_BYTES = 20_000_000;

/** Every sheet of the workbook (a CSV is one), or a usage error saying why it cannot be read. */
export async function readBook(path: string, lang: Lang): Promise<NamedSheet[]> {
  const ext = extname(path).toLowerCase();
  let bytes: Buffer;
  try {
    // A school's sheet is well under a megabyte; a huge file (or a zip bomb's outer shell) is refused unread.
    const size = statSync(path);
    if (!size.isFile()) throw new Error(t(lang, "不是普通文件", "not a regular file"));
    if (size.size > MAX_SHEET_BYTES) throw new Error(t(lang, `文件有 ${Math.round(size.size / 1e6)} MB,超过 ${MAX_SHEET_BYTES / 1e6} MB 的上限;分成几个文件导入`, `it is ${Math.round(size.size / 1e6)} MB, over the ${MAX_SHEET_BYTES / 1e6} MB limit; import it in parts`));
    bytes = readFileSync(path);
  } catch (e) {
    throw new UsageError(t(lang, `无法读取 ${path}:${(e as Error).message}`, `cannot read ${path}: ${(e as Error).message}`));
  }
  if (ext === ".csv") return csvBook(bytes.toString("utf8"));
  if (ext !== ".xlsx") throw new UsageError(t(lang, `只能导入 .xlsx 或 .csv:${path}`, `only .xlsx or .csv can be imported: ${path}`));
  try {
    return await xlsxBook(bytes);
  } catch (e) {
    if ((e as { code?: string }).code === "ERR_MODULE_NOT_FOUND") throw e;
    throw new UsageError(t(lang, `${path} 不是可读的 Excel 文件(.xlsx):${(e as Error).message}`, `${path} is not a readable Excel file (.xlsx): ${(e as Error).message}`));
  }
}

/** Sheets to a file: xlsx with every sheet, or CSV with the first there and each other beside it as NAME-<sheet>.csv. */
export async function writeSheets(io: Io, output: string, sheets: readonly SheetOut[], lang: Lang): Promise<string[]> {
  const ext = extname(output);
  const csv = ext.toLowerCase() === ".csv";
  const names = csv ? sheets.map((s, i) => (i === 0 ? output : `${output.slice(0, -ext.length)}-${s.name}${ext}`)) : [output];
  const bodies = csv ? sheets.map(csvOut) : [await xlsxOut(sheets)];
  names.forEach((name, i) => {
    const path = resolve(io.cwd, name);
    try {
      writeOutputFile(path, bodies[i]!, { fs: io.fs });
    } catch (e) {
      throw new UsageError(t(lang, `无法写入 ${path}:${(e as Error).message}`, `cannot write ${path}: ${(e as Error).message}`));
    }
  });
  return names;
}

async function writeTemplate(io: Io, opts: ImportOptions, lang: Lang, dir: string | undefined, langFlag: string | undefined): Promise<void> {
  if (opts.template !== "roster" && opts.template !== "records") throw new UsageError(t(lang, "--template 可选 roster 或 records", "--template takes roster or records"));
  if (!opts.output) throw new UsageError(t(lang, "用 -o 文件.xlsx 或 -o 文件.csv 指定文件", "name the file with -o FILE.xlsx or -o FILE.csv"));
  if (![".xlsx", ".csv"].includes(extname(opts.output).toLowerCase())) throw new UsageError(t(lang, `模板只能写成 .xlsx 或 .csv:${opts.output}`, `the template is written as .xlsx or .csv: ${opts.output}`));
  let sheets: SheetOut[];
  if (opts.template === "roster") sheets = [{ name: "名册", header: ROSTER_FIELDS.map((f) => ROSTER_HEADERS[f][0]!), rows: [], widths: ROSTER_FIELDS.map(() => 16) }];
  else {
    // The kinds sheet comes from the school's rules: the repository is needed (here, or [dir]).
    const { repo } = openRepo(io, dir, langFlag);
    if (!repo.scheme) throw new UsageError(t(lang, "规则无法读取,先运行 yanxiu check", "the rules cannot be read: run 'yanxiu check' first"));
    sheets = [
      { name: SHEETS.records, header: recordsHeader(), rows: [] },
      { name: SHEETS.sessions, header: sessionsHeader(), rows: [] },
      kindsSheet(repo.scheme),
    ];
  }
  const written = await writeSheets(io, opts.output, sheets, lang);
  io.stderr.write(t(lang, `已写入 ${written.join("、")}\n`, `wrote ${written.join(", ")}\n`));
}
