import { armBaseInterrupt } from './interrupt.js';

/*
 * Imported first by main.ts, for its side effect: ES modules run in import order, so Ctrl-C /
 * SIGTERM is handled from before the program's other modules load (otherwise the first ~0.2 s
 * end in Node's silent death by the signal, exit 143).
 */
armBaseInterrupt();
