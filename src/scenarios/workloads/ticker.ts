import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Calls `add(i)` at a fixed rate without waiting for it (a stalled add must not hold back the
 * next: no coordinated omission), and remembers which adds were acknowledged. `stop` waits a
 * bounded time for the adds in flight; one still hanging stays unacknowledged.
 */
export class Ticker<T> {
  /** Acknowledged adds by their index: what `add` resolved with, and when (epoch ms). */
  readonly acked = new Map<number, { value: T; atEpochMs: number }>();
  issued = 0;
  failed = 0;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly inflight = new Set<Promise<void>>();

  constructor(
    private readonly everyMs: number,
    private readonly add: (i: number) => Promise<T>,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(settleMs = 5000): Promise<void> {
    this.running = false;
    await this.loop;
    await Promise.race([Promise.allSettled([...this.inflight]), sleep(settleMs)]);
  }

  private async run(): Promise<void> {
    const start = performance.now();
    for (let i = 0; this.running; i++) {
      const wait = start + i * this.everyMs - performance.now();
      if (wait > 1) await sleep(wait);
      if (!this.running) break;
      this.issue(i);
    }
  }

  private issue(i: number): void {
    this.issued++;
    const p = this.add(i).then(
      (value) => void this.acked.set(i, { value, atEpochMs: Date.now() }),
      () => void this.failed++,
    );
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }
}
