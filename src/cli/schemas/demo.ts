import { z } from 'zod';
import { DEMO_FLAGS } from '../flags/demo.js';
import { fieldsOf } from '../flags/field.js';

export const demoOptions = z.object(fieldsOf(DEMO_FLAGS));
export type DemoOptions = z.output<typeof demoOptions>;
