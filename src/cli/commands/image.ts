import { Command } from 'commander';
import { IMAGE_BUILD_LOCAL_FLAGS } from '../flags/image.js';
import { addFlags } from '../flags/option.js';
import { examples } from '../options.js';

const buildLocal = addFlags(
  new Command('build-local').description("build a small Redis image from this machine's redis-server/redis-cli (no registry needed; Linux)"),
  IMAGE_BUILD_LOCAL_FLAGS,
)
  .addHelpText(
    'after',
    examples([
      ['redis-arc image build-local', 'localhost/redis-local:<version> from the installed Redis'],
      ['redis-arc up --runtime docker --image localhost/redis-local:7.0.15', 'boot with it'],
    ]),
  )
  .action(async (opts: Record<string, unknown>) => {
    const { runImageBuildLocal } = await import('../actions/image.js');
    await runImageBuildLocal(opts);
  })
  .exitOverride();

export const imageCommand = new Command('image')
  .description('images for the docker runtime')
  .addCommand(buildLocal)
  .addHelpText(
    'after',
    examples([
      ['redis-arc image build-local', 'pack the installed Redis into localhost/redis-local:<version>'],
      ['redis-arc image build-local --json', 'the image name and size as JSON'],
    ]),
  );
