import type { z } from 'zod';
import { UsageError } from '../../errors/index.js';

/** `fooBar` → `--foo-bar`: how a commander attribute is spelt on the command line. */
export const flag = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * Parse a command's raw commander options once, into the typed options its action reads. A bad
 * value or combination is one UsageError line (exit 2): a refinement's message as written, or the
 * flag and what zod expected.
 */
export function parseOptions<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  if (!issue) throw new Error('zod failed a parse without naming an issue');
  const key = issue.path.filter((p) => typeof p === 'string').at(-1);
  throw new UsageError(issue.code === 'custom' || key === undefined ? issue.message : `${flag(key)}: ${issue.message}`);
}
