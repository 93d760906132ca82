import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nodeReadFs, type ReadFs } from "../repo/fs.js";
import { removeDir, REPO_ROOT, tempDir } from "../../test/helpers/temp-repo.js";
import { BUILD_STAMP, forgetToolFingerprints, makeBuildStamp, SENTINELS, toolFingerprint } from "./tool-stamp.js";

const made: string[] = [];
afterEach(() => {
  made.splice(0).forEach(removeDir);
  forgetToolFingerprints();
});

/**
 * A compiled tool as the compiler leaves it: the sentinels and a few other modules, in dist/
 * of a checkout (the sources beside it) or of an installed package (no sources).
 */
function compiled(where: "checkout" | "package" = "checkout"): string {
  const top = tempDir("yanxiu-tool-");
  made.push(top);
  const dist = join(top, "dist");
  if (where === "checkout") mkdirSync(join(top, "src"));
  for (const rel of [...SENTINELS, "checks/index.js", "repo/fs.js"]) {
    mkdirSync(join(dist, rel, ".."), { recursive: true });
    writeFileSync(join(dist, rel), `// ${rel}\nexport const x = 1;\n`);
  }
  return dist;
}

/** `npm run build`'s last step (scripts/build-stamp.js). */
function stamp(dist: string): void {
  writeFileSync(join(dist, BUILD_STAMP), JSON.stringify(makeBuildStamp(nodeReadFs, dist)));
}

/** A fresh process's fingerprint of the tool in `dist`. */
function fingerprint(dist: string, fs: ReadFs = nodeReadFs): string {
  forgetToolFingerprints();
  return toolFingerprint(fs, dist);
}

/** Every module written again by the compiler: same bytes, a later mtime. */
function recompile(dist: string, seconds: number): void {
  for (const rel of [...SENTINELS, "checks/index.js", "repo/fs.js"]) {
    const path = join(dist, rel);
    writeFileSync(path, readFileSync(path));
    utimesSync(path, seconds, seconds);
  }
}

/** Counts the file-system calls a fingerprint makes. */
function counting(): { fs: ReadFs; calls: { stat: number; list: number } } {
  const calls = { stat: 0, list: 0 };
  const fs: ReadFs = {
    ...nodeReadFs,
    lstatSync: (p) => (calls.stat++, nodeReadFs.lstatSync(p)),
    statSync: (p) => (calls.stat++, nodeReadFs.statSync(p)),
    listTree: (d, prune) => (calls.list++, nodeReadFs.listTree(d, prune)),
  };
  return { fs, calls };
}

describe("the tool's fingerprint", () => {
  it("comes from the build's stamp when there is one: no listing, a stat per sentinel", () => {
    const dist = compiled();
    stamp(dist);
    const { fs, calls } = counting();
    const f = fingerprint(dist, fs);
    expect(f.startsWith("build\0")).toBe(true);
    expect(calls).toEqual({ stat: SENTINELS.length + 1, list: 0 }); // and whether the sources are beside it
    expect(fingerprint(dist)).toBe(f); // nothing changed: the same, so a warm run is a hit
  });

  it("changes when the tool is rebuilt with npm run build (new code, new stamp)", () => {
    const dist = compiled();
    stamp(dist);
    const before = fingerprint(dist);
    writeFileSync(join(dist, "checks/index.js"), "// a new check\nexport const x = 2;\n");
    recompile(dist, 2_000_000_000);
    stamp(dist);
    const after = fingerprint(dist);
    expect(after.startsWith("build\0")).toBe(true);
    expect(after).not.toBe(before);
  });

  it("changes when the tool is compiled without the stamp step (the stamp's sentinels no longer match)", () => {
    const dist = compiled();
    stamp(dist);
    const before = fingerprint(dist);
    writeFileSync(join(dist, "checks/index.js"), "// a new check\nexport const x = 2;\n");
    recompile(dist, 2_000_000_000);
    const after = fingerprint(dist);
    expect(after.startsWith("files\0")).toBe(true);
    expect(after).not.toBe(before);
    // Even a compile that changed no byte is a new tool to the cache: a miss, never a wrong hit.
    const again = compiled();
    stamp(again);
    const stamped = fingerprint(again);
    recompile(again, 2_000_000_000);
    expect(fingerprint(again)).not.toBe(stamped);
  });

  it("falls back to every module's stats without a stamp, or with a broken one, and then sees any module change", () => {
    const dist = compiled();
    const plain = fingerprint(dist);
    expect(plain.startsWith("files\0")).toBe(true);
    utimesSync(join(dist, "repo/fs.js"), 2_000_000_000, 2_000_000_000);
    expect(fingerprint(dist)).not.toBe(plain);
    for (const broken of ["", "{", "null", '{"id":"x"}', '{"id":"x","sentinels":{}}', '{"id":"x","sentinels":{"cli/main.js":"?"}}']) {
      writeFileSync(join(dist, BUILD_STAMP), broken);
      expect(fingerprint(dist).startsWith("files\0"), broken).toBe(true);
    }
    stamp(dist);
    rmSync(join(dist, SENTINELS[0]));
    expect(fingerprint(dist).startsWith("files\0")).toBe(true);
  });

  it("in an installed package (no sources beside it) holds while the sentinels' contents are as built, whatever their times", () => {
    const dist = compiled("package");
    stamp(dist);
    const built = fingerprint(dist);
    expect(built.startsWith("build\0")).toBe(true);
    recompile(dist, 499_162_500); // npm packs every file with this time (1985-10-26), and installing gives them the time of the day
    expect(fingerprint(dist)).toBe(built);
    // The same size, another content: not the build the stamp describes.
    writeFileSync(join(dist, SENTINELS[1]), readFileSync(join(dist, SENTINELS[1]), "utf8").replace("x = 1", "x = 2"));
    expect(fingerprint(dist).startsWith("files\0")).toBe(true);
    // In a checkout the same new times mean a compile without the stamp step.
    const checkout = compiled("checkout");
    stamp(checkout);
    recompile(checkout, 499_162_500);
    expect(fingerprint(checkout).startsWith("files\0")).toBe(true);
  });

  it("is the same for the same code: the stamp hashes paths and contents, not times", () => {
    const a = compiled();
    const b = compiled();
    recompile(b, 1_900_000_000);
    expect(makeBuildStamp(nodeReadFs, a).id).toBe(makeBuildStamp(nodeReadFs, b).id);
    writeFileSync(join(b, "repo/fs.js"), "// repo/fs.js\nexport const x = 3;\n");
    expect(makeBuildStamp(nodeReadFs, a).id).not.toBe(makeBuildStamp(nodeReadFs, b).id);
  });

  it("is read from this checkout's dist/ as npm run build left it", () => {
    const dist = join(REPO_ROOT, "dist");
    const written = JSON.parse(readFileSync(join(dist, BUILD_STAMP), "utf8")) as unknown;
    expect(written).toEqual(makeBuildStamp(nodeReadFs, dist));
    expect(fingerprint(dist).startsWith("build\0")).toBe(true);
  });
});
