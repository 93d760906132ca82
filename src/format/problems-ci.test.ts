import { describe, expect, it } from "vitest";
import type { Problem } from "../problem.js";
import { msg } from "../messages/index.js";
import { formatGithub } from "./problems.js";
import { formatJunit, formatSarif, xmlEscape } from "./problems-ci.js";

const p = (over: Partial<Problem>): Problem => ({ check: "c", severity: "error", file: "a.yaml", line: 3, column: 4, message: { id: "m" }, ...over });

describe("CI formats of problems", () => {
  it("escapes markup and drops the control characters XML 1.0 cannot hold", () => {
    expect(xmlEscape('a<b> & "c"\u0001\u0007\tz')).toBe("a&lt;b&gt; &amp; &quot;c&quot;\tz");
    const xml = formatJunit([p({ message: msg("unknown-kind", { kind: 'a<b"' }), hint: msg("unknown-kind.hint-id", { id: "x & y" }) })], { version: "0", lang: "en" });
    expect(xml).toContain(`<failure type="c" message="the rules define no activity kind 'a&lt;b&quot;' (write kind: x &amp; y)">a.yaml:3:4: [c] the rules define no activity kind 'a&lt;b&quot;' (write kind: x &amp; y)</failure>`);
  });

  it("gives a whole-file problem no region, and never an end before the start", () => {
    const locs = (q: Problem) => JSON.parse(formatSarif([q], { version: "0", lang: "zh" })).runs[0].results[0].locations[0].physicalLocation;
    expect(locs(p({ line: 0, column: 0 }))).toEqual({ artifactLocation: { uri: "a.yaml", uriBaseId: "%SRCROOT%" } });
    expect(locs(p({ endLine: 3, endColumn: 4 })).region).toEqual({ startLine: 3, startColumn: 4, endLine: 3 });
    expect(locs(p({ endLine: 5, endColumn: 2 })).region).toEqual({ startLine: 3, startColumn: 4, endLine: 5, endColumn: 2 });
    expect(locs(p({ file: "records/2025-2026-1/张 老师.yaml" })).artifactLocation.uri).toBe("records/2025-2026-1/%E5%BC%A0%20%E8%80%81%E5%B8%88.yaml");
  });

  it("github: a span over several lines keeps its lines but not its columns; whole files have no position", () => {
    expect(formatGithub([p({ endLine: 5, endColumn: 2 })], "zh")).toBe("::error file=a.yaml,line=3,endLine=5,col=4,title=c::m\n");
    expect(formatGithub([p({ line: 0, column: 0, severity: "warning" })], "zh")).toBe("::warning file=a.yaml,title=c::m\n");
  });
});
