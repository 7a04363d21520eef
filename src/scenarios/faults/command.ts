import { InterruptedError } from '../../errors/index.js';
import { CannotRunError } from './cannot-run.js';
import { once, type CommandRun, type FaultContext, type FaultDefinition, type FaultTarget } from './fault.js';
import { describeFailure, runUserCommand, type CommandOutcome } from './fault-command.js';
import { unsafeValue, type Placeholders } from './placeholders.js';

/** A heal that starts after Ctrl-C runs this long at most: it must run, and the user is waiting. */
const HEAL_AFTER_INTERRUPT_MS = 10_000;

type Commands = NonNullable<FaultContext['commands']>;

/**
 * `--fault-cmd`: run the user's command at t0. Once it has started, its heal always runs: on
 * success when the trial heals, and at once when it fails, times out or is interrupted (it may
 * have done half its work: stopped the master, then hung). Whatever it left running in its
 * process group is ended before the heal (the fault is over then).
 */
export const command: FaultDefinition<'command'> = {
  id: 'command',
  kinds: ['sentinel', 'cluster'],
  promotes: true,
  needsRuntime: false,
  async inject(ctx) {
    const c = ctx.commands;
    if (!c) throw new CannotRunError('--fault command needs --fault-cmd');
    const values = literalValues(ctx.target, { runtime: ctx.runtime !== undefined, heal: c.heal !== undefined });
    const fault = await runUserCommand(c.fault, values, { timeoutMs: c.timeoutMs, secrets: c.secrets, ...(c.signal && { signal: c.signal }) });
    const state: { healCommand?: CommandRun } = {};
    const heal = once(async () => {
      await fault.endLeftovers();
      if (c.heal) state.healCommand = await runHeal(c, c.heal, values);
    });
    if (fault.interrupted || fault.timedOut || fault.run.exitCode !== 0) {
      await heal();
      throw failure(fault, c, state.healCommand);
    }
    return {
      faultCommand: fault.run,
      heal,
      get healCommand() {
        return state.healCommand;
      },
    };
  },
  healed: (injected) =>
    injected.healCommand ? `--heal-cmd exited ${injected.healCommand.exitCode ?? injected.healCommand.signal}` : 'left as is (no --heal-cmd)',
};

/**
 * The heal runs to its end even after Ctrl-C (it is what puts the node back), within a shorter
 * bound then. What it starts in the background (`redis-server redis.conf &`) is what it put back:
 * left running, unless the heal itself timed out.
 */
async function runHeal(c: Commands, template: string, values: Placeholders): Promise<CommandRun> {
  const timeoutMs = c.signal?.aborted ? Math.min(c.timeoutMs, HEAL_AFTER_INTERRUPT_MS) : c.timeoutMs;
  const heal = await runUserCommand(template, values, { timeoutMs, secrets: c.secrets });
  if (heal.timedOut) await heal.endLeftovers();
  else heal.release();
  return heal.run;
}

/** The one line of a fault command that did not succeed, saying how its heal went. */
function failure(fault: CommandOutcome, c: Commands, heal: CommandRun | undefined): Error {
  const healed = heal ? `--heal-cmd ${heal.exitCode === 0 ? 'exited 0' : describeFailure(heal)}` : 'no --heal-cmd undid what it did';
  if (fault.interrupted) return new InterruptedError(`interrupted: --fault-cmd was ended after ${fault.run.durationMs} ms; ${healed}; nothing was measured`);
  if (fault.timedOut)
    return new CannotRunError(`--fault-cmd was still running after ${c.timeoutMs} ms (--max-recovery) and was killed; ${healed}; nothing was measured`);
  const healedIfAny = heal ? `${healed}; ` : '';
  return new CannotRunError(`--fault-cmd ${describeFailure(fault.run)}; ${healedIfAny}no fault happened, nothing was measured`);
}

/**
 * The placeholders' values for the node hit, refused (one line, exit 4) when one holds what a
 * shell would act on. The trial checks them once it has chosen the node, before the load starts.
 */
export function literalValues(target: FaultTarget, o: { runtime: boolean; heal: boolean }): Placeholders {
  const values: Placeholders = {
    node: o.runtime ? target.id : nodeName(target),
    host: target.address.host,
    port: String(target.address.port),
    role: target.role,
  };
  const unsafe = unsafeValue(o.heal ? '--fault-cmd/--heal-cmd' : '--fault-cmd', values);
  if (unsafe) throw new CannotRunError(unsafe);
  return values;
}

/**
 * `{node}` on an attached topology: the host's first label when the node is known by name (a
 * Kubernetes pod announced as redis-node-0.redis-headless.ns.svc → redis-node-0), else host:port.
 */
function nodeName(target: FaultTarget): string {
  const host = target.address.host;
  const isIp = /^[\d.]+$/.test(host) || host.includes(':');
  return isIp || host === 'localhost' ? target.id : (host.split('.')[0] ?? host);
}
