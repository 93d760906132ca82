/**
 * plainItemLines must write exactly what the yaml library writes with merge.ts's settings, or
 * step aside: generated items of every kind of value (CJK, quotes, colons, #, leading and
 * trailing spaces, several lines, numbers and dates as strings, words YAML reads as true or null,
 * full-width punctuation, emoji, control characters), at every indent merge.ts uses.
 */
import { describe, expect, it } from "vitest";
import { plainItemLines } from "./item-lines.js";
import { appendPlain, libraryItemText } from "./merge.js";

/** The library's text of the item, as merge.ts writes it. */
const library = libraryItemText;

const PIECES = [
  "听课", "公开课", "第", "次", "压测", "《分数》", "（海淀）", "：", "，", "。", "、", "＃", "「", "」", "·", "—", "…", "“", "”",
  "a", "Z", "t0001", "observation", "e", "x", "yes", "no", "on", "off", "true", "True", "NULL", "null", "~", "NaN", ".inf", "-.inf",
  "0", "1", "12", "2026", "1.5", "1e3", "0x1f", "0o17", "+1", "-1", "1_000", "2026-06-29", "2026-6-1", "12:30", "3/4", "９", "١",
  " ", "  ", ": ", ":", " #", "#", "-", "- ", "? ", "?", "@", "`", "!", "%", "&", "*", "|", ">", "'", "\"", "\\", ",", "[", "]", "{", "}",
  "\n", "\t", "\r", "\u3000", "\u2028", "\u200b", "\u00e9", "e\u0301", "😀", "𠀀", "\u0007", "\ufeff", "=", "_", ".", "/", "(", ")",
];

const COMMON = PIECES.slice(0, 30).concat([" ", "12", "2026", "x"]);

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    s ^= s >>> 13;
    return (s >>> 0) / 4294967296;
  };
}

function generatedItems(n: number): Record<string, unknown>[] {
  const r = random(20261206);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  // Mostly what titles are made of, so that many items are plain; now and then anything at all.
  const text = () => Array.from({ length: 1 + Math.floor(r() * 5) }, () => pick(r() < 0.85 ? COMMON : PIECES)).join("");
  const number = () => pick([0, 1, 2, 3, 6, 12, 1.5, 0.25, 2.5, 3000, 100000, 1e21, 1e-7, -0, -1, 0.1 + 0.2, Number.NaN, Infinity]);
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const item: Record<string, unknown> = { date: r() < 0.8 ? "2026-06-29" : text(), kind: pick(["observation", "public-lesson", "reading", text()]), title: text() };
    if (r() < 0.5) item.count = number();
    if (r() < 0.2) item.hours = r() < 0.5 ? number() : text();
    if (r() < 0.2) item.level = pick(["校级", "区级", "市级", text()]);
    if (r() < 0.3) item.evidence = Array.from({ length: 1 + Math.floor(r() * 3) }, () => (r() < 0.6 ? `evidence/t0001/2026-06-29-${text()}.jpg` : text()));
    if (r() < 0.2) item.notes = text();
    if (r() < 0.03) item.flag = pick([true, false, null, { a: 1 }, ["x"], ""]);
    items.push(item);
  }
  return items;
}

describe("plainItemLines", () => {
  it("writes what the yaml library writes, at every indent, or steps aside; and takes the web form's usual items", () => {
    const items = generatedItems(4000);
    let taken = 0;
    for (const item of items) {
      const mine = plainItemLines(item);
      if (mine === undefined) continue;
      taken++;
      for (const indent of [2, 3, 4, 8]) expect(mine, JSON.stringify(item)).toBe(library(item, indent));
    }
    // Most generated values hold something only the library may write; a good share are plain.
    expect(taken).toBeGreaterThan(500);
    expect(taken).toBeLessThan(items.length);
  });

  it("the web form's items, pinned", () => {
    expect(plainItemLines({ date: "2026-06-29", kind: "observation", title: "压测听课 t0001 第1次", count: 1 }))
      .toBe("- date: 2026-06-29\n  kind: observation\n  title: 压测听课 t0001 第1次\n  count: 1\n");
    expect(plainItemLines({ date: "2026-04-16", kind: "public-lesson", title: "9月听课记录（3节）", level: "校级", hours: 1.5, evidence: ["evidence/t01/a.pdf", "evidence/t01/b 2.jpg"] }))
      .toBe("- date: 2026-04-16\n  kind: public-lesson\n  title: 9月听课记录（3节）\n  level: 校级\n  hours: 1.5\n  evidence: [evidence/t01/a.pdf, evidence/t01/b 2.jpg]\n");
  });

  it("steps aside for what YAML would read otherwise: numbers, true and null as text, a colon, a leading space, several lines", () => {
    for (const title of ["2026", "1.5", "true", "Null", "~", "a: b", " 听课", "听课 ", "听课\n第二行", "#1", "", "- x", "[x]"]) {
      expect(plainItemLines({ date: "2026-06-29", title }), title).toBeUndefined();
    }
    expect(plainItemLines({ date: "2026-06-29", count: -0 })).toBeUndefined();
    expect(plainItemLines({ date: "2026-06-29", count: 1e21 })).toBeUndefined();
    expect(plainItemLines({ date: "2026-06-29", attendance: { t01: "出勤" } })).toBeUndefined();
    expect(plainItemLines({})).toBeUndefined();
  });

  it("appendPlain writes the same file with it as with the library", () => {
    const file = "teacher: t01\nrecords:\n  - date: 2026-03-01\n    kind: observation\n    title: 三月听课\n    count: 1\n";
    const item = { date: "2026-06-29", kind: "observation", title: "压测听课 第1次", count: 1 };
    const r = appendPlain(file, { listKey: "records", ownerKey: "teacher", owner: "t01" }, item);
    expect(r?.ok && r.text).toBe(`${file}${library(item, 2).replace(/\n$/, "").split("\n").map((l) => `  ${l}`).join("\n")}\n`);
  });
});
