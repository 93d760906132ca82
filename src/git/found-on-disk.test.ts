import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { blobId, foundCommit, parseLsTree } from "./found-on-disk.js";

const server = { name: "yanxiu serve", email: "yanxiu-serve@localhost" };
const teacher = { name: "王老师", email: "t01@school.test" };
const bytes = (s: string) => Buffer.from(s, "utf8");

describe("changes found on disk", () => {
  it("a blob's id is git's own, in SHA-1 and SHA-256 repositories", () => {
    const text = "teacher: t01\nrecords: []\n";
    expect(blobId(bytes(text), "sha1")).toBe(execFileSync("git", ["hash-object", "--stdin"], { input: text, encoding: "utf8" }).trim());
    // Known values: the empty blob.
    expect(blobId(bytes(""), "sha1")).toBe("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    expect(blobId(bytes(""), "sha256")).toBe("473a0f4c3be8a93681a267e3b1e9a7dcda1185436fe141f7749120a303721813");
  });

  it("reads ls-tree's entries, paths with spaces and Chinese kept whole, trees skipped", () => {
    const a = "a".repeat(40);
    const out = `100644 blob ${a}\trecords/2025-2026-2/t01.yaml\x00100644 blob ${"b".repeat(40)}\tevidence/t01/听课 记录.txt\x00040000 tree ${"c".repeat(40)}\trecords\x00`;
    expect([...parseLsTree(out)]).toEqual([["records/2025-2026-2/t01.yaml", a], ["evidence/t01/听课 记录.txt", "b".repeat(40)]]);
  });

  it("only files whose base HEAD does not hold go in, as their base, by the server", () => {
    const same = bytes("as committed\n");
    const edited = bytes("as committed\n# fixed by hand\n");
    const commits = [
      { author: teacher, subject: "records: t01", files: [{ path: "r/t01.yaml", bytes: bytes("new"), base: same }] },
      { author: teacher, subject: "records: t02", files: [{ path: "r/t02.yaml", bytes: bytes("new"), base: edited }, { path: "e/t02/photo.jpg", bytes: bytes("jpg"), base: null }] },
      { author: teacher, subject: "records: t03", files: [{ path: "r/t03.yaml", bytes: bytes("new") }] },
    ];
    const inHead = new Map([["r/t01.yaml", blobId(same, "sha1")], ["r/t02.yaml", blobId(same, "sha1")], ["r/t03.yaml", blobId(same, "sha1")]]);
    const found = foundCommit(commits, inHead, "sha1", server)!;
    expect(found.author).toEqual(server);
    expect(found.files).toEqual([{ path: "r/t02.yaml", bytes: edited }]);
    expect(found.subject.split("\n")[0]).toBe("Changes found on disk, not committed by whoever made them: r/t02.yaml");
    // A file made by hand that HEAD does not have goes in too; nothing differing, no commit.
    expect(foundCommit([commits[0]!], new Map(), "sha1", server)!.files.map((f) => f.path)).toEqual(["r/t01.yaml"]);
    expect(foundCommit([commits[0]!, commits[2]!], inHead, "sha1", server)).toBeUndefined();
  });
});
