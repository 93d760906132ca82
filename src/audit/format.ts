/** Audit findings as text for people and as JSON for CI (format documented in docs/audit.md). */
import { t, type Lang } from "../i18n.js";
import type { Finding } from "./audit.js";

export const SHORT_HASH = 8;

export function formatAuditText(findings: Finding[], opts: { lang: Lang; commits: number }): string {
  const { lang } = opts;
  const lines: string[] = [];
  for (const f of findings) {
    const who = f.teacher ? `${f.author} <${f.email}> (${f.teacher})` : `${f.author} <${f.email}>`;
    lines.push(`${f.commit.slice(0, SHORT_HASH)}  ${f.date.slice(0, 10)}  ${who}${f.file ? `  ${f.file}` : ""}`);
    lines.push(`  ${f.message}  [${f.check}]`);
  }
  if (findings.length > 0) lines.push("");
  lines.push(findings.length === 0
    ? t(lang, `审计了 ${opts.commits} 个提交,没有发现问题。`, `audited ${opts.commits} commits: nothing found.`)
    : t(lang, `审计了 ${opts.commits} 个提交,发现 ${findings.length} 个问题。`, `audited ${opts.commits} commits: ${findings.length} findings.`));
  return lines.join("\n") + "\n";
}

export function formatAuditJson(findings: Finding[], opts: { commits: number }): string {
  const out = {
    version: 1,
    commits: opts.commits,
    findings: findings.map((f) => ({
      check: f.check,
      commit: f.commit,
      shortCommit: f.commit.slice(0, SHORT_HASH),
      author: f.author,
      email: f.email,
      teacher: f.teacher ?? null,
      date: f.date,
      file: f.file ?? null,
      record: f.record ?? null,
      message: f.message,
    })),
  };
  return JSON.stringify(out, null, 2) + "\n";
}
