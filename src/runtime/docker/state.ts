import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseJson } from '../../system/json.js';
import { writeAtomic } from '../../system/write.js';

/**
 * What `up --runtime docker` remembers beside the spec, so that later commands without
 * `--runtime` (down, logs, failover-test) find the containers. The containers themselves are
 * found by their compose labels, so a lost state file only costs the automatic choice.
 */
const dockerStateSchema = z.object({
  version: z.literal(1),
  project: z.string(),
  composeFile: z.string(),
  image: z.string(),
  startedAt: z.string(),
  /** What the volumes' contents depend on (not the image): a changed spec needs `down --purge`. */
  topologyHash: z.string().optional(),
});
export type DockerState = z.infer<typeof dockerStateSchema>;

export const dockerStatePath = (specDir: string): string => join(specDir, '.redis-arc', 'docker.json');

export async function readDockerState(specDir: string): Promise<DockerState | undefined> {
  const text = await readFile(dockerStatePath(specDir), 'utf8').catch(() => undefined);
  return text ? parseJson(text, dockerStateSchema) : undefined;
}

export async function writeDockerState(specDir: string, state: DockerState): Promise<void> {
  await writeAtomic(dockerStatePath(specDir), `${JSON.stringify(state, null, 2)}\n`, 0o644);
}

export async function removeDockerState(specDir: string): Promise<void> {
  await rm(dockerStatePath(specDir), { force: true });
}
