/** What every route handler gets: the repo, the person (if logged in), the language, the stores. */
import type { Context } from "hono";
import type { Lang } from "../i18n.js";
import type { LoadedRepo } from "../pipeline/load.js";
import type { Dataset } from "../model.js";
import type { AccountStore } from "./accounts.js";
import type { LoginLimiter } from "./limiter.js";
import type { MyPageMemo } from "./my-page-memo.js";
import type { SaveQueue } from "./queue.js";
import type { Viewer } from "./roles.js";
import type { Session, Sessions } from "./sessions.js";
import type { RepoState } from "./state.js";

export interface ServeOptions {
  root: string;
  trustProxy?: boolean;
  /** Today as YYYY-MM-DD (YANXIU_TODAY in tests). */
  today: () => string;
  maxUploadBytes?: number;
  /** The clock of sessions and login limits (tests move it). */
  now?: () => number;
  /** Watch the work tree for changes (off in tests that want full control). */
  watch?: boolean;
  /** Roll up the batches' packs past this many (src/git/pack-upkeep.ts; tests make it small). */
  packLimit?: number;
  /** Called after each load of the school (`yanxiu serve`: V8's later optimizing, src/serve/tier-up.ts, once the first load is done). */
  afterLoad?: () => void;
}

export interface Server {
  opts: Required<Omit<ServeOptions, "watch" | "now" | "packLimit" | "afterLoad">> & { watch: boolean };
  state: RepoState;
  sessions: Sessions;
  limiter: LoginLimiter;
  queue: SaveQueue;
  accounts: AccountStore;
  /** 我的研修 of teachers whose activities did not change since it was shown. */
  pages: MyPageMemo;
}

export interface Vars {
  lang: Lang;
  repo: LoadedRepo;
  dataset?: Dataset;
  session?: Session;
  viewer?: Viewer;
  /** Token for forms shown before login (double-submit cookie). */
  preCsrf: string;
  address: string;
  secure: boolean;
}

export type Ctx = Context<{ Variables: Vars }>;
