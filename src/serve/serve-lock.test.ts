import { describe, expect, it } from "vitest";
import { lockHolderAlive, processIdentity, startTimeOf } from "./serve-lock.js";

describe("the server's lock", () => {
  it("reads a process's start time after a command name holding spaces and parentheses", () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3)); // fields 3, 4, … after the name
    expect(startTimeOf(`4242 (node (yanxiu) x) ${fields.join(" ")}`)).toBe("22");
  });

  it("names a live process as its holder only while it is the same process", () => {
    const me = `${process.pid}\n${processIdentity(process.pid)}\n`;
    expect(lockHolderAlive(me)).toBe(true);
    // The same number, another process (a reused pid after a kill or a reboot): not the holder.
    expect(lockHolderAlive(`${process.pid}\nanother-boot 12345\n`)).toBe(processIdentity(process.pid) === "");
    expect(lockHolderAlive("2147483646\n\n")).toBe(false);
    expect(lockHolderAlive("")).toBe(false);
  });
});
