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
  /** What is wrong: a message of the catalogue (src/messages), rendered by the formatter. */
  message: Msg;
  /** How to fix it ("did you mean 'observation'?"), a message of the catalogue too. */
  hint?: Msg;
  /** The source line the position points at, for the caret excerpt. */
  sourceLine?: string;
  /** The repair `check --fix` can make: a text edit, or moving the whole file. */
  fix?: Fix | MoveFix;
}

/** JSON values only: problems travel through the result cache and `--format json`. */
export type MsgValue = string | number | boolean | null | undefined | readonly MsgValue[] | { readonly [key: string]: MsgValue };
export type MsgData = { readonly [key: string]: MsgValue };

/** A message by id and data, as ESLint's messageId: the catalogue in src/messages renders it. */
export interface Msg {
  id: string;
  data?: MsgData;
}

/** A problem as formatters receive it: message and hint rendered in the report language. */
export interface ShownProblem extends Omit<Problem, "message" | "hint"> {
  message: string;
  hint?: string;
  /** The catalogue id and data the message was rendered from. */
  messageId: string;
  data?: MsgData;
}

/** A stable sort key for a message, whatever language it will be shown in. */
export function messageKey(m: Msg): string {
  return m.data ? `${m.id}\0${JSON.stringify(m.data)}` : m.id;
}

/**
 * A mechanical repair, as ESLint's: replace the file's text between two offsets (of the text
 * as read, after any byte-order mark). `yanxiu check --fix` applies them; the formatter says so.
 */
export interface Fix {
  range: [number, number];
  text: string;
}

/**
 * Moving the whole file (repo-relative paths) to where it belongs, never over an existing file:
 * `records/2025-2026-1/t01.yaml` holding only the second term's records, `records/t01.yaml`, a
 * lone `t01.yml`. In `--format json` it is `{"move": {"from": …, "to": …}}`, with no `range`.
 */
export interface MoveFix {
  move: { from: string; to: string };
}

export function isMoveFix(fix: Fix | MoveFix | undefined): fix is MoveFix {
  return fix !== undefined && "move" in fix;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1 };

/** Sort problems by file, then position, so output is deterministic whatever order checks ran in. */
export function sortProblems<P extends Pick<Problem, "file" | "line" | "column" | "check" | "message">>(problems: P[]): P[] {
  return [...problems].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.check < b.check ? -1 : a.check > b.check ? 1 : 0) ||
      compareText(messageKey(a.message), messageKey(b.message)),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function countBySeverity(problems: readonly Pick<Problem, "severity">[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const p of problems) (p.severity === "error" ? errors++ : warnings++);
  return { errors, warnings };
}
