/**
 * `yanxiu schema [dir]`: write the school's JSON Schemas to .yanxiu/schema/, from its own rules
 * (its activity kinds become the `kind` list editors complete and check). Run it after changing
 * the rules. `--out FOLDER` writes the general schemas, which know no school's kinds, anywhere.
 */
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { t, type Lang } from "../i18n.js";
import { jsonSchemas, type EditorKind } from "../templates/json-schema.js";
import type { LoadedRepo } from "../pipeline/load.js";
import { writeFileAtomic } from "../repo/write.js";
import { SCHEMA_DIR } from "../templates/editor.js";
import { EXIT, pickLang, setExitCode, type Io } from "./io.js";
import { openRepo } from "./repo-arg.js";

/** The kinds a loaded repository's rules define, in their order. */
export function schoolKinds(repo: LoadedRepo): EditorKind[] | undefined {
  const kinds = repo.scheme?.kinds;
  if (!kinds || kinds.size === 0) return undefined;
  return [...kinds.values()].map((k) => ({ id: k.id, label: k.label, labelEn: k.labelEn, session: k.session }));
}

/** Repo-relative path → text of the school's schemas. */
export function schoolSchemaFiles(repo: LoadedRepo, lang: Lang): Map<string, string> {
  const out = new Map<string, string>();
  for (const [file, text] of jsonSchemas({ lang, kinds: schoolKinds(repo) })) out.set(`${SCHEMA_DIR}/${file}`, text);
  return out;
}

export function registerSchema(program: Command, io: Io): void {
  program
    .command("schema")
    .description("写出各类文件的 JSON Schema,供编辑器补全和校验 / write JSON Schemas of the file kinds, for editors")
    .argument("[dir]", "仓库目录(默认当前目录)/ the repository folder (default: here)")
    .option("--out <folder>", "写出不含本校活动类型的通用 Schema 到此目录 / write the general schemas, without a school's kinds, to this folder")
    .action(function (this: Command, dir: string | undefined, opts: { out?: string }) {
      const langFlag = this.optsWithGlobals().lang as string | undefined;
      if (opts.out !== undefined) {
        const lang = pickLang(langFlag, io.env);
        const target = resolve(io.cwd, opts.out);
        for (const [file, text] of jsonSchemas({ lang })) {
          writeFileAtomic(join(target, file), text);
          io.stdout.write(t(lang, `已写出 ${join(opts.out, file)}\n`, `wrote ${join(opts.out, file)}\n`));
        }
        setExitCode(this, EXIT.ok);
        return;
      }
      const { repo, lang } = openRepo(io, dir, langFlag);
      const files = schoolSchemaFiles(repo, lang);
      for (const [file, text] of files) writeFileAtomic(join(repo.root, file), text);
      const kinds = schoolKinds(repo)?.length ?? 0;
      io.stdout.write(
        kinds > 0
          ? t(lang, `已在 ${SCHEMA_DIR}/ 写出 ${files.size} 个 Schema,含规则中的 ${kinds} 种活动类型\n`, `wrote ${files.size} schemas to ${SCHEMA_DIR}/, with the ${kinds} activity kinds of the rules\n`)
          : t(lang, `已在 ${SCHEMA_DIR}/ 写出 ${files.size} 个 Schema;规则没有可用的活动类型(先运行 yanxiu check 修正规则),kind 暂不限定\n`,
            `wrote ${files.size} schemas to ${SCHEMA_DIR}/; the rules define no usable kinds (run 'yanxiu check' to fix them), so kind is not limited yet\n`),
      );
      setExitCode(this, EXIT.ok);
    });
}
