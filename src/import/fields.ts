/**
 * The columns of the records sheet (one row per activity) and of the 集体活动 sheet (one row per
 * group session): field ids, the usual headers of each (the first is what the template and
 * `export records` write), so an exported workbook imports again column for column.
 */

/** What a teacher's record and a group session share, in the order a reader looks for them. */
const ACTIVITY = ["term", "date", "kind", "title", "hours", "level", "award", "role", "stage", "count", "words", "score", "evidence", "ref", "notes", "content"] as const;
/** The review, as `approve` wrote it; an office importing its old approvals keeps them. */
const REVIEW = ["id", "status", "approver", "reviewed", "reason", "seal"] as const;

export const RECORD_FIELDS = ["teacher", "name", ...ACTIVITY, ...REVIEW] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

export const ATTENDANCE_FIELDS = ["present", "absent", "excused", "late", "leftEarly"] as const;
export type AttendanceField = (typeof ATTENDANCE_FIELDS)[number];

export const SESSION_FIELDS = ["group", ...ACTIVITY, "lead", ...ATTENDANCE_FIELDS, ...REVIEW] as const;
export type SessionField = (typeof SESSION_FIELDS)[number];

type Shared = (typeof ACTIVITY)[number] | (typeof REVIEW)[number];

const SHARED_HEADERS: Record<Shared, string[]> = {
  term: ["学期", "term"],
  date: ["日期", "活动日期", "时间", "date"],
  kind: ["类型", "活动类型", "类别", "kind"],
  title: ["名称", "标题", "活动名称", "题目", "title"],
  hours: ["学时", "hours"],
  level: ["级别", "level"],
  award: ["等次", "获奖等次", "奖项", "award"],
  role: ["角色", "承担角色", "role"],
  stage: ["课题阶段", "阶段", "stage"],
  count: ["数量", "节数", "听课节数", "count"],
  words: ["字数", "words"],
  score: ["评定分", "得分", "score"],
  evidence: ["证明材料", "附件", "evidence"],
  ref: ["关联编号", "课题编号", "ref"],
  notes: ["备注", "notes"],
  content: ["内容", "content"],
  id: ["记录编号", "id"],
  status: ["状态", "审核状态", "status"],
  approver: ["审核人", "approver"],
  reviewed: ["审核日期", "reviewed"],
  reason: ["退回原因", "reason"],
  seal: ["封签", "seal"],
};

export const RECORD_HEADERS: Record<RecordField, string[]> = {
  teacher: ["工号", "教师编号", "教师", "teacher"],
  name: ["姓名", "教师姓名", "name"],
  ...SHARED_HEADERS,
};

export const SESSION_HEADERS: Record<SessionField, string[]> = {
  group: ["教研组", "组别", "备课组", "group"],
  ...SHARED_HEADERS,
  lead: ["主备/主讲", "主备", "主讲", "主持", "lead"],
  present: ["出勤", "present"],
  absent: ["缺席", "absent"],
  excused: ["请假", "excused"],
  late: ["迟到", "late"],
  leftEarly: ["早退", "left-early", "leftEarly"],
};

/** Sheet names in a workbook: records first, the sessions, and the kinds as the rules define them. */
export const SHEETS = { records: "研修记录", sessions: "集体活动", kinds: "类型说明" } as const;

/** Lists in one cell (evidence files, attendance): one a line, or split by ; 、 and commas. */
export function splitList(cell: string, commas = true): string[] {
  return cell.split(commas ? /[\n;；、,,]+/ : /[\n;；]+/).map((x) => x.trim()).filter(Boolean);
}
