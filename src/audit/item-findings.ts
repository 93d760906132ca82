/** Findings about one record or session file changed by one commit (against one parent). */
import { t } from "../i18n.js";
import { STATUSES } from "../schema/vocab.js";
import { approvedStatus, diffItems, itemLabel, sameItem, type Item } from "./items.js";
import { mayApprove, mayEdit, type Owner } from "./people.js";
import { itemFileKind } from "./paths.js";
import { judgeReviewChange, namedApprover, REVIEW_ONLY_FIELDS } from "./review-changes.js";
import type { EditContext, Raised } from "./audit.js";
import type { FileEdit } from "./walk.js";

function stem(repoPath: string): string {
  return repoPath.replace(/^.*\//, "").replace(/\.ya?ml$/i, "");
}

export function judgeItemFile(e: FileEdit, ctx: EditContext): Raised[] {
  const newKind = e.newOid ? itemFileKind(e.repoPath ?? "") : undefined;
  const oldPath = e.oldRepoPath ?? e.repoPath;
  const oldKind = e.oldOid ? itemFileKind(oldPath ?? "") : undefined;
  const kind = newKind ?? oldKind;
  if (!kind) return [];
  const file = e.repoPath ?? oldPath!;
  const { roster, author, day, lang } = ctx;
  const before = oldKind ? ctx.before(oldKind) : { items: [] };
  const after = newKind ? ctx.after(newKind) : { items: [] };
  // Owners of both sides: moving a record to another teacher's file, or renaming the file, concerns both.
  const ownerIds = new Set<string>();
  // The file's name names its owner too (check makes the two agree): a file renamed onto a
  // colleague's name concerns the colleague even if its `teacher:` line was left as it was.
  if (oldKind) for (const id of [before.owner, stem(oldPath!)]) if (id) ownerIds.add(id);
  if (newKind) for (const id of [after.owner, stem(e.repoPath!)]) if (id) ownerIds.add(id);
  const owners: Owner[] = [...ownerIds].map((id) => (kind === "records" ? { teacher: id } : { group: id }));
  const ownerName = (o: Owner) =>
    "teacher" in o
      ? `${roster.teachers.find((x) => x.id === o.teacher)?.name ?? o.teacher}(${o.teacher})`
      : `${roster.groups.find((g) => g.id === o.group)?.name ?? o.group}(${o.group})`;
  const out: Raised[] = [];
  const add = (check: Raised["check"], message: string, record?: Item) => out.push({ check, message, file, record });

  if (author) {
    for (const o of owners) {
      if (mayEdit(roster, author, o, day)) continue;
      add("foreign-edit", "teacher" in o
        ? t(lang, `修改了 ${ownerName(o)} 的记录,但既不是其组长也不是行政人员`, `changed the records of ${ownerName(o)} without being their group leader or an administrator`)
        : t(lang, `修改了 ${ownerName(o)} 的集体活动记录,但既不是该组组长也不是行政人员`, `changed the sessions of ${ownerName(o)} without being its leader or an administrator`));
    }
  }
  const mayApproveAll = !!author && owners.every((o) => mayApprove(roster, author, o, day));
  const statusWord = (s: "approved" | "verified") => (s === "approved" ? t(lang, "审定", "approved") : t(lang, "验证", "verified"));
  const show = (item: Item) => {
    const l = itemLabel(item);
    return `${l.date} ${l.kind}「${l.title}」`;
  };

  // A broken file (caught by check) hides its items: comparing across it would invent deletions.
  if (before.unreadable || after.unreadable) return out;
  const diff = diffItems(before.items, after.items);
  const reviewed = (b: Item | undefined, a: Item) => {
    const raised = new Set(out.filter((r) => r.record === a || r.record === b).map((r) => r.check));
    for (const r of judgeReviewChange({ before: b, after: a, author, raised, lang })) add(r.check, r.message, a);
  };
  // Named in an approval the author had no right to make: the forged name is part of the finding.
  const naming = (item: Item) => {
    const approver = namedApprover(item);
    return approver && approver !== author?.id ? t(lang, `(写明的审核人是 ${approver})`, ` (naming ${approver} as approver)`) : "";
  };
  for (const { before: b, after: a } of diff.pairs) {
    if (sameItem(b, a)) continue;
    const was = approvedStatus(b);
    if (was) {
      // Moving an approved record on (审定 → 验证), or sending it back, is the approvers' job:
      // a change of the review's own fields (status, approver, date, reason, seal, id).
      if (!(mayApproveAll && sameItem(b, a, REVIEW_ONLY_FIELDS))) {
        add("approved-edited", t(lang, `修改了已${statusWord(was)}的记录:${show(b)}`, `changed a record that was already ${statusWord(was)}: ${show(b)}`), b);
      }
    } else {
      const now = approvedStatus(a);
      if (now && !mayApproveAll) {
        add("unauthorized-approval", t(lang, `把记录标为「${statusWord(now)}」,但没有审核权限${naming(a)}:${show(a)}`, `marked a record ${statusWord(now)} without the right to approve it${naming(a)}: ${show(a)}`), a);
      }
    }
    reviewed(b, a);
  }
  for (const a of diff.added) {
    const now = approvedStatus(a);
    if (now && !mayApproveAll) {
      add("unauthorized-approval", t(lang, `新增的记录直接标为「${statusWord(now)}」,但没有审核权限${naming(a)}:${show(a)}`, `added a record already marked ${statusWord(now)} without the right to approve it${naming(a)}: ${show(a)}`), a);
    }
    reviewed(undefined, a);
  }
  // A teacher taking back her own record before anyone reviewed it (the web page's 撤回) only
  // lowers her own hours, and the history keeps it: not a finding. Anyone else's deletion, and the
  // deletion of a reviewed record (approved, or returned with the reviewer's reason), is.
  const ownFile = !!author && kind === "records" && owners.length > 0 && owners.every((o) => "teacher" in o && o.teacher === author.id);
  const reviewKey = (path: string | undefined, item: Item) => {
    const l = itemLabel(item);
    return `${path ?? ""}\u0000${l.date}\u0000${l.kind}\u0000${l.title}`;
  };
  for (const item of before.items) if (!neverReviewed(item)) ctx.reviewedOnce.add(reviewKey(oldPath, item));
  for (const item of after.items) if (!neverReviewed(item)) ctx.reviewedOnce.add(reviewKey(e.repoPath ?? oldPath, item));
  for (const b of diff.deleted) {
    const was = approvedStatus(b);
    if (ownFile && neverReviewed(b) && !ctx.reviewedOnce.has(reviewKey(oldPath, b))) continue;
    const returned = !was && STATUSES.normalize(String(b.status ?? "")) === "rejected";
    const reason = returned && b.reason !== undefined ? t(lang, `(退回原因:${String(b.reason)})`, ` (returned because: ${String(b.reason)})`) : "";
    add("record-deleted", was
      ? t(lang, `删除了已${statusWord(was)}的记录:${show(b)}`, `deleted a record that was ${statusWord(was)}: ${show(b)}`)
      : returned ? t(lang, `删除了被退回的记录:${show(b)}${reason}`, `deleted a returned record: ${show(b)}${reason}`)
      : t(lang, `删除了记录:${show(b)}`, `deleted a record: ${show(b)}`),
      b);
  }
  return out;
}

/** 录入 and untouched by any reviewer: no status but draft, no approver, date or reason of a review. */
function neverReviewed(item: Item): boolean {
  const status = item.status === undefined ? "draft" : STATUSES.normalize(String(item.status));
  return status === "draft" && item.approver === undefined && item.reviewed === undefined && item.reason === undefined;
}
