/**
 * `yanxiu check --fix`: the fixes attached to problems, applied to each file through updateFile
 * (atomic, under the file's lock, never over an edit saved meanwhile), only at the problem's
 * range, so every comment and untouched byte stays. A file changed since it was checked is
 * skipped and reported, not patched with stale offsets. --dry-run prints the diff, writes nothing.
 */
import { isMoveFix, type Fix, type Problem } from "../problem.js";
import type { WriteFs } from "../repo/fs.js";
import { moveFile, type MoveResult } from "../repo/move.js";
import { t, type Lang } from "../i18n.js";
import { applyFixes } from "../repo/apply-fixes.js";
import { TYPING_CHECKS } from "../repo/typing-problems.js";
import { updateFile } from "../repo/update.js";
import { updateMessage } from "../repo/update-message.js";

export interface FixOutcome {
  /** Files changed (or, with dryRun, that would be). */
  files: string[];
  fixes: number;
  /** Unified-style diff of the changes, for --dry-run. */
  diff: string;
  /** Files left as they were, and why. */
  skipped: { file: string; reason: string }[];
}

const BOM = "\uFEFF";

/**
 * The fixes to make now, per file. A file read past typing mistakes was checked as if they were
 * repaired, so its other fixes point into that repaired text: its typing fixes go first, the rest
 * in the next pass.
 */
export function plannedFixes(problems: Problem[]): Map<string, Fix[]> {
  const byFile = new Map<string, Problem[]>();
  for (const p of problems) if (p.fix && !isMoveFix(p.fix)) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  const out = new Map<string, Fix[]>();
  for (const [file, list] of byFile) {
    const typing = list.filter((p) => TYPING_CHECKS.has(p.check));
    out.set(file, (typing.length > 0 ? typing : list).map((p) => p.fix as Fix));
  }
  return out;
}

export interface PlannedMove {
  from: string;
  to: string;
}

/**
 * The files to move, once each (every misplaced entry of a file carries the same move). A file
 * that still has text fixes to make is moved only once they are made: the move checks the text.
 */
export function plannedMoves(problems: Problem[], o: { withEdits?: boolean } = {}): PlannedMove[] {
  const edited = new Set(o.withEdits ? [] : problems.filter((p) => p.fix && !isMoveFix(p.fix)).map((p) => p.file));
  const moves = new Map<string, PlannedMove>();
  for (const p of problems) if (isMoveFix(p.fix) && !edited.has(p.file)) moves.set(p.file, p.fix.move);
  return [...moves.values()];
}

export interface MoveOutcome {
  moved: PlannedMove[];
  skipped: { file: string; reason: string }[];
}

/** Each move through moveFile (never over a file, never losing one), only if the file still holds the text checked. */
export function applyMoves(root: string, moves: readonly PlannedMove[], o: { dryRun: boolean; lang: Lang; checkedText: ReadonlyMap<string, string>; fs?: WriteFs }): MoveOutcome {
  const outcome: MoveOutcome = { moved: [], skipped: [] };
  for (const m of moves) {
    const checked = o.checkedText.get(m.from);
    if (checked === undefined) continue;
    if (o.dryRun) {
      outcome.moved.push(m);
      continue;
    }
    const result = moveFile({ root, from: m.from, to: m.to, fs: o.fs, expected: (bytes) => stripBom(Buffer.from(bytes).toString("utf8")) === checked });
    if (result.ok) outcome.moved.push(m);
    else outcome.skipped.push({ file: m.from, reason: moveMessage(result, m, o.lang) });
  }
  return outcome;
}

const stripBom = (text: string) => (text.startsWith(BOM) ? text.slice(BOM.length) : text);

/** `records/2025-2026-1/t01.yaml → records/2025-2026-2/t01.yaml`, as --dry-run shows a move. */
export const moveLine = (m: PlannedMove) => `${m.from} → ${m.to}`;

function moveMessage(r: Exclude<MoveResult, { ok: true }>, m: PlannedMove, lang: Lang): string {
  const unchanged = t(lang, "文件原样未动", "the file is where it was");
  switch (r.reason) {
    case "refused":
      return r.refusal === "target-exists"
        ? t(lang, `${m.to} 已经存在,不会覆盖它;把本文件的条目剪切到那个文件里`, `${m.to} exists and is never overwritten; cut this file's entries into it`)
        : r.refusal === "missing"
          ? t(lang, "检查之后文件被删除了", "the file was deleted after it was checked")
          : t(lang, "检查之后文件又被修改过,没有移动它;再运行一次 yanxiu check --fix", "the file changed after it was checked and was not moved; run yanxiu check --fix again");
    case "io":
      return r.moved
        ? t(lang, `已移到 ${m.to},但无法把文件夹刷新到磁盘(${r.code}),断电时这次移动可能丢失;请检查磁盘`, `moved to ${m.to}, but its folder could not be flushed to disk (${r.code}); a power cut could undo the move. Check the disk`)
        : t(lang, `移到 ${m.to} 失败(${r.step}:${r.code}),${unchanged}`, `moving it to ${m.to} failed (${r.step}: ${r.code}); ${unchanged}`);
    default:
      return updateMessage(r, m.from, lang).replace(/^yanxiu: /, "").trim();
  }
}

/**
 * `checkedText`: each file's text as check read it (byte-order mark aside); the fixes' offsets
 * are into it, so a file that no longer holds it is left alone.
 */
export function applyFixPass(root: string, planned: Map<string, Fix[]>, o: { dryRun: boolean; lang: Lang; checkedText: ReadonlyMap<string, string>; fs?: WriteFs }): FixOutcome {
  const outcome: FixOutcome = { files: [], fixes: 0, diff: "", skipped: [] };
  for (const [file, fixes] of planned) {
    const checked = o.checkedText.get(file);
    if (checked === undefined) continue;
    const result = updateFile<"changed", { text: string; applied: number }>({
      root,
      file,
      dryRun: o.dryRun,
      fs: o.fs,
      transform: (current) => {
        const text = Buffer.from(current.bytes).toString("utf8");
        const bom = text.startsWith(BOM) ? BOM : "";
        // The offsets are those of the text that was checked: any other text is refused.
        if (!current.exists || text.slice(bom.length) !== checked) return { refuse: "changed" };
        const fixed = applyFixes(checked, fixes);
        return { text: bom + fixed.text, value: { text: fixed.text, applied: fixed.applied.length } };
      },
    });
    if (result.ok) {
      if (!result.value || result.value.applied === 0) continue;
      outcome.files.push(file);
      outcome.fixes += result.value.applied;
      outcome.diff += unifiedDiff(file, checked, result.value.text);
    } else if (result.reason === "refused") {
      outcome.skipped.push({ file, reason: t(o.lang, "检查之后文件又被修改过,没有改动它;再运行一次 yanxiu check --fix", "the file changed after it was checked and was left as it is; run yanxiu check --fix again") });
    } else {
      outcome.skipped.push({ file, reason: updateMessage(result, file, o.lang).replace(/^yanxiu: /, "").trim() });
    }
  }
  return outcome;
}

/** A unified diff with one line of context around each changed run of lines. */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return "";
  const a = before.split("\n");
  const b = after.split("\n");
  // Fixes change lines in place (a lone-CR file aside): pair the lines up from both ends.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const hunks: string[] = [];
  const aEnd = a.length - tail;
  const bEnd = b.length - tail;
  if (aEnd - head !== bEnd - head) {
    hunks.push(hunk(a, b, head, aEnd, head, bEnd));
  } else {
    // Same number of lines: one hunk per run of changed lines.
    for (let i = head; i < aEnd; ) {
      if (a[i] === b[i]) {
        i++;
        continue;
      }
      let j = i;
      while (j < aEnd && a[j] !== b[j]) j++;
      hunks.push(hunk(a, b, i, j, i, j));
      i = j;
    }
  }
  return `--- a/${file}\n+++ b/${file}\n${hunks.join("")}`;
}

function hunk(a: string[], b: string[], aFrom: number, aTo: number, bFrom: number, bTo: number): string {
  const before = aFrom > 0 ? 1 : 0;
  const after = aTo < a.length ? 1 : 0;
  const lines = [
    ...(before ? [` ${a[aFrom - 1]}`] : []),
    ...a.slice(aFrom, aTo).map((l) => `-${l}`),
    ...b.slice(bFrom, bTo).map((l) => `+${l}`),
    ...(after ? [` ${a[aTo]}`] : []),
  ];
  return `@@ -${aFrom - before + 1},${aTo - aFrom + before + after} +${bFrom - before + 1},${bTo - bFrom + before + after} @@\n${lines.join("\n")}\n`;
}
