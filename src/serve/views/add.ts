/**
 * 新增记录: first the kind (by its Chinese label), then a form with only the fields that kind
 * needs, choices for level / award / role / stage, a date picker and an evidence upload.
 * Works without any script (WeChat's browser, old phones): the kind is a plain link.
 */
import { t, type Lang } from "../../i18n.js";
import type { KindDef } from "../../rules/types.js";
import { ACTIVITY_ROLES, AWARDS, FIELD_LABELS_ZH, LEVELS, STAGES } from "../../schema/vocab.js";
import { html, type Html } from "./html.js";
import { namedField } from "../evidence-names.js";

export const CHOICES: Record<string, { entries: { id: string; zh: string; en: string }[] }> = { level: LEVELS, award: AWARDS, role: ACTIVITY_ROLES, stage: STAGES };
export const NUMBER_FIELDS = ["hours", "count", "words", "score"];
const ACCEPT = "image/jpeg,image/png,image/heic,application/pdf";

export function fieldLabel(field: string, lang: Lang): string {
  return lang === "en" ? field : (FIELD_LABELS_ZH[field] ?? field);
}

export function kindChoice(kinds: KindDef[], lang: Lang): Html {
  return html`<h1>${t(lang, "新增记录", "Add a record")}</h1><div class="card"><h2>${t(lang, "选择活动类型", "Choose the kind of activity")}</h2>
<ul class="records">${kinds.map((k) => html`<li><a href="/add?kind=${encodeURIComponent(k.id)}">${t(lang, k.label, k.labelEn)}</a></li>`)}</ul></div>`;
}

export interface AddFormData {
  lang: Lang;
  csrf: string;
  kind: KindDef;
  values: Record<string, string>;
  errors: Record<string, string[]>;
  /** Problems not tied to one field. */
  general: string[];
  today: string;
  maxUploadMb: number;
  /** Evidence the kind's items ask for by name (src/serve/evidence-names.ts): one upload each. */
  evidenceNames: string[];
  /** Set when the form edits a record (src/serve/views/edit.ts). */
  edit?: EditFormExtras;
}

export interface EditFormExtras {
  ref: string;
  /** The record's version as shown (src/serve/own-record.ts): the save is refused if it changed. */
  version: string;
  /** The record's evidence files (repo paths), each with a box to take it off. */
  evidence: string[];
  /** Those ticked to be taken off (kept ticked when the form comes back with a problem). */
  removed: string[];
}

function errs(list: string[] | undefined): Html {
  return html`${(list ?? []).map((e) => html`<p class="err" role="alert">${e}</p>`)}`;
}

function input(field: string, f: AddFormData): Html {
  const l = f.lang;
  const v = f.values[field] ?? "";
  const choice = CHOICES[field];
  const control = choice
    ? html`<select id="${field}" name="${field}" required><option value="">${t(l, "请选择", "choose")}</option>${choice.entries.map((e) => html`<option value="${e.zh}" ${v === e.zh || v === e.id ? "selected" : ""}>${l === "en" ? e.en : e.zh}</option>`)}</select>`
    : NUMBER_FIELDS.includes(field)
      ? html`<input id="${field}" name="${field}" inputmode="decimal" value="${v}" required>`
      : html`<input id="${field}" name="${field}" value="${v}" required>`;
  return html`<label for="${field}">${fieldLabel(field, l)}</label>${control}${errs(f.errors[field])}`;
}

export function addForm(f: AddFormData): Html {
  return html`${formHeading(f)}${formBody(f)}`;
}

export function formHeading(f: Pick<AddFormData, "lang" | "kind" | "edit">): Html {
  const l = f.lang;
  return html`<h1>${f.edit ? t(l, "编辑记录", "Edit a record") : t(l, "新增记录", "Add a record")}: ${t(l, f.kind.label, f.kind.labelEn)}</h1>`;
}

/** The id of the record form, for controls outside it that belong to it (the edit page's kind chooser). */
export const RECORD_FORM = "record-form";

/** The form itself (the edit page puts the kind chooser between heading and form). */
export function formBody(f: AddFormData): Html {
  const l = f.lang;
  const e = f.edit;
  return html`<form class="card" id="${RECORD_FORM}" method="post" action="${e ? "/records/edit" : "/add"}" enctype="multipart/form-data">
<input type="hidden" name="_csrf" value="${f.csrf}"><input type="hidden" name="kind" value="${f.kind.id}">
${e ? html`<input type="hidden" name="ref" value="${e.ref}"><input type="hidden" name="version" value="${e.version}">` : ""}
${errs(f.general)}
<label for="date">${fieldLabel("date", l)}</label><input id="date" name="date" type="date" max="${f.today}" value="${f.values.date ?? f.today}" required>${errs(f.errors.date)}
<label for="title">${fieldLabel("title", l)}</label><input id="title" name="title" value="${f.values.title ?? ""}" maxlength="200" required>${errs(f.errors.title)}
${f.kind.fields.map((field) => input(field, f))}
${e && e.evidence.length > 0 ? html`<fieldset class="evidence"><legend>${t(l, "已有的证明材料(勾选的将去掉)", "Evidence on the record (ticked ones are taken off)")}</legend>
${e.evidence.map((path) => html`<label class="check"><input type="checkbox" name="remove" value="${path}" ${e.removed.includes(path) ? "checked" : ""}> ${t(l, "去掉", "take off")} ${path.split("/").at(-1)}</label>`)}</fieldset>` : ""}
${evidenceInputs({ lang: l, names: f.evidenceNames, maxUploadMb: f.maxUploadMb, errors: f.errors.evidence, adding: !!e })}
<label for="notes">${fieldLabel("notes", l)}</label><input id="notes" name="notes" value="${f.values.notes ?? ""}" maxlength="500">${errs(f.errors.notes)}
<p><button type="submit">${t(l, "保存", "Save")}</button> <a class="button secondary" href="/">${t(l, "取消", "Cancel")}</a></p>
</form>`;
}

/**
 * The evidence uploads of a form: one box for each name the rules ask for (the saved file carries
 * the name), then one for any other file. Shared by the add, edit and session forms.
 */
export function evidenceInputs(o: { lang: Lang; names: string[]; maxUploadMb: number; errors?: string[]; adding?: boolean }): Html {
  const l = o.lang;
  const other = o.names.length > 0 ? t(l, "其他证明材料(照片或 PDF,可多选)", "Other evidence (photo or PDF, several allowed)")
    : o.adding ? t(l, "再加证明材料(照片或 PDF,可多选)", "Add evidence (photo or PDF, several allowed)") : t(l, "证明材料(照片或 PDF,可多选)", "Evidence (photo or PDF, several allowed)");
  return html`${o.names.length > 0 ? html`<fieldset class="evidence"><legend>${t(l, `计入学时需要的证明材料:${o.names.map((n) => `「${n}」`).join("")}`, `Evidence the rules ask for: ${o.names.map((n) => `'${n}'`).join(", ")}`)}</legend>
<p class="muted">${t(l, "在对应的一栏上传,文件名会自动带上这个名称(规则按文件名认材料)", "Upload each in its own box: the file's name gets the name the rules look for")}</p>
${o.names.map((name, i) => html`<label for="evidence-${i}">${name}</label><input id="evidence-${i}" name="${namedField(name)}" type="file" accept="${ACCEPT}" multiple>`)}</fieldset>` : ""}
<label for="evidence">${other}</label>
<input id="evidence" name="evidence" type="file" accept="${ACCEPT}" multiple>
<p class="muted">${t(l, `每个文件不超过 ${o.maxUploadMb} MB`, `at most ${o.maxUploadMb} MB per file`)}</p>${errs(o.errors)}`;
}

export function savedBody(lang: Lang, title: string, credit: number | undefined, unit: string, standing: string[], shortfall?: string): Html {
  return html`<div class="card"><h1>${t(lang, "已保存", "Saved")}</h1><p>${title}${credit !== undefined ? html` · <b>${t(lang, `计 ${credit} ${unit}`, `${credit} ${unit}`)}</b>` : ""}${shortfall ? html` <span class="short">(${shortfall})</span>` : ""}</p>
${standing.map((s) => html`<div>${s}</div>`)}
<p class="row"><a class="button" href="/">${t(lang, "查看我的研修", "See my record")}</a> <a class="button secondary" href="/add">${t(lang, "再记一条", "Add another")}</a></p></div>`;
}
