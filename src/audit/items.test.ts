import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseByItem, parseItemFile, type Item } from "./items.js";
import { parsePlain } from "./yaml.js";

const DEMO = join(import.meta.dirname, "../../examples/demo-school");

function files(folder: string): string[] {
  return readdirSync(join(DEMO, folder), { recursive: true }).map(String).filter((f) => f.endsWith(".yaml")).map((f) => join(DEMO, folder, f));
}

describe("parseByItem: items parsed one by one read exactly as the whole file", () => {
  it("on every record and session file of the demo school", () => {
    const chunks = new Map<string, Item | null>();
    for (const [folder, kind] of [["records", "records"], ["sessions", "sessions"]] as const) {
      for (const file of files(folder)) {
        const text = readFileSync(file, "utf8");
        expect(parseByItem(text, kind, chunks), file).toEqual(parsePlain(text));
      }
    }
  });

  const cases: [string, string, "same" | "whole"][] = [
    ["items at column 0", "teacher: t01\nrecords:\n- date: 2026-10-01\n  title: a\n- date: 2026-10-02\n  title: b\nnotes: x\n", "same"],
    ["comments and blank lines around items", "teacher: t01\nrecords:\n  # first\n\n  - date: 2026-10-01\n    title: |\n      two\n      lines\n\n  # between\n  - title: b\n", "same"],
    ["a key after the list", "records:\n  - title: a\nteacher: t01\n", "same"],
    ["CRLF line ends: parsed whole", "teacher: t01\r\nrecords:\r\n  - title: a\r\n  - title: b\r\n", "whole"],
    ["anchors and aliases: parsed whole", "records:\n  - &a {title: a}\n  - *a\n", "whole"],
    ["a flow list: parsed whole", "records: [{title: a}]\n", "whole"],
    ["a stray line in the list: parsed whole (and broken)", "records:\n  - title: a\n  x: 1\n", "whole"],
    ["two documents: parsed whole", "records:\n  - title: a\n---\nrecords: []\n", "whole"],
  ];
  it.each(cases)("%s", (_name, text, how) => {
    const chunks = new Map<string, Item | null>();
    const kind = "records";
    const split = parseByItem(text, kind, chunks);
    if (how === "whole") expect(split).toBeUndefined();
    else expect(split).toEqual(parsePlain(text));
    expect(parseItemFile(text, kind, chunks)).toEqual(parseItemFile(text, kind));
  });

  it("two equal items in one version stay two", () => {
    const text = "records:\n  - title: a\n  - title: a\n";
    const got = parseByItem(text, "records", new Map())!.records as Item[];
    expect(got).toHaveLength(2);
    expect(got[0]).not.toBe(got[1]);
  });
});
