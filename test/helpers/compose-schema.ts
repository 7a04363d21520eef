import { composeProblems } from '../../src/render/compose-schema.js';

/** The compose-spec schema shipped in schemas/ (the same check `render` runs). */
export function composeValidator(): (doc: unknown) => string[] {
  return composeProblems;
}
