/**
 * The CLI entry: builds the commander program, runs it with the I/O it is given and
 * returns the exit code. Nothing here touches process.*, so tests call main() in-process.
 */
import { Command, CommanderError } from "commander";
import { t } from "../i18n.js";
import { EXIT, getExitCode, pickLang, UsageError, type Io } from "./io.js";
import { registerCheck } from "./check.js";
import { registerInit } from "./init.js";
import { registerSchema } from "./schema.js";
import { registerAdd } from "./add.js";
import { registerAudit } from "./audit.js";
import { registerHook } from "./hook.js";
import { registerCodeowners } from "./codeowners.js";
import { registerScore } from "./score.js";
import { registerRules } from "./rules.js";
import { registerExplain } from "./explain.js";
import { registerSummary } from "./summary.js";

export const VERSION = "0.1.0";

export function buildProgram(io: Io): Command {
  const program = new Command("yanxiu")
    .description("校本研修学时记录与考核 / school-based research hours: record, check and score")
    .version(VERSION, "-V, --version")
    .option("--lang <lang>", "输出语言 zh|en / output language zh|en")
    .option("--no-cache", "不使用 .yanxiu-cache/ 中的解析缓存 / do not use the parsed-file cache in .yanxiu-cache/")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
    });
  registerInit(program, io);
  registerCheck(program, io);
  registerSchema(program, io);
  registerAdd(program, io);
  registerAudit(program, io);
  registerHook(program, io);
  registerCodeowners(program, io);
  registerScore(program, io);
  registerRules(program, io);
  registerExplain(program, io);
  registerSummary(program, io);
  return program;
}

export async function main(io: Io): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(io.argv, { from: "user" });
    return getExitCode(program);
  } catch (e) {
    const lang = pickLang(undefined, io.env);
    if (e instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.failure;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`yanxiu: ${e.message}\n`);
      return EXIT.failure;
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
