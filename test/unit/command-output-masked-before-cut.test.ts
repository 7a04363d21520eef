/**
 * The output of a user's command is masked BEFORE it is cut to its tail (issue 28): a password
 * straddling the cut used to show in part. Real /bin/sh for the end-to-end cases.
 */
import { describe, expect, it } from 'vitest';
import { RedactedTail } from '../../src/errors/redacted-tail.js';
import { runUserCommand } from '../../src/scenarios/faults/fault-command.js';

const values = { node: 'redis-1', host: '127.0.0.1', port: '6379', role: 'master' };
const SECRET = 'Straddling-Secret-0123456789';
const KEEP = 4096;

/** Every piece of the secret of 4 characters or more: none may be shown. */
const pieces = (s: string) => [...Array(s.length - 3).keys()].flatMap((i) => [s.slice(i), s.slice(0, s.length - i)]).filter((p) => p.length >= 4);

describe('RedactedTail', () => {
  it('never shows part of a secret cut at the start of the tail, wherever the cut falls', () => {
    for (let offset = 1; offset < SECRET.length; offset++) {
      const tail = new RedactedTail(KEEP, [SECRET]);
      // The secret, then exactly so much that the last KEEP raw characters start `offset` into it.
      tail.push(SECRET);
      tail.push('x'.repeat(KEEP - (SECRET.length - offset)));
      const text = tail.text();
      expect(text.length).toBeLessThanOrEqual(KEEP);
      for (const p of pieces(SECRET)) expect(text, `offset ${offset}`).not.toContain(p);
    }
  });

  it('masks a secret split across chunks, and its JSON-escaped form, in an output far larger than what is kept', () => {
    const quoted = 'pw"with"quotes';
    const tail = new RedactedTail(KEEP, [SECRET, quoted]);
    for (let i = 0; i < 300; i++) {
      const line = `line ${i} ${SECRET} {"auth":${JSON.stringify(quoted)}}\n`;
      // Chunks cut at every place, across secrets.
      const at = i % line.length;
      tail.push(line.slice(0, at));
      tail.push(line.slice(at));
    }
    const text = tail.text();
    expect(text.length).toBe(KEEP);
    expect(text).toContain('line 299 *** {"auth":"***"}');
    for (const p of pieces(SECRET)) expect(text).not.toContain(p);
    expect(text).not.toContain('with');
  });

  it('masks a run of overlapping secrets whole, and stays bounded (no secret shown, no quadratic hold-back)', () => {
    const tail = new RedactedTail(KEEP, ['aaaa']);
    const started = performance.now();
    for (let i = 0; i < 2000; i++) tail.push('a'.repeat(1000));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(tail.text()).not.toMatch(/aaaa/);
  });
});

describe('a command whose output has the password across the 4 KiB cut', () => {
  it('shows none of it in the recorded output (what --json and the terminal line print)', async () => {
    for (const offset of [1, SECRET.length >> 1, SECRET.length - 1]) {
      const after = KEEP - (SECRET.length - offset);
      const { run } = await runUserCommand(`printf 'head '; printf '%s' "$PW"; head -c ${after} /dev/zero | tr '\\0' x`, values, {
        timeoutMs: 5000,
        secrets: [SECRET],
      });
      expect(run.exitCode).toBe(0);
      expect(run.output.length).toBeLessThanOrEqual(KEEP);
      for (const p of pieces(SECRET)) expect(run.output, `offset ${offset}`).not.toContain(p);
    }
  });

  it('keeps a bounded tail of binary output, decoded, without waiting for more than the command', async () => {
    const started = performance.now();
    const { run } = await runUserCommand('head -c 3000000 /dev/urandom; echo; echo "last: $PW"; exit 1', values, { timeoutMs: 10_000, secrets: [SECRET] });
    expect(run.exitCode).toBe(1);
    expect(run.output.length).toBeLessThanOrEqual(KEEP);
    expect(run.output.trim().split('\n').pop()).toBe('last: ***');
    expect(performance.now() - started).toBeLessThan(8000);
  });
});

process.env.PW = SECRET;
