/**
 * Checks on reviews written in the files: the approver must be allowed to approve (or verify,
 * or return) that record; a record changed after its review has lapsed back to 录入; two
 * records may not share one `id:`.
 */
import type { Problem } from "../problem.js";
import { msg } from "../messages/index.js";
import { approvalSettings, mayReview, targetOf, type Permission, type ReviewAction } from "../approval/policy.js";
import { duplicateRefs, reviewEntries, writtenEntries } from "../approval/ref.js";
import { STATUSES } from "../schema/vocab.js";
import { atActivity, type Check } from "./context.js";
import { rosterLookup } from "../roster-lookup.js";

const ACTION: Record<string, ReviewAction> = { approved: "approve", verified: "verify", rejected: "reject" };

/** A status as both languages name it: messages carry both, the formatter picks one. */
const statusLabel = (status: string) => ({ zh: STATUSES.label(status, "zh"), en: STATUSES.label(status, "en") });

export const approverAllowed: Check = {
  name: "approver-not-allowed",
  needs: ["roster", "config"],
  severity: "error",
  description: { zh: "审核人须有权审核这条记录(组长审本组成员,教务处审全部,不能审自己)", en: "the approver must be allowed to review the record (leaders their members, the office everyone, nobody their own)" },
  run(ctx) {
    const dataset = ctx.dataset;
    if (!dataset) return [];
    const settings = approvalSettings(dataset.config);
    const teachers = rosterLookup(dataset.roster).teacher;
    // The same approver reviews the same teacher's records many times over: the answer is worked
    // out once (mayReview walks the roster's groups and roles). Only the approver's roles depend
    // on the date, so the date is part of the key only when one of them has a from or a to.
    const decided = new Map<string, Permission>();
    const out: Problem[] = [];
    for (const entry of writtenEntries(dataset.activities)) {
      const a = entry.activities[0]!;
      const action = a.status ? ACTION[a.status] : undefined;
      if (!action || !a.approver) continue;
      const approver = teachers.get(a.approver);
      if (!approver) continue; // unknown-teacher reports it
      const date = a.reviewed ?? a.date;
      const dated = approver.roles.some((r) => !!(r.from || r.to));
      const key = entry.kind === "record" ? `${approver.id}\0${entry.owner}\0${action}${dated ? `\0${date}` : ""}` : undefined;
      let p = key === undefined ? undefined : decided.get(key);
      if (!p) {
        p = mayReview(dataset.roster, settings, approver, targetOf(entry), action, date);
        if (key !== undefined) decided.set(key, p);
      }
      if (p.ok) continue;
      const reason = p.reason === "own" || p.reason === "own-session" ? p.reason : action === "verify" ? "verify" : "not-leader";
      out.push(atActivity(ctx, a, "approver", this.name,
        msg("approver-not-allowed", { status: statusLabel(a.status!), approver: { id: approver.id, name: approver.name }, reason }),
        msg("approver-not-allowed.hint")));
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
      const review = { ...(a.reviewed ? { reviewed: a.reviewed } : {}), ...(a.approver ? { approver: a.approver } : {}) };
      out.push(atActivity(ctx, a, "status", this.name,
        msg("review-lapsed", { status: statusLabel(a.status ?? "draft"), draft: statusLabel("draft"), ...review }),
        msg("review-lapsed.hint"), "warning"));
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
    // Only a group with a written id: is reported, so without any id there is nothing to find
    // (and no need to hash every record's derived ref: most schools, before their first review).
    if (!ctx.activities.some((a) => a.id)) return out;
    for (const group of duplicateRefs(reviewEntries(ctx.activities))) {
      const pinned = group.filter((e) => e.pinned);
      if (pinned.length === 0) continue; // identical un-id'd records: duplicate-record reports them
      const [first, ...rest] = group;
      for (const e of rest) {
        out.push(atActivity(ctx, e.activities[0]!, e.pinned ? "id" : undefined, this.name,
          msg("duplicate-id", { ref: e.ref, file: first!.file, line: first!.line }), msg("duplicate-id.hint")));
      }
    }
    return out;
  },
};
