/**
 * The web page's saves, in order and in batches. The saves that arrive while a batch is being
 * committed are staged meanwhile (git runs in its own processes; the thread would otherwise wait),
 * a few per turn of the event loop so that the git helper's answers are read between them, and
 * form the next batch, alone: its commit starts the moment the one before ends, and what arrives
 * after is staged while it commits (a save so waits for one batch's commit, not for the staging of
 * every save waiting too). With nothing being committed, the saves waiting are staged at once. Each
 * is checked against the school as the saves before it left it and written to a temporary file
 * under its file's lock, in arrival order (src/serve/save.ts), and kept in the server's state, the
 * flushes of what one pass staged started together on the thread pool; a file of the batch being
 * committed waits for a later batch. Once the previous batch is committed, the batch's files are
 * each checked unchanged and renamed into place in one pass on the thread, each folder flushed
 * once; then they are committed together (src/git/batch-commit.ts): one commit per save, each
 * authored by its own person, a few git processes per batch, started by the process's git helper
 * (src/git/runner.ts). The saves are answered once the branch holds their commits, while git's
 * index is brought in step. A file saved twice waits for the next batch. If the commit fails,
 * every file of the batch is put back, the state is reloaded, and each person is told; the batch
 * staged meanwhile (none of it in place yet) is given up and staged again against the reloaded
 * school. A file locked by another program (a CLI `yanxiu add`), or saved by someone between our
 * read and our rename, is tried again a moment later, without blocking the server, and after
 * BUSY_WAIT_MS the person is told to try again. Reads are never queued. After a batch is
 * answered, the batches' packs are rolled up when there are too many (src/git/pack-upkeep.ts),
 * before the next batch.
 */
import { t } from "../i18n.js";
import { commitBatch, commonDirOf, knownHead, type BatchOptions, type BatchResult, type CommitSpec } from "../git/batch-commit.js";
import { sharedGitRunner } from "../git/runner.js";
import { PackUpkeep } from "../git/pack-upkeep.js";
import { readdirSync } from "node:fs";
import { startFlush } from "../repo/update-staged.js";
import { abandonWrite, commitFailure, finishWrites, undoWrite, writeSave, type Failure, type SaveRequest, type SaveResult, type Written } from "./save.js";
import { SERVER_COMMITTER } from "./git-commit.js";
import type { RepoState } from "./state.js";
import { trace, traceOn } from "../git/trace.js";
import { Journal, sha256, type JournalSave } from "./journal.js";

/** How long a save waits, in all, for a file another program holds locked. */
export const BUSY_WAIT_MS = 2_000;
/** At most this many saves in one commit batch. */
export const MAX_BATCH = 100;
/** Saves staged ahead per turn of the event loop while a batch commits (~2–3 ms each). */
const AHEAD_SLICE = 4;

interface Job {
  req: SaveRequest;
  since: number;
  resolve: (r: SaveResult) => void;
}

/** A save checked and written to its temporary file, not yet in place. */
interface Staged {
  job: Job;
  written: Written;
}

export type Committer = (root: string, commits: CommitSpec[], opts: BatchOptions) => Promise<BatchResult>;

export class SaveQueue {
  private pending: Job[] = [];
  private running = false;
  private inFlight = 0;
  /** Saves staged while a batch commits: the next batch's start. */
  private ahead: Staged[] = [];
  /** The files of the batch being committed, while git commits it. */
  private committing: ReadonlySet<string> | undefined;
  private aheadSoon = false;
  private idleWaiters: (() => void)[] = [];
  /** Folders' names for the orphaned temporary files, read once per batch (stageUpdate's listFolder). */
  private listings = new Map<string, readonly string[] | undefined>();
  /** The batch's write-ahead note (src/serve/journal.ts), made at the first batch. */
  private journal: Journal | undefined;

  constructor(private readonly state: RepoState, private readonly commit: Committer = commitBatch, private readonly options: Partial<BatchOptions> = {},
    private readonly packs: PackUpkeep = new PackUpkeep()) {}

  save(req: SaveRequest): Promise<SaveResult> {
    return new Promise((resolve) => {
      this.inFlight++;
      if (traceOn) trace("save", { subject: req.subject });
      this.pending.push({ req, since: Date.now(), resolve: (r) => { this.inFlight--; if (traceOn) trace("answer", { subject: req.subject, ok: r.ok }); resolve(r); } });
      this.kick();
      if (this.committing) this.stageAheadSoon();
    });
  }

  /** Saves waiting or being written and committed. */
  get length(): number {
    return this.inFlight;
  }

  /**
   * Resolves once every save is answered and its batch is done to the end (git's index in step,
   * the note emptied): a save is answered before that, as soon as the branch holds it.
   */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return !this.running && this.pending.length === 0 && this.inFlight === 0;
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    try {
      const root = this.state.root;
      while (this.ahead.length > 0 || this.pending.length > 0) {
        const ahead = this.ahead.splice(0);
        this.listings.clear();
        // The saves staged while the batch before committed go at once, alone: those still waiting
        // are staged while git commits them (staging them first left git idle meanwhile, and a
        // save's wait was the staging of all plus the commit of all).
        const staged = ahead.length > 0 ? ahead : this.stage(this.pending.splice(0, MAX_BATCH), new Set());
        if (traceOn) trace("place", { n: staged.length, ahead: ahead.length });
        const done = await this.place(staged);
        if (traceOn) trace("placed", { n: done.length });
        if (done.length === 0) continue;
        // Git works in its own processes: meanwhile the saves that arrive are staged on this
        // thread (never one of this batch's files: those wait for a later batch).
        this.committing = new Set(done.map((d) => d.written.file));
        if (traceOn) trace("commit", { subjects: done.map((d) => d.job.req.subject) });
        const committed = this.commitPlaced(done);
        // Not at once: the commit's first git is started by the microtasks that follow, and a
        // staging pass run first (a few ms per save) held it back.
        this.stageAheadSoon();
        let ok = false;
        try {
          ok = await committed;
          if (traceOn) trace("committed", { ok });
        } finally {
          // Committed with the index in step, or put back: nothing for a restart to finish.
          this.journal?.clear();
          this.committing = undefined;
          // This batch was put back and the state is reloaded: the saves staged meanwhile, checked
          // against it, are given up (none of them is in place yet) and staged again, in their order.
          if (!ok && this.ahead.length > 0) {
            const given = this.ahead.splice(0);
            for (const { written } of given) abandonWrite(root, written);
            this.pending.unshift(...given.map((s) => s.job));
          }
        }
        if (ok) await this.upkeep(root);
        if (traceOn) trace("batch-end");
      }
    } finally {
      this.running = false;
      if (this.pending.length > 0) this.kick();
      else if (this.isIdle()) for (const done of this.idleWaiters.splice(0)) done();
    }
  }

  private stageAheadSoon(): void {
    if (this.aheadSoon) return;
    this.aheadSoon = true;
    setImmediate(() => {
      this.aheadSoon = false;
      this.stageAhead();
    });
  }

  /**
   * While a batch commits: the saves waiting staged into the next batch, up to its size, a few per
   * turn of the event loop, so that the git helper's answers are read between them (the batch's
   * next git starts only then). A save whose file is held (being committed, or already in the next
   * batch) stays where it is in the queue, and the slice takes the saves after it: taking it again
   * and again, turn after turn, kept the thread busy until the commit ended.
   */
  private stageAhead(): void {
    const room = Math.min(AHEAD_SLICE, MAX_BATCH - this.ahead.length);
    if (!this.committing || this.pending.length === 0 || room <= 0) return;
    const held = new Set([...this.committing, ...this.ahead.map((s) => s.written.file)]);
    const slice: Job[] = [];
    const files = new Set<string>();
    this.pending = this.pending.filter((job) => {
      const f = job.req.file;
      if (slice.length >= room || held.has(f) || files.has(f)) return true;
      files.add(f);
      slice.push(job);
      return false;
    });
    this.ahead.push(...this.stage(slice, held));
    // More may be stageable only when the slice was full; a save arriving schedules a pass itself.
    if (slice.length === room) this.stageAheadSoon();
  }

  /**
   * Each save checked and written to a temporary file under its file's lock, in arrival order, and
   * taken into the state; then their flushes started together (the thread pool). `held`: files of a batch
   * being committed, whose saves wait for a later batch, as a file's second save in one batch does.
   */
  private stage(jobs: Job[], held: ReadonlySet<string>): Staged[] {
    const staged: Staged[] = [];
    const later: Job[] = [];
    const files = new Set<string>();
    // Kept for the saves staged while a batch commits too (one at a time, as they arrive): an older
    // listing is as safe, since a temporary file made after it is a live writer's and not in it.
    const listFolder = (dir: string) => {
      if (!this.listings.has(dir)) this.listings.set(dir, listNames(dir));
      return this.listings.get(dir);
    };
    for (const job of jobs) {
      // One save per file in a batch: its lock is held until the batch's files are in place.
      if (files.has(job.req.file) || held.has(job.req.file)) {
        later.push(job);
        continue;
      }
      const out = this.write(job, listFolder);
      if (traceOn) trace("staged", { subject: job.req.subject, ok: out.ok });
      if (out.ok) {
        files.add(job.req.file);
        this.state.applyWritten(out.written);
        staged.push({ job, written: out.written });
      } else {
        this.answerOrRetry(job, out);
      }
    }
    this.pending.unshift(...later);
    // Flushed together once all are written: a flush forces a journal commit, and the temporary
    // files and locks created on this thread meanwhile would wait for it.
    for (const s of staged) startFlush(s.written.staged);
    return staged;
  }

  /** Every file of the batch flushed, checked unchanged, renamed into place; the saves that landed. */
  private async place(staged: Staged[]): Promise<Staged[]> {
    if (staged.length === 0) return [];
    const root = this.state.root;
    let placed: (Failure | undefined)[];
    try {
      // What the batch is about to put in place, flushed first: a server killed from here until
      // the commit is finished by the next start (src/serve/recover.ts).
      // Written beside the temporary files' flushes; the renames wait for both.
      this.journal ??= new Journal(root);
      const noted = this.journal.write(staged.map(journalSaveOf), knownHead(root));
      placed = await finishWrites(root, staged.map((s) => s.written), staged.map((s) => s.job.req.lang), noted);
    } catch (e) {
      for (const { written } of staged) abandonWrite(root, written);
      const message = String((e as Error)?.message ?? e);
      placed = staged.map(({ job }) => ({ ok: false, reason: "io", message: t(job.req.lang, `保存失败(${message}),没有保存任何内容;请告诉教务处`, `saving failed (${message}); nothing was saved. Tell the office`) }));
    }
    const done: Staged[] = [];
    staged.forEach((s, i) => {
      const failed = placed[i];
      if (failed) this.answerOrRetry(s.job, failed);
      else done.push(s);
    });
    // The state took every staged save; one that did not land makes it stale (reloaded at the next request).
    if (done.length < staged.length) this.state.markStale();
    if (done.length === 0) this.journal?.clear();
    return done;
  }

  /** The placed saves committed, one commit each, and answered; false when the commit failed (every file put back). */
  private async commitPlaced(done: Staged[]): Promise<boolean> {
    const root = this.state.root;
    let result: BatchResult;
    let answered = false;
    // Answered once the branch holds the commits: git's index, brought in step after, cannot undo
    // them, and the pages after the saves are made meanwhile. Their files stay held (no later
    // batch places them) until the index is done, so that it takes these bytes, not newer ones.
    const answer = () => {
      if (answered) return;
      answered = true;
      for (const { job, written } of done) job.resolve({ ok: true, problems: written.problems });
    };
    try {
      result = await this.commit(root, done.map(commitOf), { committer: SERVER_COMMITTER, git: sharedGitRunner().run, ...this.options, onImported: (tip) => this.journal?.markImported(tip), onCommitted: (tip) => { this.journal?.markCommitted(tip); answer(); } });
    } catch (e) {
      result = { ok: false, reason: "git", detail: String((e as Error)?.message ?? e) };
    }
    // Once the branch holds the commits nothing is put back, whatever failed after.
    if (result.ok || answered) {
      // Something left for the next start to finish (git's index): the note is kept for it.
      if ((result.ok && result.indexNote) || !result.ok) this.journal?.setAside();
      if (result.ok && result.indexNote) process.stderr.write(`yanxiu serve: committed, but git's index was left as it was (${result.indexNote}); run 'git reset -q' in the repository, or restart the server, which sets it\n`);
      else if (!result.ok) process.stderr.write(`yanxiu serve: committed, then ${result.detail}\n`);
      answer();
      return true;
    }
    for (const { written } of [...done].reverse()) undoWrite(root, written);
    this.state.markStale();
    for (const { job } of done) job.resolve(commitFailure(result.reason, result.detail, job.req.lang));
    return false;
  }

  /**
   * The saves are answered; before the next batch, the batches' packs are rolled up when there are
   * too many (src/git/pack-upkeep.ts). By the same git helper, so never beside the server's own gits.
   */
  private async upkeep(root: string): Promise<void> {
    const git = this.options.git ?? sharedGitRunner().run;
    try {
      const out = await this.packs.afterBatch(git, root, commonDirOf(root));
      if (out.ran && !out.ok) process.stderr.write(`yanxiu serve: rolling up git's ${out.before} packs failed (${out.detail}); nothing was changed, saves go on, tried again after more batches\n`);
    } catch (e) {
      process.stderr.write(`yanxiu serve: rolling up git's packs failed (${String((e as Error)?.message ?? e)}); saves go on\n`);
    }
  }

  /** A file locked by another program, or saved by someone between our read and our write: tried again a moment later, for a while. */
  private answerOrRetry(job: Job, out: Failure): void {
    if ((out.reason === "busy" || out.reason === "changed") && Date.now() - job.since < BUSY_WAIT_MS) {
      setTimeout(() => { this.pending.push(job); this.kick(); }, 40 + Math.floor(Math.random() * 40));
    } else {
      job.resolve(out);
    }
  }

  private write(job: Job, listFolder: (dir: string) => readonly string[] | undefined): { ok: true; written: Written } | Failure {
    try {
      const repo = this.state.current();
      return writeSave({ ...job.req, announce: (p, b) => this.state.expectWrite(p, b) }, repo, this.state.index(), { listFolder });
    } catch (e) {
      this.state.markStale();
      return { ok: false, reason: "io", message: t(job.req.lang, `保存失败(${(e as Error)?.message ?? e}),没有保存任何内容;请告诉教务处`, `saving failed (${(e as Error)?.message ?? e}); nothing was saved. Tell the office`) };
    }
  }
}

/** The commit of a save: its file (with the bytes it was made on), then the evidence it created. */
function commitOf({ job, written }: Staged): CommitSpec {
  return {
    author: job.req.author,
    subject: job.req.subject,
    // The file's base: bytes on disk that HEAD does not hold are committed first, not as this save's.
    files: [{ path: written.file, bytes: written.text, base: written.before ?? null }, ...written.created.map((f) => ({ path: f.path, bytes: f.bytes }))],
  };
}

/** The note of a save (src/serve/journal.ts): its commit, each file by its bytes' hash and those it replaces. */
function journalSaveOf(s: Staged): JournalSave {
  const spec = commitOf(s);
  return {
    author: spec.author,
    subject: spec.subject,
    files: spec.files.map((f, i) => ({ path: f.path, sha256: sha256(f.bytes), before: i === 0 && s.written.before ? sha256(s.written.before) : null })),
  };
}

/** A folder's names, or undefined when it cannot be listed (each write then looks for itself). */
function listNames(dir: string): readonly string[] | undefined {
  try {
    return readdirSync(dir);
  } catch {
    return undefined;
  }
}
