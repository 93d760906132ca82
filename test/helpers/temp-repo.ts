/** Real school repositories in temporary folders, built from a map of file texts. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const DEMO_SCHOOL = join(REPO_ROOT, "examples/demo-school");

export function tempDir(prefix = "yanxiu-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

/**
 * A copy of the example school to modify freely, without the example's own result cache (a run in
 * examples/ makes one; it is never a test's).
 */
export function copyDemoSchool(): string {
  const dir = tempDir("yanxiu-demo-");
  const cache = join(DEMO_SCHOOL, ".yanxiu-cache");
  cpSync(DEMO_SCHOOL, dir, { recursive: true, filter: (src) => src !== cache });
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
