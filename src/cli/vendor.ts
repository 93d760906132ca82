/**
 * The running yanxiu as an npm tarball, for `yanxiu init` to keep inside the school repository
 * (`.yanxiu/yanxiu-<version>.tgz`): yanxiu is not on the npm registry, so the CI files install
 * this file, and only its dependencies come from the registry — at the versions in the
 * npm-shrinkwrap.json it carries (src/templates/shrinkwrap.ts).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { shrinkwrapFrom, type Lockfile } from "../templates/shrinkwrap.js";

/** The folder in a school repository that holds the vendored tarball. */
export const VENDOR_DIR = ".yanxiu";

/** The tool's own folder (the one holding package.json), above src/ or dist/. */
export const TOOL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export type Packed = { ok: true; name: string; bytes: Buffer } | { ok: false; reason: string };

// One pack per process: tests and scripts that init many schools pay for npm once.
const packedByDir = new Map<string, Packed & { ok: true }>();

/** `npm pack` of the tool folder, in memory. Never throws: a missing npm or build is a reason. */
export function packTool(toolDir = TOOL_DIR): Packed {
  const cached = packedByDir.get(toolDir);
  if (cached) return cached;
  // bin/yanxiu.js loads dist/; a tarball without it would install a CLI that cannot start.
  if (!existsSync(join(toolDir, "dist", "cli", "main.js"))) return { ok: false, reason: `${join(toolDir, "dist")} is not built (npm run build)` };
  const dest = mkdtempSync(join(tmpdir(), "yanxiu-pack-"));
  try {
    const first = npmPack(toolDir, dest);
    if (!first.ok) return first;
    // An installed yanxiu already carries its shrinkwrap (npm packs it); a development copy has package-lock.json.
    const lockPath = join(toolDir, "package-lock.json");
    if (!existsSync(join(toolDir, "npm-shrinkwrap.json")) && !existsSync(lockPath)) {
      return { ok: false, reason: `${toolDir} has neither npm-shrinkwrap.json nor package-lock.json to pin the dependencies with` };
    }
    const packed = existsSync(join(toolDir, "npm-shrinkwrap.json")) ? first : withShrinkwrap(first, lockPath, dest);
    if (!packed.ok) return packed;
    packedByDir.set(toolDir, packed);
    return packed;
  } finally {
    rmSync(dest, { recursive: true, force: true });
  }
}

/** `npm pack` of a folder into `dest`. --ignore-scripts: `prepare` would rebuild with tsc, which an installed copy does not have. */
function npmPack(dir: string, dest: string): Packed {
  const r = spawnSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dest], {
    cwd: dir,
    encoding: "utf8",
    shell: process.platform === "win32",
  });
  if (r.error) return { ok: false, reason: r.error.message };
  if (r.status !== 0) return { ok: false, reason: lastLine(r.stderr) || `npm pack exited with ${r.status}` };
  const name = tarballName(r.stdout);
  if (!name || !existsSync(join(dest, name))) return { ok: false, reason: "npm pack wrote no tarball" };
  return { ok: true, name, bytes: readFileSync(join(dest, name)) };
}

/** The tarball unpacked, npm-shrinkwrap.json added (from the lock, without dev packages), packed again. */
function withShrinkwrap(packed: Packed & { ok: true }, lockPath: string, dest: string): Packed {
  const unpacked = join(dest, "unpacked");
  mkdirSync(unpacked);
  const tar = spawnSync("tar", ["-xzf", join(dest, packed.name), "-C", unpacked], { encoding: "utf8" });
  if (tar.error || tar.status !== 0) return { ok: false, reason: `tar: ${tar.error?.message ?? lastLine(tar.stderr)}` };
  let shrinkwrap: Lockfile;
  try {
    shrinkwrap = shrinkwrapFrom(JSON.parse(readFileSync(lockPath, "utf8")) as Lockfile);
  } catch (e) {
    return { ok: false, reason: `${lockPath}: ${(e as Error).message}` };
  }
  writeFileSync(join(unpacked, "package", "npm-shrinkwrap.json"), JSON.stringify(shrinkwrap, null, 2) + "\n");
  // `npm ci` in the unpacked package (how CI installs it) wants package.json and the shrinkwrap in step: no dev packages in either.
  const manifestPath = join(unpacked, "package", "package.json");
  const { devDependencies: _dev, ...manifest } = JSON.parse(readFileSync(manifestPath, "utf8")) as Record<string, unknown>;
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + "\n");
  const again = join(dest, "again");
  mkdirSync(again);
  return npmPack(join(unpacked, "package"), again);
}

function tarballName(json: string): string | undefined {
  try {
    const entries = JSON.parse(json) as { filename?: string }[];
    return entries[0]?.filename?.replace(/^.*[\\/]/, "");
  } catch {
    return undefined;
  }
}

function lastLine(text: string): string {
  return text.trim().split("\n").filter((l) => !/^npm warn/i.test(l)).pop()?.trim() ?? "";
}
