import { emit } from '../../report/emit.js';
import { createProgress } from '../../report/progress.js';
import { buildLocalImage } from '../../runtime/docker/local-image.js';
import { imageBuildLocalOptions } from '../schemas/image.js';
import { parseOptions } from '../schemas/parse.js';

export async function runImageBuildLocal(raw: unknown): Promise<void> {
  const opts = parseOptions(imageBuildLocalOptions, raw);
  const progress = await createProgress({ quiet: opts.json });
  progress.step('building a Redis image from the installed binaries');
  let result;
  try {
    result = await buildLocalImage({ tag: opts.tag, onStep: (m) => progress.step(m) });
  } catch (err) {
    progress.fail();
    throw err;
  }
  emit(result, {
    json: opts.json,
    print: (r) => {
      progress.succeed(
        `built ${r.image}: redis ${r.redisVersion}, ${r.files} files, ${(r.sizeBytes / 1e6).toFixed(1)} MB, in ${(r.elapsedMs / 1000).toFixed(1)} s`,
      );
      console.log(`Use it: redis-arc up --runtime docker --image ${r.image}`);
      console.log(`    or: image: ${r.image} in redis-arc.yaml, or export REDIS_ARC_IMAGE=${r.image}`);
    },
  });
}
