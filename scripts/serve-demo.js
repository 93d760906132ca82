#!/usr/bin/env node
/**
 * `npm run serve`: the web page on the example school. The demo school is copied once to
 * demo-live/ (ignored by git) and committed there, so saves from the page become commits in
 * that copy, never in this repository. Three demo accounts get the password "demo-password":
 * t16 刘娟 (a teacher), t01 黄敏斌 (语文组 leader), t06 黄璐杰 (教学领导: the office pages).
 * The calendar is pinned to 2026-07-10 (YANXIU_TODAY), inside the demo's second term.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const LIVE = join(ROOT, "demo-live");
const git = (...args) => execFileSync("git", args, { cwd: LIVE, stdio: "ignore" });
if (!existsSync(join(LIVE, ".git"))) {
  cpSync(join(ROOT, "examples", "demo-school"), LIVE, { recursive: true });
  git("init", "-q");
  git("add", "-A");
  git("-c", "user.name=教务处", "-c", "user.email=office@example.org", "commit", "-q", "-m", "the demo school");
}
const { openAccounts } = await import(join(ROOT, "dist", "serve", "accounts.js"));
const { hashSecret } = await import(join(ROOT, "dist", "serve", "password.js"));
const store = openAccounts(LIVE);
if (!store.read().get("t16")?.password) {
  const hash = await hashSecret("demo-password");
  store.update((a) => { for (const id of ["t16", "t01", "t06"]) a.set(id, { id, password: hash }); });
}
process.stdout.write("demo accounts: t16 (teacher), t01 (group leader), t06 (office); password: demo-password\n");
process.env.YANXIU_TODAY ??= "2026-07-10";
const { main } = await import(join(ROOT, "dist", "cli", "main.js"));
process.exitCode = await main({ argv: ["serve", LIVE, ...process.argv.slice(2)], cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env });
