/**
 * An import's plan: every imported item appended to its file's text (add's merge: each existing
 * byte and comment kept), then the whole repository with all those texts in place checked as
 * `check` checks it. A problem the import brings is traced back to the spreadsheet row whose
 * item it points at, so the user sees "第 7 行: 重复记录…". Nothing is written here.
 */
import { LineCounter, parseDocument, isSeq } from "yaml";
import { t, type Lang } from "../i18n.js";
import type { Problem } from "../problem.js";
import type { LoadedRepo } from "../pipeline/load.js";
import { parseBytes } from "../repo/read.js";
import { mergeItem, newFileText } from "../add/merge.js";
import { validateWrites } from "../add/validate.js";
import { closedTermRefusal } from "../add/closed.js";
import { render } from "../messages/index.js";

const closedRefusalText = (p: Problem | undefined, lang: Lang) => (p ? render(p.message, lang) : undefined);
import type { ImportedItem, SheetKind } from "./records.js";

export interface RowRejection {
  sheet: SheetKind;
  /** The worksheet's own name, when the item says it. */
  sheetName?: string;
  row: number;
  reason: string;
}

export interface FileState {
  exists: boolean;
  bytes: Uint8Array;
}

export interface PlannedFile {
  file: string;
  /** As read when planning; the write refuses if the file is no longer this. */
  before: FileState;
  text: string;
  items: ImportedItem[];
}

export interface ImportPlan {
  files: PlannedFile[];
  rejected: RowRejection[];
  /** Errors the import brings that point at no imported row (shown as check shows them). */
  unplaced: Problem[];
  /** Warnings the import brings: shown, not blocking (as add). */
  warnings: Problem[];
  /** The repository as it will be, when nothing was rejected. */
  after?: LoadedRepo;
}

const decoder = new TextDecoder();

export function planImport(repo: LoadedRepo, items: readonly ImportedItem[], read: (file: string) => FileState, lang: Lang, today: string): ImportPlan {
  const byFile = new Map<string, ImportedItem[]>();
  for (const it of items) byFile.set(it.file, [...(byFile.get(it.file) ?? []), it]);
  const rejected: RowRejection[] = [];
  const reject = (its: readonly ImportedItem[], reason: string) => its.forEach((it) => rejected.push({ sheet: it.sheet, sheetName: it.sheetName, row: it.row, reason }));
  const files: PlannedFile[] = [];
  const closedSaid = new Map<string, string | undefined>();
  for (const [file, its] of byFile) {
    const term = its[0]!.term;
    if (!closedSaid.has(term.id)) closedSaid.set(term.id, closedRefusalText(closedTermRefusal(repo, term.id, today), lang));
    const closed = closedSaid.get(term.id);
    if (closed) {
      reject(its, closed);
      continue;
    }
    const before = read(file);
    let text: string | undefined;
    if (before.exists) {
      if (parseBytes(file, before.bytes, lang).problems.length > 0) {
        reject(its, t(lang, `${file} 无法解析,先修正它(yanxiu check)再导入`, `${file} does not parse; fix it (yanxiu check) before importing`));
        continue;
      }
      text = decoder.decode(before.bytes);
    }
    let failed = false;
    for (const it of its) {
      if (text === undefined) {
        text = newFileText(it.target, it.item);
        continue;
      }
      const merged = mergeItem(text, it.target, it.item);
      if (!merged.ok) {
        reject(its, mergeRefusal(file, merged.reason, merged.found, lang));
        failed = true;
        break;
      }
      text = merged.text;
    }
    if (!failed) files.push({ file, before, text: text!, items: its });
  }
  if (files.length === 0) return { files, rejected, unplaced: [], warnings: [] };

  const { after, introduced } = validateWrites(repo, new Map(files.map((f) => [f.file, f.text])), lang, today);
  const itemAt = itemLocator(files);
  const reasons = new Map<ImportedItem, string[]>();
  const unplaced: Problem[] = [];
  for (const p of introduced.filter((x) => x.severity === "error")) {
    const it = itemAt(p.file, p.line);
    if (it === undefined) unplaced.push(p);
    else {
      // "already recorded at records/…/t11.yaml:83" may point into a file not written yet: name its row.
      const message = render(p.message, lang).replace(/((?:records|sessions)\/[^\s:()]+\.yaml):(\d+)/g, (whole, file: string, line: string) => {
        const other = itemAt(file, Number(line));
        return other ? t(lang, `表中第 ${other.row} 行`, `row ${other.row} of the sheet`) : whole;
      });
      reasons.set(it, [...(reasons.get(it) ?? []), p.hint ? t(lang, `${message}(${render(p.hint, lang)})`, `${message} (${render(p.hint, lang)})`) : message]);
    }
  }
  for (const [it, why] of reasons) rejected.push({ sheet: it.sheet, sheetName: it.sheetName, row: it.row, reason: why.join(t(lang, ";", "; ")) });
  const warnings = introduced.filter((x) => x.severity === "warning");
  return { files, rejected, unplaced, warnings, ...(rejected.length || unplaced.length ? {} : { after }) };
}

/** file + line → the imported item (its spreadsheet row) spanning that line; they are the list's last ones. */
function itemLocator(files: readonly PlannedFile[]): (file: string, line: number) => ImportedItem | undefined {
  const spans = new Map<string, { from: number; to: number; item: ImportedItem }[]>();
  for (const f of files) {
    const lc = new LineCounter();
    const doc = parseDocument(f.text.replace(/^\uFEFF/, ""), { lineCounter: lc, version: "1.2" });
    const list = doc.get(f.items[0]!.target.listKey, true);
    if (!isSeq(list)) continue;
    const nodes = list.items.slice(list.items.length - f.items.length);
    spans.set(f.file, nodes.map((n, i) => {
      const range = (n as { range?: [number, number, number] }).range ?? [0, 0, 0];
      return { from: lc.linePos(range[0]).line, to: lc.linePos(Math.max(range[0], range[1] - 1)).line, item: f.items[i]! };
    }));
  }
  return (file, line) => spans.get(file)?.find((s) => s.from <= line && line <= s.to)?.item;
}

function mergeRefusal(file: string, reason: string, found: string | undefined, lang: Lang): string {
  switch (reason) {
    case "owner-mismatch":
      return t(lang, `${file} 属于「${found ?? ""}」,不会写入别人的文件`, `${file} belongs to '${found ?? ""}'; it will not be written into`);
    case "not-a-record-file":
    case "unparsable":
      return t(lang, `${file} 的结构不是记录文件,先修正它(yanxiu check)`, `${file} is not shaped as a record file; fix it (yanxiu check)`);
    default:
      return t(lang, `无法在不改动 ${file} 已有内容的情况下追加(列表不是文件的最后一部分);请手工添加`, `${file} cannot be appended to without changing what is there (its list is not the file's last block); add these by hand`);
  }
}
