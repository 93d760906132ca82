/**
 * Who is scored. The roster also holds people who are not teachers of the scheme — the
 * 教务处 that `init` writes, administrators who teach no classes — and scoring them as
 * teachers (0, 不合格) would lower every average and 达标率. They stay on the roster (reviews,
 * CODEOWNERS, audit know them) but are left out of every table and statistic.
 */
import type { Config, Teacher } from "../model.js";
import type { Period } from "./types.js";
import { rolesDuring } from "./requirements.js";

export interface NotScored {
  teacher: string;
  name: string;
  /** "roster": the roster says `scored: false`; "role": a role the config names in `notScored`. */
  reason: "roster" | "role";
  role?: string;
}

/** Why a teacher is not scored over the period, or undefined when they are. */
export function notScoredReason(teacher: Teacher, config: Config, period: Period): NotScored | undefined {
  if (teacher.scored === false) return { teacher: teacher.id, name: teacher.name, reason: "roster" };
  const excluded = config.notScored ?? [];
  if (excluded.length === 0) return undefined;
  // A role held at any time in the period: the office does not score a term of office work.
  const role = rolesDuring(teacher, period.start, period.end).find((r) => excluded.includes(r));
  return role ? { teacher: teacher.id, name: teacher.name, reason: "role", role } : undefined;
}
