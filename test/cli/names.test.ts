/** Names wherever an id is expected (src/input/names.ts): the same output as the id, in every command that takes one. */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { DEMO_SCHOOL } from "../helpers/temp-repo.js";

const year = [DEMO_SCHOOL, "--year", "2025-2026"];
const env = { YANXIU_TODAY: "2026-04-20" };

describe("teachers and groups by name", () => {
  it("score --teacher 张明 and --group 英语教研组 give what t10 and english give", async () => {
    const byId = await runCli(["score", ...year, "--teacher", "t10", "--format", "json"], { env });
    const byName = await runCli(["score", ...year, "--teacher", "张明", "--format", "json"], { env });
    expect(byId.code).toBe(0);
    expect(byName.stdout).toBe(byId.stdout);
    // The group is called 英语组; 英语教研组 names it with the other type word.
    const group = await runCli(["score", ...year, "--group", "english", "--format", "csv"], { env });
    expect((await runCli(["score", ...year, "--group", "英语教研组", "--format", "csv"], { env })).stdout).toBe(group.stdout);
  });

  it("summary --group by name, explain by a full-width id", async () => {
    const group = await runCli(["summary", ...year, "--group", "english", "--format", "json"], { env });
    expect((await runCli(["summary", ...year, "--group", "英语组", "--format", "json"], { env })).stdout).toBe(group.stdout);
    const explained = await runCli(["explain", "t10", ...year], { env });
    expect(explained.code).toBe(0);
    expect((await runCli(["explain", "ｔ１０", ...year], { env })).stdout).toBe(explained.stdout);
  });

  it("review --as by name acts as that teacher; a name not in the roster is refused with the closest", async () => {
    const byId = await runCli(["review", DEMO_SCHOOL, "--as", "t01", "--format", "json"], { env });
    expect(byId.code).toBe(0);
    expect((await runCli(["review", DEMO_SCHOOL, "--as", "黄敏斌", "--format", "json"], { env })).stdout).toBe(byId.stdout);
    const typo = await runCli(["review", DEMO_SCHOOL, "--as", "黄敏"], { env });
    expect([typo.code, typo.stderr]).toEqual([2, "yanxiu: --as 黄敏:名册里没有教师「黄敏」;是不是 黄敏斌(t01)?\n"]);
  });
});
