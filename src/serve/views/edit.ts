/**
 * 编辑记录: the add form filled in, under a chooser of the kind. Changing the kind posts the form
 * (nothing is saved) and shows the new kind's fields with what was typed; `?kind=…` shows them
 * with what the record has. No script, so it works in WeChat's browser and under the page's
 * `script-src 'none'`.
 */
import { t, type Lang } from "../../i18n.js";
import type { KindDef } from "../../rules/types.js";
import { fieldLabel, formBody, formHeading, RECORD_FORM, type AddFormData } from "./add.js";
import { html, type Html } from "./html.js";

export interface KindSwitch {
  ref: string;
  kinds: KindDef[];
  /** The record's kind as written, and its label (the rules may no longer define it). */
  recordKind: string;
  recordKindLabel: string;
  /** The kind shown, when the rules define it as one a teacher records herself. */
  shown?: KindDef;
  /** Fields the record has that the shown kind has not: the save takes them off. */
  dropped: { field: string; value: string }[];
}

/**
 * The kind chooser. Under a form, its select and button belong to that form (the `form`
 * attribute), so changing the kind posts what was typed and the new kind's fields come back with
 * it, nothing saved. Without one (the record's kind is not one a teacher records), a plain GET.
 */
export function kindSwitch(k: KindSwitch, lang: Lang, underForm = false): Html {
  const changing = k.shown && k.shown.id !== k.recordKind;
  const select = html`<label for="newkind">${t(lang, "活动类型", "Kind of activity")}</label>
<div class="row"><select id="newkind" name="${underForm ? "newkind" : "kind"}" ${underForm ? html`form="${RECORD_FORM}" ` : ""}style="flex:1">${k.kinds.map((x) => html`<option value="${x.id}" ${x.id === (k.shown?.id ?? k.recordKind) ? "selected" : ""}>${t(lang, x.label, x.labelEn)}</option>`)}</select>
<button class="secondary" type="submit" ${underForm ? html`form="${RECORD_FORM}" name="switch" value="1" formnovalidate` : ""}>${t(lang, "换成这个类型", "Change to this kind")}</button></div>
${!k.shown ? html`<p class="err" role="alert">${t(lang, `「${k.recordKindLabel}」不是学校规则中教师自己记录的类型:请选择新的类型`, `'${k.recordKindLabel}' is not a kind teachers record themselves in the school's rules: choose a new kind`)}</p>` : ""}
${changing ? html`<p class="muted">${t(lang, `类型将由「${k.recordKindLabel}」改为「${k.shown!.label}」,保存后生效`, `The kind changes from '${k.recordKindLabel}' to '${k.shown!.labelEn}' when you save`)}${k.dropped.length > 0 ? t(lang, `;保存时去掉:${k.dropped.map((d) => `${fieldLabel(d.field, lang)} ${d.value}`).join("、")}`, `; saving takes off: ${k.dropped.map((d) => `${d.field} ${d.value}`).join(", ")}`) : ""}</p>` : ""}`;
  return underForm ? html`<div class="card">${select}</div>`
    : html`<form class="card" method="get" action="/records/edit">
<input type="hidden" name="ref" value="${k.ref}">
${select}
</form>`;
}

/** The whole edit page: heading, the kind chooser, then (when the rules define the kind shown) the form. */
export function editBody(k: KindSwitch, form: Omit<AddFormData, "kind"> | undefined, lang: Lang): Html {
  const full = k.shown && form ? { ...form, kind: k.shown } : undefined;
  return html`${full ? formHeading(full) : html`<h1>${t(lang, "编辑记录", "Edit a record")}</h1>`}${kindSwitch(k, lang, full !== undefined)}${full ? formBody(full) : ""}`;
}
