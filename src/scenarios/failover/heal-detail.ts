import type { InjectedFault } from './faults.js';
import type { Fault } from './types.js';

/** The heal event's text: what healing did to the node hit. */
export function healedDetail(fault: Fault, injected: InjectedFault): string {
  switch (fault) {
    case 'kill':
      return 'restarted';
    case 'pause':
      return 'resumed';
    case 'debug-sleep':
      return 'woke from DEBUG SLEEP';
    case 'command':
      return injected.healCommand ? `--heal-cmd exited ${injected.healCommand.exitCode ?? injected.healCommand.signal}` : 'left as is (no --heal-cmd)';
    case 'partition':
    case 'isolate':
    case 'hang-clients':
      return 'network restored (nftables table deleted)';
    default:
      return 'left as is';
  }
}
