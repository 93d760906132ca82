import { describe, expect, it } from "vitest";
import { scoreDataset } from "./evaluate.js";
import { act, dataset, schemeOf, teacher } from "./fixture.js";
import type { Activity } from "../model.js";
import type { Period } from "./types.js";

const AUTUMN: Period = { type: "term", id: "2015-autumn", start: "2015-09-01", end: "2016-01-31" };

/** One session of group `math` attended by a and b (two activities, one session). */
function session(date: string, more: Partial<Activity> = {}): Activity[] {
  const x = act("a", date, "study", { group: "math", ...more });
  return [x, { ...x, teacher: "b", attendance: "absent" }];
}

const RULES = `kinds:
  - { id: study, session: true }
  - { id: narrative, fields: [words] }
requirements:
  - { id: sessions, label: 每学月至少二场次, subject: group, kinds: [study], measure: sessions, minimum: 2, per: month }
  - { id: minutes, label: 每次活动有纪要, subject: group, kinds: [study], measure: sessions, minimum: 1, per: term, content: { 纪要: 20 } }
  - { id: narrative, kinds: [narrative], measure: count, minimum: 1, per: term }
  - { id: narrative-80, label: 80%教师能够撰写叙事, subject: school, share: narrative, minimum: 0.8, per: term }
`;

describe("group and school requirements", () => {
  const scheme = schemeOf(RULES);
  const teachers = ["a", "b", "c", "d", "e"].map((id) => teacher(id));
  const minutes = { 纪要: "研讨了第三单元的教学重点与难点,确定了分层作业的设计思路" };
  const acts = [
    ...session("2015-09-10", { content: minutes }),
    ...session("2015-09-24"),
    ...session("2015-10-15"),
    ...["a", "b", "c", "d"].map((id) => act(id, "2015-11-01", "narrative", { words: 1500 })),
  ];
  const r = scoreDataset(dataset(teachers, acts), scheme, AUTUMN);

  it("counts a group's sessions once each, whoever attended, per month", () => {
    const g = r.groups!.find((x) => x.id === "math")!;
    // Sep: 2 sessions (a and b at each: still 2), Oct: 1 (short 1), Nov–Jan: 0 (short 2 each)
    expect(g.requirements.filter((x) => x.id === "sessions").map((x) => `${x.window} ${x.actual}/${x.shortBy}`)).toEqual([
      "2015-09 2/0", "2015-10 1/1", "2015-11 0/2", "2015-12 0/2", "2016-01 0/2",
    ]);
    // only the 09-10 session has minutes of at least 20 字 (the text is 27)
    expect(g.requirements.find((x) => x.id === "minutes")).toMatchObject({ actual: 1, met: true });
    expect(g.met).toBe(false);
  });

  it("measures the share of teachers meeting a teacher requirement", () => {
    // 4 of 5 teachers wrote a narrative: 0.8 ≥ 0.8
    expect(r.school!.requirements).toMatchObject([{ id: "narrative-80", measure: "share", actual: 0.8, minimum: 0.8, met: true }]);
    const fewer = scoreDataset(dataset(teachers, acts.slice(0, -1)), scheme, AUTUMN);
    // 3 of 5 = 0.6: short by 0.2
    expect(fewer.school!.requirements[0]).toMatchObject({ actual: 0.6, shortBy: 0.2, met: false });
  });

  it("leaves teachers' own results and grades alone", () => {
    expect(r.teachers.map((t) => t.requirements.map((x) => x.id))).toEqual([["narrative"], ["narrative"], ["narrative"], ["narrative"], ["narrative"]]);
    expect(r.requirements.map((x) => [x.id, x.subject ?? "teacher"])).toEqual([["sessions", "group"], ["minutes", "group"], ["narrative", "teacher"], ["narrative-80", "school"]]);
  });

  it("is left out of the result when the scheme has no such requirements", () => {
    const plain = scoreDataset(dataset(teachers, acts), schemeOf(`kinds: [{ id: narrative }]\nitems: [{ id: n, kinds: [narrative], each: 1 }]\n`), AUTUMN);
    expect("groups" in plain || "school" in plain).toBe(false);
  });
});
