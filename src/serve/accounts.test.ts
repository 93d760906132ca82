import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openAccounts } from "./accounts.js";

describe("an account store's get (asked on every request)", () => {
  it("answers what the file holds now: a change by another store (the CLI) is seen at once, also one of the same size", () => {
    const root = mkdtempSync(join(tmpdir(), "yanxiu-accounts-"));
    const server = openAccounts(root);
    const cli = openAccounts(root);
    expect(server.get("t01")).toBeUndefined();
    cli.update((a) => a.set("t01", { id: "t01", password: "hash-a" }));
    expect(server.get("t01")).toEqual({ id: "t01", password: "hash-a" });
    cli.update((a) => a.set("t01", { id: "t01", password: "hash-b" })); // same size: a new file (inode) all the same
    expect(server.get("t01")?.password).toBe("hash-b");
    cli.update((a) => a.set("t01", { ...a.get("t01")!, disabled: true }));
    expect(server.get("t01")?.disabled).toBe(true);
  });

  it("sees a file written in place by hand, and a removed file", async () => {
    const root = mkdtempSync(join(tmpdir(), "yanxiu-accounts-"));
    const store = openAccounts(root);
    store.update((a) => a.set("t01", { id: "t01", password: "x" }));
    expect(store.get("t01")?.password).toBe("x");
    writeFileSync(store.path, JSON.stringify({ accounts: [{ id: "t01", password: "y" }] }));
    expect(store.get("t01")?.password).toBe("y");
    writeFileSync(store.path, JSON.stringify({ accounts: [] }));
    expect(store.get("t01")).toBeUndefined();
  });
});
