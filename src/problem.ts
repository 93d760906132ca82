/**
 * The one problem type. YAML syntax errors, schema errors, reference checks and rule
 * validation all end up as a Problem, so every formatter handles exactly one shape.
 */
export type Severity = "error" | "warning";

export interface Problem {
  /** Name of the check that found it, e.g. "yaml-syntax", "unknown-teacher". Stable: used to switch checks off. */
  check: string;
  severity: Severity;
  /** Repo-relative path with forward slashes (or as given when outside a repo). */
  file: string;
  /** 1-based; 0 when the problem concerns the file as a whole. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** What is wrong, already in the report language. */
  message: string;
  /** How to fix it, in the report language ("did you mean 'observation'?"). */
  hint?: string;
  /** The source line the position points at, for the caret excerpt. */
  sourceLine?: string;
  /** The repair `check --fix` can make. */
  fix?: Fix;
}

/**
 * A mechanical repair, as ESLint's: replace the file's text between two offsets (of the text
 * as read, after any byte-order mark). `yanxiu check --fix` applies them; the formatter says so.
 */
export interface Fix {
  range: [number, number];
  text: string;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1 };

/** Sort problems by file, then position, so output is deterministic whatever order checks ran in. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.check < b.check ? -1 : a.check > b.check ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

export function countBySeverity(problems: Problem[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const p of problems) (p.severity === "error" ? errors++ : warnings++);
  return { errors, warnings };
}
