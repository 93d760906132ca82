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
});
