import { ArcError } from '../../errors/index.js';
import type { BenchResult } from '../bench/types.js';
import type { CompareResult } from '../compare/types.js';
import type { FailoverResult } from '../failover/types.js';
import { benchResultSchema } from './bench.js';
import { compareResultSchema } from './compare.js';
import { failoverResultSchema } from './failover.js';

/** What a saved --json result is, written in its `result` field: failover-test, bench or compare. */
export const RESULT_KINDS = ['failover', 'bench', 'compare'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];
export type SavedResult = FailoverResult | BenchResult | CompareResult;

const SCHEMAS = { failover: failoverResultSchema, bench: benchResultSchema, compare: compareResultSchema } as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isResultKind = (v: unknown): v is ResultKind => RESULT_KINDS.some((k) => k === v);

/** Which result a saved --json holds: its `result` tag, else (saved before the tag existed) its shape. */
export function resultKind(value: unknown): ResultKind | undefined {
  if (!isRecord(value) || value.schemaVersion !== 1) return undefined;
  if ('result' in value) return isResultKind(value.result) ? value.result : undefined;
  return untaggedKind(value);
}

/** Results written before the `result` tag: each of the three has fields the others lack. */
function untaggedKind(v: Record<string, unknown>): ResultKind | undefined {
  if (Array.isArray(v.trials) && typeof v.fault === 'string') return 'failover';
  if (Array.isArray(v.measurements) && Array.isArray(v.rows) && isRecord(v.settings)) return 'compare';
  if (Array.isArray(v.results) && isRecord(v.environment)) return 'bench';
  return undefined;
}

/**
 * A saved result, validated: its kind first (`expected` narrows it, for `bench --baseline`), then
 * every field the report reads. `source` names the file in the one-line error (exit 1).
 */
export function readResult(value: unknown, source: string): SavedResult;
export function readResult<K extends ResultKind>(value: unknown, source: string, expected: K): Extract<SavedResult, { result: K }>;
export function readResult(value: unknown, source: string, expected?: ResultKind): SavedResult {
  const kind = resultKind(value);
  if (!kind || (expected && kind !== expected)) {
    if (expected) throw new ArcError(`${source}: not a redis-arc ${expected} result (schemaVersion 1)`);
    throw new ArcError(`${source}: not a redis-arc failover-test, bench or compare result (schemaVersion 1); write one with --json`);
  }
  const parsed = SCHEMAS[kind].safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the top level';
    throw new ArcError(`${source}: a ${kind} result, but ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
