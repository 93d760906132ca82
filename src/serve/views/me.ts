/** 我的研修: standing against every requirement, then the year's records with credit and status. */
import { t, type Lang } from "../../i18n.js";
import type { MyPage, MyRecord } from "../my-data.js";
import { html, type Html } from "./html.js";
import { evidenceHref } from "./review.js";

export function statusBadge(status: string, label: string): Html {
  return html`<span class="badge ${status}">${label}</span>`;
}

function recordLine(r: MyRecord, lang: Lang): Html {
  const credit = r.credit === undefined ? "" : html` · <b>${r.credit > 0 ? `+${r.credit}` : "0"}</b>${r.shortfall ? html` <span class="short">(${r.shortfall})</span>` : ""}`;
  const mayWithdraw = !r.session && (r.status === "draft" || r.status === "rejected");
  return html`<li data-ref="${r.ref}"><div class="row" style="justify-content:space-between"><span>${r.date} · ${r.kindLabel}${credit}</span>${statusBadge(r.status, r.statusLabel)}</div>
<div>${r.title}</div>
${r.reason ? html`<div class="short">${t(lang, "退回原因", "Returned because")}: ${r.reason}</div>` : ""}
${r.evidence.length > 0 ? html`<div class="muted">${t(lang, "证明材料", "Evidence")}: ${r.evidence.map((name, n) => html`${n > 0 ? "、" : ""}<a href="${evidenceHref(r.stableRef, n)}">${name}</a>`)}</div>` : ""}
${mayWithdraw ? html`<div class="row"><a href="/records/edit?ref=${encodeURIComponent(r.stableRef)}">${t(lang, "编辑", "Edit")}</a>
<a href="/records/withdraw?ref=${encodeURIComponent(r.stableRef)}">${t(lang, "撤回", "Withdraw")}</a></div>` : ""}</li>`;
}

/** What a withdraw takes away, asked before it is done: the record by its date, kind and title. */
export interface WithdrawAsk {
  ref: string;
  version: string;
  date: string;
  kindLabel: string;
  title: string;
  evidence: string[];
}

export function withdrawConfirmBody(w: WithdrawAsk, lang: Lang, csrf: string): Html {
  return html`<h1>${t(lang, "撤回这条记录?", "Withdraw this record?")}</h1>
<div class="card"><div>${w.date} · ${w.kindLabel}</div><div><b>${w.title}</b></div>
${w.evidence.length > 0 ? html`<div class="muted">${t(lang, "证明材料", "Evidence")}: ${w.evidence.join("、")}</div>` : ""}
<p class="muted">${t(lang, "撤回后这条记录从你的记录中删除,不再计学时;这一改动以你的名义提交,在学校的历史中留有记录。证明材料的文件仍保留。", "Withdrawn, the record leaves your records and earns nothing; the change is committed in your name and kept in the school's history. Its evidence files stay.")}</p>
<form method="post" action="/records/withdraw" class="row">
<input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="ref" value="${w.ref}"><input type="hidden" name="version" value="${w.version}">
<button type="submit">${t(lang, "确认撤回", "Withdraw it")}</button>
<a href="/">${t(lang, "不撤回,回到我的研修", "Keep it, back to my record")}</a></form></div>`;
}

export function meBody(p: MyPage, lang: Lang): Html {
  return html`<h1>${t(lang, "我的研修", "My record")} <span class="muted">${p.periodName}</span></h1>
<div class="card"><h2>${t(lang, `合计 ${p.total} ${p.unit}`, `Total ${p.total} ${p.unit}`)} <span class="muted">${p.grade}</span></h2>
${p.requirements.map((r) => html`<div class="req"><div class="name"><span>${r.met ? "✔" : "✘"} ${r.label} <span class="muted">(${r.window})</span></span>
<span class="${r.met ? "ok" : "short"}">${r.actual}${r.minimum !== undefined ? ` / ${r.minimum}` : ""}${r.unit ? ` ${r.unit}` : ""}</span></div>
<div class="progress ${r.met ? "met" : ""}" role="progressbar" aria-valuenow="${Math.round(r.progress * 100)}" aria-valuemin="0" aria-valuemax="100"><span style="width:${Math.round(r.progress * 100)}%"></span></div>
${r.gap ? html`<div class="short">${r.gap}</div>` : ""}</div>`)}
</div>
<p class="row"><a class="button" href="/add">${t(lang, "+ 新增记录", "+ Add a record")}</a> <a class="button secondary" href="/certificate" target="_blank">${t(lang, "打印本人学时(核对用)", "Print my hours (to check)")}</a></p>
<div class="card"><h2>${t(lang, "本学年的记录", "This year's records")}</h2>
${p.records.length === 0 ? html`<p class="muted">${t(lang, "还没有记录。", "No records yet.")}</p>` : html`<ul class="records">${p.records.map((r) => recordLine(r, lang))}</ul>`}
</div>
<details class="card"><summary>${t(lang, "学时说明(逐项)", "How the total is made up")}</summary>
${p.explain.sections.map((s) => html`<h2>${s.heading}</h2>${s.lines.map((l) => html`<div class="${l.tone ?? ""}" style="padding-left:${l.indent}em">${l.text}</div>`)}`)}
</details>`;
}
