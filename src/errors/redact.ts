/**
 * The one scrubber for secrets in text redis-arc prints: error messages, Redis replies and the
 * log tails of nodes that failed to start. Secrets are remembered where they are read
 * (src/specfile/secret.ts, the attach flags), so any error or log tail printed later is scrubbed
 * even when the code that built it never saw the password.
 */
import { printable } from './printable.js';

const known = new Set<string>();

/** Shorter secrets are not scrubbed (it would mangle ordinary words); nothing refuses them, so they can reach output. */
const MIN_SCRUB_LENGTH = 4;

export const MASK = '***';

export function rememberSecret(secret: string | undefined): void {
  if (secret && secret.length >= MIN_SCRUB_LENGTH) known.add(secret);
}

/** What `redact` looks for: every known secret, the `extra` ones, and their JSON-escaped forms, longest first. */
export function secretNeedles(extra: Iterable<string | undefined> = []): string[] {
  const secrets = new Set<string>(known);
  for (const s of extra) if (s && s.length >= MIN_SCRUB_LENGTH) secrets.add(s);
  const needles = new Set<string>();
  for (const s of secrets) {
    needles.add(s);
    // Redis prints a bad config line back with its bytes as \xHH; JSON and inspect escape quotes.
    needles.add(JSON.stringify(s).slice(1, -1));
  }
  // Longest first, so a form that contains the bare secret is removed whole.
  return [...needles].filter(Boolean).sort((a, b) => b.length - a.length);
}

/** `text` with each of `needles` (from `secretNeedles`) replaced by ***. */
export function maskNeedles(text: string, needles: readonly string[]): string {
  let out = text;
  for (const needle of needles) out = out.split(needle).join(MASK);
  return out;
}

/** `text` with every known secret (and `extra` ones, and their JSON-escaped form) replaced by ***. */
export function redact(text: string, extra: Iterable<string | undefined> = []): string {
  return maskNeedles(text, secretNeedles(extra));
}

/** A line for the terminal: known secrets scrubbed, control characters made visible. */
export function safeLine(text: string): string {
  return printable(redact(text));
}
