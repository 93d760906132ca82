/** 教务处: period links, downloads, the summary and score reports, check's problems, the accounts. */
import { t, type Lang } from "../../i18n.js";
import type { Problem } from "../../problem.js";
import type { ReportDoc } from "../../reports/document.js";
import type { PeriodChoice } from "../office-data.js";
import { html, type Html } from "./html.js";
import { render } from "../../messages/index.js";
import { reportHtml } from "./report.js";

export const FORMATS = ["xlsx", "csv", "html", "markdown", "json"] as const;

export interface AccountRow {
  id: string;
  name: string;
  state: string;
  lastLogin?: string;
}

export interface OfficeData {
  lang: Lang;
  choices: PeriodChoice[];
  chosen: PeriodChoice;
  summary: ReportDoc;
  score: ReportDoc;
  problems: Problem[];
  accounts: AccountRow[];
  /** Teachers scored in the period: each has a 学时证明. */
  certified: { id: string; name: string }[];
}

export function officeBody(d: OfficeData): Html {
  const l = d.lang;
  const p = encodeURIComponent(d.chosen.param);
  const downloads = (report: string, label: string) => html`<div class="row"><b>${label}</b>${FORMATS.map((f) => html` <a href="/office/download?report=${report}&amp;format=${f}&amp;period=${p}" download>${f}</a>`)}</div>`;
  return html`<h1>${t(l, "教务处", "Office")} <span class="muted">${d.chosen.label}</span></h1>
<div class="card"><div class="row">${d.choices.map((c) => html`<a class="button ${c.param === d.chosen.param ? "" : "secondary"}" href="/office?period=${encodeURIComponent(c.param)}">${c.label}</a>`)}</div></div>
<div class="card"><h2>${t(l, "下载", "Downloads")}</h2>${downloads("score", t(l, "学时表", "Scores"))}${downloads("summary", t(l, "全校汇总", "School summary"))}
<form method="get" action="/office/certificates" target="_blank" class="row" style="margin-top:8px"><input type="hidden" name="period" value="${d.chosen.param}">
<label for="cert-teacher" style="margin:0">${t(l, "学时证明(打印、签字、盖章)", "Certificates (print, sign, seal)")}</label>
<select id="cert-teacher" name="teacher" style="width:auto"><option value="all">${t(l, `全校 ${d.certified.length} 人,每人一页`, `all ${d.certified.length}, a page each`)}</option>${d.certified.map((x) => html`<option value="${x.id}">${x.name}(${x.id})</option>`)}</select>
<button type="submit" class="secondary">${t(l, "打开", "Open")}</button></form></div>
<details class="card" ${d.problems.some((x) => x.severity === "error") ? "open" : ""}><summary><b>${t(l, `检查发现的问题(${d.problems.length})`, `Problems found by check (${d.problems.length})`)}</b></summary>
${d.problems.length === 0 ? html`<p class="ok">${t(l, "没有问题", "No problems")}</p>` : html`<ul class="records">${d.problems.slice(0, 200).map((x) => html`<li><span class="${x.severity === "error" ? "short" : "muted"}">${x.file}:${x.line}:${x.column}</span> ${render(x.message, l)}${x.hint ? html` <span class="muted">(${render(x.hint, l)})</span>` : ""}</li>`)}</ul>`}
</details>
${reportHtml(d.summary)}
${reportHtml({ ...d.score, charts: [], sections: [] })}
<div class="card"><h2>${t(l, "账号", "Accounts")}</h2><div class="scroll"><table><thead><tr><th>${t(l, "编号", "Id")}</th><th>${t(l, "姓名", "Name")}</th><th>${t(l, "状态", "State")}</th><th>${t(l, "最近登录", "Last login")}</th></tr></thead>
<tbody>${d.accounts.map((a) => html`<tr><td>${a.id}</td><td>${a.name}</td><td>${a.state}</td><td>${a.lastLogin ?? ""}</td></tr>`)}</tbody></table></div>
<p class="muted">${t(l, "邀请、重置和停用账号在服务器上用 yanxiu accounts invite|reset|disable(见 docs/serve.md)。", "Invite, reset and disable accounts on the server with yanxiu accounts invite|reset|disable (see docs/serve.md).")}</p></div>`;
}
