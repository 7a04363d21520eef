import { ArcError, EXIT } from '../errors/index.js';
import { redact } from '../errors/redact.js';
import { errnoCode, errorMessage } from '../errors/thrown.js';
import { formatEndpoint, type Endpoint } from '../redis/endpoint.js';

/** Why a node could not be probed: the health verdict treats each differently. */
export type ProbeFailure = 'unreachable' | 'auth' | 'not-redis' | 'other';

const SUMMARY: Record<ProbeFailure, string> = {
  unreachable: 'unreachable',
  auth: 'authentication failed',
  'not-redis': 'answered but is not Redis',
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
    // Reaching the top, a node that does not answer or refuses the login is exit 3, like status "down".
    super(`${address}: ${problem}`, reason === 'other' ? EXIT.failed : EXIT.unreachable);
    this.problem = problem;
  }
}

const AUTH_FIX = "; check the password: --password-file FILE, $REDIS_PASSWORD, or the project's password file";
const AUTH_REPLY = /^(WRONGPASS|NOAUTH|NOPERM)\b|^ERR invalid password/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
const CLOSED = /Connection is closed|Stream isn't writeable|Command timed out|connect ETIMEDOUT/;
/** ioredis' RESP parser meeting bytes no Redis sends (an HTTP server's "HTTP/1.1 400", say); 21/22 open a TLS record. */
const NOT_RESP = /^Unknown RESP type (?!2[12]\b)|^Protocol error/;

export function classify(err: unknown): ProbeFailure {
  const message = errorMessage(err);
  const code = errnoCode(err);
  if (AUTH_REPLY.test(message)) return 'auth';
  if (NOT_RESP.test(message)) return 'not-redis';
  if ((code !== undefined && NETWORK_CODES.has(code)) || CLOSED.test(message)) return 'unreachable';
  return 'other';
}

/** Wrap anything thrown while probing `ep`; `password` is only used to scrub it from the text. */
export function toProbeError(err: unknown, ep: Endpoint, password?: string): ProbeError {
  if (err instanceof ProbeError) return err;
  const raw = errorMessage(err);
  const firstLine = raw.split('\n')[0] ?? raw;
  const scrubbed = redact(firstLine, [password]);
  const detail = detailOf(scrubbed);
  return new ProbeError(formatEndpoint(ep), classify(err), detail);
}

/** The error's first line, with the likely cause added where the bare text would mislead. */
function detailOf(message: string): string {
  // A TLS-only node resets a plain-text client at once; a plain node answers a TLS hello with garbage.
  if (/ECONNRESET/.test(message)) return `${message}; if the node is TLS-only, pass --tls-ca, plus --tls-cert/--tls-key`;
  if (/wrong version number|packet length too long|EPROTO/.test(message))
    return `${message}; the node does not speak TLS: drop the --tls-* flags or use redis://`;
  if (/^Connection is closed/.test(message))
    return `${message.replace(/\.$/, '')}: it accepted the connection and closed it without a reply; a TLS-only node (pass --tls-ca), a proxy turning us away, or a server that is not Redis`;
  // Redis' own refusals are long paragraphs; one clause with the fix is enough.
  if (/^DENIED Redis is running in protected mode/.test(message))
    return 'protected mode: it has no password, so it only accepts clients on its own loopback interface; set requirepass there, or probe it from that host';
  if (/^ERR max number of clients reached/.test(message)) return `${message}: it takes no new client; raise maxclients there or close idle connections`;
  if (/^Command timed out/.test(message))
    return `${message}: it accepted the connection but sent no reply; a paused or overloaded node, or a server that is not Redis`;
  const byte = /^Unknown RESP type (\d+)/.exec(message)?.[1];
  // 0x15/0x16 open a TLS record: the node speaks TLS to a plain-text client.
  if (byte === '21' || byte === '22') return 'it answered in TLS; pass --tls-ca (or use rediss://)';
  // ioredis adds "Please report this" to bytes no Redis sends (an HTTP server's "HTTP/1.1 400", say): nothing to report.
  if (byte) return `its reply began with ${JSON.stringify(String.fromCharCode(Number(byte)))}, which no Redis sends`;
  return message;
}
