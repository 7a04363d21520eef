/** A value `html` can interpolate: markup already built, text and figures to escape, nothing (''), or a list of these. */
export type Interpolation = Safe | string | number | bigint | boolean | null | undefined | readonly Interpolation[];

/** Text for an HTML element or a quoted attribute: every value that reaches the page goes through here. */
export function esc(value: string | number | bigint | boolean | null | undefined): string {
  return (value === null || value === undefined ? '' : String(value)).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON inside <script type="application/json">: `<` is written \u003c so no value can close the
 * element (`</script>`) or open a comment; U+2028/9 are escaped for older parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A tagged template whose interpolations are escaped unless already built with `html` (a `Safe`). */
export class Safe {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Trusted text (our own CSS and scripts, JSON already made safe by jsonForScript), inserted as it is. */
export const raw = (text: string): Safe => new Safe(text);

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Safe {
  // A tagged template has one more string than values: strings[i + 1] follows values[i].
  return new Safe(values.reduce<string>((out, v, i) => out + render(v) + (strings[i + 1] ?? ''), strings[0] ?? ''));
}

function render(v: Interpolation): string {
  if (v instanceof Safe) return v.text;
  // Past Safe, the only object an Interpolation can be is a list (Array.isArray does not narrow a readonly one).
  if (typeof v === 'object' && v !== null) return v.map(render).join('');
  if (v === undefined || v === null || v === false) return '';
  return esc(v);
}
