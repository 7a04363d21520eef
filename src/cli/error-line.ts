/** The first line of what was thrown: an Error's message, or the thrown value as text. */
export function errorLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
