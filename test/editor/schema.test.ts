/** The schemas editors read: docs/schema as generated, a school's own from its rules, `yanxiu schema`. */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { jsonSchemas } from "../../src/templates/json-schema.js";
import { runCli } from "../helpers/run-cli.js";
import { REPO_ROOT, removeDir, tempDir } from "../helpers/temp-repo.js";

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

describe("docs/schema", () => {
  it("is exactly what `yanxiu schema --out docs/schema` generates (run it after changing a schema)", () => {
    const generated = jsonSchemas();
    expect(readdirSync(join(REPO_ROOT, "docs/schema")).sort()).toEqual([...generated.keys()].sort());
    for (const [file, text] of generated) expect(readFileSync(join(REPO_ROOT, "docs/schema", file), "utf8"), file).toBe(text);
  });
});

describe("the schemas", () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const kinds = [
    { id: "observation", label: "听课/观课议课", labelEn: "lessons observed" },
    { id: "group-discussion", label: "组内研讨", labelEn: "group discussion", session: true },
  ];
  const schemas = jsonSchemas({ kinds });
  const validator = (file: string) => ajv.compile(JSON.parse(schemas.get(file)!));
  const record = (over: Record<string, unknown>) => ({ teacher: "t01", records: [{ date: "2025-09-12", kind: "observation", title: "听课", ...over }] });

  it("limit kind to the school's personal kinds in records, session kinds in sessions, with Chinese labels", () => {
    const records = validator("records.schema.json");
    expect(records(record({}))).toBe(true);
    expect(records(record({ kind: "observaton" }))).toBe(false);
    expect(records(record({ kind: "group-discussion" }))).toBe(false);
    const kind = JSON.parse(schemas.get("records.schema.json")!).properties.records.anyOf[0].items.properties.kind;
    expect(kind).toMatchObject({ enum: ["observation"], enumDescriptions: ["听课/观课议课(lessons observed)"], defaultSnippets: [{ label: "听课/观课议课", body: "observation" }] });
    const sessions = validator("sessions.schema.json");
    expect(sessions({ group: "chinese", sessions: [{ date: "2025-09-12", kind: "group-discussion", title: "研讨", attendance: { t01: "出勤" } }] })).toBe(true);
    expect(sessions({ group: "chinese", sessions: [{ date: "2025-09-12", kind: "observation", title: "研讨", attendance: { t01: "出勤" } }] })).toBe(false);
  });

  it("refuse impossible months and days by pattern, accept a date with a time", () => {
    const records = validator("records.schema.json");
    expect(["2025-13-01", "2025-00-10", "2025-09-32", "2025-9-12", "20250912"].map((date) => records(record({ date })))).toEqual([false, false, false, false, false]);
    expect(["2025-12-31", "2025-09-12T08:30:00+08:00", "2025-09-12 08:30"].map((date) => records(record({ date })))).toEqual([true, true, true]);
  });

  it("describe fields and closed-list values in Chinese by default, in English when asked", () => {
    const zh = JSON.parse(schemas.get("records.schema.json")!).properties.records.anyOf[0].items.properties;
    expect(zh.level.description).toBe("级别:校级、片级、区县级、市级、省级、国家级");
    expect(zh.level.enumDescriptions[zh.level.enum.indexOf("省级")]).toBe("省级(province)");
    expect(zh.level.enumDescriptions[zh.level.enum.indexOf("省")]).toBe("同「省级」(province)");
    const en = JSON.parse(jsonSchemas({ lang: "en" }).get("records.schema.json")!).properties.records.anyOf[0].items.properties;
    expect(en.date.description).toBe("date of the activity, YYYY-MM-DD, e.g. 2025-09-12");
    expect(en.kind).toEqual({ type: "string", minLength: 1, maxLength: 100, description: "activity kind: a kind id defined by the rules" });
  });

  it("tell a rule test from a rule file in rules/ by its cases:", () => {
    const ajv2 = new Ajv({ strict: false, allErrors: true });
    // As an editor loads them: side by side, the folder schema referring to the other two by relative path.
    // (The general schemas: a preset's tests use kinds other than the two above.)
    const general = jsonSchemas();
    for (const [file, text] of general) if (file !== "rules-folder.schema.json") ajv2.addSchema(JSON.parse(text), `file:///s/${file}`);
    const folder = ajv2.compile({ ...JSON.parse(general.get("rules-folder.schema.json")!), $id: "file:///s/rules-folder.schema.json" });
    const rules = parse(readFileSync(join(REPO_ROOT, "rules/xintian.yaml"), "utf8"));
    const tests = parse(readFileSync(join(REPO_ROOT, "rules/xintian.test.yaml"), "utf8"));
    expect([folder(rules), folder(tests), folder({ ...tests, cases: [{ name: "x", recordz: [] }] })]).toEqual([true, true, false]);
  });
});

describe("yanxiu schema", () => {
  it("rewrites .yanxiu/schema/ from the rules after a kind is added", async () => {
    const root = join(tempDir(), "school");
    made.push(join(root, ".."));
    expect((await runCli(["init", root, "--no-git", "--ci-package", "yanxiu@0.1.0"])).code).toBe(0);
    const kindsOf = () => JSON.parse(readFileSync(join(root, ".yanxiu/schema/records.schema.json"), "utf8")).properties.records.anyOf[0].items.properties.kind.enum as string[];
    expect(kindsOf()).toContain("observation");
    expect(kindsOf()).not.toContain("reading-notes");
    const rules = join(root, "rules/xintian.yaml");
    writeFileSync(rules, readFileSync(rules, "utf8").replace("kinds:\n", "kinds:\n  - { id: reading-notes, label: 读书笔记, labelEn: reading notes }\n"));
    const r = await runCli(["schema"], { cwd: root });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, "已在 .yanxiu/schema/ 写出 7 个 Schema,含规则中的 17 种活动类型\n", ""]);
    expect(kindsOf()).toContain("reading-notes");
    const settings = JSON.parse(readFileSync(join(root, ".vscode/settings.json"), "utf8"));
    expect(Object.keys(settings["yaml.schemas"])).toEqual([
      "./.yanxiu/schema/config.schema.json", "./.yanxiu/schema/roster.schema.json", "./.yanxiu/schema/records.schema.json",
      "./.yanxiu/schema/sessions.schema.json", "./.yanxiu/schema/rules-folder.schema.json",
    ]);
    expect(JSON.parse(readFileSync(join(root, ".vscode/extensions.json"), "utf8"))).toEqual({ recommendations: ["redhat.vscode-yaml"] });
  });

  it("outside a repository, needs --out", async () => {
    const r = await runCli(["schema", "--lang", "en"], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no yanxiu repository");
  });
});
