/** Signing keys in the roster (for `audit --require-signed`) must be keys: a typo would make every commit unsigned-looking. */
import type { Problem } from "../problem.js";
import { msg } from "../messages/index.js";
import { problemAt } from "../repo/yaml-source.js";
import { isSigningKey } from "../audit/signatures.js";
import type { Check } from "./context.js";

export const signingKeys: Check = {
  name: "signing-key",
  needs: ["roster"],
  severity: "error",
  description: { zh: "名册中的签名密钥须是 SSH 公钥行或 gpg:指纹", en: "signing keys in the roster must be SSH public key lines or gpg:<fingerprint>" },
  run(ctx) {
    const src = ctx.source("roster.yaml");
    const teachers = (src?.data as { teachers?: unknown } | undefined)?.teachers;
    if (!src || !Array.isArray(teachers)) return [];
    const out: Problem[] = [];
    teachers.forEach((tch: { keys?: unknown } | null, i: number) => {
      if (!tch || !Array.isArray(tch.keys)) return;
      tch.keys.forEach((key: unknown, j: number) => {
        if (typeof key !== "string" || isSigningKey(key)) return;
        out.push(problemAt(src, ["teachers", i, "keys", j], this.name,
          msg("signing-key"), msg("signing-key.hint")));
      });
    });
    return out;
  },
};
