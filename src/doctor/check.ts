export { checkSpec } from './spec-rules.js';
export { checkLive } from './live-rules.js';
