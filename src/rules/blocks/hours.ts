/**
 * `hours: { factor, hoursPerCredit }` — credit proportional to the record's hours. In a 学分
 * scheme hours convert at the item's rate, else the scheme's (Guangxi: 1 学分 = 3 学时).
 */
import type { Activity } from "../../model.js";

export function hoursCredit(
  rule: { factor: number; hoursPerCredit?: number },
  act: Pick<Activity, "hours">,
  scheme: { unit: "hours" | "credits" | "points"; hoursPerCredit?: number },
): number | undefined {
  if (act.hours === undefined) return undefined;
  const per = rule.hoursPerCredit ?? (scheme.unit === "credits" ? scheme.hoursPerCredit : undefined) ?? 1;
  // A zero rate is reported by rule validation; never divide by it here.
  if (per <= 0) return 0;
  return (act.hours * rule.factor) / per;
}
