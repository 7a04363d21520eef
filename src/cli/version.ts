import { createRequire } from 'node:module';

/** package.json's version, read without zod: `--help` and `--version` load no more than commander. */
function packageVersion(): string {
  const pkg: unknown = createRequire(import.meta.url)('../../package.json');
  if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string') return pkg.version;
  throw new Error('package.json has no version string: the build copied a broken package.json');
}

export const VERSION: string = packageVersion();
