/**
 * A title as a person reads it, for telling whether two records are the same activity. Titles
 * that differ only in ways nobody sees (U+200B, U+2060, U+FEFF, bidi controls), in width or
 * compatibility forms (ＡＢ, ①: NFKC), in spaces, in letter case, in `<<>>` for 《》 or in
 * 繁體 for 简体 fold to one key, so a copied record cannot pass as a new one.
 *
 * 繁→简 uses opencc-js (Open Chinese Convert's dictionaries; MIT/Apache-2.0, no dependencies,
 * no `engines` limit, the t2cn build is ~110 KB and builds its converter in ~10 ms), from
 * OpenCC's standard traditional ("t") to mainland simplified ("cn"): characters and the
 * phrases whose conversion depends on context (乾淨→干净 but 乾坤 stays), nothing regional.
 */
import { Converter } from "opencc-js/t2cn";

type Convert = (s: string) => string;
let toSimplified: Convert | undefined;

/** Characters with no visible form: zero-width spaces and joiners, BOM, soft hyphen, bidi controls, variation selectors. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;
const SPACE = /\s+/gu;
const QUOTES: [RegExp, string][] = [
  [/<</g, "《"],
  [/>>/g, "》"],
  [/</g, "〈"],
  [/>/g, "〉"],
  [/[“”„‟″"]/g, '"'],
  [/[‘’‛′']/g, "'"],
];

export function foldTitle(title: string): string {
  let s = title.normalize("NFKC").replace(INVISIBLE, "").replace(SPACE, "").toLowerCase();
  for (const [from, to] of QUOTES) s = s.replace(from, to);
  // Only text with CJK characters can change; the converter is built on first need.
  if (/[\u3400-\u9fff\uf900-\ufaff]/.test(s)) s = (toSimplified ??= Converter({ from: "t", to: "cn" }))(s);
  return s;
}
