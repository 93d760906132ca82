import { describe, expect, it } from "vitest";
import { findTabIndents } from "./tab-indent.js";

const lines = (...l: string[]) => l.join("\n") + "\n";

describe("findTabIndents", () => {
  it("finds nothing in a file without tabs, before comments or on blank lines", () => {
    expect(findTabIndents(lines("teacher: t02", "records: []"))).toBeUndefined();
    expect(findTabIndents(lines("teacher: t02", "\t# a note", "\t", "records: []"))).toBeUndefined();
  });

  it("leaves a tab inside a block scalar's text alone (after the block's own spaces it is text)", () => {
    expect(findTabIndents(lines("notes: |", "  one", "  \ttwo", "teacher: t02"))).toBeUndefined();
  });

  it("a tab among keys indented by 4: 4 spaces, the only width under which the record reads", () => {
    // Line 5 starts at 12 + 1 + 8 + 1 + 20 + 1 + 21 + 1 = 65 ("teacher: t02", "records:", "  - date: 2025-09-16", "    kind: observation").
    const text = lines("teacher: t02", "records:", "  - date: 2025-09-16", "    kind: observation", "\ttitle: x", "    count: 1");
    const r = findTabIndents(text)!;
    expect(r.unclear).toBe(false);
    expect(r.tabs).toEqual([{ line: 5, column: 1, start: 65, end: 66, spaces: 4, fixedLine: "title: x", fix: { range: [65, 66], text: "    " } }]);
    expect(r.readAs).toBe(text.replace("\ttitle", "    title"));
  });

  it("a file indented one tab a level: tabs 2 wide (4 would put kind under date's value), a tab and spaces to the next stop", () => {
    const r = findTabIndents(lines("teacher: t02", "records:", "\t- date: 2025-09-16", "\t  kind: observation", "\t- date: 2025-09-17", "\t\tkind: x"))!;
    expect(r.tabs.map((t) => [t.line, t.spaces, t.fix?.text])).toEqual([[3, 2, "  "], [4, 4, "    "], [5, 2, "  "], [6, 4, "    "]]);
  });

  it("the caret on the first tab, after the spaces before it", () => {
    const r = findTabIndents(lines("records:", "  - date: 2025-09-16", "  \tkind: x"))!;
    expect(r.tabs).toMatchObject([{ line: 3, column: 3, spaces: 4 }]);
  });

  it("a block scalar's text indented with tabs: the widths that read alike, the file's own step (2) preferred", () => {
    const r = findTabIndents(lines("notes: |", "\tline one", "\tline two"))!;
    expect(r.unclear).toBe(false);
    expect(r.tabs.map((t) => t.spaces)).toEqual([2, 2]);
  });

  it("two readings with different data (a second paragraph, or text indented within the notes): no fix", () => {
    // "    \t" is 6 columns with tabs 2 wide (the notes' own indentation) and 8 with 4 or 8 (two more spaces of text).
    const r = findTabIndents(lines("records:", "  - title: x", "    notes: |", "      one", "    \ttwo"))!;
    expect(r.unclear).toBe(true);
    // Line 5 starts at 9 + 13 + 13 + 10 = 45 ("records:", "  - title: x", "    notes: |", "      one"); its indentation is 5 long.
    expect(r.tabs).toEqual([{ line: 5, column: 5, start: 45, end: 50 }]);
  });

  it("each line judged with the widths above it: a tab 4 wide for a field, then tabs 2 wide for an item, and no item swallowed by the notes above", () => {
    const r = findTabIndents(lines("records:", "  - date: 2025-09-16", "\ttitle: x", "    notes: |", "      one", "\t- date: 2025-09-20", "\t  kind: y"))!;
    expect(r.unclear).toBe(false);
    // Line 6 at 8 would read as text of the notes (no syntax error either): a list item is not meant as notes.
    expect(r.tabs.map((t) => [t.line, t.spaces])).toEqual([[3, 4], [6, 2], [7, 4]]);
  });

  it("judges widths on the text with other typing mistakes repaired, line for line", () => {
    const written = lines("records:", "  - date: 2025-09-16", "    kind：x", "\ttitle: y");
    const repaired = written.replace("：", ": ");
    const r = findTabIndents(written, repaired)!;
    expect(r.tabs).toMatchObject([{ line: 4, spaces: 4, start: written.indexOf("\t") }]);
    expect(r.readAs).toBe(repaired.replace("\t", "    "));
  });
});
