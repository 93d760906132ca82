/**
 * Problem lists in the formats CI systems read: SARIF 2.1.0 (GitHub code scanning, many
 * viewers), JUnit XML (Jenkins, GitLab test reports, Gitea plugins) and GitLab Code Quality.
 * Pure (problems, options) => string, like the formatters in problems.ts.
 */
import { createHash } from "node:crypto";
import type { Log, ReportingDescriptor, Result } from "sarif";
import type { Problem, ShownProblem } from "../problem.js";
import type { Lang } from "../i18n.js";
import { showProblems } from "../messages/index.js";

export interface CiFormatOptions {
  /** The running yanxiu's version, for the SARIF tool record. */
  version: string;
  lang: Lang;
  /** Files checked: JUnit lists each as a test case, so a clean run still shows what was checked. */
  files?: readonly string[];
}

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** The problem's message with its hint, as one line of plain text. */
function fullMessage(p: ShownProblem): string {
  return p.hint ? `${p.message} (${p.hint})` : p.message;
}

/** SARIF wants a region only for real positions; a whole-file problem has none. */
function region(p: ShownProblem): Result["locations"] {
  const artifactLocation = { uri: encodeURI(p.file), uriBaseId: "%SRCROOT%" };
  if (p.line <= 0) return [{ physicalLocation: { artifactLocation } }];
  const reg: { startLine: number; startColumn: number; endLine?: number; endColumn?: number; snippet?: { text: string } } = {
    startLine: p.line,
    startColumn: Math.max(1, p.column),
  };
  const endLine = p.endLine ?? p.line;
  if (p.endLine !== undefined && p.endLine >= p.line) reg.endLine = p.endLine;
  // An end before the start (or an empty span) says nothing: leave it to the reader.
  if (p.endColumn !== undefined && endLine >= p.line && (endLine > p.line || p.endColumn > p.column)) reg.endColumn = p.endColumn;
  if (p.sourceLine !== undefined) reg.snippet = { text: p.sourceLine };
  return [{ physicalLocation: { artifactLocation, region: reg } }];
}

export function formatSarif(all: readonly Problem[], opts: CiFormatOptions): string {
  const problems = showProblems(all, opts.lang);
  const ruleIds = [...new Set(problems.map((p) => p.check))].sort();
  const rules: ReportingDescriptor[] = ruleIds.map((id) => ({
    id,
    shortDescription: { text: id },
  }));
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const results: Result[] = problems.map((p) => ({
    ruleId: p.check,
    ruleIndex: index.get(p.check)!,
    level: p.severity === "error" ? "error" : "warning",
    message: { text: fullMessage(p) },
    locations: region(p),
  }));
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "yanxiu", version: opts.version, rules } },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}

/** XML 1.0 text: markup escaped, and the control characters it cannot hold at all dropped. */
export function xmlEscape(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/**
 * One test suite; one test case per file checked (so a clean run shows its files), failing with
 * one <failure> per error; warnings go to the case's system-out so they show without failing it.
 */
export function formatJunit(all: readonly Problem[], opts: CiFormatOptions): string {
  const problems = showProblems(all, opts.lang);
  const byFile = new Map<string, ShownProblem[]>();
  for (const f of opts.files ?? []) byFile.set(f, []);
  for (const p of problems) {
    const list = byFile.get(p.file) ?? [];
    list.push(p);
    byFile.set(p.file, list);
  }
  const files = [...byFile.keys()].sort();
  const failing = files.filter((f) => byFile.get(f)!.some((p) => p.severity === "error")).length;
  const where = (p: ShownProblem) => (p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="yanxiu check" tests="${files.length}" failures="${failing}" errors="0">`,
    `  <testsuite name="yanxiu check" tests="${files.length}" failures="${failing}" errors="0" skipped="0">`,
  ];
  for (const f of files) {
    const list = byFile.get(f)!;
    const errors = list.filter((p) => p.severity === "error");
    const warnings = list.filter((p) => p.severity === "warning");
    out.push(`    <testcase classname="yanxiu.check" name="${xmlEscape(f)}" file="${xmlEscape(f)}">`);
    for (const p of errors) {
      out.push(`      <failure type="${xmlEscape(p.check)}" message="${xmlEscape(fullMessage(p))}">${xmlEscape(`${where(p)}: [${p.check}] ${fullMessage(p)}`)}</failure>`);
    }
    if (warnings.length > 0) {
      out.push(`      <system-out>${xmlEscape(warnings.map((p) => `${where(p)}: warning[${p.check}] ${fullMessage(p)}`).join("\n"))}</system-out>`);
    }
    out.push("    </testcase>");
  }
  out.push("  </testsuite>", "</testsuites>", "");
  return out.join("\n");
}

/**
 * GitLab Code Quality (a subset of Code Climate's format). The fingerprint leaves the line out,
 * so a problem that only moved down the file is not reported as fixed-and-new on the merge
 * request; the n-th identical problem in a file gets its own.
 */
export function formatCodeQuality(all: readonly Problem[], lang: Lang): string {
  const problems = showProblems(all, lang);
  const seen = new Map<string, number>();
  const issues = problems.map((p) => {
    const key = `${p.check}\0${p.file}\0${p.message}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return {
      type: "issue",
      check_name: p.check,
      description: fullMessage(p),
      categories: ["Bug Risk"],
      severity: p.severity === "error" ? "major" : "minor",
      fingerprint: createHash("sha256").update(`${key}\0${n}`).digest("hex").slice(0, 32),
      location: { path: p.file, lines: { begin: Math.max(1, p.line), end: Math.max(1, p.endLine ?? p.line) } },
    };
  });
  return JSON.stringify(issues, null, 2) + "\n";
}
