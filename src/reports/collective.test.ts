import { describe, expect, it } from "vitest";
import { scoreDataset } from "../score/evaluate.js";
import { act, dataset, schemeOf, teacher } from "../score/fixture.js";
import { collectiveLines, groupRequirements, schoolRequirements } from "./collective.js";
import { buildGroupTable } from "./group-table.js";

const AUTUMN = { type: "term" as const, id: "2015-autumn", start: "2015-09-01", end: "2016-01-31" };

describe("group and school requirements in reports", () => {
  const scheme = schemeOf(`kinds:
  - { id: study, session: true }
  - { id: narrative }
requirements:
  - { id: sessions, label: 每学期至少八次活动, subject: group, kinds: [study], measure: sessions, minimum: 8, per: term }
  - { id: narrative, kinds: [narrative], measure: count, minimum: 1, per: term }
  - { id: eighty, label: 80%教师撰写叙事, subject: school, share: narrative, minimum: 0.8, per: term }
`);
  // 3 sessions of math; 1 of 2 teachers wrote a narrative
  const acts = [...["2015-09-10", "2015-10-10", "2015-11-10"].map((d) => act("a", d, "study", { group: "math" })), act("a", "2015-10-01", "narrative")];
  const r = scoreDataset(dataset([teacher("a"), teacher("b")], acts), scheme, AUTUMN);

  it("give each group row its own results", () => {
    const rows = buildGroupTable(r, [{ id: "math", name: "数学组", type: "教研组" }], "zh");
    expect(rows[0]!.requirements).toMatchObject([{ id: "sessions", label: "每学期至少八次活动", actual: 3, shortBy: 5, met: false }]);
  });
  it("say what is short, a share as a percentage", () => {
    // 3 of 8 sessions: short 5; 1 of 2 teachers = 50% of 80%: short 30%
    expect(collectiveLines(groupRequirements(r, "math", "zh")!, "zh").map((l) => l.text)).toEqual(["数学组:每学期至少八次活动 2015-autumn:3 / 8,差 5"]);
    expect(collectiveLines(schoolRequirements(r, "zh")!, "zh").map((l) => l.text)).toEqual(["测试小学:80%教师撰写叙事 2015-autumn:50% / 80%,差 30%"]);
    expect(collectiveLines(schoolRequirements(r, "en")!, "en").map((l) => l.text)).toEqual(["测试小学: eighty 2015-autumn: 50% of 80%, short by 30%"]);
  });
});
