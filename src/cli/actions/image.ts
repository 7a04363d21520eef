import { createProgress } from '../../report/progress.js';
import { buildLocalImage } from '../../runtime/docker/local-image.js';

export async function runImageBuildLocal(opts: Record<string, unknown>): Promise<void> {
  const progress = await createProgress({ quiet: Boolean(opts.json) });
  progress.step('building a Redis image from the installed binaries');
  let result;
  try {
    result = await buildLocalImage({ tag: opts.tag as string | undefined, onStep: (m) => progress.step(m) });
  } catch (err) {
    progress.fail();
    throw err;
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  progress.succeed(
    `built ${result.image}: redis ${result.redisVersion}, ${result.files} files, ${(result.sizeBytes / 1e6).toFixed(1)} MB, in ${(result.elapsedMs / 1000).toFixed(1)} s`,
  );
  console.log(`Use it: redis-arc up --runtime docker --image ${result.image}`);
  console.log(`    or: image: ${result.image} in redis-arc.yaml, or export REDIS_ARC_IMAGE=${result.image}`);
}
