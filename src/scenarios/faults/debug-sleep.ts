import type { FaultDefinition } from './fault.js';
import { debugSleep as sleepCommand } from './fault-redis.js';

/** `DEBUG SLEEP` for `--fault-ms`: the server hangs as a whole, connections stay open. */
export const debugSleep: FaultDefinition<'debug-sleep'> = {
  id: 'debug-sleep',
  kinds: ['sentinel', 'cluster'],
  promotes: true,
  lastsFaultMs: { whileInPlace: 'node paused' },
  needsRuntime: false,
  async inject(ctx) {
    const state: { endedAt?: number } = {};
    const { ended } = await sleepCommand(ctx.target.address, { password: ctx.password, tls: ctx.tls }, ctx.pauseMs);
    void ended.then((at) => (state.endedAt = at));
    return {
      // The sleep cannot be cut short: healing waits for it to end.
      heal: async () => void (await ended),
      get endedAt() {
        return state.endedAt;
      },
    };
  },
  healed: () => 'woke from DEBUG SLEEP',
};
