/** Activity kinds come from the rules: a record's kind must exist there and carry the fields that kind needs. */
import type { Problem } from "../problem.js";
import { msg } from "../messages/index.js";
import { didYouMean } from "../did-you-mean.js";
import { FIELD_LABELS_ZH } from "../schema/vocab.js";
import { activityPath, atActivity, type Check } from "./context.js";
import { scalarRange } from "../repo/yaml-source.js";
import { INVISIBLE, invisibleIn } from "../pipeline/value-fixes.js";

export const unknownKind: Check = {
  name: "unknown-kind",
  needs: ["kinds"],
  severity: "error",
  description: { zh: "活动类型必须在规则中定义", en: "activity kinds must be defined by the rules" },
  run(ctx) {
    const scheme = ctx.repo.scheme;
    const dataset = ctx.dataset;
    // A kind whose definition was left out for its errors is reported there, not at each record.
    const skipped = scheme?.skipped?.kinds;
    if (!scheme || !dataset || skipped === "any") return [];
    const kinds = scheme.kinds;
    const ids = [...kinds.keys()];
    const labels = new Map([...kinds.values()].map((k) => [k.label, k.id]));
    const out: Problem[] = [];
    for (const a of ctx.entriesWith("kind")) {
      if (kinds.has(a.kind) || skipped?.has(a.kind)) continue;
      const visible = a.kind.replace(INVISIBLE, "");
      const hidden = invisibleIn(a.kind);
      const byLabel = labels.get(visible) ?? labels.get(a.kind);
      const guess = kinds.has(visible) ? visible : (byLabel ?? didYouMean(a.kind, ids));
      const kindName = (id: string) => ({ id, label: kinds.get(id)!.label, labelEn: kinds.get(id)!.labelEn });
      const problem = atActivity(ctx, a, "kind", this.name,
        hidden.length > 0
          ? msg("unknown-kind.invisible", { kind: visible, chars: hidden })
          : byLabel
            ? msg("unknown-kind.label", { label: a.kind, id: byLabel })
            : msg("unknown-kind", { kind: a.kind }),
        hidden.length > 0 && guess === visible
          ? msg("unknown-kind.hint-invisible", { kind: visible })
          : byLabel
            ? msg("unknown-kind.hint-id", { id: byLabel })
            : guess
              ? msg("unknown-kind.hint-guess", { guess: kindName(guess) })
              : msg("unknown-kind.hint-list", { kinds: ids.map(kindName) }));
      // Mechanical only when certain: a label, or the id with invisible characters in it.
      const certain = byLabel ?? (hidden.length > 0 && kinds.has(visible) ? visible : undefined);
      const src = ctx.source(a.origin.file);
      const range = certain && src ? scalarRange(src, activityPath(a, "kind")) : undefined;
      if (!range || !src) {
        out.push(problem);
        continue;
      }
      // The caret on the invisible character itself.
      const at = hidden.length > 0 ? src.text.slice(range[0], range[1]).search(INVISIBLE) : -1;
      const pos = at >= 0 ? src.lineCounter.linePos(range[0] + at) : undefined;
      out.push({ ...problem, ...(pos ? { line: pos.line, column: pos.col, endLine: pos.line, endColumn: pos.col + 1 } : {}), fix: { range, text: certain! } });
    }
    return out;
  },
};

/**
 * Group sessions credit members by the leader's attendance list; recorded in a teacher's own
 * file they would credit whoever wrote them. So session kinds belong in sessions/, and other
 * kinds (a paper, a lesson) in a teacher's own records, never crediting a whole group.
 */
export const kindPlace: Check = {
  name: "kind-place",
  needs: ["rules-list"],
  severity: "error",
  description: { zh: "教研组活动只能由组长记在 sessions/ 中,个人活动只能记在本人的记录里", en: "group sessions belong in sessions/, kept by the group leader; personal activities in a teacher's own records" },
  run(ctx) {
    const scheme = ctx.repo.scheme;
    if (!scheme) return [];
    const kinds = scheme.kinds;
    const out: Problem[] = [];
    for (const a of ctx.entriesWith("kind")) {
      const kind = kinds.get(a.kind);
      if (!kind) continue;
      const inSession = a.group !== undefined;
      if (Boolean(kind.session) === inSession) continue;
      const named = { kind: { label: kind.label, labelEn: kind.labelEn } };
      out.push(atActivity(ctx, a, "kind", this.name,
        inSession ? msg("kind-place.personal", named) : msg("kind-place.session", named),
        inSession ? msg("kind-place.hint-personal") : msg("kind-place.hint-session")));
    }
    return out;
  },
};

export const kindFields: Check = {
  name: "kind-fields",
  needs: ["rules-list"],
  severity: "error",
  description: { zh: "每种活动必须填写它需要的字段(如听课的节数)", en: "each kind of activity needs its fields (such as the number of lessons observed)" },
  run(ctx) {
    const scheme = ctx.repo.scheme;
    const dataset = ctx.dataset;
    if (!scheme || !dataset) return [];
    const kinds = scheme.kinds;
    const out: Problem[] = [];
    for (const a of ctx.entriesWith("kind")) {
      const kind = kinds.get(a.kind);
      if (!kind) continue;
      const raw = ctx.source(a.origin.file)?.data as Record<string, unknown[]> | undefined;
      const item = raw?.[a.group ? "sessions" : "records"]?.[a.origin.index] as Record<string, unknown> | undefined;
      for (const field of kind.fields) {
        // A session's roles come from its lead and attendance, so they are never written per member.
        const present = item?.[field] !== undefined || (field === "role" && a.group !== undefined);
        if (!present) {
          out.push(atActivity(ctx, a, undefined, this.name,
            msg("kind-fields", { kind: { label: kind.label, labelEn: kind.labelEn }, field, fieldLabel: FIELD_LABELS_ZH[field] ?? field }),
            msg("kind-fields.hint", { field })));
        }
      }
    }
    return out;
  },
};
