// Preloaded into CLI runs of the bridge-mode tests (NODE_OPTIONS=--import ...): any TCP connect
// from the host to a private-range address (a container's bridge address, say) throws instead of
// dialling, and is recorded in $REDIS_ARC_DIAL_LOG, so a test can prove that everything went
// through 127.0.0.1 and the published ports.
import { appendFileSync } from 'node:fs';
import net from 'node:net';

// Created empty on load: the test can tell "guard loaded, nothing refused" from "guard not loaded".
if (process.env.REDIS_ARC_DIAL_LOG) appendFileSync(process.env.REDIS_ARC_DIAL_LOG, '');

const PRIVATE = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/;
const original = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // net.connect() passes its normalized [options, callback] array as the first argument.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const opts = typeof first === 'object' && first !== null ? first : { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
  const host = opts.host ?? '';
  if (PRIVATE.test(host)) {
    if (process.env.REDIS_ARC_DIAL_LOG) appendFileSync(process.env.REDIS_ARC_DIAL_LOG, `${host}:${opts.port}\n`);
    throw new Error(`refused to dial private address ${host}:${opts.port} from the host (test guard)`);
  }
  return original.apply(this, args);
};
