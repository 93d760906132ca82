import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CATALOGUE, clashingIds, msg, render, showProblem } from "./index.js";
import { withCatalogue } from "./doc.js";
import type { Entry } from "./catalogue.js";

const SRC = fileURLToPath(new URL("..", import.meta.url));
const DOC = fileURLToPath(new URL("../../docs/check.md", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [join(dir, e.name)] : []);
}

describe("the message catalogue", () => {
  it("gives no id twice across its areas", () => {
    expect(clashingIds()).toEqual([]);
  });

  it("is what docs/check.md shows, message by message in both languages (npm run docs:messages rewrites it)", () => {
    const doc = readFileSync(DOC, "utf8");
    expect(withCatalogue(doc)).toBe(doc);
  });

  it("has no message that nothing in src/ uses", () => {
    const code = sourceFiles(SRC).filter((f) => !f.includes(`${join("src", "messages")}`)).map((f) => readFileSync(f, "utf8")).join("\n");
    const unused = Object.keys(CATALOGUE).filter((id) => !code.includes(`"${id}"`));
    expect(unused).toEqual([]);
  });

  it("renders every message in both languages: its own words Chinese in zh, and none Chinese in en", () => {
    const strings = (v: unknown): string[] =>
      typeof v === "string" ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === "object" ? Object.values(v).flatMap(strings) : [];
    // The data (a title, a teacher's name) may be Chinese in either language: judge only the words around it.
    const own = (text: string, example: unknown) => strings(example).sort((a, b) => b.length - a.length).reduce((s, x) => (x ? s.split(x).join("") : s), text);
    for (const [id, e] of Object.entries(CATALOGUE as Record<string, Entry<unknown>>)) {
      expect(own(e.zh(e.example), e.example), id).toMatch(/[\u4e00-\u9fff]/);
      expect(own(e.en(e.example), e.example), id).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe("render and showProblem", () => {
  it("render a message by id in the language asked for, and pass a plain string through", () => {
    expect(render(msg("path-outside-repo.folder-hint"), "zh")).toBe("把文件本身放进仓库");
    expect(render(msg("path-outside-repo.folder-hint"), "en")).toBe("put the files themselves in the repository");
    expect(render("as written", "en")).toBe("as written");
  });

  it("gives the formatter the message and hint as text, keeping the id for --format json", () => {
    const shown = showProblem({ check: "path-outside-repo", severity: "error", file: "records", line: 0, column: 0,
      message: msg("path-outside-repo.folder"), hint: msg("path-outside-repo.folder-hint") }, "en");
    expect(shown).toEqual({ check: "path-outside-repo", severity: "error", file: "records", line: 0, column: 0,
      message: "this folder is a symbolic link that points outside the repository; its files are not read",
      hint: "put the files themselves in the repository", messageId: "path-outside-repo.folder" });
  });
});
