import { signalsProcess, type FaultDefinition } from './fault.js';

/** SIGSTOP the node's process for `--fault-ms`, then SIGCONT (or sooner, when the trial heals first). */
export const pause: FaultDefinition<'pause'> = {
  id: 'pause',
  kinds: ['sentinel', 'cluster'],
  promotes: true,
  lastsFaultMs: { whileInPlace: 'node paused' },
  needsRuntime: true,
  withoutRuntime: signalsProcess('pause'),
  async inject(ctx, runtime) {
    await runtime.act(ctx.target.id, 'pause');
    let resumed = false;
    const state: { endedAt?: number } = {};
    const resume = async () => {
      if (resumed) return;
      resumed = true;
      clearTimeout(timer);
      await runtime.act(ctx.target.id, 'resume');
      state.endedAt = performance.now();
    };
    const timer = setTimeout(() => void resume().catch(() => undefined), ctx.pauseMs);
    return {
      heal: resume,
      get endedAt() {
        return state.endedAt;
      },
    };
  },
  healed: () => 'resumed',
};
