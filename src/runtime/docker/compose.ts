import { execa, type Result } from 'execa';
import { ArcError } from '../../errors/index.js';
import { findCompose, type ComposeCommand } from './engine.js';

const COMPOSE_TIMEOUT_MS = 120_000;

/**
 * One topology's compose project: `docker compose -p <project> -f <file>` (or docker-compose v1),
 * run from the spec's folder. The compose command is looked for once, on first use.
 */
export class ComposeProject {
  private found?: ComposeCommand;

  constructor(
    private readonly where: {
      project: string;
      file: string;
      specDir: string;
      /** Overrides the compose file's image through REDIS_ARC_IMAGE. */
      image?: string;
    },
  ) {}

  /** The compose command, found now unless it was already. */
  async command(): Promise<ComposeCommand> {
    this.found ??= await findCompose();
    return this.found;
  }

  /** `docker compose` or `docker-compose`, as messages name it. */
  async label(): Promise<string> {
    const c = await this.command();
    return [c.file, ...c.prefix].join(' ');
  }

  /** Run a compose command; never throws for a non-zero exit (callers say what failed). */
  async exec(args: string[]): Promise<Result> {
    const c = await this.command();
    // v1 does not read the top-level `name:`; -p works for both.
    return execa(c.file, [...c.prefix, '-p', this.where.project, '-f', this.where.file, ...args], {
      cwd: this.where.specDir,
      env: this.where.image ? { REDIS_ARC_IMAGE: this.where.image } : {},
      reject: false,
      timeout: COMPOSE_TIMEOUT_MS,
      stdin: 'ignore',
    });
  }

  /** Run a compose command; a non-zero exit throws with the last lines of its output. */
  async run(args: string[]): Promise<void> {
    const r = await this.exec(args);
    if (r.exitCode !== 0) {
      const c = await this.command();
      const tail = `${String(r.stderr)}\n${String(r.stdout)}`.trim().split('\n').filter(Boolean).slice(-6).join('\n');
      throw new ArcError(`${c.file} ${[...c.prefix, args[0]].join(' ')} failed for ${this.where.project}:\n${tail || `exit ${r.exitCode}`}`);
    }
  }
}
