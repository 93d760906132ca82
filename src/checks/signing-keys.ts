/** Signing keys in the roster (for `audit --require-signed`) must be keys: a typo would make every commit unsigned-looking. */
import type { Problem } from "../problem.js";
import { t } from "../i18n.js";
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
          t(ctx.lang, "这不是公钥:应为 SSH 公钥的一整行(ssh-ed25519 AAAA…)或 gpg: 加密钥指纹", "this is not a public key: write a whole SSH public key line (ssh-ed25519 AAAA…) or gpg: and a key fingerprint"),
          t(ctx.lang, "复制 ~/.ssh/id_ed25519.pub 的内容,或 gpg --fingerprint 显示的指纹", "copy the content of ~/.ssh/id_ed25519.pub, or the fingerprint gpg --fingerprint shows")));
      });
    });
    return out;
  },
};
