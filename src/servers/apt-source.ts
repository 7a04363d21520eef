/**
 * The machine's own Debian mirror, read from its apt sources (one-line `.list` and deb822
 * `.sources` files), so `servers add` fetches from where this machine already fetches: no package
 * host is written in redis-arc.
 */
export interface AptMirror {
  uri: string;
  /** The keyring the machine's entry names (apt's own keyrings are used when it names none). */
  signedBy?: string;
}

/** Debian's own suites, by codename and by alias: an entry naming one is a Debian archive. */
const DEBIAN_SUITES = new Set(['buster', 'bullseye', 'bookworm', 'trixie', 'forky', 'sid', 'oldoldstable', 'oldstable', 'stable', 'testing', 'unstable']);

interface Entry {
  types: string[];
  uris: string[];
  suites: string[];
  components: string[];
  signedBy?: string;
  enabled: boolean;
}

/** Entries of a one-line sources.list: `deb [opt=value ...] URI suite component...`. */
export function parseOneLine(text: string): Entry[] {
  const entries: Entry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const options = /\[([^\]]*)\]/.exec(line)?.[1] ?? '';
    const [type, uri, suite, ...components] = line
      .replace(/\[[^\]]*\]/, ' ')
      .split(/\s+/)
      .filter(Boolean);
    if (!type || !uri || !suite) continue;
    const signedBy = /(?:^|\s)signed-by=(\S+)/.exec(options)?.[1];
    entries.push({ types: [type], uris: [uri], suites: [suite], components, signedBy, enabled: true });
  }
  return entries;
}

/** Entries of a deb822 `.sources` file: paragraphs of `Field: value` lines. */
export function parseDeb822(text: string): Entry[] {
  const entries: Entry[] = [];
  const paragraphs = text.split(/\n\s*\n/);
  for (const paragraph of paragraphs) {
    const fields = new Map<string, string>();
    let last: string | undefined;
    for (const line of paragraph.split('\n')) {
      if (line.startsWith('#') || !line.trim()) continue;
      // A line starting with a space continues the field before it (a Signed-By key block).
      if (/^\s/.test(line) && last) {
        fields.set(last, `${fields.get(last) ?? ''}\n${line.trim()}`);
        continue;
      }
      const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
      if (!m?.[1]) continue;
      last = m[1].toLowerCase();
      fields.set(last, m[2] ?? '');
    }
    const list = (name: string) => (fields.get(name) ?? '').split(/\s+/).filter(Boolean);
    if (!fields.has('uris')) continue;
    const signedBy = fields.get('signed-by')?.trim();
    entries.push({
      types: list('types'),
      uris: list('uris'),
      suites: list('suites'),
      components: list('components'),
      // An inline key block cannot be given as a path: apt's own keyrings are tried instead.
      signedBy: signedBy && !signedBy.includes('\n') ? signedBy : undefined,
      enabled: (fields.get('enabled') ?? 'yes').trim().toLowerCase() !== 'no',
    });
  }
  return entries;
}

/** The first enabled `deb` entry of a Debian release suite with `main` (not -security, -updates or -backports). */
export function debianMirror(entries: Entry[]): AptMirror | undefined {
  for (const e of entries) {
    if (!e.enabled || !e.types.includes('deb') || !e.components.includes('main')) continue;
    if (!e.suites.some((s) => DEBIAN_SUITES.has(s))) continue;
    const uri = e.uris.find((u) => /^(https?|file|mirror\+\w+):/.test(u));
    if (uri) return { uri, signedBy: e.signedBy };
  }
  return undefined;
}

/** apt's sources.list line for a suite on that mirror, for the private list (fetch.ts). */
export function privateSourcesList(mirror: AptMirror, suite: string): string {
  const options = mirror.signedBy ? ` [signed-by=${mirror.signedBy}]` : '';
  return `deb${options} ${mirror.uri} ${suite} main\n`;
}
