/**
 * The Examples section of each command's help, by command path. A command without an entry
 * still gets a section (its usage), and a test lists the commands that lack one.
 */
import type { Command } from "commander";
import type { Lang } from "../i18n.js";

type Example = [cmd: string, zh: string, en: string];

export const EXAMPLES: Record<string, Example[]> = {
  "": [["yanxiu init 新学校 --school 新田中心小学", "新建学校仓库", "create a school repository"], ["yanxiu check", "校验全部记录", "check every record"], ["yanxiu score --lang en", "英文的学时表", "the score table in English"]],
  init: [["yanxiu init 新学校 --school 新田中心小学", "新建学校仓库", "create a school repository"], ["yanxiu init . --preset guangxi", "在当前目录,用另一套规则预设", "here, with another rule preset"]],
  add: [["yanxiu add", "逐项提问,记录一项活动", "record an activity, asked step by step"], ["yanxiu add --teacher t01 --kind 听课/观课议课 --title 听课 --date 2026-11-20", "一次写完", "all in one line"]],
  check: [["yanxiu check", "校验整个仓库", "check the whole repository"], ["yanxiu check records/2026-2027-1/t01.yaml", "只报告一个文件的问题", "report on one file only"], ["yanxiu check --format sarif -o yanxiu.sarif", "写出 SARIF 供 CI 使用", "write SARIF for CI"], ["yanxiu check --changed", "只查改动过的文件", "only the files changed in git"]],
  score: [["yanxiu score", "每位教师的学时", "every teacher's hours"], ["yanxiu score -o 学时.xlsx", "导出 Excel", "export to Excel"], ["yanxiu score --group chinese", "一个教研组", "one group"]],
  explain: [["yanxiu explain t01", "逐项说明张老师的学时", "explain t01's hours record by record"]],
  summary: [["yanxiu summary", "全校汇总", "the school summary"], ["yanxiu summary -o 汇总.html", "写成网页", "as a web page"], ["yanxiu summary --group chinese", "只汇总一个教研组", "one group only"]],
  rules: [["yanxiu rules test", "运行 rules/ 中的规则测试", "run the rule tests in rules/"]],
  "rules test": [["yanxiu rules test", "运行全部规则测试", "run every rule test"], ["yanxiu rules test rules/xintian.test.yaml", "只运行一个文件", "run one file"]],
  audit: [["yanxiu audit", "审计全部历史", "audit the whole history"], ["yanxiu audit --since origin/main", "只看某版本之后", "only since a revision"]],
  hook: [["yanxiu hook install", "安装提交前检查", "install the pre-commit check"]],
  "hook install": [["yanxiu hook install", "在当前仓库安装", "install in this repository"]],
  "hook uninstall": [["yanxiu hook uninstall", "移除提交前检查", "remove the pre-commit check"]],
  "hook run": [["yanxiu hook run", "检查暂存的文件(由 git 调用)", "check the staged files (git runs this)"]],
  codeowners: [["yanxiu codeowners", "根据名册写出 CODEOWNERS", "write CODEOWNERS from the roster"]],
  serve: [["yanxiu serve", "在本机启动研修网页", "start the web page on this computer"]],
  accounts: [["yanxiu accounts list", "列出登录账号", "list the logins"]],
  "accounts invite": [["yanxiu accounts invite", "为所有还没有账号的教师生成邀请单", "invitations for every teacher without an account"], ["yanxiu accounts invite t01 t02", "只为两位教师", "for two teachers only"]],
  "accounts list": [["yanxiu accounts list", "列出登录账号", "list the logins"]],
  "accounts reset": [["yanxiu accounts reset t01", "清除张老师的密码,发新的邀请码", "clear t01's password and make a new code"]],
  "accounts disable": [["yanxiu accounts disable t02", "停用李老师的账号", "disable t02's account"]],
  "accounts enable": [["yanxiu accounts enable t02", "重新启用", "enable it again"]],
  certificate: [["yanxiu certificate t01 -o 张老师.html", "张老师本学期的学时证明", "t01's certificate for this term"], ["yanxiu certificate --all --year 2026-2027 -o 全校.pdf", "全校一年的证明,一个文件", "every teacher's for a year, one file"]],
  import: [["yanxiu import roster 教师名单.xlsx --dry-run", "先预览从 Excel 导入的名册", "preview the roster read from Excel"], ["yanxiu import roster 教师名单.xlsx", "导入名册", "import the roster"], ["yanxiu import --template roster -o 名册模板.xlsx", "写出带表头的空表", "write an empty sheet with the headers"], ["yanxiu import --template records -o 记录模板.xlsx", "记录的空表(含类型说明)", "an empty records sheet (with the kinds)"], ["yanxiu import records 记录.xlsx --dry-run", "预览导入的记录", "preview the records to import"]],
  export: [["yanxiu export records -o 记录.xlsx", "全部记录和集体活动导出为 Excel", "every record and session to Excel"], ["yanxiu export records --term 2025-2026-1 -o 记录.csv", "一个学期,CSV", "one term, as CSV"]],
  review: [["yanxiu review", "我可以审核的记录", "the records I may review"], ["yanxiu review --group chinese --format json", "一个教研组的待审记录(JSON,含 ref)", "one group's queue as JSON, with refs"]],
  approve: [["yanxiu approve 3f2a9c --commit", "审定一条记录并以审核人身份提交", "approve one record and commit as the approver"], ["yanxiu approve --all-shown --group chinese", "审定列出的全部记录", "approve every record shown"], ["yanxiu approve 3f2a9c --status 验证", "验证已审定的记录", "verify an approved record"]],
  reject: [["yanxiu reject 3f2a9c --reason 缺少听课记录", "退回并写明原因", "return it with the reason"]],
  schema: [["yanxiu schema", "修改规则后重写 .yanxiu/schema/", "rewrite .yanxiu/schema/ after a rules change"], ["yanxiu schema --out docs/schema", "写出通用 Schema", "write the general schemas"]],
  completion: [["yanxiu completion bash >> ~/.bashrc", "bash 补全", "bash completion"], ["yanxiu completion fish > ~/.config/fish/completions/yanxiu.fish", "fish 补全", "fish completion"]],
};

/** A command's path below the root: "", "check", "rules test". */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

/**
 * Columns an example command takes in a terminal: Chinese (and other wide) characters two,
 * the rest one. Enough for these commands (a test compares it with string-width for each);
 * string-width itself would load ICU's segmenter on every start-up, for a help rarely shown.
 */
export function exampleWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

function section(cmd: Command, lang: Lang): string {
  const list = EXAMPLES[commandPath(cmd)] ?? [[`yanxiu ${commandPath(cmd)} --help`.replace(/\s+/g, " "), "本帮助", "this help"]];
  const width = Math.max(...list.map(([c]) => exampleWidth(c)));
  const lines = list.map(([c, zh, en]) => `  ${c}${" ".repeat(width - exampleWidth(c))}  # ${lang === "zh" ? zh : en}`);
  return `\n${lang === "zh" ? "示例:" : "Examples:"}\n${lines.join("\n")}\n`;
}

/** Adds the Examples section to `cmd` and every command below it. */
export function addExamples(cmd: Command, lang: Lang): void {
  cmd.addHelpText("after", () => section(cmd, lang));
  for (const sub of cmd.commands) addExamples(sub, lang);
}
