/** `yanxiu rules test [files...]`: run YAML rule tests (default: rules/*.test.yaml under the current folder). */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { Chalk } from "chalk";
import { t } from "../i18n.js";
import { formatText } from "../format/problems-text.js";
import { runTestFile } from "../score/testfile.js";
import { EXIT, pickLang, setExitCode, UsageError, useColour, type Io } from "./io.js";

export function registerRules(program: Command, io: Io): void {
  const rules = program.command("rules").description("规则文件工具 / rule file tools");
  rules
    .command("test")
    .description("运行规则测试(rules/*.test.yaml)/ run rule tests (rules/*.test.yaml)")
    .argument("[files...]", "测试文件(默认 rules/*.test.yaml)/ test files (default: rules/*.test.yaml)")
    .action(function (this: Command, files: string[]) {
      const lang = pickLang(this.optsWithGlobals().lang as string | undefined, io.env);
      const c = new Chalk({ level: useColour(io) ? 1 : 0 });
      // A folder stands for its rule tests: <folder>/rules/*.test.yaml (a school repository) or
      // <folder>/*.test.yaml, read with that folder as the root the tests name rule files from.
      const testsIn = (dir: string) => {
        const rulesDir = existsSync(join(dir, "rules")) ? join(dir, "rules") : dir;
        return readdirSync(rulesDir).filter((f) => f.endsWith(".test.yaml")).sort().map((f) => ({ root: dir, abs: join(rulesDir, f) }));
      };
      let targets = files.flatMap((f) => {
        const abs = resolve(io.cwd, f);
        if (!existsSync(abs)) throw new UsageError(t(lang, `路径不存在:${abs}`, `no such path: ${abs}`));
        return statSync(abs).isDirectory() ? testsIn(abs) : [{ root: io.cwd, abs }];
      });
      if (files.length === 0) targets = existsSync(join(io.cwd, "rules")) ? testsIn(io.cwd) : [];
      if (targets.length === 0) throw new UsageError(t(lang, "没有找到规则测试文件(rules/*.test.yaml)", "no rule test files found (rules/*.test.yaml)"));
      let passed = 0;
      let failed = 0;
      let broken = 0;
      for (const { root, abs } of targets) {
        const file = relative(root, abs).split("\\").join("/");
        const r = runTestFile(root, file, lang);
        io.stdout.write(`${relative(io.cwd, abs).split("\\").join("/")}\n`);
        if (r.problems.length) {
          broken++;
          io.stdout.write(formatText(r.problems, { lang, colour: useColour(io), fileCount: 1 }));
          continue;
        }
        for (const k of r.cases) {
          if (k.pass) {
            passed++;
            io.stdout.write(`  ${c.green(t(lang, "通过", "pass"))}  ${k.name}\n`);
          } else {
            failed++;
            io.stdout.write(`  ${c.red(t(lang, "失败", "FAIL"))}  ${k.name}  (${file}:${k.line})\n`);
            for (const d of k.diffs) io.stdout.write(`        ${d}\n`);
          }
        }
      }
      io.stdout.write(
        t(lang, `\n${passed} 个通过,${failed} 个失败${broken ? `,${broken} 个文件有错误` : ""}\n`, `\n${passed} passed, ${failed} failed${broken ? `, ${broken} file(s) with errors` : ""}\n`),
      );
      setExitCode(this, failed + broken > 0 ? EXIT.problems : EXIT.ok);
    });
}
