/** Messages of the named checks (src/checks), one group per check, ids starting with the check's name. */
import { defineMessages, listEn, listZh } from "./catalogue.js";

/** A kind as both languages name it. */
type KindName = { id: string; label: string; labelEn: string };

export const checkMessages = defineMessages({
  "unknown-kind": {
    example: { kind: "reflecton" },
    zh: (d) => `规则中没有活动类型「${d.kind}」`,
    en: (d) => `the rules define no activity kind '${d.kind}'`,
  },
  "unknown-kind.invisible": {
    example: { kind: "reflection", chars: ["U+200B"] },
    zh: (d) => `活动类型「${d.kind}」里夹着看不见的字符 ${d.chars.join("、")}`,
    en: (d) => `the kind '${d.kind}' holds invisible characters: ${d.chars.join(", ")}`,
  },
  "unknown-kind.label": {
    example: { label: "教学反思", id: "reflection" },
    zh: (d) => `「${d.label}」是活动类型的名称,文件里要写它的编号 ${d.id}`,
    en: (d) => `'${d.label}' is a kind's label; files give the kind's id, ${d.id}`,
  },
  "unknown-kind.hint-invisible": {
    example: { kind: "reflection" },
    zh: (d) => `删掉看不见的字符(多半是复制来的),写成 ${d.kind}`,
    en: (d) => `delete the invisible characters (usually pasted in), writing ${d.kind}`,
  },
  "unknown-kind.hint-id": {
    example: { id: "reflection" },
    zh: (d) => `写成 kind: ${d.id}`,
    en: (d) => `write kind: ${d.id}`,
  },
  "unknown-kind.hint-guess": {
    example: { guess: { id: "reflection", label: "教学反思", labelEn: "teaching reflection" } as KindName },
    zh: (d) => `是不是「${d.guess.id}」(${d.guess.label})?`,
    en: (d) => `did you mean '${d.guess.id}' (${d.guess.labelEn})?`,
  },
  "unknown-kind.hint-list": {
    example: { kinds: [{ id: "reflection", label: "教学反思", labelEn: "teaching reflection" }, { id: "observation", label: "听课评课", labelEn: "lesson observation" }] as KindName[] },
    zh: (d) => `可用的类型:${listZh(d.kinds.map((k) => `${k.id}(${k.label})`), false)}`,
    en: (d) => `kinds defined: ${listEn(d.kinds.map((k) => k.id), false)}`,
  },
});
