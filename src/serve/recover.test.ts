import { describe, expect, it } from "vitest";
import { judgeSave, parseBatch, staleEntries, type Versions } from "./recover.js";
import { sha256, type JournalSave } from "./journal.js";

describe("git cat-file --batch's answer", () => {
  it("one entry per name: blobs with their bytes (line breaks inside kept), missing names undefined", () => {
    const a = "a".repeat(40);
    const b = "b".repeat(40);
    const out = Buffer.concat([
      Buffer.from(`${a} blob 6\nx\ny\nz\n\n`),
      Buffer.from("HEAD:records/new.yaml missing\n"),
      Buffer.from(`${b} blob 0\n\n`),
    ]);
    const got = parseBatch(out, 4);
    expect(got.map((g) => g && [g.id, g.bytes.toString()])).toEqual([[a, "x\ny\nz\n"], undefined, [b, ""], undefined]);
  });

  it("a tree where a blob was asked for is not taken as the file", () => {
    const t = "c".repeat(40);
    expect(parseBatch(Buffer.from(`${t} tree 3\nabc\n`), 1)).toEqual([undefined]);
  });
});

describe("what is left to do for a save of a killed batch", () => {
  const b = (s: string) => Buffer.from(s);
  const id = (c: string) => c.repeat(40);
  const save: JournalSave = {
    author: { name: "王老师", email: "t01@school.test" }, subject: "records: t01",
    files: [{ path: "r.yaml", sha256: sha256(b("new")), before: sha256(b("old")) }, { path: "e/photo.jpg", sha256: sha256(b("jpg")), before: null }],
  };
  const at = (record: Versions, photo: Versions) => new Map([["r.yaml", record], ["e/photo.jpg", photo]]);
  const uncommitted = { committed: false, stillHeld: false };

  it("in HEAD as made: done; an index still holding the old bytes, or missing a new file, is set", () => {
    const v = at({ head: { id: id("a"), bytes: b("new") }, index: { id: id("b"), bytes: b("old") }, disk: b("new") }, { head: { id: id("c"), bytes: b("jpg") }, disk: b("jpg") });
    expect(judgeSave(save, v, { committed: true, stillHeld: true })).toEqual({ kind: "done" });
    expect(staleEntries(save, v).map(([p, f]) => [p, f.blob])).toEqual([["r.yaml", id("a")], ["e/photo.jpg", id("c")]]);
  });

  it("placed and not committed: committed again, unless it was made on changes by hand", () => {
    const placed = at({ head: { id: id("a"), bytes: b("old") }, index: { id: id("a"), bytes: b("old") }, disk: b("new") }, { disk: b("jpg") });
    expect(judgeSave(save, placed, uncommitted)).toEqual({ kind: "placed" });
    const onHand = at({ head: { id: id("a"), bytes: b("older") }, index: { id: id("a"), bytes: b("older") }, disk: b("new") }, { disk: b("jpg") });
    expect(judgeSave(save, onHand, uncommitted)).toEqual({ kind: "left", path: "r.yaml", why: "hand" });
  });

  it("never placed: its upload goes; edited since: left and named; committed and rewound: left as moved", () => {
    const never = at({ head: { id: id("a"), bytes: b("old") }, disk: b("old") }, { disk: b("jpg") });
    expect(judgeSave(save, never, uncommitted)).toEqual({ kind: "never-placed", uploads: ["e/photo.jpg"] });
    const edited = at({ head: { id: id("a"), bytes: b("old") }, disk: b("new, then by hand") }, { disk: b("jpg") });
    expect(judgeSave(save, edited, uncommitted)).toEqual({ kind: "left", path: "r.yaml", why: "changed" });
    expect(judgeSave(save, never, { committed: true, stillHeld: false })).toEqual({ kind: "left", path: "r.yaml", why: "moved" });
  });

  it("committed, still held, but a later commit took the new photo out: undone", () => {
    const v = at({ head: { id: id("a"), bytes: b("new") }, disk: b("new") }, { disk: b("jpg") });
    expect(judgeSave(save, v, { committed: true, stillHeld: true })).toEqual({ kind: "left", path: "e/photo.jpg", why: "undone" });
  });
});
