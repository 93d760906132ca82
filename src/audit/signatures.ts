/**
 * Strict mode (`yanxiu audit --require-signed`): a commit's author e-mail and dates are
 * whatever its maker typed, but a signature can only be made with the signer's private key.
 * Every commit the audit looks at must carry a good signature (checked by git itself), made
 * with a key the roster in force gives to the commit's author; the author's rights are then
 * judged as usual. Keys are SSH public key lines (git's gpg.format=ssh) or `gpg:<fingerprint>`.
 */
import { createHash } from "node:crypto";
import { t, type Lang } from "../i18n.js";
import type { Teacher } from "../model.js";
import type { AuditCheck, AuditInput } from "./audit.js";
import type { AuditRoster } from "./people.js";

export interface Signature {
  /** git's %G?: G good, U good but of unknown validity, B bad, N none, E cannot be checked, X/Y expired, R revoked. */
  status: string;
  /** %GF and %GP: the signing key's fingerprint, and for GPG its primary key's. */
  fingerprint: string;
  primary: string;
}

const SSH_KEY = /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(?:256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com)\s+([A-Za-z0-9+/]+={0,2})(\s.*)?$/;
const GPG_KEY = /^gpg:([0-9A-Fa-f]{16}|[0-9A-Fa-f]{40}|[0-9A-Fa-f]{64})$/;

/** `SHA256:…` as ssh-keygen -l and git's %GF print it; undefined for what is not an SSH key line. */
export function sshFingerprint(key: string): string | undefined {
  const m = SSH_KEY.exec(key.trim());
  if (!m) return undefined;
  const blob = Buffer.from(m[2]!, "base64");
  if (blob.length < 16) return undefined;
  return `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}

export function isSigningKey(key: string): boolean {
  return sshFingerprint(key) !== undefined || GPG_KEY.test(key.trim());
}

/** The fingerprints a key string stands for (upper-case hex for GPG). */
function fingerprintsOf(key: string): string[] {
  const ssh = sshFingerprint(key);
  if (ssh) return [ssh];
  const gpg = GPG_KEY.exec(key.trim());
  return gpg ? [gpg[1]!.toUpperCase()] : [];
}

function keyMatches(tch: Teacher, sig: Signature): boolean {
  const have = new Set((tch.keys ?? []).flatMap(fingerprintsOf));
  const hex = (s: string) => s.toUpperCase();
  // A GPG key may be given by its full fingerprint or its long id (the last 16 digits).
  return [sig.fingerprint, sig.primary].filter(Boolean).some((f) => have.has(f) || have.has(hex(f)) || have.has(hex(f).slice(-16)));
}

/**
 * git's allowed-signers file for every SSH key any of these rosters gives (principals: the
 * teacher's e-mails and id), so git can verify SSH signatures; who may sign for whom is
 * judged afterwards against the roster in force at each commit.
 */
export function allowedSignersText(rosters: Iterable<AuditRoster>): string {
  const lines = new Set<string>();
  for (const roster of rosters) {
    for (const tch of roster.teachers) {
      const principals = [...tch.emails, tch.id].map((p) => p.replace(/[\s,"]/g, "")).filter(Boolean).join(",");
      for (const key of tch.keys ?? []) {
        const m = SSH_KEY.exec(key.trim());
        if (m) lines.add(`${principals} namespaces="git" ${m[1]} ${m[2]}`);
      }
    }
  }
  return [...lines].join("\n") + (lines.size > 0 ? "\n" : "");
}

export function signatureJudge(signatures: ReadonlyMap<string, Signature>, lang: Lang): NonNullable<AuditInput["signature"]> {
  return (w, roster, author) => {
    const sig = signatures.get(w.commit.hash) ?? { status: "N", fingerprint: "", primary: "" };
    const out: { check: AuditCheck; message: string }[] = [];
    if (sig.status === "N") {
      out.push({ check: "unsigned-commit", message: t(lang, "提交没有签名(严格模式要求每个提交都签名)", "the commit is not signed (strict mode needs every commit signed)") });
      return out;
    }
    if (sig.status !== "G" && sig.status !== "U") {
      const why: Record<string, [string, string]> = {
        B: ["签名无效(提交在签名后被改动过)", "the signature is bad (the commit was changed after it was signed)"],
        E: ["无法验证签名(缺少公钥)", "the signature cannot be checked (the public key is missing)"],
        X: ["签名已过期", "the signature has expired"],
        Y: ["签名所用的密钥已过期", "the signing key has expired"],
        R: ["签名所用的密钥已被吊销", "the signing key has been revoked"],
      };
      const [zh, en] = why[sig.status] ?? ["签名无法验证", "the signature cannot be verified"];
      out.push({ check: "bad-signature", message: t(lang, zh, en) });
      return out;
    }
    if (author && keyMatches(author, sig)) return out;
    const owner = roster.teachers.find((x) => keyMatches(x, sig));
    const fp = sig.fingerprint || sig.primary;
    if (!owner) {
      out.push({ check: "unknown-signer", message: t(lang,
        `签名所用的密钥 ${fp} 不属于名册中的任何教师(roster.yaml 的 keys:)`,
        `the commit is signed with key ${fp}, which belongs to no teacher in the roster (keys: in roster.yaml)`) });
    } else {
      out.push({ check: "signer-not-author", message: t(lang,
        `提交由 ${owner.name}(${owner.id})的密钥签名,却以 ${w.commit.authorName} <${w.commit.authorEmail}> 的名义提交:作者可能是冒充的,或他人的提交被改动后重新签名`,
        `the commit is signed with the key of ${owner.name} (${owner.id}) but its author is ${w.commit.authorName} <${w.commit.authorEmail}>: a forged author, or someone else's commit amended and signed again`) });
    }
    return out;
  };
}
