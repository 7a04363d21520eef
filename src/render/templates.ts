import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Mustache from 'mustache';
import { ArcError } from '../errors/index.js';
import { errorMessage } from '../errors/thrown.js';

/** templates/ at the package root (dist/render/ or src/render/ -> ../../templates). */
export const BUILTIN_TEMPLATES = resolve(dirname(fileURLToPath(import.meta.url)), '../../templates');

/**
 * Templates come from `dir` (a user's --templates copy) with the built-in set filling any gap,
 * so a user can override one file without copying them all.
 */
export class TemplateSet {
  private readonly cache = new Map<string, string>();
  private readonly partials: Record<string, string>;

  constructor(readonly dir: string = BUILTIN_TEMPLATES) {
    if (!existsSync(dir)) throw new ArcError(`--templates ${dir}: no such folder; copy ${BUILTIN_TEMPLATES} and edit the copy`);
    if (!statSync(dir).isDirectory()) throw new ArcError(`--templates ${dir}: is a file, not a folder; pass a copy of ${BUILTIN_TEMPLATES}`);
    this.partials = {};
    for (const base of [BUILTIN_TEMPLATES, dir]) {
      const folder = join(base, 'partials');
      if (!existsSync(folder)) continue;
      for (const file of readdirSync(folder)) this.partials[file.replace(/\.[^.]+$/, '')] = readFileSync(join(folder, file), 'utf8');
    }
  }

  has(folder: string, file: string): boolean {
    return existsSync(join(this.dir, folder, file)) || existsSync(join(BUILTIN_TEMPLATES, folder, file));
  }

  render(folder: string, file: string, view: object): string {
    const text = this.load(folder, file);
    try {
      // Config files are not HTML: no escaping.
      return Mustache.render(text, view, this.partials, { escape: (v: unknown) => String(v) });
    } catch (err) {
      throw new ArcError(`template ${folder}/${file}: ${errorMessage(err)}`, undefined, { cause: err });
    }
  }

  /** The file a template is read from: the user's copy, or the built-in one. */
  pathOf(folder: string, file: string): string {
    const own = join(this.dir, folder, file);
    return existsSync(own) ? own : join(BUILTIN_TEMPLATES, folder, file);
  }

  private load(folder: string, file: string): string {
    const key = `${folder}/${file}`;
    let text = this.cache.get(key);
    if (text === undefined) {
      const path = this.pathOf(folder, file);
      if (!existsSync(path)) throw new ArcError(`template ${key} not found in ${this.dir} or the built-in templates`);
      text = readFileSync(path, 'utf8');
      this.cache.set(key, text);
    }
    return text;
  }
}
