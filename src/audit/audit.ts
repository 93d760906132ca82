/**
 * The authorship audit over commit data: pure, so it is tested without git and the git
 * shell (src/git/history.ts) only gathers commits and file contents.
 *
 * Whose permissions count: the roster as of the commit's parent, i.e. the roster in force
 * when the change was made. Using the current roster would let someone who is promoted
 * (or added) today launder their earlier edits, and would flag the edits of a teacher who
 * has since changed e-mail. A commit that changes the roster is itself judged by the old
 * roster, so nobody can make themselves an administrator and use the new power in one go.
 * The first commit (no parent) is judged by the roster it creates.
 */
import { t, type Lang } from "../i18n.js";
import { CONFIG_FILE, ROSTER_FILE, RECORDS_DIR, SESSIONS_DIR } from "../repo/layout.js";
import { parsePlain } from "./yaml.js";
import type { Teacher } from "../model.js";
import type { CommitInfo } from "../git/history.js";
import { approvedStatus, diffItems, itemLabel, parseItemFile, sameItem, type Item, type ItemFile } from "./items.js";
import { EMPTY_ROSTER, isAdmin, mayApprove, mayEdit, parseRoster as parseRosterText, teacherByEmail, type AuditRoster, type Owner } from "./people.js";

export const AUDIT_CHECKS = [
  "unknown-author",
  "foreign-edit",
  "governance-edit",
  "approved-edited",
  "unauthorized-approval",
  "record-deleted",
] as const;
export type AuditCheck = (typeof AUDIT_CHECKS)[number];

export interface Finding {
  check: AuditCheck;
  commit: string;
  author: string;
  email: string;
  /** The roster id the e-mail belongs to, when it belongs to one. */
  teacher?: string;
  date: string;
  /** Repo-relative; absent when the finding concerns the commit as a whole. */
  file?: string;
  record?: { date: string; kind: string; title: string };
  message: string;
}

/** Reads a file (path relative to the git top level) at a commit; undefined if absent. */
export type BlobReader = (rev: string, gitPath: string) => string | undefined;

export interface AuditInput {
  commits: CommitInfo[];
  read: BlobReader;
  /** The yanxiu repo's folder inside the git work tree: "" or "school/" (with a slash). */
  prefix: string;
  /** Used when no roster in history can be read. */
  fallbackRoster?: AuditRoster;
  lang: Lang;
}

/** The `rev:path` specs the audit will read, so the shell can fetch them in one batch. */
export function neededBlobs(commits: CommitInfo[], prefix: string): string[] {
  const specs: string[] = [];
  for (const c of commits) {
    const files = relevantFiles(c, prefix);
    if (files.length === 0) continue;
    const parent = c.parents[0];
    for (const rev of parent ? [parent, c.hash] : [c.hash]) {
      specs.push(`${rev}:${prefix}${ROSTER_FILE}`, `${rev}:${prefix}${CONFIG_FILE}`);
    }
    for (const f of files) {
      if (!isItemFile(f.repoPath)) continue;
      if (parent) specs.push(`${parent}:${f.path}`);
      specs.push(`${c.hash}:${f.path}`);
    }
  }
  return specs;
}

interface RelevantFile {
  status: string;
  path: string;
  repoPath: string;
}

function relevantFiles(c: CommitInfo, prefix: string): RelevantFile[] {
  return c.files
    .filter((f) => f.path.startsWith(prefix))
    .map((f) => ({ status: f.status, path: f.path, repoPath: f.path.slice(prefix.length) }));
}

function isItemFile(repoPath: string): "records" | "sessions" | undefined {
  if (!/\.ya?ml$/i.test(repoPath)) return undefined;
  if (repoPath.startsWith(`${RECORDS_DIR}/`)) return "records";
  if (repoPath.startsWith(`${SESSIONS_DIR}/`)) return "sessions";
  return undefined;
}

function ruleFilesOfText(configText: string | undefined): string[] {
  if (configText === undefined) return [];
  const data = parsePlain(configText) as { rules?: unknown } | undefined;
  return Array.isArray(data?.rules) ? data.rules.filter((r): r is string => typeof r === "string") : [];
}

function stem(repoPath: string): string {
  return repoPath.replace(/^.*\//, "").replace(/\.ya?ml$/i, "");
}

/** The roster and config rarely change: parse each distinct text once, not once per commit. */
function memo<T>(fn: (text: string | undefined) => T): (text: string | undefined) => T {
  const cache = new Map<string | undefined, T>();
  return (text) => {
    if (!cache.has(text)) cache.set(text, fn(text));
    return cache.get(text)!;
  };
}

export function auditHistory(input: AuditInput): Finding[] {
  const { lang, prefix, read } = input;
  const parseRoster = memo(parseRosterText);
  const ruleFilesOf = memo(ruleFilesOfText);
  // A file's text after one commit is its text before the next: parse each text once.
  const parseRecords = memo((text) => parseItemFile(text, "records"));
  const parseSessions = memo((text) => parseItemFile(text, "sessions"));
  const items = (text: string | undefined, kind: "records" | "sessions") => (kind === "records" ? parseRecords : parseSessions)(text);
  const findings: Finding[] = [];
  for (const c of input.commits) {
    const files = relevantFiles(c, prefix);
    if (files.length === 0) continue;
    const parent = c.parents[0];
    const day = c.date.slice(0, 10);
    const roster =
      (parent && parseRoster(read(parent, `${prefix}${ROSTER_FILE}`))) ||
      parseRoster(read(c.hash, `${prefix}${ROSTER_FILE}`)) ||
      input.fallbackRoster ||
      EMPTY_ROSTER;
    const author = teacherByEmail(roster, c.authorEmail);
    const base = { commit: c.hash, author: c.authorName, email: c.authorEmail, teacher: author?.id, date: c.date };
    const add = (check: AuditCheck, message: string, file?: string, record?: Item) =>
      findings.push({ check, ...base, file, record: record ? itemLabel(record) : undefined, message });

    if (!author) {
      add("unknown-author", t(lang,
        `作者 ${c.authorName} <${c.authorEmail}> 不在名册中(roster.yaml 中没有这个 e-mail),无法确认其权限`,
        `the author ${c.authorName} <${c.authorEmail}> is not in the roster (no teacher has this e-mail in roster.yaml), so their rights cannot be checked`),
        files[0]?.repoPath);
    }
    const rules = new Set([
      ...ruleFilesOf(parent ? read(parent, `${prefix}${CONFIG_FILE}`) : undefined),
      ...ruleFilesOf(read(c.hash, `${prefix}${CONFIG_FILE}`)),
    ]);

    for (const f of files) {
      const governance =
        f.repoPath === CONFIG_FILE ? t(lang, "配置文件", "the config")
        : f.repoPath === ROSTER_FILE ? t(lang, "名册", "the roster")
        : rules.has(f.repoPath) ? t(lang, "规则文件", "a rule file")
        : undefined;
      if (governance) {
        if (author && !isAdmin(author, day)) {
          add("governance-edit", t(lang, `非行政人员修改了${governance}`, `${governance} was changed by someone who is not an administrator`), f.repoPath);
        }
        continue;
      }
      const kind = isItemFile(f.repoPath);
      if (kind) auditItemFile(c, f, kind, roster, author, day, read, items, lang, add);
    }
  }
  return findings;
}

type Add = (check: AuditCheck, message: string, file?: string, record?: Item) => void;

function auditItemFile(
  c: CommitInfo,
  f: RelevantFile,
  kind: "records" | "sessions",
  roster: AuditRoster,
  author: Teacher | undefined,
  day: string,
  read: BlobReader,
  items: (text: string | undefined, kind: "records" | "sessions") => ItemFile,
  lang: Lang,
  add: Add,
): void {
  const parent = c.parents[0];
  const before = items(parent ? read(parent, f.path) : undefined, kind);
  const after = items(f.status === "D" ? undefined : read(c.hash, f.path), kind);
  const ownerIds = [...new Set([before.owner, after.owner].filter((x): x is string => !!x))];
  if (ownerIds.length === 0) ownerIds.push(stem(f.repoPath));
  const owners: Owner[] = ownerIds.map((id) => (kind === "records" ? { teacher: id } : { group: id }));
  const ownerName = (o: Owner) =>
    "teacher" in o
      ? `${roster.teachers.find((x) => x.id === o.teacher)?.name ?? o.teacher}(${o.teacher})`
      : `${roster.groups.find((g) => g.id === o.group)?.name ?? o.group}(${o.group})`;

  if (author) {
    for (const o of owners) {
      if (mayEdit(roster, author, o, day)) continue;
      add("foreign-edit", "teacher" in o
        ? t(lang, `修改了 ${ownerName(o)} 的记录,但既不是其组长也不是行政人员`, `changed the records of ${ownerName(o)} without being their group leader or an administrator`)
        : t(lang, `修改了 ${ownerName(o)} 的集体活动记录,但既不是该组组长也不是行政人员`, `changed the sessions of ${ownerName(o)} without being its leader or an administrator`),
        f.repoPath);
    }
  }
  const mayApproveAll = !!author && owners.every((o) => mayApprove(roster, author, o, day));
  const statusWord = (s: "approved" | "verified") => (s === "approved" ? t(lang, "审定", "approved") : t(lang, "验证", "verified"));
  const show = (item: Item) => {
    const l = itemLabel(item);
    return `${l.date} ${l.kind}「${l.title}」`;
  };

  // A broken file (caught by check) hides its items: comparing across it would invent deletions.
  if (before.unreadable || after.unreadable) return;
  const diff = diffItems(before.items, after.items);
  for (const { before: b, after: a } of diff.pairs) {
    if (sameItem(b, a)) continue;
    const was = approvedStatus(b);
    if (was) {
      // Moving an approved record on (审定 → 验证), or sending it back, is the approvers' job.
      if (mayApproveAll && sameItem(b, a, ["status", "approver"])) continue;
      add("approved-edited", t(lang, `修改了已${statusWord(was)}的记录:${show(b)}`, `changed a record that was already ${statusWord(was)}: ${show(b)}`), f.repoPath, b);
    } else {
      const now = approvedStatus(a);
      if (now && !mayApproveAll) {
        add("unauthorized-approval", t(lang, `把记录标为「${statusWord(now)}」,但没有审核权限:${show(a)}`, `marked a record ${statusWord(now)} without the right to approve it: ${show(a)}`), f.repoPath, a);
      }
    }
  }
  for (const a of diff.added) {
    const now = approvedStatus(a);
    if (now && !mayApproveAll) {
      add("unauthorized-approval", t(lang, `新增的记录直接标为「${statusWord(now)}」,但没有审核权限:${show(a)}`, `added a record already marked ${statusWord(now)} without the right to approve it: ${show(a)}`), f.repoPath, a);
    }
  }
  for (const b of diff.deleted) {
    const was = approvedStatus(b);
    add("record-deleted", was
      ? t(lang, `删除了已${statusWord(was)}的记录:${show(b)}`, `deleted a record that was ${statusWord(was)}: ${show(b)}`)
      : t(lang, `删除了记录:${show(b)}`, `deleted a record: ${show(b)}`),
      f.repoPath, b);
  }
}
