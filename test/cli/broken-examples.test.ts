/**
 * examples/broken/: each file says where it goes in the demo school (`# place:`) and exactly
 * which problems check must then report (`# expect: line:col severity check`, one per line).
 */
import { copyFileSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { copyDemoSchool, REPO_ROOT, removeDir } from "../helpers/temp-repo.js";

const BROKEN = join(REPO_ROOT, "examples/broken");
const made: string[] = [];
afterAll(() => made.forEach(removeDir));

function header(text: string) {
  const place = /^# place: (.+)$/m.exec(text)?.[1];
  const expected = [...text.matchAll(/^# expect: (\d+:\d+ \w+ [\w-]+)$/gm)].map((m) => m[1]);
  // Words a message or hint must hold, per language (`# says: zh …`).
  const says = [...text.matchAll(/^# says: (zh|en) (.+)$/gm)].map((m) => ({ lang: m[1]!, words: m[2]! }));
  return { place, expected, says };
}

describe("the demo school is clean", () => {
  it("yanxiu check examples/demo-school exits 0 with no problems", async () => {
    const r = await runCli(["check", join(REPO_ROOT, "examples/demo-school"), "--format", "json"]);
    expect(JSON.parse(r.stdout).problems).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe("every broken example yields exactly its expected problem", () => {
  const files = readdirSync(BROKEN).filter((f) => f.endsWith(".yaml")).sort();
  it("there are broken examples", () => expect(files.length).toBeGreaterThanOrEqual(10));
  for (const f of files) {
    it(f, async () => {
      const { place, expected, says } = header(readFileSync(join(BROKEN, f), "utf8"));
      expect(place, "a # place: line").toBeTruthy();
      expect(expected.length, "at least one # expect: line").toBeGreaterThan(0);
      const dir = copyDemoSchool();
      made.push(dir);
      copyFileSync(join(BROKEN, f), join(dir, place!));
      const r = await runCli(["check", dir, "--format", "json"]);
      const got = JSON.parse(r.stdout).problems.map(
        (p: { line: number; column: number; severity: string; check: string; file: string }) => {
          expect(p.file).toBe(place);
          return `${p.line}:${p.column} ${p.severity} ${p.check}`;
        },
      );
      expect(got).toEqual(expected);
      expect(r.code).toBe(expected.some((e) => e.includes(" error ")) ? 1 : 0);
      // The same problems in English, and each language's words where the file asks for them.
      const en = await runCli(["check", dir, "--format", "json", "--lang", "en"]);
      const problemsEn = JSON.parse(en.stdout).problems as { line: number; column: number; severity: string; check: string; message: string; hint?: string }[];
      expect(problemsEn.map((p) => `${p.line}:${p.column} ${p.severity} ${p.check}`)).toEqual(expected);
      const said = { zh: JSON.parse(r.stdout).problems, en: problemsEn } as Record<string, { message: string; hint?: string }[]>;
      for (const s of says) {
        expect(said[s.lang]!.map((p) => `${p.message} / ${p.hint ?? ""}`).join("\n"), `${s.lang}: ${s.words}`).toContain(s.words);
      }
    });
  }
});
