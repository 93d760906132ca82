/**
 * 编辑 and 撤回: a teacher changes (fields, kind, evidence) or withdraws one of her own records
 * while it is not approved. The record is named by its stable ref and the version the page
 * showed (src/serve/own-record.ts); the form is the add form, filled in, under a chooser of the
 * kind; the save sets the fields in place (src/serve/edit-record.ts) or cuts the record out
 * (src/serve/withdraw.ts) through the same queue, lock, check and commit as every other save,
 * new evidence files in the same commit. Someone else's record, a session and an approved
 * record are refused before anything is read from the form, and again under the lock, as is a
 * record changed since the page was shown.
 */
import type { Hono } from "hono";
import { t, type Lang } from "../i18n.js";
import { effectiveStatus, type Activity } from "../model.js";
import { reviewEntries, type ReviewEntry } from "../approval/ref.js";
import { recordFilePath } from "../repo/layout.js";
import { activityFileResult } from "../pipeline/load.js";
import { STATUSES } from "../schema/vocab.js";
import type { KindDef } from "../rules/types.js";
import type { Ctx, Server, Vars } from "./context.js";
import { forbidden, formOf, frameOf, langOf } from "./app.js";
import { field, fields } from "./request.js";
import { addFormBase, answerFailure, authorOf, needLogin, needScoring, personalKinds, saveQueued, scoringOf } from "./routes-me.js";
import { chooseAgain, recordFormValues, recordFromForm } from "./form-record.js";
import { planUploads, uploadsOf } from "./uploads.js";
import { chosenUploads, evidenceNames } from "./evidence-names.js";
import { editOwnRecord, type EditRefusal } from "./edit-record.js";
import { withdrawOwnRecord } from "./withdraw.js";
import { recordVersion } from "./own-record.js";
import { render } from "../messages/index.js";
import { page } from "./views/layout.js";
import { html } from "./views/html.js";
import { CHOICES } from "./views/add.js";
import { editBody, type KindSwitch } from "./views/edit.js";
import { withdrawConfirmBody } from "./views/me.js";

type Found = { ok: true; entry: ReviewEntry; act: Activity } | { ok: false; response: Response };

/** My own record of that ref, not approved; otherwise the refusal to send. */
function ownEditable(c: Ctx, ref: string, action: "edit" | "withdraw"): Found {
  const l = langOf(c);
  const me = c.get("viewer")!.teacher.id;
  // Refs are per file, so my own records' refs come from my own activities alone.
  const mine = (c.get("dataset")?.activities ?? []).filter((a) => a.teacher === me && a.group === undefined);
  const entry = reviewEntries(mine).find((e) => e.ref === ref);
  const act = entry?.activities[0];
  if (!entry || !act || entry.kind !== "record" || entry.owner !== me || act.teacher !== me) {
    return { ok: false, response: forbidden(c, action === "edit"
      ? t(l, "只能编辑自己的记录;这条不是你的,或已被撤回、修改;什么也没有改动", "You can edit only your own records; this one is not yours, or was withdrawn or changed; nothing was changed")
      : t(l, "只能撤回自己的记录;这条不是你的,或已被撤回、修改;什么也没有改动", "You can withdraw only your own records; this one is not yours, or was withdrawn or changed; nothing was changed")) };
  }
  const status = STATUSES.normalize(effectiveStatus(act)) ?? effectiveStatus(act);
  if (status === "approved" || status === "verified") {
    return { ok: false, response: forbidden(c, action === "edit"
      ? t(l, "已审核的记录不能修改;请联系组长", "An approved record cannot be changed; ask your group leader")
      : t(l, "已审核的记录不能撤回;请联系组长", "An approved record cannot be withdrawn; ask your group leader")) };
  }
  return { ok: true, entry, act };
}

/** The version of each item of a record file's text as read under the lock, for the save to compare with the page's. */
function versionsIn(root: string, file: string, text: string, lang: Lang): (at: number) => string | undefined {
  return (at) => {
    const act = activityFileResult(root, file, "records", text).found.valid.find((a) => a.origin.index === at);
    return act ? recordVersion(act) : undefined;
  };
}

function refusalText(reason: EditRefusal, action: "edit" | "withdraw", l: Lang): string {
  const [zhNot, enNot] = action === "edit" ? ["没有保存", "nothing was saved"] : ["没有撤回", "it was not withdrawn"];
  switch (reason) {
    case "approved": return action === "edit"
      ? t(l, "这条记录刚被审核通过,不能再修改", "The record was approved meanwhile and cannot be changed")
      : t(l, "这条记录刚被审核通过,不能再撤回", "The record was approved meanwhile and cannot be withdrawn");
    case "would-reformat": return action === "edit"
      ? t(l, "这条记录的写法无法在不改动其他内容的情况下修改;请撤回后重新新增,或请教务处手工修改", "This record cannot be changed without rewriting other lines; withdraw it and add it anew, or ask the office")
      : t(l, "这条记录的写法无法在不改动其他内容的情况下撤回;请教务处手工删除", "This record cannot be taken out without rewriting other lines; ask the office to remove it by hand");
    case "no-such-evidence": return t(l, `要去掉的证明材料已不在这条记录上,${zhNot};请回到我的研修刷新后再试`, `The evidence to take off is no longer on the record and ${enNot}; reload 我的研修 and try again`);
    case "changed": return t(l, `这条记录在页面打开之后被修改过(别处或另一个窗口),${zhNot};请回到我的研修刷新后再试`, `The record was changed after this page was opened (elsewhere or in another window) and ${enNot}; reload 我的研修 and try again`);
    default: return t(l, `这条记录已不在原处(被修改、移走或撤回),${zhNot};请回到我的研修刷新后再试`, `The record is no longer there (changed, moved or withdrawn) and ${enNot}; reload 我的研修 and try again`);
  }
}

const KIND_FIELDS = ["level", "award", "role", "stage", "hours", "count", "words", "score"];

/** The form's values from a record as written. */
function valuesOf(a: Activity): Record<string, string> {
  const s = (v: unknown) => (v === undefined ? "" : String(v));
  return {
    date: a.date, title: a.title, level: s(a.level), award: s(a.award), role: s(a.role), stage: s(a.stage),
    hours: s(a.hours), count: a.count === 1 ? "" : s(a.count), words: s(a.words), score: s(a.score), notes: s(a.notes),
  };
}

/** The kind chooser: the record's kind, the one shown, and what the record has that the shown kind drops. */
function switchOf(c: Ctx, ref: string, act: Activity, shown: KindDef | undefined): KindSwitch {
  const kinds = personalKinds(c);
  const own = scoringOf(c)?.scheme.kinds.get(act.kind);
  const values = valuesOf(act);
  const label = (f: string, v: string) => CHOICES[f]?.entries.find((e) => e.id === v || e.zh === v)?.[langOf(c) === "en" ? "en" : "zh"] ?? v;
  const dropped = shown ? KIND_FIELDS.filter((f) => values[f] && !shown.fields.includes(f)).map((f) => ({ field: f, value: label(f, values[f]!) })) : [];
  return { ref, kinds, recordKind: act.kind, recordKindLabel: own ? t(langOf(c), own.label, own.labelEn) : act.kind, shown, dropped };
}

export function registerEdit(app: Hono<{ Variables: Vars }>, server: Server): void {
  app.get("/records/edit", (c) => {
    const stop = needScoring(c);
    if (stop) return stop;
    const l = langOf(c);
    const ref = c.req.query("ref") ?? "";
    const found = ownEditable(c, ref, "edit");
    if (!found.ok) return found.response;
    const { act } = found;
    const kinds = personalKinds(c);
    // ?kind=… shows that kind's fields; the record's own kind otherwise (or when the one asked for is unknown).
    const shown = kinds.find((k) => k.id === c.req.query("kind")) ?? kinds.find((k) => k.id === act.kind);
    const frame = frameOf(c, t(l, "编辑记录", "Edit a record"), "me");
    const form = shown && { ...addFormBase(c, server, shown), values: valuesOf(act), errors: {}, general: [], edit: { ref, version: recordVersion(act), evidence: act.evidence, removed: [] } };
    return c.html(String(page(frame, editBody(switchOf(c, ref, act, shown), form, l))));
  });

  app.post("/records/edit", async (c) => {
    const stop = needScoring(c);
    if (stop) return stop;
    const s = scoringOf(c)!;
    const l = langOf(c);
    const v = c.get("viewer")!;
    const form = formOf(c);
    const ref = field(form, "ref");
    const found = ownEditable(c, ref, "edit");
    if (!found.ok) return found.response;
    const kind = personalKinds(c).find((k) => k.id === field(form, "kind"));
    if (!kind) return forbidden(c, t(l, "没有这种活动类型(教研组活动由组长记录)", "No such kind of activity (group sessions are recorded by the leader)"));
    const values = recordFormValues(form, server.opts.today());
    const version = field(form, "version");
    const removed = fields(form, "remove");
    const frame = frameOf(c, t(l, "编辑记录", "Edit a record"), "me");
    const chosenFiles = chosenUploads(form, evidenceNames(s.scheme, kind.id));
    const show = (errors: Record<string, string[]>, general: string[], status: 400 | 403 | 409 | 500) =>
      c.html(String(page(frame, editBody(switchOf(c, ref, found.act, kind), { ...addFormBase(c, server, kind), values, errors: chooseAgain(errors, chosenFiles.length, l), general, edit: { ref, version, evidence: found.act.evidence, removed } }, l))), status);

    // 换成这个类型: the new kind's fields with what was typed; nothing saved. Chosen files cannot
    // be put back into a file input, so the page says to choose them again.
    if (field(form, "switch") === "1") {
      const next = personalKinds(c).find((k) => k.id === field(form, "newkind")) ?? kind;
      const again = chosenFiles.length > 0 ? [t(l, "换了类型,要上传的文件请重新选择", "The kind changed: choose the files to upload again")] : [];
      // A field the form did not show (the kind before had none) comes with the record's value.
      const typed = { ...valuesOf(found.act), ...Object.fromEntries(Object.entries(values).filter(([f]) => f in form)) };
      return c.html(String(page(frame, editBody(switchOf(c, ref, found.act, next), { ...addFormBase(c, server, next), values: typed, errors: {}, general: again, edit: { ref, version, evidence: found.act.evidence, removed } }, l))));
    }

    // New evidence: the add form's limits and checks, saved under evidence/<teacher>/.
    const uploads = await uploadsOf(chosenFiles);
    const planned = planUploads(server.opts.root, v.teacher.id, values.date || "undated", uploads, server.opts.maxUploadBytes, l);
    if (!planned.ok) return show({ evidence: [planned.error] }, [], 400);
    const built = recordFromForm(values, kind, s.dataset.config, [], l, server.opts.today());
    if (!built.item || !built.term) return show(built.errors, [], 400);
    // A record lives in its term's file: another term's date would mean moving it.
    if (recordFilePath(built.term.id, v.teacher.id) !== found.entry.file) {
      return show({ date: [t(l, `${values.date} 在另一个学期(${built.term.name}):请撤回这条,再在新增记录里记到那个学期`, `${values.date} is in another term (${built.term.name}): withdraw this record and add it anew`)] }, [], 400);
    }
    const file = found.entry.file;
    let refused: EditRefusal | undefined;
    let unchanged = false;
    const result = await saveQueued(server, {
      root: server.opts.root, lang: l, today: server.opts.today(), file,
      transform: (cur) => {
        const r = cur === undefined ? { ok: false as const, reason: "unknown-ref" as const }
          : editOwnRecord(cur, v.teacher.id, ref, built.item!, {
            evidence: { remove: removed, add: planned.files.map((f) => f.path) },
            seen: { version, versionAt: versionsIn(server.opts.root, file, cur, l) },
          });
        // Saved without a change: nothing to write or commit.
        if (r.ok && r.text === cur) {
          unchanged = true;
          return { ok: false, message: "unchanged" };
        }
        if (r.ok) return r;
        refused = r.reason;
        return { ok: false, message: refusalText(r.reason, "edit", l) };
      },
      newFiles: planned.files, author: authorOf(v.teacher),
      subject: `edit: ${v.teacher.id} ${values.title!.trim()} ${values.date} (web)`,
    });
    if (unchanged) return c.redirect("/?done=unchanged", 303);
    if (!result.ok) return answerFailure(result, (errors, general, status) => show(errors, general, refused === "approved" ? 403 : status === 500 && refused ? 409 : status), l);
    return c.redirect("/?done=edited", 303);
  });

  /** 撤回 asks first: the record named by its date, kind and title, and a button to confirm. */
  app.get("/records/withdraw", (c) => {
    const stop = needLogin(c);
    if (stop) return stop;
    const l = langOf(c);
    const ref = c.req.query("ref") ?? "";
    const found = ownEditable(c, ref, "withdraw");
    if (!found.ok) return found.response;
    const { act } = found;
    const kind = scoringOf(c)?.scheme.kinds.get(act.kind);
    const ask = {
      ref, version: recordVersion(act), date: act.date, title: act.title,
      kindLabel: kind ? t(l, kind.label, kind.labelEn) : act.kind,
      evidence: act.evidence.map((path) => path.split("/").at(-1)!),
    };
    return c.html(String(page(frameOf(c, t(l, "撤回记录", "Withdraw a record"), "me"), withdrawConfirmBody(ask, l, c.get("session")!.csrf))));
  });

  /** Withdraw: the record's lines leave my file, in a commit by me. */
  app.post("/records/withdraw", async (c) => {
    const stop = needLogin(c);
    if (stop) return stop;
    const l = langOf(c);
    const v = c.get("viewer")!;
    const form = formOf(c);
    const ref = field(form, "ref");
    const found = ownEditable(c, ref, "withdraw");
    if (!found.ok) return found.response;
    const { act, entry } = found;
    const version = field(form, "version");
    let refused: EditRefusal | undefined;
    const result = await saveQueued(server, {
      root: server.opts.root, lang: l, today: server.opts.today(), file: entry.file,
      transform: (cur) => {
        const r = cur === undefined ? { ok: false as const, reason: "unknown-ref" as const }
          : withdrawOwnRecord(cur, v.teacher.id, ref, { version, versionAt: versionsIn(server.opts.root, entry.file, cur, l) });
        if (r.ok) return r;
        refused = r.reason;
        return { ok: false, message: refusalText(r.reason, "withdraw", l) };
      },
      author: authorOf(v.teacher),
      subject: `withdraw: ${v.teacher.id} ${act.title} ${act.date} (web)`,
    });
    if (!result.ok) {
      const text = result.reason === "invalid" ? result.problems.map((p) => render(p.message, l)).join("; ") : result.message;
      return c.html(String(page(frameOf(c, t(l, "撤回", "Withdraw"), "me"), html`<div class="card"><p class="err">${text}</p><p><a href="/">${t(l, "回到我的研修", "Back")}</a></p></div>`)), refused === "approved" ? 403 : 409);
    }
    return c.redirect("/?done=withdrawn", 303);
  });
}
