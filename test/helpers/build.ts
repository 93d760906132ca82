/** Tests of the real binary run dist/: rebuild it when any source is newer than the build. */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./temp-repo.js";

function newest(dir: string): number {
  return readdirSync(dir, { withFileTypes: true })
    .reduce((m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs), 0);
}

export function ensureBuilt(probe = "dist/cli/main.js"): void {
  const built = join(REPO_ROOT, probe);
  if (!existsSync(built) || newest(join(REPO_ROOT, "src")) > statSync(built).mtimeMs) {
    spawnSync(process.execPath, [join(REPO_ROOT, "node_modules/typescript/bin/tsc"), "-p", join(REPO_ROOT, "tsconfig.build.json")], { cwd: REPO_ROOT });
    // As `npm run build` does: the warm path bundled (bin/yanxiu.js loads it first), then the
    // stamp the result cache reads instead of statting every module.
    spawnSync(process.execPath, [join(REPO_ROOT, "scripts/build-warm.js")], { cwd: REPO_ROOT });
    spawnSync(process.execPath, [join(REPO_ROOT, "scripts/build-stamp.js")], { cwd: REPO_ROOT });
  }
}
