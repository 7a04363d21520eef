/** `--runtime` values: kept apart from select.ts so that command definitions load nothing heavy. */
export const RUNTIME_CHOICES = ['auto', 'local', 'docker'] as const;
export type RuntimeChoice = (typeof RUNTIME_CHOICES)[number];
