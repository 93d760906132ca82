/**
 * The authorship audit over the walked history (src/audit/walk.ts): pure, so it is tested
 * without git; the git shell (src/git/history.ts) only gathers commits and blob texts.
 *
 * Whose permissions count: the roster as of the commit's parent, i.e. the roster in force
 * when the change was made. Using the current roster would let someone who is promoted
 * (or added) today launder their earlier edits, and would flag the edits of a teacher who
 * has since changed e-mail. A commit that changes the roster is itself judged by the old
 * roster, so nobody can make themselves an administrator and use the new power in one go.
 * The first commit (no parent) is judged by the roster it creates.
 *
 * Each finding is computed from one file change judged against one parent; a merge's
 * finding counts only when it shows against every parent (see walk.ts). New checks add a
 * function of the same shape to FILE_JUDGES.
 */
import { t, type Lang } from "../i18n.js";
import { parsePlain } from "./yaml.js";
import type { Teacher } from "../model.js";
import { SYMLINK_MODE } from "../git/history.js";
import { closedOn, closedTermsOf, describeClosing, type ClosedTerm } from "../repo/closed-terms.js";
import { itemLabel, parseItemFile, type Item, type ItemFile } from "./items.js";
import { EMPTY_ROSTER, isAdmin, parseRoster as parseRosterText, teacherByEmail, type AuditRoster } from "./people.js";
import { governanceLabel, itemFileKind, ruleFilesOf, termOfPath, type ItemKind } from "./paths.js";
import { judgeItemFile } from "./item-findings.js";
import type { FileEdit, WalkedCommit } from "./walk.js";

export const AUDIT_CHECKS = [
  "unknown-author",
  "foreign-edit",
  "governance-edit",
  "approved-edited",
  "unauthorized-approval",
  "review-not-by-approver",
  "review-bundled",
  "record-deleted",
  "symlink",
  "closed-term-edit",
  "unsigned-commit",
  "bad-signature",
  "unknown-signer",
  "signer-not-author",
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

export interface AuditInput {
  walked: WalkedCommit[];
  /** A blob's text by id; undefined when it was not read. */
  text: (oid: string) => string | undefined;
  /** Used when no roster in history can be read. */
  fallbackRoster?: AuditRoster;
  /** Is `commit` part of the history of `rev` (a closing tag or commit)? From the shell. */
  reachable?: (rev: string, commit: string) => boolean;
  /** Strict mode: findings about a commit's signature (src/audit/signatures.ts). */
  signature?: (w: WalkedCommit, roster: AuditRoster, author: Teacher | undefined) => { check: AuditCheck; message: string }[];
  lang: Lang;
}

/** What a judge of one file change is given. */
export interface EditContext {
  w: WalkedCommit;
  roster: AuditRoster;
  author?: Teacher;
  /** The day roles are judged on (commit order, see walk.ts). */
  day: string;
  ruleFiles: ReadonlySet<string>;
  closed: ClosedTerm[];
  before: (kind: ItemKind) => ItemFile;
  after: (kind: ItemKind) => ItemFile;
  reachable?: AuditInput["reachable"];
  lang: Lang;
  /**
   * Records (file, date, kind, title) seen with a review on them in any commit walked so far: a
   * review taken off by an edit (a returned record saved again) is still remembered, so taking
   * the record out later is not taken for a never-reviewed record's withdrawal.
   */
  reviewedOnce: Set<string>;
}

export interface Raised {
  check: AuditCheck;
  message: string;
  file?: string;
  record?: Item;
}

type Judge = (e: FileEdit, ctx: EditContext) => Raised[];

/** Blob ids whose texts the audit reads. */
export function neededOids(walked: WalkedCommit[]): Set<string> {
  const oids = new Set<string>();
  for (const w of walked) {
    if (!w.edits.some((l) => l.length > 0)) continue;
    for (const s of [w.before, w.after]) for (const oid of [s.roster, s.config]) if (oid) oids.add(oid);
    for (const list of w.edits) {
      for (const e of list) {
        if (!itemFileKind(e.repoPath ?? "") && !itemFileKind(e.oldRepoPath ?? "")) continue;
        if (e.oldOid && e.oldMode !== SYMLINK_MODE) oids.add(e.oldOid);
        if (e.newOid && e.newMode !== SYMLINK_MODE) oids.add(e.newOid);
      }
    }
  }
  return oids;
}

/** Parse each distinct text once; the last few item files are kept (a file's text after one commit is its text before the next). */
function cached<T>(fn: (key: string | undefined) => T, keep = Infinity): (key: string | undefined) => T {
  const cache = new Map<string | undefined, T>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T;
    const value = fn(key);
    cache.set(key, value);
    if (cache.size > keep) cache.delete(cache.keys().next().value);
    return value;
  };
}

export function auditHistory(input: AuditInput): Finding[] {
  const { lang } = input;
  const parseRoster = cached((oid) => (oid ? parseRosterText(input.text(oid)) : undefined));
  const parseConfig = cached((oid) => (oid ? parsePlain(input.text(oid)) : undefined));
  const chunks = new Map<string, Item | null>();
  const items = { records: cached((oid) => parseItemFile(oid && input.text(oid), "records", chunks), 64), sessions: cached((oid) => parseItemFile(oid && input.text(oid), "sessions", chunks), 64) };
  const findings: Finding[] = [];
  const reviewedOnce = new Set<string>();
  for (const w of input.walked) {
    if (!w.edits.some((l) => l.length > 0)) continue;
    const c = w.commit;
    const roster = parseRoster(w.before.roster) ?? parseRoster(w.after.roster) ?? input.fallbackRoster ?? EMPTY_ROSTER;
    const author = teacherByEmail(roster, c.authorEmail);
    const base = { commit: c.hash, author: c.authorName, email: c.authorEmail, teacher: author?.id, date: c.date };
    const add = (r: Raised) => findings.push({ check: r.check, ...base, file: r.file, record: r.record ? itemLabel(r.record) : undefined, message: r.message });
    const firstFile = w.edits[0]![0]?.repoPath ?? w.edits[0]![0]?.path;

    if (!author) {
      add({ check: "unknown-author", file: firstFile, message: t(lang,
        `作者 ${c.authorName} <${c.authorEmail}> 不在名册中(roster.yaml 中没有这个 e-mail),无法确认其权限`,
        `the author ${c.authorName} <${c.authorEmail}> is not in the roster (no teacher has this e-mail in roster.yaml), so their rights cannot be checked`) });
    }
    for (const s of input.signature?.(w, roster, author) ?? []) add({ ...s, file: firstFile });

    const configBefore = parseConfig(w.before.config);
    const ruleFiles = new Set([...ruleFilesOf(configBefore), ...ruleFilesOf(parseConfig(w.after.config))]);
    const closed = closedTermsOf(configBefore);
    const day = w.when.slice(0, 10);
    const judgeAgainst = (list: FileEdit[]): Raised[] =>
      list.flatMap((e) => {
        const ctx: EditContext = {
          w, roster, author, day, ruleFiles, closed, lang, reachable: input.reachable, reviewedOnce,
          before: (kind) => items[kind](e.oldMode === SYMLINK_MODE ? undefined : e.oldOid),
          after: (kind) => items[kind](e.newMode === SYMLINK_MODE ? undefined : e.newOid),
        };
        return FILE_JUDGES.flatMap((judge) => judge(e, ctx));
      });
    const [first, ...others] = w.edits.map(judgeAgainst);
    // A merge: a finding is the merge's own when it shows against every parent.
    const keyOf = (r: Raised) => [r.check, r.file, r.record ? JSON.stringify(itemLabel(r.record)) : ""].join("\0");
    const otherKeys = others.map((list) => new Set(list.map(keyOf)));
    for (const r of first ?? []) if (otherKeys.every((keys) => keys.has(keyOf(r)))) add(r);
  }
  return findings;
}

const governance: Judge = (e, ctx) => {
  const label = governanceLabel(e.path, e.repoPath, ctx.ruleFiles, ctx.lang)
    ?? (e.oldPath !== undefined ? governanceLabel(e.oldPath, e.oldRepoPath, ctx.ruleFiles, ctx.lang) : undefined);
  if (!label || !ctx.author || isAdmin(ctx.author, ctx.day)) return [];
  return [{ check: "governance-edit", file: e.repoPath ?? e.path,
    message: t(ctx.lang, `非行政人员修改了${label}`, `${label} was changed by someone who is not an administrator`) }];
};

const symlink: Judge = (e, ctx) => {
  const path = e.repoPath ?? "";
  if (e.newMode !== SYMLINK_MODE || !/^(records|sessions|evidence)\//.test(path)) return [];
  return [{ check: "symlink", file: path, message: t(ctx.lang,
    "提交了一个符号链接而不是文件:链接的内容可以在别处被改动而不出现在这个文件的历史中",
    "committed a symbolic link instead of a file: what it points to can be changed elsewhere without showing in this file's history") }];
};

const closedTerm: Judge = (e, ctx) => {
  const out: Raised[] = [];
  for (const path of new Set([e.repoPath, e.oldRepoPath])) {
    if (path === undefined || !itemFileKind(path)) continue;
    const term = termOfPath(path);
    const c = ctx.closed.find((x) => x.term === term);
    if (!c || !closedOn(c, ctx.day)) continue;
    if (c.rev !== undefined && ctx.reachable?.(c.rev, ctx.w.commit.hash) !== false) continue;
    if (e.oldOid === e.newOid && e.oldPath === undefined) continue;
    out.push({ check: "closed-term-edit", file: path, message: t(ctx.lang,
      `修改了已关闭学期 ${term} 的记录(关闭于 ${describeClosing(c)});更正须由教务处先在 yanxiu.yaml 中重新开放该学期`,
      `changed the records of term ${term}, closed at ${describeClosing(c)}; a correction needs the office to reopen the term in yanxiu.yaml first`) });
  }
  return out;
};

const itemFiles: Judge = (e, ctx) => {
  if (governanceLabel(e.path, e.repoPath, ctx.ruleFiles, ctx.lang)) return [];
  return judgeItemFile(e, ctx);
};

const FILE_JUDGES: Judge[] = [governance, symlink, closedTerm, itemFiles];
