/**
 * One value of `add` as a teacher types it, flag or prompt alike, read into what the file holds:
 * dates in the usual Chinese forms → YYYY-MM-DD, full-width digits → numbers, a kind's Chinese label → its
 * id, a teacher's or group's name → its id. The prompts validate with the same function, so a wrong answer is
 * asked again on the spot, and a flag gets the same words.
 */
import { t, type Lang } from "../i18n.js";
import type { Roster } from "../model.js";
import type { Scheme } from "../rules/types.js";
import { parseLooseDate } from "../input/date.js";
import { groupNotFound, resolveGroup, resolveTeacher, teacherNotFound } from "../input/names.js";

export interface FieldContext {
  roster: Roster;
  scheme?: Scheme;
  today: string;
  lang: Lang;
}

export type FieldValue = { ok: true; value: string } | { ok: false; message: string };

export const NUMBER_FIELDS = ["hours", "count", "words", "score"] as const;

/** `flag` (like "--teacher") is named in the message when the value came from the command line. */
export function readField(field: string, text: string, ctx: FieldContext, flag?: string): FieldValue {
  const { lang } = ctx;
  const value = text.trim();
  switch (field) {
    case "date": {
      const d = parseLooseDate(value, ctx.today);
      if (d.ok) return { ok: true, value: d.iso };
      return {
        ok: false,
        message: d.reason === "impossible"
          ? t(lang, `日期不存在:${value}(检查月份和日子,比如 2 月没有 30 日)`, `no such date: ${value} (check the month and day: February has no 30th)`)
          : t(lang, `日期应写成 2026-11-12(也可以 2026/11/12、2026年11月12日、11-12、11月12日),而不是「${value}」`,
            `write the date as 2026-11-12 (or 2026/11/12, 2026年11月12日, 11-12), not '${value}'`),
      };
    }
    case "teacher":
    case "lead": {
      const r = resolveTeacher(ctx.roster.teachers, value);
      return r.ok ? { ok: true, value: r.value.id } : { ok: false, message: teacherNotFound(value, r, lang, ctx.roster.groups, flag) };
    }
    case "group": {
      const r = resolveGroup(ctx.roster.groups, value);
      return r.ok ? { ok: true, value: r.value.id } : { ok: false, message: groupNotFound(value, r, lang, flag) };
    }
    case "kind": {
      // A kind may be given by its Chinese label (听课/观课议课) as well as by its id; an unknown one is left to check.
      const kinds = [...(ctx.scheme?.kinds.values() ?? [])];
      const byLabel = kinds.find((k) => k.id === value) ?? kinds.find((k) => k.label === value || k.labelEn === value);
      return { ok: true, value: byLabel?.id ?? value };
    }
    case "title":
      return value === "" ? { ok: false, message: t(lang, "标题不能为空", "the title cannot be empty") } : { ok: true, value };
    default:
      if ((NUMBER_FIELDS as readonly string[]).includes(field)) {
        // Full-width digits (１２) typed with a Chinese input method mean the same number; the file gets 12.
        const n = value.normalize("NFKC");
        if (!/^\d+(\.\d+)?$/.test(n)) return { ok: false, message: `${flag ? `${flag} ` : ""}${t(lang, `应为数字,而不是「${value}」`, `must be a number, not '${value}'`)}` };
        return { ok: true, value: n };
      }
      return { ok: true, value };
  }
}
