/** The words of `yanxiu explain`: ExplainData as lines a teacher reads, and tables for export. */
import { t, type Lang } from "../i18n.js";
import { collectiveLines } from "./collective.js";
import type { Scheme } from "../rules/types.js";
import type { ScoreResult } from "../score/types.js";
import type { Line, ReportDoc, ReportTable } from "./document.js";
import type { ExplainData, ExplainItem, ExplainRecord, ExplainRequirement, LabelledAddition } from "./explain.js";
import { periodLabel, unitLabel } from "./labels.js";
import { STATUSES } from "../schema/vocab.js";

const REASONS: Record<string, [string, string]> = {
  role: ["角色不符", "the teacher's role does not qualify"],
  status: ["未审核或被退回", "not approved (or rejected)"],
  "too-short": ["字数不足", "too short"],
  "no-evidence": ["缺少证明材料", "evidence missing"],
  "no-entry": ["规则表中没有这个级别/等次", "no entry for its level/award in the rule's table"],
  "no-score": ["没有评分", "no score recorded"],
  "no-hours": ["没有学时数", "no hours recorded"],
  "activity-role": ["活动中的角色不符(如不是主备)", "its role in the activity does not qualify (e.g. not the main preparer)"],
  calendar: ["日期不在规定的周次或星期", "not in the weeks or on the weekdays the rule names"],
  "no-content": ["缺少规定的内容部分", "a required part of its content is missing"],
  level: ["级别不符", "its level does not qualify"],
  award: ["等次不符", "its award does not qualify"],
  absent: ["缺席", "absent"],
  excused: ["请假", "excused"],
  late: ["迟到", "late"],
  "left-early": ["早退", "left early"],
};

function reasonText(code: string | undefined, lang: Lang): string {
  if (!code) return "";
  const r = REASONS[code];
  return r ? t(lang, r[0], r[1]) : code;
}

const n = (x: number) => String(Math.round(x * 100) / 100);
const signed = (x: number) => (x > 0 ? `+${n(x)}` : x < 0 ? `−${n(-x)}` : "0");

function measureUnit(m: string, u: string, lang: Lang): string {
  return m === "credit" || m === "hours" ? u : m === "words" ? t(lang, "字", "words") : "";
}

/** Lessons (a kind with a count field) are counted in 节, other records in 次. */
function countWord(kind: string, scheme: Scheme | undefined): string {
  return scheme?.kinds.get(kind)?.fields.includes("count") ? "节" : "次";
}

/** "再增加 3 节「听课/观课议课」" — the addition itself, without its effect. */
export function additionText(a: LabelledAddition, scheme: Scheme | undefined, lang: Lang): string {
  if (a.measure === "words") return t(lang, `再交一篇 ${n(a.amount)} 字的「${a.kindLabel}」`, `one more ${a.kindLabel} of ${n(a.amount)} words`);
  if (a.measure === "hours") return t(lang, `再参加 ${n(a.amount)} 学时「${a.kindLabel}」`, `${n(a.amount)} more hours of ${a.kindLabel}`);
  return t(lang, `再增加 ${n(a.amount)} ${countWord(a.kind, scheme)}「${a.kindLabel}」`, `${n(a.amount)} more × ${a.kindLabel}`);
}

function requirementLines(r: ExplainRequirement, u: string, scheme: Scheme | undefined, lang: Lang): Line[] {
  const mu = measureUnit(r.measure, u, lang);
  const bound = r.minimum !== undefined ? `${n(r.actual)} / ${n(r.minimum)}${mu ? ` ${mu}` : ""}` : `${n(r.actual)}${mu ? ` ${mu}` : ""}, ${t(lang, "上限", "at most")} ${n(r.maximum ?? 0)}`;
  const partial = r.partial ? t(lang, "(进行中)", " (in progress)") : "";
  const head = `${r.label}(${r.window})${partial}:${bound}`;
  if (r.met) return [{ indent: 1, tone: "ok", text: `✔ ${t(lang, head, `${r.label} (${r.window})${partial}: ${bound}`)}` }];
  const gap = r.shortBy > 0 ? t(lang, `,差 ${n(r.shortBy)}`, `, short by ${n(r.shortBy)}`) : t(lang, `,超出 ${n(r.excess)}`, `, over by ${n(r.excess)}`);
  const lines: Line[] = [{ indent: 1, tone: "short", text: `✘ ${t(lang, head, `${r.label} (${r.window})${partial}: ${bound}`)}${gap}` }];
  const closing = r.closeBy.filter((a) => a.closes);
  if (closing.length) {
    if (closing.length > 1) lines.push({ indent: 2, tone: "hint", text: t(lang, "补齐办法(任选其一):", "to close the gap (any one of):") });
    for (const a of closing) {
      const effect = r.measure === "credit"
        ? t(lang, ` → ${a.itemLabel ?? ""} +${n(a.gain)} ${u}`, ` → ${a.itemLabel ?? ""} +${n(a.gain)} ${u}`)
        : a.totalGain > 0 ? t(lang, ` → 达到要求,合计另 +${n(a.totalGain)} ${u}`, ` → met, and +${n(a.totalGain)} ${u} in total`) : t(lang, " → 达到要求", " → met");
      lines.push({ indent: closing.length > 1 ? 3 : 2, tone: "hint", text: `→ ${additionText(a, scheme, lang)}${effect}` });
    }
  } else if (r.closeBy.length) {
    lines.push({ indent: 2, tone: "hint", text: t(lang, "单项都补不齐,需几项合计;各项最多还能加:", "no single item closes it; the most each can still add:") });
    for (const a of r.closeBy) lines.push({ indent: 3, tone: "hint", text: `${a.itemLabel ?? a.kindLabel} +${n(a.gain)} ${u}` });
    // Items under one capped category cannot add up past its cap: say so.
    for (const c of scheme?.categories.values() ?? []) {
      if (c.cap === undefined) continue;
      const shared = r.closeBy.filter((a) => a.item && scheme!.items.get(a.item)?.versions.at(-1)?.category === c.id);
      if (shared.length < 2) continue;
      const names = shared.map((a) => a.itemLabel).join(t(lang, "、", ", "));
      const cat = lang === "en" ? c.labelEn : c.label;
      lines.push({ indent: 3, tone: "muted", text: t(lang, `(${names} 共用「${cat}」上限 ${n(c.cap)})`, `(${names} share the cap of ${n(c.cap)} of ${cat})`) });
    }
  }
  return lines;
}

function recordText(rec: ExplainRecord, item: ExplainItem, u: string, scheme: Scheme | undefined, lang: Lang): Line {
  const where = `${rec.file}:${rec.line}  ${rec.date}  ${rec.title || rec.kindLabel}`;
  let what: string;
  if (rec.step === "excluded") what = t(lang, `不计:${reasonText(rec.reason, lang)}`, `not counted: ${reasonText(rec.reason, lang)}`);
  else if (rec.step === "duplicate") what = t(lang, "不计:与另一条重复,只计最高的一条", "not counted: a duplicate; only the highest counts");
  else if (rec.step === "forfeit") what = t(lang, "作废:缺勤或请假过多,本期本项不计", "forfeited: too many absences in the window");
  else if (rec.reason === "tally") {
    what = rec.words !== undefined ? t(lang, `计入 ${n(rec.words)} 字`, `counts ${n(rec.words)} words`) : t(lang, `计入 ${n(rec.count)} ${countWord(rec.kind, scheme)}`, `counts ${n(rec.count)}`);
  } else {
    what = `${signed(rec.amount)} ${u}`;
    const notes = [
      rec.counted !== undefined && rec.counted < rec.amount
        ? rec.counted <= 0 ? t(lang, "已超上限,不计", "over the cap, not counted") : t(lang, `上限内只计 ${n(rec.counted)}`, `only ${n(rec.counted)} within the cap`)
        : "",
      rec.reason ? reasonText(rec.reason, lang) : "",
    ].filter(Boolean);
    if (notes.length) what += t(lang, `(${notes.join(";")})`, ` (${notes.join("; ")})`);
  }
  const version = item.rules.length > 1 ? t(lang, `  [规则 ${rec.rule.file}:${rec.rule.line}${rec.rule.version ? ` 自 ${rec.rule.version} 起` : ""}]`, `  [rule ${rec.rule.file}:${rec.rule.line}${rec.rule.version ? ` from ${rec.rule.version}` : ""}]`) : "";
  return { indent: 2, text: `${where}  ${what}${version}${reviewText(rec.review, lang)}`, ...(rec.step !== "credit" ? { tone: "muted" as const } : {}) };
}

function windowText(w: ExplainItem["windows"][number], item: ExplainItem, u: string, scheme: Scheme | undefined, lang: Lang): Line | undefined {
  const c = item.credit;
  const unit = countWord(item.records[0]?.kind ?? "", scheme);
  if (w.step === "tier" && c?.type === "tiers") {
    const first = c.tiers[0]!;
    const reached = w.reason?.startsWith("tier:") ? c.tiers.find((x) => `tier:${x.atLeast}` === w.reason) : undefined;
    const count = w.count ?? 0;
    if (reached) return { indent: 2, text: t(lang, `${w.window} 共 ${count} ${unit},达到 ≥${reached.atLeast} 档 → ${n(reached.credit)} ${u}`, `${w.window}: ${count} in all, tier ≥${reached.atLeast} reached → ${n(reached.credit)} ${u}`) };
    const short = Number(w.reason?.slice(6));
    if (w.reason?.startsWith("short:") && c.shortfall !== undefined) {
      const got = Math.max(0, first.credit - short * c.shortfall);
      return { indent: 2, text: t(lang, `${w.window} 共 ${count} ${unit},不足 ${first.atLeast}(差 ${short}):${n(first.credit)} − ${short}×${n(c.shortfall)} = ${n(got)} ${u}`, `${w.window}: ${count} in all, ${short} short of ${first.atLeast}: ${n(first.credit)} − ${short}×${n(c.shortfall)} = ${n(got)} ${u}`) };
    }
    return { indent: 2, text: t(lang, `${w.window} 共 ${count} ${unit},不足 ${first.atLeast} → 0`, `${w.window}: ${count} in all, below ${first.atLeast} → 0`) };
  }
  if (w.step === "once") {
    if (w.reason === "met") return { indent: 2, text: t(lang, `${w.window} 条件满足 → ${signed(w.amount)} ${u}`, `${w.window}: condition met → ${signed(w.amount)} ${u}`) };
    return { indent: 2, tone: "short", text: t(lang, `${w.window} 条件未满足 → 0`, `${w.window}: condition not met → 0`) };
  }
  if (w.step === "cap") return { indent: 2, text: t(lang, `${w.window} 本项上限 ${n(item.cap ?? 0)}:削减 ${signed(w.amount)} ${u}`, `${w.window}: item cap ${n(item.cap ?? 0)} cuts ${signed(w.amount)} ${u}`) };
  if (w.step === "floor") return { indent: 2, text: t(lang, `${w.window} 合计为负,按 0 计`, `${w.window}: below zero, counted as 0`) };
  return undefined;
}

function onceCondition(item: ExplainItem, kindLabel: (k: string) => string, lang: Lang): string | undefined {
  const c = item.credit;
  if (c?.type !== "once") return undefined;
  const parts = c.anyOf.map((q) => {
    const kinds = q.kinds.map(kindLabel).join("/");
    const bits = [
      q.totalWords !== undefined ? t(lang, `合计 ≥${q.totalWords} 字`, `≥${q.totalWords} words in all`) : "",
      q.words !== undefined ? t(lang, `一篇 ≥${q.words} 字`, `one of ≥${q.words} words`) : "",
      q.count !== undefined ? t(lang, `≥${q.count} 次`, `≥${q.count}`) : "",
    ].filter(Boolean);
    return `${kinds} ${bits.join(t(lang, "且", " and "))}`;
  });
  return t(lang, `条件:${parts.join(",或 ")} → ${n(c.credit)}`, `condition: ${parts.join(", or ")} → ${n(c.credit)}`);
}

function itemLines(item: ExplainItem, u: string, scheme: Scheme | undefined, lang: Lang): Line[] {
  const kindLabel = (k: string) => { const d = scheme?.kinds.get(k); return d ? (lang === "en" ? d.labelEn : d.label) : k; };
  const rule = item.rules.length === 1 ? item.rules[0]! : undefined;
  const ruleText = rule ? t(lang, ` · 规则 ${rule.file}:${rule.line}${rule.version ? `(自 ${rule.version} 起的版本)` : ""}`, ` · rule ${rule.file}:${rule.line}${rule.version ? ` (version from ${rule.version})` : ""}`) : "";
  const capped = item.raw !== item.credited ? t(lang, `(合计 ${n(item.raw)},上限 ${n(item.cap ?? 0)},削减 ${n(item.raw - item.credited)})`, ` (earned ${n(item.raw)}, cap ${n(item.cap ?? 0)} cut ${n(item.raw - item.credited)})`) : "";
  const lines: Line[] = [{ indent: 1, text: t(lang, `■ ${item.label}:计 ${n(item.credited)} ${u}${capped}${ruleText}`, `■ ${item.label}: ${n(item.credited)} ${u}${capped}${ruleText}`) }];
  const cond = onceCondition(item, kindLabel, lang);
  if (cond) lines.push({ indent: 2, tone: "muted", text: cond });
  const windows = [...new Set([...item.records.map((r) => r.window), ...item.windows.map((w) => w.window)])];
  for (const w of windows) {
    for (const rec of item.records.filter((r) => r.window === w)) lines.push(recordText(rec, item, u, scheme, lang));
    for (const x of item.windows.filter((y) => y.window === w)) { const l = windowText(x, item, u, scheme, lang); if (l) lines.push(l); }
    for (const a of item.next.filter((y) => y.window === w)) {
      const capNote = a.totalGain !== a.gain ? t(lang, `(受上限影响,合计只 ${signed(a.totalGain)})`, ` (caps leave ${signed(a.totalGain)} in total)`) : "";
      lines.push({ indent: 2, tone: "hint", text: t(lang, `→ ${additionText(a, scheme, lang)} → 达到 ≥${a.atLeast} 档,+${n(a.gain)} ${u}${capNote}`, `→ ${additionText(a, scheme, lang)} → tier ≥${a.atLeast}, +${n(a.gain)} ${u}${capNote}`) });
    }
  }
  return lines;
}

export function explainDoc(data: ExplainData, scheme: Scheme | undefined, lang: Lang): ReportDoc {
  const u = unitLabel(data.scheme.unit as ScoreResult["scheme"]["unit"], lang);
  const short = data.requirements.filter((r) => !r.met).length;
  const overview: Line[] = [
    { indent: 0, tone: data.met ? "ok" : "short", text: t(lang, `合计 ${n(data.total)} ${u},等次 ${data.grade}${short ? `;${short} 项要求未达到` : ";各项要求均已达到"}`, `total ${n(data.total)} ${u}, grade ${data.grade}${short ? `; ${short} requirement${short > 1 ? "s" : ""} not met` : "; every requirement met"}`) },
  ];
  const reqLines = data.requirements.flatMap((r) => requirementLines(r, u, scheme, lang));
  // The teacher's groups' own requirements: not the teacher's to meet, but what the group still owes.
  const groupLines = (data.groupRequirements ?? []).flatMap((g) => collectiveLines(g, lang));
  const itemSection = data.items.flatMap((i) => itemLines(i, u, scheme, lang));
  if (data.unused.length) itemSection.push({ indent: 1, tone: "muted", text: t(lang, `无记录:${data.unused.map((x) => x.label).join("、")}`, `no records: ${data.unused.map((x) => x.label).join(", ")}`) });
  const catLines: Line[] = data.categories.flatMap((c) => [
    { indent: 1, text: t(lang, `${c.label}:${n(c.credited)} ${u}${c.cap !== undefined ? `(上限 ${n(c.cap)})` : ""}`, `${c.label}: ${n(c.credited)} ${u}${c.cap !== undefined ? ` (cap ${n(c.cap)})` : ""}`) },
    ...c.cuts.map((x) => ({ indent: 2, text: t(lang, `${x.window} 类别上限削减 ${signed(x.amount)} ${u}`, `${x.window}: category cap cuts ${signed(x.amount)} ${u}`) })),
  ]);
  const groups = data.teacher.groups.map((g) => g.name).join("、");
  return {
    kind: "explain",
    lang,
    title: t(lang, `${data.teacher.name}(${data.teacher.id})研修学时说明`, `${data.teacher.name} (${data.teacher.id}): how the ${u} add up`),
    meta: [
      [data.school, groups, data.teacher.roles.join("、")].filter(Boolean).join(" · "),
      periodLabel(data.period, lang),
      data.scheme.name,
    ],
    sections: [
      { heading: t(lang, "总览", "Overview"), lines: overview },
      { heading: t(lang, "要求", "Requirements"), lines: reqLines },
      ...(groupLines.length ? [{ heading: t(lang, "所在组的要求", "Requirements of the teacher's groups"), lines: groupLines }] : []),
      { heading: t(lang, "各项目明细", "Items"), lines: itemSection },
      { heading: t(lang, "类别", "Categories"), lines: catLines },
    ],
    tables: explainTables(data, u, scheme, lang),
    charts: [{ id: "items", title: t(lang, `各项目计入${u}`, `${u} per item`), unit: u, bars: data.items.map((i) => ({ label: i.label, value: i.credited })) }],
    data,
  };
}

/** "  [审定 张老师 2026-11-02]", "  [退回:原因 — 张老师 2026-11-02]", "  [录入,审核后被修改]"; nothing for a plain 录入. */
export function reviewText(r: ExplainRecord["review"], lang: Lang): string {
  const status = STATUSES.label(r.status, lang);
  if (r.lapsed) return t(lang, `  [${status}:审核后被修改,待重新审核]`, `  [${status}: changed after review, to be reviewed again]`);
  if (r.status === "draft") return "";
  const who = [r.approverName ?? r.approver, r.reviewed].filter(Boolean).join(" ");
  if (r.status === "rejected" && r.reason) return t(lang, `  [${status}:${r.reason}${who ? ` — ${who}` : ""}]`, `  [${status}: ${r.reason}${who ? ` — ${who}` : ""}]`);
  return `  [${status}${who ? ` ${who}` : ""}]`;
}

function explainTables(data: ExplainData, u: string, scheme: Scheme | undefined, lang: Lang): ReportTable[] {
  const itemLabel = new Map(data.items.map((i) => [i.id, i.label]));
  const records: ReportTable = {
    id: "records",
    title: t(lang, "记录明细", "Records"),
    sheet: t(lang, "记录明细", "Records"),
    columns: [
      { header: t(lang, "项目", "item"), type: "text" },
      { header: t(lang, "时段", "window"), type: "text" },
      { header: t(lang, "文件", "file"), type: "text" },
      { header: t(lang, "行", "line"), type: "number" },
      { header: t(lang, "日期", "date"), type: "text" },
      { header: t(lang, "类型", "kind"), type: "text" },
      { header: t(lang, "标题", "title"), type: "text", long: true },
      { header: u, type: "number" },
      { header: t(lang, "上限内计入", "within cap"), type: "number" },
      { header: t(lang, "说明", "note"), type: "text", long: true },
      { header: t(lang, "规则文件", "rule file"), type: "text" },
      { header: t(lang, "规则行", "rule line"), type: "number" },
      { header: t(lang, "规则版本", "rule version"), type: "text" },
      { header: t(lang, "审核状态", "review status"), type: "text" },
      { header: t(lang, "审核人", "reviewed by"), type: "text" },
      { header: t(lang, "退回原因", "returned because"), type: "text" },
    ],
    rows: data.items.flatMap((i) => i.records.map((r) => [
      itemLabel.get(i.id) ?? i.id, r.window, r.file, r.line, r.date, r.kindLabel, r.title, r.amount, r.counted ?? null,
      r.step === "credit" ? (r.reason === "tally" ? t(lang, `计入 ${r.words ?? r.count}`, `counts ${r.words ?? r.count}`) : reasonText(r.reason, lang)) : `${r.step}${r.reason ? `: ${reasonText(r.reason, lang)}` : ""}`,
      r.rule.file, r.rule.line, r.rule.version,
      STATUSES.label(r.review.status, lang), r.review.approverName ?? r.review.approver ?? null, r.review.reason ?? null,
    ])),
  };
  const reqs: ReportTable = {
    id: "requirements",
    title: t(lang, "要求", "Requirements"),
    sheet: t(lang, "要求", "Requirements"),
    columns: [
      { header: t(lang, "要求", "requirement"), type: "text" },
      { header: t(lang, "时段", "window"), type: "text" },
      { header: t(lang, "实际", "actual"), type: "number" },
      { header: t(lang, "最低", "minimum"), type: "number" },
      { header: t(lang, "差", "short by"), type: "number" },
      { header: t(lang, "达到", "met"), type: "text" },
      { header: t(lang, "补齐办法", "to close the gap"), type: "text", long: true },
    ],
    rows: data.requirements.map((r) => [
      r.label, r.window, r.actual, r.minimum ?? null, r.shortBy, r.met ? t(lang, "是", "yes") : t(lang, "否", "no"),
      r.closeBy.filter((a) => a.closes).map((a) => additionText(a, scheme, lang)).join(t(lang, ";或 ", "; or ")),
    ]),
  };
  const items: ReportTable = {
    id: "items",
    title: t(lang, "项目", "Items"),
    sheet: t(lang, "项目", "Items"),
    columns: [
      { header: t(lang, "项目", "item"), type: "text" },
      { header: t(lang, "合计", "earned"), type: "number" },
      { header: t(lang, "上限", "cap"), type: "number" },
      { header: t(lang, "计入", "credited"), type: "number" },
    ],
    rows: data.items.map((i) => [i.label, i.raw, i.cap ?? null, i.credited]),
  };
  return [reqs, items, records];
}
