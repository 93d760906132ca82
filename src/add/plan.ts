/**
 * From the answers (already read by readField: ids, YYYY-MM-DD, numbers) to what `add` will write: the
 * item, its file and the list it joins. A date outside every term, or in a closed one, is a problem on the
 * date, so the prompts can ask for it again.
 */
import { msg } from "../messages/index.js";
import { termOf, type AttendanceStatus, type Teacher, type Term } from "../model.js";
import type { Problem } from "../problem.js";
import type { LoadedRepo } from "../pipeline/load.js";
import { recordFilePath, sessionFilePath } from "../repo/layout.js";
import { closedTermRefusal } from "./closed.js";
import type { MergeTarget } from "./merge.js";
import { buildRecord, buildSession } from "./record.js";
import type { Answers } from "./prompts.js";
import type { Scheme } from "../rules/types.js";

export const VALUE_FIELDS = ["level", "award", "role", "stage", "hours", "count", "words", "score", "ref", "notes"] as const;
const NUMERIC = new Set(["hours", "count", "words", "score"]);

export interface Plan {
  file: string;
  target: MergeTarget;
  item: Record<string, unknown>;
  term: Term;
  /** The record's teacher; undefined for a session. */
  owner?: Teacher;
  /** Whose credit the item changes: the teacher, or the session's members. */
  teachers: string[];
}

export type Planned = { ok: true; plan: Plan } | { ok: false; problem: Problem; field: "date" };

export function planAdd(repo: LoadedRepo, answers: Answers, attendance: Record<string, AttendanceStatus> | undefined, day: string): Planned {
  const dataset = repo.dataset!;
  const date = answers.date!;
  const term = termOf(dataset.config, date);
  if (!term) {
    return {
      ok: false, field: "date",
      problem: {
        check: "date-outside-term", severity: "error", file: dataset.config.file, line: 0, column: 0,
        message: msg("date-outside-term", { date }),
        hint: msg("date-outside-term.hint"),
      },
    };
  }
  const closed = closedTermRefusal(repo, term.id, day);
  if (closed) return { ok: false, problem: closed, field: "date" };

  const fields = {
    date, kind: answers.kind!, title: answers.title!,
    ...Object.fromEntries(VALUE_FIELDS.map((f) => [f, NUMERIC.has(f) && answers[f] !== undefined && answers[f] !== "" ? Number(answers[f]) : answers[f]])),
    evidence: answers.evidence?.split("\n"),
  };
  if (attendance) {
    const group = dataset.roster.groups.find((g) => g.id === answers.group)!;
    return {
      ok: true,
      plan: {
        item: buildSession({ ...fields, lead: answers.lead || undefined, attendance }),
        file: sessionFilePath(term.id, group.id),
        target: { listKey: "sessions", ownerKey: "group", owner: group.id, headerComment: `${group.name} ${term.name} 教研活动` },
        term,
        teachers: Object.keys(attendance),
      },
    };
  }
  const owner = dataset.roster.teachers.find((x) => x.id === answers.teacher)!;
  return {
    ok: true,
    plan: {
      item: buildRecord(fields),
      file: recordFilePath(term.id, owner.id),
      target: { listKey: "records", ownerKey: "teacher", owner: owner.id, headerComment: `${owner.name}（${owner.id}） ${term.name} 研修记录` },
      term,
      owner,
      teachers: [owner.id],
    },
  };
}

/** The fields still to be given: the required ones, then those the kind needs (a session's members have no role). */
export function missingFields(answers: Answers, required: string[], scheme: Scheme | undefined): string[] {
  const missing = required.filter((f) => !answers[f] || answers[f]!.trim() === "");
  const kind = answers.kind ? scheme?.kinds.get(answers.kind) : undefined;
  for (const f of kind?.fields ?? []) {
    if (answers.group !== undefined && f === "role") continue;
    if (answers[f] === undefined) missing.push(f);
  }
  return missing;
}
