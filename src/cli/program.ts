import { Command } from 'commander';
import { benchCommand } from './commands/bench.js';
import { compareCommand } from './commands/compare.js';
import { demoCommand } from './commands/demo.js';
import { doctorCommand } from './commands/doctor.js';
import { failoverTestCommand } from './commands/failover-test.js';
import { downCommand } from './commands/down.js';
import { imageCommand } from './commands/image.js';
import { serversCommand } from './commands/servers.js';
import { initCommand } from './commands/init.js';
import { logsCommand } from './commands/logs.js';
import { renderCommand } from './commands/render.js';
import { reportCommand } from './commands/report.js';
import { smokeCommand } from './commands/smoke.js';
import { statusCommand } from './commands/status.js';
import { upCommand } from './commands/up.js';
import { printable } from '../errors/printable.js';
import { EXIT, EXIT_MEANING, type ExitName } from '../errors/exit-codes.js';
import { examples } from './options.js';
import { VERSION } from './version.js';

/** The root command only wires subcommands; each lives in commands/ and loads its work lazily. */
export function buildProgram(): Command {
  const program = new Command('redis-arc')
    .description('Provision and probe Redis Sentinel / Cluster topologies for BullMQ queues')
    .version(VERSION)
    .option('--verbose', 'show stack traces and debug output')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      examples([
        ['redis-arc demo', 'the whole story in a temporary folder, in about a minute'],
        ['redis-arc init sentinel', 'write redis-arc.yaml + compose + confs'],
        ['redis-arc render', 're-render after editing the spec'],
        ['redis-arc doctor', 'check the spec and the running topology against BullMQ production rules'],
        ['redis-arc up', 'boot it on 127.0.0.1 and wait until healthy'],
        ['redis-arc up --runtime docker', 'or as containers (docker compose / docker-compose v1)'],
        ['redis-arc image build-local', 'a Redis image from the installed binaries (no registry)'],
        ['redis-arc status', 'who is master, replica lag, sentinel quorum, cluster slots'],
        ['redis-arc smoke', 'BullMQ enqueue/consume through direct, bus and manager'],
        ['redis-arc failover-test --trials 3', 'kill the master under load: gaps and lost jobs'],
        ['redis-arc bench --json out.json', 'jobs/s and latency per event-layer mode'],
        ['redis-arc compare', "the seed analysis' Sentinel-vs-Cluster table, measured here"],
        ['redis-arc failover-test --report run.html', 'the same, as one HTML page with charts (opens offline)'],
        ['redis-arc logs sentinel-1 -f', 'follow one node'],
        ['redis-arc down', 'stop everything it started'],
      ]) + exitCodes(),
    );
  for (const cmd of [
    demoCommand,
    initCommand,
    renderCommand,
    doctorCommand,
    upCommand,
    statusCommand,
    smokeCommand,
    failoverTestCommand,
    benchCommand,
    compareCommand,
    reportCommand,
    logsCommand,
    downCommand,
    imageCommand,
    serversCommand,
  ])
    program.addCommand(cmd);
  // commander prints usage errors itself: they start like ours (`redis-arc: …`, not `error: …`) and the
  // flag values they echo are made safe; `image build-local` and other nested commands included.
  const output = { outputError: (text: string, write: (s: string) => void) => write(printable(text).replace(/^error: /, 'redis-arc: ')) };
  const configure = (cmd: Command): void => {
    cmd.exitOverride().configureOutput(output);
    cmd.commands.forEach(configure);
  };
  configure(program);
  return program;
}

/** A key of the EXIT table. */
const isExitName = (key: string): key is ExitName => Object.hasOwn(EXIT, key);

/** The exit code table, as `redis-arc --help` ends. */
function exitCodes(): string {
  const rows = Object.keys(EXIT)
    .filter(isExitName)
    .map((name) => `  ${String(EXIT[name]).padStart(3)}  ${EXIT_MEANING[name]}`);
  return `\nExit codes:\n${rows.join('\n')}\n`;
}
