import { z } from 'zod';
import { fieldsOf } from '../flags/field.js';
import { RENDER_FLAGS } from '../flags/render.js';

export const renderOptions = z.object(fieldsOf(RENDER_FLAGS));
export type RenderOptions = z.output<typeof renderOptions>;
