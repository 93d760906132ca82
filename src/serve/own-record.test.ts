import { describe, expect, it } from "vitest";
import type { Activity } from "../model.js";
import { derivedRef } from "../approval/ref.js";
import { locateOwnItem, recordVersion } from "./own-record.js";

const act: Activity = { teacher: "t01", date: "2026-04-15", kind: "observation", title: "听课", count: 2, evidence: ["evidence/t01/a.jpg"], origin: { file: "records/2025-2026-2/t01.yaml", index: 3, line: 20 } } as Activity;

describe("recordVersion", () => {
  it("ignores where the record stands and the order of its keys, and sees any change of a field", () => {
    const moved = { ...act, origin: { ...act.origin, index: 0, line: 4 } };
    const reordered = Object.fromEntries(Object.entries(act).reverse()) as unknown as Activity;
    expect(recordVersion(moved)).toBe(recordVersion(act));
    expect(recordVersion(reordered)).toBe(recordVersion(act));
    expect(recordVersion({ ...act, notes: undefined })).toBe(recordVersion(act));
    expect(recordVersion({ ...act, count: 3 })).not.toBe(recordVersion(act));
    expect(recordVersion({ ...act, evidence: [] })).not.toBe(recordVersion(act));
    expect(recordVersion({ ...act, status: "退回" })).not.toBe(recordVersion(act));
    expect(recordVersion(act)).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("locateOwnItem", () => {
  const text = "teacher: t01\nrecords:\n  - date: 2026-04-15\n    kind: observation\n    title: 听课\n  - id: mine\n    date: 2026-04-16\n    kind: reflection\n    title: 反思\n";
  it("finds an item by derived ref or written id", () => {
    expect(locateOwnItem(text, "t01", derivedRef("record", "t01", "2026-04-15", "observation", "听课"))).toMatchObject({ ok: true, at: 0 });
    expect(locateOwnItem(text, "t01", "mine")).toMatchObject({ ok: true, at: 1, item: { title: "反思" } });
  });
  it("refuses another's file, an unknown ref, a ref written twice and broken YAML", () => {
    expect(locateOwnItem(text, "t02", "mine")).toEqual({ ok: false, reason: "not-yours" });
    expect(locateOwnItem(text, "t01", "nope")).toEqual({ ok: false, reason: "unknown-ref" });
    expect(locateOwnItem(text.replace("title: 听课", "title: 听课\n    id: mine"), "t01", "mine")).toEqual({ ok: false, reason: "unknown-ref" });
    expect(locateOwnItem("teacher: [", "t01", "mine")).toEqual({ ok: false, reason: "unparsable" });
  });
});
