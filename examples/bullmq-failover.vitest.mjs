// npx vitest run --config examples/vitest.config.mjs
import { test } from 'vitest';
import { workerKeepsProcessingAcrossMasterKill } from './keeps-processing.mjs';

test('a BullMQ worker keeps processing across a Sentinel master kill', workerKeepsProcessingAcrossMasterKill, 60_000);
