/**
 * Runs the work that follows an acknowledgement, at most `limit` tasks at a time, first in first out.
 * Bounding it keeps the event loop free to read and acknowledge new requests during a burst, which
 * Slack needs within 3 seconds, while the commands behind them wait their turn. Urgent tasks, such as
 * opening a modal before its trigger id expires (also 3 seconds), start at once.
 */
export class WorkQueue {
  private readonly waiting: (() => void)[] = [];
  private readonly running = new Set<Promise<void>>();
  private active = 0;

  constructor(private readonly limit: number) {}

  /** Queues `task`; resolves when it has run. A task must catch its own errors. */
  run(task: () => Promise<void>, options: { urgent?: boolean } = {}): Promise<void> {
    const started = options.urgent ? this.startNow(task) : this.enqueue(task);
    this.running.add(started);
    return started.finally(() => this.running.delete(started));
  }

  /** Resolves when every queued and running task has finished, including tasks they queued. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async enqueue(task: () => Promise<void>): Promise<void> {
    // A finishing task hands its slot straight to the first waiter, so the count stays within the limit.
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    return this.execute(task);
  }

  private startNow(task: () => Promise<void>): Promise<void> {
    this.active += 1;
    return this.execute(task);
  }

  private async execute(task: () => Promise<void>): Promise<void> {
    try {
      await task();
    } finally {
      const next = this.waiting.shift();
      if (next === undefined) this.active -= 1;
      else next();
    }
  }
}
