import { ArcError } from '../errors/index.js';
import { formatEndpoint, type Endpoint } from './endpoint.js';

/** Why a node could not be probed: the health verdict treats each differently. */
export type ProbeFailure = 'unreachable' | 'auth' | 'other';

const SUMMARY: Record<ProbeFailure, string> = {
  unreachable: 'unreachable',
  auth: 'authentication failed',
  other: 'probe failed',
};

/** One node could not be read. The message is one line and never contains a password. */
export class ProbeError extends ArcError {
  /** The message without the address: `unreachable (connect ECONNREFUSED 127.0.0.1:6380)`. */
  readonly problem: string;

  constructor(
    readonly address: string,
    readonly reason: ProbeFailure,
    /** The underlying error's message (a password in it is redacted). */
    readonly detail: string,
  ) {
    // The raw ioredis error is not kept as `cause`: its `command.args` holds the AUTH password.
    const problem = `${SUMMARY[reason]} (${detail})${reason === 'auth' ? AUTH_FIX : ''}`;
    super(`${address}: ${problem}`);
    this.problem = problem;
  }
}

const AUTH_FIX = '; check the password: --password-file FILE, $REDIS_PASSWORD, or the project\'s password file';
const AUTH_REPLY = /^(WRONGPASS|NOAUTH|NOPERM)\b|^ERR invalid password/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
const CLOSED = /Connection is closed|Stream isn't writeable|Command timed out|connect ETIMEDOUT/;

export function classify(err: unknown): ProbeFailure {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  if (AUTH_REPLY.test(message)) return 'auth';
  if ((typeof code === 'string' && NETWORK_CODES.has(code)) || CLOSED.test(message)) return 'unreachable';
  return 'other';
}

/** Wrap anything thrown while probing `ep`; `password` is only used to scrub it from the text. */
export function toProbeError(err: unknown, ep: Endpoint, password?: string): ProbeError {
  if (err instanceof ProbeError) return err;
  const raw = err instanceof Error ? err.message : String(err);
  const firstLine = raw.split('\n')[0] ?? raw;
  const scrubbed = password ? firstLine.split(password).join('***') : firstLine;
  // A TLS-only node resets a plain-text client at once; a plain node answers a TLS hello with garbage.
  const detail = /ECONNRESET/.test(scrubbed)
    ? `${scrubbed}; if the node is TLS-only, pass --tls-ca, plus --tls-cert/--tls-key`
    : /wrong version number|packet length too long|EPROTO/.test(scrubbed)
      ? `${scrubbed}; the node does not speak TLS: drop the --tls-* flags or use redis://`
      : scrubbed;
  return new ProbeError(formatEndpoint(ep), classify(err), detail);
}
