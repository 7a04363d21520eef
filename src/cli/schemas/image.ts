import { z } from 'zod';
import { fieldsOf } from '../flags/field.js';
import { IMAGE_BUILD_LOCAL_FLAGS } from '../flags/image.js';

export const imageBuildLocalOptions = z.object(fieldsOf(IMAGE_BUILD_LOCAL_FLAGS));
export type ImageBuildLocalOptions = z.output<typeof imageBuildLocalOptions>;
