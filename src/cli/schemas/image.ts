import { z } from 'zod';
import { jsonField } from './common.js';

export const imageBuildLocalOptions = z.object({ ...jsonField, tag: z.string().optional() });
export type ImageBuildLocalOptions = z.output<typeof imageBuildLocalOptions>;
