/**
 * Names and titles for the generated school: teachers' names, projects, papers, lessons, and
 * numbers written in Chinese.
 */
import type { Rng } from "./prng.js";
import { GIVEN, LESSONS, PAPER_STARTS, SURNAMES, TOPIC_PREFIXES, TOPIC_THEMES } from "./words.js";

const CN_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** Characters that rarely end a given name. */
const NOT_LAST = new Set([..."思一子晓新永学立天嘉诗"]);
const GIVEN_LAST = GIVEN.filter(([c]) => !NOT_LAST.has(c));

export function makeName(rng: Rng, taken: Set<string>): { name: string; surname: string; pinyin: string } {
  let best = { name: "", surname: "", pinyin: "" };
  for (let attempt = 0; attempt < 30; attempt++) {
    // Squaring biases towards the common surnames at the start of the list.
    const r = rng.next();
    const [sur, sp] = SURNAMES[Math.floor(r * r * SURNAMES.length)]!;
    const [g1, p1] = rng.pick(GIVEN);
    let name = sur + g1;
    let pinyin = sp + p1;
    if (rng.chance(0.7) || NOT_LAST.has(g1)) {
      const [g2, p2] = rng.pick(GIVEN_LAST);
      if (g2 !== g1) {
        name += g2;
        pinyin += p2;
      }
    }
    best = { name, surname: sur, pinyin };
    if (!taken.has(name)) break;
  }
  taken.add(best.name);
  return best;
}

export function projectName(rng: Rng, stage: string, subject: string): string {
  return `《${rng.pick(TOPIC_PREFIXES)}${stage}${subject}${rng.pick(TOPIC_THEMES)}》`;
}

export function paperTopic(rng: Rng, stage: string, subject: string): string {
  return `${rng.pick(PAPER_STARTS)}${rng.pick(TOPIC_PREFIXES)}${stage}${subject}${rng.pick(TOPIC_THEMES)}`;
}

/** A lesson of the subject: [grade, title]. */
export function lessonOf(rng: Rng, subject: string): [string, string] {
  return rng.pick(LESSONS[subject] ?? LESSONS["综合"]!);
}

export function cnNumber(k: number): string {
  if (k <= 10) return CN_DIGITS[k]!;
  if (k < 20) return `十${CN_DIGITS[k - 10]}`;
  if (k < 100) return `${CN_DIGITS[Math.floor(k / 10)]}十${k % 10 ? CN_DIGITS[k % 10] : ""}`;
  return String(k);
}
