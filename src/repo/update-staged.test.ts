import { afterEach, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { abandonStaged, finishStaged, stageUpdate, startFlush, type StagedWrite } from "./update-staged.js";
import { updateFile } from "./update.js";
import { lockPathFor } from "./lock.js";
import { removeDir, tempDir } from "../../test/helpers/temp-repo.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));
function repo(): string {
  const d = tempDir();
  dirs.push(d);
  mkdirSync(join(d, "records"), { recursive: true });
  writeFileSync(join(d, "records/a.yaml"), "a: 1\n");
  writeFileSync(join(d, "records/b.yaml"), "b: 1\n");
  return d;
}
const append = (line: string) => (cur: { bytes: Uint8Array }) => ({ text: Buffer.from(cur.bytes).toString("utf8") + line });
const stage = (root: string, file: string, line: string): StagedWrite => {
  const r = stageUpdate({ root, file, lock: { waitMs: 0 }, transform: append(line) });
  if (!r.ok) throw new Error(`not staged: ${r.reason}`);
  return r.staged;
};
const leftovers = (root: string) => [...readdirSync(join(root, "records")).filter((n) => n.endsWith(".tmp")), ...["records/a.yaml", "records/b.yaml", "records/c.yaml"].filter((f) => existsSync(lockPathFor(root, f)))];

describe("stageUpdate + finishStaged", () => {
  it("staged files stay as they were, locked, until finished; then every file is in place, each flushed, the folder once", async () => {
    const root = repo();
    const a = stage(root, "records/a.yaml", "x: 2\n");
    const b = stage(root, "records/b.yaml", "y: 2\n");
    const c = stage(root, "records/c.yaml", "c: 1\n");
    expect(readFileSync(join(root, "records/a.yaml"), "utf8")).toBe("a: 1\n");
    expect(existsSync(join(root, "records/c.yaml"))).toBe(false);
    // Another writer of a staged file finds it locked.
    expect(updateFile({ root, file: "records/a.yaml", lock: { waitMs: 0 }, transform: () => ({ text: "z" }) })).toMatchObject({ ok: false, reason: "busy" });
    const flushed: number[] = [];
    const folders: string[] = [];
    const out = await finishStaged([a, b, c], {
      flush: async (fd) => { flushed.push(fd); },
      flushFolder: async (dir) => { folders.push(dir); },
    });
    expect(out).toEqual([undefined, undefined, undefined]);
    expect(readFileSync(join(root, "records/a.yaml"), "utf8")).toBe("a: 1\nx: 2\n");
    expect(readFileSync(join(root, "records/b.yaml"), "utf8")).toBe("b: 1\ny: 2\n");
    expect(readFileSync(join(root, "records/c.yaml"), "utf8")).toBe("c: 1\n");
    expect(flushed).toHaveLength(3);
    expect(folders).toEqual([join(root, "records")]);
    expect(leftovers(root)).toEqual([]);
  });

  it("a file saved by an editor after staging is left as the editor saved it (kept-changing); the others land", async () => {
    const root = repo();
    const a = stage(root, "records/a.yaml", "x: 2\n");
    const b = stage(root, "records/b.yaml", "y: 2\n");
    writeFileSync(join(root, "records/a.yaml"), "a: 1\neditor: 3\n");
    const out = await finishStaged([a, b]);
    expect(out[0]).toEqual({ reason: "kept-changing", attempts: 1 });
    expect(out[1]).toBeUndefined();
    expect(readFileSync(join(root, "records/a.yaml"), "utf8")).toBe("a: 1\neditor: 3\n");
    expect(readFileSync(join(root, "records/b.yaml"), "utf8")).toBe("b: 1\ny: 2\n");
    expect(leftovers(root)).toEqual([]);
  });

  it("a failed flush leaves that file byte-identical and removes its temporary file", async () => {
    const root = repo();
    const a = stage(root, "records/a.yaml", "x: 2\n");
    const b = stage(root, "records/b.yaml", "y: 2\n");
    const eio = Object.assign(new Error("EIO"), { code: "EIO" });
    const failing = a.fd;
    const out = await finishStaged([a, b], { flush: async (fd) => { if (fd === failing) throw eio; } });
    expect(out[0]).toEqual({ reason: "io", step: "fsync", code: "EIO", renamed: false });
    expect(out[1]).toBeUndefined();
    expect(readFileSync(join(root, "records/a.yaml"), "utf8")).toBe("a: 1\n");
    expect(readFileSync(join(root, "records/b.yaml"), "utf8")).toBe("b: 1\ny: 2\n");
    expect(leftovers(root)).toEqual([]);
  });

  it("a folder that cannot be flushed: its files are renamed but said not safe (renamed: true), for the caller to put back", async () => {
    const root = repo();
    const a = stage(root, "records/a.yaml", "x: 2\n");
    const out = await finishStaged([a], { flushFolder: async () => { throw Object.assign(new Error("EIO"), { code: "EIO" }); } });
    expect(out[0]).toEqual({ reason: "io", step: "fsync-folder", code: "EIO", renamed: true });
    expect(leftovers(root)).toEqual([]);
  });

  it("a refusal, or the same bytes, writes nothing and keeps no lock", async () => {
    const root = repo();
    expect(stageUpdate({ root, file: "records/a.yaml", transform: () => ({ refuse: "no" }) })).toMatchObject({ ok: false, reason: "refused", refusal: "no" });
    const same = stageUpdate({ root, file: "records/a.yaml", transform: (cur) => ({ text: cur.bytes }) });
    expect(same.ok && same.staged.tmp).toBeUndefined();
    expect(await finishStaged([same.ok ? same.staged : (undefined as never)])).toEqual([undefined]);
    expect(readFileSync(join(root, "records/a.yaml"), "utf8")).toBe("a: 1\n");
    expect(leftovers(root)).toEqual([]);
  });

  it("startFlush: the flush starts at once and finishStaged waits for it (not flushing again); a failed early flush leaves the file byte-identical", async () => {
    const root = repo();
    const a = stage(root, "records/a.yaml", "x: 2\n");
    const b = stage(root, "records/b.yaml", "y: 2\n");
    const started: string[] = [];
    let finish!: () => void;
    const held = new Promise<void>((r) => (finish = r));
    startFlush(a, { flush: async () => { started.push("a"); await held; } });
    startFlush(b, { flush: async () => { started.push("b"); throw Object.assign(new Error("EIO"), { code: "EIO" }); } });
    // Started before finishStaged is called; the descriptors now belong to the flushes.
    expect(started).toEqual(["a", "b"]);
    expect(a.fd).toBeUndefined();
    const later: number[] = [];
    const done = finishStaged([a, b], { flush: async (fd) => { later.push(fd); } });
    await new Promise((r) => setTimeout(r, 20));
    // Still waiting for a's flush: nothing renamed yet.
    expect(readFileSync(join(root, "records/a.yaml"), "utf8")).toBe("a: 1\n");
    finish();
    expect(await done).toEqual([undefined, { reason: "io", step: "fsync", code: "EIO", renamed: false }]);
    expect(later).toEqual([]);
    expect(readFileSync(join(root, "records/a.yaml"), "utf8")).toBe("a: 1\nx: 2\n");
    expect(readFileSync(join(root, "records/b.yaml"), "utf8")).toBe("b: 1\n");
    expect(leftovers(root)).toEqual([]);
  });

  it("abandonStaged while its early flush runs: the temporary file is removed and the lock released at once; the file as it was", async () => {
    const root = repo();
    const a = stage(root, "records/a.yaml", "x: 2\n");
    let finish!: () => void;
    const held = new Promise<void>((r) => (finish = r));
    startFlush(a, { flush: () => held });
    abandonStaged(a);
    expect(leftovers(root)).toEqual([]);
    expect(updateFile({ root, file: "records/a.yaml", lock: { waitMs: 0 }, transform: (cur) => ({ text: Buffer.from(cur.bytes).toString("utf8") + "z: 3\n" }) })).toMatchObject({ ok: true });
    finish();
    expect(await a.flushing).toBeUndefined();
    expect(readFileSync(join(root, "records/a.yaml"), "utf8")).toBe("a: 1\nz: 3\n");
    expect(leftovers(root)).toEqual([]);
  });
});
