import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';

/** The official compose-spec schema, from the shared folder beside the repository. */
export const COMPOSE_SCHEMA_PATH = resolve(import.meta.dirname, '../../../shared/schemas/compose-spec.json');

export function composeValidator(): (doc: unknown) => string[] {
  const schema = JSON.parse(readFileSync(COMPOSE_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  // ajv knows draft-07 under its http id only.
  delete schema.$schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(schema);
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`));
}
