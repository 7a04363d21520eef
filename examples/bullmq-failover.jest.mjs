// node --experimental-vm-modules node_modules/jest/bin/jest.js --config examples/jest.config.mjs
// (jest runs ES modules only with that flag; a CommonJS test file would need no flag.)
import { workerKeepsProcessingAcrossMasterKill } from './keeps-processing.mjs';

test('a BullMQ worker keeps processing across a Sentinel master kill', workerKeepsProcessingAcrossMasterKill, 60_000);
