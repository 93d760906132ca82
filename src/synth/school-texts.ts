/** The school's own files: config, roster, .gitignore and the README that describes it. */
import { fromDay } from "./dates.js";
import { listItem, mapLines, scalar } from "./emit.js";
import { leaderOn } from "./plan.js";
import type { SchoolPlan } from "./plan-types.js";
import type { SchoolStats } from "./stats.js";

export const GITIGNORE = "# yanxiu 的缓存与导出文件不入库\n.yanxiu-cache/\nexports/\n*.xlsx\n";

export function configText(plan: SchoolPlan): string {
  const o = plan.opts;
  const out: string[] = [`# yanxiu 配置：${o.schoolName}`];
  mapLines(out, "", { school: o.schoolName, district: o.district, lang: "zh" });
  out.push("rules:");
  for (const r of o.rules) out.push(`  - ${scalar(r)}`);
  out.push("years:");
  for (const y of plan.years) {
    listItem(out, "  ", { id: y.id, name: y.name, start: y.start, end: y.end });
    out.push("    terms:");
    for (const t of y.terms) listItem(out, "      ", { id: t.id, name: t.name, start: t.start, end: t.end });
  }
  if (o.cycle) {
    out.push("cycle:");
    mapLines(out, "  ", { id: o.cycle.id, name: o.cycle.name, start: o.cycle.start, end: o.cycle.end });
  }
  out.push("checks: {}");
  return out.join("\n") + "\n";
}

export function rosterText(plan: SchoolPlan): string {
  const out: string[] = [`# ${plan.opts.schoolName} 教研组与教师名册`, "groups:"];
  for (const grp of plan.groups) {
    const leader = leaderOn(grp, Infinity);
    listItem(out, "  ", {
      id: grp.id, name: grp.name, type: grp.type,
      parent: grp.parent !== undefined ? plan.groups[grp.parent]!.id : undefined,
      leader: leader !== undefined ? plan.teachers[leader]!.id : undefined,
    });
  }
  out.push("teachers:");
  for (const t of plan.teachers) {
    listItem(out, "  ", { id: t.id, name: t.name, groups: t.groups.map((j) => plan.groups[j]!.id) });
    if (t.roles.length === 0) out.push("    roles: []");
    else {
      out.push("    roles:");
      for (const r of t.roles) {
        if (typeof r === "string") out.push(`      - ${scalar(r)}`);
        else listItem(out, "      ", { role: r.role, from: r.from, to: r.to });
      }
    }
    mapLines(out, "    ", { emails: [t.email], joined: t.joined, left: t.left, notes: t.notes });
  }
  return out.join("\n") + "\n";
}

export function readmeText(plan: SchoolPlan, stats: SchoolStats): string {
  const o = plan.opts;
  const name = (id: string) => `${plan.teachers.find((t) => t.id === id)?.name ?? id}（${id}）`;
  const teaching = plan.groups.filter((g) => g.type === "教研组");
  const prep = plan.groups.filter((g) => g.type === "备课组");
  const lines: string[] = [
    `# ${o.schoolName}（示例学校）`,
    "",
    `这是 yanxiu 的示例研修记录仓库：一所虚构的九年一贯制学校，${stats.teachers} 名教师，` +
      `${teaching.length} 个教研组（${teaching.map((g) => g.name).join("、")}）` +
      (prep.length ? `，下设 ${prep.length} 个备课组（${prep.map((g) => g.name).join("、")}）` : "") + "。",
    `数据覆盖 ${plan.years.map((y) => y.name).join("、")}（${plan.terms.map((t) => t.id).join("、")}），` +
      `按《宣州区新田中心小学校本研修考核办法》（每学年 48 学时）和听课最低节数要求计分。`,
    "",
    "所有人名、课题和记录均由程序随机生成，如有雷同纯属巧合。",
    "",
    "## 目录",
    "",
    "| 路径 | 内容 |",
    "|---|---|",
    "| `yanxiu.yaml` | 学校、学年与学期、继续教育周期、采用的规则文件 |",
    "| `roster.yaml` | 教研组、备课组与教师名册（角色、邮箱、入职与调离日期） |",
    "| `records/<学期>/<教师>.yaml` | 每位教师每学期一个文件，由教师本人填写，互不冲突 |",
    "| `sessions/<学期>/<教研组>.yaml` | 集体备课、组内研讨及考勤，由组长填写 |",
    "| `evidence/` | 证明材料（此处为占位文本文件） |",
    "| `rules/` | 计分规则（新田考核办法、听课最低节数） |",
    "",
    "## 数量",
    "",
    `- 教师记录 ${stats.records} 条（${stats.recordFiles} 个文件），教研活动 ${stats.sessions} 次（${stats.sessionFiles} 个文件），考勤 ${stats.attendance} 人次，其中非出勤 ${stats.notPresent} 人次；`,
    `- 证明材料 ${stats.evidenceFiles} 个。`,
    "",
    "## 有意安排的情况",
    "",
  ];
  const facts: string[] = [];
  if (plan.leaderChange) {
    const c = plan.leaderChange;
    facts.push(`${plan.groups[c.group]!.name}组长在 ${fromDay(c.day)} 由${name(plan.teachers[c.from]!.id)}换为${name(plan.teachers[c.to]!.id)}（名册中用带日期的角色表示）。`);
  }
  for (const t of plan.teachers) {
    if (t.left) facts.push(`${name(t.id)}于 ${t.left} 调离，此后没有记录，也不再出现在考勤中。`);
    if (t.joinedDay > plan.terms[0]!.startDay) facts.push(`${name(t.id)}于 ${t.joined} 入职，只有入职后的记录。`);
  }
  const noClass = plan.teachers.filter((t) => t.adminNoClass);
  if (noClass.length) facts.push(`${noClass.map((t) => name(t.id)).join("、")}为不兼课行政，以行政例会、听课记录、论文等代替。`);
  if (stats.shortEthics.length) facts.push(`师德学习笔记不足 5000 字：${stats.shortEthics.map(name).join("、")}。`);
  if (stats.fewObservations.length) facts.push(`有学期听课不足 10 节：${stats.fewObservations.map(name).join("、")}。`);
  if (stats.manyReflections.length) facts.push(`一学年教学反思超过 8 篇（超出上限）：${stats.manyReflections.map(name).join("、")}。`);
  facts.push("少数记录处于“录入”（待审定）或“退回”状态；课题记录用 `ref` 关联同一课题的立项与结题。");
  lines.push(...facts.map((f) => `- ${f}`));
  lines.push(
    "",
    "## 常用命令",
    "",
    "```sh",
    "yanxiu check .            # 校验格式与引用",
    "yanxiu score .            # 按规则计算学时",
    "```",
    "",
    "## 重新生成",
    "",
    "本目录由生成器产生（`src/synth/`），在 yanxiu 仓库根目录运行：",
    "",
    "```sh",
    "npm run build && node dist/synth/cli.js examples/demo-school",
    "```",
    "",
    "同样的参数总是生成完全相同的文件；`rules/` 目录不会被覆盖。",
    "",
  );
  return lines.join("\n");
}
