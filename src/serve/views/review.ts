/** 审核: the records and sessions this person may approve (or verify), in batches or one by one. */
import { t, type Lang } from "../../i18n.js";
import type { Activity } from "../../model.js";
import { CHOICES, fieldLabel } from "./add.js";
import { html, type Html } from "./html.js";

/** The fields a record claims, as the form names them: what the reviewer approves. */
const CLAIMED = ["count", "hours", "level", "award", "role", "stage", "words", "score"] as const;

/**
 * What a record says it is worth, as "数量(节/次) 4 · 级别 区县级 · 评定分 6": a reviewer approves
 * these numbers, not only a title. A count of 1 written by nobody (the default) is left out.
 */
export function claimsOf(a: Activity, lang: Lang): string {
  const parts: string[] = [];
  for (const f of CLAIMED) {
    // A session's member activities carry each member's own role (主持 / 参与): not the session's claim.
    if (f === "role" && a.group !== undefined) continue;
    const v = a[f];
    if (v === undefined || (f === "count" && v === 1)) continue;
    const choice = CHOICES[f]?.entries.find((e) => e.id === v || e.zh === v);
    parts.push(`${fieldLabel(f, lang)} ${choice ? (lang === "en" ? choice.en : choice.zh) : String(v)}`);
  }
  return parts.join(" · ");
}

/** The link to one evidence file of a record or session (served by routes-evidence.ts). */
export function evidenceHref(ref: string, n: number): string {
  return `/evidence/${encodeURIComponent(ref)}/${n}`;
}

export interface ReviewRowView {
  ref: string;
  who: string;
  date: string;
  kindLabel: string;
  title: string;
  /** claimsOf the record (a session: its own fields, not a member's role). */
  claims: string;
  credit?: number;
  /** Why it brings nothing or less than its worth (src/reports/shortfalls.ts), in words. */
  shortfall?: string;
  action: "approve" | "verify";
  session: boolean;
  /** Each evidence file with its link (served only to those who may see the record). */
  evidence: { name: string; href: string }[];
}

export function reviewBody(lang: Lang, csrf: string, rows: ReviewRowView[], unit: string): Html {
  const l = lang;
  if (rows.length === 0) return html`<h1>${t(l, "审核", "Review")}</h1><div class="card"><p class="ok">${t(l, "没有待审核的记录。", "Nothing waits for your review.")}</p></div>`;
  return html`<h1>${t(l, "审核", "Review")} <span class="muted">${t(l, `${rows.length} 条待审`, `${rows.length} waiting`)}</span></h1>
<form class="card" method="post" action="/review">
<input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="action" value="approve">
<ul class="records">${rows.map((r) => html`<li><label style="font-weight:normal;margin:0" class="row"><input type="checkbox" name="ref" value="${r.ref}">
<span><b>${r.who}</b> · ${r.date} · ${r.kindLabel}${r.credit !== undefined ? html` · <b>+${r.credit} ${unit}</b>` : ""}${r.shortfall ? html` <span class="short">(${r.shortfall})</span>` : ""}<br>${r.title}${r.claims ? html`<br><span class="muted">${r.claims}</span>` : ""}
${r.action === "verify" ? html` <span class="badge">${t(l, "待验证", "to verify")}</span>` : ""}</span></label>
${r.evidence.length > 0 ? html`<div class="evidence">${t(l, "证明材料", "Evidence")}: ${r.evidence.map((e, i) => html`${i > 0 ? "、" : ""}<a href="${e.href}" target="_blank" rel="noopener">${e.name}</a>`)}</div>` : ""}</li>`)}</ul>
<p><button type="submit">${t(l, "通过所选", "Approve the ticked")}</button></p>
</form>
<div class="card"><h2>${t(l, "退回一条(写明原因)", "Return one (with a reason)")}</h2>
<form method="post" action="/review">
<input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="action" value="reject">
<label for="reject-ref">${t(l, "记录", "Record")}</label>
<select id="reject-ref" name="ref" required>${rows.map((r) => html`<option value="${r.ref}">${r.who} · ${r.date} · ${r.title}</option>`)}</select>
<label for="reason">${t(l, "原因", "Reason")}</label><input id="reason" name="reason" maxlength="300" required>
<p><button class="secondary" type="submit">${t(l, "退回", "Return")}</button></p></form></div>`;
}
