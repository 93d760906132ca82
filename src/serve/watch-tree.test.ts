import { afterEach, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { watchTree, type TreeWatch } from "./watch-tree.js";

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  return ok();
};

describe("watchTree", () => {
  let w: TreeWatch | undefined;
  let dir = "";
  afterEach(() => { w?.close(); rmSync(dir, { recursive: true, force: true }); });

  it("reports changes in nested folders, in folders made later, and none in skipped ones", async () => {
    dir = mkdtempSync(join(tmpdir(), "yanxiu-watch-"));
    mkdirSync(join(dir, "records", "2025-2026-1"), { recursive: true });
    mkdirSync(join(dir, ".git", "objects"), { recursive: true });
    const seen: string[] = [];
    w = watchTree(dir, (p) => seen.push(p), (d) => d === ".git");
    writeFileSync(join(dir, "records", "2025-2026-1", "t01.yaml"), "teacher: t01\n");
    expect(await until(() => seen.includes("records/2025-2026-1/t01.yaml"))).toBe(true);
    mkdirSync(join(dir, "records", "2025-2026-2"));
    expect(await until(() => seen.includes("records/2025-2026-2"))).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    writeFileSync(join(dir, "records", "2025-2026-2", "t02.yaml"), "teacher: t02\n");
    expect(await until(() => seen.includes("records/2025-2026-2/t02.yaml"))).toBe(true);
    writeFileSync(join(dir, ".git", "objects", "x"), "x");
    writeFileSync(join(dir, "roster.yaml"), "x");
    expect(await until(() => seen.includes("roster.yaml"))).toBe(true);
    expect(seen.filter((p) => p.startsWith(".git/"))).toEqual([]);
  });
});
