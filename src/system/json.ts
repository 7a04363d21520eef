import type { z } from 'zod';

/**
 * JSON that redis-arc wrote to a file (a lock, a state file, a manifest) read back as the type it
 * was written as: undefined when the text is not JSON or not that shape (a torn write, an old
 * version, a hand edit), so each caller decides what an unreadable file means.
 */
export function parseJson<S extends z.ZodType>(text: string, schema: S): z.output<S> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
