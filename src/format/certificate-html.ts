/**
 * 学时证明 / 研修档案: one printed page per teacher — who, the period, every counted record
 * with what it earned, each item's credit (and its cap), the requirements met or short, the
 * total and grade, signature boxes and a place for the school seal. Pure: data in, HTML out;
 * self-contained (no script, no network), A4 portrait, a page break between teachers.
 */
import { t, type Lang } from "../i18n.js";
import type { ExplainData } from "../reports/explain.js";
import { periodLabel } from "../reports/labels.js";
import { fmtNum, requirementState } from "../reports/requirement-text.js";
import { escapeHtml as h } from "./html-escape.js";

export interface CertificateOptions {
  lang: Lang;
  signatures: string[];
  /** The day it was made, printed beside the seal. */
  made: string;
  /**
   * A teacher's own copy, printed from the web page: the same numbers, titled as hers to check,
   * without signature boxes or a place for the seal. Only the office prints the certificate.
   */
  selfCopy?: boolean;
  /** The school reviews records: a record not approved or verified says so (待审核) beside its title. */
  markPending?: boolean;
}

const CSS = `
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
  color: #222; margin: 0 auto; max-width: 820px; padding: 16px; font-size: 10.5px; line-height: 1.3; }
section.certificate { break-after: page; page-break-after: always; padding: 4px 0 24px; }
section.certificate:last-of-type { break-after: auto; page-break-after: auto; }
h1 { text-align: center; font-size: 22px; letter-spacing: 0.3em; margin: 4px 0; }
.sub { text-align: center; margin: 0 0 10px; color: #444; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
th, td { border: 1px solid #999; padding: 1px 4px; text-align: left; vertical-align: top; }
th { background: #f2f2f2; white-space: nowrap; } td.num { text-align: right; white-space: nowrap; }
td.name { white-space: nowrap; } tr { break-inside: avoid; page-break-inside: avoid; }
tr.item td { font-weight: bold; background: #fafafa; }
.total { font-size: 15px; font-weight: bold; margin: 8px 0; }
.short { color: #c62828; } .ok { color: #2e7d32; }
.signs { display: flex; gap: 12px; margin-top: 10px; break-inside: avoid; align-items: stretch; }
.signs div { flex: 1; border: 1px solid #999; min-height: 56px; padding: 4px; }
.signs div.seal { flex: 0 0 110px; height: 110px; border: 1px dashed #999; border-radius: 50%; display: flex;
  align-items: center; justify-content: center; color: #999; text-align: center; white-space: pre-line; }
@page { size: A4; margin: 14mm 12mm; }
/* A table of 100 % width with collapsed borders draws half its right border past the page's edge. */
@media print { body { max-width: none; padding: 0 2px; } }
`;

function certificate(d: ExplainData, o: CertificateOptions): string {
  const { lang } = o;
  const u = d.scheme.unit === "credits" ? t(lang, "学分", "credits") : d.scheme.unit === "points" ? t(lang, "分", "points") : t(lang, "学时", "hours");
  const rows: string[] = [];
  for (const item of d.items) {
    const cap = item.cap !== undefined ? t(lang, `(上限 ${fmtNum(item.cap)})`, ` (cap ${fmtNum(item.cap)})`) : "";
    rows.push(`<tr class="item"><td colspan="3">${h(item.label)}${h(cap)}</td><td class="num">${h(fmtNum(item.credited))}</td></tr>`);
    for (const r of item.records.filter((x) => x.step === "credit")) {
      // What the record counted for: after the item's cap, as the item's line adds them up; a
      // lesson tallied toward a count tier counts its lessons, the tier pays the item.
      const counted = r.reason === "tally" ? t(lang, `${fmtNum(r.count)} 节`, `${fmtNum(r.count)} lesson(s)`) : fmtNum(r.counted ?? r.amount);
      const pending = o.markPending && !["approved", "verified"].includes(r.review.status) ? t(lang, "(待审核)", " (not yet reviewed)") : "";
      rows.push(`<tr><td class="name">${h(r.date)}</td><td class="name">${h(r.kindLabel)}</td><td>${h(r.title)}${h(pending)}</td><td class="num">${h(counted)}</td></tr>`);
    }
  }
  const reqs = d.requirements.map((r) => {
    const state = requirementState(r, lang);
    return `<tr><td>${h(r.label)}</td><td class="name">${h(r.window)}${r.partial ? h(t(lang, "(至今)", " (so far)")) : ""}</td><td class="num">${h(fmtNum(r.actual))}</td><td class="num">${h(r.minimum !== undefined ? fmtNum(r.minimum) : "")}</td><td class="${r.met ? "ok" : "short"}">${h(state)}</td></tr>`;
  });
  const groups = d.teacher.groups.map((g) => g.name).join("、");
  return `<section class="certificate" data-teacher="${h(d.teacher.id)}">
<h1>${h(o.selfCopy ? t(lang, "校本研修学时(本人核对用)", "School-based training hours (for checking)") : t(lang, "校本研修学时证明", "Certificate of school-based training"))}</h1>
<p class="sub">${h(d.school)} · ${h(periodLabel(d.period, lang))} · ${h(d.scheme.name)}</p>
<table><tr><th>${h(t(lang, "姓名", "Name"))}</th><td class="name">${h(d.teacher.name)}</td><th>${h(t(lang, "编号", "Id"))}</th><td class="name">${h(d.teacher.id)}</td>
<th>${h(t(lang, "教研组", "Groups"))}</th><td>${h(groups)}</td><th>${h(t(lang, "角色", "Roles"))}</th><td>${h(d.teacher.roles.join("、"))}</td></tr></table>
<table><thead><tr><th>${h(t(lang, "日期", "Date"))}</th><th>${h(t(lang, "类型", "Kind"))}</th><th>${h(t(lang, "名称", "Title"))}</th><th>${h(u)}</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table>
${reqs.length ? `<table><thead><tr><th>${h(t(lang, "要求", "Requirement"))}</th><th>${h(t(lang, "时段", "Window"))}</th><th>${h(t(lang, "实际", "Actual"))}</th><th>${h(t(lang, "应达", "Required"))}</th><th>${h(t(lang, "结果", "Result"))}</th></tr></thead><tbody>${reqs.join("\n")}</tbody></table>` : ""}
<p class="total">${h(t(lang, `合计 ${fmtNum(d.total)} ${u},等次:${d.grade}`, `Total ${fmtNum(d.total)} ${u}, grade: ${d.grade}`))}</p>
${o.selfCopy ? `<p class="sub">${h(t(lang, `本页供本人核对(${o.made}),不作证明:可能含未经审核的记录;学时证明由教务处打印、签字盖章。`, `For checking only (${o.made}), not a certificate: it may count records not yet reviewed; the office prints, signs and seals the certificate.`))}</p>`
  : `<div class="signs">${[t(lang, "本人", "Teacher"), ...o.signatures].map((s) => `<div>${h(s)}:</div>`).join("")}<div class="seal">${h(t(lang, `(学校盖章)\n${o.made}`, `(school seal)\n${o.made}`))}</div></div>`}
</section>`;
}

export function renderCertificates(list: ExplainData[], o: CertificateOptions): string {
  const lang = o.lang === "en" ? "en" : "zh-CN";
  // Browsers print the title in the page's header: a teacher's copy must not say 证明 there either.
  const title = o.selfCopy ? `${list[0]?.teacher.name ?? ""} ${t(o.lang, "本人学时(核对用)", "hours (for checking)")}`
    : list.length === 1 ? `${list[0]!.teacher.name} ${t(o.lang, "学时证明", "certificate")}` : `${list[0]?.school ?? ""} ${t(o.lang, "学时证明", "certificates")}`;
  return [
    "<!DOCTYPE html>",
    `<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="generator" content="yanxiu"><title>${h(title)}</title><style>${CSS}</style></head><body>`,
    ...list.map((d) => certificate(d, o)),
    "</body></html>",
    "",
  ].join("\n");
}
