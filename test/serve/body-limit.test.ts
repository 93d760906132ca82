/**
 * Over a real socket (@hono/node-server, as `yanxiu serve` runs): a body whose length is declared
 * is judged by its header and then read straight from the socket; one sent in chunks without a
 * length is counted as it comes. Both are refused over the limit before anything is saved, and a
 * plain form post still saves.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type Running } from "../../src/serve/listen.js";
import { git, makeSchool, TODAY, withPasswords } from "./helpers.js";

let root: string;
let run: Running;
let cookie = "";
let csrf = "";
const MAX_UPLOAD = 1000; // the body limit is then 5 × 1000 + 1 MiB

beforeAll(async () => {
  root = makeSchool();
  await withPasswords(root, ["t16"]);
  run = await listen({ root, today: () => TODAY, watch: false, maxUploadBytes: MAX_UPLOAD }, "127.0.0.1", 0);
  const jar = new Map<string, string>();
  const keep = (res: Response) => { for (const c of res.headers.getSetCookie()) { const [kv] = c.split(";"); const [k, ...v] = kv!.split("="); jar.set(k!, v.join("=")); } };
  const cookies = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  let res = await fetch(`${run.url}login`);
  keep(res);
  const pre = /name="_csrf" value="([^"]+)"/.exec(await res.text())![1]!;
  res = await fetch(`${run.url}login`, { method: "POST", body: new URLSearchParams({ _csrf: pre, who: "t16", password: "correct horse" }), headers: { cookie: cookies() }, redirect: "manual" });
  keep(res);
  expect(res.status).toBe(303);
  cookie = cookies();
  csrf = /name="_csrf" value="([^"]+)"/.exec(await (await fetch(`${run.url}add?kind=observation`, { headers: { cookie } })).text())![1]!;
});
afterAll(async () => {
  await run?.close();
});

const T16 = "records/2025-2026-2/t16.yaml";
const form = (title: string, pad = "") => new URLSearchParams({ _csrf: csrf, kind: "observation", date: "2026-04-15", title, count: "1", notes: pad }).toString();

describe("a form post over a real socket", () => {
  it("with its length declared: saved", async () => {
    const before = git(root, "rev-parse", "HEAD").trim();
    const res = await fetch(`${run.url}add`, { method: "POST", body: form("套接字上的听课"), headers: { cookie, origin: run.url.replace(/\/$/, ""), "content-type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("已保存");
    expect(readFileSync(join(root, T16), "utf8")).toContain("title: 套接字上的听课");
    expect(git(root, "rev-list", "--count", `${before}..HEAD`).trim()).toBe("1");
  });

  it("in chunks without a length: counted, and saved", async () => {
    const body = new TextEncoder().encode(form("分块发送的听课"));
    const stream = new ReadableStream({ start(c) { c.enqueue(body.slice(0, 40)); c.enqueue(body.slice(40)); c.close(); } });
    const res = await fetch(`${run.url}add`, { method: "POST", body: stream, duplex: "half", headers: { cookie, origin: run.url.replace(/\/$/, ""), "content-type": "application/x-www-form-urlencoded" } } as RequestInit);
    expect(res.status).toBe(200);
    expect(readFileSync(join(root, T16), "utf8")).toContain("title: 分块发送的听课");
  });

  it("over the limit, declared or counted: 413, nothing saved", async () => {
    const before = readFileSync(join(root, T16), "utf8");
    const big = form("太大的表单", "x".repeat(5 * MAX_UPLOAD + 1024 * 1024 + 10));
    const declared = await fetch(`${run.url}add`, { method: "POST", body: big, headers: { cookie, origin: run.url.replace(/\/$/, ""), "content-type": "application/x-www-form-urlencoded" } });
    expect(declared.status).toBe(413);
    expect(await declared.text()).toContain("上传的内容太大");
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream({ start(c) { for (let i = 0; i < bytes.length; i += 65536) c.enqueue(bytes.slice(i, i + 65536)); c.close(); } });
    const counted = await fetch(`${run.url}add`, { method: "POST", body: stream, duplex: "half", headers: { cookie, origin: run.url.replace(/\/$/, ""), "content-type": "application/x-www-form-urlencoded" } } as RequestInit);
    expect(counted.status).toBe(413);
    expect(readFileSync(join(root, T16), "utf8")).toBe(before);
  });
});
