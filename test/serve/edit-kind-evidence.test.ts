/**
 * Editing a record's kind and its evidence from the web page: the new kind's fields shown and
 * checked as add checks them, the old kind's fields dropped; evidence files added (the add form's
 * checks) and taken off, the file and the record change in one commit by the teacher.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { derivedRef } from "../../src/approval/ref.js";
import { Client, git, makeSchool, start, withPasswords } from "./helpers.js";

let root: string;
let app: ReturnType<typeof start>["app"];
const T16 = "records/2025-2026-2/t16.yaml";
const ADDED = "  - date: 2026-04-15\n    kind: observation\n    title: 听课记错了\n    count: 3\n";
const REF = derivedRef("record", "t16", "2026-04-15", "observation", "听课记错了");
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 3]);
const PDF = Buffer.from("%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\n", "latin1");
let afterAdd: string;

beforeEach(async () => {
  root = makeSchool();
  await withPasswords(root, ["t16", "t02"]);
  ({ app } = start(root, { maxUploadBytes: 64 * 1024 }));
  const t16 = new Client(app);
  await t16.login("t16");
  await t16.get("/add?kind=observation");
  expect((await t16.post("/add", { kind: "observation", date: "2026-04-15", title: "听课记错了", count: "3" })).status).toBe(200);
  afterAdd = readFileSync(join(root, T16), "utf8");
  expect(afterAdd.endsWith(ADDED)).toBe(true);
});

const file = () => readFileSync(join(root, T16), "utf8");
const head = () => git(root, "rev-parse", "HEAD").trim();
const evidenceFiles = () => readdirSync(join(root, "evidence/t16")).sort();

async function teacher(id = "t16"): Promise<Client> {
  const c = new Client(app);
  await c.login(id);
  return c;
}

describe("changing the kind of my record", () => {
  it("?kind= shows the new kind's fields with what the record has; saving drops the old kind's field, in one commit by me", async () => {
    const c = await teacher();
    const same = await c.get(`/records/edit?ref=${REF}`);
    // The chooser belongs to the record form, so changing the kind posts what was typed.
    expect(same.text).toMatch(/<select id="newkind" name="newkind" form="record-form"[^>]*>.*<option value="observation" selected>听课\/观课议课<\/option>/s);
    expect(same.text).toContain('<button class="secondary" type="submit" form="record-form" name="switch" value="1" formnovalidate>换成这个类型</button>');
    expect(same.text).toContain('<form class="card" id="record-form" method="post" action="/records/edit"');
    expect(same.text).toContain('id="count"');

    const form = await c.get(`/records/edit?ref=${REF}&kind=lesson-award`);
    expect(form.status).toBe(200);
    expect(form.text).toContain("编辑记录: 课堂教学评选获奖");
    expect(form.text).toContain('<option value="lesson-award" selected>');
    expect(form.text).toContain("类型将由「听课/观课议课」改为「课堂教学评选获奖」,保存后生效;保存时去掉:数量(节/次) 3");
    expect(form.text).toContain('<select id="level" name="level" required>');
    expect(form.text).toContain('<select id="award" name="award" required>');
    expect(form.text).not.toContain('id="count"');
    expect(form.text).toContain('value="听课记错了"');
    expect(c.hidden("kind")).toBe("lesson-award");

    const before = head();
    const r = await c.post("/records/edit", { ref: REF, version: c.hidden("version"), kind: "lesson-award", date: "2026-04-15", title: "优质课评比《秋天》", level: "区县级", award: "二等奖", count: "3" });
    expect(r.status, r.text).toBe(303);
    expect(file()).toBe(afterAdd.replace(ADDED, `  - date: 2026-04-15\n    kind: lesson-award\n    title: 优质课评比《秋天》\n    level: 区县级\n    award: 二等奖\n    id: ${REF}\n`));
    expect(git(root, "rev-list", "--count", `${before}..HEAD`).trim()).toBe("1");
    expect(git(root, "log", "-1", "--format=%an|%cn|%s").trim()).toBe("刘娟|yanxiu serve|edit: t16 优质课评比《秋天》 2026-04-15 (web)");
    expect(git(root, "show", "--name-only", "--format=", "HEAD").trim()).toBe(T16);
    const me = await c.get("/");
    const line = /<li data-ref="[^"]+">(?:(?!<\/li>).)*优质课评比《秋天》(?:(?!<\/li>).)*<\/li>/s.exec(me.text)?.[0] ?? "";
    expect(line).toContain("2026-04-15 · 课堂教学评选获奖");
    expect(line).toContain("录入");
  });

  it("换成这个类型 keeps what was typed, shows the new kind's fields and saves nothing; the save after it drops the old kind's field", async () => {
    const c = await teacher();
    await c.get(`/records/edit?ref=${REF}`);
    const before = head();
    const version = c.hidden("version");
    const typed = { ref: REF, version, kind: "observation", newkind: "lesson-award", switch: "1", date: "2026-04-16", title: "优质课评比《秋天》(未保存)", count: "3", notes: "区教研室组织", level: "市级" };
    const r = await c.post("/records/edit", typed);
    expect(r.status, r.text).toBe(200);
    expect(r.text).toContain("编辑记录: 课堂教学评选获奖");
    expect(r.text).toContain("类型将由「听课/观课议课」改为「课堂教学评选获奖」,保存后生效;保存时去掉:数量(节/次) 3");
    expect(r.text).toContain('value="优质课评比《秋天》(未保存)"');
    expect(r.text).toContain('value="2026-04-16"');
    expect(r.text).toContain('value="区教研室组织"');
    // The level typed (市级) is kept as the new kind's choice; count is not one of its fields.
    expect(r.text).toMatch(/<select id="level" name="level" required>(?:(?!<\/select>).)*<option value="[^"]*" selected>市级<\/option>/s);
    expect(r.text).not.toContain('id="count"');
    expect(c.hidden("kind")).toBe("lesson-award");
    expect(c.hidden("version")).toBe(version);
    expect(file()).toBe(afterAdd);
    expect(head()).toBe(before);

    // A file chosen before the switch is not kept (a file input cannot be refilled): the page says so, nothing is written.
    const evidenceBefore = existsSync(join(root, "evidence/t16")) ? evidenceFiles() : [];
    const withFile = await c.post("/records/edit", { ...typed, evidence: new File([JPEG], "cert.jpg", { type: "image/jpeg" }) }, { multipart: true });
    expect(withFile.status).toBe(200);
    expect(withFile.text).toContain("换了类型,要上传的文件请重新选择");
    expect(existsSync(join(root, "evidence/t16")) ? evidenceFiles() : []).toEqual(evidenceBefore);
    expect(head()).toBe(before);

    const saved = await c.post("/records/edit", { ref: REF, version: c.hidden("version"), kind: "lesson-award", date: "2026-04-16", title: "优质课评比《秋天》", level: "市级", award: "一等奖", notes: "区教研室组织" });
    expect(saved.status, saved.text).toBe(303);
    expect(file()).toBe(afterAdd.replace(ADDED, `  - date: 2026-04-16\n    kind: lesson-award\n    title: 优质课评比《秋天》\n    level: 市级\n    award: 一等奖\n    notes: 区教研室组织\n    id: ${REF}\n`));
  });

  it("the new kind's fields are checked as add checks them: an unknown level and a bad number beside their fields, nothing written", async () => {
    const c = await teacher();
    await c.get(`/records/edit?ref=${REF}&kind=lesson-award`);
    const before = head();
    const r = await c.post("/records/edit", { ref: REF, version: c.hidden("version"), kind: "lesson-award", date: "2026-04-15", title: "优质课评比", level: "国际级", award: "二等奖" });
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/<select id="level" name="level" required>(?:(?!<\/select>).)*<\/select><p class="err" role="alert">[^<]*国际级/s);
    await c.get(`/records/edit?ref=${REF}&kind=study-plan`);
    const n = await c.post("/records/edit", { ref: REF, version: c.hidden("version"), kind: "study-plan", date: "2026-04-15", title: "研修计划", score: "五分" });
    expect(n.status).toBe(400);
    expect(n.text).toMatch(/id="score"[^>]*>\s*<p class="err" role="alert">应为数字,而不是「五分」<\/p>/);
    expect(file()).toBe(afterAdd);
    expect(head()).toBe(before);
  });

  it("a session kind (the leader's) or an unknown kind is refused", async () => {
    const c = await teacher();
    await c.get(`/records/edit?ref=${REF}`);
    const before = head();
    for (const kind of ["group-discussion", "no-such-kind"]) {
      const r = await c.post("/records/edit", { ref: REF, version: c.hidden("version"), kind, date: "2026-04-15", title: "听课记错了", hours: "2" }, { csrf: c.csrf() });
      expect(r.status).toBe(403);
      await c.get(`/records/edit?ref=${REF}`);
    }
    // Asking the page for them shows the record's own kind.
    expect((await c.get(`/records/edit?ref=${REF}&kind=group-discussion`)).text).toContain('<option value="observation" selected>');
    expect(file()).toBe(afterAdd);
    expect(head()).toBe(before);
  });
});

describe("the evidence of my record", () => {
  it("a photo added: the file under evidence/t16/ and the record's line in one commit by me; then a PDF added and the photo taken off", async () => {
    const c = await teacher();
    await c.get(`/records/edit?ref=${REF}`);
    const before = head();
    const r = await c.post("/records/edit", { ref: REF, version: c.hidden("version"), kind: "observation", date: "2026-04-15", title: "听课记错了", count: "3", evidence: new File([JPEG], "评课记录.jpg", { type: "image/jpeg" }) });
    expect(r.status, r.text).toBe(303);
    const photo = "evidence/t16/2026-04-15-评课记录.jpg";
    expect(readFileSync(join(root, photo)).equals(JPEG)).toBe(true);
    expect(file()).toBe(afterAdd.replace(ADDED, `${ADDED}    evidence: ${photo}\n    id: ${REF}\n`));
    expect(git(root, "rev-list", "--count", `${before}..HEAD`).trim()).toBe("1");
    expect(git(root, "log", "-1", "--format=%an|%s").trim()).toBe("刘娟|edit: t16 听课记错了 2026-04-15 (web)");
    expect(git(root, "show", "--name-only", "--format=", "HEAD").trim().split("\n").sort()).toEqual([photo, T16]);

    // The form lists it with a box to take it off; a PDF comes in, the photo goes.
    const form = await c.get(`/records/edit?ref=${REF}`);
    expect(form.text).toContain(`<input type="checkbox" name="remove" value="${photo}" > 去掉 2026-04-15-评课记录.jpg`);
    const pdf = "evidence/t16/2026-04-15-说明.pdf";
    const r2 = await c.post("/records/edit", { ref: REF, version: c.hidden("version"), kind: "observation", date: "2026-04-15", title: "听课记错了", count: "3", remove: photo, evidence: new File([PDF], "说明.pdf", { type: "application/pdf" }) });
    expect(r2.status, r2.text).toBe(303);
    expect(file()).toBe(afterAdd.replace(ADDED, `${ADDED}    evidence: ${pdf}\n    id: ${REF}\n`));
    expect(git(root, "show", "--name-only", "--format=", "HEAD").trim().split("\n").sort()).toEqual([pdf, T16]);
    // The photo stays in the tree and in history; no record names it, so the page no longer serves it.
    expect(existsSync(join(root, photo))).toBe(true);
    expect(git(root, "ls-files", photo).trim()).toBe(photo);

    // Both taken off: the field goes.
    await c.get(`/records/edit?ref=${REF}`);
    expect((await c.post("/records/edit", { ref: REF, version: c.hidden("version"), kind: "observation", date: "2026-04-15", title: "听课记错了", count: "3", remove: pdf })).status).toBe(303);
    expect(file()).toBe(afterAdd.replace(ADDED, `${ADDED}    id: ${REF}\n`));
  });

  it("two files at once onto a record that has one: a block list", async () => {
    const c = await teacher();
    await c.get(`/records/edit?ref=${REF}`);
    await c.post("/records/edit", { ref: REF, version: c.hidden("version"), kind: "observation", date: "2026-04-15", title: "听课记错了", count: "3", evidence: new File([JPEG], "a.jpg") });
    await c.get(`/records/edit?ref=${REF}`);
    const r = await c.post("/records/edit", { ref: REF, version: c.hidden("version"), kind: "observation", date: "2026-04-15", title: "听课记错了", count: "3", evidence: [new File([JPEG], "b.jpg"), new File([PDF], "c.pdf")] }, { multipart: true });
    expect(r.status, r.text).toBe(303);
    expect(file()).toBe(afterAdd.replace(ADDED, `${ADDED}    evidence:\n      - evidence/t16/2026-04-15-a.jpg\n      - evidence/t16/2026-04-15-b.jpg\n      - evidence/t16/2026-04-15-c.pdf\n    id: ${REF}\n`));
  });

  it("the add form's checks refuse a wrong type, a name with a path and an oversized file; nothing written", async () => {
    const c = await teacher();
    await c.get(`/records/edit?ref=${REF}`);
    const before = head();
    const listed = evidenceFiles();
    const cases: [File, string][] = [
      [new File([Buffer.from("not a photo")], "证书.jpg", { type: "image/jpeg" }), "「证书.jpg」不是照片(JPEG/PNG/HEIC)或 PDF"],
      [new File([JPEG], "../../roster.jpg", { type: "image/jpeg" }), "带有路径,拒绝上传"],
      [new File([JPEG, Buffer.alloc(70 * 1024)], "大.jpg", { type: "image/jpeg" }), "每个文件不超过"],
    ];
    for (const [upload, message] of cases) {
      const r = await c.post("/records/edit", { ref: REF, version: c.hidden("version"), kind: "observation", date: "2026-04-15", title: "听课记错了", count: "3", evidence: upload });
      expect(r.status).toBe(400);
      expect(r.text).toMatch(new RegExp(`id="evidence"[^>]*>\\s*<p class="muted">[^<]*</p><p class="err" role="alert">[^<]*${message.replace(/[()]/g, "\\$&")}`));
    }
    expect(file()).toBe(afterAdd);
    expect(evidenceFiles()).toEqual(listed);
    expect(head()).toBe(before);
  });

  it("taking off a file the record does not name is refused (a tampered form)", async () => {
    const c = await teacher();
    await c.get(`/records/edit?ref=${REF}`);
    const before = head();
    const r = await c.post("/records/edit", { ref: REF, version: c.hidden("version"), kind: "observation", date: "2026-04-15", title: "听课记错了", count: "3", remove: "evidence/t16/2026-03-02-记录册.txt" });
    expect(r.status).toBe(409);
    expect(r.text).toContain("要去掉的证明材料已不在这条记录上,没有保存");
    expect(file()).toBe(afterAdd);
    expect(head()).toBe(before);
  });
});

describe("a stale or foreign edit is refused, nothing written", () => {
  it("the record changed on disk after the form was opened (same ref): 409, file byte-identical, no new evidence file", async () => {
    const c = await teacher();
    await c.get(`/records/edit?ref=${REF}`);
    const changed = afterAdd.replace(ADDED, ADDED.replace("count: 3", "count: 4"));
    writeFileSync(join(root, T16), changed);
    const before = head();
    const listed = evidenceFiles();
    const r = await c.post("/records/edit", { ref: REF, version: c.hidden("version"), kind: "lesson-award", date: "2026-04-15", title: "改类型", level: "区县级", award: "一等奖", evidence: new File([JPEG], "证书.jpg") });
    expect(r.status).toBe(409);
    expect(r.text).toContain("这条记录在页面打开之后被修改过(别处或另一个窗口),没有保存");
    expect(file()).toBe(changed);
    expect(evidenceFiles()).toEqual(listed);
    expect(head()).toBe(before);
  });

  it("another teacher changing my record's kind or evidence", async () => {
    const owner = await teacher();
    await owner.get(`/records/edit?ref=${REF}`);
    const version = owner.hidden("version");
    const c = await teacher("t02");
    const before = head();
    expect((await c.get(`/records/edit?ref=${REF}&kind=paper`)).status).toBe(403);
    const r = await c.post("/records/edit", { ref: REF, version, kind: "paper", date: "2026-04-15", title: "改别人的", level: "区县级", award: "一等奖", evidence: new File([JPEG], "x.jpg") });
    expect(r.status).toBe(403);
    expect(file()).toBe(afterAdd);
    expect(existsSync(join(root, "evidence/t02/2026-04-15-x.jpg"))).toBe(false);
    expect(existsSync(join(root, "evidence/t16/2026-04-15-x.jpg"))).toBe(false);
    expect(head()).toBe(before);
  });
});
