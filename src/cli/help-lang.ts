/**
 * Help and commander's own messages in one language. Every command writes its descriptions as
 * "中文 / English"; the help shows the half for the chosen language, so a command added
 * anywhere is translated for free. commander's titles, option extras and error messages are
 * translated here too.
 */
import { Help, type Argument, type Command, type Option } from "commander";
import type { Lang } from "../i18n.js";

const CJK = /[\u3400-\u9fff\uff00-\uffef]/;

/** The half of a bilingual "中文 / English" text for `lang`; a text in one language as it is. */
export function pickHalf(text: string, lang: Lang): string {
  // " / " with a space on each side, after Chinese; else "/ " right after a Chinese or full-width
  // character, as in "目录(默认当前目录)/ folder". A path such as ".yanxiu-cache/ " is neither.
  const at = (re: RegExp, ok: (left: string) => boolean): [number, number] | undefined => {
    for (const m of text.matchAll(re)) if (ok(text.slice(0, m.index))) return [m.index, m.index + m[0].length];
    return undefined;
  };
  const cut = at(/\s+\/\s+/g, (left) => CJK.test(left)) ?? at(/\/\s+/g, (left) => CJK.test(left) && (CJK.test(left.slice(-1)) || left.endsWith(")")));
  if (!cut) return text;
  return lang === "zh" ? text.slice(0, cut[0]).trim() : text.slice(cut[1]).trim();
}

const TITLES_ZH: Record<string, string> = {
  "Usage:": "用法:",
  "Arguments:": "参数:",
  "Options:": "选项:",
  "Global Options:": "全局选项:",
  "Commands:": "命令:",
};

/** "(choices: …, default: …)" in Chinese. */
function extrasZh(s: string): string {
  return s.replace(/\bchoices: /g, "可选:").replace(/\bdefault: /g, "默认:").replace(/\bpreset: /g, "预设:").replace(/\benv: /g, "环境变量:").replace(/, (?=(默认|预设|环境变量):)/g, ",");
}

/** The help formatter for `lang`: description halves, titles and extras translated. */
export function helpConfiguration(lang: Lang): Partial<Help> {
  const base = new Help();
  const extras = (full: string, description: string | undefined) => {
    const rest = description ? full.slice(description.length) : full;
    return lang === "zh" ? extrasZh(rest) : rest;
  };
  return {
    styleTitle: (s: string) => (lang === "zh" ? (TITLES_ZH[s] ?? s) : s),
    commandUsage: (cmd: Command) => (lang === "zh" ? base.commandUsage(cmd).replace("[options]", "[选项]").replace("[command]", "[命令]") : base.commandUsage(cmd)),
    commandDescription: (cmd: Command) => pickHalf(base.commandDescription(cmd), lang),
    subcommandDescription: (cmd: Command) => pickHalf(base.subcommandDescription(cmd), lang),
    optionDescription: (option: Option) =>
      pickHalf(option.description ?? "", lang) + extras(base.optionDescription(option), option.description),
    argumentDescription: (argument: Argument) =>
      pickHalf(argument.description ?? "", lang) + extras(base.argumentDescription(argument), argument.description),
  };
}

/** commander's error lines, in Chinese. Anything not listed keeps its words but says 错误. */
const ERRORS_ZH: [RegExp, string][] = [
  [/^error: unknown option '(.+?)'\n\(Did you mean (.+?)\?\)/, "错误:没有选项 $1(是不是 $2?)"],
  [/^error: unknown option '(.+?)'/, "错误:没有选项 $1"],
  [/^error: unknown command '(.+?)'\n\(Did you mean (.+?)\?\)/, "错误:没有命令 $1(是不是 $2?)"],
  [/^error: unknown command '(.+?)'/, "错误:没有命令 $1"],
  [/^error: missing required argument '(.+?)'/, "错误:缺少参数 $1"],
  [/^error: option '(.+?)' argument missing/, "错误:选项 $1 缺少取值"],
  [/^error: required option '(.+?)' not specified/, "错误:必须给出选项 $1"],
  [/^error: option '(.+?)' argument '(.*?)' is invalid\. Allowed choices are (.+?)\./, "错误:选项 $1 的取值「$2」无效,可选:$3。"],
  [/^error: command-argument value '(.*?)' is invalid for argument '(.+?)'\. Allowed choices are (.+?)\./, "错误:参数 $2 的取值「$1」无效,可选:$3。"],
  [/^error: too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\./, "错误:参数太多:应有 $2 个,给了 $3 个。"],
  [/^error: (.+?) cannot be used with (.+)/, "错误:$1 不能与 $2 同用"],
  [/^error: /, "错误:"],
];

export function translateError(text: string, lang: Lang): string {
  if (lang !== "zh") return text;
  for (const [re, zh] of ERRORS_ZH) if (re.test(text)) return text.replace(re, zh);
  return text;
}

/** Applies `lang` to a program before its commands are added (subcommands inherit it). */
export function localize(program: Command, lang: Lang, write: { out: (s: string) => void; err: (s: string) => void }): Command {
  const zh = lang === "zh";
  return program
    .configureHelp(helpConfiguration(lang))
    .helpOption("-h, --help", zh ? "显示帮助" : "display help for command")
    .helpCommand("help [command]", zh ? "显示某个命令的帮助" : "display help for command")
    .configureOutput({
      writeOut: write.out,
      writeErr: write.err,
      outputError: (s, w) => w(translateError(s, lang)),
    });
}
