/**
 * The `{node}` `{host}` `{port}` `{role}` placeholders of `--fault-cmd` / `--heal-cmd`: which
 * names exist, which values may stand for them, and how they reach the shell.
 */
import { closest, distance } from 'fastest-levenshtein';
import { printableValue } from '../../errors/printable.js';

export const PLACEHOLDER_NAMES = ['node', 'host', 'port', 'role'] as const;
export type Placeholders = Record<(typeof PLACEHOLDER_NAMES)[number], string>;

const PLACEHOLDER = /\{(node|host|port|role)\}/g;
/** A word in braces not after `$` (`${HOME}` is the shell's) or `\` (a literal brace): `{print $1}` or `{a,b}` are not words. */
const BRACED_WORD = /(?<![$\\])\{([A-Za-z_][\w-]*)\}/g;
/**
 * What a value may hold: the characters of host names, IP addresses (IPv6 in brackets, a zone
 * after %), ports, node ids and roles, none of which any shell acts on at any depth of quoting.
 */
const LITERAL_VALUE = /^[\w.:%@+=,/[\]-]*$/;

/** The line refusing a placeholder redis-arc does not know, or undefined when all are known. */
export function unknownPlaceholder(flag: string, template: string): string | undefined {
  for (const m of template.matchAll(BRACED_WORD)) {
    const name = m[1] ?? '';
    if ((PLACEHOLDER_NAMES as readonly string[]).includes(name)) continue;
    const near = closest(name.toLowerCase(), [...PLACEHOLDER_NAMES]);
    const hint = distance(name.toLowerCase(), near) <= 2 ? ` (did you mean {${near}}?)` : '';
    return (
      `${flag}: unknown placeholder {${printableValue(name.slice(0, 40))}}${hint}; ` +
      `the placeholders are ${PLACEHOLDER_NAMES.map((n) => `{${n}}`).join(' ')} (a literal one: \\{word})`
    );
  }
  return undefined;
}

/**
 * The line refusing a value that a shell would act on, or undefined when every value is literal.
 * The values come from what the topology announces (an attached Sentinel's master address): a
 * value holding `$(...)` reaches a nested `sh -c '...'` or `ssh host '...'` as code however it is
 * quoted here, so such a value is never substituted, and no real host or node name holds one.
 */
export function unsafeValue(flag: string, values: Placeholders): string | undefined {
  for (const name of PLACEHOLDER_NAMES) {
    const value = values[name];
    if (LITERAL_VALUE.test(value)) continue;
    const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
    return (
      `${flag}: {${name}} would be '${printableValue(shown)}', which holds characters a shell acts on; no host or node name does, ` +
      'so the command was not run: check the addresses the topology announces (SENTINEL MASTERS, CLUSTER NODES)'
    );
  }
  return undefined;
}

/**
 * The command run: each placeholder becomes a reference to an environment variable
 * (REDIS_ARC_NODE ...), never the value itself, so the outer shell expands it and never parses it.
 * The reference is quoted to suit the placeholder's place (bare, inside "..." or inside '...'), so
 * the value stays one word. (Inside '...' the value is in the text a nested shell parses: that
 * is why `unsafeValue` refuses values a shell would act on.) The same variables are there for scripts.
 */
export function toScript(template: string): string {
  let out = '';
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < template.length; i++) {
    const m = /^\{(node|host|port|role)\}/.exec(template.slice(i));
    if (m) {
      const v = `\${REDIS_ARC_${m[0].slice(1, -1).toUpperCase()}}`;
      out += quote === '"' ? v : quote === "'" ? `'"${v}"'` : `"${v}"`;
      i += m[0].length - 1;
      continue;
    }
    const ch = template.charAt(i);
    if (ch === '\\' && quote !== "'") {
      out += template.slice(i, i + 2);
      i++;
      continue;
    }
    if ((ch === "'" || ch === '"') && (quote === '' || quote === ch)) quote = quote ? '' : ch;
    out += ch;
  }
  return out;
}

/** A value as one shell word: single quotes, and a quote inside written '\''. */
const shellQuote = (v: string): string => `'${v.replaceAll("'", `'\\''`)}'`;

/** What the command amounts to, for the record: the values shell-quoted in place. */
export function expandForDisplay(template: string, values: Placeholders): string {
  return template.replace(PLACEHOLDER, (_m, name: keyof Placeholders) => shellQuote(values[name]));
}

/** The values as the environment variables the script refers to. */
export const placeholderEnv = (values: Placeholders): Record<string, string> => ({
  REDIS_ARC_NODE: values.node,
  REDIS_ARC_HOST: values.host,
  REDIS_ARC_PORT: values.port,
  REDIS_ARC_ROLE: values.role,
});
