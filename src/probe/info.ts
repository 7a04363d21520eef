/** `INFO` (and `CLUSTER INFO`) text as key -> value; section headers and blank lines are dropped. */
export type Info = Record<string, string>;

export function parseInfo(text: string): Info {
  const info: Info = {};
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon > 0) info[line.slice(0, colon)] = line.slice(colon + 1);
  }
  return info;
}

export const infoString = (info: Info, key: string): string | undefined => info[key];

/** A numeric field, or undefined when absent or not a number. */
export function infoNumber(info: Info, key: string): number | undefined {
  const value = info[key];
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** `ip=127.0.0.1,port=6381,state=online` (INFO's slaveN / masterN lines) as key -> value. */
export function parseInfoFields(value: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const pair of value.split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0) fields[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return fields;
}

/** Keys `prefix0`, `prefix1`, ... in order (INFO numbers its repeated entries). */
export function infoSeries(info: Info, prefix: string): string[] {
  const values: string[] = [];
  for (let i = 0; ; i++) {
    const value = info[`${prefix}${i}`];
    if (value === undefined) return values;
    values.push(value);
  }
}

/** A RESP2 flat `[k1, v1, k2, v2, ...]` reply (SENTINEL MASTER / REPLICAS entries) as key -> value. */
export function pairsToRecord(reply: unknown): Record<string, string> {
  const record: Record<string, string> = {};
  if (!Array.isArray(reply)) return record;
  for (let i = 0; i + 1 < reply.length; i += 2) record[String(reply[i])] = String(reply[i + 1]);
  return record;
}
