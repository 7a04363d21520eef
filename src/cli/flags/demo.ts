import { DEFAULT_DEMO as D } from '../demo-defaults.js';
import { choice, int, text, toggle } from './define.js';
import { forceFlag, JSON_OUT } from './shared.js';

export const DEMO_FLAGS = {
  kind: choice({ flags: '--kind <kind>', help: 'topology', choices: ['sentinel', 'cluster'], default: D.kind }),
  portBase: int({
    flags: '--port-base <port>',
    help: `first data port (default: sentinel ${D.ports.sentinel.portBase}, cluster ${D.ports.cluster.portBase})`,
    min: 1024,
    max: 55000,
  }),
  keep: toggle({ flags: '--keep', help: 'leave the topology running and its folder in place' }),
  /** Where the failover's HTML report goes (default: a new folder in the temp folder). */
  report: text({
    flags: '--report <file.html>',
    help: 'write the failover’s HTML report here (default: a new folder in the temp folder; the path is printed)',
  }),
  ...forceFlag('replace the --report file if it exists'),
  ...JSON_OUT,
};
