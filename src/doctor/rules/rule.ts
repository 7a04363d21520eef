import type { ClientSettings } from '../client-settings.js';
import type { Spec } from '../../specfile/spec.js';
import type { Finding, Severity } from '../finding.js';
import type { DataNodeReading, LiveState, SentinelReading } from '../live-read.js';
import type { QueueKeys } from '../live-queues.js';

/** What a spec check says; the catalogue adds `source` and `rule`. */
export type SpecDraft = Pick<Finding, 'severity' | 'path' | 'message' | 'fix'>;

/**
 * What a live check says about one node (or the topology); the catalogue adds `source` and
 * `rule`, merges drafts that differ only in their nodes, and keeps `specKey` in a project only.
 */
export type LiveDraft = Pick<Finding, 'severity' | 'path' | 'nodes' | 'observed' | 'message' | 'fix' | 'specKey'>;

/** No finding, one, or several. */
export type Some<T> = T | T[] | undefined;

/** What the sentinel checks share: the monitored master's name and the vote arithmetic. */
export interface SentinelView {
  masterName: string;
  /** The sentinels that answered. */
  reachable: SentinelReading[];
  /** How many sentinels there are: those listed, or more when an answering one knows more peers. */
  total: number;
  /** Votes a failover needs. */
  majority: number;
}

/** A live finding already made, as a later check sees it. */
export interface Found {
  rule: string;
  severity: Severity;
}

/**
 * A rule's live checks, by what they look at. Doctor runs the node checks on every data node,
 * then the `nodes` checks, then (sentinel targets) the sentinel and `sentinels` checks, then
 * (cluster targets) the cluster checks; within each step in catalogue order (rules/index.ts).
 */
export interface LiveChecks {
  /** One data node, reachable or not. */
  node?: (node: DataNodeReading, state: LiveState) => Some<LiveDraft>;
  /** All data nodes together, knowing what the node checks found. */
  nodes?: (state: LiveState, found: readonly Found[]) => Some<LiveDraft>;
  /** One sentinel, reachable or not. */
  sentinel?: (sentinel: SentinelReading, view: SentinelView) => Some<LiveDraft>;
  /** All sentinels together. */
  sentinels?: (view: SentinelView) => Some<LiveDraft>;
  /** The cluster, with the BullMQ queues the key scan found. */
  cluster?: (state: LiveState, queues: QueueKeys[]) => Some<LiveDraft>;
}

/** What a client check says about a module's settings (`doctor --client`). */
export type ClientDraft = Pick<Finding, 'severity' | 'path' | 'observed' | 'message' | 'fix'>;

/** One doctor rule: its id (the `rule` of every finding it makes), its spec check, its live checks, its client check. */
export interface Rule {
  id: string;
  spec?: (spec: Spec) => Some<SpecDraft>;
  live?: LiveChecks;
  client?: (settings: ClientSettings) => Some<ClientDraft>;
}
