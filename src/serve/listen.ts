/** Binding the app to an address (127.0.0.1 unless told otherwise) with Node's HTTP server. */
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import type { IncomingMessage } from "node:http";
import { createServer } from "./app.js";
import { sharedGitRunner } from "../git/runner.js";
import type { Ctx, Server, ServeOptions } from "./context.js";
import { trace, traceOn } from "../git/trace.js";
import { SERVER_COMMITTER } from "./git-commit.js";
import { knownHead, learnHead } from "../git/batch-commit.js";
import { learnBlobs } from "../git/found-on-disk.js";
import { recoverSaves, recoveryText } from "./recover.js";
import { takeServeLock } from "./serve-lock.js";

/** How long a stopping server waits for the saves it took to be committed. */
const STOP_WAIT_MS = 30_000;

export interface Running {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Thrown when another live server serves the repository (src/serve/serve-lock.ts). */
export class ServedElsewhere extends Error {
  constructor(readonly pid: number) {
    super(`another yanxiu serve (pid ${pid}) is serving this repository`);
  }
}

export async function listen(opts: ServeOptions, host = "127.0.0.1", port = 8080): Promise<Running> {
  // One server per repository, before anything is finished or served.
  const lock = takeServeLock(opts.root);
  if (!lock.ok) throw new ServedElsewhere(lock.pid);
  // Started while this process is small: forking it once the school is loaded costs ~20 ms a time.
  sharedGitRunner().start();
  // A batch the last run left half done (killed between placing its files and updating git's index) is finished first.
  try {
    const said = recoveryText(await recoverSaves(opts.root, SERVER_COMMITTER, sharedGitRunner().run));
    if (said) process.stderr.write(said);
  } catch (e) {
    process.stderr.write(`yanxiu serve: the last run's unfinished batch could not be finished (${String((e as Error)?.message ?? e)}); see 'git status'\n`);
  }
  // So that the first batch's note names the branch's commit too, and the first save of each file
  // knows HEAD's blob of it (src/git/found-on-disk.ts) without a git of its own. Neither throws.
  await learnHead(sharedGitRunner().run, opts.root);
  await learnBlobs(sharedGitRunner().run, opts.root, knownHead(opts.root));
  const socketAddress = (c: Ctx) => (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress;
  const { app, server } = createServer(opts, socketAddress);
  return new Promise((resolve, reject) => {
    const http = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      const shown = info.family === "IPv6" ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shown}:${info.port}/`,
        server,
        close: async () => {
          const closed = new Promise<void>((done) => http.close(() => done()));
          (http as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          // The saves already taken are committed to the end (git's index in step) before the
          // process ends; a git that hangs is not waited for past STOP_WAIT_MS (the next start finishes its batch).
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([server.queue.idle(), new Promise<void>((r) => { timer = setTimeout(r, STOP_WAIT_MS); })]);
          clearTimeout(timer);
          server.state.stop();
          await closed;
          lock.release();
        },
      });
    });
    http.on("error", (e) => {
      // Nothing may keep the process alive after this (the watcher, the git helper, the lock).
      server.state.stop();
      sharedGitRunner().stop();
      lock.release();
      reject(e);
    });
    // The bench's timeline: when each request arrived and when its answer was handed to the socket.
    if (traceOn) http.on("request", (req: IncomingMessage, res: import("node:http").ServerResponse) => {
      const id = req.headers["x-trace-id"];
      if (typeof id !== "string") return;
      trace("request", { id });
      res.once("finish", () => trace("response", { id }));
    });
  });
}
