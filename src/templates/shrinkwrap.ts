/**
 * The npm-shrinkwrap.json shipped inside the tarball that `yanxiu init` vendors into a school repository:
 * package-lock.json without the development-only packages. npm honours a dependency's shrinkwrap, so
 * `npm install .yanxiu/yanxiu-<version>.tgz` in CI installs exactly the versions the tool was tested with,
 * not whatever newer release a `^` range allows on the day (docs/git.md).
 */

interface LockEntry {
  dev?: boolean;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

export interface Lockfile {
  name?: string;
  version?: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
  [key: string]: unknown;
}

/**
 * Keeps every package a user's install can need (dependencies, optional ones and their own) and drops those
 * only development needs (`dev: true`). Refuses a lockfile without `packages` (npm 6's v1), which cannot be
 * filtered this way.
 */
export function shrinkwrapFrom(lock: Lockfile): Lockfile {
  if (!lock.packages || typeof lock.packages !== "object" || lock.lockfileVersion < 2) {
    throw new Error(`package-lock.json has lockfileVersion ${lock.lockfileVersion}; npm 7 or later writes the version 2 or 3 this needs`);
  }
  const packages: Record<string, LockEntry> = {};
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (entry.dev) continue;
    if (path === "") {
      const { devDependencies: _dev, ...root } = entry;
      packages[path] = root;
    } else {
      packages[path] = entry;
    }
  }
  // Only the fields npm reads; v3 has no top-level "dependencies" tree.
  const { dependencies: _legacy, ...rest } = lock;
  return { ...rest, lockfileVersion: lock.lockfileVersion, packages };
}
