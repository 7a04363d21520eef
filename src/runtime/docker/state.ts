import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from '../../system/write.js';

/**
 * What `up --runtime docker` remembers beside the spec, so that later commands without
 * `--runtime` (down, logs, failover-test) find the containers. The containers themselves are
 * found by their compose labels, so a lost state file only costs the automatic choice.
 */
export interface DockerState {
  version: 1;
  project: string;
  composeFile: string;
  image: string;
  startedAt: string;
  /** What the volumes' contents depend on (not the image): a changed spec needs `down --purge`. */
  topologyHash?: string;
}

export const dockerStatePath = (specDir: string): string => join(specDir, '.redis-arc', 'docker.json');

export async function readDockerState(specDir: string): Promise<DockerState | undefined> {
  const text = await readFile(dockerStatePath(specDir), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  try {
    const state = JSON.parse(text) as DockerState;
    return state.version === 1 && typeof state.project === 'string' ? state : undefined;
  } catch {
    return undefined;
  }
}

export async function writeDockerState(specDir: string, state: DockerState): Promise<void> {
  await writeAtomic(dockerStatePath(specDir), `${JSON.stringify(state, null, 2)}\n`, 0o644);
}

export async function removeDockerState(specDir: string): Promise<void> {
  await rm(dockerStatePath(specDir), { force: true });
}
