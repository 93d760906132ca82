import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { addImport, cycleImports, folderCycles, folderGraph, type FolderGraph } from "../helpers/folder-graph.js";

const SRC = fileURLToPath(new URL("../../src", import.meta.url));

describe("folders of src/", () => {
  it("import one another without a cycle", () => {
    const graph = folderGraph(SRC);
    const cycles = folderCycles(graph);
    const explained = cycles.map((g) => `cycle ${g.join(" ↔ ")}:\n  ${cycleImports(graph, g).join("\n  ")}`);
    expect(explained).toEqual([]);
  });

  it("src/*.ts (model, problem, i18n) import no folder: they are the bottom layer", () => {
    expect([...(folderGraph(SRC).get("(root)")?.keys() ?? [])]).toEqual([]);
  });

  it("sees the import graph (the check is not vacuous)", () => {
    const graph = folderGraph(SRC);
    // load orchestrates the lower layers; cli sits on top of it
    expect([...graph.get("pipeline")!.keys()].sort()).toEqual(expect.arrayContaining(["cache", "repo", "rules", "schema"]));
    expect(graph.get("cli")!.has("pipeline")).toBe(true);
  });
});

describe("folderCycles", () => {
  it("finds a planted cycle of three folders and leaves the acyclic part out", () => {
    const g: FolderGraph = new Map();
    addImport(g, "a/x.ts", "b/y.ts", "a/x.ts -> ../b/y.js");
    addImport(g, "b/y.ts", "c/z.ts", "b/y.ts -> ../c/z.js");
    addImport(g, "c/z.ts", "a/w.ts", "c/z.ts -> ../a/w.js");
    addImport(g, "c/z.ts", "d/v.ts", "c/z.ts -> ../d/v.js");
    addImport(g, "a/x.ts", "model.ts", "a/x.ts -> ../model.js");
    expect(folderCycles(g)).toEqual([["a", "b", "c"]]);
    expect(cycleImports(g, ["a", "b", "c"])).toEqual([
      "a -> b: a/x.ts -> ../b/y.js",
      "b -> c: b/y.ts -> ../c/z.js",
      "c -> a: c/z.ts -> ../a/w.js",
    ]);
  });

  it("finds two folders importing each other, and nothing in a chain", () => {
    const g: FolderGraph = new Map();
    addImport(g, "repo/load.ts", "cache/parsed.ts", "w1");
    addImport(g, "cache/parsed.ts", "repo/load.ts", "w2");
    expect(folderCycles(g)).toEqual([["cache", "repo"]]);
    const chain: FolderGraph = new Map();
    addImport(chain, "cli/a.ts", "repo/b.ts", "w");
    addImport(chain, "repo/b.ts", "i18n.ts", "w");
    expect(folderCycles(chain)).toEqual([]);
  });
});

describe("README's layout", () => {
  const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");
  const listed = [...readme.matchAll(/^src\/([a-z-]+)\/ /gm)].map((m) => m[1]!);

  it("lists every folder of src/", () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect([...listed].sort()).toEqual(folders.sort());
  });

  it("lists folders bottom to top: each imports only folders listed before it", () => {
    const rank = new Map<string, number>([["(root)", -1], ...listed.map((f, i) => [f, i] as [string, number])]);
    const upward: string[] = [];
    for (const [a, edges] of folderGraph(SRC)) {
      for (const [b, why] of edges) if (rank.get(b)! > rank.get(a)!) upward.push(`${a} -> ${b}: ${why.join(", ")}`);
    }
    expect(upward).toEqual([]);
  });
});
