/**
 * The server keeps each teacher's activities in an index updated by every save
 * (src/serve/teacher-activities.ts, through src/serve/file-index.ts), so 我的研修 does not scan the
 * school's every activity. After saves of every sort — adds, one creating a new file between
 * others, a group session that gives several teachers an activity, a withdraw that moves the
 * records after it — the index must equal one from a fresh load of the files on disk, for every
 * teacher, and 我的研修 built from it must equal 我的研修 built from the fresh load.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { derivedRef } from "../../src/approval/ref.js";
import { loadRepo } from "../../src/pipeline/load.js";
import { myPage } from "../../src/serve/my-data.js";
import { Client, git, makeSchool, start, TODAY, withPasswords } from "./helpers.js";

describe("the per-teacher index after saves", () => {
  it("equals a fresh load's, for every teacher, and so does 我的研修", async () => {
    const root = makeSchool();
    // t03 has no file this term: the add creates one, which a load reads between t02's and t04's.
    rmSync(join(root, "records/2025-2026-2/t03.yaml"));
    git(root, "-c", "user.name=office", "-c", "user.email=office@example.org", "commit", "-qam", "t03 starts the term afresh");
    await withPasswords(root, ["t01", "t03", "t04", "t16", "t19"]);
    const { app, server } = start(root);
    const client = async (id: string) => {
      const c = new Client(app);
      await c.login(id);
      await c.get("/add?kind=observation");
      return c;
    };
    // Logging in shows 我的研修, which the server keeps (src/serve/my-page-memo.ts) until the teacher's activities change.
    const [t01, t03, t04, t16, t19] = [await client("t01"), await client("t03"), await client("t04"), await client("t16"), await client("t19")];
    expect(server.pages.size).toBe(5);
    const loaded = server.state.current();
    const before = server.state.lookupFor(loaded.dataset!)!.activitiesOf("t19").length;

    const add = (c: Client, title: string) => c.post("/add", { kind: "observation", date: "2026-04-15", title, count: "1" }, { csrf: c.csrf() });
    const saved = await Promise.all([add(t16, "索引一"), add(t03, "新文件"), add(t01, "要撤回的"), add(t16, "索引二")]);
    expect(saved.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect((await add(t01, "撤回后前移的")).status).toBe(200);
    await t04.get("/leader");
    const session = await t04.post("/leader", { group: "arts", kind: "group-discussion", date: "2026-04-14", title: "索引测试研讨", hours: "2", lead: "t04", "att:t04": "出勤", "att:t19": "迟到" });
    expect(session.status, session.text).toBe(303);
    const ref = derivedRef("record", "t01", "2026-04-15", "observation", "要撤回的");
    const ask = await t01.get(`/records/withdraw?ref=${encodeURIComponent(ref)}`);
    const form = new RegExp(`<form method="post" action="/records/withdraw"[^>]*>\\s*<input type="hidden" name="_csrf" value="([^"]+)"><input type="hidden" name="ref" value="${ref}"><input type="hidden" name="version" value="([0-9a-f]+)">`).exec(ask.text)!;
    const withdrawn = await t01.post("/records/withdraw", { _csrf: form[1]!, ref, version: form[2]! }, { csrf: null });
    expect(withdrawn.status, withdrawn.text).toBe(303);
    // The leader of 语文组 approves one of t16's new records: only its status changes.
    await t01.get("/review");
    const approved = await t01.post("/review", { action: "approve", ref: derivedRef("record", "t16", "2026-04-15", "observation", "索引一") });
    expect(approved.status, approved.text).toBe(303);

    // No reload happened: the index was kept in step by the saves themselves.
    const state = server.state.current();
    expect(state).toBe(loaded);
    const lookup = server.state.lookupFor(state.dataset!)!;
    expect(lookup).toBeDefined();
    expect(lookup.activitiesOf("t19").length).toBe(before + 1);

    const fresh = loadRepo(root);
    expect(fresh.dataset!.activities.filter((a) => a.title === "索引测试研讨").map((a) => a.teacher)).toEqual(["t04", "t19"]);
    for (const t of fresh.dataset!.roster.teachers) {
      expect(lookup.activitiesOf(t.id), t.id).toEqual(fresh.dataset!.activities.filter((a) => a.teacher === t.id));
      expect(lookup.teacher(t.id)).toEqual(t);
    }
    for (const id of ["t01", "t03", "t04", "t16", "t19"]) {
      expect(myPage(state.dataset!, state.scheme!, id, TODAY, "zh", { lookup }), id).toEqual(myPage(fresh.dataset!, fresh.scheme!, id, TODAY, "zh"));
    }
    expect(myPage(state.dataset!, state.scheme!, "t01", TODAY, "zh", { lookup })!.records.map((r) => r.title)).toContain("撤回后前移的");
    expect(myPage(state.dataset!, state.scheme!, "t01", TODAY, "zh", { lookup })!.records.map((r) => r.title)).not.toContain("要撤回的");

    // 我的研修 as the running server shows it (kept pages included) equals a fresh server's, for
    // every teacher whose page was kept before the changes, and for one who never changed.
    const { app: freshApp } = start(root);
    const shown = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf" value=""');
    for (const [id, c] of [["t01", t01], ["t03", t03], ["t04", t04], ["t16", t16], ["t19", t19]] as const) {
      const other = new Client(freshApp);
      await other.login(id);
      const [now, fresh] = [await c.get("/"), await other.get("/")];
      expect(now.status).toBe(200);
      expect(shown(now.text), id).toBe(shown(fresh.text));
    }
    const t16page = shown((await t16.get("/")).text);
    expect(t16page).toMatch(/<div>索引一<\/div>/);
    // The approval shows on the kept page's successor: 索引一's row carries the 审定 badge.
    const row = t16page.split("<li ").find((x) => x.includes("<div>索引一</div>"));
    expect(row).toContain('<span class="badge approved">审定</span>');
  });
});
