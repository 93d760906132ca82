/** The files `yanxiu init` writes, as text. Kept as data so the scaffold can be tested without a disk. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { t, type Lang } from "../i18n.js";
import { ciFiles } from "../templates/ci.js";
import { modeline, vscodeFiles } from "../templates/editor.js";

export interface ScaffoldOptions {
  school: string;
  presets: string[];
  presetsDir: string;
  today: string;
  /** What the CI files install: the vendored tarball, a registry version or a git URL. */
  ciInstall: string;
  lang: Lang;
}

/** The school year containing `date`: it starts on 1 September. */
export function schoolYearOf(date: string): { id: string; start: string; end: string; first: string; second: string } {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const a = m >= 9 ? y : y - 1;
  return { id: `${a}-${a + 1}`, start: `${a}-09-01`, end: `${a + 1}-08-31`, first: `${a}-${a + 1}-1`, second: `${a}-${a + 1}-2` };
}

/** The rule files a rule-test file composes (its `rules:`), as written there. */
function testedRuleFiles(text: string): string[] {
  const doc = parse(text) as { rules?: unknown } | null;
  const rules = doc?.rules;
  return Array.isArray(rules) ? rules.map(String) : typeof rules === "string" ? [rules] : [];
}

export function scaffoldFiles(o: ScaffoldOptions): Map<string, string> {
  const year = schoolYearOf(o.today);
  const a = Number(year.id.slice(0, 4));
  const files = new Map<string, string>();
  files.set("yanxiu.yaml", [
    modeline("yanxiu.yaml", "config.schema.json"),
    `school: ${o.school}`,
    `lang: ${o.lang}`,
    "# 适用的规则文件,按顺序组合 / rule files that apply, composed in order",
    "rules:",
    ...o.presets.map((p) => `  - rules/${p}.yaml`),
    "years:",
    `  - id: ${year.id}`,
    `    name: ${a}—${a + 1}学年`,
    `    start: ${year.start}`,
    `    end: ${year.end}`,
    "    terms:",
    `      - id: ${year.first}`,
    `        name: ${a}—${a + 1}学年第一学期`,
    `        start: ${a}-09-01`,
    `        end: ${a + 1}-01-31`,
    `      - id: ${year.second}`,
    `        name: ${a}—${a + 1}学年第二学期`,
    `        start: ${a + 1}-02-01`,
    `        end: ${a + 1}-08-31`,
    "# 关闭或调整某项检查 / switch a check off or change its severity, e.g. future-date: warning",
    "checks: {}",
    "# 这些角色不计学时,不进入任何统计(教务处等);也可在名册里给某人写 scored: false",
    "# roles not scored and left out of every statistic (the office); or scored: false on one person in the roster",
    "notScored: [行政]",
    "# 打印报表末尾的签字栏 / the signature line of printed reports",
    "reports:",
    "  signatures: [制表, 审核, 校长]",
    "",
  ].join("\n"));
  files.set("roster.yaml", [
    modeline("roster.yaml", "roster.schema.json"),
    "# 教研组与教师名单 / groups and teachers",
    "groups:",
    "  - id: chinese",
    "    name: 语文教研组",
    "    type: 教研组",
    "    leader: t01",
    "teachers:",
    t(o.lang, "  # 教务处:行政人员审核规则、名册和配置的修改(CODEOWNERS、yanxiu audit 以 emails 认人)",
      "  # the office: administrators review changes to the rules, roster and config (CODEOWNERS and yanxiu audit know people by emails)"),
    "  - id: t00",
    "    name: 教务处",
    "    roles: [行政]",
    "    emails: [jiaowu@example.edu.cn]",
    "  - id: t01",
    "    name: 张老师",
    "    groups: [chinese]",
    "    roles: [教研组长, 骨干教师]",
    "    emails: [t01@example.edu.cn]",
    "  - id: t02",
    "    name: 李老师",
    "    groups: [chinese]",
    "    roles: [青年教师]",
    "    emails: [t02@example.edu.cn]",
    "",
  ].join("\n"));
  for (const p of o.presets) {
    files.set(`rules/${p}.yaml`, readFileSync(join(o.presetsDir, `${p}.yaml`), "utf8"));
    // The preset's own tests, so `yanxiu rules test` works from day one and shows how to write one.
    const tests = join(o.presetsDir, `${p}.test.yaml`);
    if (!existsSync(tests)) continue;
    const text = readFileSync(tests, "utf8");
    // A test that composes a preset the school did not take would fail for that reason alone.
    if (testedRuleFiles(text).every((f) => o.presets.includes(f.replace(/\.yaml$/, "")))) files.set(`rules/${p}.test.yaml`, text);
  }
  const term = o.today >= `${a + 1}-02-01` ? year.second : year.first;
  files.set(`records/${term}/t01.yaml`, [
    modeline(`records/${term}/t01.yaml`, "records.schema.json"),
    t(o.lang, "# 张老师本学期的研修记录(每位教师每学期一个文件)", "# t01's records for this term (one file per teacher per term)"),
    "teacher: t01",
    "records:",
    `  - date: ${o.today}`,
    "    kind: observation",
    "    title: 听课《荷塘月色》(七年级语文)",
    "    count: 1",
    "",
  ].join("\n"));
  files.set("evidence/.gitkeep", "");
  // .yanxiu-serve/ holds the web page's accounts (password hashes) and must never be committed.
  files.set(".gitignore", ".yanxiu-cache/\n.yanxiu-serve/\nnode_modules/\n");
  // CI runs `yanxiu check` on every push and pull/merge request (GitHub, GitLab, Gitea).
  for (const [file, text] of ciFiles(o.ciInstall)) files.set(file, text);
  // VS Code: the YAML extension and the schemas in .yanxiu/schema/ (written once the rules load).
  for (const [file, text] of vscodeFiles()) files.set(file, text);
  return files;
}
