import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { derivedRef } from "../../src/approval/ref.js";
import { Client, git, makeSchool, start, withPasswords } from "./helpers.js";

let root: string;
let app: ReturnType<typeof start>["app"];
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 3]);
/** t16's record added below, with a photo, waiting for its leader t01. */
const REF = derivedRef("record", "t16", "2026-04-10", "paper", "识字教学论文");
/** t16's approved public lesson of the demo school, with two text files as evidence. */
const LESSON = derivedRef("record", "t16", "2026-04-24", "public-lesson", "校级公开课《观潮》（四年级语文）");

beforeEach(async () => {
  root = makeSchool();
  await withPasswords(root, ["t01", "t16", "t06", "t17", "t11", "t02"]);
  ({ app } = start(root));
  const t16 = new Client(app);
  await t16.login("t16");
  await t16.get("/add?kind=paper");
  const r = await t16.post("/add", { kind: "paper", date: "2026-04-10", title: "识字教学论文", level: "区县级", award: "一等奖", evidence: new File([JPEG], "获奖证书.jpg", { type: "image/jpeg" }) });
  expect(r.status, r.text).toBe(200);
});

async function as(who: string): Promise<Client> {
  const c = new Client(app);
  await c.login(who);
  return c;
}

describe("evidence in 审核", () => {
  it("the queue links each record's evidence; the leader opens the photo: type from its bytes, inline, nosniff", async () => {
    const leader = await as("t01");
    const q = await leader.get("/review");
    expect(q.text).toContain(`<a href="/evidence/${REF}/0" target="_blank" rel="noopener">2026-04-10-获奖证书.jpg</a>`);
    const res = await leader.request(`/evidence/${REF}/0`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("content-disposition")).toBe(`inline; filename="2026-04-10-____.jpg"; filename*=UTF-8''2026-04-10-%E8%8E%B7%E5%A5%96%E8%AF%81%E4%B9%A6.jpg`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await res.arrayBuffer())).toEqual(JPEG);
  });

  it("the owner finds the link on 我的研修", async () => {
    const me = await (await as("t16")).get("/");
    expect(me.text).toContain(`证明材料: <a href="/evidence/${REF}/0">2026-04-10-获奖证书.jpg</a>`);
  });

  it("the owner and the office may open it; a text file is only downloaded, as octet-stream", async () => {
    for (const who of ["t16", "t06"]) {
      const res = await (await as(who)).request(`/evidence/${REF}/0`);
      expect(res.status, who).toBe(200);
    }
    const office = await as("t06");
    const txt = await office.request(`/evidence/${LESSON}/1`);
    expect(txt.status).toBe(200);
    expect(txt.headers.get("content-type")).toBe("application/octet-stream");
    expect(txt.headers.get("content-disposition")).toBe(`attachment; filename="2026-04-24-slides.txt"; filename*=UTF-8''2026-04-24-slides.txt`);
    expect(Buffer.from(await txt.arrayBuffer())).toEqual(readFileSync(join(root, "evidence/t16/2026-04-24-slides.txt")));
  });

  it("refused to a member of the same group, another group's leader, another teacher, and without login", async () => {
    for (const who of ["t17", "t11", "t02"]) {
      const c = await as(who);
      const res = await c.request(`/evidence/${REF}/0`);
      expect(res.status, who).toBe(403);
      expect(Buffer.from(await res.arrayBuffer()).includes(JPEG)).toBe(false);
    }
    const anon = new Client(app);
    const res = await anon.request(`/evidence/${REF}/0`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login");
  });

  it("no such file number, or an unknown ref: nothing served", async () => {
    const leader = await as("t01");
    expect((await leader.request(`/evidence/${REF}/1`)).status).toBe(404);
    expect((await leader.request(`/evidence/${REF}/-1`)).status).toBe(404);
    expect((await leader.request(`/evidence/0123456789ab/0`)).status).toBe(403);
  });
});

describe("evidence paths that lead elsewhere are never served", () => {
  const HOSTILE = "records/2025-2026-2/t24.yaml";
  it("a record naming ../ or a symlink to a file outside evidence/", async () => {
    // Written by hand into a teacher's file (check reports these; the page must refuse them anyway).
    symlinkSync("/etc/passwd", join(root, "evidence/t24/link.jpg"));
    writeFileSync(join(root, HOSTILE), readFileSync(join(root, HOSTILE), "utf8")
      + "  - date: 2026-04-01\n    kind: reflection\n    title: 越界一\n    words: 900\n    evidence: evidence/t24/../../roster.yaml\n"
      + "  - date: 2026-04-02\n    kind: reflection\n    title: 越界二\n    words: 900\n    evidence: evidence/t24/link.jpg\n");
    ({ app } = start(root));
    const office = await as("t06");
    for (const [title, date] of [["越界一", "2026-04-01"], ["越界二", "2026-04-02"]] as const) {
      const res = await office.request(`/evidence/${derivedRef("record", "t24", date, "reflection", title)}/0`);
      expect([403, 404]).toContain(res.status);
      const body = Buffer.from(await res.arrayBuffer()).toString("utf8");
      expect(body).not.toContain("teachers:");
      expect(body).not.toContain("root:");
    }
    expect(git(root, "status", "--porcelain")).toContain("t24.yaml");
  });
});
