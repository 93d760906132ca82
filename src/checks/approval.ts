/**
 * Checks on reviews written in the files: the approver must be allowed to approve (or verify,
 * or return) that record; a record changed after its review has lapsed back to 录入; two
 * records may not share one `id:`.
 */
import type { Problem } from "../problem.js";
import { t } from "../i18n.js";
import { approvalSettings, mayReview, targetOf, type ReviewAction } from "../approval/policy.js";
import { duplicateRefs, reviewEntries } from "../approval/ref.js";
import { STATUSES } from "../schema/vocab.js";
import { atActivity, type Check } from "./context.js";

const ACTION: Record<string, ReviewAction> = { approved: "approve", verified: "verify", rejected: "reject" };

export const approverAllowed: Check = {
  name: "approver-not-allowed",
  needs: ["roster", "config"],
  severity: "error",
  description: { zh: "审核人须有权审核这条记录(组长审本组成员,教务处审全部,不能审自己)", en: "the approver must be allowed to review the record (leaders their members, the office everyone, nobody their own)" },
  run(ctx) {
    const dataset = ctx.dataset;
    if (!dataset) return [];
    const settings = approvalSettings(dataset.config);
    const out: Problem[] = [];
    for (const entry of reviewEntries(dataset.activities)) {
      const a = entry.activities[0]!;
      const action = a.status ? ACTION[a.status] : undefined;
      if (!action || !a.approver) continue;
      const approver = dataset.roster.teachers.find((x) => x.id === a.approver);
      if (!approver) continue; // unknown-teacher reports it
      const p = mayReview(dataset.roster, settings, approver, targetOf(entry), action, a.reviewed ?? a.date);
      if (p.ok) continue;
      const status = STATUSES.label(a.status!, ctx.lang);
      const why = p.reason === "own" ? t(ctx.lang, "这是审核人自己的记录", "it is the approver's own record")
        : p.reason === "own-session" ? t(ctx.lang, "审核人是这次活动的组长或参加者", "the approver leads or attended this session")
        : action === "verify" ? t(ctx.lang, "审核人没有验证权限(yanxiu.yaml 的 approval.verify)", "the approver holds no verifying role (yanxiu.yaml's approval.verify)")
        : t(ctx.lang, "审核人既不是该教师所在组的组长,也不是教务处", "the approver is neither a leader of the teacher's group nor in the office");
      out.push(atActivity(ctx, a, "approver", this.name,
        t(ctx.lang, `记录标为「${status}」,但 ${approver.name}(${approver.id})无权审核它:${why}`, `the record is marked ${status}, but ${approver.name} (${approver.id}) may not review it: ${why}`),
        t(ctx.lang, "请有权限的人用 yanxiu approve 重新审核", "have someone allowed review it with yanxiu approve")));
    }
    return out;
  },
};

export const reviewLapsed: Check = {
  name: "review-lapsed",
  severity: "warning",
  description: { zh: "审核后又被修改的记录回到「录入」,需重新审核", en: "a record changed after its review is back to 录入 and needs reviewing again" },
  run(ctx) {
    const out: Problem[] = [];
    for (const a of ctx.entries) {
      if (!a.lapsed) continue;
      const status = STATUSES.label(a.status ?? "draft", ctx.lang);
      out.push(atActivity(ctx, a, "status", this.name,
        t(ctx.lang, `这条记录在${status}${a.reviewed ? `(${a.reviewed}${a.approver ? `,${a.approver}` : ""})` : ""}之后被修改过,现按「录入」计,等待重新审核`,
          `this record was changed after it was ${STATUSES.label(a.status ?? "draft", "en")}${a.reviewed ? ` (${a.reviewed}${a.approver ? `, ${a.approver}` : ""})` : ""}; it counts as 录入 (entered) until reviewed again`),
        t(ctx.lang, "请审核人重新审核(yanxiu review 会列出它),或撤销这次修改", "ask the approver to review it again (yanxiu review lists it), or undo the change"), "warning"));
    }
    return out;
  },
};

export const duplicateId: Check = {
  name: "duplicate-id",
  severity: "error",
  description: { zh: "每条记录的 id 必须唯一", en: "every record's id must be unique" },
  run(ctx) {
    const out: Problem[] = [];
    for (const group of duplicateRefs(reviewEntries(ctx.activities))) {
      const pinned = group.filter((e) => e.pinned);
      if (pinned.length === 0) continue; // identical un-id'd records: duplicate-record reports them
      const [first, ...rest] = group;
      for (const e of rest) {
        out.push(atActivity(ctx, e.activities[0]!, e.pinned ? "id" : undefined, this.name,
          t(ctx.lang, `编号 ${e.ref} 已用于 ${first!.file}:${first!.line}`, `the id ${e.ref} is already used at ${first!.file}:${first!.line}`),
          t(ctx.lang, "复制记录时删掉 id: 一行(yanxiu 会给新记录编号)", "when copying a record, delete its id: line (yanxiu numbers the new record)")));
      }
    }
    return out;
  },
};
