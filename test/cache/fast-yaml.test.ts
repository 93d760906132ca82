/** The fast reader either gives up or returns exactly what the full YAML parser returns. */
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { fastParseYaml } from "../../src/repo/fast-yaml.js";
import { DEMO_SCHOOL, schoolFiles } from "../../src/synth/index.js";

const full = (text: string) => parseDocument(text, { uniqueKeys: true, strict: true, version: "1.2" });

function agrees(text: string): "fast" | "gave-up" {
  const fast = fastParseYaml(text);
  if (!fast) return "gave-up";
  const doc = full(text);
  expect(doc.errors).toEqual([]);
  expect(doc.warnings).toEqual([]);
  expect(fast.data).toStrictEqual(doc.toJS());
  return "fast";
}

describe("fast YAML reader", () => {
  it("reads every generated record and session file exactly as the full parser does", () => {
    let n = 0;
    for (const [path, text] of schoolFiles({ ...DEMO_SCHOOL, evidence: false })) {
      if (!/^(records|sessions)\//.test(path)) continue;
      expect(agrees(text), path).toBe("fast");
      n++;
    }
    expect(n).toBeGreaterThan(40);
  });

  it("notes the lines activities cite", () => {
    const text = "# c\nteacher: t01\nrecords:\n- date: 2025-09-01\n  kind: reflection\n\n  - x\n";
    expect(fastParseYaml(text)).toBeUndefined(); // the stray "- x" is not plain: the full parser decides
    const ok = "group: g\nsessions:\n  - date: 2025-09-01\n    attendance:\n      t01: 出勤\n      t02: 请假\n  - date: 2025-09-08\n";
    const lines = fastParseYaml(ok)!.lines;
    expect(lines.get("sessions\0" + "0")).toBe(3);
    expect(lines.get("sessions\0" + "1")).toBe(7);
    expect(lines.get(["sessions", 0, "attendance", "t02"].join("\0"))).toBe(6);
  });

  const cases: [string, "fast" | "gave-up"][] = [
    ["a: 1\nb: 1.50\nc: -3\nd: 2025-09-01\ne: true\nf: ~\ng: 标题：子标题\n", "fast"],
    ["a: 'it''s'\nb: \"q \\\" \\u4e2d\"\nc: []\nd: {}\n", "fast"],
    ["a: 标题\u3000\n", "fast"],
    ["records:\n- date: 2025-09-01\n  title: x\nteacher: t\n", "fast"],
    ["a: 007\n", "gave-up"],
    ["a: 1e3\n", "gave-up"],
    ["a: .inf\n", "gave-up"],
    ["a: 0x1f\n", "gave-up"],
    ["a: 1\na: 2\n", "gave-up"],
    ["a: &x 1\nb: *x\n", "gave-up"],
    ["a: !!str 1\n", "gave-up"],
    ["a: |\n  text\n", "gave-up"],
    ["a: [1, 2]\n", "gave-up"],
    ["a: b # comment\n", "gave-up"],
    ["a: b: c\n", "gave-up"],
    ["a: long\n  continued\n", "gave-up"],
    ["a:\tb\n", "gave-up"],
    ["a: b\r\n", "gave-up"],
    ["\"a\": b\n", "gave-up"],
    ["a:\n", "gave-up"],
    ["- a\n", "gave-up"],
    ["---\na: 1\n", "gave-up"],
    ["a: \"unterminated\n", "gave-up"],
    ["__proto__: x\n", "gave-up"],
    ["true: x\n", "gave-up"],
    // Found by the property test: the full parser drops a leading byte-order mark.
    ["\uFEFFteacher: t03\n", "gave-up"],
  ];
  for (const [text, expected] of cases) {
    it(`${expected === "fast" ? "reads" : "gives up on"} ${JSON.stringify(text)}`, () => {
      expect(agrees(text)).toBe(expected);
    });
  }
});
