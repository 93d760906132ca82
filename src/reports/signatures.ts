import type { Lang } from "../i18n.js";

/** What a printed report ends with when yanxiu.yaml says nothing (reports.signatures). */
export function signaturesOf(config: { signatures?: string[] }, lang: Lang): string[] {
  return config.signatures ?? (lang === "en" ? ["Prepared by", "Checked by", "Principal"] : ["制表", "审核", "校长"]);
}
