import { z } from 'zod';
import { fieldsOf } from '../flags/field.js';
import { UP_FLAGS } from '../flags/up.js';

export const upOptions = z.object(fieldsOf(UP_FLAGS));
export type UpOptions = z.output<typeof upOptions>;
