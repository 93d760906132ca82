/** 组长: record a group session with the attendance of every member. */
import { t, type Lang } from "../../i18n.js";
import type { Group, Teacher } from "../../model.js";
import type { KindDef } from "../../rules/types.js";
import { ATTENDANCE } from "../../schema/vocab.js";
import { evidenceInputs, fieldLabel } from "./add.js";
import { html, type Html } from "./html.js";

export interface SessionFormData {
  lang: Lang;
  csrf: string;
  groups: Group[];
  group: Group;
  kinds: KindDef[];
  members: Teacher[];
  values: Record<string, string>;
  attendance: Record<string, string>;
  errors: Record<string, string[]>;
  general: string[];
  today: string;
  maxUploadMb: number;
  /** Evidence the session kinds' items ask for by name (src/serve/evidence-names.ts): one box each. */
  evidenceNames: string[];
}

function errs(list: string[] | undefined): Html {
  return html`${(list ?? []).map((e) => html`<p class="err" role="alert">${e}</p>`)}`;
}

export function sessionForm(f: SessionFormData): Html {
  const l = f.lang;
  const v = f.values;
  return html`<h1>${t(l, "记录教研活动", "Record a group session")}</h1>
${f.groups.length > 1 ? html`<p class="row">${f.groups.map((g) => html`<a class="button ${g.id === f.group.id ? "" : "secondary"}" href="/leader?group=${encodeURIComponent(g.id)}">${g.name}</a>`)}</p>` : ""}
<form class="card" method="post" action="/leader" enctype="multipart/form-data">
<input type="hidden" name="_csrf" value="${f.csrf}"><input type="hidden" name="group" value="${f.group.id}">
<h2>${f.group.name}</h2>
${errs(f.general)}
<label for="kind">${fieldLabel("kind", l)}</label>
<select id="kind" name="kind" required>${f.kinds.map((k) => html`<option value="${k.id}" ${v.kind === k.id ? "selected" : ""}>${t(l, k.label, k.labelEn)}</option>`)}</select>${errs(f.errors.kind)}
<label for="date">${fieldLabel("date", l)}</label><input id="date" name="date" type="date" max="${f.today}" value="${v.date ?? f.today}" required>${errs(f.errors.date)}
<label for="title">${fieldLabel("title", l)}</label><input id="title" name="title" value="${v.title ?? ""}" maxlength="200" required>${errs(f.errors.title)}
<label for="hours">${fieldLabel("hours", l)}</label><input id="hours" name="hours" inputmode="decimal" value="${v.hours ?? ""}">${errs(f.errors.hours)}
<label for="lead">${fieldLabel("lead", l)}</label>
<select id="lead" name="lead"><option value="">—</option>${f.members.map((m) => html`<option value="${m.id}" ${v.lead === m.id ? "selected" : ""}>${m.name}</option>`)}</select>${errs(f.errors.lead)}
<h2 style="margin-top:14px">${t(l, "考勤", "Attendance")}</h2>
<div class="scroll"><table class="attendance"><tbody>
${f.members.map((m) => html`<tr><td><label for="att-${m.id}" style="margin:0;font-weight:normal">${m.name} <span class="muted">${m.id}</span></label></td><td>
<select id="att-${m.id}" name="att:${m.id}">${ATTENDANCE.entries.map((e) => html`<option value="${e.zh}" ${(f.attendance[m.id] ?? "出勤") === e.zh ? "selected" : ""}>${l === "en" ? e.en : e.zh}</option>`)}</select></td></tr>`)}
</tbody></table></div>${errs(f.errors.attendance)}
${evidenceInputs({ lang: l, names: f.evidenceNames, maxUploadMb: f.maxUploadMb, errors: f.errors.evidence })}
<label for="notes">${fieldLabel("notes", l)}</label><input id="notes" name="notes" value="${v.notes ?? ""}" maxlength="500">
<p><button type="submit">${t(l, "保存", "Save")}</button></p>
</form>`;
}
