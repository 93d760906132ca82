import { afterEach, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadRepo } from "../../src/pipeline/load.js";
import { reviewEntries, findByRef, derivedRef, refsOfItems } from "../../src/approval/ref.js";
import { mayReview, approvalSettings, targetOf } from "../../src/approval/policy.js";
import { applyReviews } from "../../src/approval/apply.js";
import { buildReviewQueue } from "../../src/approval/queue.js";
import { transition } from "../../src/approval/transition.js";
import type { Dataset } from "../../src/model.js";
import { removeDir } from "../helpers/temp-repo.js";
import { CHINESE, schoolDir, T01, T02, T02_TEXT, T04 } from "./school.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

function load(dir: string): Dataset {
  const repo = loadRepo(dir, { fast: false });
  return repo.dataset!;
}

function setup(extra: Record<string, string> = {}) {
  const dir = schoolDir(extra);
  dirs.push(dir);
  return { dir, ds: load(dir) };
}

const teacher = (ds: Dataset, id: string) => ds.roster.teachers.find((t) => t.id === id)!;

describe("refs", () => {
  it("derive from owner, date, kind and title; survive reordering and edits of other records", () => {
    const { dir, ds } = setup();
    const before = reviewEntries(ds.activities).filter((e) => e.file === T02).map((e) => e.ref);
    expect(before[0]).toBe(derivedRef("record", "t02", "2026-10-09", "observation", "听课《背影》"));
    expect(before[0]).toMatch(/^[0-9a-f]{12}$/);
    // Swap the two records and change the second one's title: the first keeps its ref.
    const swapped = `teacher: t02\nrecords:\n  - date: 2026-10-20\n    kind: reflection\n    title: 改过的反思\n  - date: 2026-10-09\n    kind: observation\n    title: 听课《背影》\n    count: 2\n`;
    writeFileSync(join(dir, T02), swapped);
    const after = reviewEntries(load(dir).activities).filter((e) => e.file === T02).map((e) => e.ref);
    expect(after[1]).toBe(before[0]);
    expect(after[0]).not.toBe(before[1]);
  });

  it("an id: written in the file is the ref; exact copies get distinct refs", () => {
    const items = [
      { date: "2026-10-09", kind: "observation", title: "a" },
      { date: "2026-10-09", kind: "observation", title: "a" },
      { id: "mine-1", date: "2026-10-09", kind: "observation", title: "a" },
    ];
    const refs = refsOfItems("record", "t02", items);
    expect(refs[2]).toBe("mine-1");
    expect(refs[0]).toBe(derivedRef("record", "t02", "2026-10-09", "observation", "a"));
    expect(refs[1]).toBe(derivedRef("record", "t02", "2026-10-09", "observation", "a", 2));
    expect(refs[1]).not.toBe(refs[0]);
  });

  it("one session is one entry with every member; a ref is found by a unique prefix of 6+", () => {
    const { ds } = setup();
    const entries = reviewEntries(ds.activities);
    const session = entries.find((e) => e.file === CHINESE)!;
    expect(session.kind).toBe("session");
    expect(session.owner).toBe("chinese");
    expect(session.activities.map((a) => a.teacher).sort()).toEqual(["t01", "t02", "t04"]);
    expect(entries).toHaveLength(5);
    const hit = findByRef(entries, session.ref.slice(0, 6));
    expect(hit.ok && hit.entry).toBe(session);
    expect(findByRef(entries, session.ref.slice(0, 5))).toMatchObject({ ok: false, reason: "unknown" });
    expect(findByRef(entries, "nope-nope")).toMatchObject({ ok: false, reason: "unknown" });
  });
});

describe("who may review", () => {
  const { ds } = setup();
  const settings = approvalSettings(ds.config);
  const rec = (tch: string) => ({ kind: "record" as const, teacher: tch });
  const may = (actor: string, target: Parameters<typeof mayReview>[3], action: "approve" | "verify" | "reject" = "approve") =>
    mayReview(ds.roster, settings, teacher(ds, actor), target, action, "2026-11-01");

  it("a leader approves a member's record, not their own, not another group's", () => {
    expect(may("t01", rec("t02"))).toEqual({ ok: true, as: "leader" });
    expect(may("t01", rec("t01"))).toEqual({ ok: false, reason: "own" });
    expect(may("t03", rec("t02"))).toEqual({ ok: false, reason: "not-allowed" });
    expect(may("t02", rec("t01"))).toEqual({ ok: false, reason: "not-allowed" });
  });

  it("a teacher in two groups: either leader approves", () => {
    expect(may("t01", rec("t04"))).toEqual({ ok: true, as: "leader" });
    expect(may("t03", rec("t04"))).toEqual({ ok: true, as: "leader" });
  });

  it("the office approves anyone's records and sessions it is not on; leaders do not approve sessions", () => {
    expect(may("a01", rec("t01"))).toEqual({ ok: true, as: "office" });
    const session = { kind: "session" as const, group: "chinese", members: ["t01", "t02"] };
    expect(may("a01", session)).toEqual({ ok: true, as: "office" });
    expect(may("t01", session)).toEqual({ ok: false, reason: "own-session" });
    expect(may("t03", session)).toEqual({ ok: false, reason: "not-allowed" });
    expect(may("a01", { ...session, members: ["a01"] })).toEqual({ ok: false, reason: "own-session" });
  });

  it("verify is for the verify roles only; the config names them", () => {
    expect(may("a01", rec("t02"), "verify")).toEqual({ ok: true, as: "verifier" });
    expect(may("t01", rec("t02"), "verify")).toEqual({ ok: false, reason: "not-allowed" });
    const custom = { office: ["教务处"], verify: ["教研员"], leaders: false };
    const strict = (actor: string) => mayReview(ds.roster, custom, teacher(ds, actor), rec("t02"), "approve", "2026-11-01");
    expect(strict("t01")).toEqual({ ok: false, reason: "not-allowed" });
    expect(strict("a01")).toEqual({ ok: false, reason: "not-allowed" });
  });

  it("status moves: verify only what is approved; returning needs a reason", () => {
    expect(transition({ status: "approved" }, "verify")).toEqual({ ok: true, status: "verified" });
    expect(transition({}, "verify")).toEqual({ ok: false, reason: "not-approved-yet" });
    expect(transition({ status: "approved", lapsed: true }, "verify")).toEqual({ ok: false, reason: "not-approved-yet" });
    expect(transition({ status: "approved" }, "approve")).toEqual({ ok: true, status: "approved", unchanged: true });
    expect(transition({ status: "verified" }, "approve")).toEqual({ ok: false, reason: "already-verified" });
    expect(transition({}, "reject", " ")).toEqual({ ok: false, reason: "no-reason" });
  });
});

describe("writing a review", () => {
  it("sets status, approver, date, seal and pins the ref; the loader reads it approved; an edit lapses it", () => {
    const { dir, ds } = setup();
    const entry = reviewEntries(ds.activities).find((e) => e.file === T02 && e.index === 0)!;
    const r = applyReviews(T02_TEXT, "record", [{ ref: entry.ref, status: "approved", approver: "t01", date: "2026-11-02" }]);
    if (!r.ok) throw new Error(r.reason);
    const added = r.text.split("\n").filter((l) => !T02_TEXT.split("\n").includes(l));
    expect(added.map((l) => l.replace(/seal: \S+/, "seal: S"))).toEqual(["    status: 审定", "    approver: t01", "    reviewed: 2026-11-02", "    seal: S", `    id: ${entry.ref}`]);
    writeFileSync(join(dir, T02), r.text);
    const act = load(dir).activities.find((a) => a.origin.file === T02 && a.origin.index === 0)!;
    expect(act).toMatchObject({ id: entry.ref, status: "approved", approver: "t01", reviewed: "2026-11-02" });
    expect(act.lapsed).toBeUndefined();
    // Same ref after approval (now pinned), even once the title changes; the edit lapses it.
    writeFileSync(join(dir, T02), r.text.replace("title: 听课《背影》", "title: 听课《背影》第二课时"));
    const after = load(dir);
    const edited = after.activities.find((a) => a.origin.file === T02 && a.origin.index === 0)!;
    expect(edited.lapsed).toBe(true);
    expect(reviewEntries(after.activities).find((e) => e.file === T02 && e.index === 0)!.ref).toBe(entry.ref);
  });

  it("a return keeps the reason; approving later removes it", () => {
    const { ds } = setup();
    const entry = reviewEntries(ds.activities).find((e) => e.file === T02 && e.index === 1)!;
    const r = applyReviews(T02_TEXT, "record", [{ ref: entry.ref, status: "rejected", approver: "t01", date: "2026-11-02", reason: "请补充字数" }]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.text).toContain("    status: 退回\n    approver: t01\n    reviewed: 2026-11-02\n    reason: 请补充字数\n");
    const again = applyReviews(r.text, "record", [{ ref: entry.ref, status: "approved", approver: "t01", date: "2026-11-03" }]);
    if (!again.ok) throw new Error(again.reason);
    expect(again.text).not.toContain("reason:");
    expect(again.text).toContain("status: 审定");
  });

  it("refuses an unknown ref without changing anything", () => {
    expect(applyReviews(T02_TEXT, "record", [{ ref: "000000000000", status: "approved", approver: "t01", date: "2026-11-02" }])).toEqual({ ok: false, ref: "000000000000", reason: "unknown-ref" });
  });
});

describe("the review queue", () => {
  it("the leader sees the members' drafts with the credit approval would bring", () => {
    const { ds } = setup();
    const repo = loadRepo(dirs[0]!);
    const rows = buildReviewQueue(ds, repo.scheme, teacher(ds, "t01"), "2026-11-01");
    expect(rows.map((r) => [r.entry.file, r.entry.index, r.action, r.as, r.credit])).toEqual([
      [T02, 0, "approve", "leader", 2], // count 2 × 1
      [T04, 0, "approve", "leader", 2],
      [T02, 1, "approve", "leader", 2],
    ]);
  });

  it("the office sees every record but its own and the session (3 for each member present: t04 was excused)", () => {
    const { ds } = setup();
    const repo = loadRepo(dirs[0]!);
    const rows = buildReviewQueue(ds, repo.scheme, teacher(ds, "a01"), "2026-11-01");
    expect(rows.map((r) => [r.entry.file, r.credit])).toEqual([
      [CHINESE, 6],
      [T02, 2],
      [T01, 1],
      [T04, 2],
      [T02, 2],
    ]);
    const byGroup = buildReviewQueue(ds, repo.scheme, teacher(ds, "a01"), "2026-11-01", { teacher: "t01" });
    expect(byGroup.map((r) => r.entry.file)).toEqual([CHINESE, T01]);
  });
});
