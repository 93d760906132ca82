/**
 * Schema problems carry a catalogue message (id and data) and render in both languages. Each
 * expectation is written out by hand: line:column counted in the snippet, texts as a teacher reads them.
 */
import { describe, expect, it } from "vitest";
import { parseYaml } from "../repo/yaml-source.js";
import { render } from "../messages/index.js";
import { sortProblems, type Problem } from "../problem.js";
import { validate } from "./zod-problems.js";
import { recordFileSchema } from "./files.js";

function problems(text: string): Problem[] {
  const { source, problems: syntax } = parseYaml("records/2025-2026-1/t01.yaml", text, "zh");
  expect(syntax).toEqual([]);
  return sortProblems(validate(source, recordFileSchema).problems);
}

const shown = (p: Problem) => ({
  at: `${p.line}:${p.column} ${p.check}`,
  zh: render(p.message, "zh") + (p.hint ? ` | ${render(p.hint, "zh")}` : ""),
  en: render(p.message, "en") + (p.hint ? ` | ${render(p.hint, "en")}` : ""),
});

const RECORD = (lines: string) => `teacher: t01\nrecords:\n  - date: 2025-09-16\n    kind: reflection\n    title: 教学反思\n${lines}`;

describe("schema problems as catalogue messages", () => {
  it("a misspelt field: the closest field through the one did-you-mean entry", () => {
    const [p] = problems(RECORD("    titel: x\n"));
    expect(p!.message).toEqual({ id: "unknown-key", data: { key: "titel" } });
    expect(p!.hint).toEqual({ id: "did-you-mean", data: { guess: "title" } });
    expect(shown(p!)).toEqual({ at: "6:5 unknown-key", zh: "未知的字段「titel」 | 是不是「title」?", en: "unknown field 'titel' | did you mean 'title'?" });
  });

  it("a field nothing resembles: the fields allowed, listed", () => {
    const text = "teacher: t01\nrecords: []\nxyzzy: 1\n";
    expect(problems(text).map(shown)).toEqual([{
      at: "3:1 unknown-key",
      zh: "未知的字段「xyzzy」 | 可用的字段:$schema、teacher、records",
      en: "unknown field 'xyzzy' | allowed fields: $schema, teacher, records",
    }]);
  });

  it("a missing field, a number in hexadecimal, full-width digits, a word not in the list", () => {
    // line 3 "  - date: 2025-09-16": the item starts at column 5; line 4 "    hours: 0x10": the value at column 12
    const text = "teacher: t01\nrecords:\n  - date: 2025-09-16\n    hours: 0x10\n    kind: reflection\n    count: \"３\"\n    level: planet\n";
    expect(problems(text).map(shown)).toEqual([
      { at: "3:5 missing-field", zh: "缺少必填字段「title」 | 加上 title: …", en: "required field 'title' is missing | add 'title: …'" },
      { at: "4:12 number-format", zh: "「hours」必须写成普通的十进制数,不能写 0x10(十六进制) | 写成 16", en: "'hours' must be a plain decimal number, not 0x10 (hexadecimal) | write 16" },
      { at: "6:12 field-type", zh: "「count」应为数字,实际是 string \"３\" | 这是全角数字,请改成半角:3", en: "'count' must be a number, not string \"３\" | these are full-width digits: write 3" },
      {
        at: "7:12 field-value",
        zh: "「level」的值 \"planet\" 不在允许范围内 | 可用的值:school、校级、校、cluster、片级、片、片区、district、区县级、区县、区级、县级、区、县、city、市级、市、province、省级、省",
        en: "'level' cannot be \"planet\" | allowed values: school, 校级, 校, cluster, 片级, 片, 片区, district, 区县级, 区县, 区级, 县级, 区, 县, city, 市级, 市, province, 省级, 省",
      },
    ]);
  });

  it("ranges: an empty title, an empty evidence list, hours not above 0", () => {
    const text = "teacher: t01\nrecords:\n  - date: 2025-09-16\n    kind: reflection\n    title: \"\"\n    evidence: []\n    hours: -2\n";
    expect(problems(text).map(shown)).toEqual([
      { at: "5:12 field-range", zh: "「title」不能为空", en: "'title' is empty" },
      { at: "6:15 field-range", zh: "「evidence」不能为空 | 至少列出一项,或删除「evidence」这一行", en: "'evidence' is empty | list at least one, or delete the 'evidence' line" },
      { at: "7:12 field-range", zh: "「hours」应大于 0,实际是 number -2 | 写一个正数", en: "'hours' must be more than 0, not number -2 | write a positive number" },
    ]);
    expect(problems(text)[2]!.message).toEqual({ id: "field-range", data: { field: "hours", bound: "more-than", limit: "0", actual: "number -2" } });
  });

  it("dates: not a date, a day that does not exist", () => {
    expect(problems("teacher: t01\nrecords:\n  - date: 2025年9月1日\n    kind: reflection\n    title: x\n").map(shown)).toEqual([
      { at: "3:11 date", zh: "「date」不是日期:\"2025年9月1日\" | 日期写成 2025-09-12 的形式", en: "'date' is not a date: \"2025年9月1日\" | write dates as 2025-09-12" },
    ]);
    expect(problems("teacher: t01\nrecords:\n  - date: 2025-09-31\n    kind: reflection\n    title: x\n").map(shown)).toEqual([
      { at: "3:11 date", zh: "日期不存在:2025-09-31 | 检查月份和日子(比如 2 月没有 30 日)", en: "no such date: 2025-09-31 | check the month and day (February has no 30th)" },
    ]);
  });

  it("an id with a space: what ids may hold, and how to choose one", () => {
    expect(problems("teacher: li na\nrecords: []\n").map(shown)).toEqual([{
      at: "1:10 id",
      zh: "编号 \"li na\" 只能用字母、数字、点、下划线或连字符 | 用拼音或工号作编号,如 t01、zhangli",
      en: "id \"li na\" may use only letters, digits, '.', '_' and '-' | use pinyin or a staff number, such as t01 or zhangli",
    }]);
  });
});
