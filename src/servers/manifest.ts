import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeAtomic } from '../system/write.js';

/** What `servers add` fetched, as it checked it: `list` and `--json` read it back. */
const manifestSchema = z.object({
  name: z.string(),
  suite: z.string(),
  mirror: z.string(),
  /** What the server answered to `--version`, e.g. "Valkey server v=8.1.1 ...". */
  versionLine: z.string(),
  version: z.string(),
  fetchedAt: z.string(),
  fetchMs: z.number(),
  bytes: z.number(),
  packages: z.array(z.object({ name: z.string(), version: z.string(), file: z.string(), size: z.number(), sha256: z.string() })),
});
export type ServerManifest = z.infer<typeof manifestSchema>;

export async function readManifest(path: string): Promise<ServerManifest | undefined> {
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function writeManifest(path: string, manifest: ServerManifest): Promise<void> {
  await writeAtomic(path, `${JSON.stringify(manifest, null, 2)}\n`, 0o644);
}
