/**
 * `yanxiu audit --require-signed` on real histories signed with real SSH keys (git's
 * gpg.format=ssh, verified by git through ssh-keygen): what the default mode cannot prove
 * (a forged author e-mail, an amended leader's commit) the strict mode reports.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { tempDir } from "../helpers/temp-repo.js";
import { sshFingerprint } from "../../src/audit/signatures.js";
import { ADMIN, commitAs, gitEnv, gitInit, LEADER, record, recordFile, ROSTER, runGit, T01, T02, TEACHER, CONFIG, RULES, type Person } from "./fixture.js";

const hasSshKeygen = spawnSync("ssh-keygen", ["-?"], { encoding: "utf8" }).error === undefined;

function keyPair(dir: string, name: string): { priv: string; pub: string } {
  const priv = join(dir, name);
  const r = spawnSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", priv], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return { priv, pub: readFileSync(`${priv}.pub`, "utf8").trim() };
}

interface Keys {
  a01: { priv: string; pub: string };
  t01: { priv: string; pub: string };
  t02: { priv: string; pub: string };
  outsider: { priv: string; pub: string };
}

function signedSchool(): { dir: string; keys: Keys } {
  const keyDir = tempDir("yanxiu-keys-");
  const keys: Keys = { a01: keyPair(keyDir, "a01"), t01: keyPair(keyDir, "t01"), t02: keyPair(keyDir, "t02"), outsider: keyPair(keyDir, "outsider") };
  const roster = ROSTER
    .replace("    emails: [a01@school.cn]\n", `    emails: [a01@school.cn]\n    keys: ["${keys.a01.pub}"]\n`)
    .replace("    emails: [t01@school.cn]\n", `    emails: [t01@school.cn]\n    keys: ["${keys.t01.pub}"]\n`)
    .replace("    emails: [t02@school.cn]\n", `    emails: [t02@school.cn]\n    keys: ["${keys.t02.pub}"]\n`);
  const dir = tempDir("yanxiu-signed-");
  gitInit(dir);
  commitAs(dir, ADMIN, "set up", {
    "yanxiu.yaml": CONFIG, "rules/school.yaml": RULES, "roster.yaml": roster,
    [T02]: recordFile("t02", [record("听课《背影》")]), [T01]: recordFile("t01", [record("听课《春》")]),
  }, { signKey: keys.a01.priv });
  return { dir, keys };
}

async function audit(dir: string, strict: boolean) {
  const r = await runCli(["audit", dir, "--format", "json", "--lang", "en", ...(strict ? ["--require-signed"] : [])]);
  expect(r.stderr).toBe("");
  const report = JSON.parse(r.stdout) as { findings: { check: string; teacher: string | null; commit: string; message: string }[] };
  return { code: r.code, rows: report.findings.map((f) => [f.check, f.teacher]), findings: report.findings };
}

describe.skipIf(!hasSshKeygen)("audit --require-signed", () => {
  it("accepts a history where every commit is signed by its author's key from the roster", async () => {
    const { dir, keys } = signedSchool();
    commitAs(dir, TEACHER, "t02 adds", { [T02]: recordFile("t02", [record("听课《背影》"), record("听课《春》", "", "2026-10-10")]) }, { signKey: keys.t02.priv });
    commitAs(dir, LEADER, "t01 approves", { [T02]: recordFile("t02", [record("听课《背影》", "    status: 审定\n    approver: t01\n"), record("听课《春》", "", "2026-10-10")]) }, { signKey: keys.t01.priv });
    expect(await audit(dir, true)).toMatchObject({ code: 0, rows: [] });
    // The signature git checked is the one the roster names.
    const fp = runGit(dir, ["-c", "gpg.ssh.allowedSignersFile=/dev/null", "log", "-1", "--format=%GF"]).stdout.trim();
    expect(fp).toBe(sshFingerprint(keys.t01.pub));
  });

  it("reports an unsigned commit in strict mode only", async () => {
    const { dir } = signedSchool();
    commitAs(dir, TEACHER, "t02 adds, unsigned", { [T02]: recordFile("t02", [record("听课《背影》"), record("听课《春》", "", "2026-10-10")]) });
    expect((await audit(dir, false)).rows).toEqual([]);
    const strict = await audit(dir, true);
    expect(strict.rows).toEqual([["unsigned-commit", "t02"]]);
    expect(strict.code).toBe(1);
  });

  it("a forged author e-mail: signed with the forger's own key, it is signer-not-author", async () => {
    const { dir, keys } = signedSchool();
    const forger: Person = { name: "张老师", email: "t01@school.cn" }; // t02 pretending to be the leader
    commitAs(dir, forger, "approve my own record as t01", { [T02]: recordFile("t02", [record("听课《背影》", "    status: 审定\n    approver: t01\n")]) }, { signKey: keys.t02.priv });
    // The default mode trusts the e-mail: the leader approving a member's record is allowed.
    expect((await audit(dir, false)).rows).toEqual([]);
    const strict = await audit(dir, true);
    expect(strict.rows).toEqual([["signer-not-author", "t01"]]);
    expect(strict.findings[0]!.message).toBe("the commit is signed with the key of 李老师 (t02) but its author is 张老师 <t01@school.cn>: a forged author, or someone else's commit amended and signed again");
  });

  it("an amended leader's commit: the author stays the leader, the new signature is the teacher's", async () => {
    const { dir, keys } = signedSchool();
    commitAs(dir, LEADER, "t01 approves t02", { [T02]: recordFile("t02", [record("听课《背影》", "    status: 审定\n    approver: t01\n")]) }, { signKey: keys.t01.priv });
    // t02 takes the leader's commit and amends it, raising the approved count.
    writeFileSync(join(dir, T02), recordFile("t02", [record("听课《背影》", "    status: 审定\n    approver: t01\n").replace("count: 1", "count: 8")]));
    runGit(dir, ["add", T02]);
    const env = { ...gitEnv(), GIT_COMMITTER_DATE: "2026-10-25T10:00:00+08:00" };
    const r = runGit(dir, ["-c", "user.name=李老师", "-c", "user.email=t02@school.cn", "-c", "gpg.format=ssh", "-c", `user.signingkey=${keys.t02.priv}`, "commit", "-q", "--amend", "--no-edit", "-S", "--no-verify"], env);
    expect(r.code).toBe(0);
    expect(runGit(dir, ["log", "-1", "--format=%ae"]).stdout.trim()).toBe("t01@school.cn");
    // The default mode cannot tell who amended it, but sees the approval and the raised count in one commit.
    expect((await audit(dir, false)).rows).toEqual([["review-bundled", "t01"]]);
    expect((await audit(dir, true)).rows).toEqual([["signer-not-author", "t01"], ["review-bundled", "t01"]]);
  });

  it("check accepts the roster's keys and refuses one that is not a key", async () => {
    const { dir } = signedSchool();
    expect((await runCli(["check", dir, "--lang", "en"], { env: { YANXIU_TODAY: "2026-11-01" } })).code).toBe(0);
    const roster = readFileSync(join(dir, "roster.yaml"), "utf8").replace(/keys: \["ssh-ed25519 [^"]+ t02"\]/, 'keys: ["ssh-ed25519 not-a-key"]');
    writeFileSync(join(dir, "roster.yaml"), roster);
    const r = await runCli(["check", dir, "--format", "json", "--lang", "en"], { env: { YANXIU_TODAY: "2026-11-01" } });
    const problems = (JSON.parse(r.stdout) as { problems: { check: string; file: string }[] }).problems;
    expect(problems.map((p) => [p.check, p.file])).toEqual([["signing-key", "roster.yaml"]]);
  });

  it("a key the roster gives to nobody is an unknown signer", async () => {
    const { dir, keys } = signedSchool();
    commitAs(dir, TEACHER, "signed with a key not in the roster", { [T02]: recordFile("t02", [record("听课《背影》"), record("听课《春》", "", "2026-10-10")]) }, { signKey: keys.outsider.priv });
    expect((await audit(dir, true)).rows).toEqual([["unknown-signer", "t02"]]);
  });

  it("a key taken out of the roster no longer signs for its teacher", async () => {
    const { dir, keys } = signedSchool();
    const rosterNow = readFileSync(join(dir, "roster.yaml"), "utf8");
    commitAs(dir, ADMIN, "office removes t02's lost key", { "roster.yaml": rosterNow.replace(/    keys: \["ssh-ed25519 [^"]+ t02"\]\n/, "") }, { signKey: keys.a01.priv });
    commitAs(dir, TEACHER, "signed with the removed key", { [T02]: recordFile("t02", [record("听课《背影》"), record("听课《春》", "", "2026-10-10")]) }, { signKey: keys.t02.priv });
    expect((await audit(dir, true)).rows).toEqual([["unknown-signer", "t02"]]);
  });
});
