/**
 * Project stages with due dates (课题 立项 → 开题 → 中期检查 → 结题): each project must reach a
 * stage by a deadline counted from another stage's record (中期检查 within 12 months of 立项) or
 * by a date. A project is the records sharing its `ref` (项目编号), else its title. Reaching a
 * later stage in time counts as reaching this one (a project concluded early needs no midterm).
 */
import { deadline, type Due } from "./deadline.js";

export interface StageRule {
  /** Stage id to reach, e.g. 'midterm'. */
  reach: string;
  /** Stage id whose record starts the clock; unset: the project's first stage in `order`. */
  from?: string;
  due: Due;
}

export interface StageRecord {
  date: string;
  stage?: string;
  /** The project this record belongs to (ref, else title). */
  project: string;
}

export interface Overdue {
  project: string;
  /** The start record's date and the last day that is on time. */
  started: string;
  deadline: string;
}

/**
 * Projects started (a record of the `from` stage) whose deadline is in [start, end] and that
 * had reached no stage at or after `reach` by then. `order` lists stage ids first to last.
 * Each overdue project falls in the one window holding its deadline; one not yet due is not overdue.
 */
export function overdueProjects(rule: StageRule, records: StageRecord[], order: string[], start: string, end: string): Overdue[] {
  const rank = (s: string | undefined) => (s === undefined ? -1 : order.indexOf(s));
  const from = rule.from ?? order[0];
  const byProject = new Map<string, StageRecord[]>();
  for (const r of records) {
    const list = byProject.get(r.project);
    if (list) list.push(r);
    else byProject.set(r.project, [r]);
  }
  const out: Overdue[] = [];
  for (const [project, list] of byProject) {
    const starts = list.filter((r) => r.stage === from).map((r) => r.date).sort();
    const started = starts[0];
    if (!started) continue;
    const last = deadline(rule.due, started);
    if (last < start || last > end) continue;
    const reached = list.some((r) => r.date <= last && rank(r.stage) >= rank(rule.reach));
    if (!reached) out.push({ project, started, deadline: last });
  }
  return out;
}
