// node --test examples/bullmq-failover.node-test.mjs
import { test } from 'node:test';
import { workerKeepsProcessingAcrossMasterKill } from './keeps-processing.mjs';

test('a BullMQ worker keeps processing across a Sentinel master kill', { timeout: 60_000 }, workerKeepsProcessingAcrossMasterKill);
