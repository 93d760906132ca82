import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRepo } from "../pipeline/load.js";
import type { Scheme } from "../rules/types.js";
import { chosenUploads, evidenceNames, namedField } from "./evidence-names.js";

const DEMO = join(import.meta.dirname, "../../examples/demo-school");

describe("evidenceNames", () => {
  it("lists what the demo school's items ask for by name, per kind, in the rules' order", () => {
    const scheme = loadRepo(DEMO).scheme!;
    // rules/xintian.yaml: the study plan needs 计划 / 笔记 / 总结; observed lessons count with the 记录册.
    expect(evidenceNames(scheme, "study-plan")).toEqual(["计划", "笔记", "总结"]);
    expect(evidenceNames(scheme, "observation")).toEqual(["记录册"]);
    expect(evidenceNames(scheme, "reflection")).toEqual([]);
    expect(evidenceNames(scheme, "no-such-kind")).toEqual([]);
    expect(evidenceNames(undefined, "study-plan")).toEqual([]);
  });

  it("offers no box for a name a saved file cannot carry as it is (punctuation, spaces, full-width letters)", () => {
    const version = (evidence: string[]) => ({ kinds: ["lesson"], conditions: { evidence } });
    const scheme = { items: new Map([["a", { id: "a", versions: [version(["教案", "教学设计(初稿)", "听课 记录"]), version(["ＰＰＴ", "PPT", "教案"])] }]]) } as unknown as Scheme;
    expect(evidenceNames(scheme, "lesson")).toEqual(["教案", "PPT"]);
  });
});

describe("chosenUploads", () => {
  it("puts the name in front of a file chosen for it, unless it is there; reads only the kind's names", () => {
    const file = (name: string) => new File([new Uint8Array([1, 2, 3])], name, { type: "image/jpeg" });
    const form = {
      [namedField("计划")]: file("IMG_0001.jpg"),
      [namedField("笔记")]: [file("读书笔记.png"), file("IMG_0002.jpg")],
      [namedField("证书")]: file("IMG_0003.jpg"),
      evidence: [file("其他.pdf"), "not a file"],
    };
    const chosen = chosenUploads(form, ["计划", "笔记", "总结"]);
    expect(chosen.map((f) => f.name)).toEqual(["计划-IMG_0001.jpg", "读书笔记.png", "笔记-IMG_0002.jpg", "其他.pdf"]);
    expect(chosen[0]!.type).toBe("image/jpeg");
    expect(chosen[0]!.size).toBe(3);
  });
});
