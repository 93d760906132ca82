/**
 * `yanxiu accounts invite|list|reset|disable|enable`: the office manages who can log in to
 * `yanxiu serve`. Only roster teachers who have not left get accounts; codes and passwords
 * are stored only as scrypt hashes in .yanxiu-serve/ (never committed).
 */
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { t, type Lang } from "../i18n.js";
import type { Roster, Teacher } from "../model.js";
import { writeOutputFile } from "../repo/write-output.js";
import { ensureServeDir, logEvent, openAccounts, serveDir } from "../serve/accounts.js";
import { hashSecret, newCode, normaliseCode } from "../serve/password.js";
import { isActive } from "../serve/roles.js";
import { inviteSheet, welcomeUrl, type Invitation } from "../serve/views/invite-sheet.js";
import { qrSvg } from "../serve/views/qr.js";
import { EXIT, setExitCode, today, UsageError, type Io } from "./io.js";
import { openRepo } from "./repo-arg.js";
import { teacherArg } from "./roster-args.js";

export function registerAccounts(program: Command, io: Io): void {
  const cmd = program.command("accounts").description("管理研修网页的登录账号 / manage logins to the web page (yanxiu serve)");
  const open = (c: Command, dir: string | undefined) => {
    const { repo, lang } = openRepo(io, dir, c.optsWithGlobals().lang as string | undefined);
    if (!repo.dataset) throw new UsageError(t(lang, "配置或名册无法读取,先运行 yanxiu check", "the config or roster cannot be read: run 'yanxiu check'"));
    return { root: repo.root, dataset: repo.dataset, lang };
  };

  cmd.command("invite")
    .description("为教师生成一次性邀请码,输出可打印的邀请单 / one-time codes for teachers, on a printable sheet")
    .argument("[ids...]", "教师编号或姓名 / teacher ids or names")
    .option("--all", "所有在册教师(已有密码的除外)/ every teacher on the roster without a password yet")
    .option("--dir <dir>", "仓库目录 / the repository folder")
    .option("--url <url>", "网页地址,印在邀请单上 / the page's address, printed on the sheet", "http://127.0.0.1:8080/")
    .option("-o, --output <file>", "邀请单文件(默认 .yanxiu-serve/invite-<日期>.html)/ the sheet (default .yanxiu-serve/invite-<date>.html)")
    .action(async function (this: Command, ids: string[], o: { all?: boolean; dir?: string; url: string; output?: string }) {
      const { root, dataset, lang } = open(this, o.dir);
      const store = openAccounts(root);
      const day = today(io.env);
      const existing = store.read();
      const chosen = o.all
        ? dataset.roster.teachers.filter((x) => isActive(x, day) && !existing.get(x.id)?.password && !existing.get(x.id)?.disabled)
        : pickTeachers(dataset.roster, ids, day, lang);
      if (chosen.length === 0) {
        io.stderr.write(t(lang, "没有需要邀请的教师(给出编号,或用 --all)\n", "no teacher to invite (name ids, or use --all)\n"));
        setExitCode(this, EXIT.problems);
        return;
      }
      const invitations = await invite(root, chosen, false);
      const url = o.url.endsWith("/") ? o.url : `${o.url}/`;
      const withQr = await Promise.all(invitations.map(async (i) => ({ ...i, qr: await qrSvg(welcomeUrl(url, i.id)) })));
      if (withQr.some((i) => !i.qr)) io.stderr.write(t(lang, "注意:没有安装 qrcode(可选依赖),邀请单上只有网址,没有二维码\n", "note: qrcode (an optional dependency) is not installed, so the sheet shows the address without a QR code\n"));
      const out = o.output ? resolve(io.cwd, o.output) : join(ensureServeDir(root), `invite-${day}.html`);
      writeOutputFile(out, String(inviteSheet(dataset.config.school, url, withQr, lang)));
      io.stdout.write(t(lang, `已为 ${invitations.length} 位教师生成邀请码,邀请单:${out}\n(邀请单上有邀请码,打印后请删除这个文件)\n`,
        `codes made for ${invitations.length} teacher(s); the sheet: ${out}\n(the sheet holds the codes: delete the file once printed)\n`));
    });

  cmd.command("list")
    .description("列出账号及其状态 / list accounts and their state")
    .argument("[dir]", "仓库目录 / the repository folder")
    .action(function (this: Command, dir: string | undefined) {
      const { root, dataset, lang } = open(this, dir);
      const accounts = openAccounts(root).read();
      const day = today(io.env);
      for (const x of dataset.roster.teachers) {
        const a = accounts.get(x.id);
        const state = !isActive(x, day) ? t(lang, "已离校", "left")
          : a?.disabled ? t(lang, "已停用", "disabled")
          : a?.password ? t(lang, "已启用", "active")
          : a?.code ? t(lang, "已邀请", "invited")
          : t(lang, "未邀请", "not invited");
        io.stdout.write(`${x.id}\t${x.name}\t${state}${a?.lastLogin ? `\t${t(lang, "最近登录", "last login")} ${a.lastLogin.slice(0, 16).replace("T", " ")}` : ""}\n`);
      }
    });

  cmd.command("reset")
    .description("清除密码并生成新的邀请码 / clear the password and make a new code")
    .argument("<id>", "教师编号或姓名 / teacher id or name")
    .argument("[dir]", "仓库目录 / the repository folder")
    .action(async function (this: Command, id: string, dir: string | undefined) {
      const { root, dataset, lang } = open(this, dir);
      const [teacher] = pickTeachers(dataset.roster, [id], today(io.env), lang);
      const [inv] = await invite(root, [teacher!], true);
      io.stdout.write(t(lang, `${inv!.name}(${inv!.id})的新邀请码:${inv!.code}\n旧密码已失效;正在使用的登录在下一次操作时退出。\n`,
        `new code for ${inv!.name} (${inv!.id}): ${inv!.code}\nthe old password no longer works; open sessions end at their next request.\n`));
    });

  for (const [name, disabled] of [["disable", true], ["enable", false]] as const) {
    cmd.command(name)
      .description(disabled ? "停用账号 / disable an account" : "重新启用账号 / enable an account again")
      .argument("<id>", "教师编号或姓名 / teacher id or name")
      .argument("[dir]", "仓库目录 / the repository folder")
      .action(function (this: Command, who: string, dir: string | undefined) {
        const { root, dataset, lang } = open(this, dir);
        const id = teacherArg(dataset.roster, who, lang).id;
        openAccounts(root).update((a) => { a.set(id, { ...(a.get(id) ?? { id }), disabled }); });
        logEvent(root, { event: disabled ? "disabled" : "enabled", who: id });
        io.stdout.write(disabled ? t(lang, `已停用 ${id}\n`, `disabled ${id}\n`) : t(lang, `已启用 ${id}\n`, `enabled ${id}\n`));
      });
  }
  void serveDir;
}

/** Teachers by id or name (src/input/names.ts); those who left cannot log in. */
function pickTeachers(roster: Roster, ids: string[], day: string, lang: Lang): Teacher[] {
  return ids.map((who) => {
    const x = teacherArg(roster, who, lang);
    if (!isActive(x, day)) throw new UsageError(t(lang, `${x.name}(${x.id})已离校,不能登录`, `${x.name} (${x.id}) has left the school and cannot log in`));
    return x;
  });
}

/** New codes for these teachers; `reset` also clears the password. */
async function invite(root: string, teachers: Teacher[], reset: boolean): Promise<Invitation[]> {
  const made: Invitation[] = [];
  const hashes: string[] = [];
  for (const x of teachers) {
    const code = newCode();
    made.push({ id: x.id, name: x.name, code });
    hashes.push(await hashSecret(normaliseCode(code)));
  }
  openAccounts(root).update((a) => {
    teachers.forEach((x, i) => {
      const acc = a.get(x.id) ?? { id: x.id };
      acc.code = hashes[i];
      acc.invited = new Date().toISOString();
      if (reset) delete acc.password;
      a.set(x.id, acc);
    });
  });
  for (const x of teachers) logEvent(root, { event: reset ? "reset" : "invited", who: x.id });
  return made;
}
