/**
 * The catalogue of checks and the runner. Each check has a stable name; the config's
 * `checks:` map and `--disable` switch them off or change their severity.
 */
import type { Problem, Severity } from "../problem.js";
import type { LoadedRepo } from "../pipeline/load.js";
import { makeContext, type Check } from "./context.js";
import { msg } from "../messages/index.js";
import { makeProblem } from "../repo/yaml-source.js";
import type { Unsure } from "../pipeline/lenient-files.js";
import { attendanceNotMember, NAME_FOR_ID, recordFileOwner, unknownGroup, unknownTeacher } from "./references.js";
import { kindFields, kindPlace, unknownKind } from "./kinds.js";
import { dateOutsideTerm, futureDate, termFolder } from "./dates.js";
import { duplicateRecord } from "./duplicates.js";
import { evidencePath } from "./evidence.js";
import { rosterIds } from "./roster.js";
import { calendar } from "./config.js";
import { symlinks } from "./symlinks.js";
import { evidenceOwner } from "./evidence-owner.js";
import { sessionLead } from "./session-lead.js";
import { closedTerms, type ClosedBaseline } from "./closed-terms.js";
import { signingKeys } from "./signing-keys.js";
import { groupCycle, outsideStaffDates, rosterDates } from "./staff.js";
import { filePlace } from "./places.js";
import { approverAllowed, duplicateId, reviewLapsed } from "./approval.js";

export const CHECKS: readonly Check[] = [
  calendar,
  rosterIds,
  rosterDates,
  groupCycle,
  unknownTeacher,
  unknownGroup,
  attendanceNotMember,
  recordFileOwner,
  unknownKind,
  kindFields,
  kindPlace,
  dateOutsideTerm,
  futureDate,
  outsideStaffDates,
  termFolder,
  filePlace,
  duplicateRecord,
  evidencePath,
  evidenceOwner,
  symlinks,
  sessionLead,
  closedTerms,
  signingKeys,
  approverAllowed,
  reviewLapsed,
  duplicateId,
];

/**
 * Problem names that come from reading files rather than from a named check above
 * (syntax, schema, rule compilation). They can be switched off like any check.
 */
export const FILE_PROBLEMS: Record<string, { zh: string; en: string }> = {
  "yaml-syntax": { zh: "YAML 语法", en: "YAML syntax" },
  "yaml-tag": { zh: "禁止 YAML 标签", en: "YAML tags are refused" },
  "yaml-alias": { zh: "别名展开过多", en: "too many alias expansions" },
  "yaml-version": { zh: "只读 YAML 1.2", en: "YAML 1.2 only" },
  "number-format": { zh: "数字须为十进制", en: "numbers in decimal only" },
  encoding: { zh: "文件编码须为 UTF-8", en: "files must be UTF-8" },
  "empty-file": { zh: "空文件", en: "empty file" },
  "file-too-large": { zh: "文件过大", en: "file too large" },
  "file-unreadable": { zh: "无法读取", en: "unreadable file" },
  "path-outside-repo": { zh: "链接指向仓库外", en: "link points outside the repository" },
  "unknown-key": { zh: "未知字段", en: "unknown field" },
  "missing-field": { zh: "缺少字段", en: "missing field" },
  "field-type": { zh: "字段类型", en: "field type" },
  "field-value": { zh: "字段取值", en: "field value" },
  "field-range": { zh: "字段范围", en: "field range" },
  date: { zh: "日期格式", en: "date format" },
  "text-control": { zh: "文字中的双向控制字符", en: "bidi controls in text" },
  id: { zh: "编号格式", en: "id format" },
  "checks-skipped": { zh: "因文件有错误而未能运行的检查", en: "checks that could not run because a file has errors" },
  "full-width-syntax": { zh: "语法位置上的全角标点", en: "full-width punctuation where YAML needs ASCII" },
  "unquoted-colon": { zh: "含「: 」的值未加引号", en: "a value holding \": \" without quotes" },
  "line-endings": { zh: "只用 CR 换行", en: "lines ending with CR alone" },
  "tab-indent": { zh: "用 Tab 缩进", en: "tabs in the indentation" },
};

export interface RunOptions {
  today: string;
  /** Check names to skip (from --disable), on top of the config's `off`. */
  disabled?: ReadonlySet<string>;
  /** Report only problems in these files (repo-relative); all when absent. */
  files?: ReadonlySet<string>;
  /** Closed terms' files at their closing points (src/git/closed-baseline.ts); absent outside git. */
  closed?: ReadonlyMap<string, ClosedBaseline>;
  /**
   * Links to folders under records/ and sessions/ (symlinks.ts's linkedFolders), listed once by a
   * caller that checks the same tree many times (the web server, once per load); listed here otherwise.
   */
  linkedFolders?: readonly string[];
}

export function runChecks(repo: LoadedRepo, opts: RunOptions): Problem[] {
  const settings = (repo.dataset ?? repo.checkable)?.config.checks ?? {};
  const off = (name: string) => settings[name] === "off" || opts.disabled?.has(name);
  const ctx = makeContext(repo, opts.today, opts.closed, opts.linkedFolders);
  const problems: Problem[] = [...repo.problems, ...repo.files.flatMap((f) => f.problems)];
  const unsure = unsureParts(repo);
  const skipped = new Map<string, string[]>();
  for (const check of CHECKS) {
    if (off(check.name)) continue;
    const blame = check.needs?.map((n) => unsure.get(n)).find((f) => f !== undefined);
    if (blame !== undefined) skipped.set(blame, [...(skipped.get(blame) ?? []), check.name]);
    else problems.push(...check.run(ctx));
  }
  problems.push(...[...skipped].map(([file, names]) => skippedNotice(file, names)));
  // A name where a teacher's id belongs: the teacher check says so; "not an id" there only repeats it.
  const teacherAt = new Set(problems.filter((p) => NAME_FOR_ID.has(p)).map((p) => `${p.file}:${p.line}:${p.column}`));
  return problems
    .filter((p) => p.check !== "id" || !teacherAt.has(`${p.file}:${p.line}:${p.column}`))
    .filter((p) => !off(p.check))
    // Which checks did not run concerns every file checked, whichever file is to blame.
    .filter((p) => !opts.files || opts.files.has(p.file) || p.check === SKIPPED_CHECK)
    .map((p) => {
      const s = settings[p.check];
      return s === "warning" || s === "error" ? { ...p, severity: s as Severity } : p;
    });
}

/** What broken files leave unknown: the loader's findings, and kinds when a rule file's kind list is unreadable. */
function unsureParts(repo: LoadedRepo): Map<Unsure, string> {
  const unsure = new Map(repo.unsure ?? []);
  if (!unsure.has("kinds")) {
    const blame = unsure.get("rules-list") ?? repo.ruleSets.find((r) => r.skipped?.kinds === "any")?.file;
    if (blame !== undefined) unsure.set("kinds", blame);
  }
  return unsure;
}

export const SKIPPED_CHECK = "checks-skipped";

/** One line per broken file: which checks could not run because of it. */
function skippedNotice(file: string, names: string[]): Problem {
  return makeProblem({ file, text: "" }, { line: 0, column: 0 }, SKIPPED_CHECK,
    msg("checks-skipped", { checks: names }), msg("checks-skipped.hint"), "warning");
}

export function knownCheckNames(): string[] {
  return [...CHECKS.map((c) => c.name), ...Object.keys(FILE_PROBLEMS)];
}
