import chalk from 'chalk';
import { UsageError } from '../../errors/index.js';
import { emit } from '../../report/emit.js';
import { createProgress } from '../../report/progress.js';
import { serversCacheDir } from '../../servers/cache.js';
import { catalogueServer, SERVER_NAMES } from '../../servers/catalogue.js';
import { fetchServer } from '../../servers/fetch.js';
import { listServers, removeServer } from '../../servers/list.js';
import { parseOptions } from '../schemas/parse.js';
import { serversAddOptions, serversListOptions, serversRemoveOptions } from '../schemas/servers.js';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export async function runServersList(raw: unknown): Promise<void> {
  const opts = parseOptions(serversListOptions, raw);
  const rows = await listServers();
  emit(
    { cache: serversCacheDir(), servers: rows },
    {
      json: opts.json,
      print: (r) => {
        for (const s of r.servers) {
          const state = s.ready ? chalk.green(`${s.version ?? '?'}`.padEnd(8)) : chalk.dim('-'.padEnd(8));
          const where = s.ready ? `${s.where ?? ''}${s.bytes ? ` (${mb(s.bytes)})` : ''}` : chalk.dim(`not here: ${s.hint ?? ''}`);
          console.log(`${s.name.padEnd(12)} ${state} ${where}`);
        }
        console.log(chalk.dim(`cache: ${r.cache}; use one with \`redis-arc up --server NAME\` or \`server: NAME\` in redis-arc.yaml`));
      },
    },
  );
}

export async function runServersAdd(name: string, raw: unknown): Promise<void> {
  const opts = parseOptions(serversAddOptions, raw);
  const entry = catalogueServer(name);
  const fetchable = SERVER_NAMES.filter((n) => catalogueServer(n)?.source === 'debian');
  if (!entry || entry.source !== 'debian') {
    const why = entry ? `${name} is the machine's own redis-server (PATH); nothing to fetch` : `unknown server ${JSON.stringify(name)}`;
    throw new UsageError(`servers add: ${why}; expected one of ${fetchable.join(', ')}`);
  }
  const progress = await createProgress({ quiet: opts.json });
  progress.step(`fetching ${name}`);
  let manifest;
  try {
    manifest = await fetchServer(entry, { onStep: (m) => progress.step(`${name}: ${m}`) });
  } catch (err) {
    progress.fail();
    throw err;
  }
  emit(manifest, {
    json: opts.json,
    print: (m) => {
      progress.succeed(
        `${m.name}: ${m.versionLine} (${m.packages.length} packages, ${mb(m.bytes)} unpacked, SHA256 checked, in ${(m.fetchMs / 1000).toFixed(1)} s)`,
      );
      console.log(`Use it: redis-arc up --server ${m.name}, or server: ${m.name} in redis-arc.yaml`);
    },
  });
}

export async function runServersRemove(name: string, raw: unknown): Promise<void> {
  const opts = parseOptions(serversRemoveOptions, raw);
  const result = await removeServer(name);
  emit(result, { json: opts.json, print: (r) => console.log(`deleted ${r.removed} (${mb(r.bytes)})`) });
}
