/**
 * Each teacher's scored activities, in the order a fresh load lists them (files in loadRepo's
 * order, each file's activities in its own order), so 我的研修 and the page after a save look
 * up one teacher's ~50 activities instead of filtering the school's ~100,000 on every request.
 * Kept in step with every save by FileIndex.replace (src/serve/file-index.ts).
 */
import type { Activity } from "../model.js";

export class TeacherActivities {
  private readonly byTeacher = new Map<string, Activity[]>();

  /** `activities` in load order (a loaded dataset's own list). */
  static of(activities: readonly Activity[]): TeacherActivities {
    const index = new TeacherActivities();
    for (const a of activities) {
      const list = index.byTeacher.get(a.teacher);
      if (list) list.push(a);
      else index.byTeacher.set(a.teacher, [a]);
    }
    return index;
  }

  /** The teacher's activities (empty when there are none). Not to be changed by the caller. */
  of(teacher: string): readonly Activity[] {
    return this.byTeacher.get(teacher) ?? [];
  }

  /**
   * One file's activities change from `old` to `next` (either may be empty). `order` compares
   * two files as a fresh load orders them.
   */
  replaceFile(file: string, old: readonly Activity[], next: readonly Activity[], order: (a: string, b: string) => number): void {
    const touched = new Set([...old, ...next].map((a) => a.teacher));
    for (const teacher of touched) {
      const kept = (this.byTeacher.get(teacher) ?? []).filter((a) => a.origin.file !== file);
      const mine = next.filter((a) => a.teacher === teacher);
      // The file's activities go after every file a load reads before it (usually: at the end).
      let at = kept.length;
      while (at > 0 && order(kept[at - 1]!.origin.file, file) > 0) at--;
      kept.splice(at, 0, ...mine);
      if (kept.length > 0) this.byTeacher.set(teacher, kept);
      else this.byTeacher.delete(teacher);
    }
  }
}
