import { describe, expect, it } from "vitest";
import { shrinkwrapFrom, type Lockfile } from "./shrinkwrap.js";

const LOCK: Lockfile = {
  name: "yanxiu",
  version: "0.1.0",
  lockfileVersion: 3,
  requires: true,
  packages: {
    "": { name: "yanxiu", version: "0.1.0", dependencies: { yaml: "^2.9.1" }, optionalDependencies: { exceljs: "^4.4.0" }, devDependencies: { vitest: "^4.1.12" } },
    "node_modules/yaml": { version: "2.9.1", integrity: "sha512-a" },
    "node_modules/exceljs": { version: "4.4.0", optional: true },
    "node_modules/vitest": { version: "4.1.12", dev: true },
    "node_modules/vite/node_modules/esbuild": { version: "0.25.0", dev: true, optional: true },
    "node_modules/fsevents": { version: "2.3.3", devOptional: true },
  },
};

describe("shrinkwrapFrom", () => {
  it("keeps dependencies, optional ones and those both dev and optional code may need; drops dev-only packages", () => {
    expect(shrinkwrapFrom(LOCK)).toEqual({
      name: "yanxiu",
      version: "0.1.0",
      lockfileVersion: 3,
      requires: true,
      packages: {
        "": { name: "yanxiu", version: "0.1.0", dependencies: { yaml: "^2.9.1" }, optionalDependencies: { exceljs: "^4.4.0" } },
        "node_modules/yaml": { version: "2.9.1", integrity: "sha512-a" },
        "node_modules/exceljs": { version: "4.4.0", optional: true },
        "node_modules/fsevents": { version: "2.3.3", devOptional: true },
      },
    });
  });

  it("refuses npm 6's lockfile, which has no packages map", () => {
    expect(() => shrinkwrapFrom({ lockfileVersion: 1, dependencies: {} } as never)).toThrow(/lockfileVersion 1/);
  });
});
