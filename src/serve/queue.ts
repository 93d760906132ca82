/**
 * The web page's saves, in order and in batches. Each save is written at once, in arrival
 * order, checked against the school as the saves before it left it (src/serve/save.ts), and
 * kept in the server's state; the saves written while the previous batch was being committed
 * are then committed together (src/git/batch-commit.ts): one commit per save, each authored by
 * its own person, a few git processes per batch. If the commit fails, every file of the batch
 * is put back, the state is reloaded, and each person is told. A file locked by another program
 * (a CLI `yanxiu add`) is tried again a moment later, without blocking the server, and after
 * BUSY_WAIT_MS the person is told to try again. Reads are never queued.
 */
import { t } from "../i18n.js";
import { commitBatch, type BatchOptions, type BatchResult, type CommitSpec } from "../git/batch-commit.js";
import { commitFailure, undoWrite, writeSave, type Failure, type SaveRequest, type SaveResult, type Written } from "./save.js";
import { SERVER_COMMITTER } from "./git-commit.js";
import type { RepoState } from "./state.js";

/** How long a save waits, in all, for a file another program holds locked. */
export const BUSY_WAIT_MS = 2_000;
/** At most this many saves in one commit batch. */
export const MAX_BATCH = 100;

interface Job {
  req: SaveRequest;
  since: number;
  resolve: (r: SaveResult) => void;
}

export type Committer = (root: string, commits: CommitSpec[], opts: BatchOptions) => Promise<BatchResult>;

export class SaveQueue {
  private pending: Job[] = [];
  private running = false;
  private inFlight = 0;

  constructor(private readonly state: RepoState, private readonly commit: Committer = commitBatch, private readonly options: Partial<BatchOptions> = {}) {}

  save(req: SaveRequest): Promise<SaveResult> {
    return new Promise((resolve) => {
      this.inFlight++;
      this.pending.push({ req, since: Date.now(), resolve: (r) => { this.inFlight--; resolve(r); } });
      this.kick();
    });
  }

  /** Saves waiting or being written and committed. */
  get length(): number {
    return this.inFlight;
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) await this.runBatch(this.pending.splice(0, MAX_BATCH));
    } finally {
      this.running = false;
      if (this.pending.length > 0) this.kick();
    }
  }

  private async runBatch(jobs: Job[]): Promise<void> {
    const done: { job: Job; written: Written }[] = [];
    for (const job of jobs) {
      const out = this.write(job);
      if (out.ok) {
        this.state.applyWritten(out.written);
        done.push({ job, written: out.written });
      } else if (out.reason === "busy" && Date.now() - job.since < BUSY_WAIT_MS) {
        setTimeout(() => { this.pending.push(job); this.kick(); }, 40 + Math.floor(Math.random() * 40));
      } else {
        job.resolve(out);
      }
    }
    if (done.length === 0) return;
    const root = this.state.root;
    let result: BatchResult;
    try {
      result = await this.commit(root, done.map(({ job, written }) => ({
        author: job.req.author,
        subject: job.req.subject,
        files: [{ path: written.file, bytes: written.text }, ...written.created.map((f) => ({ path: f.path, bytes: f.bytes }))],
      })), { committer: SERVER_COMMITTER, ...this.options });
    } catch (e) {
      result = { ok: false, reason: "git", detail: String((e as Error)?.message ?? e) };
    }
    if (result.ok) {
      if (result.indexNote) process.stderr.write(`yanxiu serve: committed, but git's index was left as it was (${result.indexNote}); run 'git reset -q' in the repository\n`);
      for (const { job, written } of done) job.resolve({ ok: true, problems: written.problems });
      return;
    }
    for (const { written } of [...done].reverse()) undoWrite(root, written);
    this.state.markStale();
    for (const { job } of done) job.resolve(commitFailure(result.reason, result.detail, job.req.lang));
  }

  private write(job: Job): { ok: true; written: Written } | Failure {
    try {
      const repo = this.state.current();
      return writeSave({ ...job.req, announce: (p, b) => this.state.expectWrite(p, b) }, repo, this.state.index());
    } catch (e) {
      this.state.markStale();
      return { ok: false, reason: "io", message: t(job.req.lang, `保存失败(${(e as Error)?.message ?? e}),没有保存任何内容;请告诉教务处`, `saving failed (${(e as Error)?.message ?? e}); nothing was saved. Tell the office`) };
    }
  }
}
