/**
 * 编辑: a teacher changes one of her own records while it is not approved. The record is named
 * by its stable ref; the form is the add form, filled in; the save sets the fields in place
 * (src/serve/edit-record.ts) through the same queue, lock, check and commit as every other save.
 * Someone else's record, a session and an approved record are refused before anything is read
 * from the form, and again under the lock.
 */
import type { Hono } from "hono";
import { t, type Lang } from "../i18n.js";
import { effectiveStatus, type Activity } from "../model.js";
import { reviewEntries, type ReviewEntry } from "../approval/ref.js";
import { recordFilePath } from "../repo/layout.js";
import { STATUSES } from "../schema/vocab.js";
import type { Ctx, Server, Vars } from "./context.js";
import { forbidden, formOf, frameOf, langOf } from "./app.js";
import { field } from "./request.js";
import { addFormBase, answerFailure, authorOf, needScoring, personalKinds, recordFormValues, saveQueued, scoringOf } from "./routes-me.js";
import { recordFromForm } from "./form-record.js";
import { editOwnRecord, type EditRefusal } from "./edit-record.js";
import { page } from "./views/layout.js";
import { addForm } from "./views/add.js";
import type { KindDef } from "../rules/types.js";

type Found = { ok: true; entry: ReviewEntry; act: Activity; kind: KindDef } | { ok: false; response: Response };

/** My own record of that ref, not approved, of a kind the rules still define; otherwise the refusal to send. */
function ownEditable(c: Ctx, ref: string): Found {
  const l = langOf(c);
  const me = c.get("viewer")!.teacher.id;
  // Refs are per file, so my own records' refs come from my own activities alone.
  const mine = (c.get("dataset")?.activities ?? []).filter((a) => a.teacher === me && a.group === undefined);
  const entry = reviewEntries(mine).find((e) => e.ref === ref);
  const act = entry?.activities[0];
  if (!entry || !act || entry.kind !== "record" || entry.owner !== me || act.teacher !== me) {
    return { ok: false, response: forbidden(c, t(l, "只能编辑自己的记录;什么也没有改动", "You can edit only your own records; nothing was changed")) };
  }
  const status = STATUSES.normalize(effectiveStatus(act)) ?? effectiveStatus(act);
  if (status === "approved" || status === "verified") {
    return { ok: false, response: forbidden(c, t(l, "已审核的记录不能修改;请联系组长", "An approved record cannot be changed; ask your group leader")) };
  }
  const kind = personalKinds(c).find((k) => k.id === act.kind);
  if (!kind) return { ok: false, response: forbidden(c, t(l, "这种活动类型已不在规则中,不能在网页上修改", "This kind is no longer in the rules and cannot be changed here")) };
  return { ok: true, entry, act, kind };
}

function refusalText(reason: EditRefusal, l: Lang): string {
  switch (reason) {
    case "approved": return t(l, "这条记录刚被审核通过,不能再修改", "The record was approved meanwhile and cannot be changed");
    case "would-reformat": return t(l, "这条记录的写法无法在不改动其他内容的情况下修改;请撤回后重新新增,或请教务处手工修改", "This record cannot be changed without rewriting other lines; withdraw it and add it anew, or ask the office");
    default: return t(l, "这条记录刚被修改或移走,没有保存;请回到我的研修刷新后再试", "The record was changed or moved meanwhile and nothing was saved; reload 我的研修 and try again");
  }
}

/** The form's values from a record as written. */
function valuesOf(a: Activity): Record<string, string> {
  const s = (v: unknown) => (v === undefined ? "" : String(v));
  return {
    date: a.date, title: a.title, level: s(a.level), award: s(a.award), role: s(a.role), stage: s(a.stage),
    hours: s(a.hours), count: a.count === 1 ? "" : s(a.count), words: s(a.words), score: s(a.score), notes: s(a.notes),
  };
}

export function registerEdit(app: Hono<{ Variables: Vars }>, server: Server): void {
  app.get("/records/edit", (c) => {
    const stop = needScoring(c);
    if (stop) return stop;
    const l = langOf(c);
    const ref = c.req.query("ref") ?? "";
    const found = ownEditable(c, ref);
    if (!found.ok) return found.response;
    const { kind } = found;
    const frame = frameOf(c, t(l, "编辑记录", "Edit a record"), "me");
    return c.html(String(page(frame, addForm({ ...addFormBase(c, server, kind), values: valuesOf(found.act), errors: {}, general: [], action: "/records/edit", ref, evidence: found.act.evidence }))));
  });

  app.post("/records/edit", async (c) => {
    const stop = needScoring(c);
    if (stop) return stop;
    const s = scoringOf(c)!;
    const l = langOf(c);
    const v = c.get("viewer")!;
    const form = formOf(c);
    const ref = field(form, "ref");
    const found = ownEditable(c, ref);
    if (!found.ok) return found.response;
    const { kind } = found;
    const values = recordFormValues(form);
    const frame = frameOf(c, t(l, "编辑记录", "Edit a record"), "me");
    const show = (errors: Record<string, string[]>, general: string[], status: 400 | 403 | 409 | 500) =>
      c.html(String(page(frame, addForm({ ...addFormBase(c, server, kind), values, errors, general, action: "/records/edit", ref, evidence: found.act.evidence }))), status);

    const built = recordFromForm(values, kind, s.dataset.config, [], l);
    if (!built.item || !built.term) return show(built.errors, [], 400);
    // A record lives in its term's file: another term's date would mean moving it.
    if (recordFilePath(built.term.id, v.teacher.id) !== found.entry.file) {
      return show({ date: [t(l, `${values.date} 在另一个学期(${built.term.name}):请撤回这条,再在新增记录里记到那个学期`, `${values.date} is in another term (${built.term.name}): withdraw this record and add it anew`)] }, [], 400);
    }
    let refused: EditRefusal | undefined;
    let unchanged = false;
    const result = await saveQueued(server, {
      root: server.opts.root, lang: l, today: server.opts.today(), file: found.entry.file,
      transform: (cur) => {
        const r = cur === undefined ? { ok: false as const, reason: "unknown-ref" as const } : editOwnRecord(cur, v.teacher.id, ref, built.item!);
        // Saved without a change: nothing to write or commit.
        if (r.ok && r.text === cur) {
          unchanged = true;
          return { ok: false, message: "unchanged" };
        }
        if (r.ok) return r;
        refused = r.reason;
        return { ok: false, message: refusalText(r.reason, l) };
      },
      author: authorOf(v.teacher),
      subject: `edit: ${v.teacher.id} ${values.title!.trim()} ${values.date} (web)`,
    });
    if (unchanged) return c.redirect("/?done=unchanged", 303);
    if (!result.ok) return answerFailure(result, (errors, general, status) => show(errors, general, refused === "approved" ? 403 : status === 500 && refused ? 409 : status), l);
    return c.redirect("/?done=edited", 303);
  });
}
