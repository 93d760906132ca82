/**
 * `yanxiu completion bash|zsh|fish`: a shell completion script for every command, its
 * subcommands and options, generated from the program itself so it never misses a command.
 */
import { Argument, type Command } from "commander";
import { EXIT, setExitCode, type Io } from "./io.js";
import { pickHalf } from "./help-lang.js";
import type { Lang } from "../i18n.js";

export const SHELLS = ["bash", "zsh", "fish"] as const;
type Shell = (typeof SHELLS)[number];

interface Entry {
  name: string;
  description: string;
  words: string[];
  options: { long?: string; short?: string; description: string }[];
  subcommands: Entry[];
}

function entry(cmd: Command, lang: Lang): Entry {
  const subcommands = cmd.commands.filter((c) => c.name() !== "help").map((c) => entry(c, lang));
  const options = [...cmd.options, cmd.createHelp().visibleOptions(cmd).find((o) => o.long === "--help")].filter((o) => o !== undefined)
    .map((o) => ({ long: o!.long, short: o!.short, description: pickHalf(o!.description ?? "", lang) }));
  return {
    name: cmd.name(),
    description: pickHalf(cmd.description(), lang),
    words: [...subcommands.map((s) => s.name), ...options.flatMap((o) => [o.long, o.short].filter((x): x is string => Boolean(x)))],
    options,
    subcommands,
  };
}

const sq = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

export function bashScript(root: Entry): string {
  // The words typed so far that are not options ("rules test t.yaml") pick the list: the most
  // specific pattern first.
  const cases: string[] = [];
  for (const c of root.subcommands) {
    for (const s of c.subcommands) cases.push(`    "${c.name} ${s.name}"|"${c.name} ${s.name} "*) words=${sq(s.words.join(" "))} ;;`);
    cases.push(`    ${c.name}|"${c.name} "*) words=${sq(c.words.join(" "))} ;;`);
  }
  return [
    "# yanxiu completion for bash: add to ~/.bashrc:  source <(yanxiu completion bash)",
    "_yanxiu() {",
    '  local cur="${COMP_WORDS[COMP_CWORD]}" path="" words i',
    "  for ((i = 1; i < COMP_CWORD; i++)); do",
    '    case "${COMP_WORDS[i]}" in --lang) i=$((i + 1)) ;; -*) ;; *) path="${path:+$path }${COMP_WORDS[i]}" ;; esac',
    "  done",
    '  case "$path" in',
    `    "") words=${sq(root.words.join(" "))} ;;`,
    ...cases,
    "    *) words='' ;;",
    "  esac",
    '  COMPREPLY=($(compgen -W "$words" -- "$cur"))',
    "}",
    "complete -o default -o bashdefault -F _yanxiu yanxiu",
    "",
  ].join("\n");
}

export function zshScript(root: Entry): string {
  return ["# yanxiu completion for zsh: add to ~/.zshrc:  source <(yanxiu completion zsh)", "autoload -U +X bashcompinit && bashcompinit", bashScript(root).split("\n").slice(1).join("\n")].join("\n");
}

export function fishScript(root: Entry): string {
  const lines = ["# yanxiu completion for fish:  yanxiu completion fish > ~/.config/fish/completions/yanxiu.fish", "complete -c yanxiu -f"];
  const opt = (cond: string, o: Entry["options"][number]) =>
    `complete -c yanxiu -n ${sq(cond)}${o.long ? ` -l ${o.long.replace(/^--/, "")}` : ""}${o.short ? ` -s ${o.short.replace(/^-/, "")}` : ""} -d ${sq(o.description)}`;
  for (const o of root.options) lines.push(opt("__fish_use_subcommand", o));
  for (const c of root.subcommands) {
    lines.push(`complete -c yanxiu -n __fish_use_subcommand -a ${c.name} -d ${sq(c.description)}`);
    const inC = `__fish_seen_subcommand_from ${c.name}`;
    for (const o of c.options) lines.push(opt(inC, o));
    for (const s of c.subcommands) {
      lines.push(`complete -c yanxiu -n ${sq(`${inC}; and not __fish_seen_subcommand_from ${c.subcommands.map((x) => x.name).join(" ")}`)} -a ${s.name} -d ${sq(s.description)}`);
      for (const o of s.options) lines.push(opt(`${inC}; and __fish_seen_subcommand_from ${s.name}`, o));
    }
    if (c.subcommands.length === 0) lines.push(`complete -c yanxiu -n ${sq(inC)} -F`);
  }
  return lines.join("\n") + "\n";
}

/** `build` gives the program with every command loaded (main's buildProgram). */
export function registerCompletion(program: Command, io: Io, build: () => Promise<Command>, lang: Lang): void {
  program
    .command("completion")
    .description("输出 shell 补全脚本 / print a shell completion script")
    .addArgument(new Argument("<shell>", "bash、zsh 或 fish / bash, zsh or fish").choices([...SHELLS]))
    .action(async function (this: Command, shell: Shell) {
      const root = entry(await build(), lang);
      io.stdout.write(shell === "bash" ? bashScript(root) : shell === "zsh" ? zshScript(root) : fishScript(root));
      setExitCode(this, EXIT.ok);
    });
}
