/** `yanxiu init [dir]`: a new school repository, ready to commit. Never touches an existing one. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { t, type Lang } from "../i18n.js";
import { CONFIG_FILE, findRepoRoot } from "../repo/layout.js";
import { writeNewFile } from "../repo/write.js";
import { scaffoldFiles } from "./init-templates.js";
import { EXIT, pickLang, setExitCode, today, UsageError, type Io } from "./io.js";

/** The tool's own rules/ folder (presets), found relative to this file in src/ or dist/. */
export const PRESETS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../rules");

export function listPresets(): string[] {
  if (!existsSync(PRESETS_DIR)) return [];
  return readdirSync(PRESETS_DIR)
    .filter((f) => f.endsWith(".yaml") && !f.endsWith(".test.yaml"))
    .map((f) => f.replace(/\.yaml$/, ""))
    .sort();
}

interface InitOptions {
  school: string;
  preset: string[];
  git: boolean;
}

export function registerInit(program: Command, io: Io): void {
  program
    .command("init")
    .description("新建一个学校的研修记录仓库 / create a new school repository")
    .argument("[dir]", "目录(默认当前目录)/ folder (default: here)")
    .option("--school <name>", "学校名称 / school name", "某某学校")
    .option("--preset <names...>", "使用的规则预设 / rule presets to start from", ["xintian", "observation-minimums"])
    .option("--no-git", "不要运行 git init / do not run git init")
    .action(function (this: Command, dir: string | undefined, opts: InitOptions) {
      const lang = pickLang(this.optsWithGlobals().lang, io.env);
      const target = resolve(io.cwd, dir ?? ".");
      const existing = findRepoRoot(target);
      if (existing) {
        throw new UsageError(
          t(lang, `${existing} 已经是研修记录仓库(有 ${CONFIG_FILE}),init 不会改动它`,
            `${existing} already is a yanxiu repository (it has ${CONFIG_FILE}); init leaves it untouched`),
        );
      }
      const presets = listPresets();
      for (const p of opts.preset) {
        if (!presets.includes(p)) {
          throw new UsageError(t(lang, `没有规则预设「${p}」;可用:${presets.join("、")}`, `no rule preset '${p}'; available: ${presets.join(", ")}`));
        }
      }
      const files = scaffoldFiles({ school: opts.school, presets: opts.preset, presetsDir: PRESETS_DIR, today: today(io.env), lang });
      const clashes = [...files.keys()].filter((f) => existsSync(join(target, f)));
      if (clashes.length > 0) {
        throw new UsageError(t(lang, `这些文件已存在,init 不会覆盖:${clashes.join("、")}`, `these files exist already and init will not overwrite them: ${clashes.join(", ")}`));
      }
      mkdirSync(target, { recursive: true });
      for (const [file, text] of files) writeNewFile(join(target, file), text);
      let gitNote = "";
      if (opts.git && !insideGitWorkTree(target)) {
        const r = spawnSync("git", ["init", "-q"], { cwd: target, encoding: "utf8" });
        gitNote = r.status === 0 ? t(lang, "已运行 git init。\n", "ran git init.\n") : "";
      }
      io.stdout.write(created(lang, target, [...files.keys()], gitNote));
      setExitCode(this, EXIT.ok);
    });
}

function insideGitWorkTree(dir: string): boolean {
  const r = spawnSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd: dir, encoding: "utf8" });
  return r.status === 0 && r.stdout.trim() === "true";
}

function created(lang: Lang, target: string, files: string[], gitNote: string): string {
  return [
    t(lang, `已在 ${target} 新建研修记录仓库:`, `created a yanxiu repository in ${target}:`),
    ...files.map((f) => `  ${f}`),
    gitNote.trimEnd(),
    t(lang, "下一步:编辑 roster.yaml 填写教师名单,然后运行 yanxiu check。", "next: list your teachers in roster.yaml, then run 'yanxiu check'."),
    "",
  ].filter((l) => l !== "").join("\n") + "\n";
}
