import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readActivityFile } from "./read-files.js";
import { positionOf } from "../repo/yaml-source.js";

const dir = mkdtempSync(join(tmpdir(), "yanxiu-read-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, "records/2025-2026-1"), { recursive: true });
const first = "\uFEFFteacher: t01\nrecords:\n  - date: 2025-09-10\n    kind: 公开课\n    title: 秋天的雨\n";
const second = `teacher: t02\nrecords:\n${"  - date: 2025-10-01\n    kind: 听课\n    title: 一篇比第一个文件长得多的标题，足以盖过前一个文件读入的字节\n".repeat(3).replace(/2025-10-01/g, (d, i: number) => `2025-10-0${1 + (i % 7)}`)}`;
writeFileSync(join(dir, "records/2025-2026-1/t01.yaml"), first);
writeFileSync(join(dir, "records/2025-2026-1/t02.yaml"), second);

describe("readActivityFile", () => {
  it("keeps a fast-read file's text and positions whole after the next file is read into the same buffer", () => {
    const slow = () => {
      throw new Error("read the slow way");
    };
    const a = readActivityFile(dir, "records/2025-2026-1/t01.yaml", "records", slow);
    const b = readActivityFile(dir, "records/2025-2026-1/t02.yaml", "records", slow);
    expect(a.found.valid.map((x) => [x.title, x.origin.line])).toEqual([["秋天的雨", 3]]);
    expect(b.found.valid).toHaveLength(3);
    const src = a.loaded.source!;
    // The byte-order mark is not part of the text; the document is built only now, after t02's read.
    expect(src.text).toBe(first.slice(1));
    expect(positionOf(src, ["records", 0, "title"])).toMatchObject({ line: 5, column: 12 });
    expect(src.doc!.toJS()).toEqual(src.data);
  });
});
