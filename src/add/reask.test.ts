import { describe, expect, it } from "vitest";
import type { Problem } from "../problem.js";
import { fieldsToReask } from "./reask.js";

const FILE = "records/2025-2026-2/t01.yaml";
const TEXT = [
  "teacher: t01", // 1
  "records:", // 2
  "  - date: 2026-03-05", // 3
  "    kind: observation", // 4
  "    title: 听课", // 5
  "  - date: 2026-04-09", // 6: the new item from here
  "    kind: paper", // 7
  "    title: 论文", // 8
  "    level: 镇级", // 9
  "    evidence:", // 10
  "      - evidence/t01/a.pdf", // 11
  "      - evidence/t01/b.pdf", // 12
  "",
].join("\n");
const ASKABLE = new Set(["date", "kind", "title", "level", "award", "evidence"]);
const at = (line: number, file = FILE, severity: Problem["severity"] = "error"): Problem => ({ check: "x", severity, file, line, column: 5, message: { id: "m" } });

describe("fieldsToReask", () => {
  it("names the new item's fields the errors point at, a list entry by its key", () => {
    expect(fieldsToReask([at(12), at(9), at(11)], FILE, TEXT, 7, ASKABLE)).toEqual(["evidence", "level"]);
    expect(fieldsToReask([at(6)], FILE, TEXT, 7, ASKABLE)).toEqual(["date"]);
  });

  it("nothing to re-ask for a problem above the new item, in another file, or on a field the prompts do not ask", () => {
    expect(fieldsToReask([at(4)], FILE, TEXT, 7, ASKABLE)).toBeUndefined();
    expect(fieldsToReask([at(9), at(9, "records/2025-2026-2/t02.yaml")], FILE, TEXT, 7, ASKABLE)).toBeUndefined();
    expect(fieldsToReask([at(9)], FILE, TEXT, 7, new Set(["date"]))).toBeUndefined();
    expect(fieldsToReask([], FILE, TEXT, 7, ASKABLE)).toBeUndefined();
  });

  it("warnings are not a reason to ask again", () => {
    expect(fieldsToReask([at(9, FILE, "warning"), at(7)], FILE, TEXT, 7, ASKABLE)).toEqual(["kind"]);
    expect(fieldsToReask([at(4, FILE, "warning")], FILE, TEXT, 7, ASKABLE)).toBeUndefined();
  });

  it("counts lines of a CRLF file the same way", () => {
    expect(fieldsToReask([at(8)], FILE, TEXT.replace(/\n/g, "\r\n"), 7, ASKABLE)).toEqual(["title"]);
  });
});
