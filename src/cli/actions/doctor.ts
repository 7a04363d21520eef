import { report, type Finding, type LiveSummary } from '../../doctor/finding.js';
import { doctorLive, describeTarget, EXIT_UNREACHABLE } from '../../doctor/live.js';
import { checkSpec } from '../../doctor/check.js';
import { ArcError, EXIT, UsageError } from '../../errors/index.js';
import { openProject, type Project } from '../../project/open.js';
import { printDoctor } from '../../report/doctor.js';
import { isAttach } from '../attach.js';
import { openTopology } from '../target.js';

/**
 * Spec rules (in a project folder), then live checks against the same target `status` uses.
 * `live` is true (--live: must answer), false (--no-live) or undefined (when it answers).
 */
export async function runDoctor(opts: Record<string, unknown>): Promise<number> {
  const attach = isAttach(opts);
  if (attach && opts.live === false) throw new UsageError('--no-live with --sentinel, --cluster or --url leaves nothing to check');
  const findings: Finding[] = [];
  let source = '';
  let spec: string | undefined;
  let project: Project | undefined;
  if (!attach) {
    project = await openProject(opts.spec as string);
    source = spec = project.specFile;
    findings.push(...checkSpec(project.spec));
  }
  let live: LiveSummary = { checked: false, reason: 'off (--no-live)' };
  if (opts.live !== false) {
    const { target } = await openTopology(opts, {}, project);
    if (attach) source = describeTarget(target);
    const result = await doctorLive(target, { project: !attach, scan: { limitPerMaster: opts.scanLimit as number } });
    if (!result.reached) {
      if (attach || opts.live === true) throw new ArcError(`cannot reach ${describeTarget(target)}: ${result.reason}`, EXIT_UNREACHABLE);
      live = { checked: false, target: describeTarget(target), reason: `not running: ${result.reason}` };
    } else {
      // An info the spec already gave (min-replicas-to-write 0) is not repeated for the running nodes.
      const specInfo = new Set(findings.filter((f) => f.severity === 'info').map((f) => f.rule));
      findings.push(...result.findings.filter((f) => f.severity !== 'info' || !specInfo.has(f.rule)));
      live = result.summary;
    }
  }
  const result = report(source, findings, live, spec);
  if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else printDoctor(result);
  return result.errors > 0 ? EXIT.failed : EXIT.ok;
}
