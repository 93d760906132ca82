/** What `npm pack` puts in the package, and the package.json fields a user or npm reads. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/temp-repo.js";

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as Record<string, any>;

describe("the npm package", () => {
  const r = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: REPO_ROOT, encoding: "utf8" });
  const files: string[] = r.status === 0 ? (JSON.parse(r.stdout)[0].files as { path: string }[]).map((f) => f.path) : [];

  it("ships the CLI, its presets, schemas, docs and licence, and nothing for developers only", () => {
    expect(r.status, r.stderr).toBe(0);
    for (const f of ["LICENSE", "README.md", "package.json", "bin/yanxiu.js", "dist/cli/main.js", "rules/xintian.yaml", "rules/xintian.test.yaml", "docs/schema/records.schema.json", "docs/check.md"]) {
      expect(files, f).toContain(f);
    }
    // The benchmark's school generator, tests, sources, benchmarks and examples stay in the repository.
    expect(files.filter((f) => /^(dist\/synth\/|src\/|test\/|bench\/|examples\/|\.ci\/)/.test(f) || f.endsWith(".test.js") || f.endsWith(".ts"))).toEqual([]);
  });

  it("declares the MIT licence it ships, and invents no homepage, repository or bugs address", () => {
    expect(pkg.license).toBe("MIT");
    expect(readFileSync(join(REPO_ROOT, "LICENSE"), "utf8")).toMatch(/^MIT License\n/);
    expect([pkg.homepage, pkg.repository, pkg.bugs]).toEqual([undefined, undefined, undefined]);
  });

  it("keeps exceljs optional (only xlsx output needs it) and every other dependency in use", () => {
    expect(pkg.dependencies.exceljs).toBeUndefined();
    // playwright-core: only `certificate -o FILE.pdf` needs it (with the system Chromium);
    // qrcode: only the QR codes on `accounts invite`'s sheet
    expect(Object.keys(pkg.optionalDependencies)).toEqual(["exceljs", "playwright-core", "qrcode"]);
    const sources = spawnSync("grep", ["-rhoE", "from \"[^\"./][^\"]*\"|import\\(\"[^\"./][^\"]*\"\\)", join(REPO_ROOT, "src")], { encoding: "utf8" }).stdout;
    // dayjs is kept for the rule language's calendar blocks (src/rules/blocks/calendar.ts), landing alongside.
    for (const dep of Object.keys(pkg.dependencies).filter((d) => d !== "dayjs" || sources.includes('"dayjs"'))) expect(sources, dep).toMatch(new RegExp(`"${dep.replace(/[/.]/g, "\\$&")}(/[^"]*)?"`));
  });
});
