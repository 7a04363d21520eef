import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { z } from 'zod';
import { ArcError } from '../errors/index.js';
import { errorMessage } from '../errors/thrown.js';

/** schemas/ at the package root (dist/render/ or src/render/ -> ../../schemas); see schemas/README.md. */
export const COMPOSE_SCHEMA_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../schemas/compose-spec.json');

let compiled: ValidateFunction | undefined;

/** Compiled once per process, on first use: the schema is large and `--help` must stay fast. */
function validator(): ValidateFunction {
  if (compiled) return compiled;
  const schema = z.record(z.string(), z.unknown()).parse(JSON.parse(readFileSync(COMPOSE_SCHEMA_PATH, 'utf8')));
  // ajv knows draft-07 under its http id only.
  delete schema.$schema;
  compiled = new Ajv({ strict: false, allErrors: true }).compile(schema);
  return compiled;
}

/** Every schema problem of a parsed compose document, as `/json/path: message`. */
export function composeProblems(doc: unknown): string[] {
  const validate = validator();
  return validate(doc) ? [] : (validate.errors ?? []).map(describe);
}

/**
 * Throw one line naming the file and the JSON path when a rendered compose file would not be
 * accepted by `docker compose` (a user's --templates can break it).
 */
export function checkComposeText(text: string, label: string): void {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new ArcError(`${label}: not valid YAML (${errorMessage(err).split('\n')[0]}); fix the template it was rendered from`);
  }
  const problems = composeProblems(doc);
  if (problems.length) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new ArcError(`${label}: invalid compose file at ${problems[0]}${more}; fix the template it was rendered from`);
  }
}

function describe(e: ErrorObject): string {
  const extra = e.keyword === 'additionalProperties' ? ` '${String(e.params.additionalProperty)}'` : '';
  return `${e.instancePath || '/'}: ${e.message ?? 'invalid'}${extra}`;
}
