import { setTimeout as sleep } from 'node:timers/promises';
import type { EventProducer } from '../../../events/producer.js';
import { classifyAddError, type AddRecord } from './records.js';

/**
 * Adds jobs at a fixed rate through an event-layer producer, each with a unique id (its marker,
 * also in the job's data as libraryItemId), its due time and its outcome. A late add is sent at once and keeps its due time, so a stall shows up as
 * latency instead of as fewer adds (no coordinated omission).
 */
export class FixedRateLoad {
  readonly records = new Map<string, AddRecord>();
  /** When Redis last acknowledged an add: the recovery loop asks every 100 ms, without walking the records. */
  lastAckAt: number | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly inflight = new Set<Promise<void>>();
  startedAt = 0;
  stoppedAt = 0;

  constructor(
    private readonly producer: EventProducer,
    private readonly opts: { rate: number; idPrefix: string },
  ) {}

  /** Outcome callbacks from the producer's observer (the only outcome the bus has). */
  acked(id: string, jobId = id, by?: string): void {
    const r = this.records.get(id);
    if (r && !r.outcome) r.jobId = jobId;
    this.settle(id, 'ok');
    if (r && by && r.outcome === 'ok' && r.ackedBy === undefined) r.ackedBy = by;
  }

  failed(id: string, error: Error): void {
    this.settle(id, classifyAddError(error), error.message);
  }

  start(): void {
    this.running = true;
    this.startedAt = performance.now();
    this.loop = this.run();
  }

  /** Stop issuing; wait (bounded) for the adds in flight to settle. */
  async stop(settleTimeoutMs = 5000): Promise<void> {
    this.running = false;
    await this.loop;
    this.stoppedAt = performance.now();
    // The bus's forwards settle after its emit returned: wait for them as well.
    await Promise.race([Promise.allSettled([...this.inflight]).then(() => this.producer.idle()), sleep(settleTimeoutMs)]);
    for (const r of this.records.values()) {
      // Never answered at all: unknown whether it applied.
      if (!r.outcome) r.outcome = 'indeterminate';
    }
  }

  private async run(): Promise<void> {
    const interval = 1000 / this.opts.rate;
    let i = 0;
    while (this.running) {
      const due = this.startedAt + i * interval;
      const wait = due - performance.now();
      if (wait > 1) {
        await sleep(wait);
        continue;
      }
      this.issue(`${this.opts.idPrefix}-${i}`, due);
      i++;
    }
  }

  private issue(id: string, dueAt: number): void {
    this.records.set(id, { id, dueAt });
    const payload = { libraryItemId: id, userId: 'failover-test', url: `https://example.com/${id}`, contentType: 'HTML' };
    const add = this.producer.emit('content.save.requested', payload, { id }).catch(() => {
      // The observer already recorded the failure.
    });
    this.inflight.add(add);
    void add.finally(() => this.inflight.delete(add));
  }

  private settle(id: string, outcome: NonNullable<AddRecord['outcome']>, error?: string): void {
    const r = this.records.get(id);
    if (!r || r.outcome) return;
    r.outcome = outcome;
    r.settledAt = performance.now();
    if (outcome === 'ok') this.lastAckAt = r.settledAt;
    if (error) r.error = error;
  }
}
