/**
 * Properties over generated input: `check` survives any bytes; the fast YAML reader never
 * disagrees with the full parser; scores do not depend on how records are ordered or filed,
 * and under rules without deductions an approved record never lowers a total.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/temp-repo.js";
import { runCli } from "../helpers/run-cli.js";
import { fastParseYaml } from "../../src/repo/fast-yaml.js";
import { loadRepo } from "../../src/pipeline/load.js";
import { scoreDataset } from "../../src/score/evaluate.js";
import type { Activity, Dataset } from "../../src/model.js";
import type { Scheme } from "../../src/rules/types.js";
import type { Period } from "../../src/score/types.js";
import { HOSTILE_FILE, school } from "./school.js";

/** Pieces a YAML-ish file is built from: real syntax, broken syntax, tags, aliases, odd characters. */
const YAMLISH = fc
  .array(
    fc.constantFrom(
      "teacher: t03", "records:", "\n", "\r\n", "  ", "    ", "\t", "- ", "date: ", "2025-10-09", "2026-02-30", "kind: ",
      "observation", "reflection", "title: ", "听课《荷塘月色》", "count: ", "hours: ", "1", "-2", ".nan", ".inf", "１２", "1e309",
      "[", "]", "{", "}", ",", ":", ": ", "\"", "'", "#", "---", "...", "&a ", "*a", "*b", "<<: ", "!!js/function ", "!!python/object ",
      "!<tag:yaml.org,2002:js/undefined> ", "|", ">", "?", "@", "%YAML 1.1", "\ufeff", "\u0085", "\u2028", "null", "~", "evidence: ",
      "../x", "/etc/passwd", "yes", "0x10", "0o7", "12:30", "张", "𠀀",
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(""));

const SAFE_EXIT = [0, 1, 2];

async function checkWith(content: string | Uint8Array) {
  const dir = school({ [HOSTILE_FILE]: content });
  const r = await runCli(["check", dir, "--format", "json", "--lang", "en"]);
  return r;
}

describe("check never throws", () => {
  it("whatever bytes a record file holds", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const r = await checkWith(bytes);
        expect(SAFE_EXIT).toContain(r.code);
        expect(r.stderr).toBe("");
        expect(() => JSON.parse(r.stdout)).not.toThrow();
      }),
      { numRuns: 40 },
    );
  });

  it("whatever YAML-ish text a record file holds", async () => {
    await fc.assert(
      fc.asyncProperty(YAMLISH, async (text) => {
        const r = await checkWith(text);
        expect(SAFE_EXIT).toContain(r.code);
        expect(r.stderr).toBe("");
        const out = JSON.parse(r.stdout) as { problems: { file: string; line: number; column: number }[] };
        // Every position is a real place (or 0:0 for the whole file).
        for (const p of out.problems) {
          expect(p.line).toBeGreaterThanOrEqual(0);
          expect(p.column).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 80 },
    );
  });

  it("whatever YAML-ish text the roster, config or rule file holds", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("roster.yaml", "yanxiu.yaml", "rules/school.yaml"), YAMLISH, async (file, text) => {
        const dir = school({ [file]: text });
        const r = await runCli(["check", dir, "--format", "json", "--lang", "en"]);
        expect(SAFE_EXIT).toContain(r.code);
        expect(r.stderr).not.toMatch(/internal error|^\s{4}at /m);
      }),
      { numRuns: 40 },
    );
  });
});

describe("the fast YAML reader (src/cache) agrees with the full parser or gives up", () => {
  it("on YAML-ish text", () => {
    fc.assert(
      fc.property(YAMLISH, (text) => {
        const fast = fastParseYaml(text);
        if (!fast) return;
        const doc = parseDocument(text, { uniqueKeys: true, strict: true, version: "1.2" });
        expect(doc.errors).toEqual([]);
        expect(doc.warnings).toEqual([]);
        expect(fast.data).toStrictEqual(doc.toJS());
      }),
      { numRuns: 400 },
    );
  });

  it("on record files made of plausible lines", () => {
    const line = fc.constantFrom(
      "  - date: 2025-10-09", "    kind: observation", "    title: 听课", "    title: '听课 # 1'", "    title: \"a: b\"", "    count: 3",
      "    hours: 1.5", "    hours: 1e3", "    hours: .5", "    count: 0x10", "    count: +3", "    title: yes", "    title: null",
      "    title: ~", "    notes: |", "      多行", "    title: 2025-10-09", "    evidence: [a.pdf, b.pdf]", "    evidence:", "      - a.pdf",
      "    title: 12:30", "    title: -", "    title: a #b", "    title: a#b", "    title: 'it''s'", "    title: \"\\u00e9\"", "# comment",
      "", "    count: 010", "    count: 1_000", "    title: .inf", "    title: -.Inf", "    title: 1.", "    title: !x y",
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const text = ["teacher: t03", "records:", ...lines, ""].join("\n");
        const fast = fastParseYaml(text);
        if (!fast) return;
        const doc = parseDocument(text, { uniqueKeys: true, strict: true, version: "1.2" });
        expect(doc.errors).toEqual([]);
        expect(fast.data).toStrictEqual(doc.toJS());
      }),
      { numRuns: 400 },
    );
  });
});

// ---- scores ---------------------------------------------------------------------------

/** A scheme without deductions: per-record credit, tiers without shortfall, tables, hours, caps. */
const NO_DEDUCTIONS = [
  "scheme: { id: plain, name: 无扣分方案, period: year }",
  "kinds:",
  "  - { id: observation, fields: [count] }",
  "  - { id: reflection }",
  "  - { id: paper, fields: [level, award] }",
  "  - { id: training, fields: [hours] }",
  "categories:",
  "  - { id: study, cap: 12 }",
  "items:",
  "  - { id: observe, kinds: [observation], per: term, tiers: [{ atLeast: 3, credit: 2 }, { atLeast: 6, credit: 5 }] }",
  "  - { id: reflect, kinds: [reflection], category: study, each: 1, cap: 4 }",
  "  - { id: train, kinds: [training], category: study, hours: { factor: 1 }, cap: 10 }",
  "  - id: paper",
  "    kinds: [paper]",
  "    table: { by: [level, award], values: { school: { first: 3, second: 2, third: 1 }, city: { first: 7, second: 6, third: 5, published: 4 } } }",
  "    cap: 10",
  "requirements:",
  "  - { id: total, total: true, minimum: 20 }",
  "",
].join("\n");

const ROSTER3 = "teachers:\n  - { id: t01, name: 甲 }\n  - { id: t02, name: 乙 }\n  - { id: t03, name: 丙 }\n";

function schemeAndDataset(rules: string): { scheme: Scheme; dataset: Dataset } {
  const dir = school({ "rules/school.yaml": rules, "roster.yaml": ROSTER3, "records/2025-2026-1/t01.yaml": null, "records/2025-2026-1/t02.yaml": null });
  const repo = loadRepo(dir);
  const problems = [...repo.problems, ...repo.files.flatMap((f) => f.problems)];
  expect(problems).toEqual([]);
  return { scheme: repo.scheme!, dataset: repo.dataset! };
}

const YEAR: Period = { type: "year", id: "2025-2026", start: "2025-09-01", end: "2026-08-31" };

/** Activities with every field filled, so that any kind of any scheme can use them. */
function activityArb(kinds: string[]) {
  return fc.record({
    teacher: fc.constantFrom("t01", "t02", "t03"),
    date: fc.integer({ min: 0, max: 364 }).map((d) => new Date(Date.UTC(2025, 8, 1 + d)).toISOString().slice(0, 10)),
    kind: fc.constantFrom(...kinds),
    title: fc.constantFrom("甲", "乙", "丙", "丁"),
    hours: fc.constantFrom(0.5, 1, 2, 3, 8),
    level: fc.constantFrom("school", "cluster", "district", "city", "province"),
    award: fc.constantFrom("first", "second", "third", "published"),
    role: fc.constantFrom("lead", "participant"),
    stage: fc.constantFrom("approved", "concluded"),
    count: fc.integer({ min: 1, max: 12 }),
    words: fc.integer({ min: 0, max: 6000 }),
    score: fc.integer({ min: 0, max: 10 }),
    status: fc.constantFrom("approved", "verified"),
  });
}

type Gen = Omit<Activity, "origin" | "evidence">;

/** File the activities as `files` record files per teacher, in the order given. */
function filed(acts: Gen[], split: (a: Gen, i: number) => number = () => 0): Activity[] {
  const lineOf = new Map<string, number>();
  return acts.map((a, i) => {
    const file = `records/${a.date < "2026-02-01" ? "2025-2026-1" : "2025-2026-2"}/${a.teacher}${split(a, i) ? "-b" : ""}.yaml`;
    const n = lineOf.get(file) ?? 0;
    lineOf.set(file, n + 1);
    return { ...a, evidence: [], origin: { file, line: 3 + n * 8, index: n } };
  });
}

function totals(scheme: Scheme, dataset: Dataset, activities: Activity[]) {
  const result = scoreDataset({ ...dataset, activities }, scheme, YEAR);
  return Object.fromEntries(result.teachers.map((t) => [t.teacher, { total: t.total, items: t.items, met: t.met, grade: t.grade.id }]));
}

const SCHEMES: [string, () => string][] = [
  ["a scheme without deductions", () => NO_DEDUCTIONS],
  ["the Xintian preset (caps, tiers with shortfall, once, tables)", () => readFileSync(join(REPO_ROOT, "rules/xintian.yaml"), "utf8")],
];

describe("scores", () => {
  for (const [name, rules] of SCHEMES) {
    describe(name, () => {
      const { scheme, dataset } = schemeAndDataset(rules());
      const kinds = [...scheme.kinds.keys()].filter((k) => !scheme.kinds.get(k)!.session);
      const acts = fc.array(activityArb(kinds), { maxLength: 25 });

      it("do not depend on the order of records and files", () => {
        fc.assert(
          fc.property(acts, fc.infiniteStream(fc.nat()), (list, rand) => {
            const shuffled = [...list];
            for (let i = shuffled.length - 1; i > 0; i--) {
              const j = rand.next().value % (i + 1);
              [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
            }
            expect(totals(scheme, dataset, filed(shuffled))).toEqual(totals(scheme, dataset, filed(list)));
          }),
          { numRuns: 60 },
        );
      });

      it("do not depend on splitting one record file into two", () => {
        fc.assert(
          fc.property(acts, fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }), (list, where) => {
            expect(totals(scheme, dataset, filed(list, (_, i) => (where[i] ? 1 : 0)))).toEqual(totals(scheme, dataset, filed(list)));
          }),
          { numRuns: 60 },
        );
      });
    });
  }

  it("under rules without deductions, adding an approved record never lowers a total", () => {
    const { scheme, dataset } = schemeAndDataset(NO_DEDUCTIONS);
    const kinds = [...scheme.kinds.keys()];
    fc.assert(
      fc.property(fc.array(activityArb(kinds), { maxLength: 25 }), activityArb(kinds), (list, extra) => {
        const before = totals(scheme, dataset, filed(list));
        const after = totals(scheme, dataset, filed([...list, { ...extra, status: "approved" }]));
        for (const t of Object.keys(before)) expect(after[t]!.total).toBeGreaterThanOrEqual(before[t]!.total);
      }),
      { numRuns: 80 },
    );
  });
});
