/**
 * The CLI entry: builds the commander program, runs it with the I/O it is given and
 * returns the exit code. Nothing here touches process.*, so tests call main() in-process.
 *
 * Commands are loaded on demand: only the module of the command being run is imported
 * (exceljs, inquirer and the rule engine are heavy), so `yanxiu --help` and a check of one
 * file start quickly. For the root help every command is listed from the table below.
 */
import type { Command } from "commander";
import { parseLang, t, type Lang } from "../i18n.js";
import { findRepoRoot } from "../repo/layout.js";
import { plainCheckArgs, plainScoreArgs } from "./plain-args.js";
import { EXIT, getExitCode, pickLang, UsageError, type Io } from "./io.js";
import { peekConfigLang } from "./repo-locate.js";

export const VERSION = "0.1.0";

type Register = (program: Command, io: Io) => void;

interface CommandEntry {
  name: string;
  /** Shown in the root help; must equal the command's own description (a test checks). */
  description: string;
  load: () => Promise<Register>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: "init", description: "新建一个学校的研修记录仓库 / create a new school repository", load: async () => (await import("./init.js")).registerInit },
  { name: "add", description: "记录一项研修活动或一次教研组活动 / record an activity, or a group session with attendance", load: async () => (await import("./add.js")).registerAdd },
  { name: "check", description: "校验研修记录、名册、配置和规则 / validate records, roster, config and rules", load: async () => (await import("./check.js")).registerCheck },
  { name: "score", description: "计算学时并按教师、教研组列表 / score teachers against the rules, per teacher and per group", load: async () => (await import("./score.js")).registerScore },
  { name: "explain", description: "逐项说明一位教师的学时:哪些记录、哪条规则、上限、差多少、怎样补齐 / explain one teacher's score record by record", load: async () => (await import("./explain.js")).registerExplain },
  { name: "summary", description: "全校汇总:各组人均学时、达标率、学时分段、周期进度 / school summary: groups, 达标率, hour bands, cycle progress", load: async () => (await import("./summary.js")).registerSummary },
  { name: "certificate", description: "学时证明:每位教师一页,含记录、各项学时、要求、合计、等次、签字栏和盖章处 / a printable certificate per teacher", load: async () => (await import("./certificate.js")).registerCertificate },
  { name: "import", description: "从 Excel/CSV 导入名册或研修记录 / import the roster or records from Excel or CSV", load: async () => (await import("./import.js")).registerImport },
  { name: "export", description: "把研修记录导出为 Excel/CSV,列与导入时相同 / export the records to Excel or CSV, with the columns import reads", load: async () => (await import("./export.js")).registerExport },
  { name: "review", description: "列出我可以审核的记录:教师、日期、类型、标题、证明材料、可得学时 / the records I may approve or verify, with what each would earn", load: async () => (await import("./review.js")).registerReview },
  { name: "approve", description: "审定(或验证)记录:写入状态、审核人和日期 / approve (or verify) records: status, approver and date written in place", load: async () => (await import("./approve.js")).registerApprove },
  { name: "reject", description: "退回记录并写明原因 / return a record with the reason, kept in the record", load: async () => (await import("./approve.js")).registerReject },
  { name: "rules", description: "规则文件工具 / rule file tools", load: async () => (await import("./rules.js")).registerRules },
  { name: "audit", description: "审计 git 历史:谁修改了谁的记录、规则和名册 / audit the git history: who changed whose records, the rules and the roster", load: async () => (await import("./audit.js")).registerAudit },
  { name: "hook", description: "git 提交前检查钩子 / the git pre-commit hook", load: async () => (await import("./hook.js")).registerHook },
  { name: "codeowners", description: "根据名册生成 CODEOWNERS / write CODEOWNERS from the roster", load: async () => (await import("./codeowners.js")).registerCodeowners },
  { name: "serve", description: "学校的研修网页:教师登录、记录、查看,组长审核,教务处汇总 / the school's web page: teachers record and check, leaders approve, the office sees everything", load: async () => (await import("./serve.js")).registerServe },
  { name: "accounts", description: "管理研修网页的登录账号 / manage logins to the web page (yanxiu serve)", load: async () => (await import("./accounts.js")).registerAccounts },
  { name: "completion", description: "输出 shell 补全脚本 / print a shell completion script", load: async () => {
    const { registerCompletion } = await import("./completion.js");
    return (program, io) => registerCompletion(program, io, () => buildProgram(io, "all"), helpLang(io));
  } },
  { name: "schema", description: "写出各类文件的 JSON Schema,供编辑器补全和校验 / write JSON Schemas of the file kinds, for editors", load: async () => (await import("./schema.js")).registerSchema },
];

/** Global options that take a value, so their value is not mistaken for a command name. */
const GLOBAL_VALUE_OPTIONS = new Set(["--lang"]);

/** The command the arguments name (`help X` names X), or undefined for the root. */
export function commandNamed(argv: readonly string[]): string | undefined {
  const positional: string[] = [];
  for (let i = 0; i < argv.length && positional.length < 2; i++) {
    const a = argv[i]!;
    if (GLOBAL_VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith("-")) positional.push(a);
  }
  return positional[0] === "help" ? positional[1] : positional[0];
}

/** The program with the named command loaded (every command when `only` is "all"). */
export async function buildProgram(io: Io, only?: string | "all", lang: Lang = helpLang(io)): Promise<Command> {
  const { Command } = await import("commander");
  const { localize } = await import("./help-lang.js");
  const { addExamples } = await import("./examples.js");
  const program = localize(new Command("yanxiu"), lang, { out: (s) => void io.stdout.write(s), err: (s) => void io.stderr.write(s) })
    .description("校本研修学时记录与考核 / school-based research hours: record, check and score")
    .version(VERSION, "-V, --version", lang === "zh" ? "显示版本号" : "output the version number")
    .option("--lang <lang>", "输出语言 zh|en / output language zh|en")
    .option("--no-cache", "不使用 .yanxiu-cache/ 中的结果缓存 / do not use the result cache in .yanxiu-cache/")
    .showHelpAfterError()
    .exitOverride();
  for (const entry of COMMANDS) {
    if (only === "all" || entry.name === only) (await entry.load())(program, io);
    else program.command(entry.name).description(entry.description).allowUnknownOption().allowExcessArguments();
  }
  addExamples(program, lang);
  return program;
}

/** The --lang value as written (`--lang X` or `--lang=X`), if given before any `--`. */
function langFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") break;
    if (a === "--lang") return argv[i + 1] ?? "";
    if (a.startsWith("--lang=")) return a.slice(7);
  }
  return undefined;
}

/** The language of help and usage errors: --lang, YANXIU_LANG, the repository here, Chinese. */
export function helpLang(io: Io): Lang {
  const root = findRepoRoot(io.cwd);
  return pickLang(langFlag(io.argv), io.env, root ? peekConfigLang(root) : undefined);
}

/** Refuses a --lang other than zh|en, and a command that does not exist (with the closest one). */
async function preflight(io: Io, lang: Lang): Promise<void> {
  const flag = langFlag(io.argv);
  if (flag !== undefined && !parseLang(flag)) {
    throw new UsageError(t(lang, `--lang 只能是 zh 或 en,而不是「${flag}」`, `--lang must be zh or en, not '${flag}'`));
  }
  const name = commandNamed(io.argv);
  if (name === undefined || name === "help" || COMMANDS.some((c) => c.name === name)) return;
  const { didYouMean } = await import("../did-you-mean.js");
  const guess = didYouMean(name, COMMANDS.map((c) => c.name));
  throw new UsageError(t(lang, `没有命令「${name}」${guess ? `;是不是 ${guess}?` : ""}(yanxiu --help 列出全部命令)`,
    `there is no command '${name}'${guess ? `; did you mean ${guess}?` : ""} (yanxiu --help lists them all)`));
}

export async function main(io: Io): Promise<number> {
  try {
    // The plainest check and score lines go without commander (a warm run answers in ~200 ms),
    // and so does a score of them the cache cannot answer (src/cli/score-whole.ts).
    const plain = plainCheckArgs(io.argv);
    if (plain) return await (await import("./check.js")).runCheck(io, plain.paths, plain.opts, plain.lang);
    const plainScore = plainScoreArgs(io.argv);
    if (plainScore) {
      const lookup = await (await import("./score-warm.js")).scoreFromCache(io, plainScore.dir, plainScore.opts, plainScore.lang);
      if (lookup.answered) return EXIT.ok;
      // JSON and the terminal table, from the warm path's second bundle; the other formats' renderers
      // are left out of it (scripts/build-warm.js): those go on through commander, the full CLI.
      const format = plainScore.opts.format;
      if (format === undefined || format === "json" || format === "text") {
        return await (await import("./score-whole.js")).scorePlain(io, lookup, plainScore.dir, plainScore.opts, plainScore.lang);
      }
    }
    const lang = helpLang(io);
    await preflight(io, lang);
    const program = await buildProgram(io, commandNamed(io.argv), lang);
    await program.parseAsync(io.argv, { from: "user" });
    return getExitCode(program);
  } catch (e) {
    const lang = pickLang(undefined, io.env);
    if (e instanceof (await import("commander")).CommanderError) {
      // --help and --version end through here with exit code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.failure;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`yanxiu: ${e.message}\n`);
      return EXIT.failure;
    }
    // Ctrl-C at a prompt (@inquirer's ExitPromptError): the user stopped, nothing was written. 130 = 128 + SIGINT,
    // what a shell reports for a command stopped by Ctrl-C, so scripts tell it from problems found (1).
    if ((e as Error)?.name === "ExitPromptError" || (e as Error)?.name === "AbortPromptError") {
      io.stderr.write(t(helpLang(io), "yanxiu: 已取消,未写入\n", "yanxiu: cancelled, nothing was written\n"));
      return EXIT.interrupted;
    }
    // Anything else is our bug, not the user's input: say so briefly, stack only on request.
    const err = e as Error;
    io.stderr.write(
      t(lang, `yanxiu 内部错误:${err?.message ?? String(e)}\n请把这条信息报告给维护者。\n`,
        `yanxiu internal error: ${err?.message ?? String(e)}\nPlease report this to the maintainers.\n`),
    );
    if (io.env.YANXIU_DEBUG) io.stderr.write(`${err?.stack ?? ""}\n`);
    return EXIT.failure;
  }
}
