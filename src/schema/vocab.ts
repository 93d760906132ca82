/**
 * Closed vocabularies of the record format. Each value has a stable English id used in
 * rules and code, and the Chinese words teachers actually type; both are accepted in files.
 */
export interface VocabEntry {
  id: string;
  zh: string;
  en: string;
  aliases: string[];
}

function vocab(entries: VocabEntry[]) {
  const byWord = new Map<string, string>();
  for (const e of entries) for (const w of [e.id, e.zh, ...e.aliases]) byWord.set(w, e.id);
  return {
    entries,
    ids: entries.map((e) => e.id),
    /** Every spelling accepted in a file. */
    words: [...byWord.keys()],
    normalize: (word: string): string | undefined => byWord.get(word.trim()),
    label: (id: string, lang: "zh" | "en"): string => {
      const e = entries.find((x) => x.id === id);
      return e ? (lang === "en" ? e.en : e.zh) : id;
    },
  };
}

export const LEVELS = vocab([
  { id: "school", zh: "校级", en: "school", aliases: ["校"] },
  { id: "cluster", zh: "片级", en: "cluster", aliases: ["片", "片区"] },
  { id: "district", zh: "区县级", en: "district/county", aliases: ["区县", "区级", "县级", "区", "县"] },
  { id: "city", zh: "市级", en: "city", aliases: ["市"] },
  { id: "province", zh: "省级", en: "province", aliases: ["省"] },
  { id: "national", zh: "国家级", en: "national", aliases: ["国", "国家"] },
]);

/** Ordered from low to high, for "省级及以上" style comparisons. */
export const LEVEL_RANK: Record<string, number> = Object.fromEntries(LEVELS.ids.map((id, i) => [id, i]));

export const AWARDS = vocab([
  { id: "first", zh: "一等奖", en: "1st prize", aliases: ["一等"] },
  { id: "second", zh: "二等奖", en: "2nd prize", aliases: ["二等"] },
  { id: "third", zh: "三等奖", en: "3rd prize", aliases: ["三等"] },
  { id: "published", zh: "发表", en: "published", aliases: ["已发表"] },
]);

export const ACTIVITY_ROLES = vocab([
  { id: "lead", zh: "主持", en: "leads", aliases: ["负责人"] },
  { id: "participant", zh: "参与", en: "takes part", aliases: ["参加"] },
  { id: "speaker", zh: "主讲", en: "speaker", aliases: ["主讲人"] },
  { id: "main-preparer", zh: "主备", en: "leads the preparation", aliases: ["主备人"] },
]);

/** A research project's stages, in the order a project goes through them (rules may declare their own order). */
export const STAGES = vocab([
  { id: "approved", zh: "立项", en: "approved", aliases: [] },
  { id: "opening", zh: "开题", en: "opening report", aliases: ["开题报告"] },
  { id: "midterm", zh: "中期检查", en: "midterm review", aliases: ["中期", "中期报告", "中期研究检查", "中期总结"] },
  { id: "concluded", zh: "结题", en: "concluded", aliases: ["结题鉴定"] },
]);

export const ATTENDANCE = vocab([
  { id: "present", zh: "出勤", en: "present", aliases: ["到", "出席"] },
  { id: "absent", zh: "缺席", en: "absent", aliases: ["旷会", "缺勤"] },
  { id: "excused", zh: "请假", en: "excused", aliases: ["假"] },
  { id: "late", zh: "迟到", en: "late", aliases: [] },
  { id: "left-early", zh: "早退", en: "left early", aliases: [] },
]);

export const STATUSES = vocab([
  { id: "draft", zh: "录入", en: "entered", aliases: ["草稿", "entered"] },
  { id: "approved", zh: "审定", en: "approved", aliases: ["已审核", "审核通过"] },
  { id: "verified", zh: "验证", en: "verified", aliases: ["已验证"] },
  { id: "rejected", zh: "退回", en: "rejected", aliases: ["不通过"] },
]);

/** Roles of a teacher in the school (not in one activity). Free text is allowed; these are the usual ones. */
export const TEACHER_ROLES = vocab([
  { id: "young", zh: "青年教师", en: "young teacher", aliases: [] },
  { id: "key", zh: "骨干教师", en: "key teacher", aliases: [] },
  { id: "new", zh: "新教师", en: "new teacher", aliases: [] },
  { id: "group-leader", zh: "教研组长", en: "teaching-research group leader", aliases: [] },
  { id: "prep-leader", zh: "备课组长", en: "lesson-preparation group leader", aliases: [] },
  { id: "grade-head", zh: "年级组长", en: "grade head", aliases: [] },
  { id: "teaching-leader", zh: "教学领导", en: "teaching leader", aliases: ["教学校长", "教导主任"] },
  { id: "admin", zh: "行政", en: "administrator", aliases: ["行政领导"] },
  { id: "admin-no-class", zh: "不兼课行政", en: "administrator without classes", aliases: ["不兼课的行政领导"] },
]);

/** Chinese names of record fields, for messages and prompts (English uses the field name itself). */
export const FIELD_LABELS_ZH: Record<string, string> = {
  date: "日期",
  kind: "类型",
  title: "标题",
  hours: "学时",
  level: "级别",
  award: "等次",
  role: "角色",
  stage: "阶段",
  count: "数量(节/次)",
  words: "字数",
  score: "评定分",
  evidence: "证明材料",
  status: "审核状态",
  approver: "审核人",
  ref: "项目编号",
  notes: "备注",
  content: "内容",
  attendance: "考勤",
  lead: "主备/主讲",
};
