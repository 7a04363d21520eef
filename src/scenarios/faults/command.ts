import { CannotRunError } from './cannot-run.js';
import { NO_HEAL, once, type CommandRun, type FaultDefinition, type FaultTarget } from './fault.js';
import { describeFailure, runUserCommand, type Placeholders } from './fault-command.js';

/** `--fault-cmd`: run the user's command at t0; a command that fails means no fault happened, so the trial stops here. */
export const command: FaultDefinition<'command'> = {
  id: 'command',
  kinds: ['sentinel', 'cluster'],
  promotes: true,
  needsRuntime: false,
  async inject(ctx) {
    const c = ctx.commands;
    if (!c) throw new CannotRunError('--fault command needs --fault-cmd');
    const values: Placeholders = {
      node: ctx.runtime ? ctx.target.id : nodeName(ctx.target),
      host: ctx.target.address.host,
      port: String(ctx.target.address.port),
      role: ctx.target.role,
    };
    const run = await runUserCommand(c.fault, values, { timeoutMs: c.timeoutMs, secrets: c.secrets, ...(c.signal && { signal: c.signal }) });
    if (run.exitCode !== 0) throw new CannotRunError(`--fault-cmd ${describeFailure(run)}; no fault happened, nothing was measured`);
    const state: { healCommand?: CommandRun } = {};
    const heal = c.heal;
    return {
      faultCommand: run,
      heal: heal
        ? once(async () => {
            state.healCommand = await runUserCommand(heal, values, { timeoutMs: c.timeoutMs, secrets: c.secrets, ...(c.signal && { signal: c.signal }) });
          })
        : NO_HEAL.heal,
      get healCommand() {
        return state.healCommand;
      },
    };
  },
  healed: (injected) =>
    injected.healCommand ? `--heal-cmd exited ${injected.healCommand.exitCode ?? injected.healCommand.signal}` : 'left as is (no --heal-cmd)',
};

/**
 * `{node}` on an attached topology: the host's first label when the node is known by name (a
 * Kubernetes pod announced as redis-node-0.redis-headless.ns.svc → redis-node-0), else host:port.
 */
function nodeName(target: FaultTarget): string {
  const host = target.address.host;
  const isIp = /^[\d.]+$/.test(host) || host.includes(':');
  return isIp || host === 'localhost' ? target.id : (host.split('.')[0] ?? host);
}
