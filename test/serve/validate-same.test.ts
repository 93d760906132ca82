/**
 * The web page checks a save against the school it keeps loaded (src/serve/validate.ts), over
 * the few files the write can concern; `yanxiu add` checks it by loading the whole school again
 * (src/add/validate.ts). Both must find exactly the same problems. The same would-be files go
 * through both paths here, the good and the bad: a clean record, problems in the record's own
 * fields, a duplicate within the file, a duplicate of a group session (reported in the session
 * file), a reused id from another teacher's file, a new file beside a .yml twin.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadRepo, type LoadedRepo } from "../../src/pipeline/load.js";
import { validateWrite } from "../../src/add/validate.js";
import { validateInState } from "../../src/serve/validate.js";
import { FileIndex } from "../../src/serve/file-index.js";
import { mergeItem, newFileText, type MergeTarget } from "../../src/add/merge.js";
import type { Problem } from "../../src/problem.js";
import { render } from "../../src/messages/index.js";
import { DEMO, TODAY } from "./helpers.js";

const T04 = "records/2025-2026-1/t04.yaml";
const T20 = "records/2025-2026-2/t20.yaml";
const ARTS = "sessions/2025-2026-1/arts.yaml";
const PINNED_ID = "0123456789ab";

let root = "";
let repo: LoadedRepo;
let index: FileIndex;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "yanxiu-same-"));
  cpSync(DEMO, root, { recursive: true });
  // t05's record with a written id (another teacher's file), and t20's term file misnamed .yml.
  const t05 = "records/2025-2026-2/t05.yaml";
  writeFileSync(join(root, t05), `${readFileSync(join(root, t05), "utf8")}  - id: ${PINNED_ID}\n    date: 2026-03-10\n    kind: observation\n    title: 三月听课\n    count: 1\n`);
  renameSync(join(root, T20), join(root, "records/2025-2026-2/t20.yml"));
  repo = loadRepo(root);
  index = FileIndex.of(repo);
});

const key = (p: Problem) => [p.file, p.line, p.column, p.check, p.severity, render(p.message, "zh"), p.hint === undefined ? "" : render(p.hint, "zh"), p.sourceLine ?? ""].join(" | ");
const keys = (ps: Problem[]) => ps.map(key).sort();

function bothWays(file: string, text: string) {
  const current = (() => {
    try {
      return readFileSync(join(root, file));
    } catch {
      return undefined;
    }
  })();
  const add = validateWrite(repo, file, text, "zh", TODAY).introduced;
  const serve = validateInState(repo, index, file, current, text, TODAY).introduced;
  return { add, serve };
}

const t04: MergeTarget = { listKey: "records", ownerKey: "teacher", owner: "t04" };
const appended = (file: string, target: MergeTarget, item: Record<string, unknown>) => {
  const r = mergeItem(readFileSync(join(root, file), "utf8"), target, item);
  if (!r.ok) throw new Error(`merge: ${r.reason}`);
  return r.text;
};

const CASES: { name: string; file: string; text: () => string; expect: string[] }[] = [
  { name: "a clean record", file: T04, text: () => appended(T04, t04, { date: "2025-12-01", kind: "observation", title: "十二月听课", count: 2 }), expect: [] },
  { name: "bad fields: a count that is no number, an unknown field", file: T04, text: () => appended(T04, t04, { date: "2025-12-02", kind: "observation", title: "听课", count: "三节", colour: "red" }), expect: ["field-type", "unknown-key"] },
  { name: "an unknown kind and a date outside the term", file: T04, text: () => appended(T04, t04, { date: "2026-03-02", kind: "observaton", title: "听课", count: 1 }), expect: ["term-folder", "unknown-kind"] },
  { name: "a date in the future", file: T04, text: () => appended(T04, t04, { date: "2026-12-01", kind: "observation", title: "听课", count: 1 }), expect: ["date-outside-term", "future-date"] },
  { name: "evidence that does not exist", file: T04, text: () => appended(T04, t04, { date: "2025-12-03", kind: "observation", title: "听课", count: 1, evidence: "evidence/t04/none.jpg" }), expect: ["evidence"] },
  { name: "a duplicate within the file", file: T04, text: () => appended(T04, t04, { date: "2025-09-12", kind: "observation", title: "9月听课记录（3节）", count: 3 }), expect: ["duplicate-record"] },
  {
    name: "a duplicate of a group session the teacher attended (reported in the session file)", file: T04,
    text: () => appended(T04, t04, { date: "2025-09-22", kind: "collective-prep", title: "集体备课：五年级美术《京剧脸谱》", hours: 2 }),
    expect: ["duplicate-record", "kind-place"],
  },
  { name: "an id already used in another teacher's file", file: T04, text: () => appended(T04, t04, { id: PINNED_ID, date: "2025-12-04", kind: "observation", title: "听课", count: 1 }), expect: ["duplicate-id"] },
  {
    name: "a new file beside its .yml twin", file: T20,
    text: () => newFileText({ listKey: "records", ownerKey: "teacher", owner: "t20" }, { date: "2026-03-11", kind: "observation", title: "听课", count: 1 }),
    expect: ["file-place"],
  },
  {
    name: "a session with a member of another group", file: ARTS,
    text: () => appended(ARTS, { listKey: "sessions", ownerKey: "group", owner: "arts" }, { date: "2025-12-08", kind: "collective-prep", title: "集体备课：期末", hours: 2, lead: "t19", attendance: { t04: "出勤", t19: "出勤", t01: "出勤" } }),
    expect: ["attendance-not-member"],
  },
];

describe("a save is checked alike by the web page (loaded school) and by add (whole school again)", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const { add, serve } = bothWays(c.file, c.text());
      expect(keys(serve)).toEqual(keys(add));
      expect([...new Set(add.map((p) => p.check))].sort()).toEqual(c.expect);
    });
  }

  it("the append's own reading of the new text gives what reading it again gives; a reading of another text is not used", () => {
    const current = readFileSync(join(root, T04));
    const merged = (item: Record<string, unknown>) => {
      const r = mergeItem(current.toString("utf8"), t04, item);
      if (!r.ok || r.how !== "append" || !r.read) throw new Error("expected appendPlain's reading");
      return r as typeof r & { read: NonNullable<typeof r.read> };
    };
    for (const item of [{ date: "2025-12-01", kind: "observation", title: "十二月听课", count: 2 }, { date: "2025-12-02", kind: "observation", title: "听课", count: "三节" }]) {
      const r = merged(item);
      const again = validateInState(repo, index, T04, current, r.text, TODAY);
      const shared = validateInState(repo, index, T04, current, r.text, TODAY, r.read);
      const other = validateInState(repo, index, T04, current, r.text, TODAY, merged({ date: "2025-12-05", kind: "observation", title: "另一条", count: 1 }).read);
      for (const v of [shared, other]) {
        expect(v.after.found.valid.map((a) => a.title)).toEqual(again.after.found.valid.map((a) => a.title));
        expect(v.after.found).toEqual(again.after.found);
        expect(v.after.loaded.source?.data).toEqual(again.after.loaded.source?.data);
        expect(keys(v.introduced)).toEqual(keys(again.introduced));
      }
      expect(again.after.found.valid.at(-1)?.title ?? "").not.toBe("另一条");
    }
  });

  it("the duplicate of a session is reported where check reports it: at the session, naming the record", () => {
    const { serve } = bothWays(T04, CASES[6]!.text());
    const dup = serve.find((p) => p.check === "duplicate-record")!;
    expect(dup.file).toBe(ARTS);
    expect(render(dup.message, "zh")).toContain(T04);
  });
});

/**
 * The web page runs check once on the file as it would be and skips the run on the file as it
 * was when the first finds only problems the unchanged files brought with them (src/serve/validate.ts).
 * Here t04's file of the other term (which every save into t04's file is checked with) has a
 * problem of its own: a clean save must find nothing new, a bad one only its own problem.
 */
describe("a save beside a file that has a problem of its own", () => {
  let root2 = "";
  let repo2: LoadedRepo;
  let index2: FileIndex;
  const OTHER_TERM = "records/2025-2026-2/t04.yaml";

  beforeAll(() => {
    root2 = mkdtempSync(join(tmpdir(), "yanxiu-same-carried-"));
    cpSync(DEMO, root2, { recursive: true });
    writeFileSync(join(root2, OTHER_TERM), `${readFileSync(join(root2, OTHER_TERM), "utf8")}  - date: 2026-03-12\n    kind: observation\n    title: 三月听课\n    count: 1\n    colour: red\n`);
    repo2 = loadRepo(root2);
    index2 = FileIndex.of(repo2);
  });

  const both = (item: Record<string, unknown>) => {
    const r = mergeItem(readFileSync(join(root2, T04), "utf8"), t04, item);
    if (!r.ok) throw new Error(`merge: ${r.reason}`);
    return {
      add: validateWrite(repo2, T04, r.text, "zh", TODAY).introduced,
      serve: validateInState(repo2, index2, T04, readFileSync(join(root2, T04)), r.text, TODAY).introduced,
    };
  };

  it("the other file's problem is there before the save", () => {
    expect(repo2.files.find((f) => f.file === OTHER_TERM)!.problems.map((p) => p.check)).toEqual(["unknown-key"]);
    expect(index2.related(T04, []).includes(OTHER_TERM)).toBe(true);
  });

  it("a clean record: nothing new, both ways", () => {
    const { add, serve } = both({ date: "2025-12-01", kind: "observation", title: "十二月听课", count: 2 });
    expect(serve).toEqual([]);
    expect(add).toEqual([]);
  });

  it("a record with an unknown field: only its own problem, both ways", () => {
    const { add, serve } = both({ date: "2025-12-02", kind: "observation", title: "听课", count: 1, colour: "blue" });
    expect(keys(serve)).toEqual(keys(add));
    expect(serve.map((p) => [p.check, p.file])).toEqual([["unknown-key", T04]]);
  });
});
