import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { removeDir, tempDir } from "../../test/helpers/temp-repo.js";
import { linkOnPath } from "./symlinks.js";

const made: string[] = [];
afterEach(() => made.splice(0).forEach(removeDir));

describe("linkOnPath", () => {
  it("finds the same first link with the steps remembered across paths as without", () => {
    const root = tempDir("yanxiu-links-");
    made.push(root);
    mkdirSync(join(root, "records", "2025-2026-1"), { recursive: true });
    mkdirSync(join(root, "evidence", "t01"), { recursive: true });
    writeFileSync(join(root, "records", "2025-2026-1", "t01.yaml"), "teacher: t01\n");
    writeFileSync(join(root, "evidence", "t01", "a.jpg"), "x");
    symlinkSync(join(root, "evidence", "t01"), join(root, "evidence", "t02"));
    symlinkSync(join(root, "records", "2025-2026-1", "t01.yaml"), join(root, "records", "2025-2026-1", "t03.yaml"));
    const paths = ["records/2025-2026-1/t01.yaml", "records/2025-2026-1/t03.yaml", "evidence/t02/a.jpg", "evidence/t01/a.jpg", "evidence/t09/b.jpg", "../outside"];
    const expected = ["", "records/2025-2026-1/t03.yaml", "evidence/t02", "", "", ""];
    expect(paths.map((p) => linkOnPath(root, p) ?? "")).toEqual(expected);
    const memo = new Map();
    // Twice over with one memo: the second pass answers from it, the same way.
    expect([...paths, ...paths].map((p) => linkOnPath(root, p, memo) ?? "")).toEqual([...expected, ...expected]);
  });
});
