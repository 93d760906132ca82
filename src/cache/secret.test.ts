import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checker, sign, SIGNATURE_HEX, signer, verified, verifiedBytes } from "./secret.js";

const key = randomBytes(32);
const other = randomBytes(32);
const body = Buffer.from(`{"stamp":1}\n${"报告 report ".repeat(50_000)}`, "utf8");

describe("the cache's signatures (GMAC)", () => {
  it("does not depend on how the entry is cut into pieces", () => {
    const nonce = randomBytes(12);
    const whole = signer(key, nonce).update(body).digest();
    const mac = signer(key, nonce);
    for (let at = 0; at < body.length; at += 1 + (at % 4099)) mac.update(body.subarray(at, at + 1 + (at % 4099)));
    expect(mac.digest()).toEqual(whole);
    expect(whole.length * 2).toBe(SIGNATURE_HEX);
  });

  it("takes a fresh nonce for each signature, and each is checked with its own", () => {
    const a = Buffer.from(sign(key, body), "hex");
    const b = Buffer.from(sign(key, body), "hex");
    expect(a).not.toEqual(b);
    for (const s of [a, b]) expect(checker(key, s)!.update(body).digest()).toEqual(s);
  });

  it("trusts the body signed with this key only: not another key's, not a byte changed, not another nonce", () => {
    const stored = Buffer.concat([Buffer.from(`${sign(key, body)}\n`, "latin1"), body]);
    expect(Buffer.from(verifiedBytes(key, stored)!)).toEqual(body);
    expect(verifiedBytes(other, stored)).toBeUndefined();
    const changed = Buffer.from(stored);
    changed[changed.length - 3] ^= 1;
    expect(verifiedBytes(key, changed)).toBeUndefined();
    const renonced = Buffer.from(stored);
    renonced[0] = renonced[0] === 0x30 ? 0x31 : 0x30; // the nonce's first hex digit
    expect(verifiedBytes(key, renonced)).toBeUndefined();
    expect(verifiedBytes(key, stored.subarray(0, stored.length - 1))).toBeUndefined();
    const text = `${sign(key, "a result")}\na result`;
    expect(verified(key, text)).toBe("a result");
    expect(verified(key, `${text}!`)).toBeUndefined();
    expect(verified(key, `zz${text.slice(2)}`)).toBeUndefined(); // not hex: no signature at all
  });
});
