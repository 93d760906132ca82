/**
 * JSON Schemas for editors, generated from the zod schemas so they never drift: with the
 * YAML language server (VS Code's YAML extension), a `yaml.schemas` mapping or a
 * `# yaml-language-server: $schema=…` line gives completion, hovers and inline errors while
 * typing records. A school's own schemas (`yanxiu schema`, written to .yanxiu/schema/) also
 * know its activity kinds, from its rules.
 *
 * Draft 7, because that is the newest draft the YAML language server reads in full.
 */
import { z } from "zod";
import type { Lang } from "../i18n.js";
import { configSchema, recordFileSchema, rosterSchema, sessionFileSchema } from "../schema/files.js";
import { ACTIVITY_ROLES, ATTENDANCE, AWARDS, LEVELS, STAGES, STATUSES, type VocabEntry } from "../schema/vocab.js";
import { ruleFileSchema } from "../rules/schema.js";
import { testFileSchema } from "../score/testcases.js";

type Text = { zh: string; en: string };

export const SCHEMA_FILES = {
  "config.schema.json": { schema: configSchema, title: { zh: "研修仓库配置(yanxiu.yaml)", en: "yanxiu config (yanxiu.yaml)" } },
  "roster.schema.json": { schema: rosterSchema, title: { zh: "教研组与教师名单(roster.yaml)", en: "yanxiu roster (roster.yaml)" } },
  "records.schema.json": { schema: recordFileSchema, title: { zh: "教师研修记录(records/<学期>/<教师>.yaml)", en: "yanxiu teacher records (records/<term>/<teacher>.yaml)" } },
  "sessions.schema.json": { schema: sessionFileSchema, title: { zh: "教研组活动与考勤(sessions/<学期>/<教研组>.yaml)", en: "yanxiu group sessions (sessions/<term>/<group>.yaml)" } },
  "rules.schema.json": { schema: ruleFileSchema, title: { zh: "学时规则(rules/*.yaml)", en: "yanxiu rule file (rules/*.yaml)" } },
  "rule-tests.schema.json": { schema: testFileSchema, title: { zh: "规则测试(rules/*.test.yaml)", en: "yanxiu rule tests (rules/*.test.yaml)" } },
} as const;
export type SchemaFile = keyof typeof SCHEMA_FILES;

/**
 * rules/ holds rule files and rule tests side by side, and the YAML language server's globs
 * cannot leave `*.test.yaml` out of `rules/**\/*.yaml` (both schemas would apply at once). So
 * rules/ gets one schema that picks: a file with `cases:` is a rule test, anything else a rule file.
 */
export const RULES_FOLDER_SCHEMA = "rules-folder.schema.json";

function rulesFolderSchema(lang: Lang): string {
  return JSON.stringify({
    $schema: "http://json-schema.org/draft-07/schema#",
    title: lang === "en" ? "yanxiu rule file or rule tests (rules/)" : "规则文件或规则测试(rules/)",
    if: { type: "object", required: ["cases"] },
    then: { $ref: "./rule-tests.schema.json" },
    else: { $ref: "./rules.schema.json" },
  }, null, 2) + "\n";
}

/** Which files each schema is for, as `yaml.schemas` globs (relative to the repository). */
export const SCHEMA_GLOBS: Record<string, string[]> = {
  "config.schema.json": ["yanxiu.yaml"],
  "roster.schema.json": ["roster.yaml"],
  "records.schema.json": ["records/**/*.yaml"],
  "sessions.schema.json": ["sessions/**/*.yaml"],
  [RULES_FOLDER_SCHEMA]: ["rules/**/*.yaml"],
};

/** An activity kind as the editor offers it. */
export interface EditorKind {
  id: string;
  label: string;
  labelEn: string;
  session?: boolean;
}

/** What each record field means, shown on hover. */
const FIELD_HELP: Record<string, Text> = {
  teacher: { zh: "教师编号(名册中的 id),文件只能记这位教师的记录", en: "the teacher's id in the roster; the file holds only their records" },
  records: { zh: "研修记录,每项一次活动", en: "the records, one activity each" },
  group: { zh: "教研组编号(名册中的 id)", en: "the group's id in the roster" },
  sessions: { zh: "教研组活动,每项一次,附考勤", en: "group sessions, each with its attendance" },
  date: { zh: "活动日期,写成 YYYY-MM-DD,如 2025-09-12", en: "date of the activity, YYYY-MM-DD, e.g. 2025-09-12" },
  kind: { zh: "活动类型:规则中定义的类型编号", en: "activity kind: a kind id defined by the rules" },
  title: { zh: "标题,如 听课《荷塘月色》", en: "title, e.g. the lesson observed" },
  hours: { zh: "学时(按学时记的活动)", en: "hours (for activities counted in hours)" },
  level: { zh: "级别:校级、片级、区县级、市级、省级、国家级", en: "level: school, cluster, district/county, city, province, national" },
  award: { zh: "等次:一等奖、二等奖、三等奖、发表", en: "award: 1st, 2nd, 3rd prize, published" },
  role: { zh: "本人角色:主持、参与、主讲、主备", en: "own role: leads, takes part, speaker, leads the preparation" },
  stage: { zh: "课题阶段:立项、开题、中期检查、结题", en: "project stage: approved, opening report, midterm review, concluded" },
  count: { zh: "数量(节/次),省略为 1", en: "how many (lessons, times); 1 when absent" },
  words: { zh: "字数", en: "length in 字 (characters)" },
  score: { zh: "评定分(由考核组评定)", en: "the mark given by the assessors" },
  evidence: { zh: "证明材料:仓库中的文件路径,一个或一组", en: "evidence: a path in the repository, or a list of them" },
  status: { zh: "审核状态:录入、审定、验证、退回", en: "review status: entered, approved, verified, rejected" },
  approver: { zh: "审核人编号", en: "id of the reviewer" },
  ref: { zh: "项目编号:同一课题或同一节课在多条记录中只计一次", en: "project or lesson reference, so it is never counted twice" },
  notes: { zh: "备注", en: "notes" },
  lead: { zh: "主备或主讲教师编号", en: "id of the teacher who leads the preparation or speaks" },
  attendance: { zh: "考勤:教师编号: 出勤/缺席/请假/迟到/早退", en: "attendance: teacher id: present / absent / excused / late / left early" },
};

const VOCABS = [LEVELS, AWARDS, ACTIVITY_ROLES, STAGES, STATUSES, ATTENDANCE];

/** One line per accepted spelling: the Chinese word and the English, and the id it stands for. */
function vocabDescription(word: string, e: VocabEntry, lang: Lang): string {
  const name = lang === "en" ? `${e.en} (${e.zh})` : `${e.zh}(${e.en})`;
  if (word === e.id || word === e.zh) return name;
  return lang === "en" ? `same as ${name}` : `同「${e.zh}」(${e.en})`;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Walks every subschema, parents first. */
function walk(node: unknown, visit: (schema: Json, key: string | undefined) => void, key?: string): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit, key);
    return;
  }
  if (!isObject(node)) return;
  visit(node, key);
  for (const [k, v] of Object.entries(node)) {
    if (k === "properties" && isObject(v)) for (const [name, sub] of Object.entries(v)) walk(sub, visit, name);
    else if (k !== "enum" && k !== "examples" && k !== "default") walk(v, visit, undefined);
  }
}

function kindSchema(kinds: readonly EditorKind[], lang: Lang): Json {
  const label = (k: EditorKind) => (lang === "en" ? `${k.labelEn} (${k.label})` : `${k.label}(${k.labelEn})`);
  return {
    type: "string",
    description: lang === "en" ? FIELD_HELP.kind!.en : FIELD_HELP.kind!.zh,
    enum: kinds.map((k) => k.id),
    enumDescriptions: kinds.map(label),
    markdownEnumDescriptions: kinds.map(label),
    // Completion items labelled in the school's words: typing 听课 offers observation.
    defaultSnippets: kinds.map((k) => ({ label: lang === "en" ? k.labelEn : k.label, description: `${k.id}: ${label(k)}`, body: k.id })),
  };
}

/** Descriptions in the chosen language, enum descriptions for closed lists, the school's kinds. */
function decorate(json: Json, lang: Lang, kinds: readonly EditorKind[] | undefined, anyKind: boolean): void {
  walk(json, (schema, key) => {
    const props = schema.properties;
    if (isObject(props) && kinds && isObject(props.kind) && isObject(props.date)) {
      // An activity: a session (it has attendance) takes session kinds, a teacher's record the
      // others; a rule test's records may be either.
      const isSession = "attendance" in props;
      props.kind = kindSchema(anyKind ? kinds : kinds.filter((k) => Boolean(k.session) === isSession), lang);
    }
    const help = key ? FIELD_HELP[key] : undefined;
    if (help && !("$ref" in schema) && schema !== json) schema.description = lang === "en" ? help.en : help.zh;
    if (Array.isArray(schema.enum) && !schema.enumDescriptions) {
      const words = schema.enum as unknown[];
      const vocab = VOCABS.find((v) => words.length === v.words.length && words.every((w) => typeof w === "string" && v.words.includes(w)));
      if (vocab) {
        const entry = (w: string) => vocab.entries.find((e) => e.id === vocab.normalize(w))!;
        schema.enumDescriptions = words.map((w) => vocabDescription(w as string, entry(w as string), lang));
      }
    }
  });
}

export interface SchemaOptions {
  lang?: Lang;
  /** The school's activity kinds, from its rules; without them `kind` is any non-empty text. */
  kinds?: readonly EditorKind[];
}

/** File name → JSON text of every schema, Chinese unless told otherwise. */
export function jsonSchemas(opts: SchemaOptions = {}): Map<string, string> {
  const lang = opts.lang ?? "zh";
  const out = new Map<string, string>();
  for (const [file, { schema, title }] of Object.entries(SCHEMA_FILES)) {
    const json = z.toJSONSchema(schema as z.ZodType, { io: "input", unrepresentable: "any", target: "draft-7" }) as Json;
    decorate(json, lang, opts.kinds, file === "rule-tests.schema.json");
    const { $schema, ...rest } = json;
    out.set(file, JSON.stringify({ $schema, title: lang === "en" ? title.en : title.zh, ...rest }, null, 2) + "\n");
  }
  out.set(RULES_FOLDER_SCHEMA, rulesFolderSchema(lang));
  return out;
}
