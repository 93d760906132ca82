/**
 * `yanxiu import records FILE.xlsx|FILE.csv [dir]`: a spreadsheet of activities (研修记录, one a
 * row) and of group sessions (集体活动, with attendance) appended to records/<term>/<teacher>.yaml
 * and sessions/<term>/<group>.yaml, every existing byte kept. Everything is read, merged and
 * checked as `check` checks it first; any rejected row (with its row number and why) means nothing
 * is written. Then all files are written; if one write fails, those already written are put back.
 */
import { spawnSync } from "node:child_process";
import { basename, join, resolve } from "node:path";
import { t, type Lang } from "../i18n.js";
import { msg, render } from "../messages/index.js";
import { sortProblems } from "../problem.js";
import { formatText } from "../format/problems-text.js";
import { parseMap } from "../import/columns.js";
import { RECORD_HEADERS, SESSION_HEADERS, SHEETS } from "../import/fields.js";
import { planImport, type FileState } from "../import/plan.js";
import { previewLines } from "../import/preview.js";
import { recordRows, sessionRows, type ImportContext, type ImportedItem, type SheetKind } from "../import/records.js";
import type { NamedSheet } from "../import/book.js";
import { errorCode, isMissing, nodeFs } from "../repo/fs.js";
import { updateFiles } from "../repo/update-many.js";
import { isFileProblem, updateMessage } from "../repo/update-message.js";
import { EXIT, today, UsageError, useColour, type Io } from "./io.js";
import { openRepo } from "./repo-arg.js";
import { readBook, type ImportOptions } from "./import.js";
import { insideGit } from "./approval-shell.js";

/** Which sheets hold records and which sessions: by name (研修记录 / 集体活动), else by their header. Empty sheets are skipped. */
export function pickSheets(book: readonly NamedSheet[]): { kind: SheetKind; sheet: NamedSheet }[] {
  return book
    .filter((s) => s.name !== SHEETS.kinds && s.sheet.rows.length > 0)
    .map((s) => ({ kind: s.name === SHEETS.sessions || (s.name !== SHEETS.records && looksLikeSessions(s.sheet.header)) ? "sessions" as const : "records" as const, sheet: s }));
}

function looksLikeSessions(header: string[]): boolean {
  const has = (fields: readonly string[], headers: Record<string, string[]>) => header.some((h) => fields.some((f) => headers[f]!.includes(h)));
  return has(["group"], SESSION_HEADERS) && !has(["teacher", "name"], RECORD_HEADERS);
}

export async function importRecords(io: Io, file: string, dir: string | undefined, opts: ImportOptions, langFlag: string | undefined): Promise<number> {
  const { repo, lang } = openRepo(io, dir, langFlag);
  if (!repo.dataset || !repo.scheme) throw new UsageError(t(lang, "配置、名册或规则无法读取,先运行 yanxiu check", "the config, roster or rules cannot be read: run 'yanxiu check' first"));
  const day = today(io.env);
  const book = await readBook(resolve(io.cwd, file), lang);
  const sheets = pickSheets(book);
  if (sheets.length === 0) {
    io.stderr.write(t(lang, `yanxiu: ${file} 中没有可导入的行(第 1 行是表头,记录从第 2 行起)\n`, `yanxiu: ${file} has no rows to import (row 1 is the header, records start on row 2)\n`));
    return EXIT.problems;
  }
  const ctx: ImportContext = { config: repo.dataset.config, today: day, teachers: repo.dataset.roster.teachers, groups: repo.dataset.roster.groups, kinds: repo.scheme.kinds };
  const map = parseMap(opts.map);
  const errors: string[] = [];
  for (const col of Object.keys(map)) {
    if (!sheets.some((s) => s.sheet.sheet.header.includes(col))) errors.push(t(lang, `--map ${col}=${map[col]}:表头里没有列「${col}」`, `--map ${col}=${map[col]}: the header has no column "${col}"`));
  }
  const items: ImportedItem[] = [];
  const rejected: { sheet: string; row: number; reason: string }[] = [];
  const named = sheets.length > 1;
  for (const { kind, sheet } of sheets) {
    const own = Object.fromEntries(Object.entries(map).filter(([col]) => sheet.sheet.header.includes(col)));
    const parsed = (kind === "records" ? recordRows : sessionRows)(sheet.sheet, ctx, own, lang);
    errors.push(...parsed.errors.map((e) => (named ? `${sheet.name}:${e}` : e)));
    items.push(...parsed.items.map((it) => ({ ...it, sheetName: sheet.name })));
    rejected.push(...parsed.rejected.map((r) => ({ sheet: sheet.name, ...r })));
  }
  if (errors.length) throw new UsageError(errors.join("\n"));

  const plan = planImport(repo, items, readState(io, repo.root, lang), lang, day);
  rejected.push(...plan.rejected.map((r) => ({ sheet: r.sheetName ?? "", row: r.row, reason: r.reason })));
  const sheetOf = (r: { sheet: string }) => (named ? `${r.sheet} ` : "");
  const order = new Map(sheets.map((s, i) => [s.sheet.name, i]));
  rejected.sort((a, b) => (order.get(a.sheet) ?? 0) - (order.get(b.sheet) ?? 0) || a.row - b.row);
  for (const r of rejected) io.stdout.write(t(lang, `${file}:${sheetOf(r)}第 ${r.row} 行:${r.reason}\n`, `${file}: ${sheetOf(r)}row ${r.row}: ${r.reason}\n`));
  const shown = [...plan.unplaced, ...plan.warnings];
  if (shown.length) io.stdout.write(formatText(sortProblems(shown), { lang, colour: useColour(io) }));
  if (rejected.length || plan.unplaced.length) {
    const n = new Set(rejected.map((r) => `${r.sheet}#${r.row}`)).size;
    io.stderr.write(n
      ? t(lang, `${n} 行有问题,没有导入任何一行;改正后再导入\n`, `${n} row(s) have problems; nothing was imported. Fix them and import again\n`)
      : t(lang, "导入会带来上面的问题,没有导入任何一行\n", "the import would bring the problems above; nothing was imported\n"));
    return EXIT.problems;
  }

  for (const line of previewLines(plan.files, repo.dataset, plan.after?.dataset, repo.scheme, lang)) io.stdout.write(`${line}\n`);
  const records = items.filter((x) => x.sheet === "records").length;
  const sessions = items.length - records;
  const what = t(lang, `${records} 条记录${sessions ? `、${sessions} 次集体活动` : ""}`, `${records} record(s)${sessions ? `, ${sessions} session(s)` : ""}`);
  if (opts.dryRun) {
    io.stderr.write(t(lang, `预览:${what},${plan.files.length} 个文件;未写入(去掉 --dry-run 写入)\n`, `preview: ${what} in ${plan.files.length} file(s); nothing written (drop --dry-run to write)\n`));
    return EXIT.ok;
  }
  if (opts.commit && !insideGit(repo.root, io)) {
    throw new UsageError(t(lang, `--commit 需要 git 仓库,但 ${repo.root} 不在 git 仓库中`, `--commit needs a git repository, but ${repo.root} is not in one`));
  }
  const r = updateFiles(repo.root, plan.files, io.fs ?? nodeFs);
  if (!r.ok) {
    io.stderr.write(r.problem.reason === "changed"
      ? t(lang, `yanxiu: ${r.file} 在导入期间被修改了,未写入\n`, `yanxiu: ${r.file} was changed while importing; it was not written\n`)
      : updateMessage(r.problem, r.file, lang));
    if (r.restored.length) io.stderr.write(t(lang, `yanxiu: 已把此前写入的 ${r.restored.length} 个文件恢复原样:${r.restored.join("、")}\n`, `yanxiu: the ${r.restored.length} file(s) written before were put back as they were: ${r.restored.join(", ")}\n`));
    if (r.notRestored.length) io.stderr.write(t(lang, `yanxiu: 这些文件已写入但无法恢复(期间又被修改或磁盘拒绝),请检查:${r.notRestored.join("、")}\n`, `yanxiu: these files were written and could not be put back (changed again, or the disk refused); check them: ${r.notRestored.join(", ")}\n`));
    else io.stderr.write(t(lang, "yanxiu: 没有导入任何一行;解决上述问题后重新导入\n", "yanxiu: nothing was imported; fix the above and import again\n"));
    return r.problem.reason === "changed" || isFileProblem(r.problem) ? EXIT.problems : EXIT.failure;
  }
  io.stderr.write(t(lang, `已导入 ${what},写入 ${r.written.length} 个文件\n`, `imported ${what} into ${r.written.length} file(s)\n`));
  if (opts.commit && r.written.length) {
    const subject = `import: ${records} records${sessions ? `, ${sessions} sessions` : ""} from ${basename(file)}`;
    const err = commitFiles(io, repo.root, r.written, subject);
    if (err) {
      io.stderr.write(t(lang, `yanxiu: 已写入,但 git 提交失败:${err}\n`, `yanxiu: written, but the git commit failed: ${err}\n`));
      return EXIT.failure;
    }
    io.stdout.write(t(lang, `已提交:${subject}\n`, `committed: ${subject}\n`));
  }
  return EXIT.ok;
}

/** The file as it is now (planning merges onto it; the write refuses if it changes after). */
function readState(io: Io, root: string, lang: Lang): (file: string) => FileState {
  const fs = io.fs ?? nodeFs;
  return (file) => {
    try {
      // Never open what is not a regular file (a FIFO would block); updateFile refuses it too.
      const stat = fs.lstatSync(join(root, file));
      if (!stat.isFile()) throw new UsageError(`${file}: ${render(msg(stat.isDirectory() ? "file-unreadable.folder" : "file-unreadable.special"), lang)}`);
      return { exists: true, bytes: fs.readFileSync(join(root, file)) };
    } catch (e) {
      if (isMissing(e)) return { exists: false, bytes: new Uint8Array(0) };
      if (e instanceof UsageError) throw e;
      throw new UsageError(`${file}: ${render(msg("file-unreadable", { code: errorCode(e) }), lang)}`);
    }
  };
}

function commitFiles(io: Io, root: string, files: string[], subject: string): string | undefined {
  const git = (args: string[]) => spawnSync("git", args, { cwd: root, encoding: "utf8", env: { ...process.env, ...io.env } });
  const add = git(["add", "--", ...files]);
  const commit = add.status === 0 ? git(["commit", "-q", "-m", subject, "--", ...files]) : add;
  return commit.status === 0 ? undefined : `${commit.stderr}${commit.stdout}`.trim().split("\n")[0] || `git exited with ${commit.status}`;
}
