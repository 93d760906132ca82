/** 我的研修 and 新增记录: a teacher's own page and records. */
import type { Hono } from "hono";
import { t, type Lang } from "../i18n.js";
import type { Teacher } from "../model.js";
import { recordFilePath } from "../repo/layout.js";
import type { Ctx, Server, Vars } from "./context.js";
import { forbidden, formOf, frameOf, langOf } from "./app.js";
import { field } from "./request.js";
import type { KindDef } from "../rules/types.js";
import { periodToday, savedStanding } from "./my-data.js";
import { certifiedTeachers } from "../reports/certificates.js";
import { certificateHtml } from "./certificates.js";
import { appendItem, type SaveRequest, type SaveResult } from "./save.js";
import { asOnTheForm, chooseAgain, recordFormValues, recordFromForm } from "./form-record.js";
import { planUploads, uploadsOf } from "./uploads.js";
import { chosenUploads, evidenceNames } from "./evidence-names.js";
import { fieldOf } from "./validate.js";
import type { Person } from "./git-commit.js";
import { errorPage, page } from "./views/layout.js";
import { meBody } from "./views/me.js";
import { addForm, kindChoice, savedBody } from "./views/add.js";
import type { Problem } from "../problem.js";
import { render } from "../messages/index.js";

export function authorOf(teacher: Teacher): Person {
  return { name: teacher.name, email: teacher.emails[0] ?? `${teacher.id}@yanxiu.invalid` };
}

/** The logged-in person, or a response sending them to log in. */
export function needLogin(c: Ctx): Response | undefined {
  if (c.get("viewer")) return undefined;
  return c.req.method === "GET" ? c.redirect("/login", 303) : forbidden(c, t(langOf(c), "请先登录", "Log in first"));
}

export function scoringOf(c: Ctx) {
  const repo = c.get("repo");
  return repo.dataset && repo.scheme && !repo.scheme.skipped ? { dataset: repo.dataset, scheme: repo.scheme } : undefined;
}

/** The gate of every page that scores: logged in, and the school's config, roster and rules usable. */
export function needScoring(c: Ctx): Response | undefined {
  return needLogin(c) ?? (scoringOf(c) ? undefined : rulesBroken(c));
}

export function rulesBroken(c: Ctx): Response {
  const l = langOf(c);
  return c.html(String(errorPage(frameOf(c, "yanxiu"), t(l, "暂时不能使用", "Not available right now"),
    t(l, "学校的配置、名册或规则文件有错误,教务处修正后即可使用(运行 yanxiu check 查看)。", "The school's config, roster or rules have errors; the office can see them with 'yanxiu check'."))), 503);
}

/** Problems of a failed save, placed beside the fields they concern. */
export function placeProblems(problems: Problem[], lang: Lang): { errors: Record<string, string[]>; general: string[] } {
  const errors: Record<string, string[]> = {};
  const general: string[] = [];
  for (const p of problems.filter((x) => x.severity === "error")) {
    const f = fieldOf(p);
    const message = render(asOnTheForm(p.message, lang), lang);
    const text = p.hint ? `${message}(${render(p.hint, lang)})` : message;
    if (f && f !== "kind" && f !== "teacher" && f !== "records") (errors[f] ??= []).push(text);
    else general.push(text);
  }
  return { errors, general };
}

/** Save through the write queue, which keeps the in-memory state in step with what was (or was not) written. */
export function saveQueued(server: Server, req: Omit<SaveRequest, "announce">): Promise<SaveResult> {
  return server.queue.save(req);
}

type Show<R> = (errors: Record<string, string[]>, general: string[], status: 400 | 409 | 500) => R;

/** The form again: check's problems beside their fields, any other failure on top. */
export function answerFailure<R>(result: Exclude<SaveResult, { ok: true }>, show: Show<R>, lang: Lang): R {
  if (result.reason === "invalid") {
    const placed = placeProblems(result.problems, lang);
    return show(placed.errors, placed.general, 400);
  }
  return show({}, [result.message], result.reason === "busy" || result.reason === "changed" ? 409 : 500);
}

export function failureText(r: Exclude<SaveResult, { ok: true }>): string | undefined {
  return r.reason === "invalid" ? undefined : r.message;
}

/** The add (and edit) form's settings that do not depend on what was typed. */
export function addFormBase(c: Ctx, server: Server, kind: KindDef) {
  return {
    lang: langOf(c), csrf: c.get("session")!.csrf, kind, today: server.opts.today(), maxUploadMb: Math.round(server.opts.maxUploadBytes / 1048576),
    evidenceNames: evidenceNames(scoringOf(c)?.scheme, kind.id),
  };
}

/** Kinds a teacher records herself (group sessions are the leader's). */
export function personalKinds(c: Ctx): KindDef[] {
  return [...(scoringOf(c)?.scheme.kinds.values() ?? [])].filter((k) => !k.session);
}

export function registerMe(app: Hono<{ Variables: Vars }>, server: Server): void {
  app.get("/", (c) => {
    const stop = needScoring(c);
    if (stop) return stop;
    const s = scoringOf(c)!;
    const l = langOf(c);
    const v = c.get("viewer")!;
    const data = server.pages.page(s.dataset, s.scheme, v.teacher.id, server.opts.today(), l, server.state.lookupFor(s.dataset));
    if (!data) return rulesBroken(c);
    const frame = { ...frameOf(c, t(l, "我的研修", "My record"), "me"), flash: flashOf(c) };
    return c.html(String(page(frame, meBody(data, l))));
  });

  /** My own hours for the school year to print and check; the certificate itself the office prints (教务处). */
  app.get("/certificate", (c) => {
    const stop = needScoring(c);
    if (stop) return stop;
    const s = scoringOf(c)!;
    const me = c.get("viewer")!.teacher;
    const when = periodToday(s.dataset, server.opts.today());
    const mine = when && certifiedTeachers(s.dataset, when.period).filter((x) => x.id === me.id);
    if (!when || !mine || mine.length === 0) return forbidden(c, t(langOf(c), "本学年你不计学时,没有学时证明", "You are not scored this school year and have no certificate"));
    const html = certificateHtml(s.dataset, s.scheme, when.period, mine, langOf(c), server.opts.today(), true);
    return c.body(html, 200, { "Content-Type": "text/html; charset=utf-8", "Content-Disposition": `inline; filename="hours-${me.id}-${when.period.id}.html"` });
  });

  const formBase = (c: Ctx, kind: KindDef) => addFormBase(c, server, kind);

  app.get("/add", (c) => {
    const stop = needScoring(c);
    if (stop) return stop;
    const l = langOf(c);
    const kind = personalKinds(c).find((k) => k.id === c.req.query("kind"));
    const frame = frameOf(c, t(l, "新增记录", "Add a record"), "add");
    if (!kind) return c.html(String(page(frame, kindChoice(personalKinds(c), l))));
    return c.html(String(page(frame, addForm({ ...formBase(c, kind), values: {}, errors: {}, general: [] }))));
  });

  app.post("/add", async (c) => {
    const stop = needScoring(c);
    if (stop) return stop;
    const s = scoringOf(c)!;
    const l = langOf(c);
    const v = c.get("viewer")!;
    const form = formOf(c);
    const kind = personalKinds(c).find((k) => k.id === field(form, "kind"));
    if (!kind) return forbidden(c, t(l, "没有这种活动类型(教研组活动由组长记录)", "No such kind of activity (group sessions are recorded by the leader)"));
    // Whatever the form says, a teacher writes only into their own file.
    const values = recordFormValues(form, server.opts.today());
    const frame = frameOf(c, t(l, "新增记录", "Add a record"), "add");
    const chosenFiles = chosenUploads(form, evidenceNames(s.scheme, kind.id));
    const show = (errors: Record<string, string[]>, general: string[], status: 400 | 409 | 500 | 503) =>
      c.html(String(page(frame, addForm({ ...formBase(c, kind), values, errors: chooseAgain(errors, chosenFiles.length, l), general }))), status);

    const uploads = await uploadsOf(chosenFiles);
    const planned = planUploads(server.opts.root, v.teacher.id, values.date || "undated", uploads, server.opts.maxUploadBytes, l);
    if (!planned.ok) return show({ evidence: [planned.error] }, [], 400);
    const built = recordFromForm(values, kind, s.dataset.config, planned.files.map((f) => f.path), l, server.opts.today());
    if (!built.item || !built.term) return show(built.errors, [], 400);

    const file = recordFilePath(built.term.id, v.teacher.id);
    const target = { listKey: "records" as const, ownerKey: "teacher" as const, owner: v.teacher.id, headerComment: `${v.teacher.name}（${v.teacher.id}） ${built.term.name} 研修记录` };
    const result = await saveQueued(server, {
      root: server.opts.root, lang: l, today: server.opts.today(), file,
      transform: appendItem(target, built.item!, l), newFiles: planned.files, author: authorOf(v.teacher),
      subject: `records: ${v.teacher.id} ${values.title!.trim()} ${values.date} (web)`,
    });
    if (!result.ok) return answerFailure(result, show, l);
    // The record as scored now, with the credit it earned, and what is still short (我的研修 shows what closes it).
    const fresh = server.state.current();
    const data = fresh.dataset && fresh.scheme ? savedStanding(fresh.dataset, fresh.scheme, v.teacher.id, file, server.opts.today(), l, { lookup: server.state.lookupFor(fresh.dataset) }) : undefined;
    const standing = (data?.requirements ?? []).filter((r) => !r.met).map((r) => `${r.label}:${r.gap ?? ""}`);
    return c.html(String(page({ ...frame, flash: { ok: true, text: t(l, "已保存并提交", "Saved and committed") } }, savedBody(l, String(built.item.title), data?.credit, data?.unit ?? "", standing, data?.shortfall))));
  });
}

function flashOf(c: Ctx): { ok: boolean; text: string } | undefined {
  const f = c.req.query("done");
  const l = langOf(c);
  if (f === "withdrawn") return { ok: true, text: t(l, "已撤回", "Withdrawn") };
  if (f === "unchanged") return { ok: true, text: t(l, "没有改动,什么也没有保存", "Nothing was changed, so nothing was saved") };
  if (f === "edited") return { ok: true, text: t(l, "已修改并提交,等待审核", "Changed and committed; it waits for review") };
  if (f === "saved") return { ok: true, text: t(l, "已保存", "Saved") };
  return undefined;
}
