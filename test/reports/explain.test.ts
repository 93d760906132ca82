/**
 * `yanxiu explain` on the example school, pinned line by line. The numbers are worked out by
 * hand from rules/xintian.yaml + rules/observation-minimums.yaml (see the comments); the demo
 * school runs those presets byte for byte.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { DEMO_SCHOOL } from "../helpers/temp-repo.js";

const explain = (...args: string[]) => runCli(["explain", ...args, DEMO_SCHOOL, "--year", "2025-2026"]);

/** The lines of one item's block, from its ■ line up to the next ■ (or the end of the section). */
function block(out: string, head: string): string[] {
  const lines = out.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`  ■ ${head}`));
  expect(start, `no item ${head}`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && (l.startsWith("  ■") || l.startsWith("  无记录") || l === ""));
  return lines.slice(start, end);
}

describe("yanxiu explain t10 (张明, 年级组长, English group)", () => {
  it("heads with the total and grade: 6 (师德) + 39 (业务) = 45 < 48 → 不合格", async () => {
    const r = await explain("t10");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n").slice(0, 7)).toEqual([
      "张明(t10)研修学时说明",
      "明德实验学校 · 英语组 · 年级组长",
      "学年 2025-2026(2025-09-01 至 2026-08-31)",
      "宣州区新田中心小学校本研修考核办法",
      "",
      "总览",
      "合计 45 学时,等次 不合格;4 项要求未达到",
    ]);
  });

  it("shows each requirement, what is short, and what would close it", async () => {
    const r = await explain("t10");
    const lines = r.stdout.split("\n");
    const from = lines.indexOf("要求");
    // His study plan (09-11) carries 计划, 笔记 and 总结: 1 of 1 (全员参与).
    // business = 计划 4 + 反思 4 + 命好题 5 + 研讨 8 + 主备 8 + (备课 5 + 观课 2+3) = 39, short 3 of 42:
    // one 校级观摩课 (3) or one 命好题/育好人 (5, the cap 10 holds one more) closes it alone.
    // Plan 2's 20 a term is for a 年级主任; the roster says 年级组长, so every teacher's 15 applies:
    // 7 and 8 observed. 8 more in term 1 → 15 → tier ≥15 → 10, from 2 → +8; 7 more in term 2 → 10
    // from 3 → +7 (备课上课与观课议课: 5 + 10 + 3 = 18 and 5 + 2 + 10 = 17, under its cap 20).
    expect(lines.slice(from, from + 18)).toEqual([
      "要求",
      "  ✔ 个人研修计划(全员参与)(2025-2026):1 / 1",
      "  ✔ 师德学习 6 学时(2025-2026):6 / 6 学时",
      "  ✘ 业务研修至少 42 学时(2025-2026):39 / 42 学时,差 3",
      "    补齐办法(任选其一):",
      "      → 再增加 1 次「校级观摩课」 → 校级观摩课 +3 学时",
      "      → 再增加 1 次「命好题」 → 命好题育好人 +5 学时",
      "      → 再增加 1 次「育好人」 → 命好题育好人 +5 学时",
      "  ✘ 全年 48 学时(2025-2026):45 / 48 学时,差 3",
      "    补齐办法(任选其一):",
      "      → 再增加 1 次「校级观摩课」 → 校级观摩课 +3 学时",
      "      → 再增加 1 次「命好题」 → 命好题育好人 +5 学时",
      "      → 再增加 1 次「育好人」 → 命好题育好人 +5 学时",
      "  ✘ 每学期听课节数(2025-2026-1):7 / 15,差 8",
      "    → 再增加 8 节「听课/观课议课」 → 达到要求,合计另 +8 学时",
      "  ✘ 每学期听课节数(2025-2026-2):8 / 15,差 7",
      "    → 再增加 7 节「听课/观课议课」 → 达到要求,合计另 +7 学时",
      "",
    ]);
  });

  it("cites every group session with file:line and shows where the item cap of 8 cut it", async () => {
    const r = await explain("t10");
    // 3 each for the 10 sessions he did not lead: 30; cap 8 → cut 22. The third session crosses the
    // cap: 3 + 3 + 2 = 8. The two 集体备课 he led (lead: t10, 2025-11-27 and 2026-06-04) are 主备:
    // not in this item, but 4 each outside the cap (直接认定 4学时) = 8.
    expect(block(r.stdout, "组内研讨与集体备课")).toEqual([
      "  ■ 组内研讨与集体备课:计 8 学时(合计 30,上限 8,削减 22) · 规则 rules/xintian.yaml:113",
      "    sessions/2025-2026-1/english.yaml:13  2025-09-25  集体备课：五年级英语《Unit 2 My Week》  +3 学时",
      "    sessions/2025-2026-1/english.yaml:24  2025-10-16  集体备课：七年级英语《Unit 3 Is this your pencil?》  +3 学时",
      "    sessions/2025-2026-1/english.yaml:36  2025-11-06  集体备课：五年级英语《Unit 6 In a Nature Park》  +3 学时(上限内只计 2)",
      "    sessions/2025-2026-1/english.yaml:47  2025-11-27  集体备课：九年级英语《Unit 5 What are the shirts made of?》  不计:活动中的角色不符(如不是主备)",
      "    sessions/2025-2026-1/english.yaml:58  2025-12-18  集体备课：五年级英语《Unit 2 My Week》（第二次）  +3 学时(已超上限,不计;早退)",
      "    sessions/2025-2026-1/english.yaml:69  2026-01-08  集体备课：七年级英语《Unit 5 Do you have a soccer ball?》  +3 学时(已超上限,不计)",
      "    sessions/2025-2026-2/english.yaml:14  2026-02-26  集体备课：七年级英语《Unit 5 Do you have a soccer ball?》  +3 学时(已超上限,不计)",
      "    sessions/2025-2026-2/english.yaml:26  2026-03-19  组内研讨：大单元教学设计研讨  +3 学时(已超上限,不计)",
      "    sessions/2025-2026-2/english.yaml:37  2026-04-16  集体备课：七年级英语《Unit 3 Is this your pencil?》  +3 学时(已超上限,不计)",
      "    sessions/2025-2026-2/english.yaml:48  2026-05-07  集体备课：五年级英语《Unit 2 My Week》  +3 学时(已超上限,不计)",
      "    sessions/2025-2026-2/english.yaml:59  2026-06-04  集体备课：五年级英语《Unit 2 My Week》（第二次）  不计:活动中的角色不符(如不是主备)",
      "    sessions/2025-2026-2/english.yaml:70  2026-07-02  组内研讨：新课标学习交流  +3 学时(已超上限,不计)",
      "    2025-2026 本项上限 8:削减 −22 学时",
    ]);
    const led = block(r.stdout, "集体备课主备").filter((l) => !l.includes("不计"));
    expect(led).toEqual([
      "  ■ 集体备课主备:计 8 学时 · 规则 rules/xintian.yaml:122",
      "    sessions/2025-2026-1/english.yaml:47  2025-11-27  集体备课：九年级英语《Unit 5 What are the shirts made of?》  +4 学时",
      "    sessions/2025-2026-2/english.yaml:59  2026-06-04  集体备课：五年级英语《Unit 2 My Week》（第二次）  +4 学时",
    ]);
  });

  it("explains the observation tiers per term and the smallest step to the next tier", async () => {
    const r = await explain("t10");
    // Term 1: 2+2+3 = 7, 3 short of 10 → 5 − 3×1 = 2; 3 more → ≥10 → 5 (+3).
    // Term 2: 3+3+2 = 8 → 5 − 2 = 3; 2 more → 5 (+2).
    expect(block(r.stdout, "观课议课")).toEqual([
      "  ■ 观课议课:计 5 学时 · 规则 rules/xintian.yaml:128",
      "    records/2025-2026-1/t10.yaml:32  2025-12-02  12月听课记录（2节）  计入 2 节  [审定 韩薇博]",
      "    records/2025-2026-1/t10.yaml:39  2025-12-08  12月听课记录（2节）  计入 2 节  [审定 韩薇博]",
      "    records/2025-2026-1/t10.yaml:46  2026-01-20  1月听课记录（3节）  计入 3 节  [审定 韩薇博]",
      "    2025-2026-1 共 7 节,不足 10(差 3):5 − 3×1 = 2 学时",
      "    → 再增加 3 节「听课/观课议课」 → 达到 ≥10 档,+3 学时",
      "    records/2025-2026-2/t10.yaml:4  2026-03-31  3月听课记录（3节）  计入 3 节  [审定 韩薇博]",
      "    records/2025-2026-2/t10.yaml:29  2026-06-19  6月听课记录（3节）  计入 3 节  [审定 韩薇博]",
      "    records/2025-2026-2/t10.yaml:42  2026-07-03  7月听课记录（2节）  计入 2 节  [审定 韩薇博]",
      "    2025-2026-2 共 8 节,不足 10(差 2):5 − 2×1 = 3 学时",
      "    → 再增加 2 节「听课/观课议课」 → 达到 ≥10 档,+2 学时",
    ]);
  });

  it("ends with the categories and their caps", async () => {
    const r = await explain("t10");
    expect(r.stdout.slice(r.stdout.indexOf("类别\n"))).toBe(
      ["类别", "  师德学习:6 学时", "  业务研修:39 学时", "  公开课与评选:0 学时(上限 10)", "  备课上课与观课议课:10 学时(上限 20)", ""].join("\n"),
    );
  });

  it("speaks English with --lang en", async () => {
    const r = await explain("t10", "--lang", "en");
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("张明 (t10): how the hours add up");
    expect(lines).toContain("  ✘ lessons observed a term (2025-2026-1): 7 / 15, short by 8");
    expect(lines).toContain("    → 8 more × lessons observed → met, and +8 hours in total");
    expect(lines).toContain("  ■ group discussion and collective preparation: 8 hours (earned 30, cap 8 cut 22) · rule rules/xintian.yaml:113");
    expect(lines).toContain("    2025-2026-1: 7 in all, 3 short of 10: 5 − 3×1 = 2 hours");
  });

  it("finds the teacher by name too", async () => {
    const byName = await explain("张明");
    const byId = await explain("t10");
    expect(byName.stdout).toBe(byId.stdout);
  });
});

describe("closing a gap", () => {
  it("t11 郑芳: ethics notes left as 录入 do not count; one reflection of 3000 字 or 5000 字 of notes would", async () => {
    const r = await explain("t11");
    const lines = r.stdout.split("\n");
    expect(lines).toContain("  ✘ 师德学习 6 学时(2025-2026):0 / 6 学时,差 6");
    const i = lines.indexOf("  ✘ 师德学习 6 学时(2025-2026):0 / 6 学时,差 6");
    expect(lines.slice(i + 1, i + 4)).toEqual([
      "    补齐办法(任选其一):",
      "      → 再交一篇 3000 字的「师德学习心得」 → 师德学习 +6 学时",
      "      → 再交一篇 5000 字的「师德学习笔记」 → 师德学习 +6 学时",
    ]);
    expect(block(r.stdout, "师德学习")).toEqual([
      "  ■ 师德学习:计 0 学时 · 规则 rules/xintian.yaml:39",
      "    条件:师德学习笔记 合计 ≥5000 字,或 师德学习心得 一篇 ≥3000 字 → 6",
      "    records/2025-2026-1/t11.yaml:35  2025-10-17  师德学习笔记：学习《教师职业道德养成》  不计:未审核或被退回  [退回 王晓丽]",
      "    2025-2026 条件未满足 → 0",
    ]);
  });

  it("t26 司马秀 (不兼课行政): 3 short of 42; one record of several kinds closes it", async () => {
    const r = await explain("t26");
    const lines = r.stdout.split("\n");
    const i = lines.indexOf("  ✘ 业务研修至少 42 学时(2025-2026):39 / 42 学时,差 3");
    expect(i).toBeGreaterThan(0);
    // 校级观摩课 3; 命好题 or 育好人 5 (their cap 10 not reached). One more 公开课 no longer closes it:
    // its 10 is paid only with a lesson in each term of the year (两学期), and one record covers one term.
    expect(lines.slice(i + 1, i + 5)).toEqual([
      "    补齐办法(任选其一):",
      "      → 再增加 1 次「校级观摩课」 → 校级观摩课 +3 学时",
      "      → 再增加 1 次「命好题」 → 命好题育好人 +5 学时",
      "      → 再增加 1 次「育好人」 → 命好题育好人 +5 学时",
    ]);
  });
});

describe("explain: bad input", () => {
  it("an unknown teacher is exit 2 with a suggestion", async () => {
    const r = await explain("t100");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("yanxiu: 名册里没有教师 t100;是不是 t10?\n");
  });

  it("an unknown term is exit 2", async () => {
    const r = await runCli(["explain", "t10", DEMO_SCHOOL, "--term", "2030-1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^yanxiu: 配置里没有学期 2030-1/);
  });
});
