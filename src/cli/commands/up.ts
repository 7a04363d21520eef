import { Command } from 'commander';
import { addFlags } from '../flags/option.js';
import { UP_FLAGS } from '../flags/up.js';
import { examples } from '../options.js';

export const upCommand = addFlags(
  new Command('up').description('boot the topology and wait until it is healthy (local redis-server processes by default)'),
  UP_FLAGS,
)
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
