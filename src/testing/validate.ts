import { ArcError, SpecError } from '../errors/index.js';
import { printableValue } from '../errors/printable.js';
import type { Kind } from '../specfile/defaults.js';
import { parsePartition } from '../scenarios/faults/fault-network.js';
import type { NodePlan } from '../topology/types.js';

/*
 * The options of sentinel(), cluster() and standalone() checked before anything is made (a port
 * locked, a folder created), each refusal naming the option as the caller wrote it: the spec
 * file and the flags behind them are the library's business, not the caller's.
 */

const MAX_PORT = 65_535;
const CLUSTER_BUS_OFFSET = 10_000;
/** setTimeout's limit: a longer timeout fires at once. */
const MAX_TIMEOUT_MS = 2_147_483_647;

type Check = (value: unknown) => string | undefined;

const whole =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? undefined : `expected a whole number from ${min} to ${max}`;
const oneOf =
  (...choices: string[]): Check =>
  (v) =>
    typeof v === 'string' && choices.includes(v) ? undefined : `expected ${choices.map((c) => `'${c}'`).join(' or ')}`;
const bool: Check = (v) => (typeof v === 'boolean' ? undefined : 'expected true or false');
const word: Check = (v) =>
  typeof v === 'string' && v.length > 0 && !/[\s\p{Cc}]/u.test(v) ? undefined : 'expected non-empty text without spaces or line breaks';
const oneLineText: Check = (v) => (typeof v === 'string' && v.length > 0 && !/\p{Cc}/u.test(v) ? undefined : 'expected non-empty text on one line');

const COMMON: Record<string, Check> = {
  auth: bool,
  acl: bool,
  tls: bool,
  appendonly: bool,
  password: oneLineText,
  image: word,
  addresses: oneOf('shared', 'per-node'),
  announce: oneOf('addresses', 'hostnames'),
  runtime: oneOf('local', 'docker'),
  server: oneLineText, // a catalogue name or a binary's path (which may hold spaces)
  timeoutMs: whole(1, MAX_TIMEOUT_MS),
  ports: () => undefined, // checked below, with the kind
};
// The spec's own limits (src/specfile/schema.ts).
const BY_KIND: Record<Kind, Record<string, Check>> = {
  standalone: {},
  sentinel: { replicas: whole(0, 20), sentinels: whole(1, 15), downAfterMs: whole(1, 3_600_000) },
  cluster: { masters: whole(1, 100), replicasPerMaster: whole(0, 10), nodeTimeoutMs: whole(1, 3_600_000) },
};

function fail(kind: Kind, option: string, value: unknown, problem: string): never {
  throw new ArcError(`redis-arc: ${kind}({ ${option}: ${shown(value)} }): ${problem}`);
}

function shown(value: unknown): string {
  if (typeof value === 'string') return `'${printableValue(value.slice(0, 80))}'`;
  if (typeof value === 'object' && value !== null) {
    try {
      return printableValue(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)).slice(0, 80));
    } catch {
      return 'an object';
    }
  }
  return printableValue(String(value));
}

/** Throws one line naming the first option that is wrong; options left out take their defaults. */
export function checkTestOptions(kind: Kind, options: unknown): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new ArcError(`redis-arc: ${kind}(options): expected an object of options, got ${shown(options)}`);
  const checks = { ...COMMON, ...BY_KIND[kind] };
  for (const [key, value] of Object.entries(options)) {
    const check = checks[key];
    if (!check) fail(kind, key, value, `${kind}() has no option '${printableValue(key.slice(0, 40))}'; its options: ${Object.keys(checks).join(', ')}`);
    if (value === undefined) continue;
    const problem = check(value);
    if (problem) fail(kind, key, value, problem);
  }
  if ('ports' in options && options.ports !== undefined) checkPorts(kind, options.ports);
}

function checkPorts(kind: Kind, ports: unknown): void {
  const example = 'e.g. { from: 3000, to: 3999 }';
  const top = kind === 'cluster' ? MAX_PORT - CLUSTER_BUS_OFFSET : MAX_PORT;
  if (typeof ports !== 'object' || ports === null || !('from' in ports) || !('to' in ports)) fail(kind, 'ports', ports, `expected { from, to }, ${example}`);
  const { from, to } = ports;
  const ok = (p: unknown): p is number => typeof p === 'number' && Number.isInteger(p) && p >= 1 && p <= top;
  if (!ok(from) || !ok(to) || from > to) {
    const why = kind === 'cluster' ? ` (a cluster's bus ports are ${CLUSTER_BUS_OFFSET} above, so at most ${top})` : '';
    fail(kind, 'ports', ports, `expected whole port numbers from 1 to ${top}${why}, from ≤ to, ${example}`);
  }
}

/** What the spec the library writes calls an option, and what the caller called it. */
const OPTION_OF_SPEC_PATH: Record<string, string> = {
  'sentinel.replicas': 'replicas',
  'sentinel.sentinels': 'sentinels',
  'sentinel.downAfterMs': 'downAfterMs',
  'cluster.masters': 'masters',
  'cluster.replicasPerMaster': 'replicasPerMaster',
  'cluster.nodeTimeoutMs': 'nodeTimeoutMs',
  'network.addresses': 'addresses',
  'ports.base': 'ports',
  'ports.sentinelBase': 'ports',
  server: 'server',
};

/**
 * The CLI's style for what the library throws: one line starting `redis-arc:`, the cause kept.
 * A problem with the spec the library wrote names the option, not a line of a file the caller never saw.
 */
export function oneLine(err: unknown): unknown {
  if (!(err instanceof ArcError) || err.message.startsWith('redis-arc:')) return err;
  const lines = err instanceof SpecError ? err.problems.map(asOption) : err.message.split('\n');
  return new ArcError(`redis-arc: ${lines.join('; ')}`, err.exitCode, { cause: err });
}

function asOption(problem: string): string {
  const text = problem.replace(/^[^:]*:\d+(:\d+)?: /, '');
  const path = /^([\w.]+): /.exec(text)?.[1];
  const option = path === undefined ? undefined : OPTION_OF_SPEC_PATH[path];
  if (path === undefined || option === undefined) return `options: ${text}`;
  return `${option}: ${text.slice(path.length + 2)}`;
}

/** fail()'s fault and options, checked before anything is injected, in the caller's words. */
export function checkFailOptions(fault: unknown, o: unknown, nodes: readonly NodePlan[], faults: readonly string[]): void {
  const call = `fail(${shown(fault)})`;
  if (typeof fault !== 'string' || !faults.includes(fault)) throw new ArcError(`redis-arc: ${call}: no such fault; faults: ${faults.join(', ')}`);
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new ArcError(`redis-arc: ${call}: expected an object of options, got ${shown(o)}`);
  const checks: Record<string, Check> = {
    node: (v) => (typeof v === 'string' && nodes.some((n) => n.id === v) ? undefined : `no such node; nodes: ${nodes.map((n) => n.id).join(', ')}`),
    prefix: word,
    timeoutMs: whole(1, MAX_TIMEOUT_MS),
    pauseMs: whole(1, MAX_TIMEOUT_MS),
    partition: (v) => (typeof v === 'string' ? partitionProblem(v, nodes, fault) : 'expected sides as text, e.g. ' + PARTITION_EXAMPLE),
  };
  for (const [key, value] of Object.entries(o)) {
    const check = checks[key];
    const where = `redis-arc: fail(${shown(fault)}, { ${key}: ${shown(value)} })`;
    if (!check) throw new ArcError(`${where}: fail() has no option '${printableValue(key.slice(0, 40))}'; its options: ${Object.keys(checks).join(', ')}`);
    if (value === undefined) continue;
    const problem = check(value);
    if (problem) throw new ArcError(`${where}: ${problem}`);
  }
}

const PARTITION_EXAMPLE = "'redis-1,sentinel-1|redis-2,redis-3,sentinel-2,sentinel-3'";

function partitionProblem(sides: string, nodes: readonly NodePlan[], fault: string): string | undefined {
  if (fault !== 'partition') return `sides are for fail('partition'), not fail('${fault}')`;
  try {
    parsePartition(sides, [...nodes]);
    return undefined;
  } catch (err) {
    // parsePartition speaks failover-test's flag: keep what it says after the flag's name.
    return err instanceof ArcError ? err.message.replace(/^--partition( '[^']*')?:? ?/, '') : String(err);
  }
}
