import { describe, expect, it } from "vitest";
import { msg } from "../messages/index.js";
import type { Problem } from "../problem.js";
import { summaryLine } from "./problems.js";
import { formatText } from "./problems-text.js";

describe("formatText", () => {
  it("with no problems is the summary line alone (check prints that without loading this module)", () => {
    for (const lang of ["zh", "en"] as const) {
      expect(formatText([], { lang, colour: true, fileCount: 3 })).toBe(`${summaryLine([], { lang, fileCount: 3 })}\n`);
    }
    expect(formatText([], { lang: "en", colour: false, fileCount: 3 })).toBe("3 files checked, no problems ✓\n");
    expect(formatText([], { lang: "en", colour: false, fileCount: 1 })).toBe("1 file checked, no problems ✓\n");
  });

  it("puts the caret under a Chinese value by display columns", () => {
    const p: Problem = {
      file: "records/2025-2026-1/t01.yaml", line: 4, column: 11, endLine: 4, endColumn: 13, severity: "error", check: "unknown-kind",
      message: msg("path-outside-repo"), sourceLine: "  - kind: 听课x",
    };
    const lines = formatText([p], { lang: "en", colour: false }).split("\n");
    expect(lines[2]).toBe("4 |   - kind: 听课x");
    // "  - kind: " is 10 columns; 听课 is 4 columns wide: the caret starts under 听 and covers both.
    expect(lines[3]).toBe("  |           ^^^^");
  });
});
