import { z } from 'zod';
import { fieldsOf } from '../flags/field.js';
import { SMOKE_FLAGS } from '../flags/smoke.js';

export const smokeOptions = z.object(fieldsOf(SMOKE_FLAGS));
export type SmokeOptions = z.output<typeof smokeOptions>;
