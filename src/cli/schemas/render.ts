import { z } from 'zod';
import { jsonField, specField } from './common.js';
import { RENDER_TARGETS } from '../../render/targets.js';

export const renderOptions = z.object({
  ...specField,
  ...jsonField,
  target: z.enum(RENDER_TARGETS).default('compose'),
  out: z.string().optional(),
  templates: z.string().optional(),
  force: z.boolean().default(false),
});
export type RenderOptions = z.output<typeof renderOptions>;
