import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { updateFiles } from "./update-many.js";

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
const enc = new TextEncoder();

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "yanxiu-many-"));
  roots.push(root);
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(root, f, ".."), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  return root;
}

describe("updateFiles", () => {
  it("writes every file when each is still as planned", () => {
    const root = repo({ "a.yaml": "a: 1\n" });
    const r = updateFiles(root, [
      { file: "a.yaml", before: { exists: true, bytes: enc.encode("a: 1\n") }, text: "a: 2\n" },
      { file: "new/b.yaml", before: { exists: false, bytes: new Uint8Array(0) }, text: "b: 1\n" },
    ]);
    expect(r).toEqual({ ok: true, written: ["a.yaml", "new/b.yaml"] });
    expect([readFileSync(join(root, "a.yaml"), "utf8"), readFileSync(join(root, "new/b.yaml"), "utf8")]).toEqual(["a: 2\n", "b: 1\n"]);
  });

  it("a file saved since the plan stops the run; the files written before are put back (a created one removed)", () => {
    const root = repo({ "a.yaml": "a: 1\n", "c.yaml": "c: edited meanwhile\n" });
    const r = updateFiles(root, [
      { file: "a.yaml", before: { exists: true, bytes: enc.encode("a: 1\n") }, text: "a: 2\n" },
      { file: "b.yaml", before: { exists: false, bytes: new Uint8Array(0) }, text: "b: 1\n" },
      { file: "c.yaml", before: { exists: true, bytes: enc.encode("c: 1\n") }, text: "c: 2\n" },
    ]);
    expect(r).toEqual({ ok: false, file: "c.yaml", problem: { reason: "changed" }, restored: ["a.yaml", "b.yaml"], notRestored: [] });
    expect([readFileSync(join(root, "a.yaml"), "utf8"), existsSync(join(root, "b.yaml")), readFileSync(join(root, "c.yaml"), "utf8")]).toEqual(["a: 1\n", false, "c: edited meanwhile\n"]);
  });
});
