import { Command } from 'commander';
import { DEFAULT_BOOT_TIMEOUT_MS } from '../../runtime/defaults.js';
import { examples, int, jsonOption, runtimeOption, seconds, specOption } from '../options.js';

export const upCommand = new Command('up')
  .description('boot the topology and wait until it is healthy (local redis-server processes by default)')
  .addOption(specOption())
  .addOption(runtimeOption())
  .option('--image <image>', "docker runtime: run this image instead of the spec's (e.g. localhost/redis-local:7.0.15 from `redis-arc image build-local`)")
  .option('--timeout <seconds>', 'give up (and stop what was started) after this long', int(1, 3600), seconds(DEFAULT_BOOT_TIMEOUT_MS))
  .option('--dry-run', 'print the effective plan (nodes, ports, settings) and start nothing')
  .addOption(jsonOption())
  .addHelpText(
    'after',
    examples([
      ['redis-arc up', 'boot ./redis-arc.yaml on 127.0.0.1 and wait until healthy'],
      ['redis-arc up --spec cluster/redis-arc.yaml --timeout 30', 'another spec, a shorter wait'],
      ['redis-arc up --json', 'nodes and connection settings as JSON'],
      ['redis-arc up --dry-run', 'what would start, on which ports, with which settings'],
      ['redis-arc up --runtime docker', 'boot docker-compose.yml (docker compose, or docker-compose v1) and wait until healthy'],
      ['redis-arc up --runtime docker --image localhost/redis-local:7.0.15', 'with an image built by `redis-arc image build-local`'],
    ]),
  )
  .action(async (opts: Record<string, unknown>) => {
    const { runUp } = await import('../actions/up.js');
    await runUp(opts);
  });
