/** Text for an HTML element or a quoted attribute: every value that reaches the page goes through here. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON inside <script type="application/json">: `<` is written \u003c so no value can close the
 * element (`</script>`) or open a comment; U+2028/9 are escaped for older parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
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

export function html(strings: TemplateStringsArray, ...values: unknown[]): Safe {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Safe(out);
}

function render(v: unknown): string {
  if (v instanceof Safe) return v.text;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === undefined || v === null || v === false) return '';
  return esc(v);
}
