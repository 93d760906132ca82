/** Messages of the named checks on kinds and references between files (src/checks), ids starting with the check's name. */
import { defineMessages, listEn, listZh } from "./catalogue.js";

/** Said after a guess at a teacher, and alone when there is none. */
const NEW_TEACHER = {
  zh: "若是新来的教师,先把他加进 roster.yaml 的 teachers",
  en: "if this is a new teacher, add them to teachers in roster.yaml first",
};

/** A kind as both languages name it. */
type KindName = { id: string; label: string; labelEn: string };

/** A kind's label in both languages, where the message names the kind rather than its id. */
type KindLabel = { label: string; labelEn: string };
/** A teacher or a group, by id and name. */
type Named = { id: string; name: string };

export const checkMessages = defineMessages({
  "unknown-kind": {
    example: { kind: "reflecton" },
    zh: (d) => `规则中没有活动类型「${d.kind}」`,
    en: (d) => `the rules define no activity kind '${d.kind}'`,
  },
  "unknown-kind.invisible": {
    example: { kind: "reflection", chars: ["U+200B"] },
    zh: (d) => `活动类型「${d.kind}」里夹着看不见的字符 ${d.chars.join("、")}`,
    en: (d) => `the kind '${d.kind}' holds invisible characters: ${d.chars.join(", ")}`,
  },
  "unknown-kind.label": {
    example: { label: "教学反思", id: "reflection" },
    zh: (d) => `「${d.label}」是活动类型的名称,文件里要写它的编号 ${d.id}`,
    en: (d) => `'${d.label}' is a kind's label; files give the kind's id, ${d.id}`,
  },
  "unknown-kind.hint-invisible": {
    example: { kind: "reflection" },
    zh: (d) => `删掉看不见的字符(多半是复制来的),写成 ${d.kind}`,
    en: (d) => `delete the invisible characters (usually pasted in), writing ${d.kind}`,
  },
  "unknown-kind.hint-id": {
    example: { id: "reflection" },
    zh: (d) => `写成 kind: ${d.id}`,
    en: (d) => `write kind: ${d.id}`,
  },
  "unknown-kind.hint-guess": {
    example: { guess: { id: "reflection", label: "教学反思", labelEn: "teaching reflection" } as KindName },
    zh: (d) => `是不是「${d.guess.id}」(${d.guess.label})?`,
    en: (d) => `did you mean '${d.guess.id}' (${d.guess.labelEn})?`,
  },
  "unknown-kind.hint-list": {
    example: { kinds: [{ id: "reflection", label: "教学反思", labelEn: "teaching reflection" }, { id: "observation", label: "听课评课", labelEn: "lesson observation" }] as KindName[] },
    zh: (d) => `可用的类型:${listZh(d.kinds.map((k) => `${k.id}(${k.label})`), false)}`,
    en: (d) => `kinds defined: ${listEn(d.kinds.map((k) => k.id), false)}`,
  },
  "kind-place.personal": {
    example: { kind: { label: "教学反思", labelEn: "teaching reflection" } as KindLabel },
    zh: (d) => `「${d.kind.label}」是个人活动,不能记在教研组活动文件里(会给全组每人计学时)`,
    en: (d) => `'${d.kind.labelEn}' is a personal activity and cannot be a group session (it would credit every member)`,
  },
  "kind-place.session": {
    example: { kind: { label: "集体备课", labelEn: "group lesson preparation" } as KindLabel },
    zh: (d) => `「${d.kind.label}」是教研组活动,要由组长记在 sessions/ 中并登记考勤`,
    en: (d) => `'${d.kind.labelEn}' is a group session: the group leader records it under sessions/ with attendance`,
  },
  "kind-place.hint-personal": {
    example: {},
    zh: () => "把它移到本人的记录文件 records/<学期>/<教师编号>.yaml",
    en: () => "move it to the teacher's own file records/<term>/<teacher>.yaml",
  },
  "kind-place.hint-session": {
    example: {},
    zh: () => "请组长用 yanxiu add --group <组> 记录,删除这一条",
    en: () => "ask the group leader to record it with 'yanxiu add --group <group>', and delete this entry",
  },
  "kind-fields": {
    example: { kind: { label: "听课评课", labelEn: "lesson observation" } as KindLabel, field: "count", fieldLabel: "节数" },
    zh: (d) => `「${d.kind.label}」需要填写${d.fieldLabel}(${d.field})`,
    en: (d) => `a '${d.kind.labelEn}' record needs '${d.field}'`,
  },
  "kind-fields.hint": {
    example: { field: "count" },
    zh: (d) => `加上 ${d.field}: …`,
    en: (d) => `add '${d.field}: …'`,
  },

  "unknown-teacher": {
    example: { id: "t99" },
    zh: (d) => `名册中没有教师「${d.id}」`,
    en: (d) => `there is no teacher '${d.id}' in the roster`,
  },
  "unknown-teacher.name": {
    example: { name: "李娜", id: "t16" },
    zh: (d) => `这里要写教师编号,不是姓名:「${d.name}」的编号是 ${d.id}`,
    en: (d) => `a teacher's id goes here, not a name: ${d.name}'s id is ${d.id}`,
  },
  "unknown-teacher.name-shared": {
    example: { name: "王芳", ids: ["t03", "t12"] },
    zh: (d) => `这里要写教师编号,不是姓名;名册中叫「${d.name}」的有 ${d.ids.join("、")}`,
    en: (d) => `a teacher's id goes here, not a name; '${d.name}' is the name of ${d.ids.join(" and ")}`,
  },
  "unknown-teacher.hint-write": {
    example: { name: "李娜", id: "t16" },
    zh: (d) => `写成 ${d.id}(${d.name})`,
    en: (d) => `write ${d.id} (${d.name})`,
  },
  "unknown-teacher.hint-one-of": {
    example: {},
    zh: () => "写成其中一人的编号",
    en: () => "write the id of the one meant",
  },
  "unknown-teacher.hint-name": {
    example: { name: "李娜", id: "t16" },
    zh: (d) => `${d.name} 的编号是 ${d.id}:这里写编号`,
    en: (d) => `${d.name}'s id is ${d.id}: write the id here`,
  },
  "unknown-teacher.hint-guess": {
    example: { guess: { id: "t16", name: "李娜" } as Named },
    zh: (d) => `是不是「${d.guess.id}」(${d.guess.name})?${NEW_TEACHER.zh}`,
    en: (d) => `did you mean '${d.guess.id}' (${d.guess.name})? ${NEW_TEACHER.en}`,
  },
  "unknown-teacher.hint-new": {
    example: {},
    zh: () => NEW_TEACHER.zh,
    en: () => NEW_TEACHER.en,
  },
  "unknown-group": {
    example: { id: "maths" },
    zh: (d) => `名册中没有教研组「${d.id}」`,
    en: (d) => `there is no group '${d.id}' in the roster`,
  },
  "unknown-group.hint-guess": {
    example: { guess: "math" },
    zh: (d) => `是不是「${d.guess}」?`,
    en: (d) => `did you mean '${d.guess}'?`,
  },
  "unknown-group.hint-add": {
    example: {},
    zh: () => "先在 roster.yaml 的 groups 中添加,或改成已有的编号",
    en: () => "add it to groups in roster.yaml first, or use an existing id",
  },
  "attendance-not-member": {
    example: { teacher: { id: "t16", name: "李娜" } as Named, group: { id: "math", name: "数学组" } as Named },
    zh: (d) => `${d.teacher.name}(${d.teacher.id})不是「${d.group.name}」的成员`,
    en: (d) => `${d.teacher.name} (${d.teacher.id}) is not a member of '${d.group.name}'`,
  },
  "attendance-not-member.hint": {
    example: { group: "math" },
    zh: (d) => `从考勤中删除,或在 roster.yaml 中把 ${d.group} 加入其 groups`,
    en: (d) => `remove them from the attendance, or add ${d.group} to their groups in roster.yaml`,
  },
  "record-file-owner": {
    example: { base: "t10", field: "teacher" as "teacher" | "group", owner: "t08" },
    zh: (d) => `文件名是 ${d.base},但 ${d.field} 写的是 ${d.owner}`,
    en: (d) => `the file is named ${d.base} but its ${d.field} is ${d.owner}`,
  },
  "record-file-owner.hint": {
    example: { home: "records/2025-2026-1/t08.yaml", field: "teacher" as "teacher" | "group" },
    zh: (d) => `把这些记录移到 ${d.home}(已有则并入其中),或改正 ${d.field}`,
    en: (d) => `move these entries into ${d.home} (merging them if it exists), or correct the ${d.field}`,
  },

  "checks-skipped": {
    example: { checks: ["unknown-kind", "kind-fields"] },
    zh: (d) => `这个文件有错误,以下检查没有运行:${d.checks.join("、")}`,
    en: (d) => `this file has errors, so these checks did not run: ${d.checks.join(", ")}`,
  },
  "checks-skipped.hint": {
    example: {},
    zh: () => "改正这个文件中的错误后再运行 yanxiu check,这些检查会补上",
    en: () => "fix this file's errors and run yanxiu check again: these checks will then run",
  },
});
