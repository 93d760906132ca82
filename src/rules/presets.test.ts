/** Runs every preset's YAML rule tests (rules/*.test.yaml) in CI. */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { render } from "../messages/index.js";
import { runTestFile } from "../score/testfile.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const files = readdirSync(`${root}/rules`).filter((f) => f.endsWith(".test.yaml")).sort();

describe("preset rule tests", () => {
  it("finds the preset tests", () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const f of files) {
    describe(f, () => {
      const r = runTestFile(root, `rules/${f}`, "en");
      it("compiles", () => {
        expect(r.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.check} ${render(p.message, "en")}`)).toEqual([]);
      });
      for (const c of r.cases) {
        it(`${c.name} (line ${c.line})`, () => {
          expect(c.diffs).toEqual([]);
        });
      }
    });
  }
});
