import { describe, expect, it } from "vitest";
import { findTypingMistakes } from "./typing-mistakes.js";
import { applyFixes } from "./apply-fixes.js";

const fixed = (text: string) => applyFixes(text, findTypingMistakes(text).map((m) => m.fix)).text;
const found = (text: string) => findTypingMistakes(text).map((m) => [m.check, text.slice(m.start, m.end)]);

describe("typing mistakes", () => {
  it("a full-width colon after a key: on the colon, fixed to ': '", () => {
    expect(found("kind：reflection\n")).toEqual([["full-width-syntax", "："]]);
    expect(fixed("kind：reflection\n")).toBe("kind: reflection\n");
    expect(fixed("  - kind： reflection\n")).toBe("  - kind: reflection\n");
  });

  it("full-width commas and brackets in a flow list, the list rewritten once", () => {
    expect(found("groups: [math，arts、science]\n")).toEqual([["full-width-syntax", "，arts、"]]);
    expect(fixed("groups: [math，arts、science]\n")).toBe("groups: [math, arts, science]\n");
    expect(fixed("groups: ［math，arts］\n")).toBe("groups: [math, arts]\n");
    // Inside quotes a comma is text; so it is between Chinese words.
    expect(found('groups: ["a，b", c]\n')).toEqual([]);
    expect(found("- { id: echo, label: 三个一(心得、汇报或移植课), kinds: [a，b] }\n")).toEqual([["full-width-syntax", "，"]]);
  });

  it("U+3000 indentation becomes two spaces each; a full-width dash becomes the list dash", () => {
    expect(fixed("a:\n\u3000\u3000b: 1\n")).toBe("a:\n    b: 1\n");
    expect(fixed("x:\n  － a: 1\n  －\u3000b: 2\n")).toBe("x:\n  - a: 1\n  - b: 2\n");
  });

  it("an unquoted value holding ': ' is quoted, escaping what needs it", () => {
    expect(fixed("title: 区级培训: 新课标\n")).toBe('title: "区级培训: 新课标"\n');
    expect(fixed('title: 讲座: "双减" 与 a\\b   # 注释\n')).toBe('title: "讲座: \\"双减\\" 与 a\\\\b"   # 注释\n');
    // Full-width colons inside a value are text; so is a quoted value; so is a URL.
    expect(found("title: 培训：新课标\nnotes: 'a: b'\nevidence: https://x.cn/a\n")).toEqual([]);
  });

  it("comments and the lines of a block scalar are text, left alone", () => {
    expect(found("# kind：x\nnotes: |\n  要点：一、二\n  kind：正文\nkind: a\n")).toEqual([]);
  });

  it("a file with lone CR line endings: said once, fixed to LF, and its lines read as if it were", () => {
    const text = "teacher: t01\rrecords:\r  - kind：x\r";
    expect(findTypingMistakes(text).map((m) => m.check)).toEqual(["line-endings", "full-width-syntax"]);
    expect(applyFixes(text, [findTypingMistakes(text)[0]!.fix]).text).toBe("teacher: t01\nrecords:\n  - kind：x\n");
  });
});
