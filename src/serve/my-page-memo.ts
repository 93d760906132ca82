/**
 * 我的研修 kept between requests: building it scores the teacher and searches what closes each
 * gap (tens of milliseconds at a school's scale), and it changes only when the teacher's own
 * activities change. The page depends on nothing but the loaded school's config, roster and rules
 * (new objects on every reload), the teacher, and the teacher's activities — a list the index
 * (src/serve/teacher-activities.ts) replaces by a new one whenever a save touches it: a record,
 * a session naming the teacher, an approval, a withdraw. So a page is reused only while every one
 * of those is the very same object it was built from; anything else builds it again.
 */
import type { Lang } from "../i18n.js";
import type { Dataset } from "../model.js";
import type { Scheme } from "../rules/types.js";
import { myPage, type MyPage, type TeacherLookup } from "./my-data.js";

interface Kept {
  /** What the page was built from, compared by identity. */
  from: readonly unknown[];
  page: MyPage | undefined;
}

export class MyPageMemo {
  /** Least recently used first (a Map keeps insertion order). */
  private readonly kept = new Map<string, Kept>();

  /** `limit`: pages kept at most (~70 KB each in memory at a school's scale). */
  constructor(private readonly limit = 300) {}

  get size(): number {
    return this.kept.size;
  }

  /**
   * myPage(dataset, scheme, teacherId, today, lang, { lookup }), reused when nothing it reads has
   * changed. Without an index (the school is being reloaded) it is built and not kept.
   */
  page(dataset: Dataset, scheme: Scheme, teacherId: string, today: string, lang: Lang, lookup: TeacherLookup | undefined): MyPage | undefined {
    const build = () => myPage(dataset, scheme, teacherId, today, lang, { lookup });
    if (!lookup) return build();
    const key = `${teacherId}\u0000${today}\u0000${lang}`;
    const from = [dataset, dataset.config, dataset.roster, scheme, lookup, lookup.teacher(teacherId), lookup.activitiesOf(teacherId)];
    const hit = this.kept.get(key);
    this.kept.delete(key);
    if (hit && hit.from.every((x, i) => x === from[i])) {
      this.kept.set(key, hit);
      return hit.page;
    }
    const page = build();
    this.kept.set(key, { from, page });
    if (this.kept.size > this.limit) this.kept.delete(this.kept.keys().next().value!);
    return page;
  }
}
