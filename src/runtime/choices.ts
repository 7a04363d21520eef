/** `--runtime` values: kept apart from src/project/runtime.ts (which selects a runtime) so that command definitions load nothing heavy. */
export const RUNTIME_CHOICES = ['auto', 'local', 'docker'] as const;
export type RuntimeChoice = (typeof RUNTIME_CHOICES)[number];
