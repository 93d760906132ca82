/** 组长: a group's leader records a session with attendance into sessions/<term>/<group>.yaml. */
import type { Hono } from "hono";
import { t } from "../i18n.js";
import { termOf, type AttendanceStatus } from "../model.js";
import { sessionFilePath } from "../repo/layout.js";
import { buildSession } from "../add/record.js";
import { ATTENDANCE } from "../schema/vocab.js";
import { DATE_RE, isRealDate } from "../schema/fields.js";
import type { Ctx, Server, Vars } from "./context.js";
import { forbidden, formOf, frameOf, langOf } from "./app.js";
import { field } from "./request.js";
import { membersOfGroup } from "./roles.js";
import { appendItem } from "./save.js";
import { answerFailure, authorOf, needLogin, rulesBroken, saveQueued, scoringOf } from "./routes-me.js";
import { page } from "./views/layout.js";
import { sessionForm } from "./views/leader.js";
import { chooseAgain } from "./form-record.js";
import { chosenUploads, evidenceNames } from "./evidence-names.js";
import { planUploads, uploadsOf } from "./uploads.js";

export function registerLeader(app: Hono<{ Variables: Vars }>, server: Server): void {
  const setup = (c: Ctx, groupId: string | undefined) => {
    const v = c.get("viewer")!;
    const s = scoringOf(c);
    if (!s) return undefined;
    // Only a group the person leads; asking for another is refused, not silently redirected.
    const group = groupId ? v.leads.find((g) => g.id === groupId) : v.leads[0];
    const kinds = [...s.scheme.kinds.values()].filter((k) => k.session);
    return { v, s, group, kinds, members: group ? membersOfGroup(s.dataset, group.id, server.opts.today()) : [] };
  };
  // The names any session kind's items ask for: the form cannot change its boxes with the kind (no script).
  const sessionEvidenceNames = (x: NonNullable<ReturnType<typeof setup>>) => [...new Set(x.kinds.flatMap((k) => evidenceNames(x.s.scheme, k.id)))];
  const base = (c: Ctx, x: NonNullable<ReturnType<typeof setup>>) => ({
    lang: langOf(c), csrf: c.get("session")!.csrf, groups: x.v.leads, group: x.group!, kinds: x.kinds, members: x.members, today: server.opts.today(),
    maxUploadMb: Math.round(server.opts.maxUploadBytes / 1048576), evidenceNames: sessionEvidenceNames(x),
  });

  app.get("/leader", (c) => {
    const stop = needLogin(c);
    if (stop) return stop;
    const x = setup(c, c.req.query("group"));
    if (!x) return rulesBroken(c);
    const l = langOf(c);
    if (!x.group) return forbidden(c, t(l, "只有教研组长可以记录本组的教研活动", "Only a group's leader records its sessions"));
    const done = c.req.query("done") === "1" ? { ok: true, text: t(l, "已保存并提交", "Saved and committed") } : undefined;
    return c.html(String(page({ ...frameOf(c, t(l, "组长", "Group leader"), "leader"), flash: done }, sessionForm({ ...base(c, x), values: {}, attendance: {}, errors: {}, general: [] }))));
  });

  app.post("/leader", async (c) => {
    const stop = needLogin(c);
    if (stop) return stop;
    const form = formOf(c);
    const x = setup(c, field(form, "group"));
    if (!x) return rulesBroken(c);
    const l = langOf(c);
    if (!x.group) return forbidden(c, t(l, "只有教研组长可以记录本组的教研活动;没有写入任何内容", "Only a group's leader records its sessions; nothing was written"));
    const values = Object.fromEntries(["kind", "date", "title", "hours", "lead", "notes"].map((f) => [f, field(form, f).slice(0, 2000)]));
    const attendance: Record<string, string> = {};
    for (const m of x.members) attendance[m.id] = field(form, `att:${m.id}`) || "出勤";
    const errors: Record<string, string[]> = {};
    const say = (f: string, m: string) => (errors[f] ??= []).push(m);
    const kind = x.kinds.find((k) => k.id === values.kind);
    if (!kind) say("kind", t(l, "请选择教研活动类型", "choose the kind of session"));
    const date = values.date!.trim();
    if (!isRealDate(date)) say("date", DATE_RE.test(date) ? t(l, `日期不存在:${date}`, `no such date: ${date}`) : t(l, "请选择日期", "choose a date"));
    const term = isRealDate(date) ? termOf(x.s.dataset.config, date) : undefined;
    if (isRealDate(date) && !term) say("date", t(l, `日期 ${date} 不在任何学期之内`, `the date ${date} is not inside any term`));
    if (!values.title!.trim()) say("title", t(l, "请填写标题", "enter a title"));
    const hours = values.hours!.normalize("NFKC").trim();
    if (hours && !/^\d+(\.\d+)?$/.test(hours)) say("hours", t(l, `应为数字,而不是「${hours}」`, `must be a number, not '${hours}'`));
    if (values.lead && !x.members.some((m) => m.id === values.lead)) say("lead", t(l, "主备/主讲应为本组成员", "the lead must be a member of the group"));
    const statuses: Record<string, AttendanceStatus> = {};
    for (const [id, word] of Object.entries(attendance)) {
      const s = ATTENDANCE.normalize(word);
      if (!s) say("attendance", t(l, `考勤「${word}」不是 出勤/缺席/请假/迟到/早退`, `attendance '${word}' is not one of present/absent/excused/late/left early`));
      else statuses[id] = s as AttendanceStatus;
    }
    const chosenFiles = chosenUploads(form, sessionEvidenceNames(x));
    const show = (errs: Record<string, string[]>, general: string[], status: 400 | 409 | 500) =>
      c.html(String(page(frameOf(c, t(l, "组长", "Group leader"), "leader"), sessionForm({ ...base(c, x), values, attendance, errors: chooseAgain(errs, chosenFiles.length, l), general }))), status);
    if (Object.keys(errors).length > 0 || !kind || !term) return show(errors, [], 400);

    const group = x.group;
    // The minutes and sign-in sheets are the group's: saved under evidence/groups/<group>/.
    const uploads = await uploadsOf(chosenFiles);
    const planned = planUploads(server.opts.root, `groups/${group.id}`, date, uploads, server.opts.maxUploadBytes, l);
    if (!planned.ok) return show({ evidence: [planned.error] }, [], 400);
    const item = buildSession({ date, kind: kind.id, title: values.title!, hours: hours ? Number(hours) : undefined, lead: values.lead || undefined, attendance: statuses, notes: values.notes, evidence: planned.files.map((f) => f.path) });
    const file = sessionFilePath(term.id, group.id);
    const target = { listKey: "sessions" as const, ownerKey: "group" as const, owner: group.id, headerComment: `${group.name} ${term.name} 教研活动` };
    const result = await saveQueued(server, {
      root: server.opts.root, lang: l, today: server.opts.today(), file, transform: appendItem(target, item, l), newFiles: planned.files,
      author: authorOf(x.v.teacher), subject: `sessions: ${group.id} ${values.title!.trim()} ${date} (web)`,
    });
    if (!result.ok) return answerFailure(result, show, l);
    return c.redirect(`/leader?group=${encodeURIComponent(group.id)}&done=1`, 303);
  });
}
