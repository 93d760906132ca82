/** Activity kinds come from the rules: a record's kind must exist there and carry the fields that kind needs. */
import type { Problem } from "../problem.js";
import { t } from "../i18n.js";
import { didYouMean } from "../schema/zod-problems.js";
import type { KindDef } from "../rules/types.js";
import { FIELD_LABELS_ZH } from "../schema/vocab.js";
import { atActivity, distinctEntries, type Check } from "./context.js";

function kindMap(kinds: Map<string, KindDef> | Record<string, KindDef>): Map<string, KindDef> {
  return kinds instanceof Map ? kinds : new Map(Object.entries(kinds));
}

export const unknownKind: Check = {
  name: "unknown-kind",
  severity: "error",
  description: { zh: "活动类型必须在规则中定义", en: "activity kinds must be defined by the rules" },
  run(ctx) {
    const scheme = ctx.repo.scheme;
    const dataset = ctx.repo.dataset;
    if (!scheme || !dataset) return [];
    const kinds = kindMap(scheme.kinds);
    const ids = [...kinds.keys()];
    const labels = new Map([...kinds.values()].map((k) => [k.label, k.id]));
    const out: Problem[] = [];
    for (const a of distinctEntries(ctx.activities)) {
      if (kinds.has(a.kind)) continue;
      const byLabel = labels.get(a.kind);
      const guess = byLabel ?? didYouMean(a.kind, ids);
      out.push(atActivity(ctx, a, "kind", this.name,
        t(ctx.lang, `规则中没有活动类型「${a.kind}」`, `the rules define no activity kind '${a.kind}'`),
        guess
          ? t(ctx.lang, `是不是「${guess}」(${kinds.get(guess)!.label})?`, `did you mean '${guess}' (${kinds.get(guess)!.labelEn})?`)
          : t(ctx.lang, `可用的类型:${ids.join("、")}`, `kinds defined: ${ids.join(", ")}`)));
    }
    return out;
  },
};

export const kindFields: Check = {
  name: "kind-fields",
  severity: "error",
  description: { zh: "每种活动必须填写它需要的字段(如听课的节数)", en: "each kind of activity needs its fields (such as the number of lessons observed)" },
  run(ctx) {
    const scheme = ctx.repo.scheme;
    const dataset = ctx.repo.dataset;
    if (!scheme || !dataset) return [];
    const kinds = kindMap(scheme.kinds);
    const out: Problem[] = [];
    for (const a of distinctEntries(ctx.activities)) {
      const kind = kinds.get(a.kind);
      if (!kind) continue;
      const raw = ctx.source(a.origin.file)?.data as Record<string, unknown[]> | undefined;
      const item = raw?.[a.group ? "sessions" : "records"]?.[a.origin.index] as Record<string, unknown> | undefined;
      for (const field of kind.fields) {
        // A session's roles come from its lead and attendance, so they are never written per member.
        const present = item?.[field] !== undefined || (field === "role" && a.group !== undefined);
        if (!present) {
          out.push(atActivity(ctx, a, undefined, this.name,
            t(ctx.lang, `「${kind.label}」需要填写${FIELD_LABELS_ZH[field] ?? field}(${field})`, `a '${kind.labelEn}' record needs '${field}'`),
            t(ctx.lang, `加上 ${field}: …`, `add '${field}: …'`)));
        }
      }
    }
    return out;
  },
};
