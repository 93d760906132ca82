/** `yanxiu completion`: the bash script run by a real bash, as the shell calls it on <Tab>. */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { tempDir } from "../helpers/temp-repo.js";

const cwd = tempDir();

describe("yanxiu completion", () => {
  it("bash: completes commands, subcommands and options, after --lang too", async () => {
    const r = await runCli(["completion", "bash"], { cwd });
    expect(r.code).toBe(0);
    const script = join(cwd, "c.bash");
    writeFileSync(script, r.stdout);
    const words = (...w: string[]) => {
      const quoted = w.map((x) => `'${x}'`).join(" ");
      const out = spawnSync("bash", ["-c", `source '${script}'; COMP_WORDS=(${quoted}); COMP_CWORD=${w.length - 1}; _yanxiu; echo "\${COMPREPLY[*]}"`], { encoding: "utf8" });
      return out.stdout.trim();
    };
    expect(words("yanxiu", "ch")).toBe("check");
    expect(words("yanxiu", "--lang", "en", "sc")).toBe("score schema");
    expect(words("yanxiu", "check", "--fo")).toBe("--format");
    expect(words("yanxiu", "check", "records/a.yaml", "--cha")).toBe("--changed");
    expect(words("yanxiu", "rules", "")).toBe("test --help -h");
    expect(words("yanxiu", "hook", "i")).toBe("install");
  });

  it("zsh loads the bash script through bashcompinit; fish gets described commands", async () => {
    const zsh = (await runCli(["completion", "zsh"], { cwd })).stdout;
    expect(zsh).toContain("autoload -U +X bashcompinit && bashcompinit\n");
    expect(zsh).toContain("complete -o default -o bashdefault -F _yanxiu yanxiu\n");
    const fish = (await runCli(["completion", "fish", "--lang", "en"], { cwd })).stdout;
    expect(fish).toContain("complete -c yanxiu -n __fish_use_subcommand -a check -d 'validate records, roster, config and rules'\n");
    expect(fish).toContain("complete -c yanxiu -n '__fish_seen_subcommand_from check' -l format -s f -d 'output format'\n");
  });

  it("refuses another shell with exit 2, in Chinese", async () => {
    const r = await runCli(["completion", "tcsh"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe("错误:参数 shell 的取值「tcsh」无效,可选:bash, zsh, fish。");
  });
});
