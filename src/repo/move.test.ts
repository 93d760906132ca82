import { afterEach, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { moveFile, type MoveResult } from "./move.js";
import { nodeFs } from "./fs.js";
import { removeDir, tempDir } from "../../test/helpers/temp-repo.js";
import { faultyFs } from "../../test/helpers/faulty-fs.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const FROM = "records/2025-2026-1/t01.yaml";
const TO = "records/2025-2026-2/t01.yaml";
const TEXT = "# 手写的注释\nteacher: t01\nrecords:\n  - date: 2026-03-02\n    kind: reflection\n    title: 反思\n";

/** A repository with the file to move (its target folder not yet made). */
function repo(): string {
  const d = tempDir();
  dirs.push(d);
  mkdirSync(join(d, "records/2025-2026-1"), { recursive: true });
  writeFileSync(join(d, FROM), TEXT);
  return d;
}

const isText = (b: Uint8Array) => Buffer.from(b).toString("utf8") === TEXT;
const read = (d: string, f: string) => (existsSync(join(d, f)) ? readFileSync(join(d, f), "utf8") : undefined);
const locksLeft = (d: string) => (existsSync(join(d, ".yanxiu-cache/locks")) ? readdirSync(join(d, ".yanxiu-cache/locks")) : []);

describe("moveFile", () => {
  it("moves the file byte for byte into a folder it makes, and leaves no lock", () => {
    const d = repo();
    expect(moveFile({ root: d, from: FROM, to: TO, expected: isText })).toEqual({ ok: true });
    expect(read(d, FROM)).toBeUndefined();
    expect(read(d, TO)).toBe(TEXT);
    expect(locksLeft(d)).toEqual([]);
  });

  it("never overwrites: a target that exists is refused and both files stay byte for byte", () => {
    const d = repo();
    mkdirSync(join(d, "records/2025-2026-2"));
    writeFileSync(join(d, TO), "teacher: t01\nrecords: []\n");
    expect(moveFile({ root: d, from: FROM, to: TO, expected: isText })).toEqual({ ok: false, reason: "refused", refusal: "target-exists" });
    expect(read(d, FROM)).toBe(TEXT);
    expect(read(d, TO)).toBe("teacher: t01\nrecords: []\n");
  });

  it("a target made in the instant before the link is not overwritten either (link fails with EEXIST)", () => {
    const d = repo();
    const fs = faultyFs({}, {
      linkSync: (a, b) => {
        writeFileSync(b, "made meanwhile\n");
        nodeFs.linkSync(a, b);
      },
    });
    expect(moveFile({ root: d, from: FROM, to: TO, expected: isText, fs })).toEqual({ ok: false, reason: "refused", refusal: "target-exists" });
    expect(read(d, FROM)).toBe(TEXT);
    expect(read(d, TO)).toBe("made meanwhile\n");
  });

  it("a file that is not the text checked is left where it is", () => {
    const d = repo();
    expect(moveFile({ root: d, from: FROM, to: TO, expected: () => false })).toEqual({ ok: false, reason: "refused", refusal: "changed" });
    expect(read(d, FROM)).toBe(TEXT);
    expect(existsSync(join(d, "records/2025-2026-2"))).toBe(false);
  });

  it("refuses a symbolic link and a missing file", () => {
    const d = repo();
    symlinkSync("t01.yaml", join(d, "records/2025-2026-1/t02.yaml"));
    expect(moveFile({ root: d, from: "records/2025-2026-1/t02.yaml", to: "records/2025-2026-2/t02.yaml", expected: () => true }))
      .toEqual({ ok: false, reason: "not-a-file", kind: "symlink" });
    expect(moveFile({ root: d, from: "records/2025-2026-1/t09.yaml", to: "records/2025-2026-2/t09.yaml", expected: () => true }))
      .toEqual({ ok: false, reason: "refused", refusal: "missing" });
    expect(existsSync(join(d, "records/2025-2026-2"))).toBe(false);
  });

  it("a file system without hard links: reported, nothing changed", () => {
    const d = repo();
    const r = moveFile({ root: d, from: FROM, to: TO, expected: isText, fs: faultyFs({ when: (c) => c.op === "linkSync", code: "EPERM" }) });
    expect(r).toEqual({ ok: false, reason: "io", step: "link", code: "EPERM", moved: false });
    expect(read(d, FROM)).toBe(TEXT);
    expect(existsSync(join(d, "records/2025-2026-2"))).toBe(false);
  });

  /** An editor saving the file after the link, before the old name is removed: during the new folder's flush. */
  const editorSaves = (d: string, save: (path: string) => void) => {
    let saved = false;
    return faultyFs({}, {
      fsyncSync: (fd) => {
        if (!saved && existsSync(join(d, TO))) {
          saved = true;
          save(join(d, FROM));
        }
        nodeFs.fsyncSync(fd);
      },
    });
  };

  it("an editor saving in place after the link: not moved, the edit kept at the old name", () => {
    const d = repo();
    const fs = editorSaves(d, (p) => writeFileSync(p, TEXT + "  # 编辑器加的一行\n"));
    expect(moveFile({ root: d, from: FROM, to: TO, expected: isText, fs })).toEqual({ ok: false, reason: "refused", refusal: "changed" });
    expect(read(d, FROM)).toBe(TEXT + "  # 编辑器加的一行\n");
    expect(existsSync(join(d, TO))).toBe(false);
    expect(existsSync(join(d, "records/2025-2026-2"))).toBe(false);
  });

  it("an editor saving by renaming a new file over the old name: not moved, the edit kept", () => {
    const d = repo();
    const fs = editorSaves(d, (p) => {
      writeFileSync(`${p}.swp`, "teacher: t01\nrecords: []\n");
      renameSync(`${p}.swp`, p);
    });
    expect(moveFile({ root: d, from: FROM, to: TO, expected: isText, fs })).toEqual({ ok: false, reason: "refused", refusal: "changed" });
    expect(read(d, FROM)).toBe("teacher: t01\nrecords: []\n");
    expect(existsSync(join(d, TO))).toBe(false);
  });

  it("the old name removed by someone after the link: the new name, the only copy, stays", () => {
    const d = repo();
    const fs = editorSaves(d, (p) => unlinkSync(p));
    expect(moveFile({ root: d, from: FROM, to: TO, expected: isText, fs })).toEqual({ ok: true });
    expect(read(d, TO)).toBe(TEXT);
  });

  describe("every call failing in turn", () => {
    const calls = (() => {
      const d = repo();
      const fs = faultyFs();
      moveFile({ root: d, from: FROM, to: TO, expected: isText, fs });
      return fs.calls;
    })();

    it("reads, links, flushes the new folder, reads again, unlinks the old name, flushes the old folder", () => {
      // Lock files aside; fsync/close name the folder opened.
      const steps = calls.filter((c) => !c.path?.includes(".yanxiu-cache")).map((c) => `${c.op} ${c.path!.replace(/^.*?(records)/, "$1")}`);
      expect(steps).toEqual([
        `lstatSync ${FROM}`, `readFileSync ${FROM}`, `lstatSync ${TO}`, "lstatSync records/2025-2026-2",
        "mkdirSync records/2025-2026-2", `linkSync ${TO}`,
        "openSync records/2025-2026-2", "fsyncSync records/2025-2026-2", "closeSync records/2025-2026-2",
        `lstatSync ${FROM}`, `readFileSync ${FROM}`, `unlinkSync ${FROM}`,
        "openSync records/2025-2026-1", "fsyncSync records/2025-2026-1", "closeSync records/2025-2026-1",
      ]);
    });

    for (let at = 0; at < calls.length; at++) {
      it(`call ${at} (${calls[at]!.op}) failing: the file is at one name only, whole, and nothing else is left`, () => {
        const d = repo();
        const r: MoveResult = moveFile({ root: d, from: FROM, to: TO, expected: isText, fs: faultyFs({ at, code: "EIO" }) });
        const moved = r.ok || (r.reason === "io" && r.moved);
        if (moved) {
          expect(read(d, FROM)).toBeUndefined();
          expect(read(d, TO)).toBe(TEXT);
        } else {
          expect(read(d, FROM)).toBe(TEXT);
          expect(existsSync(join(d, "records/2025-2026-2"))).toBe(false);
        }
        // A lock whose removal failed is taken over later as stale; any other failure leaves none.
        if (calls[at]!.op !== "unlinkSync" || !calls[at]!.path!.endsWith(".lock")) expect(locksLeft(d)).toEqual([]);
      });
    }
  });
});
