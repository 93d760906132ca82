/**
 * 审核: the queue and the approvals, on the approval core (src/approval): who may approve whom
 * is its question; this file asks it again on every post, so a ref that is not in the person's
 * own queue (their own record, another group's) is refused and nothing is written.
 */
import type { Hono } from "hono";
import { t } from "../i18n.js";
import { buildReviewQueue, type QueueRow } from "../approval/queue.js";
import { applyReviews, type ReviewWrite } from "../approval/apply.js";
import { unitLabel } from "../reports/labels.js";
import type { Ctx, Server, Vars } from "./context.js";
import { forbidden, formOf, frameOf, langOf } from "./app.js";
import { field, fields } from "./request.js";
import { authorOf, needLogin, rulesBroken, saveQueued, scoringOf } from "./routes-me.js";
import { page } from "./views/layout.js";
import { render } from "../messages/index.js";
import { claimsOf, evidenceHref, reviewBody, type ReviewRowView } from "./views/review.js";
import { shortfallText } from "../reports/shortfalls.js";

export function registerReview(app: Hono<{ Variables: Vars }>, server: Server): void {
  const queueOf = (c: Ctx) => {
    const s = scoringOf(c);
    return s ? { s, rows: buildReviewQueue(s.dataset, s.scheme, c.get("viewer")!.teacher, server.opts.today()) } : undefined;
  };

  app.get("/review", (c) => {
    const stop = needLogin(c);
    if (stop) return stop;
    const q = queueOf(c);
    if (!q) return rulesBroken(c);
    const l = langOf(c);
    const names = new Map(q.s.dataset.roster.teachers.map((x) => [x.id, x.name]));
    const groups = new Map(q.s.dataset.roster.groups.map((g) => [g.id, g.name]));
    const rows: ReviewRowView[] = q.rows.map((r) => {
      const a = r.entry.activities[0]!;
      const kind = q.s.scheme.kinds.get(a.kind);
      return {
        ref: r.entry.ref, who: r.entry.kind === "session" ? (groups.get(r.entry.owner) ?? r.entry.owner) : (names.get(r.entry.owner) ?? r.entry.owner),
        date: a.date, kindLabel: kind ? t(l, kind.label, kind.labelEn) : a.kind, title: a.title, claims: claimsOf(a, l), credit: r.credit, ...(r.shortfall ? { shortfall: shortfallText(r.shortfall, l) } : {}), action: r.action,
        session: r.entry.kind === "session", evidence: a.evidence.map((path, n) => ({ name: path.split("/").at(-1) ?? path, href: evidenceHref(r.entry.ref, n) })),
      };
    });
    const done = c.req.query("done");
    const flash = done ? { ok: true, text: t(l, `已处理 ${done} 条并提交`, `${done} done and committed`) } : undefined;
    return c.html(String(page({ ...frameOf(c, t(l, "审核", "Review"), "review"), flash }, reviewBody(l, c.get("session")!.csrf, rows, unitLabel(q.s.scheme.meta?.unit ?? "hours", l)))));
  });

  app.post("/review", async (c) => {
    const stop = needLogin(c);
    if (stop) return stop;
    const q = queueOf(c);
    if (!q) return rulesBroken(c);
    const l = langOf(c);
    const form = formOf(c);
    const action = field(form, "action");
    const refs = [...new Set(fields(form, "ref"))].slice(0, 500);
    const reason = field(form, "reason").trim().slice(0, 300);
    if (refs.length === 0) return forbidden(c, t(l, "没有选择任何记录", "Nothing was ticked"));
    if (action !== "approve" && action !== "reject") return forbidden(c, t(l, "未知的操作", "Unknown action"));
    if (action === "reject" && (!reason || refs.length !== 1)) return forbidden(c, t(l, "退回一条记录时必须写明原因", "Returning a record needs a reason"));
    const byRef = new Map(q.rows.map((r) => [r.entry.ref, r]));
    const chosen: QueueRow[] = [];
    for (const ref of refs) {
      const row = byRef.get(ref);
      // Not in this person's own queue: their own record, someone they may not approve, or already done.
      if (!row) return forbidden(c, t(l, "你不能审核这条记录(自己的记录、别的组的记录,或已经审核过);什么也没有写入", "You may not review this record (your own, another group's, or already reviewed); nothing was written"));
      chosen.push(row);
    }
    const me = c.get("viewer")!.teacher;
    const today = server.opts.today();
    const byFile = new Map<string, QueueRow[]>();
    for (const r of chosen) byFile.set(r.entry.file, [...(byFile.get(r.entry.file) ?? []), r]);
    let done = 0;
    for (const [file, rows] of byFile) {
      const kind = rows[0]!.entry.kind;
      const reviews: ReviewWrite[] = rows.map((r) => ({
        ref: r.entry.ref, approver: me.id, date: today,
        status: action === "reject" ? "rejected" : r.action === "verify" ? "verified" : "approved",
        ...(action === "reject" ? { reason } : {}),
      }));
      const result = await saveQueued(server, {
        root: server.opts.root, lang: l, today, file,
        transform: (cur) => {
          if (cur === undefined) return { ok: false, message: t(l, `${file} 已不存在`, `${file} no longer exists`) };
          const applied = applyReviews(cur, kind, reviews);
          return applied.ok ? applied : { ok: false, message: t(l, `${file} 中的记录已被修改或移走(${applied.reason}),没有写入;请刷新后再审`, `a record in ${file} was changed or moved (${applied.reason}); nothing was written. Reload and review again`) };
        },
        author: authorOf(me),
        subject: `${action === "reject" ? "return" : "approve"}: ${rows.map((r) => r.entry.ref).join(" ")} in ${file} (web)`,
      });
      if (!result.ok) {
        const text = result.reason === "invalid" ? result.problems.map((p) => render(p.message, l)).join("; ") : result.message;
        return c.html(String(page({ ...frameOf(c, t(l, "审核", "Review"), "review"), flash: { ok: false, text: t(l, `已处理 ${done} 条;${file}:${text}`, `${done} done; ${file}: ${text}`) } }, reviewBody(l, c.get("session")!.csrf, [], ""))), 409);
      }
      done += rows.length;
    }
    return c.redirect(`/review?done=${done}`, 303);
  });
}
