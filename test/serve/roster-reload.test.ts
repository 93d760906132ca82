/**
 * The checks build the roster's lookups once per roster read (src/roster-lookup.ts), so the web
 * server's two checks per save do not rebuild them from 2,000 teachers. A roster edited by hand
 * while the server runs must be seen by the next save: the server's state (src/serve/state.ts)
 * notices the edit, loads again, and the save is checked against the new roster, exactly as
 * `yanxiu add` checks it. Here a session names t90, who is not in the roster (unknown-teacher);
 * a hand edit adds t90 to another group (attendance-not-member); a second edit moves t90 into the
 * session's group (no problem).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RepoState } from "../../src/serve/state.js";
import { validateInState } from "../../src/serve/validate.js";
import { validateWrite } from "../../src/add/validate.js";
import { mergeItem } from "../../src/add/merge.js";
import { render } from "../../src/messages/index.js";
import type { Problem } from "../../src/problem.js";
import type { LoadedRepo } from "../../src/pipeline/load.js";
import { DEMO, TODAY } from "./helpers.js";

const ARTS = "sessions/2025-2026-2/arts.yaml";
const NEW_TEACHER = `  - id: t90
    name: 新来的
    groups:
      - GROUP
    roles: []
    emails:
      - t90@example.org
    joined: 2025-08-20
`;

let root = "";
let state: RepoState;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "yanxiu-roster-reload-"));
  cpSync(DEMO, root, { recursive: true });
  state = new RepoState(root, "zh");
  state.start();
});

afterAll(() => {
  state.stop();
  rmSync(root, { recursive: true, force: true });
});

/** The arts session file with one more session, t90 on its attendance. */
function sessionText(): string {
  const r = mergeItem(readFileSync(join(root, ARTS), "utf8"), { listKey: "sessions", ownerKey: "group", owner: "arts" },
    { date: "2026-03-16", kind: "collective-prep", title: "集体备课：新同事", hours: 2, lead: "t19", attendance: { t19: "出勤", t90: "出勤" } });
  if (!r.ok) throw new Error(`merge: ${r.reason}`);
  return r.text;
}

const summary = (ps: Problem[]) => ps.map((p) => `${p.check}: ${render(p.message, "zh")}`).sort();

/** What the server finds for the save, and what add finds loading the whole school again. */
function bothWays(repo: LoadedRepo): { serve: string[]; add: string[] } {
  const text = sessionText();
  const serve = validateInState(repo, state.index(), ARTS, readFileSync(join(root, ARTS)), text, TODAY).introduced;
  const add = validateWrite(repo, ARTS, text, "zh", TODAY).introduced;
  return { serve: summary(serve), add: summary(add) };
}

/** Hand-edit the roster and wait for the server's state to load it again (its watcher marks it stale). */
async function editRoster(group: string, before: LoadedRepo): Promise<LoadedRepo> {
  const roster = readFileSync(join(root, "roster.yaml"), "utf8").replace(/  - id: t90\n(?: {4}.*\n| {6}.*\n)*/, "");
  writeFileSync(join(root, "roster.yaml"), `${roster}${NEW_TEACHER.replace("GROUP", group)}`);
  const deadline = Date.now() + 10_000;
  while (state.current() === before) {
    if (Date.now() > deadline) throw new Error("the roster edit was not noticed");
    await new Promise((r) => setTimeout(r, 50));
  }
  return state.current();
}

describe("a roster edited by hand is what the next save is checked against", () => {
  it("unknown, then in another group, then a member: each save's problems follow the roster on disk, as add's do", async () => {
    const first = state.current();
    const unknown = bothWays(first);
    expect(unknown.serve).toEqual(unknown.add);
    expect(unknown.serve).toEqual(["unknown-teacher: 名册中没有教师「t90」"]);

    const inMath = await editRoster("math", first);
    expect(inMath.dataset!.roster).not.toBe(first.dataset!.roster);
    const elsewhere = bothWays(inMath);
    expect(elsewhere.serve).toEqual(elsewhere.add);
    expect(elsewhere.serve).toEqual(["attendance-not-member: 新来的(t90)不是「综合组（音体美）」的成员"]);

    const inArts = await editRoster("arts", inMath);
    const member = bothWays(inArts);
    expect(member.serve).toEqual(member.add);
    expect(member.serve).toEqual([]);
  });
});
