import { describe, expect, it } from "vitest";
import { loadRepo } from "../pipeline/load.js";
import { resolvePeriod } from "./period.js";
import { scoreDataset } from "./evaluate.js";
import { DEMO_SCHOOL } from "../../test/helpers/temp-repo.js";

describe("scoreDataset { trace: false }", () => {
  it("gives the same scores, with an empty trace", () => {
    const repo = loadRepo(DEMO_SCHOOL);
    for (const sel of [{ year: "2025-2026" }, { term: "2025-2026-1" }]) {
      const p = resolvePeriod(repo.dataset!.config, { ...sel, today: "2026-11-23" });
      if ("error" in p) throw new Error(p.error);
      const full = scoreDataset(repo.dataset!, repo.scheme!, p.period);
      const lean = scoreDataset(repo.dataset!, repo.scheme!, p.period, { trace: false });
      expect(full.trace.length).toBeGreaterThan(100);
      expect(lean.trace).toEqual([]);
      expect(lean).toStrictEqual({ ...full, trace: [] });
    }
  });

  it("{ traceItems } traces only those items, with the same entries and the same scores", () => {
    const repo = loadRepo(DEMO_SCHOOL);
    const p = resolvePeriod(repo.dataset!.config, { year: "2025-2026", today: "2026-11-23" });
    if ("error" in p) throw new Error(p.error);
    const full = scoreDataset(repo.dataset!, repo.scheme!, p.period);
    const items = [...new Set(full.trace.filter((e) => e.origin && e.item).map((e) => e.item!))].slice(0, 2);
    expect(items).toHaveLength(2);
    const some = scoreDataset(repo.dataset!, repo.scheme!, p.period, { traceItems: new Set(items) });
    const expected = full.trace.filter((e) => e.item !== undefined && items.includes(e.item));
    expect(expected.length).toBeGreaterThan(10);
    expect(some.trace).toEqual(expected);
    // Category caps and every other item's entries are left out.
    expect(full.trace.length).toBeGreaterThan(expected.length);
    expect(some).toStrictEqual({ ...full, trace: some.trace });
  });
});
