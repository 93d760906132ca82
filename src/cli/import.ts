/**
 * `yanxiu import roster FILE.xlsx|FILE.csv [dir] [--map 列=字段] [--dry-run]`: teachers from the
 * spreadsheet a school keeps today, appended to roster.yaml (its comments kept) in one safe
 * write — all rows or none. `yanxiu import --template roster -o 名册.xlsx` writes the empty sheet.
 */
import { readFileSync } from "node:fs";
import { extname, resolve } from "node:path";
import type { Command } from "commander";
import { isMap, isSeq, parseDocument } from "yaml";
import { t, type Lang } from "../i18n.js";
import { cellText, parseCsv, toSheet, type Sheet } from "../import/sheet.js";
import { ROSTER_FIELDS, ROSTER_HEADERS, rosterRows, type ImportedTeacher } from "../import/roster.js";
import { ROSTER_FILE } from "../repo/layout.js";
import { updateFile } from "../repo/update.js";
import { isFileProblem, updateMessage } from "../repo/update-message.js";
import { writeFileAtomic } from "../repo/write.js";
import { rosterSchema } from "../schema/files.js";
import { EXIT, setExitCode, UsageError, type Io } from "./io.js";
import { openRepo } from "./repo-arg.js";
import { BOM } from "../format/report-csv.js";

interface ImportOptions {
  map?: string[];
  dryRun?: boolean;
  template?: string;
  output?: string;
}

export function registerImport(program: Command, io: Io): void {
  program
    .command("import")
    .description("从 Excel/CSV 导入名册 / import the roster from Excel or CSV")
    .argument("[what]", "roster")
    .argument("[file]", "FILE.xlsx 或 FILE.csv")
    .argument("[dir]", "仓库目录(默认当前目录)/ the repository folder (default: here)")
    .option("--map <列=字段>", "指定某列对应的字段,可重复 / which field a column holds (repeatable)", (v: string, prev: string[] = []) => [...prev, v])
    .option("--dry-run", "只预览,不写入 / preview only, write nothing")
    .option("--template <what>", "写出带表头的空表(roster)/ write an empty sheet with the headers (roster)")
    .option("-o, --output <file>", "--template 的输出文件(.xlsx 或 .csv)/ where --template writes (.xlsx or .csv)")
    .action(async function (this: Command, what: string | undefined, file: string | undefined, dir: string | undefined, opts: ImportOptions) {
      const lang = ((this.optsWithGlobals().lang as string | undefined) === "en" ? "en" : "zh") as Lang;
      if (opts.template) return writeTemplate(io, opts, lang);
      if (what !== "roster") throw new UsageError(t(lang, "用 yanxiu import roster 文件.xlsx(导入记录尚未支持)", "use yanxiu import roster FILE.xlsx (importing records is not supported yet)"));
      if (!file) throw new UsageError(t(lang, "指定要导入的文件:yanxiu import roster 名册.xlsx", "name the file: yanxiu import roster roster.xlsx"));
      const { repo, lang: repoLang } = openRepo(io, dir, this.optsWithGlobals().lang as string | undefined);
      if (!repo.dataset) throw new UsageError(t(repoLang, "名册或配置无法读取,先运行 yanxiu check", "the roster or config cannot be read: run 'yanxiu check' first"));
      const sheet = await readSheet(resolve(io.cwd, file), repoLang);
      const map = Object.fromEntries((opts.map ?? []).flatMap((m) => m.split(",")).map((m) => m.split("=").map((x) => x.trim()) as [string, string]));
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

async function readSheet(path: string, lang: Lang): Promise<Sheet> {
  const ext = extname(path).toLowerCase();
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new UsageError(t(lang, `无法读取 ${path}:${(e as Error).message}`, `cannot read ${path}: ${(e as Error).message}`));
  }
  if (ext === ".csv") return toSheet(parseCsv(bytes.toString("utf8")));
  if (ext !== ".xlsx") throw new UsageError(t(lang, `只能导入 .xlsx 或 .csv:${path}`, `only .xlsx or .csv can be imported: ${path}`));
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return { header: [], rows: [] };
  const grid: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values = (row.values as unknown[]).slice(1).map(cellText);
    grid[n - 1] = values;
  });
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  return toSheet(grid);
}

async function writeTemplate(io: Io, opts: ImportOptions, lang: Lang): Promise<void> {
  if (opts.template !== "roster") throw new UsageError(t(lang, "--template 目前只支持 roster", "--template supports roster only for now"));
  if (!opts.output) throw new UsageError(t(lang, "用 -o 名册.xlsx 或 -o 名册.csv 指定文件", "name the file with -o roster.xlsx or -o roster.csv"));
  const headers = ROSTER_FIELDS.map((f) => ROSTER_HEADERS[f][0]!);
  const path = resolve(io.cwd, opts.output);
  let body: string | Uint8Array;
  if (extname(path).toLowerCase() === ".csv") body = `${BOM}${headers.join(",")}\r\n`;
  else {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("名册");
    ws.addRow(headers).font = { bold: true };
    ws.columns.forEach((c) => (c.width = 16));
    body = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  }
  writeFileAtomic(path, body);
  io.stderr.write(t(lang, `已写入 ${opts.output}\n`, `wrote ${opts.output}\n`));
}
