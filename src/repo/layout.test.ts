import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listYamlFiles } from "./layout.js";

const dir = mkdtempSync(join(tmpdir(), "yanxiu-layout-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
for (const f of ["records/2025-2026-1/t01.yaml", "records/2025-2026-1/t02.YML", "records/2025-2026-2/deep/t03.yaml", "records/notes.txt", "records/上学期/张老师.yaml"]) {
  mkdirSync(join(dir, f, ".."), { recursive: true });
  writeFileSync(join(dir, f), "teacher: t01\n");
}
const expected = ["records/2025-2026-1/t01.yaml", "records/2025-2026-1/t02.YML", "records/2025-2026-2/deep/t03.yaml", "records/上学期/张老师.yaml"];

describe("listYamlFiles", () => {
  it("gives repo paths, sorted, however the root is written", () => {
    expect(listYamlFiles(dir, "records")).toEqual(expected);
    expect(listYamlFiles(`${dir}/`, "records")).toEqual(expected);
    expect(listYamlFiles(`${dir}/records/..`, "records")).toEqual(expected);
    expect(listYamlFiles(relative(process.cwd(), dir) || ".", "records")).toEqual(expected);
    expect(listYamlFiles(dir, "./records/")).toEqual(expected);
  });

  it("lists a sub-folder by its path in the repository, and nothing for a missing one", () => {
    expect(listYamlFiles(dir, "records/2025-2026-2")).toEqual(["records/2025-2026-2/deep/t03.yaml"]);
    expect(listYamlFiles(dir, "sessions")).toEqual([]);
  });
});
