// npx mocha examples/bullmq-failover.mocha.mjs
import { workerKeepsProcessingAcrossMasterKill } from './keeps-processing.mjs';

it('a BullMQ worker keeps processing across a Sentinel master kill', async function () {
  this.timeout(60_000);
  await workerKeepsProcessingAcrossMasterKill();
});
