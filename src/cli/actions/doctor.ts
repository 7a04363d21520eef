import { report, type Finding, type LiveSummary } from '../../doctor/finding.js';
import { doctorLive, describeTarget } from '../../doctor/live.js';
import { checkSpec } from '../../doctor/check.js';
import { EXIT, UnreachableError } from '../../errors/index.js';
import { openProject, type Project } from '../../project/open.js';
import { printDoctor } from '../../report/doctor.js';
import { emit } from '../../report/emit.js';
import { isAttach } from '../flags/shared.js';
import { doctorOptions, type DoctorOptions } from '../schemas/doctor.js';
import { checkClient } from '../../doctor/check.js';
import { readSettings } from '../../profiles/read-settings.js';
import { resolveProfiles } from '../../profiles/resolve.js';
import { parseOptions } from '../schemas/parse.js';
import { openTopology } from '../target.js';
import { rememberTopologySecrets } from '../known-secrets.js';

/**
 * Spec rules (in a project folder), then live checks against the same target `status` uses.
 * `live` is true (--live: must answer), false (--no-live) or undefined (when it answers).
 */
export async function runDoctor(raw: unknown): Promise<number> {
  const opts = parseOptions(doctorOptions, raw);
  if (opts.client) return doctorClient(opts.client, opts);
  const attach = isAttach(opts);
  const findings: Finding[] = [];
  let source = '';
  let spec: string | undefined;
  let project: Project | undefined;
  if (!attach) {
    project = await openProject(opts.spec);
    source = spec = project.specFile;
    findings.push(...checkSpec(project.spec));
  }
  let live: LiveSummary = { checked: false, reason: 'off (--no-live)' };
  if (opts.live !== false) {
    const { target } = await openTopology(opts, {}, project);
    if (attach) source = describeTarget(target);
    const result = await doctorLive(target, { project: !attach, scan: { limitPerMaster: opts.scanLimit } });
    if (!result.reached) {
      if (attach || opts.live === true) throw new UnreachableError(`cannot reach ${describeTarget(target)}: ${result.reason}`);
      live = { checked: false, target: describeTarget(target), reason: `not running: ${result.reason}` };
    } else {
      // An info the spec already gave (min-replicas-to-write 0) is not repeated for the running nodes.
      const specInfo = new Set(findings.filter((f) => f.severity === 'info').map((f) => f.rule));
      findings.push(...result.findings.filter((f) => f.severity !== 'info' || !specInfo.has(f.rule)));
      live = result.summary;
    }
  }
  const result = report(source, findings, live, spec);
  emit(result, { json: opts.json, print: printDoctor });
  return result.errors > 0 ? EXIT.failed : EXIT.ok;
}

/**
 * `doctor --client`: the client rules against each module's settings, read without connecting,
 * for the kind of topology the flags or ./redis-arc.yaml name (sentinel when neither does).
 */
async function doctorClient(client: string, opts: DoctorOptions): Promise<number> {
  // Its code runs before anything is opened: an error quoting the topology's password is masked.
  await rememberTopologySecrets(opts);
  const profiles = await resolveProfiles(client, { ...(opts.appDir && { appDir: opts.appDir }) });
  const kind = opts.sentinel ? 'sentinel' : opts.cluster ? 'cluster' : opts.url ? 'standalone' : await specKind(opts.spec);
  const findings: Finding[] = [];
  for (const p of profiles) findings.push(...checkClient(await readSettings(p, kind)));
  const result = {
    ...report(profiles.map((p) => p.name).join(', '), findings, { checked: false, reason: `${kind} connection settings read, nothing connected` }),
    clients: profiles.map((p) => p.name),
  };
  emit(result, { json: opts.json, print: printDoctor });
  return result.errors > 0 ? EXIT.failed : EXIT.ok;
}

async function specKind(spec: string | undefined): Promise<'standalone' | 'sentinel' | 'cluster'> {
  const project = await openProject(spec).catch(() => undefined);
  return project?.spec.kind ?? 'sentinel';
}
