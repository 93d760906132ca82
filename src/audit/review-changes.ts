/**
 * Audit of reviews (审定 / 验证 / 退回) in one commit's record or session file. A review is a
 * change of an item's status to one of those, or of its `approver:` or `reviewed:` date while it
 * holds one. Two findings, beside the permission checks of item-findings.ts:
 *
 * - review-not-by-approver: the commit's author is not the approver the item names (or it names
 *   nobody). `check` proves the named approver may review the item; this proves the approver made
 *   the change, so the two together say the review was made by someone allowed.
 * - review-bundled: the same commit also changed the item's other fields (or added it already
 *   reviewed), so what was reviewed is not what was committed.
 *
 * An item whose change is already reported as unauthorized-approval or approved-edited gets no
 * second finding for the same change. Pure: items before and after in, findings out.
 */
import { t, type Lang } from "../i18n.js";
import type { Teacher } from "../model.js";
import { STATUSES } from "../schema/vocab.js";
import { REVIEW_FIELDS } from "../schema/seal.js";
import { itemLabel, sameItem, type Item } from "./items.js";

export const REVIEW_CHECKS = ["review-not-by-approver", "review-bundled"] as const;
export type ReviewCheck = (typeof REVIEW_CHECKS)[number];

/** What a review writes besides the status: an edit of these alone is the review itself. */
export const REVIEW_ONLY_FIELDS: readonly string[] = [...REVIEW_FIELDS, "id"];

/** Checks after which a review change of the same item is not reported again. */
const COVERED_BY = new Set(["unauthorized-approval", "approved-edited"]);

type ReviewStatus = "approved" | "verified" | "rejected";

function statusOf(item: Item | undefined): string {
  if (item?.status === undefined) return "draft";
  return STATUSES.normalize(String(item.status)) ?? String(item.status);
}

const text = (v: unknown) => (v === undefined || v === null ? undefined : String(v).trim());

/** The approver named by the item: a teacher id. */
export function namedApprover(item: Item): string | undefined {
  return text(item.approver) || undefined;
}

/** The review status the item was brought to or re-reviewed in, when this change is a review. */
export function reviewChange(before: Item | undefined, after: Item): { status: ReviewStatus; statusChanged: boolean } | undefined {
  const now = statusOf(after);
  if (now !== "approved" && now !== "verified" && now !== "rejected") return undefined;
  if (!before) return { status: now, statusChanged: true };
  const statusChanged = now !== statusOf(before);
  const changed = statusChanged || text(before.approver) !== text(after.approver) || text(before.reviewed) !== text(after.reviewed);
  return changed ? { status: now, statusChanged } : undefined;
}

export interface ReviewJudgeInput {
  /** Undefined for an item the commit added. */
  before?: Item;
  after: Item;
  author?: Teacher;
  /** Checks already raised on this item in this commit. */
  raised: ReadonlySet<string>;
  lang: Lang;
}

export function judgeReviewChange(input: ReviewJudgeInput): { check: ReviewCheck; message: string }[] {
  const { before, after, author, lang } = input;
  const change = reviewChange(before, after);
  if (!change || [...input.raised].some((c) => COVERED_BY.has(c))) return [];
  const zh = STATUSES.label(change.status, "zh");
  const en = STATUSES.label(change.status, "en");
  const l = itemLabel(after);
  const what = `${l.date} ${l.kind}「${l.title}」`;
  const out: { check: ReviewCheck; message: string }[] = [];

  const approver = namedApprover(after);
  if (!author || author.id !== approver) {
    const act = change.statusChanged
      ? t(lang, `把记录改为「${zh}」`, `marked a record ${en}`)
      : t(lang, `修改了「${zh}」记录的审核人或审核日期`, `changed the approver or review date of a record marked ${en}`);
    const named = approver ? t(lang, `,写明的审核人是 ${approver}`, ` naming ${approver} as approver`) : t(lang, ",但没有写明审核人", " without naming an approver");
    const by = author ? t(lang, `${author.name}(${author.id})`, `${author.name} (${author.id})`) : t(lang, "不在名册中的人", "someone not in the roster");
    out.push({ check: "review-not-by-approver", message: t(lang,
      `${act}${named},提交者却是 ${by};审核须由审核人本人提交(yanxiu approve --commit):${what}`,
      `${act}${named}, but the commit is by ${by}; a review must be committed by its approver (yanxiu approve --commit): ${what}`) });
  }

  if (!before || !sameItem(before, after, REVIEW_ONLY_FIELDS)) {
    out.push({ check: "review-bundled", message: before
      ? t(lang, `同一提交既修改了记录内容又把它改为「${zh}」,审核的不是提交的内容;修改与审核须分开提交:${what}`,
        `one commit both edited the record and marked it ${en}, so the review does not cover what was committed; edit and review in separate commits: ${what}`)
      : t(lang, `新增的记录直接带着「${zh}」状态,录入与审核在同一提交中:${what}`,
        `a record was added already ${en}: entry and review in one commit: ${what}`) });
  }
  return out;
}
