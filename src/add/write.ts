/**
 * The file with the new item added, as `check` would accept it, or why not: the pure transform that
 * `add` hands to updateFile (src/repo/update.ts), which may run it more than once, and the words for
 * each refusal. Pure but for validateWrite's re-load of the repository with the new text in place.
 */
import { t, type Lang } from "../i18n.js";
import type { Problem } from "../problem.js";
import type { LoadedRepo } from "../pipeline/load.js";
import { parseBytes } from "../repo/read.js";
import type { CurrentFile, TransformOutcome } from "../repo/update.js";
import { mergeItem, newFileText, type MergeTarget } from "./merge.js";
import { validateWrite } from "./validate.js";

export type AddRefusal =
  | { kind: "unparsable"; problems: Problem[] }
  | { kind: "merge"; reason: string; found?: string }
  | { kind: "invalid"; introduced: Problem[]; text: string };

export interface Written {
  after: LoadedRepo;
  introduced: Problem[];
  /** The whole file as written. */
  text: string;
}

export function addTo(repo: LoadedRepo, lang: Lang, day: string, file: string, target: MergeTarget, item: Record<string, unknown>) {
  return (current: CurrentFile): TransformOutcome<AddRefusal, Written> => {
    let text: string;
    if (current.exists) {
      const parsed = parseBytes(file, current.bytes, lang);
      if (parsed.problems.length > 0) return { refuse: { kind: "unparsable", problems: parsed.problems } };
      const merged = mergeItem(Buffer.from(current.bytes).toString("utf8"), target, item);
      if (!merged.ok) return { refuse: { kind: "merge", reason: merged.reason, found: merged.found } };
      text = merged.text;
    } else {
      text = newFileText(target, item);
    }
    const { after, introduced } = validateWrite(repo, file, text, lang, day);
    if (introduced.some((p) => p.severity === "error")) return { refuse: { kind: "invalid", introduced, text } };
    return { text, value: { after, introduced, text } };
  };
}

export function refusalMessage(reason: string, file: string, target: MergeTarget, found: string | undefined, lang: Lang): string {
  switch (reason) {
    case "owner-mismatch":
      return t(lang, `yanxiu: ${file} 中的 ${target.ownerKey} 是「${found ?? ""}」而不是「${target.owner}」,不会写入别人的文件\n`,
        `yanxiu: ${file} holds ${target.ownerKey} '${found ?? ""}', not '${target.owner}'; it will not be written into\n`);
    case "not-a-record-file":
      return t(lang, `yanxiu: ${file} 的结构不是 ${target.ownerKey}: … / ${target.listKey}: 列表,未写入\n`,
        `yanxiu: ${file} is not shaped as ${target.ownerKey}: … with a ${target.listKey}: list; nothing was written\n`);
    default:
      return t(lang, `yanxiu: 无法在不改动已有内容的情况下把记录加入 ${file}(${target.listKey} 不是文件的最后一部分),未写入;请手工添加\n`,
        `yanxiu: the record cannot be added to ${file} without changing what is there (${target.listKey} is not the file's last block); nothing was written, add it by hand\n`);
  }
}
