/**
 * Audit of status changes (审定 / 验证 / 退回) in one commit's record or session file: the
 * commit's author must be the approver the record names, allowed (by yanxiu.yaml's approval
 * settings and the roster in force) to make that move, and the change must touch nothing but
 * the review's own fields — a status change bundled with an edit would approve an edit nobody
 * reviewed. Pure: items before and after in, findings out.
 */
import { t, type Lang } from "../i18n.js";
import type { Teacher } from "../model.js";
import { STATUSES } from "../schema/vocab.js";
import { REVIEW_FIELDS } from "../schema/seal.js";
import { approvalSettings, mayReview, type ReviewAction, type ReviewTarget } from "../approval/policy.js";
import { parsePlain } from "./yaml.js";
import { itemLabel, sameItem, type Item } from "./items.js";
import type { AuditRoster } from "./people.js";

export const REVIEW_CHECKS = ["review-not-by-approver", "review-not-allowed", "review-bundled"] as const;
export type ReviewCheck = (typeof REVIEW_CHECKS)[number];

export interface ReviewFinding {
  check: ReviewCheck;
  item: Item;
  message: string;
}

const ACTION: Record<string, ReviewAction> = { approved: "approve", verified: "verify", rejected: "reject" };
const WORD: Record<string, [string, string]> = { approved: ["审定", "approved"], verified: ["验证", "verified"], rejected: ["退回", "returned"] };

/** The approval settings of a yanxiu.yaml text (defaults when absent or broken). */
export function approvalOfConfig(text: string | undefined) {
  const data = parsePlain(text) as { approval?: unknown } | undefined;
  const a = data && typeof data === "object" && data.approval && typeof data.approval === "object" ? (data.approval as Record<string, unknown>) : {};
  const list = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined);
  return approvalSettings({ approval: { office: list(a.office), verify: list(a.verify), leaders: typeof a.leaders === "boolean" ? a.leaders : undefined } });
}

const statusOf = (item: Item | undefined) => (item?.status === undefined ? "draft" : (STATUSES.normalize(String(item.status)) ?? String(item.status)));

function targetOfItem(kind: "records" | "sessions", owner: string, item: Item): ReviewTarget {
  if (kind === "records") return { kind: "record", teacher: owner };
  const att = item.attendance && typeof item.attendance === "object" ? Object.keys(item.attendance as object) : [];
  const lead = typeof item.lead === "string" ? [item.lead] : [];
  return { kind: "session", group: owner, members: [...new Set([...att, ...lead])] };
}

export interface ReviewChangeInput {
  kind: "records" | "sessions";
  owner: string;
  /** Pairs of the same item before and after the commit; `before` undefined for an added item. */
  pairs: { before?: Item; after: Item }[];
  roster: AuditRoster;
  /** yanxiu.yaml as of the commit's parent. */
  configText?: string;
  author?: Teacher;
  day: string;
  lang: Lang;
}

/** Every status change in the pairs that was not the named approver's own, allowed, review-only change. */
export function reviewChangeFindings(input: ReviewChangeInput): ReviewFinding[] {
  const { lang, author } = input;
  const settings = approvalOfConfig(input.configText);
  const out: ReviewFinding[] = [];
  for (const { before, after } of input.pairs) {
    const now = statusOf(after);
    if (before ? now === statusOf(before) : now === "draft") continue;
    const action = ACTION[now];
    if (!action) continue; // back to 录入 by hand: the seal and check handle that
    const [zh, en] = WORD[now]!;
    const l = itemLabel(after);
    const what = `${l.date} ${l.kind}「${l.title}」`;
    const approver = typeof after.approver === "string" ? after.approver : undefined;
    if (!author || author.id !== approver) {
      out.push({ check: "review-not-by-approver", item: after, message: t(lang,
        `记录改为「${zh}」,审核人写的是 ${approver ?? "(空)"},但提交者${author ? `是 ${author.name}(${author.id})` : "不在名册中"}:${what}`,
        `a record was ${en} naming ${approver ?? "nobody"} as approver, but the commit is by ${author ? `${author.name} (${author.id})` : "someone not in the roster"}: ${what}`) });
    }
    if (author) {
      const p = mayReview(input.roster, settings, author, targetOfItem(input.kind, input.owner, after), action, input.day);
      if (!p.ok) {
        out.push({ check: "review-not-allowed", item: after, message: t(lang,
          `${author.name}(${author.id})无权把这条记录改为「${zh}」(${p.reason === "own" ? "自己的记录" : p.reason === "own-session" ? "自己参加或负责的活动" : "不是其组长、教务处或验证角色"}):${what}`,
          `${author.name} (${author.id}) may not mark this record ${en} (${p.reason === "own" ? "their own record" : p.reason === "own-session" ? "a session they lead or attended" : "not its leader, the office or a verifier"}): ${what}`) });
      }
    }
    if (!before || !sameItem(before, after, [...REVIEW_FIELDS, "id"])) {
      out.push({ check: "review-bundled", item: after, message: before
        ? t(lang, `同一提交既改了记录内容又把它改为「${zh}」,审核的不是审核人看到的内容:${what}`, `one commit both edited the record and ${en} it, so the review does not cover what was reviewed: ${what}`)
        : t(lang, `新增的记录直接带着「${zh}」状态,审核与录入混在一个提交里:${what}`, `a record was added already ${en}, entry and review in one commit: ${what}`) });
    }
  }
  return out;
}
