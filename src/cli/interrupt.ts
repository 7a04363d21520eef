import { EXIT } from '../errors/index.js';

export interface Interrupt {
  signal: AbortSignal;
  dispose(): void;
}

/**
 * First Ctrl-C (or SIGTERM): abort `signal` so the command stops its work and cleans up (stops
 * load, resumes what it paused, removes its queues, closes connections). A second one exits at
 * once, leaving whatever cleanup had not run.
 */
export function onInterrupt(doing: string, say: (message: string) => void = (m) => process.stderr.write(`redis-arc: ${m}\n`)): Interrupt {
  const abort = new AbortController();
  const handler = () => {
    if (abort.signal.aborted) process.exit(EXIT.interrupted);
    say(`interrupted: ${doing} (Ctrl-C again to exit at once)`);
    abort.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: abort.signal,
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
