/**
 * Report language. Chinese is the default; English on request (--lang en or config).
 * Messages are written at the call site as t(lang, zh, en) pairs so each message keeps
 * both languages side by side and none can go missing.
 */
export type Lang = "zh" | "en";

export function t(lang: Lang, zh: string, en: string): string {
  return lang === "en" ? en : zh;
}

export function parseLang(value: string | undefined): Lang | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase();
  if (v === "zh" || v.startsWith("zh-") || v === "cn" || v === "中文") return "zh";
  if (v === "en" || v.startsWith("en-") || v === "english") return "en";
  return undefined;
}
