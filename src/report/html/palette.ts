/** The i-th entry of a palette, wrapping round: a chart may have more series than colours. */
export function cycle<T>(palette: readonly T[], i: number): T {
  const entry = palette[i % palette.length];
  if (entry === undefined) throw new Error('cycle: an empty palette');
  return entry;
}
