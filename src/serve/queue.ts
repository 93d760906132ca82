/**
 * One write at a time: every save (write the file, commit it) runs after the one before has
 * finished, so two teachers saving in the same second both land, one commit after the other,
 * and no commit ever races another for git's index. Reads are never queued.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  run<T>(job: () => Promise<T>): Promise<T> {
    this.waiting++;
    const next = this.tail.then(job, job);
    this.tail = next.then(() => undefined, () => undefined).finally(() => this.waiting--);
    return next;
  }

  get length(): number {
    return this.waiting;
  }
}
