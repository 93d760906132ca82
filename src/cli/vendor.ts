/**
 * The running yanxiu as an npm tarball, for `yanxiu init` to keep inside the school repository
 * (`.yanxiu/yanxiu-<version>.tgz`): yanxiu is not on the npm registry, so the CI files install
 * this file, and only its dependencies come from the registry.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

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
    // --ignore-scripts: `prepare` would rebuild with tsc, which an installed copy does not have.
    const r = spawnSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dest], {
      cwd: toolDir,
      encoding: "utf8",
      shell: process.platform === "win32",
    });
    if (r.error) return { ok: false, reason: r.error.message };
    if (r.status !== 0) return { ok: false, reason: lastLine(r.stderr) || `npm pack exited with ${r.status}` };
    const name = tarballName(r.stdout);
    if (!name || !existsSync(join(dest, name))) return { ok: false, reason: "npm pack wrote no tarball" };
    const packed = { ok: true as const, name, bytes: readFileSync(join(dest, name)) };
    packedByDir.set(toolDir, packed);
    return packed;
  } finally {
    rmSync(dest, { recursive: true, force: true });
  }
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
