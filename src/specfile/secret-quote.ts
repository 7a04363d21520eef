/**
 * A password as a redis.conf argument. Redis splits config lines like sdssplitargs(): a bare
 * word ends at whitespace and a quote anywhere opens a quoted string, so a password with
 * whitespace, a quote or a backslash is written double-quoted with `\\`, `\"` and `\xHH` escapes
 * (the forms sdssplitargs reads back byte for byte). Generated passwords need none of this.
 */
export function confValue(password: string): string {
  if (!/[\s"'\\]/.test(password) && isPrintable(password)) return password;
  let out = '"';
  for (const byte of Buffer.from(password, 'utf8')) {
    if (byte === 0x22) out += '\\"';
    else if (byte === 0x5c) out += '\\\\';
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `${out}"`;
}

/**
 * A password as a docker compose .env value: single quotes keep everything literal (no `$`
 * interpolation, no `#` comment); a password holding a single quote is double-quoted with
 * `\\`, `\"` and `$$` escapes.
 */
export function envValue(password: string): string {
  if (/^[A-Za-z0-9_.~+/=-]+$/.test(password)) return password;
  if (!password.includes("'")) return `'${password}'`;
  return `"${password.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$/g, '$$$$')}"`;
}

// eslint-disable-next-line no-control-regex
const isPrintable = (s: string) => !/[\u0000-\u001f\u007f-\u009f]/.test(s);
