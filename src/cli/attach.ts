import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { UsageError } from '../errors/index.js';
import { parseEndpoint, parseEndpoints } from '../probe/endpoint.js';
import type { ProbeTarget } from '../probe/target.js';
import { checkAttachKind } from './attach-kind.js';

/** Flags that point a command at a topology redis-arc did not start. */
export function addAttachOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--sentinel <host:port,...>', 'attach: sentinels of a running topology').conflicts(['cluster', 'url']))
    .option('--master-name <name>', 'attach: the master name the sentinels monitor', 'mymaster')
    .addOption(new Option('--cluster <host:port,...>', 'attach: seed nodes of a running cluster').conflicts(['url']))
    .option('--url <redis://host:port>', 'attach: one standalone node')
    .option('--password <password>', 'attach: password (visible in ps; prefer --password-file or $REDIS_PASSWORD)')
    .option('--password-file <file>', 'attach: file holding the password');
}

export const isAttach = (opts: Record<string, unknown>): boolean => Boolean(opts.sentinel || opts.cluster || opts.url);

/** The probe target the attach flags describe. */
export async function attachTarget(opts: Record<string, unknown>): Promise<ProbeTarget> {
  const target = await describedTarget(opts);
  await checkAttachKind(target);
  return target;
}

async function describedTarget(opts: Record<string, unknown>): Promise<ProbeTarget> {
  const password = await attachPassword(opts);
  if (opts.sentinel) {
    return { kind: 'sentinel', sentinels: parseEndpoints(String(opts.sentinel)), masterName: String(opts.masterName), password, sentinelPassword: password };
  }
  if (opts.cluster) return { kind: 'cluster', seeds: parseEndpoints(String(opts.cluster)), password };
  const url = parseUrl(String(opts.url));
  return { kind: 'standalone', node: url.endpoint, password: password ?? url.password };
}

async function attachPassword(opts: Record<string, unknown>): Promise<string | undefined> {
  if (opts.password !== undefined) return String(opts.password);
  if (opts.passwordFile !== undefined) {
    const text = await readFile(String(opts.passwordFile), 'utf8').catch(() => {
      throw new UsageError(`--password-file ${String(opts.passwordFile)}: cannot read it`);
    });
    return text.trim();
  }
  return process.env.REDIS_PASSWORD || undefined;
}

function parseUrl(text: string): { endpoint: { host: string; port: number }; password?: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url ${redact(text)}: expected redis://[:password@]host[:port]`);
  }
  if (url.protocol !== 'redis:') throw new UsageError(`--url ${redact(text)}: only redis:// URLs are supported (TLS is not yet)`);
  const endpoint = parseEndpoint(`${url.hostname}:${url.port || '6379'}`);
  return { endpoint, password: url.password ? decodeURIComponent(url.password) : undefined };
}

const redact = (url: string) => url.replace(/\/\/([^@/]*)@/, '//***@');
