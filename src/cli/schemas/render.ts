import { z } from 'zod';
import { jsonField, specField } from './common.js';

export const renderOptions = z.object({
  ...specField,
  ...jsonField,
  out: z.string().optional(),
  templates: z.string().optional(),
  force: z.boolean().default(false),
});
export type RenderOptions = z.output<typeof renderOptions>;
