/**
 * appendPlain (the fast reader's way, no full parse) must write exactly what mergeDocument (the
 * full parser's way) writes, on every record and session file of the demo school and on files
 * written by hand, or step aside for it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appendPlain, mergeDocument, mergeItem, type MergeTarget } from "./merge.js";
import { fastParseYaml } from "../repo/fast-yaml.js";

const DEMO = join(import.meta.dirname, "../../examples/demo-school");
const ITEMS: Record<string, unknown>[] = [
  { date: "2026-04-15", kind: "observation", title: "听课 四月", count: 1 },
  { date: "2026-04-16", kind: "public-lesson", title: "公开课: 「分数」#2", level: "校级", evidence: ["evidence/t01/a.pdf", "evidence/t01/b 2.jpg"] },
  { date: "2026-04-17", kind: "reading", title: "123", words: 3000, notes: "yes" },
];

function demoFiles(): { file: string; text: string; target: MergeTarget }[] {
  const out: { file: string; text: string; target: MergeTarget }[] = [];
  for (const [folder, listKey, ownerKey] of [["records", "records", "teacher"], ["sessions", "sessions", "group"]] as const) {
    for (const term of readdirSync(join(DEMO, folder))) {
      for (const name of readdirSync(join(DEMO, folder, term))) {
        const file = `${folder}/${term}/${name}`;
        out.push({ file, text: readFileSync(join(DEMO, file), "utf8"), target: { listKey, ownerKey, owner: name.replace(/\.yaml$/, "") } });
      }
    }
  }
  return out;
}

describe("appendPlain", () => {
  it("writes what mergeDocument writes, on every file of the demo school, and takes nearly all of them", () => {
    const files = demoFiles();
    let taken = 0;
    for (const { file, text, target } of files) {
      for (const item of ITEMS) {
        const full = mergeDocument(text, target, item);
        const plain = appendPlain(text, target, item);
        if (!plain) continue;
        taken++;
        expect(full.ok, file).toBe(true);
        expect(plain.ok && plain.text, `${file} ${item.title}`).toBe(full.ok && full.text);
      }
    }
    expect(files.length).toBeGreaterThan(60);
    // The item with evidence is written as a flow list (`evidence: [a, b]`), which the fast reader leaves to the full parser.
    expect(taken).toBeGreaterThan(files.length * 2 * 0.9);
  });

  const target: MergeTarget = { listKey: "records", ownerKey: "teacher", owner: "t01" };
  const body = "teacher: t01\nrecords:\n  - date: 2026-03-02\n    kind: observation\n    title: 一\n";
  it.each([
    ["a comment after the list", `${body}# 备注\n`],
    ["a blank line at the end", `${body}\n`],
    ["no newline at the end", body.slice(0, -1)],
    ["CRLF", body.replace(/\n/g, "\r\n")],
    ["a key after the list", `${body}notes: x\n`],
    ["an empty list", "teacher: t01\nrecords: []\n"],
    ["another owner", body.replace("t01", "t02")],
    ["a flow list", "teacher: t01\nrecords: [{date: 2026-03-02, kind: observation, title: 一}]\n"],
  ])("steps aside for %s; mergeItem still gives mergeDocument's answer", (_name, text) => {
    expect(appendPlain(text, target, ITEMS[0]!)).toBeUndefined();
    expect(mergeItem(text, target, ITEMS[0]!)).toEqual(mergeDocument(text, target, ITEMS[0]!));
  });

  it.each([
    ["two-space items", body],
    ["items at the key's column", body.replace(/\n {2}- /g, "\n- ").replace(/\n {4}/g, "\n  ")],
    ["four-space fields", body.replace(/\n {4}/g, "\n      ").replace(/\n {2}- /g, "\n  -   ")],
    ["a comment inside the list", body.replace("  - date", "  # 三月\n  - date")],
  ])("%s: the same bytes as mergeDocument", (_name, text) => {
    for (const item of ITEMS) {
      const plain = appendPlain(text, target, item);
      const full = mergeDocument(text, target, item);
      if (plain) expect(plain.ok && plain.text).toBe(full.ok && full.text);
    }
    expect(appendPlain(text, target, ITEMS[0]!)).toBeDefined();
  });

  it("the plain way is taken for a plain file, and the result ends with the item", () => {
    const r = appendPlain(body, target, ITEMS[0]!);
    const text = `${body}  - date: 2026-04-15\n    kind: observation\n    title: 听课 四月\n    count: 1\n`;
    expect(r).toMatchObject({ ok: true, how: "append", text });
    // With the fast reader's reading of exactly that text.
    expect(r?.ok && r.read?.text).toBe(text);
    expect(r?.ok && r.read?.parse.data).toEqual(fastParseYaml(text)!.data);
  });
});

describe("appendPlain with the data already read (the web server's held files)", () => {
  const one = demoFiles().find((f) => f.file.startsWith("records/"))!;
  const data = fastParseYaml(one.text)!.data;

  it("the same answer as reading it again, for every item; data of another text is not used", () => {
    expect(appendPlain(one.text, one.target, ITEMS[0]!)?.ok).toBe(true);
    for (const item of ITEMS) {
      // undefined too when the fast reader does not take the result (then mergeDocument writes it, either way).
      const again = appendPlain(one.text, one.target, item);
      expect(appendPlain(one.text, one.target, item, { text: one.text, data })).toEqual(again);
      expect(appendPlain(one.text, one.target, item, { text: `${one.text}# later\n`, data: { teacher: "someone else" } })).toEqual(again);
    }
  });

  it("data that does not match the text cannot make a wrong file: the result is read back, and the full parser's way takes over", () => {
    const item = ITEMS[0]!;
    const wrong = { text: one.text, data: { ...data, records: [] } };
    expect(appendPlain(one.text, one.target, item, wrong)).toBeUndefined();
    const merged = mergeItem(one.text, one.target, item, wrong);
    expect(merged).toMatchObject({ ok: true, how: "document" });
    expect(merged.ok && merged.text).toBe(mergeDocument(one.text, one.target, item).ok && (mergeDocument(one.text, one.target, item) as { text: string }).text);
    // Another owner in the data: refused by the check of the owner, then the full parser sees the real owner.
    expect(appendPlain(one.text, one.target, item, { text: one.text, data: { ...data, teacher: "t99" } })).toBeUndefined();
  });
});
