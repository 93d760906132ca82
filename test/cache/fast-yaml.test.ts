/** The fast reader either gives up or returns exactly what the full YAML parser returns. */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
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

  it("keeps no file's text alive through the values it returns", () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    // ~16 MB of comment, then records whose titles are long enough (≥ 13 characters) that a
    // plain substring would be a view holding the whole text.
    const titles = Array.from({ length: 200 }, (_, i) => `第${i}次公开课《荷塘月色》教学反思与改进`);
    const build = () => ["# " + "注".repeat(8_000_000), "teacher: t01", "records:",
      ...titles.flatMap((t) => ["  - date: 2025-10-09", "    kind: observation", `    title: '${t}'`])].join("\n");
    gc();
    const before = process.memoryUsage().heapUsed;
    let text: string | undefined = build();
    const parsed = fastParseYaml(text)!;
    text = undefined;
    /x/.exec("x"); // V8 keeps the last regular expression match's subject (a line of the text)
    gc();
    const kept = process.memoryUsage().heapUsed - before;
    const records = parsed.data.records as { date: string; title: string }[];
    expect(records.map((r) => r.title)).toEqual(titles);
    // The text is 16 MB (two bytes a character); the data, its lines and titles well under 2 MB.
    expect(kept).toBeLessThan(2_000_000);
  });

  it("notes the lines activities cite", () => {
    const text = "# c\nteacher: t01\nrecords:\n- date: 2025-09-01\n  kind: reflection\n\n  - x\n";
    expect(fastParseYaml(text)).toBeUndefined(); // the stray "- x" is not plain: the full parser decides
    const ok = "group: g\nsessions:\n  - date: 2025-09-01\n    attendance:\n      t01: 出勤\n      t02: 请假\n  - date: 2025-09-08\n";
    const lines = fastParseYaml(ok)!.lines;
    expect(lines.get(["sessions", 0])).toBe(3);
    expect(lines.get(["sessions", 1])).toBe(7);
    expect(lines.get(["sessions", 0, "attendance", "t01"])).toBe(5);
    expect(lines.get(["sessions", 0, "attendance", "t02"])).toBe(6);
    // Only nodes two and four levels down are noted; nothing else, and no other node's line.
    expect(lines.get(["group"])).toBeUndefined();
    expect(lines.get(["sessions", 0, "date"])).toBeUndefined();
    expect(lines.get(["sessions", 0, "attendance", "t03"])).toBeUndefined();
    expect(lines.get(["sessions", 2])).toBeUndefined();
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
