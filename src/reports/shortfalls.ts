/** A record's shortfall (src/score/shortfall.ts) in words: explain's reason, or its item's cap. Pure. */
import { t, type Lang } from "../i18n.js";
import type { Shortfall } from "../score/shortfall.js";
import { reasonText } from "./explain-doc.js";

/** "缺少证明材料", "已达本项上限,不计", "原为 5,按本项上限只计 3". */
export function shortfallText(s: Shortfall, lang: Lang): string {
  if ("reason" in s) return reasonText(s.reason, lang);
  return s.counted <= 0 ? t(lang, "已达本项上限,不计", "the item's cap is reached: not counted")
    : t(lang, `原为 ${s.worth},按本项上限只计 ${s.counted}`, `worth ${s.worth}, ${s.counted} within the item's cap`);
}
