import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { EXAMPLES, exampleWidth } from "./examples.js";

describe("exampleWidth", () => {
  it("measures every example command as string-width does", () => {
    const commands = Object.values(EXAMPLES).flatMap((list) => list.map(([cmd]) => cmd));
    expect(commands.length).toBeGreaterThan(40);
    for (const cmd of commands) expect(exampleWidth(cmd), cmd).toBe(stringWidth(cmd));
  });

  it("counts wide characters twice: Chinese, full-width punctuation and letters, kana, hangul", () => {
    expect(exampleWidth("yanxiu")).toBe(6);
    expect(exampleWidth("张老师.html")).toBe(11);
    expect(exampleWidth("：，、；（）－")).toBe(14);
    expect(exampleWidth("ＡＢ12")).toBe(6);
    expect(exampleWidth("かな한글")).toBe(8);
    for (const s of ["：，、；（）－", "ＡＢ12", "かな한글", "《研修》「记录」"]) expect(exampleWidth(s), s).toBe(stringWidth(s));
  });
});
