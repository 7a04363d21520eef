import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSpec } from '../../src/doctor/check.js';
import { MEASURED } from '../../src/doctor/rules/split-brain-window.js';
import { parseSpec } from '../../src/specfile/load.js';

interface PartitionBench {
  setup: { cutMs: number; pinnedRate: number };
  runs: { spec: { minReplicasToWrite: number; minReplicasMaxLagS: number }; pinnedWriter: { trials: Trial[] } }[];
}
type Trial = { acked_during_cut: number; lost_during_cut: number; refused_during_cut: number; last_ack_ms: number };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

describe('doctor split-brain-window', () => {
  it('cites exactly what bench/partition.ts measured', () => {
    const bench = JSON.parse(readFileSync(resolve(import.meta.dirname, '../..', MEASURED.file), 'utf8')) as PartitionBench;
    const run = (min: number, lag: number) => {
      const trials = bench.runs.find((r) => r.spec.minReplicasToWrite === min && r.spec.minReplicasMaxLagS === lag)!.pinnedWriter.trials;
      const m = (k: keyof Trial) => median(trials.map((t) => t[k]));
      return { acked: m('acked_during_cut'), lost: m('lost_during_cut'), refused: m('refused_during_cut'), lastAckMs: m('last_ack_ms') };
    };
    expect(MEASURED.cutMs).toBe(bench.setup.cutMs);
    expect(MEASURED.rate).toBe(bench.setup.pinnedRate);
    expect(MEASURED.without).toEqual({ acked: run(0, 10).acked, lost: run(0, 10).lost });
    expect(MEASURED.lag10).toEqual({ acked: run(1, 10).acked, lost: run(1, 10).lost, refused: run(1, 10).refused });
    expect(MEASURED.lag2).toEqual(run(1, 2));
    // The fix bounds the loss: what the bench must keep showing.
    expect(MEASURED.lag2.lost).toBeLessThan(MEASURED.without.lost / 2);
  });

  const findings = (yaml: string) => checkSpec(parseSpec(yaml)).filter((f) => f.rule === 'split-brain-window');

  it('speaks when min-replicas-max-lag leaves a partition unbounded, with the measured figures', () => {
    const [f] = findings('kind: sentinel\nsentinel:\n  minReplicasToWrite: 1\n');
    expect(f).toMatchObject({
      severity: 'info',
      path: 'sentinel.minReplicasMaxLagS',
      fix: "set sentinel.minReplicasMaxLagS: 2 (adds then fail after 2 s without a replica's acknowledgement)",
    });
    expect(f!.message).toContain(`keeps acknowledging writes for up to 10 s`);
    expect(f!.message).toContain(`${MEASURED.without.lost} of ${MEASURED.without.acked} writes it acknowledged were lost`);
    expect(findings('kind: sentinel\nsentinel:\n  minReplicasToWrite: 1\n  minReplicasMaxLagS: 2\n')).toEqual([]);
    expect(findings('kind: sentinel\n')).toEqual([]);
  });

  it('min-replicas-to-write 0 cites the measurement in its fix', () => {
    const [f] = checkSpec(parseSpec('kind: sentinel\n')).filter((x) => x.rule === 'min-replicas-to-write');
    expect(f!.fix).toContain(`measured on a ${MEASURED.cutMs / 1000} s partition of the master (bench/partition.ts)`);
  });
});
