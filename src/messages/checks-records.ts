/**
 * Messages of the checks on record and session files (src/checks: dates, places, duplicates,
 * evidence, links, reviews, closed terms) and of add's refusals (src/add), ids starting with the check's name.
 */
import { defineMessages } from "./catalogue.js";

/** A word in both languages (a status's label). */
type Label = { zh: string; en: string };
type Span = { id: string; start: string; end: string };
/** Why an approver may not review a record (src/approval/policy.ts's reasons, and the two a check adds). */
type RefusalReason = "own" | "own-session" | "verify" | "not-leader";

const REASON: Record<RefusalReason, Label> = {
  own: { zh: "这是审核人自己的记录", en: "it is the approver's own record" },
  "own-session": { zh: "审核人是这次活动的组长或参加者", en: "the approver leads or attended this session" },
  verify: { zh: "审核人没有验证权限(yanxiu.yaml 的 approval.verify)", en: "the approver holds no verifying role (yanxiu.yaml's approval.verify)" },
  "not-leader": { zh: "审核人既不是该教师所在组的组长,也不是教务处", en: "the approver is neither a leader of the teacher's group nor in the office" },
};

type Duplicate = { teacher: string; date: string; title: string; file: string; line: number };
const duplicateZh = (d: Duplicate) =>
  `重复记录:${d.teacher} 在 ${d.date} 的「${d.title}」已记录于 ${d.file}:${d.line}`;
const duplicateEn = (d: Duplicate) =>
  `duplicate: ${d.teacher}'s '${d.title}' on ${d.date} is already recorded at ${d.file}:${d.line}`;
const DUPLICATE: Duplicate = { teacher: "t16", date: "2025-10-15", title: "《背影》教学反思", file: "records/2025-2026-1/t16.yaml", line: 12 };

export const recordCheckMessages = defineMessages({
  "date-outside-term": {
    example: { date: "2025-08-20" },
    zh: (d) => `日期 ${d.date} 不在任何学期之内`,
    en: (d) => `the date ${d.date} is not inside any term`,
  },
  "date-outside-term.hint-terms": {
    example: { terms: [{ id: "2025-2026-1", start: "2025-09-01", end: "2026-01-31" }, { id: "2025-2026-2", start: "2026-02-01", end: "2026-07-31" }] as Span[] },
    zh: (d) => `检查日期,或在 yanxiu.yaml 中定义这个学期(已有 ${spans(d.terms)})`,
    en: (d) => `check the date, or define that term in yanxiu.yaml (defined: ${spans(d.terms)})`,
  },
  "date-outside-term.hint": {
    example: {},
    zh: () => "检查日期,或在 yanxiu.yaml 中定义这个学期",
    en: () => "check the date, or define that term in yanxiu.yaml",
  },
  "future-date": {
    example: { date: "2026-12-20", today: "2026-12-06" },
    zh: (d) => `日期 ${d.date} 在今天(${d.today})之后`,
    en: (d) => `the date ${d.date} is after today (${d.today})`,
  },
  "future-date.hint": {
    example: {},
    zh: () => "活动结束后再记录,或改正日期",
    en: () => "record it after it has happened, or correct the date",
  },
  "term-folder": {
    example: { date: "2026-03-10", term: "2025-2026-2", folder: "2025-2026-1" },
    zh: (d) => `${d.date} 属于学期 ${d.term},但记录放在 ${d.folder} 文件夹中`,
    en: (d) => `${d.date} is in term ${d.term} but the record is filed under ${d.folder}`,
  },
  "term-folder.hint": {
    example: { file: "records/2025-2026-2/t16.yaml" },
    zh: (d) => `移到 ${d.file}`,
    en: (d) => `move it to ${d.file}`,
  },

  "file-place.no-term-folder": {
    example: { top: "records", owner: "teacher" as "teacher" | "group" },
    zh: (d) => `${d.top}/ 下的文件应放在学期文件夹中:${d.top}/<学期>/<${d.owner === "teacher" ? "教师" : "教研组"}编号>.yaml`,
    en: (d) => `files in ${d.top}/ belong at ${d.top}/<term>/<${d.owner} id>.yaml`,
  },
  "file-place.hint-term-folder": {
    example: { top: "records", term: "2025-2026-2" } as { top: string; term?: string },
    zh: (d) => `移到 ${d.top}/${d.term ?? "<学期>"}/ 之类的学期文件夹中`,
    en: (d) => `move it into a term folder such as ${d.top}/${d.term ?? "<term>"}/`,
  },
  "file-place.unknown-term": {
    example: { top: "records", term: "2025-2026-3" },
    zh: (d) => `文件夹 ${d.top}/${d.term}/ 不是 yanxiu.yaml 中的学期`,
    en: (d) => `the folder ${d.top}/${d.term}/ is not a term in yanxiu.yaml`,
  },
  "file-place.hint-guess": {
    example: { top: "records", guess: "2025-2026-2" },
    zh: (d) => `是不是 ${d.top}/${d.guess}/?`,
    en: (d) => `did you mean ${d.top}/${d.guess}/?`,
  },
  "file-place.hint-terms": {
    example: { terms: ["2025-2026-1", "2025-2026-2"] },
    zh: (d) => `已定义的学期:${d.terms.join("、")}`,
    en: (d) => `terms defined: ${d.terms.join(", ")}`,
  },
  "file-place.second-file": {
    example: { stem: "t16", twin: "records/2025-2026-1/t16.yaml" },
    zh: (d) => `${d.stem} 在这个学期已有 ${d.twin},这是第二个文件`,
    en: (d) => `${d.twin} already holds ${d.stem}'s entries for this term: this is a second file`,
  },
  "file-place.hint-merge": {
    example: { twin: "records/2025-2026-1/t16.yaml" },
    zh: (d) => `把其中的记录并入 ${d.twin},然后删除本文件`,
    en: (d) => `move its entries into ${d.twin}, then delete this file`,
  },
  "file-place.extension": {
    example: { stem: "t16" },
    zh: (d) => `文件名应以 .yaml 结尾:${d.stem}.yaml`,
    en: (d) => `the file name must end in .yaml: ${d.stem}.yaml`,
  },
  "file-place.hint-rename": {
    example: { twin: "records/2025-2026-1/t16.yaml" },
    zh: (d) => `改名为 ${d.twin}`,
    en: (d) => `rename it to ${d.twin}`,
  },

  "duplicate-record": {
    example: DUPLICATE,
    zh: duplicateZh,
    en: duplicateEn,
  },
  // The English said "繁/简"; it now says it in English.
  "duplicate-record.alike": {
    example: { ...DUPLICATE, title: "《背影》 教学反思", prevTitle: "《背影》教学反思" } as Duplicate & { prevTitle: string },
    zh: (d) => `${duplicateZh(d)}(两个标题只差不可见字符、全角半角、空格、大小写或繁简:「${d.prevTitle}」)`,
    en: (d) => `${duplicateEn(d)} (the titles differ only in invisible characters, width, spacing, case or traditional/simplified characters: '${d.prevTitle}')`,
  },
  "duplicate-record.hint": {
    example: {},
    zh: () => "删除其中一条;若确是两次活动,在标题中加以区分",
    en: () => "delete one of them; if they really are two activities, make the titles differ",
  },

  "evidence.absolute": {
    example: { path: "/home/lina/证书.pdf" },
    zh: (d) => `证明材料用了绝对路径:${d.path}`,
    en: (d) => `the evidence path is absolute: ${d.path}`,
  },
  "evidence.outside": {
    example: { path: "../证书.pdf" },
    zh: (d) => `证明材料在仓库之外:${d.path}`,
    en: (d) => `the evidence is outside the repository: ${d.path}`,
  },
  "evidence.missing": {
    example: { path: "evidence/t16/证书.pdf" },
    zh: (d) => `找不到证明材料:${d.path}`,
    en: (d) => `the evidence file does not exist: ${d.path}`,
  },
  "evidence.not-evidence": {
    example: { path: "records/2025-2026-1/t16.yaml" },
    zh: (d) => `证明材料必须放在 evidence/ 下,这里写的是 ${d.path}`,
    en: (d) => `evidence must be a file under evidence/, not ${d.path}`,
  },
  "evidence.not-a-file": {
    example: { path: "evidence/t16" },
    zh: (d) => `证明材料必须是一个文件,${d.path} 不是(是文件夹或其他)`,
    en: (d) => `evidence must be a file, and ${d.path} is not (a folder or something else)`,
  },
  "evidence.hint-name-file": {
    example: {},
    zh: () => "写出文件夹里的具体文件,如 evidence/t01/证书.pdf",
    en: () => "name the file itself, such as evidence/t01/certificate.pdf",
  },
  "evidence.hint-add": {
    example: {},
    zh: () => "把文件放进 evidence/ 并提交,或改正路径(相对于仓库根目录)",
    en: () => "add the file under evidence/ and commit it, or correct the path (relative to the repository root)",
  },
  "evidence.hint-copy": {
    example: {},
    zh: () => "把文件复制到仓库的 evidence/ 下,写相对路径如 evidence/t01/证书.pdf",
    en: () => "copy the file into the repository's evidence/ and write a relative path such as evidence/t01/certificate.pdf",
  },
  "evidence-owner": {
    example: { folder: "evidence/t10/", path: "evidence/t10/../t08/证书.pdf", norm: "evidence/t08/证书.pdf" } as { folder: string; path: string; norm?: string },
    zh: (d) => `证明材料不在 ${d.folder} 中:${d.norm !== undefined ? `${d.path}(即 ${d.norm})` : d.path}`,
    en: (d) => `the evidence is not in ${d.folder}: ${d.norm !== undefined ? `${d.path} (that is, ${d.norm})` : d.path}`,
  },
  "evidence-owner.hint": {
    example: { folder: "evidence/t10/" },
    zh: (d) => `把文件放进 ${d.folder} 并写这个路径;别人的材料不能作为自己的证明`,
    en: (d) => `put the file under ${d.folder} and write that path; a colleague's file cannot stand as one's own evidence`,
  },

  "symlink.file": {
    example: {},
    zh: () => "这个记录文件是符号链接:它指向的文件可以在别处被修改而不留在本文件的历史中",
    en: () => "this record file is a symbolic link: what it points to can be changed elsewhere without showing in this file's history",
  },
  "symlink.in-folder": {
    example: { link: "records/2025-2026-1" },
    zh: (d) => `${d.link} 是符号链接:其中的记录文件可以在别处被修改`,
    en: (d) => `${d.link} is a symbolic link: the record files in it can be changed elsewhere`,
  },
  "symlink.hint-file": {
    example: { link: "records/2025-2026-1/t16.yaml" },
    zh: (d) => `用文件本身替换链接(git rm ${d.link},再把文件内容提交到 ${d.link})`,
    en: (d) => `replace the link with the file itself (git rm ${d.link}, then commit the file's content at ${d.link})`,
  },
  "symlink.folder": {
    example: {},
    zh: () => "这个文件夹是符号链接,其中的文件不会被读取,也可以在别处被修改",
    en: () => "this folder is a symbolic link: its files are not read, and can be changed elsewhere",
  },
  "symlink.hint-folder": {
    example: {},
    zh: () => "用文件夹本身替换链接",
    en: () => "replace the link with the folder itself",
  },
  "symlink.evidence": {
    example: { link: "evidence/t16", path: "evidence/t16/证书.pdf" },
    zh: (d) => `证明材料经过符号链接 ${d.link}:${d.path}`,
    en: (d) => `the evidence goes through the symbolic link ${d.link}: ${d.path}`,
  },
  "symlink.hint-evidence": {
    example: {},
    zh: () => "把文件本身放进 evidence/ 并提交",
    en: () => "put the file itself under evidence/ and commit it",
  },

  "approver-not-allowed": {
    example: { status: { zh: "审定", en: "approved" } as Label, approver: { id: "t05", name: "张伟" }, reason: "not-leader" as RefusalReason },
    zh: (d) => `记录标为「${d.status.zh}」,但 ${d.approver.name}(${d.approver.id})无权审核它:${REASON[d.reason].zh}`,
    en: (d) => `the record is marked ${d.status.en}, but ${d.approver.name} (${d.approver.id}) may not review it: ${REASON[d.reason].en}`,
  },
  "approver-not-allowed.hint": {
    example: {},
    zh: () => "请有权限的人用 yanxiu approve 重新审核",
    en: () => "have someone allowed review it with yanxiu approve",
  },
  // `draft` is the 录入 status's label: the English names it in Chinese as the pages show it.
  "review-lapsed": {
    example: { status: { zh: "审定", en: "approved" }, draft: { zh: "录入", en: "entered" }, reviewed: "2025-10-20", approver: "t01" } as
      { status: Label; draft: Label; reviewed?: string; approver?: string },
    zh: (d) => `这条记录在${d.status.zh}${d.reviewed ? `(${d.reviewed}${d.approver ? `,${d.approver}` : ""})` : ""}之后被修改过,现按「${d.draft.zh}」计,等待重新审核`,
    en: (d) => `this record was changed after it was ${d.status.en}${d.reviewed ? ` (${d.reviewed}${d.approver ? `, ${d.approver}` : ""})` : ""}; it counts as ${d.draft.zh} (${d.draft.en}) until reviewed again`,
  },
  "review-lapsed.hint": {
    example: {},
    zh: () => "请审核人重新审核(yanxiu review 会列出它),或撤销这次修改",
    en: () => "ask the approver to review it again (yanxiu review lists it), or undo the change",
  },
  "duplicate-id": {
    example: { ref: "t16-20251015-1", file: "records/2025-2026-1/t16.yaml", line: 12 },
    zh: (d) => `编号 ${d.ref} 已用于 ${d.file}:${d.line}`,
    en: (d) => `the id ${d.ref} is already used at ${d.file}:${d.line}`,
  },
  "duplicate-id.hint": {
    example: {},
    zh: () => "复制记录时删掉 id: 一行(yanxiu 会给新记录编号)",
    en: () => "when copying a record, delete its id: line (yanxiu numbers the new record)",
  },

  "closed-term.no-git": {
    example: { term: "2025-2026-1" },
    zh: (d) => `学期 ${d.term} 已关闭,但这里不是 git 仓库,无法与关闭时的记录比较`,
    en: (d) => `term ${d.term} is closed, but this is not a git repository, so its records cannot be compared with the closing point`,
  },
  "closed-term.unknown-rev": {
    example: { term: "2025-2026-1", at: "term-1-final" },
    zh: (d) => `学期 ${d.term} 关闭于 ${d.at},但 git 中没有这个版本`,
    en: (d) => `term ${d.term} is closed at ${d.at}, but git has no such revision`,
  },
  "closed-term.no-commit": {
    example: { term: "2025-2026-1", at: "2024-02-01" },
    zh: (d) => `学期 ${d.term} 关闭于 ${d.at},但那天结束时还没有任何提交`,
    en: (d) => `term ${d.term} is closed at ${d.at}, but there was no commit by the end of that day`,
  },
  "closed-term.hint-git": {
    example: {},
    zh: () => "在学校的 git 仓库中运行 yanxiu check",
    en: () => "run yanxiu check in the school's git repository",
  },
  "closed-term.hint-rev": {
    example: {},
    zh: () => "写一个存在的标签或提交:closed: { rev: 标签 }",
    en: () => "name a tag or commit that exists: closed: { rev: TAG }",
  },
  "closed-term.changed": {
    example: { term: "2025-2026-1", at: "2026-02-10" },
    zh: (d) => `学期 ${d.term} 已于 ${d.at} 关闭,这条记录在那之后被修改了`,
    en: (d) => `term ${d.term} was closed at ${d.at}, and this record was changed after that`,
  },
  "closed-term.added": {
    example: { term: "2025-2026-1", at: "2026-02-10" },
    zh: (d) => `学期 ${d.term} 已于 ${d.at} 关闭,这条记录是之后添加的`,
    en: (d) => `term ${d.term} was closed at ${d.at}, and this record was added after that`,
  },
  "closed-term.hint-put-back": {
    example: {},
    zh: () => "恢复原样;确需更正时请教务处先在 yanxiu.yaml 中重新开放该学期",
    en: () => "put it back as it was; for a correction the office first reopens the term in yanxiu.yaml",
  },
  "closed-term.deleted-record": {
    example: { term: "2025-2026-1", at: "2026-02-10", date: "2025-10-15", kind: "reflection", title: "《背影》教学反思" },
    zh: (d) => `学期 ${d.term} 已于 ${d.at} 关闭,之后删除了记录:${d.date} ${d.kind}「${d.title}」`,
    en: (d) => `term ${d.term} was closed at ${d.at}, and a record was deleted after that: ${d.date} ${d.kind} '${d.title}'`,
  },
  "closed-term.hint-restore-record": {
    example: {},
    zh: () => "恢复被删除的记录",
    en: () => "restore the deleted record",
  },
  "closed-term.deleted-file": {
    example: { term: "2025-2026-1", at: "2026-02-10" },
    zh: (d) => `学期 ${d.term} 已于 ${d.at} 关闭,之后这个文件被删除了`,
    en: (d) => `term ${d.term} was closed at ${d.at}, and this file was deleted after that`,
  },
  "closed-term.hint-restore-file": {
    example: { commit: "3f2a9c1e", file: "records/2025-2026-1/t16.yaml" },
    zh: (d) => `恢复它:git checkout ${d.commit} -- ${d.file}`,
    en: (d) => `restore it: git checkout ${d.commit} -- ${d.file}`,
  },
  "closed-term.add": {
    example: { term: "2025-2026-1", at: "2026-02-10" },
    zh: (d) => `学期 ${d.term} 已于 ${d.at} 关闭,学时已经定稿,不能再添加记录`,
    en: (d) => `term ${d.term} was closed at ${d.at}: its hours are final and no record can be added to it`,
  },
  "closed-term.hint-add": {
    example: {},
    zh: () => "检查日期;确需补录时请教务处先在 yanxiu.yaml 中重新开放该学期",
    en: () => "check the date; if the record must be added, the office first reopens the term in yanxiu.yaml",
  },
});

function spans(terms: readonly Span[]): string {
  return terms.map((x) => `${x.id}: ${x.start}~${x.end}`).join("; ");
}
