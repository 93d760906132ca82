/** `yanxiu init [dir]`: a new school repository, ready to commit. Never touches an existing one. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { t, type Lang } from "../i18n.js";
import { CONFIG_FILE, findRepoRoot } from "../repo/layout.js";
import { writeNewFile } from "../repo/write.js";
import { registrySpec } from "../templates/ci.js";
import { scaffoldFiles } from "./init-templates.js";
import { schoolSchemaFiles } from "./schema.js";
import { loadRepo } from "../pipeline/load.js";
import { RULES_FOLDER_SCHEMA, SCHEMA_FILES } from "../templates/json-schema.js";
import { SCHEMA_DIR } from "../templates/editor.js";
import { packTool, VENDOR_DIR } from "./vendor.js";
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
  ciPackage?: string;
}

// An npm spec or URL that can stand unquoted on a YAML line and in a shell command.
const PLAIN_SPEC = /^[\w@/.:#~^+=%-]+$/;

export function registerInit(program: Command, io: Io): void {
  program
    .command("init")
    .description("新建一个学校的研修记录仓库 / create a new school repository")
    .argument("[dir]", "目录(默认当前目录)/ folder (default: here)")
    .option("--school <name>", "学校名称 / school name", "某某学校")
    .option("--preset <names...>", "使用的规则预设 / rule presets to start from", ["xintian", "observation-minimums"])
    .option("--no-git", "不要运行 git init / do not run git init")
    .option("--ci-package <spec>", "CI 安装的 yanxiu(npm 版本或 git 地址),不再把 yanxiu 打包进仓库 / what CI installs (registry version or git URL) instead of a copy kept in the repository")
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
      if (opts.ciPackage !== undefined && !PLAIN_SPEC.test(opts.ciPackage)) {
        throw new UsageError(t(lang, `--ci-package 应是 npm 包名@版本或 git 地址(不含空格),而不是「${opts.ciPackage}」`,
          `--ci-package should be an npm spec such as yanxiu@0.1.0 or a git URL, without spaces, not '${opts.ciPackage}'`));
      }
      // yanxiu is not on the npm registry: by default CI installs a copy kept in the repository.
      const packed = opts.ciPackage === undefined ? packTool() : undefined;
      const vendored = packed?.ok ? `${VENDOR_DIR}/${packed.name}` : undefined;
      const ciInstall = opts.ciPackage ?? (vendored ? `./${vendored}` : registrySpec());
      const files = scaffoldFiles({ school: opts.school, presets: opts.preset, presetsDir: PRESETS_DIR, today: today(io.env), lang, ciInstall });
      const schemaPaths = [...Object.keys(SCHEMA_FILES), RULES_FOLDER_SCHEMA].map((f) => `${SCHEMA_DIR}/${f}`);
      const written = [...files.keys(), ...schemaPaths, ...(vendored ? [vendored] : [])];
      const clashes = written.filter((f) => existsSync(join(target, f)));
      if (clashes.length > 0) {
        throw new UsageError(t(lang, `这些文件已存在,init 不会覆盖:${clashes.join("、")}`, `these files exist already and init will not overwrite them: ${clashes.join(", ")}`));
      }
      mkdirSync(target, { recursive: true });
      for (const [file, text] of files) writeNewFile(join(target, file), text);
      // The schemas know the school's kinds, so they come from its rules as just written.
      const repo = loadRepo(target);
      for (const [file, text] of schoolSchemaFiles(repo, lang)) writeNewFile(join(target, file), text);
      if (vendored && packed?.ok) {
        mkdirSync(join(target, VENDOR_DIR), { recursive: true });
        writeFileSync(join(target, vendored), packed.bytes, { flag: "wx" });
      }
      let gitNote = "";
      if (opts.git && !insideGitWorkTree(target)) {
        const r = spawnSync("git", ["init", "-q"], { cwd: target, encoding: "utf8" });
        gitNote = r.status === 0 ? t(lang, "已运行 git init。\n", "ran git init.\n") : "";
      }
      io.stdout.write(created(lang, target, written, gitNote));
      if (packed && !packed.ok) io.stderr.write(notVendored(lang, packed.reason, ciInstall));
      setExitCode(this, EXIT.ok);
    });
}

function notVendored(lang: Lang, reason: string, install: string): string {
  return t(lang,
    `注意:没能把 yanxiu 打包进仓库(npm pack:${reason}),CI 文件改为安装 ${install};yanxiu 尚未发布到 npm,推送后 CI 会失败。` +
      `请在装有 npm 的电脑上,在 yanxiu 的目录运行 npm pack --ignore-scripts --pack-destination <学校仓库>/${VENDOR_DIR},` +
      `再把三个 CI 文件里安装命令末尾的 ${install} 改成 ./${VENDOR_DIR}/<生成的文件名>(见 docs/git.md);或用 init --ci-package 指定 git 地址。\n`,
    `note: could not keep a copy of yanxiu in the repository (npm pack: ${reason}), so the CI files install ${install}; ` +
      `yanxiu is not on the npm registry yet, so CI will fail once pushed. On a computer with npm, run ` +
      `npm pack --ignore-scripts --pack-destination <school>/${VENDOR_DIR} in yanxiu's folder and in the install line of the three CI files ` +
      `replace ${install} with ./${VENDOR_DIR}/<the file it wrote> (see docs/git.md), or use init --ci-package with a git URL.\n`);
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
