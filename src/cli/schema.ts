/** `yanxiu schema [dir]`: write the JSON Schemas of every file kind, for editors. */
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { t } from "../i18n.js";
import { jsonSchemas } from "../schema/json-schema.js";
import { writeFileAtomic } from "../repo/write.js";
import { EXIT, pickLang, setExitCode, type Io } from "./io.js";

export function registerSchema(program: Command, io: Io): void {
  program
    .command("schema")
    .description("写出各类文件的 JSON Schema,供编辑器补全和校验 / write JSON Schemas of the file kinds, for editors")
    .argument("[dir]", "输出目录 / output folder", "schema")
    .action(function (this: Command, dir: string) {
      const lang = pickLang(this.optsWithGlobals().lang, io.env);
      const target = resolve(io.cwd, dir);
      for (const [file, text] of jsonSchemas()) {
        writeFileAtomic(join(target, file), text);
        io.stdout.write(t(lang, `已写出 ${join(dir, file)}\n`, `wrote ${join(dir, file)}\n`));
      }
      setExitCode(this, EXIT.ok);
    });
}
