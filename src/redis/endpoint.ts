import { UsageError } from '../errors/index.js';
import { printableValue } from '../errors/printable.js';

/** A host:port that probes connect to. */
export interface Endpoint {
  host: string;
  port: number;
}

/** `host:port`, with IPv6 hosts in brackets (`[::1]:6379`), the form the CLI flags accept. */
export function formatEndpoint(ep: Endpoint): string {
  return ep.host.includes(':') ? `[${ep.host}]:${ep.port}` : `${ep.host}:${ep.port}`;
}

export const sameEndpoint = (a: Endpoint, b: Endpoint): boolean => a.host === b.host && a.port === b.port;

/** One `host:port` (or `[v6]:port`) that a user typed (flags, --target). Throws a one-line UsageError naming the bad text; probe results are never parsed back. */
export function parseEndpoint(text: string): Endpoint {
  const value = text.trim();
  const match = /^(?:\[(?<v6>[^\]]+)\]|(?<name>[^:\s]+)):(?<digits>\d+)$/.exec(value)?.groups;
  const host = match?.v6 ?? match?.name;
  const digits = match?.digits;
  if (!host || digits === undefined) throw new UsageError(`bad address '${printableValue(value)}': expected host:port, e.g. 127.0.0.1:26379`);
  const port = Number(digits);
  if (!Number.isSafeInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`bad address '${printableValue(value)}': port ${digits.length > 12 ? `${digits.slice(0, 12)}…` : digits} out of range (1-65535)`);
  }
  return { host, port };
}

/** `"h:p,h:p"` as the --sentinel / --cluster flags take it. */
export function parseEndpoints(list: string): Endpoint[] {
  const parts = list
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length === 0) throw new UsageError(`bad address list '${list}': expected host:port[,host:port...]`);
  return parts.map(parseEndpoint);
}
