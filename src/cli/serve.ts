/** `yanxiu serve [dir]`: the school's web page over the same files; every save a git commit. */
import type { Command } from "commander";
import { t } from "../i18n.js";
import { gitTopLevel } from "../git/git.js";
import { listen, ServedElsewhere } from "../serve/listen.js";
import { ensureServeDir } from "../serve/accounts.js";
import { optimizeLater } from "../serve/tier-up.js";
import { pickLang, today, UsageError, type Io } from "./io.js";
import { peekConfigLang, requireRepoRoot } from "./repo-arg.js";

interface ServeFlags {
  host: string;
  port: string;
  trustProxy?: boolean;
  maxUploadMb: string;
}

export function registerServe(program: Command, io: Io): void {
  program
    .command("serve")
    .description("学校的研修网页:教师登录、记录、查看,组长审核,教务处汇总 / the school's web page: teachers record and check, leaders approve, the office sees everything")
    .argument("[dir]", "仓库目录(默认当前目录)/ the repository folder (default: here)")
    .option("--host <host>", "监听地址 / address to listen on", "127.0.0.1")
    .option("--port <port>", "端口 / port", "8080")
    .option("--trust-proxy", "信任 nginx 等反向代理的 X-Forwarded-* 头 / honour X-Forwarded-* from a reverse proxy (nginx)")
    .option("--max-upload-mb <n>", "每个证明材料文件的大小上限(MB)/ size limit per evidence file (MB)", "10")
    .action(async function (this: Command, dir: string | undefined, flags: ServeFlags) {
      const early = pickLang(this.optsWithGlobals().lang as string | undefined, io.env);
      const root = requireRepoRoot(io, dir, early);
      const lang = pickLang(this.optsWithGlobals().lang as string | undefined, io.env, peekConfigLang(root));
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(t(lang, `--port 应为 0 到 65535 之间的整数,而不是「${flags.port}」`, `--port must be a whole number from 0 to 65535, not '${flags.port}'`));
      const mb = Number(flags.maxUploadMb);
      if (!(mb > 0 && mb <= 200)) throw new UsageError(t(lang, "--max-upload-mb 应在 0 到 200 之间", "--max-upload-mb must be between 0 and 200"));
      if (!gitTopLevel(root)) throw new UsageError(t(lang, `${root} 不在 git 仓库中:网页的每次保存都是一次 git 提交,先运行 git init`, `${root} is not in a git repository: every save from the page is a git commit; run 'git init' first`));
      ensureServeDir(root);
      let running;
      try {
        running = await listen({ root, today: () => today(io.env), trustProxy: Boolean(flags.trustProxy), maxUploadBytes: Math.round(mb * 1048576), afterLoad: optimizeLater }, flags.host, port);
      } catch (e) {
        if (e instanceof ServedElsewhere) throw new UsageError(t(lang, `另一个 yanxiu serve(进程 ${e.pid})正在为这个仓库服务;同一个仓库只能运行一个。若确认它已不在运行,删除 .yanxiu-serve/serve.pid 后再启动`, `another yanxiu serve (pid ${e.pid}) is serving this repository; run one per repository. If you are sure it is not running, remove .yanxiu-serve/serve.pid and start again`));
        const code = (e as NodeJS.ErrnoException).code;
        throw new UsageError(code === "EADDRINUSE" ? t(lang, `端口 ${port} 已被占用,换一个 --port`, `port ${port} is in use; choose another --port`) : t(lang, `无法监听 ${flags.host}:${port}(${code ?? e})`, `cannot listen on ${flags.host}:${port} (${code ?? e})`));
      }
      io.stdout.write(t(lang, `yanxiu serve:${running.url}(按 Ctrl+C 停止)\n`, `yanxiu serve: ${running.url} (Ctrl+C stops it)\n`));
      if (flags.host !== "127.0.0.1" && flags.host !== "localhost" && flags.host !== "::1" && !flags.trustProxy) {
        io.stderr.write(t(lang, "注意:没有 HTTPS 时密码以明文传输;在学校服务器上请放在 nginx(HTTPS)之后,见 docs/serve.md\n", "Note: without HTTPS passwords travel in clear text; on a school server put it behind nginx with HTTPS, see docs/serve.md\n"));
      }
      await new Promise<void>((resolve) => {
        const stop = () => { void running.close().then(resolve); };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });
}
