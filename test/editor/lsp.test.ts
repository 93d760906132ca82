/**
 * A fresh `yanxiu init` repository opened in the YAML language server, as VS Code with the
 * recommended extension opens it: completion of kinds by their Chinese labels, a misspelt kind
 * and an impossible month marked, Chinese hovers, and the files init wrote free of diagnostics.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { removeDir, tempDir } from "../helpers/temp-repo.js";
import { YamlLanguageServer, type CompletionItem } from "../helpers/yaml-ls.js";

let root: string;
let server: YamlLanguageServer;
const RECORD = "records/2026-2027-1/t01.yaml";

beforeAll(async () => {
  root = join(tempDir("yanxiu-lsp-"), "school");
  const r = await runCli(["init", root, "--no-git", "--ci-package", "yanxiu@0.1.0"]);
  expect(r.code).toBe(0);
  server = await YamlLanguageServer.start(root);
});
afterAll(async () => {
  await server?.stop();
  if (root) removeDir(join(root, ".."));
});

const text = (i: CompletionItem) => i.insertText ?? i.textEdit?.newText ?? i.label;

describe("a fresh init repository in the YAML language server", () => {
  it("offers the rules' kinds by their Chinese labels, and inserts the kind id", async () => {
    const doc = "teacher: t01\nrecords:\n  - date: 2026-11-20\n    kind: \n    title: 听课\n";
    await server.open("records/2026-2027-1/t02.yaml", doc);
    const items = await server.complete("records/2026-2027-1/t02.yaml", 3, 10);
    const byLabel = new Map(items.map((i) => [i.label, text(i)]));
    // xintian.yaml: { id: observation, label: 听课/观课议课 }, { id: paper, label: 论文 }.
    expect(byLabel.get("听课/观课议课")).toBe("observation");
    expect(byLabel.get("论文")).toBe("paper");
    // Group-session kinds are for sessions/, not a teacher's own file.
    expect(byLabel.has("组内研讨")).toBe(false);
    expect(byLabel.get("observation")).toBe("observation");
  });

  it("marks a misspelt kind and an impossible month, and says nothing about the files init wrote", async () => {
    const bad = await server.open("records/2026-2027-1/t03.yaml", "teacher: t03\nrecords:\n  - date: 2026-13-40\n    kind: observaton\n    title: 听课\n");
    const at = (line: number) => bad.filter((d) => d.range.start.line === line);
    expect(at(3).length, JSON.stringify(bad)).toBe(1);
    expect(at(3)[0]!.message).toMatch(/observation/);
    expect(at(3)[0]!.range.start.character).toBe(10);
    expect(at(2).length, JSON.stringify(bad)).toBe(1);
    for (const file of ["yanxiu.yaml", "roster.yaml", RECORD, "rules/xintian.yaml", "rules/xintian.test.yaml"]) {
      const diags = await server.open(file, readFileSync(join(root, file), "utf8"));
      expect(diags, file).toEqual([]);
    }
  });

  it("checks a rule test as a rule test and a rule file as a rule file, side by side in rules/", async () => {
    const test = await server.open("rules/new.test.yaml", "rules: [xintian.yaml]\ncases:\n  - name: x\n    recordz: []\n");
    expect(test.filter((d) => d.range.start.line === 3).map((d) => d.message).join()).toMatch(/recordz/);
    const rule = await server.open("rules/new.yaml", "scheme:\n  id: x\n  name: x\n  unit: hourz\n");
    expect(rule.map((d) => d.range.start.line)).toContain(3);
  });

  it("explains fields in Chinese on hover", async () => {
    expect(await server.hover(RECORD, 5, 6)).toContain("活动类型");
  });
});
