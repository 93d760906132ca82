/**
 * The version a page shows (from the school the server loaded) must equal the version the save
 * reads under the lock (from the file's text alone), for every record of the demo school:
 * otherwise every edit and withdraw would be refused as "changed meanwhile".
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { activityFileResult, loadRepo } from "../../src/pipeline/load.js";
import { recordVersion } from "../../src/serve/own-record.js";
import { DEMO } from "./helpers.js";

describe("record versions", () => {
  it("are the same from the loaded school and from a file's text, for every record of the demo school", () => {
    const repo = loadRepo(DEMO);
    const records = repo.dataset!.activities.filter((a) => a.group === undefined);
    expect(records.length).toBeGreaterThan(500);
    const byFile = new Map<string, string[]>();
    for (const a of records) byFile.set(a.origin.file, [...(byFile.get(a.origin.file) ?? []), `${a.origin.index}:${recordVersion(a)}`]);
    for (const [file, versions] of byFile) {
      const text = readFileSync(join(DEMO, file), "utf8");
      const read = activityFileResult(DEMO, file, "records", text).found.valid.map((a) => `${a.origin.index}:${recordVersion(a)}`);
      expect(read, file).toEqual(versions);
    }
  });
});
